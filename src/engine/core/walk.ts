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

/** What the walk needs of a node type, found with one lookup per node: its child keys, and whether it is type-only. */
interface TypeInfo {
  keys: readonly string[];
  /** 1: never runs; 2: never runs when `declare`d. */
  typeOnly: 0 | 1 | 2;
}

function typeInfoTable(keysTable: Record<string, readonly string[] | undefined>, runtimeOnly: boolean): Map<string, TypeInfo> {
  const table = new Map<string, TypeInfo>();
  for (const type of Object.keys(keysTable)) table.set(type, { keys: keysTable[type] ?? NO_KEYS, typeOnly: runtimeOnly ? (TYPE_ONLY_NODES.get(type) ?? 0) : 0 });
  return table;
}

const ALL_NODES = typeInfoTable(keysOf, false);
const RUNTIME_NODES = typeInfoTable(runtimeKeysOf, true);
/** A type the visitor keys do not know (newer than them): a leaf. */
const UNKNOWN_TYPE: TypeInfo = { keys: NO_KEYS, typeOnly: 0 };

export interface WalkOptions {
  /** Leave only nodes of these types through `exit` (default: every node). */
  exitTypes?: { has(type: string): boolean };
  /** Skip what only describes types (annotations, interfaces, type aliases, `declare` declarations): it never runs. */
  runtimeOnly?: boolean;
  /** Receives every node the walk gives a `parent`, skipped type-only ones included, for a caller that drops the links. */
  linked?: Node[];
}

/** In the walk's stack of parents: the node beside it is to be left (`exit`), not entered. */
const LEAVING = { type: 'Leaving' } as unknown as Node;

/**
 * Depth-first walk with an explicit stack: deeply nested input must not overflow the call stack.
 * Sets `parent` on the children of a node once it has been entered, so before they are, and a node's later
 * siblings have theirs when it is entered (a rule may look from a hoisted declaration up to its statement).
 * The walk visits every node of every file, so the stack is two flat arrays, each node beside its parent (no
 * object per entry), and a node's type is looked up once, when it is taken off the stack.
 */
export function walk(root: Node, enter: (node: Node) => void, exit: (node: Node) => void, options: WalkOptions = {}): void {
  const { exitTypes, runtimeOnly = false, linked } = options;
  const table = runtimeOnly ? RUNTIME_NODES : ALL_NODES;
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    if (parent === LEAVING) {
      exit(node);
      continue;
    }
    const info = table.get(node.type) ?? UNKNOWN_TYPE;
    // The root is walked whatever it is; below it, what only describes types is skipped with all it holds.
    if (parent !== undefined && info.typeOnly !== 0 && (info.typeOnly === 1 || (node as { declare?: boolean }).declare === true)) continue;
    enter(node);
    // Most nodes need nothing when the walk leaves them: with `exitTypes`, only those types are left through `exit`.
    if (exitTypes === undefined || exitTypes.has(node.type)) {
      nodes.push(node);
      parents.push(LEAVING);
    }
    const keys = info.keys;
    for (let keyIndex = keys.length - 1; keyIndex >= 0; keyIndex--) {
      const child = (node as unknown as Record<string, unknown>)[keys[keyIndex]];
      if (child === null || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const element = child[index] as Node | null;
          if (element && typeof element.type === 'string') {
            if ((element as { parent?: Node }).parent !== node) (element as { parent?: Node }).parent = node;
            linked?.push(element);
            nodes.push(element);
            parents.push(node);
          }
        }
      } else if (typeof (child as Node).type === 'string') {
        if ((child as { parent?: Node }).parent !== node) (child as { parent?: Node }).parent = node;
        linked?.push(child as Node);
        nodes.push(child as Node);
        parents.push(node);
      }
    }
  }
}
