import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { SourceFacts } from '../types';
import { propertyName, type ScopeTracker } from './scope';
import { packageOf } from './packageName';

type Node = TSESTree.Node;

/**
 * A handler the process runs on a stop signal (`process.on('SIGTERM', ...)`, `enableShutdownHooks()`,
 * `createTerminus(...)`, `closeWithGrace(...)`), and whether it closes a server.
 */
export interface ShutdownHandlerFact {
  line: number;
  /** Signal names it handles; '?' when the name is computed (`process.on(signal, ...)`) and could not be followed. */
  signals: string[];
  /** False only when every call in the handler is seen and none closes a server (`mongoose.connection.close()`, `process.exit()`). */
  closes: boolean;
  /** What installed it, for messages: `process.on`, `@godaddy/terminus`, `enableShutdownHooks`, ... */
  via: string;
}

export interface HealthRouteFact {
  line: number;
  /** The route path, or the library that serves one (`express-healthcheck`). */
  path: string;
}

export interface CloudSdkFact {
  /** The npm package (`@aws-sdk/client-s3`, `aws-sdk`, `firebase-admin`), never a subpath. */
  package: string;
  /** The module string of its first import in the file. */
  range: [number, number];
  line: number;
}

/** Facts the app-level rules read; collected for every file whichever rules are on. */
export interface AppFacts extends SourceFacts {
  /** The module the first `listen` call's receiver resolves to (`express`, `net`, `./app`), when it resolves. */
  listenModule?: string;
  /** hapi starts with `server.start()` rather than `listen`: the entry point of a hapi app. */
  serverStart?: { range: [number, number] };
  shutdownHandlers?: ShutdownHandlerFact[];
  /** Signal names written in the file (`'SIGTERM'`), to resolve handlers whose signal is computed. */
  signalNames?: string[];
  /** The first health-like route the file defines. */
  healthRoute?: HealthRouteFact;
  /** Cloud provider SDKs the file imports, the first import of each package. */
  cloudSdks?: CloudSdkFact[];
  /** The file imports hapi, whose servers start with `start()` (internal to the collection). */
  importsHapi?: boolean;
}

/**
 * Facts about a file that app-level rules need whichever rules are switched on:
 * the file that calls `listen` on a server is an application entry point; its stop-signal
 * handlers, health routes and cloud SDK imports are judged per application.
 * `scope` is the walk's scope tracker, positioned at `node`.
 */
export function collectFacts(node: Node, facts: SourceFacts, scope?: ScopeTracker): void {
  if (
    node.type === 'CallExpression' &&
    facts.listens === undefined &&
    node.callee.type === 'MemberExpression' &&
    !node.callee.computed &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'listen' &&
    node.arguments.length > 0
  ) {
    facts.listens = { range: node.range };
    const receiver = scope?.resolve(node.callee.object);
    if (receiver) (facts as AppFacts).listenModule = receiver.module;
  }
  if (scope) collectAppFacts(node, facts as AppFacts, scope);
}

function collectAppFacts(node: Node, facts: AppFacts, scope: ScopeTracker): void {
  switch (node.type) {
    case 'CallExpression':
      onCall(node, facts, scope);
      return;
    case 'NewExpression':
      onNew(node, facts, scope);
      return;
    case 'ImportDeclaration':
      if (node.importKind !== 'type' && !(node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.type === 'ImportSpecifier' && specifier.importKind === 'type'))) {
        onModuleUse(String(node.source.value), node.source, facts);
      }
      return;
    case 'ExportAllDeclaration':
    case 'ExportNamedDeclaration':
      if (node.source && node.exportKind !== 'type') onModuleUse(String(node.source.value), node.source, facts);
      return;
    case 'ImportExpression':
      if (node.source.type === 'Literal' && typeof node.source.value === 'string') onModuleUse(node.source.value, node.source, facts);
      return;
    case 'TSImportEqualsDeclaration':
      if (node.importKind !== 'type' && node.moduleReference.type === 'TSExternalModuleReference' && node.moduleReference.expression.type === 'Literal') {
        onModuleUse(String(node.moduleReference.expression.value), node.moduleReference.expression, facts);
      }
      return;
    case 'Literal':
      // Every string literal of every file comes here: the RegExp runs only on what starts like a signal name.
      if (typeof node.value === 'string' && node.value.startsWith('SIG') && /^SIG[A-Z0-9]+$/.test(node.value)) {
        const names = (facts.signalNames ??= []);
        if (!names.includes(node.value)) names.push(node.value);
      }
      return;
    case 'BinaryExpression':
      if (EQUALITY_OPERATORS.has(node.operator)) {
        onComparedPath(node.left, node.right, facts);
        onComparedPath(node.right, node.left, facts);
      }
      return;
    case 'SwitchCase':
      if (node.test?.type === 'Literal' && typeof node.test.value === 'string' && node.test.value.startsWith('/') && isHealthPath(node.test.value)) {
        recordHealth(facts, node.test, node.test.value);
      }
      return;
    case 'ObjectExpression':
      onRouteObject(node, facts, scope);
      return;
    case 'Decorator':
      onDecorator(node, facts, scope);
      return;
    default:
      return;
  }
}

