import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { createSourceRule } from './support/createRule';
import { memberPath } from './support/state-jobs-db';

/** Packages that pin each client to one worker of a Node.js cluster, and the calls that set the pinning up. */
const STICKY_CALLS: Record<string, ReadonlySet<string>> = {
  'sticky-session': new Set(['', 'listen']),
  'socketio-sticky-session': new Set(['']),
  'sticky-cluster': new Set(['']),
  'sticky-listen': new Set(['createBalancer']),
  'express-sticky-cluster': new Set(['']),
  '@socket.io/sticky': new Set(['setupMaster']),
};

export default createSourceRule(
  {
    id: 'cluster-sticky-session',
    category: 'in-memory-session-state',
    defaultSeverity: 'warning',
    description: 'Sticky sessions across Node.js cluster workers (sticky-session, @socket.io/sticky, ...), which only work while per-client state stays in one process.',
    messages: {
      sticky:
        "{{library}} pins each client to one cluster worker because state lives in that worker's memory: separate containers do not share the pinning, so that state must move to a shared store",
    },
    strategies: ['replatform', 'refactor'],
    effort: 4,
    fixable: false,
    triggers: /sticky/i,
  },
  (context) => ({
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      const resolved = context.resolve(call.callee);
      if (!resolved || !Object.hasOwn(STICKY_CALLS, resolved.module)) return;
      const path = memberPath(resolved);
      if (path.length > 1 || !STICKY_CALLS[resolved.module].has(path[0] ?? '')) return;
      context.report({ node: call, messageId: 'sticky', data: { library: resolved.module } });
    },
  }),
);
