import * as path from 'node:path';
import {
  GRAPH_MODEL_VERSION,
  type GraphEdge,
  type GraphEdgeKind,
  type GraphFinding,
  type GraphModel,
  type GraphModule,
  type GraphPackage,
  type GraphService,
  type GraphSeverity,
} from '../../shared/graphModel';
import type { ServiceKind } from '../assess/catalogue';
import type { Inventory } from '../assess/model';
import type { Finding } from '../types';
import type { ExtractedDependency } from './cruiser';
import { findCycles } from './cycles';

/** One analysed file: its size and what its imports resolved to. */
export interface ModuleRecord {
  size: number;
  /** Content hash, so an unchanged file is not extracted again. */
  hash: string;
  dependencies: ExtractedDependency[];
}

export interface Enrichment {
  findings?: readonly Finding[];
  inventory?: Inventory;
}

export interface DeriveInput {
  root: string;
  records: ReadonlyMap<string, ModuleRecord>;
  /** Sizes of files that are imported but not analysed themselves (JSON, ignored or generated files). */
  leafSizes: ReadonlyMap<string, number>;
  enrichment: Enrichment;
  buildMs: number;
  cached: boolean;
  notes: readonly string[];
}

const EDGE_STRENGTH: Record<GraphEdgeKind, number> = { import: 3, 'dynamic-import': 2, 'type-only': 1, 'uses-service': 0 };
const SEVERITY_RANK: Record<GraphSeverity, number> = { error: 3, warning: 2, information: 1 };

export const moduleId = (file: string) => `module:${file}`;
export const packageId = (name: string) => `package:${name}`;
export const serviceId = (kind: GraphService['kind'], name: string) => `service:${kind}:${name}`;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The plain GraphModel of the current records: a pure function, so a cold build and an update agree. */
export function deriveModel(input: DeriveInput): GraphModel {
  const { records } = input;
  const files = [...records.keys()].sort(compare);
  const moduleFiles = new Set(files);
  const packages = new Map<string, GraphPackage>();
  // One edge per pair of nodes: the strongest kind wins (a file that imports a module and also its types
  // depends on it at run time).
  const edgeKinds = new Map<string, Map<string, GraphEdgeKind>>();
  const unresolved: { from: string; specifier: string }[] = [];
  const addEdge = (from: string, to: string, kind: GraphEdgeKind) => {
    let targets = edgeKinds.get(from);
    if (!targets) edgeKinds.set(from, (targets = new Map()));
    const existing = targets.get(to);
    if (existing === undefined || EDGE_STRENGTH[kind] > EDGE_STRENGTH[existing]) targets.set(to, kind);
  };

  for (const file of files) {
    for (const dependency of records.get(file)!.dependencies) {
      const target = dependency.target;
      if (target.type === 'module') {
        moduleFiles.add(target.file);
        addEdge(moduleId(file), moduleId(target.file), dependency.kind);
      } else if (target.type === 'package') {
        const id = packageId(target.name);
        if (!packages.has(id)) packages.set(id, { id, name: target.name, core: target.core });
        addEdge(moduleId(file), id, dependency.kind);
      } else {
        unresolved.push({ from: moduleId(file), specifier: dependency.specifier });
      }
    }
  }

  const modules: GraphModule[] = [...moduleFiles].sort(compare).map((file) => ({
    id: moduleId(file),
    file,
    folder: folderOf(file),
    size: records.get(file)?.size ?? input.leafSizes.get(file) ?? 0,
    findingsByCategory: {},
    findings: [],
  }));
  addFindings(modules, input.enrichment.findings ?? []);

  const importEdges: GraphEdge[] = [];
  for (const [from, targets] of edgeKinds) for (const [to, kind] of targets) importEdges.push({ from, to, kind });

  const successors = new Map<string, string[]>();
  for (const edge of importEdges) {
    if (!edge.to.startsWith('module:')) continue;
    const list = successors.get(edge.from) ?? [];
    list.push(edge.to);
    successors.set(edge.from, list);
  }
  const moduleIds = modules.map((module) => module.id);
  const { groupOf, cycles } = findCycles(moduleIds, successors);
  for (const edge of importEdges) {
    const group = groupOf.get(edge.from);
    if (group !== undefined && groupOf.get(edge.to) === group) edge.cyclic = true;
  }

  // An import that resolves nowhere is still an import: such a module is broken, not an orphan.
  const connected = new Set<string>(unresolved.map((entry) => entry.from));
  for (const edge of importEdges) {
    connected.add(edge.from);
    connected.add(edge.to);
  }
  const orphans = moduleIds.filter((id) => !connected.has(id));

  const { services, serviceEdges } = servicesOf(input.enrichment.inventory, new Set(moduleIds), importEdges);
  const edges = [...importEdges, ...serviceEdges].sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.kind, b.kind));
  const packageList = [...packages.values()].sort((a, b) => compare(a.id, b.id));
  unresolved.sort((a, b) => compare(a.from, b.from) || compare(a.specifier, b.specifier));

  return {
    version: GRAPH_MODEL_VERSION,
    root: input.root,
    modules,
    packages: packageList,
    services,
    edges,
    cycles,
    orphans,
    unresolved,
    ...(input.notes.length > 0 ? { notes: [...input.notes] } : {}),
    stats: {
      modules: modules.length,
      packages: packageList.length,
      services: services.length,
      edges: edges.length,
      buildMs: Math.round(input.buildMs),
      cached: input.cached,
    },
  };
}

