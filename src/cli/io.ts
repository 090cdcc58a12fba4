import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The CLI's view of the outside world, so run() is testable in process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Progress is drawn on stderr only when it is a terminal. */
  stderrIsTerminal: boolean;
  signal?: AbortSignal;
}

/** The absolute folder a command analyses, or undefined after telling the user it is missing or not a folder. */
export async function resolveFolder(io: CliIo, directory: string): Promise<string | undefined> {
  const root = path.resolve(io.cwd, directory);
  try {
    if ((await fs.stat(root)).isDirectory()) return root;
    io.stderr(`cloudward: ${directory} is not a folder\n`);
  } catch {
    io.stderr(`cloudward: ${directory} does not exist\n`);
  }
  return undefined;
}
