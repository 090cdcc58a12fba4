import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isProcessEnv, readsEnvironment } from '../core/environment';
import type { RuleContext, SourceFacts, SourceRule } from '../types';

type Node = TSESTree.Node;

/** A `listen` call and the port it opens, as far as the code tells. */
export interface ListenProbe {
  line: number;
  /** The literal port, or the default beside an environment override. */
  port?: number;
  /** The environment variable the port is read from (`PORT`), when it is. */
  env?: string;
}

export interface EnvironmentRead {
  name: string;
  line: number;
  /** The literal beside the read (`process.env.REDIS_URL || 'redis://localhost'`). */
  fallback?: string;
}

export interface HealthProbe {
  path: string;
  line: number;
}

/** What the scaffold needs from a file, stored as `facts['scaffold']`. */
export interface ScaffoldFacts {
  listens: ListenProbe[];
  /** `process.env.PORT || 8080` anywhere (express-generator's `app.set('port', ...)`). */
  portFallback?: number;
  environment: EnvironmentRead[];
  health?: HealthProbe;
}

export const HEALTH_PATH = /^\/(?:api\/)?(?:v\d+\/)?(?:_?health(?:z|check|-check|_check)?(?:\/(?:live|liveness|ready|readiness))?|healthcheck|livez|readyz|liveness|readiness|ping|status|alive|ready)\/?$/i;

const ROUTE_METHODS = new Set(['get', 'all', 'head']);

function asPort(value: unknown): number | undefined {
  const port = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
}

function environmentName(node: Node): string | undefined {
  if (node.type !== 'MemberExpression') return undefined;
  const object = node.object;
  if (!isProcessEnv(object)) return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.computed && node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

/** The literal beside an environment read: `process.env.X || 'a'`, `process.env.X ?? 3000`. */
function fallbackOf(context: RuleContext, read: Node): string | number | undefined {
  let child: Node = read;
  let parent = (read as { parent?: Node }).parent;
  while (parent && (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || (parent.type === 'CallExpression' && parent.arguments[0] === child))) {
    child = parent;
    parent = (parent as { parent?: Node }).parent;
  }
  if (parent?.type === 'LogicalExpression' && parent.left === child && parent.operator !== '&&') {
    const folded = context.fold(parent.right);
    if (folded && (typeof folded.value === 'string' || typeof folded.value === 'number')) return folded.value;
  }
  return undefined;
}

/** The port an expression opens: a literal, an env override with its default, through `const`s and wrappers. */
function portOf(context: RuleContext, node: Node | undefined, depth = 0): { port?: number; env?: string } | undefined {
  if (!node || depth > 4) return undefined;
  const folded = context.fold(node);
  const literal = asPort(folded?.value);
  if (literal !== undefined && !readsEnvironment(node)) return { port: literal };
  switch (node.type) {
    case 'Identifier': {
      const definition = context.definition(node);
      return definition ? portOf(context, definition, depth + 1) : undefined;
    }
    case 'MemberExpression': {
      const name = environmentName(node);
      if (name) return { env: name, port: asPort(fallbackOf(context, node)) };
      return undefined;
    }
    case 'LogicalExpression':
    case 'ConditionalExpression': {
      const parts = node.type === 'LogicalExpression' ? [node.left, node.right] : [node.consequent, node.alternate, node.test];
      let result: { port?: number; env?: string } | undefined;
      for (const part of parts) {
        const inner = portOf(context, part, depth + 1);
        if (!inner) continue;
        result = { env: result?.env ?? inner.env, port: result?.port ?? inner.port };
      }
      return result;
    }
    case 'CallExpression':
    case 'NewExpression':
      // Number(process.env.PORT), parseInt(port, 10), normalizePort(process.env.PORT || '3000')
      return portOf(context, node.arguments[0], depth + 1);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return portOf(context, node.expression, depth + 1);
    default:
      return undefined;
  }
}

function objectProperty(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && !property.computed && ((property.key.type === 'Identifier' && property.key.name === name) || (property.key.type === 'Literal' && property.key.value === name))) {
      return property.value;
    }
  }
  return undefined;
}

