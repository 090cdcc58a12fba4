import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Whether writing `target` stays inside `root` once symlinks are resolved: a link committed in a workspace
 * (`.env.example -> ~/.bashrc`, `Dockerfile -> /etc/...`) must not turn a fix or a scaffold into a write
 * elsewhere. A target that does not exist yet is judged by its nearest existing folder.
 */
export async function resolvesInsideRoot(root: string, target: string, linksFollowed = 0): Promise<boolean> {
  const realRoot = await fs.realpath(root);
  let existing = path.resolve(target);
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await fs.realpath(existing);
      const inside = path.relative(realRoot, path.join(real, ...rest));
      return inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
      const link = await linkTarget(existing);
      // A dangling link is written through to where it points: judge that place (loops are not followed forever).
      if (link !== undefined) return linksFollowed < 40 && resolvesInsideRoot(root, path.join(path.resolve(path.dirname(existing), link), ...rest), linksFollowed + 1);
      const parent = path.dirname(existing);
      if (parent === existing) return false;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

async function linkTarget(file: string): Promise<string | undefined> {
  try {
    return await fs.readlink(file);
  } catch {
    return undefined;
  }
}
