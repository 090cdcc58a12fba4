import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isLocalSpecifier, type ShutdownHandlerFact } from '../core/facts';
import { createdFramework, NODE_SERVER_FRAMEWORKS, type Framework } from '../fixes/appFramework';
import { gracefulShutdownFix, type ShutdownTarget } from '../fixes/gracefulShutdown';
import type { Fix, RuleContext, WorkspaceRule } from '../types';
import { createWorkspaceRule } from './support/createRule';
import { applicationFiles, applicationLabel, entryPoints, type AppFile } from './support/app-level';

const FACT = 'missing-graceful-shutdown';

/** The fix for the call that starts the server, built during the walk, and the servers the file creates. */
interface ShutdownFixFacts {
  starts: { range: [number, number]; fix: Fix; assumesNodeServer: boolean }[];
  creates: Framework[];
}

interface LocatedHandler extends ShutdownHandlerFact {
  file: string;
}

/** The handlers of an application, with computed signal names (`process.on(signal, ...)`) resolved from the names its file writes. */
function handlersOf(files: ReturnType<typeof applicationFiles>): LocatedHandler[] {
  return files.flatMap(({ file, facts }) =>
    (facts.shutdownHandlers ?? []).map((handler) => ({
      ...handler,
      file,
      signals: handler.signals.flatMap((signal) => (signal === '?' ? (facts.signalNames ?? []) : [signal])),
    })),
  );
}

const handles = (handler: LocatedHandler, signal: string) => handler.signals.includes(signal);

const rule: WorkspaceRule = createWorkspaceRule(
  {
    id: 'missing-graceful-shutdown',
    category: 'missing-graceful-shutdown',
    defaultSeverity: 'warning',
    description: 'An application starts a server but no SIGTERM handler anywhere in the application closes it, so the platform cuts in-flight requests whenever it stops a container.',
    messages: {
      missing: 'nothing in {{app}} closes this server on SIGTERM: the platform stops containers with SIGTERM, so every deploy and scale-in drops in-flight requests',
      noClose: 'the SIGTERM handler at {{handler}} ({{via}}) exits without closing this server: every deploy and scale-in drops in-flight requests',
      sigintOnly: 'this server is closed on SIGINT only ({{handler}}): the platform stops containers with SIGTERM, which leaves in-flight requests to be cut',
    },
    strategies: ['replatform', 'refactor'],
    effort: 1,
    fixable: true,
  },
  (context) => {
    for (const entry of entryPoints(context)) {
      const handlers = handlersOf(applicationFiles(context, entry.app));
      if (handlers.some((handler) => handler.closes && handles(handler, 'SIGTERM'))) continue;
      const where = (handler: LocatedHandler) => `${handler.file}:${handler.line}`;
      const sigterm = handlers.find((handler) => handles(handler, 'SIGTERM'));
      const sigint = handlers.find((handler) => handler.closes && handles(handler, 'SIGINT'));
      if (sigterm) {
        context.report({ file: entry.file, range: entry.range, messageId: 'noClose', data: { handler: where(sigterm), via: sigterm.via } });
      } else if (sigint) {
        context.report({ file: entry.file, range: entry.range, messageId: 'sigintOnly', data: { handler: where(sigint) } });
      } else {
        // Beside a handler that exits without closing, a second handler would race it: only a missing one is added.
        const fix = fixFor(entry.file, entry.range, applicationFiles(context, entry.app));
        context.report({ file: entry.file, range: entry.range, messageId: 'missing', data: { app: applicationLabel(entry.app) }, fixes: fix ? [fix] : undefined });
      }
    }
  },
);

function fixFor(file: string, range: [number, number], files: AppFile[]): Fix | undefined {
  const own = files.find((candidate) => candidate.file === file)?.facts[FACT] as ShutdownFixFacts | undefined;
  const start = own?.starts.find((candidate) => candidate.range[0] === range[0] && candidate.range[1] === range[1]);
  if (!start) return undefined;
  if (!start.assumesNodeServer) return start.fix;
  // `app` came from another module: the app's own files tell what it is (express, koa: a Node server; fastify: not).
  const created = files.flatMap(({ facts }) => (facts[FACT] as ShutdownFixFacts | undefined)?.creates ?? []);
  return created.length > 0 && created.every((framework) => NODE_SERVER_FRAMEWORKS.has(framework)) ? start.fix : undefined;
}

/** Records, for the first `listen(...)` and hapi `start()` of a file, the SIGTERM handler that would close that server. */
function collect(context: RuleContext) {
  const targets: { target: ShutdownTarget; assumesNodeServer: boolean }[] = [];
  const creates = new Set<Framework>();
  let listenSeen = false;
  let startSeen = false;

  const onCall = (call: TSESTree.CallExpression) => {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
    const method = callee.property.name;
    if (method === 'listen' && call.arguments.length > 0 && !listenSeen) {
      listenSeen = true;
      const receiver = context.resolve(callee.object);
      const framework = createdFramework(receiver);
      // A receiver from another package that is none of the known servers (`io.listen`): its listen is its own.
      if (!framework && receiver && !isLocalSpecifier(receiver.module)) return;
      targets.push({ target: { call, framework, receiverIsServer: framework === 'node-server' }, assumesNodeServer: !framework });
    } else if (method === 'start' && call.arguments.length === 0 && !startSeen) {
      const framework = createdFramework(context.resolve(callee.object));
      if (framework !== 'hapi') return;
      startSeen = true;
      targets.push({ target: { call, framework, receiverIsServer: false }, assumesNodeServer: false });
    }
  };

  const noteCreation = (node: TSESTree.Node) => {
    const framework = createdFramework(context.resolve(node));
    if (framework) creates.add(framework);
  };

  return {
    CallExpression(node: TSESTree.Node) {
      noteCreation(node);
      onCall(node as TSESTree.CallExpression);
    },
    NewExpression(node: TSESTree.Node) {
      noteCreation(node);
    },
    'Program:exit'() {
      const starts: ShutdownFixFacts['starts'] = [];
      for (const { target, assumesNodeServer } of targets) {
        const fix = gracefulShutdownFix(context, target);
        if (fix) starts.push({ range: [target.call.range[0], target.call.range[1]], fix, assumesNodeServer });
      }
      if (starts.length > 0 || creates.size > 0) context.recordFact(FACT, { starts, creates: [...creates] } satisfies ShutdownFixFacts);
    },
  };
}

rule.collect = collect;

export default rule;
