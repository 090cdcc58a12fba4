import * as path from 'node:path';
import type { ProjectInfo } from '../types';
import { entryPoints } from './support/app-level';
import { createWorkspaceRule } from './support/createRule';

const CONTAINER_FILE = /(^|\/)(Dockerfile|Containerfile)(\.[\w.-]+)?$|\.(Dockerfile|Containerfile)$/;

function hasContainerFile(project: ProjectInfo, appRoot: string): boolean {
  for (const file of project.allFiles) {
    if (!CONTAINER_FILE.test(file)) continue;
    const folder = path.posix.dirname(file);
    const container = folder === '.' ? '' : folder;
    // A Dockerfile in the app's folder, below it (docker/Dockerfile), or above it (a monorepo's root image) builds the app.
    if (container === '' || appRoot === '' || container === appRoot || container.startsWith(`${appRoot}/`) || appRoot.startsWith(`${container}/`)) return true;
  }
  return false;
}

export default createWorkspaceRule(
  {
    id: 'missing-container-image',
    category: 'missing-container-image',
    defaultSeverity: 'warning',
    description: 'An application that starts a server has no Dockerfile or Containerfile, so there is no image to deploy.',
    messages: {
      missing: '{{entry}} starts a server but {{app}} has no Dockerfile: there is no container image to deploy',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 2,
    fixable: false,
  },
  (context) => {
    // The same entry points as the other app-level rules: runtime files that start a server (not tests, not dev servers).
    for (const { file, range, app } of entryPoints(context)) {
      if (hasContainerFile(context.project, app)) continue;
      context.report({ file, range, messageId: 'missing', data: { entry: file, app: app ? `${app}/` : 'the workspace' } });
    }
  },
);