const EQUALITY_OPERATORS = new Set(['===', '==', '!==', '!=']);

/** `req.url === '/health'`: a hand-written health route. */
function onComparedPath(side: Node, other: Node, facts: AppFacts): void {
  if (side.type === 'Literal' && typeof side.value === 'string' && side.value.startsWith('/') && other.type !== 'Literal' && isHealthPath(side.value)) {
    recordHealth(facts, side, side.value);
  }
}

// ---------------------------------------------------------------------------------------------
// Imports: cloud SDKs, health and shutdown libraries, hapi

/** Provider SDKs: using one ties that code to the provider's services. */
const CLOUD_SDK = /^(aws-sdk|@aws-sdk\/.+|@aws-lambda-powertools\/.+|aws-xray-sdk(-core)?|dynamoose|@google-cloud\/.+|firebase-admin|firebase-functions|firebase|@azure\/.+|azure-storage|azure-sb)$/;
/** Type and plumbing packages that always come with a real client: one finding for the client is enough. */
const CLOUD_SDK_PLUMBING = /^(@aws-sdk\/types|@azure\/(core-.+|abort-controller|logger))$/;

/** Libraries that serve a health route as soon as they are used. */
const HEALTH_LIBRARIES = new Set([
  'express-healthcheck',
  'express-actuator',
  'fastify-healthcheck',
  '@cloudnative/health-connect',
  '@cloudnative/health',
  '@nestjs/terminus',
  'maikai',
  'kube-probe',
  'hapi-alive',
]);

/** Plugins that close the server on SIGINT and SIGTERM once registered. */
const SHUTDOWN_PLUGINS = new Set(['fastify-graceful-shutdown', '@mgcrea/fastify-graceful-exit']);
const HAPI_MODULES = new Set(['@hapi/hapi', 'hapi', '@hapi/glue', 'glue']);

function onModuleUse(specifier: string, literal: Node, facts: AppFacts): void {
  const name = packageOf(specifier);
  if (CLOUD_SDK.test(name) && !CLOUD_SDK_PLUMBING.test(name)) {
    const sdks = (facts.cloudSdks ??= []);
    if (!sdks.some((sdk) => sdk.package === name)) sdks.push({ package: name, range: literal.range, line: literal.loc.start.line });
  }
  if (HEALTH_LIBRARIES.has(name)) recordHealth(facts, literal, name);
  if (SHUTDOWN_PLUGINS.has(name)) addHandler(facts, { line: literal.loc.start.line, signals: ['SIGINT', 'SIGTERM'], closes: true, via: name });
  if (HAPI_MODULES.has(name)) facts.importsHapi = true;
}

// ---------------------------------------------------------------------------------------------
// Calls