function folderOf(file: string): string {
  const folder = path.posix.dirname(file);
  return folder === '.' ? '' : folder;
}

function addFindings(modules: GraphModule[], findings: readonly Finding[]): void {
  const byFile = new Map(modules.map((module) => [module.file, module]));
  for (const finding of findings) {
    const module = byFile.get(finding.file);
    if (!module) continue;
    const shown: GraphFinding = {
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      message: finding.message,
      line: finding.line,
      column: finding.column,
      fixes: finding.fixes.map((fix) => fix.title),
    };
    module.findings.push(shown);
    module.findingsByCategory[finding.category] = (module.findingsByCategory[finding.category] ?? 0) + 1;
    if (!module.severity || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[module.severity]) module.severity = finding.severity;
  }
  for (const module of modules) module.findings.sort((a, b) => a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId));
}

const SERVICE_KIND: Record<ServiceKind, GraphService['kind']> = {
  database: 'database',
  cache: 'cache',
  queue: 'queue',
  mail: 'mail',
  'object-store': 'storage',
  search: 'database',
  'http-api': 'api',
};

/**
 * Backing services of the assessment's inventory, each with `uses-service` edges from the modules that
 * configure it (a client constructed there, a connection string) and from those that import one of its
 * packages.
 */
function servicesOf(inventory: Inventory | undefined, modules: ReadonlySet<string>, importEdges: readonly GraphEdge[]): { services: GraphService[]; serviceEdges: GraphEdge[] } {
  const services = new Map<string, GraphService>();
  const edges = new Map<string, GraphEdge>();
  const importersOf = new Map<string, string[]>();
  for (const edge of importEdges) {
    if (!edge.to.startsWith('package:')) continue;
    const list = importersOf.get(edge.to) ?? [];
    list.push(edge.from);
    importersOf.set(edge.to, list);
  }
  for (const app of inventory?.apps ?? []) {
    for (const service of app.services) {
      const kind = SERVICE_KIND[service.kind] ?? 'other';
      const id = serviceId(kind, service.name);
      services.set(id, { id, name: service.name, kind });
      const users = new Set<string>();
      for (const location of service.configuredAt) if (modules.has(moduleId(location.file))) users.add(moduleId(location.file));
      for (const name of service.packages) for (const importer of importersOf.get(packageId(name)) ?? []) users.add(importer);
      for (const from of users) edges.set(`${from}\n${id}`, { from, to: id, kind: 'uses-service' });
    }
  }
  return { services: [...services.values()].sort((a, b) => compare(a.id, b.id)), serviceEdges: [...edges.values()] };
}
