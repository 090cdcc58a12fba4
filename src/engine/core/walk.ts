import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

type Node = TSESTree.Node;

const keysOf = visitorKeys as Record<string, readonly string[] | undefined>;
const NO_KEYS: readonly string[] = [];

/** Keys that hold only types (annotations, type parameters and arguments, `implements`): never run. */
const TYPE_KEYS = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeArguments', 'superTypeParameters', 'implements']);
const runtimeKeysOf: Record<string, readonly string[] | undefined> = Object.fromEntries(
  Object.entries(keysOf).map(([type, keys]) => [type, (keys ?? NO_KEYS).filter((key) => !TYPE_KEYS.has(key))]),
);
/** Declarations that only describe types (1), or do when they are ambient, `declare` (2): no code runs there. */
const TYPE_ONLY_NODES = new Map<string, 1 | 2>([
  ['TSInterfaceDeclaration', 1],
  ['TSTypeAliasDeclaration', 1],
  ['TSDeclareFunction', 1],
  ['TSIndexSignature', 1],
  ['TSAbstractMethodDefinition', 1],
  ['TSAbstractPropertyDefinition', 1],
  ['TSAbstractAccessorProperty', 1],
  ['VariableDeclaration', 2],
  ['ClassDeclaration', 2],
  ['TSModuleDeclaration', 2],
  ['TSEnumDeclaration', 2],
  ['PropertyDefinition', 2],
]);

function typeOnly(node: Node): boolean {
  const kind = TYPE_ONLY_NODES.get(node.type);
  return kind === 1 || (kind === 2 && (node as { declare?: boolean }).declare === true);
}

export interface WalkOptions {
  /** Leave only nodes of these types through `exit` (default: every node). */
  exitTypes?: { has(type: string): boolean };
  /** Skip what only describes types (annotations, interfaces, type aliases, `declare` declarations): it never runs. */
  runtimeOnly?: boolean;
}

/**
 * Depth-first walk with an explicit stack: deeply nested input must not overflow the call stack.
 * Sets `parent` on every node before its enter callback runs.
 * The walk visits every node of every file, so the stack is two flat arrays (no object per entry).
 */
export function walk(root: Node, enter: (node: Node) => void, exit: (node: Node) => void, options: WalkOptions = {}): void {
  const { exitTypes, runtimeOnly = false } = options;
  const keysTable = runtimeOnly ? runtimeKeysOf : keysOf;
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
    const keys = keysTable[node.type] ?? NO_KEYS;
    for (let keyIndex = keys.length - 1; keyIndex >= 0; keyIndex--) {
      const child = (node as unknown as Record<string, unknown>)[keys[keyIndex]];
      if (child === null || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const element = child[index] as Node | null;
          if (element && typeof element.type === 'string' && !(runtimeOnly && typeOnly(element))) {
            if ((element as { parent?: Node }).parent !== node) (element as { parent?: Node }).parent = node;
            nodes.push(element);
            leaving.push(false);
          }
        }
      } else if (typeof (child as Node).type === 'string' && !(runtimeOnly && typeOnly(child as Node))) {
        if ((child as { parent?: Node }).parent !== node) (child as { parent?: Node }).parent = node;
        nodes.push(child as Node);
        leaving.push(false);
      }
    }
  }
}
