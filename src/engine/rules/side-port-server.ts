import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ReportDescriptor } from '../types';
import { createSourceRule } from './support/createRule';
import { applicationDependencies, calledMethod, unwrap } from './support/secrets-config-os';

type Node = TSESTree.Node;

const HTTP_FRAMEWORKS = ['express', 'koa', 'fastify', '@hapi/hapi', 'hapi', 'restify', '@nestjs/core', 'connect', 'polka', 'next', '@feathersjs/express', 'sails', 'loopback', '@loopback/core', 'socket.io'];
const HTTP_MODULES = new Set(['http', 'https', 'http2', ...HTTP_FRAMEWORKS]);

/** A port-like first argument of `listen`/`bind`, not a socket path; its printable form. */
function portText(context: Parameters<Parameters<typeof createSourceRule>[1]>[0], argument: Node | undefined): string | undefined {
  if (!argument || argument.type === 'SpreadElement') return undefined;
  const inner = unwrap(argument);
  if (inner.type === 'ObjectExpression') {
    const port = inner.properties.find((property) => property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === 'port');
    return port && port.type === 'Property' ? portText(context, port.value) : undefined;
  }
  if (inner.type === 'FunctionExpression' || inner.type === 'ArrowFunctionExpression') return undefined;
  const folded = context.fold(inner);
  if (folded) {
    if (typeof folded.value === 'number') return String(folded.value);
    if (typeof folded.value === 'string') return /^\d+$/.test(folded.value) ? folded.value : undefined;
    return undefined;
  }
  const text = context.sourceText.slice(inner.range[0], inner.range[1]);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export default createSourceRule(
  {
    id: 'side-port-server',
    // Only net and tls servers and dgram sockets are reported; their modules are named where they are loaded.
    triggers: /\bnet\b|tls|dgram/,
    category: 'raw-socket-ipc',
    defaultSeverity: 'warning',
    description: 'Beside its HTTP server the application opens a raw TCP or TLS server (net.createServer, tls.createServer) or a UDP socket on a port of its own, which container platforms do not route.',
    messages: {
      tcp: 'a raw {{protocol}} server listens on port {{port}} beside the HTTP server: the platform routes HTTP(S) to one port only; expose this protocol as its own service or move it onto HTTP/WebSocket',
      udp: 'a UDP socket listens on port {{port}} beside the HTTP server: the platform routes HTTP(S) to one port only; expose this protocol as its own service or move it onto HTTP',
    },
    strategies: ['replatform', 'refactor'],
    effort: 4,
    fixable: false,
  },
  (context) => {
    const dependencies = applicationDependencies(context);
    let servesHttp = HTTP_FRAMEWORKS.some((name) => dependencies.has(name));
    const pending: { descriptor: ReportDescriptor; socket?: string }[] = [];
    const multicastSockets = new Set<string>();
    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const target = context.resolve(call.callee);
        if (target && HTTP_MODULES.has(target.module) && (target.module !== 'http' && target.module !== 'https' && target.module !== 'http2' ? target.path.length <= 1 : target.path[0] === 'createServer' || target.path[0] === 'createSecureServer' || target.path[0] === 'Server')) servesHttp = true;
        const method = calledMethod(call);
        if (!method || call.callee.type !== 'MemberExpression') return;
        const receiver = context.resolve(call.callee.object);
        const receiverText = context.sourceText.slice(call.callee.object.range[0], call.callee.object.range[1]);
        if (method === 'addMembership' || method === 'setBroadcast' || method === 'addSourceSpecificMembership') multicastSockets.add(receiverText);
        if (!receiver) return;
        const last = receiver.path.slice(-2).join('.');
        if (method === 'listen' && (receiver.module === 'net' || receiver.module === 'tls') && (last === 'createServer.()' || last === 'Server.()')) {
          const port = portText(context, call.arguments[0]);
          // Port 0 asks the system for any free port: an internal helper, not a port clients are given.
          if (port && port !== '0') pending.push({ descriptor: { node: call, messageId: 'tcp', data: { protocol: receiver.module === 'tls' ? 'TLS' : 'TCP', port } } });
        }
        if (method === 'bind' && receiver.module === 'dgram' && last === 'createSocket.()') {
          const port = portText(context, call.arguments[0]);
          if (port && port !== '0') pending.push({ descriptor: { node: call, messageId: 'udp', data: { port } }, socket: receiverText });
        }
      },
      NewExpression(node) {
        const target = context.resolve((node as TSESTree.NewExpression).callee);
        if (target && HTTP_MODULES.has(target.module)) servesHttp = true;
      },
      'Program:exit'() {
        if (!servesHttp) return;
        for (const { descriptor, socket } of pending) if (!socket || !multicastSockets.has(socket)) context.report(descriptor);
      },
    };
  },
);
