import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { CONNECTION_STRING, HTTP_CLIENT_PACKAGES, maskCredentials, SERVICE_PACKAGES, URL_SCHEMES, type ServicePackage } from '../assess/catalogue';
import type { SourceFacts } from '../types';
import { isEnvironmentFallback, readsEnvironment } from './environment';
import { propertyName, type ScopeTracker } from './scope';
import { packageOf } from './packageName';

type Node = TSESTree.Node;

/** How a backing service's location is set where the client is made. */
export type ConfiguredHow = 'environment' | 'hard-coded' | 'config' | 'defaults' | 'unknown';

export interface ClientFact {
  package: string;
  /** The callee as written in the catalogue: `Pool`, `createClient`, '' for the module itself. */
  call: string;
  /** Made with `new`. */
  constructed?: boolean;
  line: number;
  column: number;
  how: ConfiguredHow;
  /** The hard-coded value (credentials masked) or the environment variable, when known. */
  evidence?: string;
}

export interface UrlFact {
  /** Credentials masked. */
  value: string;
  scheme: string;
  line: number;
  column: number;
  /** Only the fallback of an environment override (`process.env.X || 'redis://...'`). */
  fromEnvironment: boolean;
  /** Passed to a generic HTTP client (axios, fetch, got...). */
  httpClient?: string;
}

export interface ListenFact {
  line: number;
  column: number;
  /** The literal port, or the default beside an environment override. */
  port?: number;
  /** The port comes from the environment (`process.env.PORT`); undefined when it could not be told. */
  fromEnvironment?: boolean;
}

/** Per-file facts for the service inventory, stored as `facts.inventory`; plain JSON. */
export interface InventoryFacts {
  /** npm packages the file imports or requires (no relative paths, no `node:` built-ins' prefix). */
  imports: string[];
  clients: ClientFact[];
  urls: UrlFact[];
  listens: ListenFact[];
  /** `process.env.NAME` names read. */
  environment: string[];
}

const MAX_PER_KIND = 50;

/** Property names that say where a service is. */
const LOCATION_KEYS = new Set(['host', 'hostname', 'url', 'uri', 'connectionString', 'connection', 'server', 'servers', 'endpoint', 'node', 'nodes', 'brokers', 'socket', 'filename', 'storage', 'path', 'baseURL', 'baseUrl', 'redis', 'options']);
/** Properties whose nested object holds the location (`{ connection: { host } }`). */
const NESTED_KEYS = new Set(['connection', 'socket', 'redis', 'options']);

export function inventoryOf(facts: SourceFacts): InventoryFacts | undefined {
  return facts.inventory as InventoryFacts | undefined;
}

function ensure(facts: SourceFacts): InventoryFacts {
  let inventory = facts.inventory as InventoryFacts | undefined;
  if (!inventory) {
    inventory = { imports: [], clients: [], urls: [], listens: [], environment: [] };
    facts.inventory = inventory;
  }
  return inventory;
}

/**
 * Collected during the single walk, for every file: what the file imports, the backing-service clients it
 * makes and how their location is set, connection strings, `listen` ports and environment variables read.
 * `scope` is the walk's scope tracker, positioned at `node`.
 */
export function collectInventoryFacts(node: Node, facts: SourceFacts, scope: ScopeTracker): void {
  switch (node.type) {
    case 'ImportDeclaration':
      if (node.importKind !== 'type') addImport(facts, String(node.source.value));
      return;
    case 'ImportExpression':
      if (node.source.type === 'Literal' && typeof node.source.value === 'string') addImport(facts, node.source.value);
      return;
    case 'CallExpression': {
      const required = scope.requiredModule(node);
      if (required) {
        const [argument] = node.arguments;
        if (argument?.type === 'Literal' && typeof argument.value === 'string') addImport(facts, argument.value);
        return;
      }
      onCall(node, node.callee, node.arguments, facts, scope);
      return;
    }
    case 'NewExpression':
      onCall(node, node.callee, node.arguments, facts, scope);
      return;
    case 'Literal':
      if (typeof node.value === 'string') onString(node, node.value, facts);
      return;
    case 'TemplateLiteral':
      if (node.quasis.length > 0) onString(node, node.quasis.map((quasi) => quasi.value.cooked ?? '').join('${…}'), facts);
      return;
    case 'MemberExpression':
      onEnvironmentRead(node, facts);
      return;
    default:
      return;
  }
}

