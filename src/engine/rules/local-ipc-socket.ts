import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../core/scope';
import type { ReportDescriptor } from '../types';
import { createSourceRule } from './support/createRule';
import { calledMethod, unwrap } from './support/secrets-config-os';

type Node = TSESTree.Node;

/** Receivers whose `listen` opens a server; an unresolved receiver (`app` from a local module) counts too. */
const SERVER_MODULES = new Set(['express', 'http', 'https', 'http2', 'net', 'tls', 'koa', 'fastify', 'restify', 'connect', 'polka', '@hapi/hapi', 'hapi', '@nestjs/core']);

/** A Unix socket path or a Windows named pipe. */
function socketPath(value: string): boolean {
  const text = value.trim();
  if (/^\\\\[.?]\\pipe\\/i.test(text)) return true;
  if (/\.sock(et)?$/i.test(text)) return true;
  return /^(\/|\.\.?\/)[^\s]*$/.test(text) && !/^\/\d+$/.test(text);
}

function isLocalModule(specifier: string): boolean {
  return /^(\.{1,2}(\/|$)|\/|@\/|~\/|#)/.test(specifier);
}

export default createSourceRule(
  {
    id: 'local-ipc-socket',
    category: 'raw-socket-ipc',
    defaultSeverity: 'error',
    description: 'The application talks over a local Unix socket or Windows named pipe (listen(\'/tmp/app.sock\'), node-ipc, socketPath), which only reaches processes on the same machine.',
    messages: {
      listen: 'the server listens on the local socket {{path}}: it only reaches processes on the same machine; listen on a TCP port the platform routes to',
      connect: '{{callee}} connects to the local socket {{path}}: the process behind it is on the old host, not in the container\'s network; reach it as a service over TCP',
      nodeIpc: 'node-ipc {{method}} talks over a local socket between processes of one machine: replicas on other nodes never see it; use HTTP or a message broker between services',
      declared: '{{name}} names the local socket {{path}}: it only reaches processes on the same machine; reach the other side as a service over TCP',
    },
    strategies: ['replatform', 'refactor'],
    effort: 3,
    fixable: false,
  },
  (context) => {
    /** Literals already reported through a use (listen, connect, socketPath), so a socket-named constant is not reported twice. */
    const used = new Set<Node>();
    const reports: ReportDescriptor[] = [];
    const report = (descriptor: ReportDescriptor) => reports.push(descriptor);
    const declared: { node: Node; name: string; path: string }[] = [];
    const noteUse = (argument: Node | undefined) => {
      if (!argument || argument.type === 'SpreadElement') return;
      for (const origin of context.fold(argument)?.origins ?? []) used.add(origin);
    };
    const pathOf = (argument: Node | undefined): string | undefined => {
      if (!argument || argument.type === 'SpreadElement') return undefined;
      const inner = unwrap(argument);
      if (inner.type === 'ObjectExpression') {
        const property = inner.properties.find((candidate) => candidate.type === 'Property' && propertyName(candidate.key, candidate.computed) === 'path');
        return property && property.type === 'Property' ? pathOf(property.value) : undefined;
      }
      const folded = context.fold(inner);
      if (folded && typeof folded.value === 'string') return socketPath(folded.value) ? folded.value : undefined;
      // path.join(os.tmpdir(), 'app.sock')
      if (inner.type === 'CallExpression' && context.resolve(inner.callee)?.module === 'path') {
        const last = inner.arguments[inner.arguments.length - 1];
        const tail = last && last.type !== 'SpreadElement' ? context.fold(last) : undefined;
        if (tail && typeof tail.value === 'string' && /\.sock(et)?$|\\pipe\\/i.test(tail.value)) return context.sourceText.slice(inner.range[0], inner.range[1]);
      }
      return undefined;
    };
    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const method = calledMethod(call);
        const target = context.resolve(call.callee);
        if (target?.module === 'node-ipc' && ['serve', 'serveNet', 'connectTo', 'connectToNet'].includes(target.path[target.path.length - 1] ?? '')) {
          const ipcMethod = target.path[target.path.length - 1];
          if (ipcMethod === 'serve' || ipcMethod === 'connectTo') report({ node: call, messageId: 'nodeIpc', data: { method: ipcMethod } });
          return;
        }
        if (method === 'listen' && call.callee.type === 'MemberExpression') {
          const receiver = context.resolve(call.callee.object);
          if (receiver && !isLocalModule(receiver.module) && !SERVER_MODULES.has(receiver.module)) return;
          const path = pathOf(call.arguments[0]);
          if (path) {
            noteUse(call.arguments[0]);
            report({ node: call.arguments[0], messageId: 'listen', data: { path } });
          }
          return;
        }
        if (target?.module === 'net' && (target.path[0] === 'connect' || target.path[0] === 'createConnection') && target.path.length === 1) {
          const path = pathOf(call.arguments[0]);
          if (path) {
            noteUse(call.arguments[0]);
            report({ node: call.arguments[0], messageId: 'connect', data: { callee: `net.${target.path[0]}`, path } });
          }
        }
      },
      Property(node) {
        // http.request({ socketPath: '/var/run/docker.sock' }), new Docker({ socketPath })
        const property = node as TSESTree.Property;
        if (propertyName(property.key, property.computed) !== 'socketPath') return;
        const folded = context.fold(property.value);
        if (!folded || typeof folded.value !== 'string' || !socketPath(folded.value)) return;
        const call = property.parent?.parent;
        const callee = call && (call.type === 'CallExpression' || call.type === 'NewExpression') ? `${call.type === 'NewExpression' ? 'new ' : ''}${context.sourceText.slice(call.callee.range[0], call.callee.range[1])}` : 'the client';
        noteUse(property.value);
        report({ node: property.value, messageId: 'connect', data: { callee, path: folded.value } });
      },
      VariableDeclarator(node) {
        // const DOCKER_SOCKET = '/var/run/docker.sock'
        const declarator = node as TSESTree.VariableDeclarator;
        if (declarator.id.type !== 'Identifier' || !/sock|pipe/i.test(declarator.id.name) || !declarator.init) return;
        const init = unwrap(declarator.init);
        if (init.type !== 'Literal' || typeof init.value !== 'string' || !/\.sock(et)?$|^\\\\[.?]\\pipe\\/i.test(init.value)) return;
        declared.push({ node: init, name: declarator.id.name, path: init.value });
      },
      'Program:exit'() {
        for (const { node, name, path } of declared) if (!used.has(node)) report({ node, messageId: 'declared', data: { name, path } });
        for (const descriptor of reports.sort((a, b) => a.node!.range[0] - b.node!.range[0])) context.report(descriptor);
      },
    };
  },
);
