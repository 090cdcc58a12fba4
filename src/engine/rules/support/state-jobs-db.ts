import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { readsEnvironment } from '../../core/environment';
import { walk } from '../../core/walk';
import type { ModulePath, RuleContext } from '../../types';
import { describePath } from './describe';

type Node = TSESTree.Node;

/**
 * Shared helpers of the rules about process-local state, in-process schedulers and file databases
 * (categories `in-memory-session-state`, `local-scheduler`, `embedded-db`).
 */

export function isModule(resolved: ModulePath | undefined, modules: ReadonlySet<string> | string): resolved is ModulePath {
  if (!resolved) return false;
  return typeof modules === 'string' ? resolved.module === modules : modules.has(resolved.module);
}

/** `['default', 'x']` and `['x']` are the same member: interop code reaches exports through `default`. */
export function memberPath(resolved: ModulePath): string[] {
  return resolved.path[0] === 'default' ? resolved.path.slice(1) : resolved.path;
}

export function pathIs(resolved: ModulePath, ...path: string[]): boolean {
  const actual = memberPath(resolved);
  return actual.length === path.length && actual.every((part, index) => part === path[index]);
}

/** The object literal an expression evaluates to, through never-reassigned `const`s; undefined when unknown. */
export function objectLiteral(context: RuleContext, node: Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!node || depth > 6) return undefined;
  switch (node.type) {
    case 'ObjectExpression':
      return node;
    case 'Identifier': {
      const definition = context.definition(node);
      return definition ? objectLiteral(context, definition, depth + 1) : undefined;
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
      return objectLiteral(context, node.expression, depth + 1);
    default:
      return undefined;
  }
}

export interface PropertyLookup {
  /** The property, when the object literal spells it out. */
  property?: TSESTree.Property;
  /** The object has a spread (`...base`): a missing key may still come from there. */
  open: boolean;
}

export function findProperty(object: TSESTree.ObjectExpression, key: string): PropertyLookup {
  let property: TSESTree.Property | undefined;
  let open = false;
  for (const entry of object.properties) {
    if (entry.type === 'SpreadElement') {
      open = true;
      continue;
    }
    if (propertyKey(entry) === key) property = entry;
  }
  return { property, open };
}

export function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal' && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

/** The value of `object[key]` when it is spelled out in the literal. */
export function propertyValue(object: TSESTree.ObjectExpression, key: string): Node | undefined {
  return findProperty(object, key).property?.value;
}

export function foldString(context: RuleContext, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const folded = context.fold(node);
  return folded && typeof folded.value === 'string' ? folded.value : undefined;
}

export function foldBoolean(context: RuleContext, node: Node | undefined): boolean | undefined {
  if (!node) return undefined;
  const folded = context.fold(node);
  return folded && typeof folded.value === 'boolean' ? folded.value : undefined;
}

/** Numbers through `const`s and the arithmetic people write delays in (`2 * 60 * 1000`). */
export function foldNumber(context: RuleContext, node: Node | undefined, depth = 0): number | undefined {
  if (!node || depth > 12) return undefined;
  if (node.type === 'BinaryExpression' && ['*', '+', '-', '/'].includes(node.operator) && node.left.type !== 'PrivateIdentifier') {
    const left = foldNumber(context, node.left, depth + 1);
    const right = left === undefined ? undefined : foldNumber(context, node.right, depth + 1);
    if (left === undefined || right === undefined) return undefined;
    switch (node.operator) {
      case '*':
        return left * right;
      case '+':
        return left + right;
      case '-':
        return left - right;
      default:
        return right === 0 ? undefined : left / right;
    }
  }
  if (node.type === 'Identifier') {
    const definition = context.definition(node);
    if (definition) return foldNumber(context, definition, depth + 1);
  }
  const folded = context.fold(node);
  if (folded && typeof folded.value === 'number') return folded.value;
  if (folded && typeof folded.value === 'string' && /^\d+$/.test(folded.value)) return Number(folded.value);
  return undefined;
}

/** `2 min`, `1 h`, `30 s`, `1500 ms` for a delay in milliseconds. */
export function formatDuration(milliseconds: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) {
    if (milliseconds >= size && milliseconds % size === 0) {
      const count = milliseconds / size;
      return unit === 'day' ? `${count} day${count === 1 ? '' : 's'}` : `${count} ${unit}`;
    }
  }
  return `${milliseconds} ms`;
}

