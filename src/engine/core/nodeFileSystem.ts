import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { FileStat, FileSystemHost } from '../types';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileStat['kind'] {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

/**
 * The engine's file access on the local disk, for the CLI, the tests and the analysis worker.
 * Files are read, stat'ed and listed synchronously: a source file or a folder takes microseconds to read, and the
 * promise API's round trips through the thread pool cost more than the reads (a third of a cached re-run of 3,600
 * files; discovering antd's 3,658 files took 64-73 ms with folders listed through promises, 32-40 ms without).
 * Discovery and the scan let events in every 50 ms all the same.
 */
export const nodeFileSystem: FileSystemHost = {
  async readFile(absolutePath) {
    return readFileSync(absolutePath);
  },
  async readDirectory(absolutePath) {
    return readdirSync(absolutePath, { withFileTypes: true }).map((entry) => ({ name: entry.name, kind: kindOf(entry) }));
  },
  async stat(absolutePath) {
    const stats = statSync(absolutePath);
    return { kind: kindOf(stats), size: stats.size };
  },
  async realPath(absolutePath) {
    return realpathSync.native(absolutePath);
  },
};