const EMITTER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
/** Methods that stop a server accepting connections: `server.close`, hapi `stop`, http-terminator `terminate`, ... */
const CLOSE_METHODS = new Set(['close', 'stop', 'shutdown', 'terminate', 'destroy']);
/** Function names that read as shutting something down. */
const CLOSE_NAME = /shut_?down|close|stop|terminat|graceful|clean_?up|tear_?down|dispose|drain/i;
/** Names of things that are not the HTTP server: closing them alone does not drain requests. */
const NOT_SERVER_NAME = /(^|[^a-z])(db|database|mongo\w*|mongoose|sql\w*|redis\w*|cache|pool|knex|prisma|sequelize|connection|conn|queue|worker|producer|consumer|channel|subscriber|publisher|logger|browser|watcher|scheduler|cron|jobs?|agenda|client)$|(db|database|mongo|mongoose|redis|cache|pool|connection|queue|client|producer|consumer|channel)$/i;
/** Modules whose objects are backing-service clients, never the HTTP server. */
const NOT_SERVER_MODULES = new Set([
  'mongoose', 'mongodb', 'pg', 'pg-pool', 'mysql', 'mysql2', 'mysql2/promise', 'redis', 'ioredis', 'sequelize', 'knex', 'typeorm', '@prisma/client',
  'amqplib', 'amqp-connection-manager', 'kafkajs', 'bull', 'bullmq', 'bee-queue', 'agenda', 'sqlite3', 'better-sqlite3', 'winston', 'pino', 'nats', 'mqtt',
  'node-cron', 'cron', 'node-schedule', 'puppeteer', 'playwright', 'chokidar', 'memcached', 'cassandra-driver', 'neo4j-driver', 'elasticsearch', '@elastic/elasticsearch',
]);

function addHandler(facts: AppFacts, handler: ShutdownHandlerFact): void {
  (facts.shutdownHandlers ??= []).push(handler);
}

function recordHealth(facts: AppFacts, node: Node, path: string): void {
  facts.healthRoute ??= { line: node.loc.start.line, path };
}

function calleeName(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return propertyName(callee.property, callee.computed);
  return undefined;
}

function onCall(call: TSESTree.CallExpression, facts: AppFacts, scope: ScopeTracker): void {
  const callee = call.callee;
  const method = callee.type === 'MemberExpression' ? propertyName(callee.property, callee.computed) : undefined;

  const required = scope.requiredModule(call);
  if (required) onModuleUse(requiredSpecifier(call) ?? required.module, call.arguments[0], facts);

  if (method && callee.type === 'MemberExpression') {
    if (EMITTER_METHODS.has(method) && isProcessEmitter(callee.object, scope)) {
      onProcessListener(call, facts, scope);
      return;
    }
    if (method === 'enableShutdownHooks') {
      const [list] = call.arguments;
      const signals = list?.type === 'ArrayExpression' ? stringElements(list, scope) : [];
      addHandler(facts, { line: call.loc.start.line, signals: signals.length > 0 ? signals : ['SIGTERM', 'SIGINT'], closes: true, via: 'enableShutdownHooks()' });
      return;
    }
    if (method === 'start' && call.arguments.length === 0 && facts.importsHapi && !facts.serverStart) {
      const receiver = scope.resolve(callee.object);
      if (!receiver || HAPI_MODULES.has(receiver.module)) facts.serverStart = { range: call.range };
    }
    onRouteCall(call, method, facts, scope);
  }

  const target = scope.resolve(callee);
  if (!target) return;
  const last = target.path[target.path.length - 1];
  switch (target.module) {
    case '@godaddy/terminus':
      if (last === undefined || last === 'createTerminus' || last === 'default') onTerminus(call, facts, scope);
      return;
    case 'lightship':
      if (last === 'createLightship') {
        addHandler(facts, { line: call.loc.start.line, signals: ['SIGTERM', 'SIGINT', 'SIGHUP'], closes: true, via: 'lightship' });
        recordHealth(facts, call, 'lightship');
      }
      return;
    case 'http-graceful-shutdown':
      if (target.path.length === 0 || last === 'default') {
        const signals = optionString(call.arguments[1], 'signals', scope);
        addHandler(facts, { line: call.loc.start.line, signals: signals ? signals.split(/\s+/).filter(Boolean) : ['SIGINT', 'SIGTERM'], closes: true, via: 'http-graceful-shutdown' });
      }
      return;
    case 'close-with-grace':
    case 'exit-hook':
    case 'async-exit-hook':
    case 'signal-exit':
    case 'death':
    case 'node-cleanup': {
      const callback = [...call.arguments].reverse().find((argument) => isFunction(argument) || argument.type === 'Identifier');
      if (!callback) return;
      addHandler(facts, { line: call.loc.start.line, signals: ['SIGINT', 'SIGTERM'], closes: handlerCloses(callback, ancestorsOf(call), scope, 0, new Set()), via: target.module });
      return;
    }
    default:
      if (!isLocalSpecifier(target.module) && SHUTDOWN_LIBRARY_NAME.test(last ?? target.module)) onShutdownLibrary(call, target.module, facts, scope);
      return;
  }
}

