/**
 * The dependency graph as plain JSON: built by the engine (src/engine/graph), drawn by the webview
 * (src/webview/graph), written by `cloudward graph --format json`. Kept compact because a 5,000-module
 * graph crosses the webview boundary as one message.
 */
/** The engine's severities and category names, restated: src/shared imports nothing of the engine. */
export type GraphSeverity = 'error' | 'warning' | 'information';
export type GraphCategory = string;

export const GRAPH_MODEL_VERSION = 1;

export interface GraphModel {
  version: typeof GRAPH_MODEL_VERSION;
  /** Absolute path of the analysed folder on the machine that built the graph (display only). */
  root: string;
  modules: GraphModule[];
  packages: GraphPackage[];
  services: GraphService[];
  edges: GraphEdge[];
  /**
   * Each cycle as the module ids along it, in import order (the last imports the first). The engine lists
   * one shortest cycle per strongly connected group and marks every edge inside a group `cyclic`.
   */
  cycles: string[][];
  /** Module ids nothing imports and that import nothing. */
  orphans: string[];
  /**
   * Relative or aliased imports that resolve to no file (a bare name that resolves to nothing is a package
   * that is not installed, listed in `packages`). Optional: added after version 1 was published.
   */
  unresolved?: { from: GraphNodeId; specifier: string }[];
  /** What the builder could not do as asked (a tsconfig it could not read), for the user to see. */
  notes?: string[];
  stats: { modules: number; packages: number; services: number; edges: number; buildMs: number; cached?: boolean };
}

/** Node ids: `module:<relative path>`, `package:<name>`, `service:<kind>:<name>`. */
export type GraphNodeId = string;

export interface GraphModule {
  id: GraphNodeId;
  /** Workspace-relative POSIX path. */
  file: string;
  /** Folder of the file ('' for the root). */
  folder: string;
  /** Size in bytes. */
  size: number;
  /** The worst severity among the module's findings, if any. */
  severity?: GraphSeverity;
  /** Counts of findings by category. */
  findingsByCategory: Record<GraphCategory, number>;
  /** The findings themselves, short enough to show on hover and in the side panel. */
  findings: GraphFinding[];
}

export interface GraphFinding {
  ruleId: string;
  category: GraphCategory;
  severity: GraphSeverity;
  message: string;
  line: number;
  column: number;
  /** Titles of the quick fixes the finding offers. */
  fixes: string[];
}

export interface GraphPackage {
  id: GraphNodeId;
  name: string;
  /** Node core modules (`fs`, `node:http`) are packages with `core: true`. */
  core: boolean;
}

export interface GraphService {
  id: GraphNodeId;
  /** What the assessment inventory calls it: 'PostgreSQL', 'Redis', 'S3'... */
  name: string;
  kind: 'database' | 'cache' | 'queue' | 'storage' | 'mail' | 'api' | 'other';
}

export type GraphEdgeKind = 'import' | 'dynamic-import' | 'type-only' | 'uses-service';

export interface GraphEdge {
  from: GraphNodeId;
  to: GraphNodeId;
  kind: GraphEdgeKind;
  /** Set when the edge is part of a cycle. */
  cyclic?: boolean;
}
