import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

type Node = TSESTree.Node;

const keysOf = visitorKeys as Record<string, readonly string[] | undefined>;
const NO_KEYS: readonly string[] = [];

/**
 * Depth-first walk with an explicit stack: deeply nested input must not overflow the call stack.
 * Sets `parent` on every node before its enter callback runs.
 * `exit` runs for every node, or only for the types in `exitTypes` when given.
 * The walk visits every node of every file, so the stack is two flat arrays (no object per entry).
 */
export function walk(root: Node, enter: (node: Node) => void, exit: (node: Node) => void, exitTypes?: ReadonlySet<string>): void {
  const nodes: Node[] = [root];
  const leaving: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    if (leaving.pop()) {
      exit(node);
      continue;
    }
    enter(node);
    // Most nodes need nothing when the walk leaves them: with `exitTypes`, only those types are left through `exit`.
    if (exitTypes === undefined || exitTypes.has(node.type)) {
      nodes.push(node);
      leaving.push(true);
    }
    const keys = keysOf[node.type] ?? NO_KEYS;
    for (let keyIndex = keys.length - 1; keyIndex >= 0; keyIndex--) {
      const child = (node as unknown as Record<string, unknown>)[keys[keyIndex]];
      if (child === null || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const element = child[index] as Node | null;
          if (element && typeof element.type === 'string') {
            (element as { parent?: Node }).parent = node;
            nodes.push(element);
            leaving.push(false);
          }
        }
      } else if (typeof (child as Node).type === 'string') {
        (child as { parent?: Node }).parent = node;
        nodes.push(child as Node);
        leaving.push(false);
      }
    }
  }
}
