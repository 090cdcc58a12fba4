import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { isSourceFile } from '../parsers/javascript';
import type { FileSystemHost, SkippedFile } from '../types';
import { EventBreaks, throwIfCancelled } from './cancellation';

const DEPENDENCY_FOLDERS = new Set(['node_modules', 'bower_components', 'jspm_packages']);
const BUILD_OUTPUT_FOLDERS = new Set(['dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.cache', '.turbo', '.svelte-kit', '.vscode-test', '.nyc_output']);
/** Version-control metadata is not part of the application; skipping it is not worth a line in the report. */
const VCS_FOLDERS = new Set(['.git', '.hg', '.svn']);

export interface Discovery {
  /** JavaScript/TypeScript files to analyse, relative POSIX paths, sorted. */
  sources: string[];
  /** package.json manifests to read, relative POSIX paths. */
  manifests: string[];
  /** Every file seen (not ignored), so rules can ask whether a Dockerfile exists. */
  allFiles: Set<string>;
  skipped: SkippedFile[];
}

export interface DiscoveryOptions {
  include?: readonly string[];
  exclude: readonly string[];
  signal?: AbortSignal;
}

interface IgnoreLayer {
  base: string; // relative folder the .gitignore sits in, '' for the root
  rules: Ignore;
}

/** Walks the workspace once, honouring .gitignore files (nested too) and the user's exclude globs. */
export async function discoverFiles(fs: FileSystemHost, root: string, options: DiscoveryOptions): Promise<Discovery> {
  const result: Discovery = { sources: [], manifests: [], allFiles: new Set(), skipped: [] };
  const userExcludes = ignore().add([...options.exclude]);
  const userIncludes = options.include && options.include.length > 0 ? ignore().add([...options.include]) : undefined;
  const visitedRealFolders = new Set<string>();
  const queue: { relative: string; layers: IgnoreLayer[] }[] = [{ relative: '', layers: [] }];
  visitedRealFolders.add(await safeRealPath(fs, root) ?? root);

  const breaks = new EventBreaks();
  while (queue.length > 0) {
    // The host may read folders synchronously (nodeFileSystem does): other events, a Cancel among them, still get in.
    if (breaks.due) await breaks.take();
    throwIfCancelled(options.signal);
    const { relative: folder, layers: parentLayers } = queue.shift()!;
    const absoluteFolder = folder ? path.join(root, folder) : root;
    let entries: { name: string; kind: string }[];
    try {
      entries = await fs.readDirectory(absoluteFolder);
    } catch (error) {
      result.skipped.push({ file: folder || '.', reason: isUndecodableName(folder, error) ? UNDECODABLE_NAME : `folder not readable: ${describeError(error)}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const layers = [...parentLayers];
    if (entries.some((entry) => entry.name === '.gitignore' && entry.kind === 'file')) {
      try {
        const text = new TextDecoder().decode(await fs.readFile(path.join(absoluteFolder, '.gitignore')));
        layers.push({ base: folder, rules: ignore().add(text) });
      } catch (error) {
        result.skipped.push({ file: joinPosix(folder, '.gitignore'), reason: `not readable, its patterns are not applied: ${describeError(error)}` });
      }
    }

    for (const entry of entries) {
      const relative = joinPosix(folder, entry.name);
      let kind = entry.kind;
      if (kind === 'directory' && VCS_FOLDERS.has(entry.name)) continue;
      if (kind === 'symlink') {
        const target = await resolveLink(fs, path.join(root, relative));
        if ('reason' in target) {
          result.skipped.push({ file: relative, reason: target.reason });
          continue;
        }
        kind = target.kind;
      }
      const isFolder = kind === 'directory';
      const ignoredBy = ignoreReason(relative, isFolder, entry.name, layers, userExcludes);
      if (ignoredBy) {
        if (isFolder || isCandidate(entry.name)) result.skipped.push({ file: isFolder ? `${relative}/` : relative, reason: ignoredBy });
        continue;
      }
      if (isFolder) {
        const real = await safeRealPath(fs, path.join(root, relative));
        if (real) {
          if (visitedRealFolders.has(real)) {
            result.skipped.push({ file: `${relative}/`, reason: `symlink loop: points back to a folder already scanned (${real})` });
            continue;
          }
          visitedRealFolders.add(real);
        }
        queue.push({ relative, layers });
      } else if (kind === 'file') {
        if (entry.name.includes(REPLACEMENT_CHARACTER) && isCandidate(entry.name) && !(await exists(fs, path.join(root, relative)))) {
          result.skipped.push({ file: relative, reason: UNDECODABLE_NAME });
          continue;
        }
        result.allFiles.add(relative);
        const isSource = isSourceFile(entry.name) || (isExtensionlessScript(relative) && (await startsWithNodeShebang(fs, path.join(root, relative))));
        if (isSource && userIncludes && !userIncludes.ignores(relative)) result.skipped.push({ file: relative, reason: 'not matched by the "include" setting' });
        else if (isSource) result.sources.push(relative);
        else if (entry.name === 'package.json') result.manifests.push(relative);
      }
    }
  }
  result.sources.sort();
  result.manifests.sort();
  return result;
}

/**
 * Node reads a name that is not UTF-8 with U+FFFD in place of the bad bytes, and that name opens nothing:
 * saying so beats "file disappeared".
 */
const REPLACEMENT_CHARACTER = '\uFFFD';
const UNDECODABLE_NAME = 'name is not valid UTF-8: it cannot be opened by the name Node reads; rename it';

function isUndecodableName(relative: string, error: unknown): boolean {
  return relative.includes(REPLACEMENT_CHARACTER) && (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}

async function exists(fs: FileSystemHost, absolutePath: string): Promise<boolean> {
  try {
    await fs.stat(absolutePath);
    return true;
  } catch {
    return false;
  }
}

/** Express-generator's `bin/www` and its kind: Node programs without an extension, found by their shebang. */
function isExtensionlessScript(relative: string): boolean {
  return /(^|\/)bin\/[^./]+$/.test(relative);
}

async function startsWithNodeShebang(fs: FileSystemHost, absolutePath: string): Promise<boolean> {
  try {
    const head = new TextDecoder().decode((await fs.readFile(absolutePath)).subarray(0, 128));
    return /^#![^\n]*\bnode\b/.test(head);
  } catch {
    return false;
  }
}

function isCandidate(name: string): boolean {
  return isSourceFile(name) || name === 'package.json';
}

function ignoreReason(relative: string, isFolder: boolean, name: string, layers: IgnoreLayer[], userExcludes: Ignore): string | undefined {
  if (isFolder && DEPENDENCY_FOLDERS.has(name)) return 'dependencies folder';
  if (isFolder && BUILD_OUTPUT_FOLDERS.has(name)) return 'build output folder';
  const candidate = isFolder ? `${relative}/` : relative;
  if (userExcludes.ignores(candidate)) return 'excluded by the "exclude" setting';
  for (const layer of layers) {
    const inLayer = layer.base ? candidate.slice(layer.base.length + 1) : candidate;
    if (layer.rules.ignores(inLayer)) return `ignored by ${joinPosix(layer.base, '.gitignore')}`;
  }
  return undefined;
}

async function resolveLink(
  fs: FileSystemHost,
  absolutePath: string,
): Promise<{ kind: 'file' | 'directory' | 'symlink' | 'other'; realPath: string } | { reason: string }> {
  try {
    const realPath = await fs.realPath(absolutePath);
    const stat = await fs.stat(realPath);
    return { kind: stat.kind, realPath };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { reason: 'symlink loop: the link resolves to itself' };
    if (code === 'ENOENT') return { reason: 'broken symlink: its target does not exist' };
    return { reason: `symlink not followed: ${describeError(error)}` };
  }
}

async function safeRealPath(fs: FileSystemHost, absolutePath: string): Promise<string | undefined> {
  try {
    return await fs.realPath(absolutePath);
  } catch {
    return undefined;
  }
}

export function joinPosix(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'file disappeared during the scan';
  if (code === 'EISDIR') return 'is a folder';
  return (error as Error)?.message ?? String(error);
}
