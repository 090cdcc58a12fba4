import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { applicationRoot } from '../core/project';
import { socketAdapterFix } from '../fixes/socketAdapter';
import type { Fix, ProjectInfo, RuleContext, WorkspaceRule } from '../types';
import { createWorkspaceRule } from './support/createRule';
import { memberPath } from './support/state-jobs-db';

type Node = TSESTree.Node;

const FACT = 'socket-io-without-adapter';

/** What one file says about socket.io. */
interface SocketIoFacts {
  /** Where socket.io servers are created. */
  servers: { range: [number, number]; what: string; fix?: Fix }[];
  /** An adapter that links replicas (Redis, MongoDB, Postgres, a cloud pub/sub) is set up or imported here. */
  sharedAdapter: boolean;
  /** Only @socket.io/cluster-adapter, which links the workers of one host, is used here. */
  clusterAdapter: boolean;
}

/** Adapter packages that carry broadcasts between separate machines. */
function isSharedAdapterModule(name: string): boolean {
  if (name === '@socket.io/cluster-adapter' || name === 'socket.io-adapter') return false;
  if (/^@socket\.io\/.+-(adapter|emitter)$/.test(name)) return true;
  return /^socket\.io-(redis|adapter-redis|adapter-mongo|mongodb|postgres|amqp|kafka|nats|rabbitmq|mqtt|sqs|pubsub)/.test(name) || name === '@azure/web-pubsub-socket.io';
}

function collect(context: RuleContext) {
  const facts: SocketIoFacts = { servers: [], sharedAdapter: false, clusterAdapter: false };
  const creations = new Map<SocketIoFacts['servers'][number], TSESTree.CallExpression | TSESTree.NewExpression>();

  const noteModule = (name: string) => {
    if (isSharedAdapterModule(name)) facts.sharedAdapter = true;
    else if (name === '@socket.io/cluster-adapter') facts.clusterAdapter = true;
  };

  const noteServer = (node: TSESTree.CallExpression | TSESTree.NewExpression) => {
    const resolved = context.resolve(node.callee);
    if (resolved?.module !== 'socket.io') return;
    const path = memberPath(resolved);
    const creates = path.length === 0 || (path.length === 1 && path[0] === 'Server') || (path.length === 1 && path[0] === 'listen' && node.type === 'CallExpression');
    if (!creates) return;
    const server: SocketIoFacts['servers'][number] = { range: node.range, what: 'socket.io server' };
    facts.servers.push(server);
    creations.set(server, node);
  };

  const noteAdapterCall = (call: TSESTree.CallExpression) => {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
    const name = callee.property.name;
    if (name === 'useWebSocketAdapter' && call.arguments.length > 0) {
      // NestJS: app.useWebSocketAdapter(new RedisIoAdapter(app)); the adapter class is the app's own.
      facts.sharedAdapter = true;
      return;
    }
    if (name !== 'adapter' || call.arguments.length === 0) return;
    const [argument] = call.arguments;
    const resolved = argument.type === 'SpreadElement' ? undefined : context.resolve(argument.type === 'CallExpression' ? argument.callee : argument);
    if (resolved?.module === '@socket.io/cluster-adapter') facts.clusterAdapter = true;
    else facts.sharedAdapter = true;
  };

  return {
    ImportDeclaration(node: Node) {
      const declaration = node as TSESTree.ImportDeclaration;
      noteModule(String(declaration.source.value));
    },
    CallExpression(node: Node) {
      const call = node as TSESTree.CallExpression;
      if (call.callee.type === 'Identifier' && call.callee.name === 'require' && call.arguments[0]?.type === 'Literal' && typeof call.arguments[0].value === 'string') {
        noteModule(call.arguments[0].value);
      }
      noteServer(call);
      noteAdapterCall(call);
    },
    NewExpression(node: Node) {
      noteServer(node as TSESTree.NewExpression);
    },
    Decorator(node: Node) {
      // NestJS gateways run on socket.io unless the app installs another adapter.
      const decorator = node as TSESTree.Decorator;
      const expression = decorator.expression;
      const resolved = context.resolve(expression.type === 'CallExpression' ? expression.callee : expression);
      if (resolved?.module === '@nestjs/websockets' && memberPath(resolved).join('.') === 'WebSocketGateway') {
        facts.servers.push({ range: decorator.range, what: 'NestJS @WebSocketGateway (socket.io)' });
      }
    },
    'Program:exit'() {
      // The fix is built while the tree is at hand; the workspace check decides whether it is offered.
      if (!facts.sharedAdapter && !facts.clusterAdapter) {
        for (const [server, creation] of creations) {
          server.fix = socketAdapterFix(context, creation);
        }
      }
      if (facts.servers.length > 0 || facts.sharedAdapter || facts.clusterAdapter) context.recordFact(FACT, facts);
    },
  };
}

/** An adapter package among the dependencies of the app or of the workspace root. */
function dependsOnSharedAdapter(project: ProjectInfo, appRoot: string): boolean {
  for (const key of new Set([appRoot, ''])) {
    const manifest = project.packages.get(key);
    if (!manifest) continue;
    if (Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).some(isSharedAdapterModule)) return true;
  }
  return false;
}

const rule: WorkspaceRule = createWorkspaceRule(
  {
    id: 'socket-io-without-adapter',
    category: 'in-memory-session-state',
    defaultSeverity: 'error',
    description: 'A socket.io server in an application that sets up no adapter, so rooms, broadcasts and connected sockets exist only inside one replica.',
    messages: {
      noAdapter: '{{what}} has no adapter in {{app}}: rooms, broadcasts and connected sockets stay inside this replica, so clients on other replicas miss them',
      clusterOnly:
        '{{what}} only uses @socket.io/cluster-adapter in {{app}}: it links the workers of one host, not separate replicas, so clients on other replicas miss broadcasts',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 4,
    fixable: true,
  },
  (context) => {
    const apps = new Map<string, { shared: boolean; cluster: boolean; servers: ({ file: string } & SocketIoFacts['servers'][number])[] }>();
    for (const { file, facts } of context.files) {
      const found = facts[FACT] as SocketIoFacts | undefined;
      if (!found) continue;
      const appRoot = applicationRoot(context.project, file);
      const app = apps.get(appRoot) ?? { shared: dependsOnSharedAdapter(context.project, appRoot), cluster: false, servers: [] };
      apps.set(appRoot, app);
      app.shared ||= found.sharedAdapter;
      app.cluster ||= found.clusterAdapter;
      for (const server of found.servers) app.servers.push({ file, ...server });
    }
    for (const [appRoot, app] of apps) {
      if (app.shared) continue;
      for (const server of app.servers) {
        context.report({
          file: server.file,
          range: server.range,
          messageId: app.cluster ? 'clusterOnly' : 'noAdapter',
          data: { what: server.what, app: appRoot ? `${appRoot}/` : 'the workspace' },
          // Beside @socket.io/cluster-adapter a second adapter would replace it: the fix is only for servers with none.
          fixes: server.fix && !app.cluster ? [server.fix] : undefined,
        });
      }
    }
  },
);

rule.collect = collect;

export default rule;
