/**
 * A layered (Sugiyama-style) layout in linear passes, fast enough for 5,000 nodes on the page's thread:
 * importers above what they import, cycles broken by turning their back edges, rows ordered by the
 * barycentre of their neighbours with a folder's nodes kept side by side, wide layers wrapped into
 * several rows. Packages and services sit in the rows below the modules; nodes without any edge in a
 * block at the bottom. Pure and deterministic: the same graph always gets the same picture.
 */
export interface LayoutInput {
  nodes: readonly { id: string; group: string; radius: number; label: string; external: boolean }[];
  edges: readonly { from: number; to: number }[];
}

export interface LayoutResult {
  x: Float64Array;
  y: Float64Array;
  /** Bounds of the drawing (node centres plus radius). */
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  layers: number;
}

export interface LayoutOptions {
  /** Room for a label below each node: on small graphs labels are always drawn. */
  labels?: boolean;
  /** Sweeps of the crossing reduction. */
  sweeps?: number;
}

const GAP = 14;
const ROW_GAP = 70;
const LABEL_CHAR_WIDTH = 7;
const LABEL_GAP = 6;

export function layeredLayout(input: LayoutInput, options: LayoutOptions = {}): LayoutResult {
  const count = input.nodes.length;
  const labels = options.labels ?? count <= 250;
  const sweeps = options.sweeps ?? 4;
  const outgoing: number[][] = Array.from({ length: count }, () => []);
  const incoming: number[][] = Array.from({ length: count }, () => []);
  const degree = new Uint32Array(count);
  for (const { from, to } of input.edges) {
    if (from === to) continue;
    degree[from]++;
    degree[to]++;
    if (input.nodes[from].external || input.nodes[to].external) continue;
    outgoing[from].push(to);
    incoming[to].push(from);
  }

  const internal: number[] = [];
  const externals: number[] = [];
  const isolated: number[] = [];
  input.nodes.forEach((node, index) => {
    if (degree[index] === 0) isolated.push(index);
    else if (node.external) externals.push(index);
    else internal.push(index);
  });

  const layer = assignLayers(internal, outgoing, incoming, input);
  let layerCount = 0;
  for (const index of internal) layerCount = Math.max(layerCount, layer[index] + 1);
  const rows: number[][] = Array.from({ length: layerCount }, () => []);
  // Start from folder, then name order: stable, and a folder's modules already sit together.
  const byName = (a: number, b: number) => compare(input.nodes[a].group, input.nodes[b].group) || compare(input.nodes[a].label, input.nodes[b].label) || compare(input.nodes[a].id, input.nodes[b].id);
  for (const index of [...internal].sort(byName)) rows[layer[index]].push(index);

  const position = new Float64Array(count);
  const place = (row: readonly number[]) => row.forEach((index, order) => (position[index] = row.length > 1 ? order / (row.length - 1) : 0.5));
  rows.forEach(place);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    const down = sweep % 2 === 0;
    for (let step = 1; step < rows.length; step++) {
      const row = rows[down ? step : rows.length - 1 - step];
      orderByBarycentre(row, down ? incoming : outgoing, position, input);
      place(row);
    }
  }

  // Externals: one band below, ordered by the barycentre of the modules that use them.
  const externalIncoming: number[][] = Array.from({ length: count }, () => []);
  for (const { from, to } of input.edges) if (input.nodes[to].external && !input.nodes[from].external) externalIncoming[to].push(from);
  const externalRow = [...externals].sort(byName);
  orderByBarycentre(externalRow, externalIncoming, position, input);
  const isolatedRow = [...isolated].sort(byName);

  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const widthOf = (index: number) => 2 * input.nodes[index].radius + GAP + (labels ? LABEL_GAP + Math.max(0, input.nodes[index].label.length * LABEL_CHAR_WIDTH - 2 * input.nodes[index].radius) : 0);
  // Wrap any row wider than a roughly square drawing would be.
  const totalWidth = input.nodes.reduce((sum, _node, index) => sum + widthOf(index), 0);
  const maxRowWidth = Math.max(900, Math.sqrt(totalWidth * ROW_GAP) * 1.6);
  let top = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  const layOutRow = (row: readonly number[]) => {
    for (const line of wrap(row, widthOf, maxRowWidth)) {
      const lineWidth = line.reduce((sum, index) => sum + widthOf(index), 0);
      let left = -lineWidth / 2;
      let tallest = 0;
      for (const index of line) {
        const width = widthOf(index);
        x[index] = left + width / 2;
        y[index] = top;
        left += width;
        tallest = Math.max(tallest, input.nodes[index].radius);
        minX = Math.min(minX, x[index] - width / 2);
        maxX = Math.max(maxX, x[index] + width / 2);
      }
      top += ROW_GAP + 2 * tallest;
    }
  };
  rows.forEach(layOutRow);
  if (externalRow.length) {
    top += ROW_GAP / 2;
    layOutRow(externalRow);
  }
  if (isolatedRow.length) {
    top += ROW_GAP / 2;
    layOutRow(isolatedRow);
  }
  if (count === 0) return { x, y, bounds: { minX: 0, minY: 0, maxX: 0, maxY: 0 }, layers: 0 };
  let minY = Infinity;
  let maxY = -Infinity;
  for (let index = 0; index < count; index++) {
    minY = Math.min(minY, y[index] - input.nodes[index].radius);
    maxY = Math.max(maxY, y[index] + input.nodes[index].radius + (labels ? 16 : 0));
  }
  return { x, y, bounds: { minX, minY, maxX, maxY }, layers: layerCount };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Longest path from the sources, after a depth-first search has turned every back edge (so cycles
 * cannot make the layering loop). Iterative: deep import chains cannot overflow the stack.
 */