function addImport(facts: SourceFacts, specifier: string): void {
  if (/^(\.{1,2}(\/|$)|\/|@\/|~\/|#)/.test(specifier)) return;
  const name = packageOf(specifier);
  const inventory = ensure(facts);
  if (!inventory.imports.includes(name) && inventory.imports.length < 500) inventory.imports.push(name);
}

function onEnvironmentRead(node: TSESTree.MemberExpression, facts: SourceFacts): void {
  const object = node.object;
  if (object.type !== 'MemberExpression' || object.object.type !== 'Identifier' || object.object.name !== 'process' || propertyName(object.property, object.computed) !== 'env') return;
  const name = propertyName(node.property, node.computed);
  if (!name) return;
  const inventory = ensure(facts);
  if (!inventory.environment.includes(name) && inventory.environment.length < 500) inventory.environment.push(name);
}

function onString(node: Node, value: string, facts: SourceFacts): void {
  const match = CONNECTION_STRING.exec(value);
  if (!match) return;
  // A literal inside a template is reported once, for the template.
  if (node.type === 'Literal' && (node as { parent?: Node }).parent?.type === 'TemplateLiteral') return;
  const inventory = ensure(facts);
  if (inventory.urls.length >= MAX_PER_KIND) return;
  inventory.urls.push({
    value: maskCredentials(value),
    scheme: match[1].toLowerCase(),
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    fromEnvironment: isEnvironmentFallback(node),
  });
}

function onCall(node: TSESTree.CallExpression | TSESTree.NewExpression, callee: Node, args: readonly TSESTree.CallExpressionArgument[], facts: SourceFacts, scope: ScopeTracker): void {
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'listen' && args.length > 0) {
    onListen(node, args, facts, scope);
  }
  const target = scope.resolve(callee);
  if (!target) {
    // The global fetch: fetch('https://api.example.com/...')
    if (callee.type === 'Identifier' && callee.name === 'fetch' && scope.isUnshadowedGlobal('fetch')) onHttpCall(node, args, 'fetch', facts, scope);
    return;
  }
  const name = packageOf(target.module);
  if (HTTP_CLIENT_PACKAGES.has(name)) {
    onHttpCall(node, args, name, facts, scope);
    return;
  }
  const service = SERVICE_PACKAGES[name];
  if (!service) return;
  // `require('mysql2/promise').createPool` and `require('mysql2').promise().createPool`: the subpath is part of the package.
  const subpath = target.module.includes('/') && !target.module.startsWith('@') ? target.module.split('/').slice(1) : target.module.startsWith('@') ? target.module.split('/').slice(2) : [];
  const key = [...subpath, ...target.path].join('.');
  const shortKey = target.path.join('.');
  if (!service.clients.includes(key) && !service.clients.includes(shortKey)) return;
  const inventory = ensure(facts);
  if (inventory.clients.length >= MAX_PER_KIND) return;
  const configured = classifyClient(args, service, scope);
  inventory.clients.push({ package: name, call: shortKey, ...(node.type === 'NewExpression' ? { constructed: true } : {}), line: node.loc.start.line, column: node.loc.start.column + 1, ...configured });
}

function onHttpCall(node: Node, args: readonly TSESTree.CallExpressionArgument[], client: string, facts: SourceFacts, scope: ScopeTracker): void {
  const [first] = args;
  if (!first || first.type === 'SpreadElement') return;
  let target: Node | undefined = first;
  const object = objectOf(first, scope);
  if (object) target = property(object, 'baseURL') ?? property(object, 'baseUrl') ?? property(object, 'url') ?? property(object, 'uri');
  if (!target) return;
  const folded = scope.fold(target);
  const value = folded && typeof folded.value === 'string' ? folded.value : leadingText(target);
  if (!value || !/^https?:\/\/[^/\s]/i.test(value)) return;
  const inventory = ensure(facts);
  if (inventory.urls.length >= MAX_PER_KIND) return;
  const origin = folded?.origins[0] ?? target;
  inventory.urls.push({
    value: maskCredentials(value),
    scheme: value.slice(0, value.indexOf(':')).toLowerCase(),
    line: origin.loc.start.line,
    column: origin.loc.start.column + 1,
    fromEnvironment: readsEnvironment(target) || isEnvironmentFallback(origin),
    httpClient: client,
  });
  void node;
}

/** The static head of a template: `https://api.example.com/users/${id}` → `https://api.example.com/users/`. */
function leadingText(node: Node): string | undefined {
  if (node.type === 'TemplateLiteral') return node.quasis[0].value.cooked ?? undefined;
  if (node.type === 'BinaryExpression' && node.operator === '+' && node.left.type === 'Literal' && typeof node.left.value === 'string') return node.left.value;
  return undefined;
}

function onListen(node: Node, args: readonly TSESTree.CallExpressionArgument[], facts: SourceFacts, scope: ScopeTracker): void {
  const inventory = ensure(facts);
  if (inventory.listens.length >= 10) return;
  let portNode: Node | undefined = args[0];
  const object = portNode && objectOf(portNode, scope);
  if (object) portNode = property(object, 'port');
  const fact: ListenFact = { line: node.loc.start.line, column: node.loc.start.column + 1 };
  if (portNode && portNode.type !== 'SpreadElement' && !isFunction(portNode)) {
    const environment = readsEnvironment(portNode) || (portNode.type === 'Identifier' && definitionReadsEnvironment(portNode, scope));
    const folded = scope.fold(portNode);
    if (folded && !environment) {
      const port = Number(folded.value);
      if (Number.isInteger(port) && port >= 0 && port <= 65535) {
        fact.port = port;
        fact.fromEnvironment = false;
      }
    } else if (environment) {
      fact.fromEnvironment = true;
      const fallback = numericLiteral(portNode.type === 'Identifier' ? (scope.definition(portNode) ?? portNode) : portNode);
      if (fallback !== undefined) fact.port = fallback;
    }
  }
  inventory.listens.push(fact);
}

function definitionReadsEnvironment(identifier: Node, scope: ScopeTracker): boolean {
  const definition = scope.definition(identifier);
  if (!definition) return false;
  if (readsEnvironment(definition)) return true;
  return definition.type === 'Identifier' && !!scope.definition(definition) && readsEnvironment(scope.definition(definition)!);
}

/** The first port-like number written in an expression: the default in `Number(process.env.PORT ?? 8080)`. */
function numericLiteral(node: Node): number | undefined {
  const stack: Node[] = [node];
  let budget = 50;
  while (stack.length > 0 && budget-- > 0) {
    const current = stack.shift()!;
    if (current.type === 'Literal') {
      const value = typeof current.value === 'string' && /^\d+$/.test(current.value) ? Number(current.value) : current.value;
      if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 65535 && value !== 10) return value;
    }
    for (const child of children(current)) stack.push(child);
  }
  return undefined;
}

