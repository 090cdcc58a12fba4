import type { ShutdownHandlerFact } from '../core/facts';
import { createWorkspaceRule } from './support/createRule';
import { applicationFiles, applicationLabel, entryPoints } from './support/app-level';

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

export default createWorkspaceRule(
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
    fixable: false,
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
        context.report({ file: entry.file, range: entry.range, messageId: 'missing', data: { app: applicationLabel(entry.app) } });
      }
    }
  },
);
