import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

type Node = TSESTree.Node;

/**
 * Depth-first walk with an explicit stack: deeply nested input must not overflow the call stack.
 * Sets `parent` on every node before its enter callback runs.
 */
export function walk(root: Node, enter: (node: Node) => void, exit: (node: Node) => void): void {
  const stack: { node: Node; leaving: boolean }[] = [{ node: root, leaving: false }];
  const keysOf = visitorKeys as Record<string, readonly string[] | undefined>;
  while (stack.length > 0) {
    const { node, leaving } = stack.pop()!;
    if (leaving) {
      exit(node);
      continue;
    }
    enter(node);
    stack.push({ node, leaving: true });
    const keys = keysOf[node.type] ?? [];
    for (let keyIndex = keys.length - 1; keyIndex >= 0; keyIndex--) {
      const child = (node as unknown as Record<string, unknown>)[keys[keyIndex]];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const element = child[index] as Node | null;
          if (element && typeof element.type === 'string') {
            (element as { parent?: Node }).parent = node;
            stack.push({ node: element, leaving: false });
          }
        }
      } else if (child && typeof (child as Node).type === 'string') {
        (child as { parent?: Node }).parent = node;
        stack.push({ node: child as Node, leaving: false });
      }
    }
  }
}
