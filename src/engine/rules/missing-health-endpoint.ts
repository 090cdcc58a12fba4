import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { createdFramework, type Framework } from '../fixes/appFramework';
import { healthRouteFix } from '../fixes/healthRoute';
import type { Fix, RuleContext, WorkspaceRule } from '../types';
import { createWorkspaceRule } from './support/createRule';
import { applicationFiles, applicationLabel, entryPoints, type AppFile } from './support/app-level';

const FACT = 'missing-health-endpoint';

/** The apps a file creates (`const app = express()`), with the route that would serve their probes. */
interface AppCreationFacts {
  apps: { framework: Framework; fix?: Fix }[];
}

/** File-based API routes (Next.js pages and app routers) that serve a health-like path. */
const FILE_ROUTE = /(^|\/)(src\/)?(pages|app)\/api\/(health|healthz|healthcheck|ping|status|ready|readyz|live|livez)(\.[cm]?[jt]sx?|\/index\.[cm]?[jt]sx?|\/route\.[cm]?[jt]sx?)$/;
/** Raw TCP servers are probed with a TCP check, not an HTTP route. */
const TCP_MODULES = new Set(['net', 'tls']);

const rule: WorkspaceRule = createWorkspaceRule(
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
    fixable: true,
  },
  (context) => {
    for (const entry of entryPoints(context)) {
      if (entry.module && TCP_MODULES.has(entry.module)) continue;
      if (applicationFiles(context, entry.app).some(({ facts }) => facts.healthRoute)) continue;
      const prefix = entry.app ? `${entry.app}/` : '';
      if ([...context.project.allFiles].some((file) => file.startsWith(prefix) && FILE_ROUTE.test(file.slice(prefix.length)))) continue;
      const fix = fixFor(entry.file, applicationFiles(context, entry.app));
      context.report({ file: entry.file, range: entry.range, messageId: 'missing', data: { app: applicationLabel(entry.app) }, fixes: fix ? [fix] : undefined });
    }
  },
);

/** The route goes on the app the entry point creates, or on the application's only app; never a guess between several. */
function fixFor(entryFile: string, files: AppFile[]): Fix | undefined {
  const appsOf = (file: AppFile) => (file.facts[FACT] as AppCreationFacts | undefined)?.apps ?? [];
  const own = files.find((file) => file.file === entryFile);
  const ownApps = own ? appsOf(own) : [];
  if (ownApps.length > 0) return ownApps.length === 1 ? ownApps[0].fix : undefined;
  const all = files.flatMap(appsOf);
  return all.length === 1 ? all[0].fix : undefined;
}

function collect(context: RuleContext) {
  const created: { declarator: TSESTree.VariableDeclarator; framework: Framework }[] = [];
  return {
    VariableDeclarator(node: TSESTree.Node) {
      const declarator = node as TSESTree.VariableDeclarator;
      const framework = declarator.init ? createdFramework(context.resolve(declarator.init)) : undefined;
      if (framework && framework !== 'node-server') created.push({ declarator, framework });
    },
    'Program:exit'() {
      if (created.length === 0) return;
      const apps = created.map(({ declarator, framework }) => ({ framework, fix: healthRouteFix(context, declarator, framework) }));
      context.recordFact(FACT, { apps } satisfies AppCreationFacts);
    },
  };
}

rule.collect = collect;

export default rule;
