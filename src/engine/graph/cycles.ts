/**
 * Strongly connected groups of a directed graph (Tarjan, iterative so a deep chain cannot overflow the
 * stack) and one shortest cycle through each. Every edge inside a group lies on some cycle, so "cyclic"
 * for an edge is "both ends in the same group" — linear, where listing every elementary cycle is not.
 */
export interface CycleAnalysis {
  /** Group index of each node that is in a group with a cycle. */
  groupOf: Map<string, number>;
  /** One shortest cycle per group, starting at the group's smallest node, in edge order. */
  cycles: string[][];
}

export function findCycles(nodes: readonly string[], successors: ReadonlyMap<string, readonly string[]>): CycleAnalysis {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;

  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    lowLink.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const outgoing = successors.get(frame.node) ?? [];
      if (frame.next < outgoing.length) {
        const target = outgoing[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          lowLink.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        lowLink.set(parent, Math.min(lowLink.get(parent)!, lowLink.get(frame.node)!));
      }
      if (lowLink.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        const selfLoop = group.length === 1 && (successors.get(member) ?? []).includes(member);
        if (group.length > 1 || selfLoop) groups.push(group);
      }
    }
  }

  const groupOf = new Map<string, number>();
  const ordered = groups.map((group) => [...group].sort()).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  ordered.forEach((group, position) => group.forEach((node) => groupOf.set(node, position)));
  const cycles = ordered.map((group, position) => shortestCycle(group[0], position, groupOf, successors));
  return { groupOf, cycles };
}

/** Breadth-first from `start` back to itself, inside its group; successors in sorted order keep it stable. */
function shortestCycle(start: string, group: number, groupOf: ReadonlyMap<string, number>, successors: ReadonlyMap<string, readonly string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (const target of [...(successors.get(node) ?? [])].sort()) {
      if (groupOf.get(target) !== group) continue;
      if (target === start) {
        const cycle = [node];
        for (let step = node; step !== start; ) {
          step = previous.get(step)!;
          cycle.push(step);
        }
        return cycle.reverse();
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start];
}