function assignLayers(internal: readonly number[], outgoing: number[][], incoming: number[][], input: LayoutInput): Int32Array {
  const count = input.nodes.length;
  const state = new Uint8Array(count); // 0 new, 1 on the stack, 2 done
  const reversed = new Set<number>(); // from * count + to of the turned edges
  const roots = [...internal].sort((a, b) => incoming[a].length - incoming[b].length || compare(input.nodes[a].id, input.nodes[b].id));
  for (const root of roots) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [node, next] = top;
      if (next < outgoing[node].length) {
        top[1]++;
        const target = outgoing[node][next];
        if (state[target] === 1) reversed.add(node * count + target);
        else if (state[target] === 0) {
          state[target] = 1;
          stack.push([target, 0]);
        }
      } else {
        state[node] = 2;
        stack.pop();
      }
    }
  }
  // Kahn's algorithm over the acyclic edges.
  const inDegree = new Uint32Array(count);
  const successors: number[][] = Array.from({ length: count }, () => []);
  for (const from of internal) {
    for (const to of outgoing[from]) {
      const [a, b] = reversed.has(from * count + to) ? [to, from] : [from, to];
      successors[a].push(b);
      inDegree[b]++;
    }
  }
  const layer = new Int32Array(count);
  const queue = internal.filter((index) => inDegree[index] === 0);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const next of successors[node]) {
      layer[next] = Math.max(layer[next], layer[node] + 1);
      if (--inDegree[next] === 0) queue.push(next);
    }
  }
  return layer;
}

/** Sorts a row by its neighbours' mean position, keeping each folder's nodes together (ordered by the folder's mean). */
function orderByBarycentre(row: number[], neighbours: number[][], position: Float64Array, input: LayoutInput): void {
  const key = new Map<number, number>();
  const groupSum = new Map<string, [number, number]>();
  for (const index of row) {
    const around = neighbours[index];
    const value = around.length ? around.reduce((sum, other) => sum + position[other], 0) / around.length : position[index];
    key.set(index, value);
    const group = input.nodes[index].group;
    const sum = groupSum.get(group) ?? [0, 0];
    sum[0] += value;
    sum[1]++;
    groupSum.set(group, sum);
  }
  const groupKey = (index: number) => {
    const [sum, members] = groupSum.get(input.nodes[index].group)!;
    return sum / members;
  };
  row.sort((a, b) => groupKey(a) - groupKey(b) || compare(input.nodes[a].group, input.nodes[b].group) || key.get(a)! - key.get(b)! || compare(input.nodes[a].id, input.nodes[b].id));
}

function wrap(row: readonly number[], widthOf: (index: number) => number, maxWidth: number): number[][] {
  const lines: number[][] = [];
  let line: number[] = [];
  let width = 0;
  for (const index of row) {
    const next = widthOf(index);
    if (line.length && width + next > maxWidth) {
      lines.push(line);
      line = [];
      width = 0;
    }
    line.push(index);
    width += next;
  }
  if (line.length) lines.push(line);
  return lines;
}
