import type { GraphEdge, GraphModel, GraphModule, GraphSeverity } from '../../shared/graphModel';

const SEVERITY_FILL: Record<GraphSeverity, string> = { error: '#f8c4c4', warning: '#fbe3a6', information: '#cfe3fb' };
const SEVERITY_PEN: Record<GraphSeverity, string> = { error: '#c62828', warning: '#b26a00', information: '#1e63b5' };
const SERVICE_SHAPE: Record<string, string> = { database: 'cylinder', cache: 'cylinder', storage: 'folder', queue: 'cds', mail: 'note', api: 'component', other: 'hexagon' };
const EDGE_STYLE: Record<GraphEdge['kind'], string> = { import: 'solid', 'dynamic-import': 'dotted', 'type-only': 'dashed', 'uses-service': 'bold' };

/** A DOT string literal: quotes and backslashes escaped, line breaks kept as DOT line breaks. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

function attributes(values: Record<string, string | undefined>): string {
  const parts = Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${quote(value)}`);
  return parts.length > 0 ? ` [${parts.join(', ')}]` : '';
}

function moduleNode(module: GraphModule, indent: string): string {
  const counts = Object.values(module.findingsByCategory).reduce((sum, count) => sum + count, 0);
  const name = module.file.slice(module.folder ? module.folder.length + 1 : 0);
  return `${indent}${quote(module.id)}${attributes({
    label: counts > 0 ? `${name}\n${counts} finding${counts === 1 ? '' : 's'}` : name,
    tooltip: module.findings.length > 0 ? `${module.file}\n${module.findings.map((finding) => `${finding.line}:${finding.column} ${finding.ruleId}: ${finding.message}`).join('\n')}` : module.file,
    fillcolor: module.severity ? SEVERITY_FILL[module.severity] : '#ffffff',
    color: module.severity ? SEVERITY_PEN[module.severity] : '#555555',
  })};`;
}

/**
 * The graph as a Graphviz file: one cluster per folder, modules filled by their worst finding's severity,
 * packages and services as their own shapes, edges dashed (type-only) or dotted (dynamic import), and every
 * edge of a cycle red.
 */
export function formatGraphDot(model: GraphModel): string {
  const lines = [
    'digraph cloudward {',
    `  graph${attributes({ rankdir: 'LR', splines: 'true', overlap: 'false', fontname: 'Helvetica', label: `${model.root}: ${model.stats.modules} modules, ${model.cycles.length} cycles`, labelloc: 't' })};`,
    `  node${attributes({ shape: 'box', style: 'rounded,filled', fontname: 'Helvetica', fontsize: '10' })};`,
    `  edge${attributes({ color: '#777777', arrowsize: '0.6' })};`,
  ];
  const byFolder = new Map<string, GraphModule[]>();
  for (const module of model.modules) {
    const list = byFolder.get(module.folder) ?? [];
    list.push(module);
    byFolder.set(module.folder, list);
  }
  let clusterIndex = 0;
  for (const [folder, modules] of [...byFolder].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (folder === '') {
      for (const module of modules) lines.push(moduleNode(module, '  '));
      continue;
    }
    lines.push(`  subgraph ${quote(`cluster_${clusterIndex++}`)} {`);
    lines.push(`    graph${attributes({ label: `${folder}/`, style: 'rounded', color: '#bbbbbb', fontcolor: '#555555' })};`);
    for (const module of modules) lines.push(moduleNode(module, '    '));
    lines.push('  }');
  }
  for (const item of model.packages) {
    lines.push(`  ${quote(item.id)}${attributes({ label: item.name, shape: item.core ? 'plain' : 'box3d', style: 'filled', fillcolor: item.core ? '#f4f4f4' : '#eeeeee', tooltip: item.core ? `Node.js core module ${item.name}` : `package ${item.name}` })};`);
  }
  for (const service of model.services) {
    lines.push(`  ${quote(service.id)}${attributes({ label: `${service.name}\n(${service.kind})`, shape: SERVICE_SHAPE[service.kind] ?? 'hexagon', style: 'filled', fillcolor: '#e3f2e1', color: '#2e7d32' })};`);
  }
  for (const edge of model.edges) {
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${attributes({ style: EDGE_STYLE[edge.kind], color: edge.cyclic ? '#d32f2f' : edge.kind === 'uses-service' ? '#2e7d32' : undefined, penwidth: edge.cyclic ? '2' : undefined, tooltip: edge.kind })};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
