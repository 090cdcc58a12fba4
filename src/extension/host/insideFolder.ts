import { realpath } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * The real path of `relative` under `folder`, or undefined when it is not inside the folder once symlinks are
 * resolved (a link in the workspace may point anywhere) or does not exist. A webview's message has passed the
 * lexical check of the protocol already; this is the check of what the disk says.
 */
export async function realPathInsideFolder(folder: string, relative: string): Promise<string | undefined> {
  try {
    const [realFolder, realTarget] = await Promise.all([realpath(folder), realpath(path.resolve(folder, relative))]);
    const inside = path.relative(realFolder, realTarget);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
    return realTarget;
  } catch {
    return undefined;
  }
}
