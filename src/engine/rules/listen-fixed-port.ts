import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isEnvironmentFallback } from '../core/environment';
import { externalizeFix } from '../fixes/externalizeConfig';
import type { FoldedValue, RuleContext } from '../types';
import { quoteLike } from './support/describe';
import { createSourceRule } from './support/createRule';
import { isLoopbackHost } from './support/hosts';

type Node = TSESTree.Node;

/** Receivers whose `listen` opens a network port; an unresolved receiver (`app` from a local module) counts too. */
const SERVER_MODULES = new Set(['express', 'http', 'https', 'http2', 'net', 'koa', 'fastify', 'restify', 'connect', 'polka', 'socket.io', '@nestjs/core', 'hapi', '@hapi/hapi', 'tls']);

/** `./app`, `@/server`, `~/app`, `#app`: the project's own module, whose export we cannot see from here. */
function isLocalModule(specifier: string): boolean {
  return /^(\.{1,2}(\/|$)|\/|@\/|~\/|#)/.test(specifier);
}

function asPort(folded: FoldedValue | undefined): number | undefined {
  if (!folded) return undefined;
  const port = typeof folded.value === 'string' && /^\d+$/.test(folded.value) ? Number(folded.value) : folded.value;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port <= 65535 ? port : undefined;
}

function propertyValue(object: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === name) return property.value;
  }
  return undefined;
}

export default createSourceRule(
  {
    id: 'listen-fixed-port',
    category: 'fixed-port',
    defaultSeverity: 'warning',
    description: 'A server listens on a port or a loopback address fixed in code, where the platform assigns the port and routes from outside.',
    messages: {
      port: 'server listens on fixed port {{port}}: the platform assigns the port through the PORT environment variable',
      loopback: 'server binds to {{host}} only: nothing outside the container can reach it',
    },
    strategies: ['replatform', 'refactor'],
    effort: 0.5,
    fixable: true,
  },
  (context) => ({
    // On exit: the fix looks up the file's imports from the literal (config module), so its parents must be set.
    'CallExpression:exit'(node) {
      const call = node as TSESTree.CallExpression;
      if (call.callee.type !== 'MemberExpression' || call.callee.computed || call.callee.property.type !== 'Identifier' || call.callee.property.name !== 'listen') return;
      const receiver = context.resolve(call.callee.object);
      if (receiver && !isLocalModule(receiver.module) && !SERVER_MODULES.has(receiver.module)) return;
      const [first, second] = call.arguments;
      if (!first) return;
      let portNode: Node | undefined = first;
      let hostNode: Node | undefined = second;
      if (first.type === 'ObjectExpression') {
        portNode = propertyValue(first, 'port');
        hostNode = propertyValue(first, 'host');
      }
      if (portNode) reportPort(context, call, portNode);
      if (hostNode) reportLoopback(context, call, hostNode);
    },
  }),
);

function reportPort(context: RuleContext, call: TSESTree.CallExpression, portNode: Node): void {
  const folded = context.fold(portNode);
  const port = asPort(folded);
  if (port === undefined || !folded) return;
  const literal = folded.origins[0];
  if (folded.origins.length !== 1 || literal.type !== 'Literal' || isEnvironmentFallback(literal)) return;
  context.report({
    node: literal,
    messageId: 'port',
    data: { port },
    related: folded.via.length > 0 ? [{ node: call, message: 'the server listens here' }] : [],
    fixes: [externalizeFix(context, { literal, variable: 'PORT', secret: false, numeric: true })],
  });
}

function reportLoopback(context: RuleContext, call: TSESTree.CallExpression, hostNode: Node): void {
  const folded = context.fold(hostNode);
  if (!folded || typeof folded.value !== 'string' || !isLoopbackHost(folded.value)) return;
  const literal = folded.origins[0];
  if (folded.origins.length !== 1 || literal.type !== 'Literal' || isEnvironmentFallback(literal)) return;
  const original = context.sourceText.slice(literal.range[0], literal.range[1]);
  context.report({
    node: literal,
    messageId: 'loopback',
    data: { host: folded.value },
    related: folded.via.length > 0 ? [{ node: call, message: 'the server listens here' }] : [],
    fixes: [{ title: 'Listen on all interfaces (0.0.0.0)', edits: [{ range: literal.range, text: quoteLike(original, '0.0.0.0') }] }],
  });
}
