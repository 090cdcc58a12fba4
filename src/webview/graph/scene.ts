import type { GraphSeverity } from '../../shared/graphModel';
import { layeredLayout } from './layout';
import type { VisibleGraph, VisibleKind, VisibleNode } from './viewModel';

/** The visible graph with positions and sizes: what the canvas and the SVG export draw. Pure. */
export interface SceneNode {
  id: string;
  kind: VisibleKind;
  x: number;
  y: number;
  radius: number;
  label: string;
  severity?: GraphSeverity;
  cyclic: boolean;
  source: VisibleNode;
}

export interface SceneEdge {
  from: number;
  to: number;
  cyclic: boolean;
  count: number;
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
  index: Map<string, number>;
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  /** Whether the layout left room for every label (small graphs). */
  roomForLabels: boolean;
  /** Edges in and out of each node, by node index. */
  neighbours: number[][];
}

/** Size shows weight: a module grows with its findings, a folder with its modules and findings. */
export function radiusOf(node: VisibleNode): number {
  switch (node.kind) {
    case 'module':
      return Math.min(22, 6 + 2.4 * Math.sqrt(node.findings));
    case 'folder':
      return Math.min(36, 10 + 1.6 * Math.sqrt(node.members) + 1.2 * Math.sqrt(node.findings));
    case 'service':
      return 9;
    case 'package':
      return 5;
  }
}

export function buildScene(graph: VisibleGraph): Scene {
  const index = new Map<string, number>();
  graph.nodes.forEach((node, position) => index.set(node.id, position));
  const edges: SceneEdge[] = graph.edges.map((edge) => ({ from: index.get(edge.from)!, to: index.get(edge.to)!, cyclic: edge.cyclic, count: edge.count }));
  const radii = graph.nodes.map(radiusOf);
  const roomForLabels = graph.nodes.length <= 250;
  const layout = layeredLayout(
    {
      nodes: graph.nodes.map((node, position) => ({ id: node.id, group: node.group, radius: radii[position], label: node.label, external: node.kind === 'package' || node.kind === 'service' })),
      edges,
    },
    { labels: roomForLabels },
  );
  const nodes: SceneNode[] = graph.nodes.map((node, position) => ({
    id: node.id,
    kind: node.kind,
    x: layout.x[position],
    y: layout.y[position],
    radius: radii[position],
    label: node.label,
    severity: node.severity,
    cyclic: node.cyclic,
    source: node,
  }));
  const neighbours: number[][] = nodes.map(() => []);
  edges.forEach((edge, position) => {
    neighbours[edge.from].push(position);
    neighbours[edge.to].push(position);
  });
  return { nodes, edges, index, bounds: layout.bounds, roomForLabels, neighbours };
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * Keyboard navigation on the drawing: the nearest node in the direction of the arrow key, preferring
 * nodes close to the axis (a node straight below beats a nearer one far to the side).
 */
export function nearestInDirection(scene: Scene, from: number, direction: Direction): number | undefined {
  const origin = scene.nodes[from];
  if (!origin) return undefined;
  let best: number | undefined;
  let bestScore = Infinity;
  scene.nodes.forEach((node, position) => {
    if (position === from) return;
    const dx = node.x - origin.x;
    const dy = node.y - origin.y;
    const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0.5) return;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = position;
    }
  });
  return best;
}
