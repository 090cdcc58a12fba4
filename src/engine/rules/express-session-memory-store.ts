import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isEnvironmentFallback } from '../core/environment';
import { sessionStoreFix, type SessionStoreTarget } from '../fixes/sessionStore';
import type { ModulePath, ReportDescriptor } from '../types';
import { createSourceRule } from './support/createRule';
import { findProperty, memberPath, objectLiteral, pathIs } from './support/state-jobs-db';

type Node = TSESTree.Node;

/** Session middlewares whose store defaults to an in-process MemoryStore. */
function sessionMiddleware(resolved: ModulePath | undefined): string | undefined {
  if (!resolved) return undefined;
  const path = memberPath(resolved);
  if (resolved.module === 'express-session' && path.length === 0) return 'express-session';
  // Express 3 and Connect 2 bundled the same middleware.
  if ((resolved.module === 'express' || resolved.module === 'connect') && path.length === 1 && path[0] === 'session') return `${resolved.module}.session`;
  return undefined;
}

/** Store classes that keep every session in the memory of the process that created it. */
function memoryStore(resolved: ModulePath | undefined): string | undefined {
  if (!resolved) return undefined;
  if (resolved.module === 'express-session' && pathIs(resolved, 'MemoryStore')) return 'express-session MemoryStore';
  if ((resolved.module === 'express' || resolved.module === 'connect') && pathIs(resolved, 'session', 'MemoryStore')) return `${resolved.module}.session.MemoryStore`;
  // require('memorystore')(session) returns the class.
  if ((resolved.module === 'memorystore' || resolved.module === 'session-memory-store') && pathIs(resolved, '()')) return resolved.module;
  return undefined;
}

export default createSourceRule(
  {
    id: 'express-session-memory-store',
    category: 'in-memory-session-state',
    defaultSeverity: 'error',
    description: 'express-session (or Connect/Express 3 session) keeps its sessions in a MemoryStore inside the process, which other replicas cannot see.',
    messages: {
      defaultStore:
        "{{middleware}} has no store: the session store defaults to MemoryStore, so sessions live in this process's memory, vanish on restart and are unknown to the other replicas",
      memoryStore: "{{store}} keeps sessions in this process's memory: they vanish on restart and are unknown to the other replicas",
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 3,
    fixable: true,
    triggers: /session|memorystore/i,
  },
  (context) => {
    // Options held in a variable may get their store later (`options.store = new RedisStore(...)`), so judge at the end.
    const pending: { descriptor: ReportDescriptor; options?: string; fix?: SessionStoreTarget }[] = [];
    const storeAssigned = new Set<string>();

    const checkSession = (call: TSESTree.CallExpression) => {
      const middleware = sessionMiddleware(context.resolve(call.callee));
      if (!middleware) return;
      const [argument] = call.arguments;
      const descriptor: ReportDescriptor = { node: call, messageId: 'defaultStore', data: { middleware } };
      // Only express-session itself: Express 3 and Connect 2 sessions need the connect-redis of their time.
      const fixable = middleware === 'express-session';
      if (!argument) {
        pending.push({ descriptor, fix: fixable ? { kind: 'options', call } : undefined });
        return;
      }
      if (argument.type === 'SpreadElement') return;
      const options = objectLiteral(context, argument);
      if (!options) return;
      const { property, open } = findProperty(options, 'store');
      if (property || open) return;
      pending.push({ descriptor, options: argument.type === 'Identifier' ? argument.name : undefined, fix: fixable ? { kind: 'options', call, options } : undefined });
    };

    return {
      CallExpression(node) {
        checkSession(node as TSESTree.CallExpression);
      },
      NewExpression(node) {
        const construction = node as TSESTree.NewExpression;
        const store = memoryStore(context.resolve(construction.callee));
        // A MemoryStore picked only when an environment variable says so is a development fallback.
        if (!store || isEnvironmentFallback(construction)) return;
        // A MemoryStore given options (memorystore's checkPeriod, max) is not replaced: those options would be lost.
        const replaceable = store === 'express-session MemoryStore' && construction.arguments.length === 0;
        pending.push({ descriptor: { node: construction, messageId: 'memoryStore', data: { store } }, fix: replaceable ? { kind: 'replace', construction } : undefined });
      },
      AssignmentExpression(node) {
        const assignment = node as TSESTree.AssignmentExpression;
        const target: Node = assignment.left;
        if (target.type !== 'MemberExpression' || target.object.type !== 'Identifier') return;
        const key = target.computed ? (target.property.type === 'Literal' ? String(target.property.value) : undefined) : target.property.type === 'Identifier' ? target.property.name : undefined;
        if (key === 'store') storeAssigned.add(target.object.name);
      },
      'Program:exit'() {
        for (const { descriptor, options, fix } of pending) {
          if (options !== undefined && storeAssigned.has(options)) continue;
          const storeFix = fix && sessionStoreFix(context, fix);
          context.report(storeFix ? { ...descriptor, fixes: [storeFix] } : descriptor);
        }
      },
    };
  },
);