/** A package function named like a shutdown helper (`gracefulShutdown([closeResources])` from a service toolkit) installs signal handlers. */
const SHUTDOWN_LIBRARY_NAME = /graceful|shut_?down|terminat/i;

function onShutdownLibrary(call: TSESTree.CallExpression, module: string, facts: AppFacts, scope: ScopeTracker): void {
  const callbacks: Node[] = [];
  for (const argument of call.arguments) {
    for (const element of argument.type === 'ArrayExpression' ? argument.elements : [argument]) {
      if (element && (isFunction(element) || element.type === 'Identifier' || element.type === 'MemberExpression')) callbacks.push(element);
    }
  }
  const ancestors = ancestorsOf(call);
  const closes = callbacks.length === 0 || callbacks.some((callback) => handlerCloses(callback, ancestors, scope, 0, new Set()));
  addHandler(facts, { line: call.loc.start.line, signals: ['SIGTERM', 'SIGINT'], closes, via: module });
}

function requiredSpecifier(call: TSESTree.CallExpression): string | undefined {
  const [argument] = call.arguments;
  return argument?.type === 'Literal' && typeof argument.value === 'string' ? argument.value : undefined;
}

function onNew(node: TSESTree.NewExpression, facts: AppFacts, scope: ScopeTracker): void {
  const target = scope.resolve(node.callee);
  if (target && (target.module === 'exiting' || target.module === '@hapi/exiting') && target.path[target.path.length - 1] === 'Manager') {
    addHandler(facts, { line: node.loc.start.line, signals: ['SIGINT', 'SIGTERM'], closes: true, via: 'exiting' });
  }
}

function onTerminus(call: TSESTree.CallExpression, facts: AppFacts, scope: ScopeTracker): void {
  const options = objectOf(call.arguments[1], scope);
  let signals = ['SIGTERM'];
  if (options) {
    const signal = optionString(options, 'signal', scope);
    const list = property(options, 'signals');
    const listed = list?.type === 'ArrayExpression' ? stringElements(list, scope) : [];
    if (signal || listed.length > 0) signals = [...(signal ? [signal] : []), ...listed];
    const checks = objectOf(property(options, 'healthChecks'), scope);
    if (checks?.properties.some((entry) => entry.type === 'Property' && (propertyName(entry.key, entry.computed) ?? '').startsWith('/'))) {
      recordHealth(facts, checks, '@godaddy/terminus healthChecks');
    }
  }
  addHandler(facts, { line: call.loc.start.line, signals, closes: true, via: '@godaddy/terminus' });
}

// ---------------------------------------------------------------------------------------------
// process.on('SIGTERM', handler)

function isProcessEmitter(node: Node, scope: ScopeTracker): boolean {
  if (node.type === 'Identifier' && node.name === 'process' && scope.isUnshadowedGlobal('process')) return true;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' && node.property.name === 'process' && node.object.type === 'Identifier' && (node.object.name === 'global' || node.object.name === 'globalThis')) return true;
  // process.on('SIGINT', a).on('SIGTERM', b)
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = propertyName(node.callee.property, node.callee.computed);
    if (method && EMITTER_METHODS.has(method)) return isProcessEmitter(node.callee.object, scope);
  }
  const resolved = scope.resolve(node);
  return resolved?.module === 'process' && resolved.path.length === 0;
}

function onProcessListener(call: TSESTree.CallExpression, facts: AppFacts, scope: ScopeTracker): void {
  const [event, handler] = call.arguments;
  if (!event || !handler) return;
  const signals = signalsOf(event, call, scope);
  if (!signals) return;
  addHandler(facts, { line: call.loc.start.line, signals, closes: handlerCloses(handler, ancestorsOf(call), scope, 0, new Set()), via: 'process.on' });
}

