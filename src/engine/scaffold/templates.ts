import * as path from 'node:path';
import { nodeFileSystem } from '../core/nodeFileSystem';
import type { FileSystemHost } from '../types';
import type { BaseImageTable } from './nodeVersion';

/** The data the scaffold renders from: `templates/<stack>/` of the Cloudward package. */
export interface ScaffoldTemplates {
  dockerfile: string;
  dockerignore: string;
  baseImages: BaseImageTable;
}

const STACK = 'node';

/**
 * The templates folder shipped with Cloudward: beside `dist/` in the bundles (dist/engine.js, dist/cli.js),
 * three levels up from this file when run from the sources.
 */
export async function findTemplatesDirectory(fs: FileSystemHost = nodeFileSystem, from: string = __dirname): Promise<string | undefined> {
  let folder = from;
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(folder, 'templates');
    try {
      if ((await fs.stat(path.join(candidate, STACK, 'Dockerfile.template'))).kind === 'file') return candidate;
    } catch {
      // not here: look one folder up
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return undefined;
}

export async function loadTemplates(directory?: string, fs: FileSystemHost = nodeFileSystem): Promise<ScaffoldTemplates> {
  const root = directory ?? (await findTemplatesDirectory(fs));
  if (!root) throw new Error('Cloudward templates not found: the templates/ folder must ship beside dist/');
  const read = async (name: string) => new TextDecoder().decode(await fs.readFile(path.join(root, STACK, name)));
  const table = JSON.parse(await read('base-images.json')) as BaseImageTable;
  if (!table.lines?.some((line) => line.major === table.defaultMajor)) throw new Error(`templates/${STACK}/base-images.json: defaultMajor ${table.defaultMajor} has no line`);
  return { dockerfile: await read('Dockerfile.template'), dockerignore: await read('dockerignore.template'), baseImages: table };
}