/** A short, one-line form of an expression's source text for messages. */
export function sourceSnippet(context: RuleContext, node: Node, limit = 50): string {
  const text = context.sourceText.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ').trim();
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** SQLite's names for databases that never touch the disk. */
export function isInMemoryDatabaseName(name: string): boolean {
  const value = name.trim();
  return value === '' || value === ':memory:' || value.startsWith('file::memory:') || /[?&]mode=memory(&|$)/.test(value);
}

export interface FileDescription {
  text: string;
  /** The database only lives in memory (`:memory:`, an empty name). */
  inMemory: boolean;
}

/** Where a database file argument points: folded constants, `path.join(__dirname, ...)`, env overrides named. */
export function describeDatabaseFile(context: RuleContext, node: Node): FileDescription {
  const folded = foldString(context, node);
  if (folded !== undefined) return { text: isInMemoryDatabaseName(folded) ? folded : describePath(context, node).text, inMemory: isInMemoryDatabaseName(folded) };
  if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '??')) {
    const [environment, fallback] = readsEnvironment(node.left) ? [node.left, node.right] : readsEnvironment(node.right) ? [node.right, node.left] : [undefined, undefined];
    if (environment && fallback) {
      const inner = describeDatabaseFile(context, fallback);
      return { text: `${environmentName(environment) ?? 'an environment variable'} (default ${inner.text})`, inMemory: false };
    }
  }
  if (readsEnvironment(node)) return { text: environmentName(node) ?? 'a path from the environment', inMemory: false };
  if (node.type === 'BinaryExpression' && node.operator === '+' && !startsAtFolderOfFile(node)) {
    // './' + dbPath: keep the parts as written rather than joining them as folders.
    return { text: `${concatenationPart(context, node.left)}${concatenationPart(context, node.right)}`, inMemory: false };
  }
  return { text: describePath(context, node).text, inMemory: false };
}

/** `__dirname + '/../data/x.db'`: a path from the file's folder, which describePath resolves and normalises. */
function startsAtFolderOfFile(node: Node): boolean {
  let left: Node = node;
  while (left.type === 'BinaryExpression' && left.operator === '+') left = left.left;
  return left.type === 'Identifier' && left.name === '__dirname';
}

function concatenationPart(context: RuleContext, node: Node): string {
  const folded = foldString(context, node);
  if (folded !== undefined) return folded;
  if (node.type === 'BinaryExpression' && node.operator === '+') return `${concatenationPart(context, node.left)}${concatenationPart(context, node.right)}`;
  const name = environmentName(node);
  if (name) return name;
  return node.type === 'Identifier' ? `<${node.name}>` : describePath(context, node).text;
}

/** `$DB_FILE` for `process.env.DB_FILE`. */
export function environmentName(node: Node): string | undefined {
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = node.object;
    if (object.type === 'MemberExpression' && !object.computed && object.property.type === 'Identifier' && object.property.name === 'env') return `$${node.property.name}`;
  }
  return undefined;
}

export function enclosingFunction(node: Node): TSESTree.FunctionLike | undefined {
  let current = node.parent;
  while (current) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') return current;
    current = current.parent;
  }
  return undefined;
}

/** Names of a function's plain parameters (`req`, `res`, `{ body }` gives none). */
export function parameterNames(fn: TSESTree.FunctionLike): string[] {
  return fn.params.flatMap((parameter) => {
    const target = parameter.type === 'AssignmentPattern' ? parameter.left : parameter.type === 'TSParameterProperty' ? parameter.parameter : parameter;
    return target.type === 'Identifier' ? [target.name] : [];
  });
}

/** True when the node runs in a branch chosen by a test that reads the environment (`if (process.env.RUN_JOBS)`). */
export function guardedByEnvironment(node: Node, names: RegExp): boolean {
  let child: Node = node;
  let current = node.parent;
  while (current) {
    if ((current.type === 'IfStatement' || current.type === 'ConditionalExpression') && current.test !== child && testNames(current.test, names)) return true;
    if (current.type === 'LogicalExpression' && current.right === child && testNames(current.left, names)) return true;
    child = current;
    current = current.parent;
  }
  return false;
}

function testNames(test: Node, names: RegExp): boolean {
  if (!readsEnvironment(test)) return false;
  let matched = false;
  walk(
    test,
    (inner) => {
      const name = environmentName(inner);
      if (name && names.test(name.slice(1))) matched = true;
    },
    () => undefined,
  );
  return matched;
}

/** The file's own name without folders and extension (`dev` for `src/config/dev.js`). */
export function fileStem(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return base.replace(/\.[^.]*$/, '').replace(/\.(config|conf)$/, '');
}

/** Environment names under which a configuration never reaches production. */
export const NON_PRODUCTION_ENVIRONMENTS = /^(dev|develop|development|local|test|tests|testing|e2e|ci|spec)$/i;

/** The name of the function a scheduler runs, when it has one: `readData`, `Cron.dbAutoBackUp`, a method name. */
export function scheduledJobName(context: RuleContext, node: Node | undefined): string | undefined {
  if (!node || node.type === 'SpreadElement') return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return isPlainName(node) ? sourceSnippet(context, node, 40) : undefined;
  if ((node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') && node.body.type === 'BlockStatement') {
    // A wrapper whose only statement calls one named function: `() => { Cron.dbAutoBackUp(); }`.
    const statements = node.body.body;
    if (statements.length === 1 && statements[0].type === 'ExpressionStatement') {
      let expression: Node = statements[0].expression;
      if (expression.type === 'AwaitExpression') expression = expression.argument;
      if (expression.type === 'CallExpression' && isPlainName(expression.callee) && !isConsole(expression.callee)) return sourceSnippet(context, expression.callee, 40);
    }
  }
  if (node.type === 'FunctionExpression' && node.id) return node.id.name;
  return undefined;
}

/** `run`, `jobs.cleanup`, `this.reports.send`: a name, not an expression with calls in it. */
function isPlainName(node: Node): boolean {
  if (node.type === 'Identifier' || node.type === 'ThisExpression') return true;
  return node.type === 'MemberExpression' && !node.computed && isPlainName(node.object);
}

function isConsole(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'console';
}
