import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk } from './walk';

type Node = TSESTree.Node;

/** `process.env` (not `process[env]`). */
export function isProcessEnv(node: Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    !node.computed &&
    node.object.type === 'Identifier' &&
    node.object.name === 'process' &&
    node.property.type === 'Identifier' &&
    node.property.name === 'env'
  );
}

/** `import.meta.env` (Vite and friends). */
export function isImportMetaEnv(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'MetaProperty' && node.property.type === 'Identifier' && node.property.name === 'env';
}

/** True when the expression reads the environment (`process.env.X`, `import.meta.env.X`). */
export function readsEnvironment(node: Node): boolean {
  let found = false;
  walk(
    node,
    (inner) => {
      if (isProcessEnv(inner) || isImportMetaEnv(inner)) found = true;
    },
    () => undefined,
  );
  return found;
}

/**
 * True when `node` is only the fallback of an environment override on the same expression:
 * `process.env.X || node`, `process.env.X ?? node`, `process.env.X ? a : node`.
 */
export function isEnvironmentFallback(node: Node): boolean {
  let child: Node = node;
  let parent = (node as { parent?: Node }).parent;
  while (parent) {
    if (parent.type === 'LogicalExpression') {
      const other = parent.left === child ? parent.right : parent.left;
      if (readsEnvironment(other)) return true;
    } else if (parent.type === 'ConditionalExpression') {
      if (readsEnvironment(parent.test)) return true;
    } else if (parent.type === 'AssignmentPattern') {
      // const { MONGO_URL = 'mongodb://…' } = process.env
      const pattern = (parent as { parent?: Node }).parent;
      const declarator = pattern?.type === 'Property' ? (pattern as { parent?: Node }).parent?.parent : undefined;
      return declarator?.type === 'VariableDeclarator' && !!declarator.init && readsEnvironment(declarator.init);
    } else if (parent.type !== 'TemplateLiteral' && parent.type !== 'BinaryExpression' && parent.type !== 'TSAsExpression') {
      return false;
    }
    child = parent;
    parent = (parent as { parent?: Node }).parent;
  }
  return false;
}
