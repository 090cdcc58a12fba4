import { promises as fs } from 'node:fs';
import type { FileStat, FileSystemHost } from '../types';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileStat['kind'] {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

/** The engine's file access on the local disk, for the CLI, the tests and the analysis worker. */
export const nodeFileSystem: FileSystemHost = {
  readFile: (absolutePath) => fs.readFile(absolutePath),
  async readDirectory(absolutePath) {
    const entries = await fs.readdir(absolutePath, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, kind: kindOf(entry) }));
  },
  async stat(absolutePath) {
    const stats = await fs.stat(absolutePath);
    return { kind: kindOf(stats), size: stats.size };
  },
  realPath: (absolutePath) => fs.realpath(absolutePath),
};
