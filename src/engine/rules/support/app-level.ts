import { isLocalSpecifier, type AppFacts } from '../../core/facts';
import { classifyFile } from '../../core/fileRole';
import type { WorkspaceContext } from '../../types';
import { applicationRoot } from '../../core/project';

/** Packages whose `listen` starts a development or tooling server, never the deployed app. */
const TOOLING_SERVERS = new Set(['webpack-dev-server', 'vite', 'browser-sync', 'live-server', 'http-server', 'serve', 'json-server', 'nodemon', '@storybook/core-server']);

export interface EntryPoint {
  file: string;
  /** The `listen(...)` (or hapi `start()`) call: app-level findings are reported there. */
  range: [number, number];
  /** The folder of the nearest package.json ('' for the workspace root). */
  app: string;
  /** What the server's receiver resolves to, when it does (`express`, `net`, `./app`). */
  module?: string;
}

export interface AppFile {
  file: string;
  facts: AppFacts;
}

/**
 * Application entry points among runtime files: the file that calls `listen` on a server
 * (or starts a hapi server). A `listen` on a development server (`webpack-dev-server`, `vite`)
 * does not make an entry point.
 */
export function entryPoints(context: WorkspaceContext): EntryPoint[] {
  const entries: EntryPoint[] = [];
  for (const { file, facts } of context.files) {
    if (classifyFile(file) !== 'runtime') continue;
    const app = facts as AppFacts;
    const range = app.listens?.range ?? app.serverStart?.range;
    if (!range) continue;
    const module = app.listens ? app.listenModule : '@hapi/hapi';
    if (module && !isLocalSpecifier(module) && TOOLING_SERVERS.has(module)) continue;
    entries.push({ file, range, app: applicationRoot(context.project, file), module });
  }
  return entries;
}

/** The runtime files of one application (tests and build scripts never run in the container). */
export function applicationFiles(context: WorkspaceContext, app: string): AppFile[] {
  return context.files
    .filter(({ file }) => classifyFile(file) === 'runtime' && applicationRoot(context.project, file) === app)
    .map(({ file, facts }) => ({ file, facts: facts as AppFacts }));
}

/** How an application is named in messages. */
export function applicationLabel(app: string): string {
  return app ? `${app}/` : 'the workspace';
}

export { applicationRoot };
