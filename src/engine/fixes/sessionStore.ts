import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleContext, TextEdit } from '../types';
import { envExampleEdit } from './envExample';
import { addDependenciesEdit } from './packageDependencies';
import {
  appDependencies,
  describeRedisLibrary,
  majorVersion,
  REDIS_URL_EXAMPLE,
  REDIS_URL_VARIABLE,
  redisClientExpression,
  redisDependency,
  redisImport,
  redisLibrary,
  type RedisLibrary,
} from './redisClient';
import { declarationKeyword, enclosingStatement, existingReference, importsLeftUnused, freeName, insertAfterImports, insertBefore, lineStart, moduleSystemOf, planImports, programOf, semicolon, type ImportRequest } from './sourceEdits';
import { detectStyle, quoted } from './sourceStyle';

type Node = TSESTree.Node;

/** Where the store goes: a `store` option added to the session options, or an explicit MemoryStore replaced. */
export type SessionStoreTarget =
  | { kind: 'options'; call: TSESTree.CallExpression; options?: TSESTree.ObjectExpression }
  | { kind: 'replace'; construction: TSESTree.NewExpression };

/** How connect-redis exposes its store class: v6 and older a factory taking the session module, v7 a default export, v8+ a named one. */
type StoreApi = { style: 'factory' | 'default' | 'named'; range: string; major: number };

function storeApi(dependencies: Record<string, string>, library: RedisLibrary): StoreApi {
  const listed = majorVersion(dependencies['connect-redis']);
  const api = (major: number, range: string): StoreApi => ({ style: major <= 6 ? 'factory' : major === 7 ? 'default' : 'named', range, major });
  if (listed !== undefined) return api(listed, dependencies['connect-redis']);
  if (library === 'redis3') return api(6, '^6.1.3');
  // connect-redis 9 needs redis 5; 7 works with redis 4 and ioredis.
  if (library === 'redis4' && (majorVersion(dependencies.redis) ?? 4) >= 5) return api(9, '^9.0.0');
  return api(7, '^7.1.1');
}

/**
 * Keeps express-session's sessions in Redis through connect-redis: a client read from REDIS_URL is
 * created before the session setup, the `store` option is added (every other option is kept) or an explicit
 * MemoryStore is replaced, and connect-redis (with a client when the app has none) is added to package.json.
 */
export function sessionStoreFix(context: RuleContext, target: SessionStoreTarget): Fix | undefined {
  const anchorNode: Node = target.kind === 'replace' ? target.construction : (target.options ?? target.call);
  const program = programOf(anchorNode);
  const anchor = enclosingStatement(anchorNode);
  if (!program || !anchor) return undefined;
  const text = context.sourceText;
  const style = detectStyle(context.file, text);
  const system = moduleSystemOf(context.file, program);
  const dependencies = appDependencies(context.project, context.file);
  const library = redisLibrary(dependencies);
  const api = storeApi(dependencies, library);
  const end = semicolon(style);

  const storeRequest: Record<StoreApi['style'], ImportRequest> = {
    default: { module: 'connect-redis', member: 'default', names: ['RedisStore', 'ConnectRedisStore'], commonJsDefault: 'property' },
    named: { module: 'connect-redis', member: 'RedisStore', names: ['RedisStore', 'ConnectRedisStore'] },
    factory: { module: 'connect-redis', member: 'default', names: ['connectRedis'], commonJsDefault: 'module' },
  };
  // CommonJS calls the v6 factory where it is required: `require('connect-redis')(session)`.
  const requests = api.style === 'factory' && system === 'cjs' ? [redisImport(library)] : [storeRequest[api.style], redisImport(library)];
  const imports = planImports(context.file, text, program, style, requests);
  if (!imports) return undefined;
  const [storeModule, clientFactory] = requests.length === 2 ? imports.references : ['', imports.references[0]];

  const clientName = freeName(program, ['redisClient', 'sessionRedisClient', 'sessionStoreClient']);
  if (!clientName) return undefined;
  const keyword = declarationKeyword(text);
  const statements = [...imports.statements];
  const setup: string[] = [];
  let storeClass = storeModule;
  if (api.style === 'factory') {
    // connect-redis 6 and older extend the session module's Store: `require('connect-redis')(session)`.
    const sessionModule = existingReference(program, { module: 'express-session', member: 'default', names: [], commonJsDefault: 'module' });
    if (!sessionModule || !/^[\w$]+$/.test(sessionModule)) return undefined;
    storeClass = freeName(program, ['RedisStore', 'ConnectRedisStore']) ?? '';
    if (!storeClass) return undefined;
    if (system === 'cjs') statements.push(`${keyword} ${storeClass} = require(${quoted(style, 'connect-redis')})(${sessionModule})${end}`);
    else setup.push(`${keyword} ${storeClass} = ${storeModule}(${sessionModule})${end}`);
  }
  setup.push(`${keyword} ${clientName} = ${redisClientExpression(library, clientFactory, (value) => quoted(style, value))}${end}`);
  // redis 4 and later queue commands only once connect() was called; the store retries on its own.
  if (library === 'redis4') setup.push(`${clientName}.connect().catch(console.error)${end}`);

  const store = `new ${storeClass}({ client: ${clientName} })`;
  const storeEdit = storeOptionEdit(text, target, store, style.newline);
  const setupEdit = insertBefore(text, anchor.statement, style, setup);
  if (!storeEdit || !setupEdit) return undefined;
  const edits: TextEdit[] = [];
  if (statements.length > 0) edits.push(insertAfterImports(text, program, style, statements, anchor.statement.range[0]));
  edits.push(setupEdit, storeEdit);
  // `import { MemoryStore }` is left unused once its only construction is replaced.
  if (target.kind === 'replace') edits.push(...importsLeftUnused(text, program, target.construction.range));
  const manifest = addDependenciesEdit(context.project, context.file, { 'connect-redis': api.range, ...redisDependency(dependencies) });
  if (manifest) edits.push(manifest);
  const example = envExampleEdit(context.project, context.file, REDIS_URL_VARIABLE, REDIS_URL_EXAMPLE);
  if (example) edits.push(example);
  return { title: `Keep sessions in Redis (connect-redis ${api.major} with ${describeRedisLibrary(library, dependencies)}, ${REDIS_URL_VARIABLE} from the environment)`, edits };
}

/** The `store` option as the first property of the options, in the object's own layout. */
function storeOptionEdit(text: string, target: SessionStoreTarget, store: string, newline: string): TextEdit | undefined {
  if (target.kind === 'replace') return { range: target.construction.range, text: store };
  const { call, options } = target;
  if (!options) {
    // session() → session({ store })
    const close = call.range[1] - 1;
    if (text[close] !== ')' || call.arguments.length > 0) return undefined;
    return { range: [close, close], text: `{ store: ${store} }` };
  }
  const [first] = options.properties;
  if (!first) return { range: options.range, text: `{ store: ${store} }` };
  const sameLine = !text.slice(options.range[0], first.range[0]).includes('\n');
  if (sameLine) return { range: [first.range[0], first.range[0]], text: `store: ${store}, ` };
  const indent = text.slice(lineStart(text, first.range[0]), first.range[0]);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  return { range: [first.range[0], first.range[0]], text: `store: ${store},${newline}${indent}` };
}

