import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import { memberPath, parameterNames, sourceSnippet } from './support/state-jobs-db';

type Node = TSESTree.Node;

/** Parameters that make a function a request or connection handler (Express, Koa, Fastify, socket.io, ws); `client` and `connection` also name database handles, so they do not count. */
const HANDLER_PARAMETERS = new Set(['req', 'request', 'ctx', 'socket', 'ws']);
/** A key read from the caller's identity: the session, the authenticated user, the socket, the cookies. */
const IDENTITY_KEY = /\b(socket|client|ws)\.id\b|\b(req|request|ctx)\.(session|sessionID|user|cookies|signedCookies|auth)\b|\b(req|request)\.headers\.authorization\b/;
/** Container names that say they hold users, their sessions or the rooms and games they share. */
const USER_STATE_NAME = /session|user|client|socket|player|visitor|online|connected|login|token|cart|basket|room|game|lobby/i;
const WRITE_METHODS = new Set(['set', 'put', 'push', 'add', 'unshift']);

interface Container {
  name: string;
  declarator: TSESTree.VariableDeclarator;
  kind: string;
}

/** `{}`, `[]`, `new Map()`, `new Set()`, or a node-cache / lru-cache / memory-cache instance created at module level. */
function containerKind(context: RuleContext, init: Node): string | undefined {
  if (init.type === 'ObjectExpression' && init.properties.length === 0) return 'object';
  if (init.type === 'ArrayExpression' && init.elements.length === 0) return 'array';
  if (init.type === 'NewExpression') {
    if (init.callee.type === 'Identifier' && (init.callee.name === 'Map' || init.callee.name === 'Set') && context.resolve(init.callee) === undefined && context.definition(init.callee) === undefined) {
      return init.callee.name;
    }
    const resolved = context.resolve(init.callee);
    if (resolved?.module === 'node-cache') return 'node-cache';
    if (resolved?.module === 'lru-cache' || resolved?.module === 'lru_map' || resolved?.module === 'quick-lru') return resolved.module;
    if (resolved?.module === 'memory-cache' && memberPath(resolved).join('.') === 'Cache') return 'memory-cache';
  }
  if (init.type === 'CallExpression') {
    const resolved = context.resolve(init);
    if (resolved?.module === 'memory-cache' && memberPath(resolved).length === 0) return 'memory-cache';
  }
  return undefined;
}

function isModuleLevel(declarator: TSESTree.VariableDeclarator): boolean {
  const declaration = declarator.parent;
  const holder = declaration?.parent;
  return holder?.type === 'Program' || (holder?.type === 'ExportNamedDeclaration' && holder.parent?.type === 'Program');
}

/** Inside a request or connection handler, however deeply nested. */
function inHandler(node: Node): boolean {
  let current = node.parent;
  while (current) {
    if ((current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') && parameterNames(current).some((name) => HANDLER_PARAMETERS.has(name))) return true;
    current = current.parent;
  }
  return false;
}

export default createSourceRule(
  {
    id: 'module-level-user-state',
    category: 'in-memory-session-state',
    defaultSeverity: 'warning',
    description: 'A module-level object, Map, array or in-process cache that request or socket handlers fill with per-user state (sessions, logged-in users, connected sockets).',
    messages: {
      state: "{{name}} ({{kind}}) keeps per-user state in this process's memory: other replicas never see it and a restart loses it",
    },
    strategies: ['replatform', 'refactor'],
    effort: 4,
    fixable: false,
  },
  (context) => {
    const containers = new Map<string, Container>();
    const reported = new Set<string>();

    /** The module-level container an identifier refers to, unless a local binding shadows it. */
    const containerOf = (node: Node): Container | undefined => {
      if (node.type !== 'Identifier') return undefined;
      const container = containers.get(node.name);
      if (!container || context.definition(node) !== container.declarator.init) return undefined;
      return container;
    };

    const judge = (container: Container, write: Node, key: Node | undefined) => {
      if (reported.has(container.name) || !inHandler(write)) return;
      const keyText = key ? context.sourceText.slice(key.range[0], key.range[1]) : '';
      if (!IDENTITY_KEY.test(keyText) && !USER_STATE_NAME.test(container.name)) return;
      reported.add(container.name);
      context.report({
        node: container.declarator.id,
        messageId: 'state',
        data: { name: container.name, kind: container.kind },
        related: [{ node: write, message: `written by a handler: ${sourceSnippet(context, write, 60)}` }],
      });
    };

    return {
      VariableDeclarator(node) {
        const declarator = node as TSESTree.VariableDeclarator;
        if (declarator.id.type !== 'Identifier' || !declarator.init || !isModuleLevel(declarator)) return;
        const kind = containerKind(context, declarator.init);
        if (kind) containers.set(declarator.id.name, { name: declarator.id.name, declarator, kind });
      },
      AssignmentExpression(node) {
        // users[socket.id] = user
        const assignment = node as TSESTree.AssignmentExpression;
        const target = assignment.left;
        if (target.type !== 'MemberExpression' || !target.computed) return;
        const container = containerOf(target.object);
        if (container) judge(container, assignment, target.property);
      },
      CallExpression(node) {
        // sessions.set(token, user), online.push(user)
        const call = node as TSESTree.CallExpression;
        const callee = call.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !WRITE_METHODS.has(callee.property.name)) return;
        const container = containerOf(callee.object);
        const [first] = call.arguments;
        if (container && first && first.type !== 'SpreadElement') judge(container, call, first);
      },
    };
  },
);
