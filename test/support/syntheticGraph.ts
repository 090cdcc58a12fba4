import { GRAPH_MODEL_VERSION, type GraphEdge, type GraphFinding, type GraphModel, type GraphModule, type GraphSeverity } from '../../src/shared/graphModel';

const CATEGORIES = ['local-fs-write', 'hardcoded-endpoint', 'hardcoded-secret', 'fixed-port', 'in-memory-session-state', 'file-logging', 'os-coupling'];
const SEVERITIES: GraphSeverity[] = ['error', 'warning', 'information'];

/**
 * A deterministic synthetic workspace graph: `count` modules in 20 areas of 6 folders, three imports each
 * (mostly within the area), 1 module in 7 with findings, a cycle every 500 modules, 60 packages, 5 services.
 */
export function syntheticModel(count: number, seed = 7): GraphModel {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const modules: GraphModule[] = [];
  for (let index = 0; index < count; index++) {
    const folder = `src/area${index % 20}/part${Math.floor(index / 20) % 6}`;
    const file = `${folder}/module${index}.ts`;
    const findings: GraphFinding[] = [];
    if (index % 7 === 0) {
      const many = 1 + Math.floor(random() * 4);
      for (let finding = 0; finding < many; finding++) {
        const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)];
        findings.push({ ruleId: `rule-${category}`, category, severity: SEVERITIES[Math.floor(random() * 3)], message: `synthetic ${category} finding ${finding}`, line: 3 + finding * 4, column: 5, fixes: finding % 2 ? [] : [`Fix ${category}`] });
      }
    }
    const findingsByCategory: Record<string, number> = {};
    for (const finding of findings) findingsByCategory[finding.category] = (findingsByCategory[finding.category] ?? 0) + 1;
    const severity = findings.some((finding) => finding.severity === 'error') ? 'error' : findings.some((finding) => finding.severity === 'warning') ? 'warning' : findings.length ? 'information' : undefined;
    modules.push({ id: `module:${file}`, file, folder, size: 1000 + index, findingsByCategory, findings, ...(severity ? { severity } : {}) });
  }
  const edges: GraphEdge[] = [];
  // Imports point to lower indexes only (no accidental cycle), three per module, mostly to the same area.
  for (let index = 1; index < count; index++) {
    const targets = new Set<number>();
    for (let attempt = 0; attempt < 3; attempt++) {
      // Same area: a module 20·k indexes lower (index % 20 is the area); otherwise any lower one.
      const sameArea = index >= 20 && random() < 0.7;
      const target = sameArea ? index - 20 * (1 + Math.floor(random() * Math.floor(index / 20))) : Math.floor(random() * index);
      if (target >= 0 && target < index) targets.add(target);
    }
    for (const target of targets) edges.push({ from: modules[index].id, to: modules[target].id, kind: 'import' });
  }
  const cycles: string[][] = [];
  for (let start = 0; start + 2 < count; start += 500) {
    const members = [modules[start + 2].id, modules[start + 1].id, modules[start].id];
    // start+2 → start+1 → start exist as possible imports; close the loop start → start+2.
    for (const [from, to] of [[members[0], members[1]], [members[1], members[2]], [members[2], members[0]]]) {
      const existing = edges.find((edge) => edge.from === from && edge.to === to);
      if (existing) existing.cyclic = true;
      else edges.push({ from, to, kind: 'import', cyclic: true });
    }
    cycles.push(members);
  }
  const packages = Array.from({ length: 60 }, (_unused, index) => ({ id: `package:${index < 10 ? `node:core${index}` : `package${index}`}`, name: index < 10 ? `node:core${index}` : `package${index}`, core: index < 10 }));
  for (let index = 0; index < count; index++) if (index % 3 === 0) edges.push({ from: modules[index].id, to: packages[Math.floor(random() * packages.length)].id, kind: 'import' });
  const services = (['database', 'cache', 'queue', 'storage', 'mail'] as const).map((kind, index) => ({ id: `service:${kind}:s${index}`, name: `${kind} ${index}`, kind }));
  for (let index = 0; index < count; index += 50) edges.push({ from: modules[index].id, to: services[index % services.length].id, kind: 'uses-service' });
  const imported = new Set(edges.map((edge) => edge.to));
  const importing = new Set(edges.map((edge) => edge.from));
  return {
    version: GRAPH_MODEL_VERSION,
    root: '/synthetic/workspace',
    modules,
    packages,
    services,
    edges,
    cycles,
    orphans: modules.filter((module) => !imported.has(module.id) && !importing.has(module.id)).map((module) => module.id),
    stats: { modules: modules.length, packages: packages.length, services: services.length, edges: edges.length, buildMs: 0 },
  };
}
