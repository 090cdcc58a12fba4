import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { createSourceRule } from './support/createRule';
import { calledMethod } from './support/secrets-config-os';

const ZEROMQ_MODULES = new Set(['zeromq', 'zmq', 'zeromq-ng', 'zeromq-port', 'zeromq/v5-compat']);

export default createSourceRule(
  {
    id: 'zeromq-bind',
    category: 'raw-socket-ipc',
    defaultSeverity: 'warning',
    description: 'A ZeroMQ socket binds a TCP port or an ipc:// endpoint, a side channel that container platforms neither route nor share between nodes.',
    messages: {
      tcp: 'the ZeroMQ socket binds {{address}}: the platform does not route this port to the container; run it as its own service behind the platform\'s TCP networking or use a managed broker',
      ipc: 'the ZeroMQ socket binds {{address}}, a local socket file: other nodes never reach it; use a TCP endpoint of a service or a managed broker',
    },
    strategies: ['replatform', 'refactor'],
    effort: 4,
    fixable: false,
    triggers: /zeromq|zmq/,
  },
  (context) => ({
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      const method = calledMethod(call);
      if ((method !== 'bind' && method !== 'bindSync') || call.callee.type !== 'MemberExpression') return;
      const receiver = context.resolve(call.callee.object);
      if (!receiver || !ZEROMQ_MODULES.has(receiver.module) || !receiver.path.includes('()')) return;
      const [address] = call.arguments;
      const folded = address && address.type !== 'SpreadElement' ? context.fold(address) : undefined;
      if (!folded || typeof folded.value !== 'string') return;
      const transport = /^([a-z]+):\/\//i.exec(folded.value)?.[1]?.toLowerCase();
      if (transport === 'ipc') context.report({ node: address, messageId: 'ipc', data: { address: folded.value } });
      else if (transport && transport !== 'inproc') context.report({ node: address, messageId: 'tcp', data: { address: folded.value } });
    },
  }),
);
