import { createWorkspaceRule } from './support/createRule';
import { applicationFiles, applicationLabel, entryPoints } from './support/app-level';

/** File-based API routes (Next.js pages and app routers) that serve a health-like path. */
const FILE_ROUTE = /(^|\/)(src\/)?(pages|app)\/api\/(health|healthz|healthcheck|ping|status|ready|readyz|live|livez)(\.[cm]?[jt]sx?|\/index\.[cm]?[jt]sx?|\/route\.[cm]?[jt]sx?)$/;
/** Raw TCP servers are probed with a TCP check, not an HTTP route. */
const TCP_MODULES = new Set(['net', 'tls']);

export default createWorkspaceRule(
  {
    id: 'missing-health-endpoint',
    category: 'missing-health-endpoint',
    defaultSeverity: 'warning',
    description: 'An application starts an HTTP server but defines no health-like route for the platform\'s liveness and readiness probes.',
    messages: {
      missing: '{{app}} defines no health route (/health, /healthz, /ready, ...) for this server: the platform\'s liveness and readiness probes have nothing cheap to call',
    },
    strategies: ['replatform', 'refactor'],
    effort: 0.5,
    fixable: false,
  },
  (context) => {
    for (const entry of entryPoints(context)) {
      if (entry.module && TCP_MODULES.has(entry.module)) continue;
      if (applicationFiles(context, entry.app).some(({ facts }) => facts.healthRoute)) continue;
      const prefix = entry.app ? `${entry.app}/` : '';
      if ([...context.project.allFiles].some((file) => file.startsWith(prefix) && FILE_ROUTE.test(file.slice(prefix.length)))) continue;
      context.report({ file: entry.file, range: entry.range, messageId: 'missing', data: { app: applicationLabel(entry.app) } });
    }
  },
);
