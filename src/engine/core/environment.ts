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
    } else if (parent.type === 'Property' && parent.value === child && isSchemaDefault(parent)) {
      return true;
    } else if (parent.type === 'CallExpression' && parent.arguments[0] === child && isZodDefault(parent)) {
      return true;
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

const ENVALID_VALIDATORS = new Set(['str', 'url', 'host', 'port', 'num', 'bool', 'email', 'json']);

/**
 * The default of an environment schema entry, used only when the variable is unset: convict's
 * `{ default: '…', env: 'NAME' }` and envalid's `str({ default: '…' })` / `envalid.url({ devDefault: '…' })`.
 */
function isSchemaDefault(property: TSESTree.Property): boolean {
  const key = property.key.type === 'Identifier' && !property.computed ? property.key.name : undefined;
  if (key !== 'default' && key !== 'devDefault') return false;
  const object = (property as { parent?: Node }).parent;
  if (object?.type !== 'ObjectExpression') return false;
  const hasEnv = object.properties.some((other) => other.type === 'Property' && !other.computed && other.key.type === 'Identifier' && other.key.name === 'env' && other.value.type === 'Literal' && typeof other.value.value === 'string');
  if (hasEnv) return true;
  const call = (object as { parent?: Node }).parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== object) return false;
  const callee = call.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name : undefined;
  return name !== undefined && ENVALID_VALIDATORS.has(name);
}

/** zod's `z.string().url().default('…')` inside a schema: the value used when the variable is unset. */
function isZodDefault(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== 'MemberExpression' || call.callee.computed || call.callee.property.type !== 'Identifier' || call.callee.property.name !== 'default') return false;
  let current: Node = call.callee.object;
  let typed = false;
  while (current.type === 'CallExpression' || current.type === 'MemberExpression') {
    if (current.type === 'MemberExpression' && !current.computed && current.property.type === 'Identifier' && /^(string|number|coerce|enum|boolean|url|int|port)$/.test(current.property.name)) typed = true;
    current = current.type === 'CallExpression' ? current.callee : current.object;
  }
  return typed && current.type === 'Identifier';
}