function children(node: Node): Node[] {
  switch (node.type) {
    case 'LogicalExpression':
    case 'BinaryExpression':
      return [node.left as Node, node.right];
    case 'CallExpression':
      return [...node.arguments];
    case 'ConditionalExpression':
      return [node.consequent, node.alternate];
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return [node.expression];
    case 'UnaryExpression':
      return [node.argument];
    default:
      return [];
  }
}

interface Configured {
  how: ConfiguredHow;
  evidence?: string;
}

/** Where the client's location comes from: the environment, a literal, a config object, or the library's defaults. */
function classifyClient(args: readonly TSESTree.CallExpressionArgument[], service: ServicePackage, scope: ScopeTracker): Configured {
  const meaningful = args.filter((argument) => argument.type !== 'SpreadElement' && !isFunction(argument));
  if (meaningful.length === 0) {
    if (service.withoutArguments === 'environment') return { how: 'environment', evidence: 'library reads the environment' };
    if (service.withoutArguments === 'local-default') return { how: 'hard-coded', evidence: 'library default (localhost)' };
    return { how: 'defaults' };
  }
  const leaves: Configured[] = [];
  for (const argument of meaningful) collectLeaves(argument, service, scope, leaves, 0, true);
  const hardCoded = leaves.find((leaf) => leaf.how === 'hard-coded');
  if (hardCoded) return hardCoded;
  const environment = leaves.find((leaf) => leaf.how === 'environment');
  if (environment) return environment;
  if (leaves.some((leaf) => leaf.how === 'config')) return { how: 'config' };
  if (leaves.length === 0) {
    if (service.withoutArguments === 'environment') return { how: 'environment', evidence: 'library reads the environment' };
    return { how: 'defaults' };
  }
  return { how: 'unknown' };
}

