import * as path from 'node:path';
import type { EngineHost } from '../types';
import { detectStack, type DetectOptions, type DockerStack } from './detect';
import { renderDockerfile, renderDockerignore, scaffoldPaths } from './render';
import { loadTemplates, type ScaffoldTemplates } from './templates';

export interface ScaffoldOptions extends DetectOptions {
  /** The `templates/` folder (the extension passes its own); found beside the bundle when omitted. */
  templatesDirectory?: string;
  /** Already loaded templates (tests). */
  templates?: ScaffoldTemplates;
}

export interface ScaffoldFile {
  /** Where the file goes, relative to the workspace root, POSIX separators. */
  path: string;
  text: string;
  /** A file is already there: never overwrite it without asking. */
  exists: boolean;
  /** Where to write it instead, beside the existing one (`Dockerfile.cloudward`; BuildKit picks up `<Dockerfile>.dockerignore`). */
  besidePath: string;
}

export interface ScaffoldResult {
  stack: DockerStack;
  /** The Dockerfile, then its ignore file. */
  files: ScaffoldFile[];
  /** What a person should know or check: assumptions, missing lockfile, end-of-life Node... */
  notes: string[];
}

async function exists(host: EngineHost, absolutePath: string): Promise<boolean> {
  try {
    await host.fs.stat(absolutePath);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Dockerfile and .dockerignore for the Node.js app in `root`, derived from the workspace: pure
 * (reads through `host.fs`, writes nothing); the caller decides where and whether to write.
 */
export async function scaffoldDockerfile(root: string, host: EngineHost, options: ScaffoldOptions = {}): Promise<ScaffoldResult> {
  const templates = options.templates ?? (await loadTemplates(options.templatesDirectory));
  const stack = await detectStack(root, host, templates.baseImages, options);
  const paths = scaffoldPaths(stack);
  const absoluteRoot = path.resolve(root);
  const files: ScaffoldFile[] = [
    { path: paths.dockerfile, text: renderDockerfile(stack, templates), exists: await exists(host, path.join(absoluteRoot, paths.dockerfile)), besidePath: paths.besideDockerfile },
    { path: paths.dockerignore, text: renderDockerignore(stack, templates), exists: await exists(host, path.join(absoluteRoot, paths.dockerignore)), besidePath: paths.besideDockerignore },
  ];
  return { stack, files, notes: stack.notes };
}

export { ScaffoldError, type DockerStack, type DetectOptions } from './detect';
export { loadTemplates, findTemplatesDirectory, type ScaffoldTemplates } from './templates';
export { chooseNodeVersion, parseRange, type BaseImageTable, type NodeChoice } from './nodeVersion';
export { renderTemplate } from './template';
