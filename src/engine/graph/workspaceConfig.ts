import * as path from 'node:path';
import type { FileSystemHost } from '../types';
import type { CruiserOptions } from './cruiser';

/** The names dependency-cruiser's own CLI looks for. */
export const WORKSPACE_CONFIG_NAMES = ['.dependency-cruiser.js', '.dependency-cruiser.cjs', '.dependency-cruiser.mjs', '.dependency-cruiser.json'];

export interface WorkspaceCruiserConfig extends CruiserOptions {
  /** The config file used, workspace-relative. */
  file?: string;
  /** A tsconfig the config names, workspace-relative: it applies to every file. */
  tsConfig?: string;
}

/**
 * Reads a trusted workspace's dependency-cruiser config, and the webpack config it names. Both are code:
 * loading them runs them, so this is only called when the caller said the workspace is trusted.
 */
export async function loadTrustedWorkspaceConfig(root: string, fs: FileSystemHost): Promise<WorkspaceCruiserConfig> {
  let file: string | undefined;
  for (const name of WORKSPACE_CONFIG_NAMES) {
    try {
      if ((await fs.stat(path.join(root, name))).kind === 'file') {
        file = name;
        break;
      }
    } catch {
      // not there: try the next name
    }
  }
  if (!file) return {};
  const extractDepcruiseOptions = (await import('dependency-cruiser/config-utl/extract-depcruise-options')).default;
  const workspaceOptions = await extractDepcruiseOptions(path.join(root, file));
  const result: WorkspaceCruiserConfig = { file, workspaceOptions };
  if (workspaceOptions.tsConfig?.fileName) result.tsConfig = toRelative(root, workspaceOptions.tsConfig.fileName);
  const webpack = workspaceOptions.webpackConfig;
  if (webpack?.fileName) {
    const extractWebpackResolveConfig = (await import('dependency-cruiser/config-utl/extract-webpack-resolve-config')).default;
    result.resolveOptions = (await extractWebpackResolveConfig(path.resolve(root, webpack.fileName), webpack.env as Record<string, unknown> | undefined, webpack.arguments)) as CruiserOptions['resolveOptions'];
  }
  return result;
}

function toRelative(root: string, fileName: string): string {
  return path.relative(root, path.resolve(root, fileName)).split(path.sep).join('/');
}
