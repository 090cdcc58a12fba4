import type { GraphEdgeKind, GraphModel, GraphModule, GraphSeverity } from '../../shared/graphModel';
import type { GraphViewState } from '../../shared/protocol';

/**
 * What the view shows of a GraphModel: modules, or whole folders folded into one node, filtered and searched,
 * with the edges between what is left counted. Pure (no DOM), so it is unit-tested in Node.
 */
export type VisibleKind = 'module' | 'folder' | 'package' | 'service';

export interface VisibleNode {
  id: string;
  kind: VisibleKind;
  /** Short name drawn beside the node. */
  label: string;
  /** Full name: the module's path, the folder's path, the package's or service's name. */
  title: string;
  /** The folder the node sits in, for grouping ('' at the root; externals have none). */
  group: string;
  severity?: GraphSeverity;
  /** Findings of the shown modules it stands for. */
  findings: number;
  /** Modules it stands for (1 for a module, 0 for externals). */
  members: number;
  /** On an import cycle (a folder: one of its modules is). */
  cyclic: boolean;
  /** Set for a module node. */
  module?: GraphModule;
  /** A core Node module (`fs`), for packages. */
  core?: boolean;
}

export interface VisibleEdge {
  from: string;
  to: string;
  /** Model edges folded into this one. */
  count: number;
  cyclic: boolean;
  kind: GraphEdgeKind;
}

export interface VisibleGraph {
  nodes: VisibleNode[];
  edges: VisibleEdge[];
  /** Modules that pass the filters and the search (shown alone or inside a folder node). */
  shownModules: number;
  totalModules: number;
}

export const DEFAULT_VIEW: GraphViewState = { collapsed: [], query: '', folder: '', category: '', onlyWithFindings: false, hideExternals: false };

/** A view state read back from storage, with every field checked: a wrong or missing one takes its default. */
export function restoredView(saved: unknown): GraphViewState {
  const value = (saved && typeof saved === 'object' ? saved : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : '');
  const flag = (key: string) => value[key] === true;
  const camera = value.camera as Record<string, unknown> | undefined;
  const finite = (entry: unknown): entry is number => typeof entry === 'number' && Number.isFinite(entry);
  return {
    collapsed: Array.isArray(value.collapsed) ? value.collapsed.filter((entry): entry is string => typeof entry === 'string') : [],
    query: text('query'),
    folder: text('folder'),
    category: text('category'),
    onlyWithFindings: flag('onlyWithFindings'),
    hideExternals: flag('hideExternals'),
    ...(typeof value.selected === 'string' ? { selected: value.selected } : {}),
    ...(camera && finite(camera.x) && finite(camera.y) && finite(camera.zoom) && camera.zoom > 0 ? { camera: { x: camera.x, y: camera.y, zoom: camera.zoom } } : {}),
  };
}

const SEVERITY_RANK: Record<GraphSeverity, number> = { error: 3, warning: 2, information: 1 };