/** The signal names an event argument stands for; undefined when it is not a signal (`'exit'`, `'message'`). */
function signalsOf(event: Node, call: Node, scope: ScopeTracker): string[] | undefined {
  const folded = scope.fold(event);
  if (folded) return typeof folded.value === 'string' && /^SIG[A-Z0-9]+$/.test(folded.value) ? [folded.value] : undefined;
  if (event.type !== 'Identifier') return ['?'];
  // ['SIGINT', 'SIGTERM'].forEach((signal) => process.on(signal, ...)) and for (const signal of [...])
  for (const ancestor of ancestorsOf(call)) {
    if (isFunction(ancestor) && ancestor.params.some((parameter) => parameter.type === 'Identifier' && parameter.name === event.name)) {
      const parent = (ancestor as { parent?: Node }).parent;
      if (parent?.type === 'CallExpression' && parent.arguments[0] === ancestor && parent.callee.type === 'MemberExpression') {
        const names = iteratedStrings(parent.callee.object, scope);
        if (names) return names;
      }
      return ['?'];
    }
    if (ancestor.type === 'ForOfStatement' && ancestor.left.type === 'VariableDeclaration' && ancestor.left.declarations.some((declaration) => declaration.id.type === 'Identifier' && declaration.id.name === event.name)) {
      return iteratedStrings(ancestor.right, scope) ?? ['?'];
    }
  }
  return ['?'];
}

