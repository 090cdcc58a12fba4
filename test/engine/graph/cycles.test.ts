import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findCycles } from '../../../src/engine/graph/cycles';

function graphOf(edges: [string, string][]): { nodes: string[]; successors: Map<string, string[]> } {
  const nodes = new Set<string>();
  const successors = new Map<string, string[]>();
  for (const [from, to] of edges) {
    nodes.add(from);
    nodes.add(to);
    successors.set(from, [...(successors.get(from) ?? []), to]);
  }
  return { nodes: [...nodes].sort(), successors };
}

/** Plain reachability, the slow obvious way: the oracle the linear algorithm is checked against. */
function reaches(successors: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [...(successors.get(from) ?? [])];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === to) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...(successors.get(node) ?? []));
  }
  return false;
}

describe('dependency graph: cycles (unit)', () => {
  it('finds one shortest cycle per group, starting at its smallest node, and none in a tree', () => {
    const { nodes, successors } = graphOf([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['c', 'd'],
      ['d', 'e'],
      ['x', 'y'],
      ['y', 'x'],
      ['s', 's'],
    ]);
    const { cycles, groupOf } = findCycles(nodes, successors);
    assert.deepEqual(cycles, [['a', 'b', 'c'], ['s'], ['x', 'y']]);
    assert.equal(groupOf.get('d'), undefined);
    assert.equal(groupOf.get('a'), groupOf.get('c'));
    assert.notEqual(groupOf.get('a'), groupOf.get('x'));
  });

  it('picks the shortest way round a group with several cycles', () => {
    const { nodes, successors } = graphOf([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'a'],
      ['b', 'a'],
    ]);
    assert.deepEqual(findCycles(nodes, successors).cycles, [['a', 'b']]);
  });

  it('survives a 50,000-module chain closed into one cycle (no recursion)', () => {
    const edges: [string, string][] = [];
    const name = (index: number) => `m${String(index).padStart(6, '0')}`;
    for (let index = 0; index < 50_000; index++) edges.push([name(index), name((index + 1) % 50_000)]);
    const { nodes, successors } = graphOf(edges);
    const { cycles } = findCycles(nodes, successors);
    assert.equal(cycles.length, 1);
    assert.equal(cycles[0].length, 50_000);
  });

  it('marks exactly the nodes that lie on a cycle, and each listed cycle is a real closed path (property)', () => {
    const node = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
    fc.assert(
      fc.property(fc.array(fc.tuple(node, node), { maxLength: 14 }), (edges) => {
        const { nodes, successors } = graphOf(edges);
        const { cycles, groupOf } = findCycles(nodes, successors);
        for (const candidate of nodes) assert.equal(groupOf.has(candidate), reaches(successors, candidate, candidate), candidate);
        for (const [from, to] of edges) {
          const sameGroup = groupOf.has(from) && groupOf.get(from) === groupOf.get(to);
          assert.equal(sameGroup, reaches(successors, to, from), `${from} -> ${to}`);
        }
        for (const cycle of cycles) {
          for (let index = 0; index < cycle.length; index++) {
            assert.ok(successors.get(cycle[index])!.includes(cycle[(index + 1) % cycle.length]), `${cycle.join(' → ')} is closed`);
          }
        }
        assert.equal(cycles.length, new Set(groupOf.values()).size);
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