function collectLeaves(node: Node, service: ServicePackage, scope: ScopeTracker, leaves: Configured[], depth: number, topLevel: boolean): void {
  if (depth > 3) return;
  const object = objectOf(node, scope);
  if (object) {
    for (const entry of object.properties) {
      if (entry.type !== 'Property') continue;
      const key = propertyName(entry.key, entry.computed);
      if (!key || !LOCATION_KEYS.has(key)) continue;
      if (NESTED_KEYS.has(key) && objectOf(entry.value, scope)) {
        collectLeaves(entry.value, service, scope, leaves, depth + 1, false);
        continue;
      }
      if (key === 'path' || key === 'filename' || key === 'storage') {
        if (!service.embedded) continue;
      }
      const leaf = classifyValue(entry.value, scope, true);
      if (leaf) leaves.push(leaf);
    }
    return;
  }
  const leaf = classifyValue(node, scope, !topLevel || !!service.embedded);
  if (leaf) leaves.push(leaf);
}

/** One value: `process.env.X` → environment; a literal URL/host → hard-coded; `config.db.url` → config. */
function classifyValue(node: Node, scope: ScopeTracker, anyString: boolean): Configured | undefined {
  if (readsEnvironment(node)) return { how: 'environment', evidence: environmentName(node) };
  if (node.type === 'Identifier') {
    const definition = scope.definition(node);
    if (definition && readsEnvironment(definition)) return { how: 'environment', evidence: environmentName(definition) };
  }
  const folded = scope.fold(node);
  if (folded && typeof folded.value === 'string') {
    const value = folded.value;
    if (anyString || CONNECTION_STRING.test(value) || /^https?:\/\//i.test(value)) return { how: 'hard-coded', evidence: maskCredentials(value) };
    return undefined;
  }
  if (folded) return undefined;
  if (node.type === 'MemberExpression' || node.type === 'CallExpression') return { how: 'config' };
  if (node.type === 'Identifier') return { how: 'unknown' };
  return undefined;
}

function environmentName(node: Node): string | undefined {
  const stack: Node[] = [node];
  let budget = 50;
  while (stack.length > 0 && budget-- > 0) {
    const current = stack.shift()!;
    if (current.type === 'MemberExpression') {
      const object = current.object;
      if (object.type === 'MemberExpression' && object.object.type === 'Identifier' && object.object.name === 'process' && propertyName(object.property, object.computed) === 'env') {
        const name = propertyName(current.property, current.computed);
        if (name) return name;
      }
      stack.push(current.object);
    }
    for (const child of children(current)) stack.push(child);
    if (current.type === 'TemplateLiteral') stack.push(...current.expressions);
  }
  return undefined;
}

function isFunction(node: Node): boolean {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression';
}

function property(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const entry of object.properties) {
    if (entry.type === 'Property' && propertyName(entry.key, entry.computed) === name) return entry.value;
  }
  return undefined;
}

function objectOf(node: Node, scope: ScopeTracker): TSESTree.ObjectExpression | undefined {
  if (node.type === 'ObjectExpression') return node;
  if (node.type === 'Identifier') {
    const definition = scope.definition(node);
    return definition?.type === 'ObjectExpression' ? definition : undefined;
  }
  return undefined;
}

/** The service a URL scheme names, for the inventory. */
export function serviceOfScheme(scheme: string): { service: string; kind: string } | undefined {
  return URL_SCHEMES[scheme];
}