/** The strings an iterated expression yields: an array literal, a const bound to one, or `Object.keys({...})`. */
function iteratedStrings(node: Node, scope: ScopeTracker): string[] | undefined {
  let target: Node | undefined = node;
  if (target.type === 'Identifier') target = scope.definition(target);
  if (target?.type === 'ArrayExpression') {
    const names = stringElements(target, scope).filter((name) => /^SIG[A-Z0-9]+$/.test(name));
    return names.length > 0 ? names : undefined;
  }
  if (target?.type === 'CallExpression' && target.callee.type === 'MemberExpression' && target.callee.object.type === 'Identifier' && target.callee.object.name === 'Object' && propertyName(target.callee.property, target.callee.computed) === 'keys') {
    const object = objectOf(target.arguments[0], scope);
    const names = (object?.properties ?? []).flatMap((entry) => (entry.type === 'Property' ? [propertyName(entry.key, entry.computed) ?? ''] : [])).filter((name) => /^SIG[A-Z0-9]+$/.test(name));
    return names.length > 0 ? names : undefined;
  }
  return undefined;
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

function isFunction(node: Node): node is FunctionNode {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The nodes enclosing `node`, innermost first (the walk has set their `parent` by the time `node` is entered). */
function ancestorsOf(node: Node): Node[] {
  const result: Node[] = [];
  for (let current = (node as { parent?: Node }).parent; current; current = (current as { parent?: Node }).parent) result.push(current);
  return result;
}

const MAX_FOLLOW = 3;

/**
 * Whether a stop-signal handler closes a server. Unknown code (an imported function, a parameter,
 * a factory's result) counts as closing: only a handler whose every call is seen and none of them
 * closes a server (`mongoose.connection.close(() => process.exit(0))`) is judged not to.
 */
function handlerCloses(handler: Node, ancestors: Node[], scope: ScopeTracker, depth: number, seen: Set<Node>): boolean {
  switch (handler.type) {
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'FunctionDeclaration':
      return bodyCloses(handler, [handler, ...ancestors], scope, depth, seen);
    case 'Identifier': {
      const definition = localFunction(handler.name, ancestors);
      if (!definition) return true;
      if (seen.has(definition.node) || depth >= MAX_FOLLOW) return true;
      seen.add(definition.node);
      return handlerCloses(definition.node, definition.ancestors, scope, depth + 1, seen);
    }
    case 'MemberExpression': {
      // process.on('SIGTERM', process.exit) exits at once; db.close as a handler closes only the database.
      if (handler.object.type === 'Identifier' && handler.object.name === 'process') return false;
      return !isNotServer(handler.object, scope);
    }
    case 'CallExpression':
      // server.close.bind(server)
      if (handler.callee.type === 'MemberExpression' && propertyName(handler.callee.property, handler.callee.computed) === 'bind') {
        return handlerCloses(handler.callee.object, ancestors, scope, depth, seen);
      }
      return true;
    default:
      return true;
  }
}

function bodyCloses(fn: FunctionNode, ancestors: Node[], scope: ScopeTracker, depth: number, seen: Set<Node>): boolean {
  let closes = false;
  visit(fn.body, ancestors, (node, path) => {
    if (closes || node.type !== 'CallExpression') return;
    const callee = node.callee;
    if (callee.type === 'MemberExpression') {
      const name = propertyName(callee.property, callee.computed);
      if (name && (CLOSE_METHODS.has(name) || CLOSE_NAME.test(name)) && !isNotServer(callee.object, scope) && !NOT_SERVER_NAME.test(name) && !isUndeclared(callee.object, path, scope)) closes = true;
      return;
    }
    if (callee.type === 'Identifier') {
      const definition = localFunction(callee.name, path);
      if (definition) {
        if (!seen.has(definition.node) && depth < MAX_FOLLOW) {
          seen.add(definition.node);
          if (handlerCloses(definition.node, definition.ancestors, scope, depth + 1, seen)) closes = true;
        }
        return;
      }
      // An imported `gracefulShutdown()` or `stopServer()` we cannot read: trust its name.
      if (CLOSE_NAME.test(callee.name) && !NOT_SERVER_NAME.test(callee.name.replace(/^(close|stop|shutdown|disconnect)/i, ''))) closes = true;
    }
  });
  return closes;
}

/** Whether a receiver is a backing-service client (a database, a queue, a logger) rather than a server. */
function isNotServer(receiver: Node, scope: ScopeTracker): boolean {
  const resolved = scope.resolve(receiver);
  if (resolved && NOT_SERVER_MODULES.has(resolved.module)) return true;
  if (resolved && !isLocalSpecifier(resolved.module)) return false;
  const name = calleeName(receiver.type === 'ChainExpression' ? receiver.expression : receiver);
  return name !== undefined && NOT_SERVER_NAME.test(name);
}

/**
 * `server.close()` where the file never declares or assigns `server`: a ReferenceError at shutdown, not a close.
 * An implicit global (`server = app.listen()`) counts as declared.
 */
function isUndeclared(receiver: Node, ancestors: Node[], scope: ScopeTracker): boolean {
  if (receiver.type !== 'Identifier' || scope.resolve(receiver) || !scope.isUnshadowedGlobal(receiver.name)) return false;
  const program = ancestors[ancestors.length - 1];
  if (program?.type !== 'Program' || ['global', 'globalThis', 'window', 'module', 'exports', 'require'].includes(receiver.name)) return false;
  let declared = false;
  visit(program, [], (node) => {
    if (declared) return;
    if (node.type === 'VariableDeclarator' && patternDeclares(node.id, receiver.name)) declared = true;
    else if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && node.left.name === receiver.name) declared = true;
    else if (isFunction(node) && (node.id?.name === receiver.name || node.params.some((parameter) => patternDeclares(parameter, receiver.name)))) declared = true;
    else if ((node.type === 'ClassDeclaration' && node.id?.name === receiver.name) || ((node.type === 'ImportSpecifier' || node.type === 'ImportDefaultSpecifier' || node.type === 'ImportNamespaceSpecifier') && node.local.name === receiver.name)) declared = true;
    else if (node.type === 'CatchClause' && node.param && patternDeclares(node.param, receiver.name)) declared = true;
  });
  return !declared;
}

function patternDeclares(pattern: Node, name: string): boolean {
  let found = false;
  visit(pattern, [], (node) => {
    if (node.type === 'Identifier' && node.name === name) found = true;
  });
  return found;
}

export function isLocalSpecifier(specifier: string): boolean {
  return /^(\.{1,2}(\/|$)|\/|@\/|~\/|#)/.test(specifier);
}

/** A function declared by `name` in a block enclosing the reference: `function shutdown() {}` or `const shutdown = () => {}`. */
function localFunction(name: string, ancestors: Node[]): { node: FunctionNode; ancestors: Node[] } | undefined {
  for (let index = 0; index < ancestors.length; index++) {
    const container = ancestors[index];
    let statements: readonly Node[] | undefined;
    if (container.type === 'Program' || container.type === 'BlockStatement' || container.type === 'StaticBlock') statements = container.body;
    else if (container.type === 'SwitchCase') statements = container.consequent;
    if (!statements) continue;
    for (const statement of statements) {
      const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
      if (!declaration) continue;
      if (declaration.type === 'FunctionDeclaration' && declaration.id?.name === name) return { node: declaration, ancestors: ancestors.slice(index) };
      if (declaration.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === 'Identifier' && declarator.id.name === name && declarator.init && isFunction(declarator.init)) {
            return { node: declarator.init, ancestors: [declarator, declaration, ...ancestors.slice(index)] };
          }
        }
      }
    }
  }
  return undefined;
}

