import * as path from 'node:path';
import type { ProjectInfo } from '../types';

/** The folder of the nearest package.json above a file ('' for the workspace root): the application it belongs to. */
export function applicationRoot(project: ProjectInfo, file: string): string {
  let folder = path.posix.dirname(file);
  for (;;) {
    const key = folder === '.' ? '' : folder;
    if (project.packages.has(key) || key === '') return key;
    folder = path.posix.dirname(folder);
  }
}