export function worseSeverity(a: GraphSeverity | undefined, b: GraphSeverity | undefined): GraphSeverity | undefined {
  if (!a) return b;
  if (!b) return a;
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export const folderNodeId = (folder: string) => `folder:${folder}`;

/** Every folder that holds a module, with its ancestors, and how many modules each holds (all levels below). */
export function folderSizes(model: GraphModel): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const module of model.modules) {
    for (const folder of ancestorsOf(module.folder)) sizes.set(folder, (sizes.get(folder) ?? 0) + 1);
  }
  return sizes;
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`; the root ('') has none. */
export function ancestorsOf(folder: string): string[] {
  if (!folder) return [];
  const parts = folder.split('/');
  return parts.map((_part, index) => parts.slice(0, index + 1).join('/'));
}

export function isInside(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}

/**
 * A first view that stays readable and fast on a large workspace: when there are more modules than `budget`,
 * folders are folded, the largest ones first opened again while the node count stays within the budget.
 */
export function defaultCollapsed(model: GraphModel, budget = 300): string[] {
  if (model.modules.length <= budget) return [];
  const sizes = folderSizes(model);
  const children = new Map<string, string[]>();
  const rootModules = model.modules.filter((module) => module.folder === '').length;
  for (const folder of sizes.keys()) {
    const parent = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '';
    children.set(parent, [...(children.get(parent) ?? []), folder]);
  }
  const directModules = new Map<string, number>();
  for (const module of model.modules) directModules.set(module.folder, (directModules.get(module.folder) ?? 0) + 1);
  // Start from the top-level folders folded; open the biggest folded folder while that keeps within budget.
  const collapsed = new Set(children.get('') ?? []);
  let visible = rootModules + collapsed.size;
  for (;;) {
    const candidates = [...collapsed].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a.localeCompare(b));
    let opened = false;
    for (const folder of candidates) {
      const subfolders = children.get(folder) ?? [];
      const cost = subfolders.length + (directModules.get(folder) ?? 0) - 1;
      if (visible + cost > budget) continue;
      collapsed.delete(folder);
      for (const subfolder of subfolders) collapsed.add(subfolder);
      visible += cost;
      opened = true;
      break;
    }
    if (!opened) break;
  }
  return [...collapsed].sort();
}

/** Splits a search into lower-case terms; a module matches when every term is in its path, or is one of its rule ids or categories. */
export function searchTerms(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function moduleMatches(module: GraphModule, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const file = module.file.toLowerCase();
  return terms.every(
    (term) =>
      file.includes(term) ||
      module.findings.some((finding) => finding.ruleId.toLowerCase() === term || finding.category.toLowerCase() === term),
  );
}

function passesFilters(module: GraphModule, view: GraphViewState, terms: readonly string[]): boolean {
  if (view.folder && !isInside(module.file, view.folder)) return false;
  if (view.category && !module.findingsByCategory[view.category]) return false;
  if (view.onlyWithFindings && module.findings.length === 0) return false;
  return moduleMatches(module, terms);
}

/** The outermost folded folder that holds `folder`, if any. */
function foldedAncestor(folder: string, collapsed: ReadonlySet<string>, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(folder)) return cache.get(folder);
  const found = ancestorsOf(folder).find((ancestor) => collapsed.has(ancestor));
  cache.set(folder, found);
  return found;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1) || path;
const parentOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');

export function visibleGraph(model: GraphModel, view: GraphViewState): VisibleGraph {
  const collapsed = new Set(view.collapsed);
  const terms = searchTerms(view.query);
  const cyclicModules = new Set(model.cycles.flat());
  for (const edge of model.edges) {
    if (edge.cyclic) {
      cyclicModules.add(edge.from);
      cyclicModules.add(edge.to);
    }
  }

  const nodes = new Map<string, VisibleNode>();
  /** Model module id → the node that stands for it. */
  const standsFor = new Map<string, string>();
  const foldCache = new Map<string, string | undefined>();
  let shownModules = 0;
  for (const module of model.modules) {
    if (!passesFilters(module, view, terms)) continue;
    shownModules++;
    const folded = foldedAncestor(module.folder, collapsed, foldCache);
    if (folded === undefined) {
      nodes.set(module.id, {
        id: module.id,
        kind: 'module',
        label: baseName(module.file),
        title: module.file,
        group: module.folder,
        severity: module.severity,
        findings: module.findings.length,
        members: 1,
        cyclic: cyclicModules.has(module.id),
        module,
      });
      standsFor.set(module.id, module.id);
      continue;
    }
    const id = folderNodeId(folded);
    let node = nodes.get(id);
    if (!node) {
      node = { id, kind: 'folder', label: `${baseName(folded)}/`, title: `${folded}/`, group: parentOf(folded), findings: 0, members: 0, cyclic: false };
      nodes.set(id, node);
    }
    node.members++;
    node.findings += module.findings.length;
    node.severity = worseSeverity(node.severity, module.severity);
    node.cyclic ||= cyclicModules.has(module.id);
    standsFor.set(module.id, id);
  }

  const externals = new Map<string, VisibleNode>();
  if (!view.hideExternals) {
    for (const pkg of model.packages) externals.set(pkg.id, { id: pkg.id, kind: 'package', label: pkg.name, title: pkg.name, group: '', findings: 0, members: 0, cyclic: false, core: pkg.core });
    for (const service of model.services) externals.set(service.id, { id: service.id, kind: 'service', label: service.name, title: `${service.name} (${service.kind})`, group: '', findings: 0, members: 0, cyclic: false });
  }

  const edges = new Map<string, VisibleEdge>();
  for (const edge of model.edges) {
    const from = standsFor.get(edge.from);
    if (!from) continue;
    let to = standsFor.get(edge.to);
    if (!to) {
      const external = externals.get(edge.to);
      if (!external) continue;
      nodes.set(external.id, external);
      to = external.id;
    }
    if (from === to) continue;
    const key = `${from}\u0000${to}`;
    const existing = edges.get(key);
    if (existing) {
      existing.count++;
      existing.cyclic ||= Boolean(edge.cyclic);
      if (edge.kind === 'import') existing.kind = 'import';
    } else {
      edges.set(key, { from, to, count: 1, cyclic: Boolean(edge.cyclic), kind: edge.kind });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], shownModules, totalModules: model.modules.length };
}

/** The categories that occur in the model, most frequent first. */
export function categoriesOf(model: GraphModel): { category: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const module of model.modules) for (const [category, count] of Object.entries(module.findingsByCategory)) counts.set(category, (counts.get(category) ?? 0) + count);
  return [...counts].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}