/** Depth-first over a subtree the walk has not reached yet, with the enclosing nodes innermost first. */
function visit(root: Node, ancestors: Node[], callback: (node: Node, ancestors: Node[]) => void): void {
  const keysOf = visitorKeys as Record<string, readonly string[] | undefined>;
  const stack: { node: Node; ancestors: Node[] }[] = [{ node: root, ancestors }];
  let budget = 20_000;
  while (stack.length > 0 && budget-- > 0) {
    const { node, ancestors: around } = stack.pop()!;
    callback(node, around);
    const inner = [node, ...around];
    for (const key of keysOf[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const element of Array.isArray(child) ? child : [child]) {
        if (element && typeof (element as Node).type === 'string') stack.push({ node: element as Node, ancestors: inner });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Health routes

/** Route-defining methods of express/koa-router/fastify/restify/polka apps and routers. */
const ROUTE_METHODS = new Set(['get', 'head', 'all', 'use', 'route', 'register']);
/** HTTP clients: `axios.get('/health')` calls a route, it does not define one. */
const HTTP_CLIENTS = new Set(['axios', 'got', 'superagent', 'request', 'request-promise', 'request-promise-native', 'node-fetch', 'needle', 'supertest', 'http', 'https', 'undici', 'ky', 'phin', 'bent', '@angular/common']);

function onRouteCall(call: TSESTree.CallExpression, method: string, facts: AppFacts, scope: ScopeTracker): void {
  if (!ROUTE_METHODS.has(method) || facts.healthRoute || call.callee.type !== 'MemberExpression') return;
  const receiver = call.callee.object;
  if (receiver.type === 'Identifier' && (receiver.name === '$' || receiver.name === 'jQuery')) return;
  const resolved = scope.resolve(receiver);
  if (resolved && HTTP_CLIENTS.has(resolved.module)) return;
  const args = call.arguments;
  if (method === 'register') {
    // fastify.register(healthRoutes, { prefix: '/health' }) and under-pressure's status route
    const options = objectOf(args[1], scope);
    const prefix = options && optionString(options, 'prefix', scope);
    if (prefix && isHealthPath(prefix)) recordHealth(facts, options, prefix);
    const plugin = args[0] && scope.resolve(args[0]);
    if (plugin && (plugin.module === '@fastify/under-pressure' || plugin.module === 'under-pressure') && options && isTruthy(property(options, 'exposeStatusRoute'))) {
      recordHealth(facts, options, '/status');
    }
    return;
  }
  if (method === 'route') {
    // router.route('/health').get(...); hapi and fastify route objects are matched as objects
    const path = args.length === 1 ? pathText(args[0], scope) : undefined;
    if (path !== undefined && isHealthPath(path)) recordHealth(facts, args[0], path);
    return;
  }
  if (args.length < 2) return;
  const handler = args[args.length - 1];
  if (handler.type === 'Literal' || handler.type === 'TemplateLiteral' || (handler.type === 'ObjectExpression' && !property(handler, 'handler'))) return;
  const candidates = [args[0]];
  // koa-router's named routes: router.get('health', '/health', handler)
  if (args.length >= 3 && args[0].type === 'Literal' && typeof args[0].value === 'string' && !args[0].value.startsWith('/')) candidates.push(args[1]);
  for (const candidate of candidates) {
    for (const element of candidate.type === 'ArrayExpression' ? candidate.elements : [candidate]) {
      if (!element || element.type === 'SpreadElement') continue;
      const path = pathText(element, scope);
      if (path !== undefined && isHealthPath(path)) {
        recordHealth(facts, element, path);
        return;
      }
    }
  }
}

/** hapi `server.route({ method, path, handler })` and fastify `route({ method, url, handler })`. */
function onRouteObject(node: TSESTree.ObjectExpression, facts: AppFacts, scope: ScopeTracker): void {
  if (facts.healthRoute) return;
  const pathNode = property(node, 'path') ?? property(node, 'url');
  if (!pathNode || !(property(node, 'method') ?? property(node, 'methods'))) return;
  if (!property(node, 'handler') && !property(node, 'options') && !property(node, 'config')) return;
  const path = pathText(pathNode, scope);
  if (path !== undefined && isHealthPath(path)) recordHealth(facts, pathNode, path);
}

const ROUTE_DECORATORS = new Set(['Get', 'Head', 'All', 'Controller', 'JsonController']);

/** NestJS (and routing-controllers) `@Controller('health')`, `@Get('healthz')`, `@HealthCheck()`. */
function onDecorator(node: TSESTree.Decorator, facts: AppFacts, scope: ScopeTracker): void {
  if (facts.healthRoute || node.expression.type !== 'CallExpression') return;
  const call = node.expression;
  const name = calleeName(call.callee);
  if (name === 'HealthCheck') {
    const resolved = scope.resolve(call.callee);
    if (!resolved || resolved.module === '@nestjs/terminus') recordHealth(facts, node, '@HealthCheck()');
    return;
  }
  if (!name || !ROUTE_DECORATORS.has(name)) return;
  const [first] = call.arguments;
  if (!first) return;
  const objectPath = first.type === 'ObjectExpression' ? property(first, 'path') : undefined;
  const values = first.type === 'ArrayExpression' ? first.elements : [objectPath ?? first];
  for (const value of values) {
    if (!value || value.type === 'SpreadElement') continue;
    const path = pathText(value, scope);
    if (path !== undefined && isHealthPath(path)) {
      recordHealth(facts, value, path);
      return;
    }
  }
}

/** The constant part of a route path: folded, or the static text of a template (`${prefix}/health` → `/health`). */
function pathText(node: Node, scope: ScopeTracker): string | undefined {
  const folded = scope.fold(node);
  if (folded) return typeof folded.value === 'string' ? folded.value : undefined;
  if (node.type === 'TemplateLiteral') return node.quasis.map((quasi) => quasi.value.cooked ?? '').join('/');
  if (node.type === 'BinaryExpression' && node.operator === '+') return pathText(node.right, scope);
  return undefined;
}

const HEALTH_SEGMENT = /^_*(health([-_]?(z|check|checks|y|status))?|healthcheck|livez|readyz|liveness|readiness|heartbeat|is[-_]?alive|alive)$/;
const GENERIC_SEGMENT = /^_*(status|ping|ready|live)$/;
/** Prefixes that keep a generic word (`/api/v1/status`) a service-level route rather than a resource's (`/orders/:id/status`). */
const INFRA_SEGMENT = /^(api|v\d+(\.\d+)*|internal|_+|system|sys|admin|management|manage|monitoring|monitor|ops|meta|service|probes?|k8s|kube|actuator|_ah|\.well-known)$/;

/** Whether a route path is a health-like endpoint: `/health`, `/healthz`, `/api/health/live`, `/readyz`, `/ping`, `/api/status`. */
export function isHealthPath(raw: string): boolean {
  const segments = raw
    .replace(/[?#].*$/, '')
    .toLowerCase()
    .split('/')
    .map((segment) => segment.replace(/[^a-z0-9_.-]/g, ''))
    .filter(Boolean);
  if (segments.length === 0) return false;
  if (segments.some((segment) => HEALTH_SEGMENT.test(segment))) return true;
  const last = segments[segments.length - 1];
  return GENERIC_SEGMENT.test(last) && segments.slice(0, -1).every((segment) => INFRA_SEGMENT.test(segment));
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function property(object: TSESTree.ObjectExpression | undefined, name: string): Node | undefined {
  if (!object) return undefined;
  for (const entry of object.properties) {
    if (entry.type === 'Property' && propertyName(entry.key, entry.computed) === name) return entry.value;
  }
  return undefined;
}

/** An object literal, directly or through a const. */
function objectOf(node: Node | undefined, scope: ScopeTracker): TSESTree.ObjectExpression | undefined {
  if (!node) return undefined;
  if (node.type === 'ObjectExpression') return node;
  if (node.type === 'Identifier') {
    const definition = scope.definition(node);
    return definition?.type === 'ObjectExpression' ? definition : undefined;
  }
  return undefined;
}

function optionString(options: Node | undefined, name: string, scope: ScopeTracker): string | undefined {
  const object = options && options.type === 'ObjectExpression' ? options : objectOf(options, scope);
  const value = property(object, name);
  const folded = value && scope.fold(value);
  return folded && typeof folded.value === 'string' ? folded.value : undefined;
}

function stringElements(array: TSESTree.ArrayExpression, scope: ScopeTracker): string[] {
  return array.elements.flatMap((element) => {
    const folded = element && element.type !== 'SpreadElement' ? scope.fold(element) : undefined;
    return folded && typeof folded.value === 'string' ? [folded.value] : [];
  });
}

function isTruthy(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'Literal') return Boolean(node.value);
  return true;
}