/**
 * A source rule that never reports: it records, for the Dockerfile scaffold, the ports `listen` calls open,
 * the environment variables the code reads (with their defaults), and a health route.
 */
export const scaffoldProbe: SourceRule = {
  kind: 'source',
  meta: {
    id: 'scaffold-probe',
    category: 'missing-container-image',
    defaultSeverity: 'information',
    description: 'Collects what a Dockerfile needs from the code; never reports.',
    messages: {},
    strategies: [],
    effort: 0,
    fixable: false,
  },
  create(context) {
    const facts: ScaffoldFacts = { listens: [], environment: [] };
    const seen = new Set<string>();
    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        if (call.callee.type !== 'MemberExpression' || call.callee.computed || call.callee.property.type !== 'Identifier') return;
        const method = call.callee.property.name;
        const [first] = call.arguments;
        if (method === 'listen' && first) {
          const port = first.type === 'ObjectExpression' ? portOf(context, objectProperty(first, 'port')) : portOf(context, first);
          facts.listens.push({ line: call.loc.start.line, ...port });
        } else if (ROUTE_METHODS.has(method) && first && !facts.health) {
          const path = context.fold(first)?.value;
          if (typeof path === 'string' && HEALTH_PATH.test(path)) facts.health = { path, line: first.loc.start.line };
        } else if (method === 'route' && first?.type === 'ObjectExpression' && !facts.health) {
          // hapi `server.route({ method: 'GET', path })`, fastify `fastify.route({ method: 'GET', url })`
          const path = context.fold(objectProperty(first, 'path') ?? objectProperty(first, 'url') ?? first)?.value;
          const verb = context.fold(objectProperty(first, 'method') ?? first)?.value;
          if (typeof path === 'string' && HEALTH_PATH.test(path) && (verb === undefined || /^(get|\*)$/i.test(String(verb)))) facts.health = { path, line: first.loc.start.line };
        }
      },
      MemberExpression(node) {
        const name = environmentName(node);
        if (!name || name === 'NODE_ENV' || seen.has(name)) return;
        const parent = (node as { parent?: Node }).parent;
        if (parent?.type === 'AssignmentExpression' && parent.left === node) return;
        seen.add(name);
        const fallback = fallbackOf(context, node);
        facts.environment.push({ name, line: node.loc.start.line, ...(fallback !== undefined ? { fallback: String(fallback) } : {}) });
        if (name === 'PORT' && facts.portFallback === undefined) facts.portFallback = asPort(fallback);
      },
      VariableDeclarator(node) {
        // const { SESSION_SECRET, PORT = 3000 } = process.env
        const declarator = node as TSESTree.VariableDeclarator;
        if (declarator.id.type !== 'ObjectPattern' || !declarator.init || !isProcessEnv(declarator.init)) return;
        for (const property of declarator.id.properties) {
          if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
          const name = property.key.name;
          if (name === 'NODE_ENV' || seen.has(name)) continue;
          seen.add(name);
          const fallback = property.value.type === 'AssignmentPattern' ? context.fold(property.value.right)?.value : undefined;
          const value = typeof fallback === 'string' || typeof fallback === 'number' ? String(fallback) : undefined;
          facts.environment.push({ name, line: property.loc.start.line, ...(value !== undefined ? { fallback: value } : {}) });
          if (name === 'PORT' && facts.portFallback === undefined) facts.portFallback = asPort(value);
        }
      },
      'Program:exit'() {
        context.recordFact('scaffold', facts);
      },
    };
  },
};

export function scaffoldFactsOf(facts: SourceFacts): ScaffoldFacts | undefined {
  return facts.scaffold as ScaffoldFacts | undefined;
}
