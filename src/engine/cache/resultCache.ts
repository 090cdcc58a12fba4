import * as crypto from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileOutcome } from '../core/fileOutcome';
import type { CloudwardConfig, ProjectInfo } from '../types';

declare const CLOUDWARD_VERSION: string | undefined;

const FORMAT = 'cloudward-result-cache/2';

/**
 * What makes a cached per-file result valid besides the file's path and text: the engine build, the Node version
 * (the cache is v8-serialised), the settings, the rules and the project the rules read (file names, manifests,
 * config texts). Any change starts a fresh cache.
 */
export function cacheNamespace(config: CloudwardConfig, ruleIds: readonly string[], project: ProjectInfo): string {
  const hash = crypto.createHash('sha256');
  hash.update(`${FORMAT}\0${engineIdentity()}\0${process.versions.v8}\0`);
  hash.update(JSON.stringify(config));
  hash.update(`\0${ruleIds.join(',')}\0`);
  for (const file of [...project.allFiles].sort()) hash.update(`${file}\n`);
  for (const [folder, manifest] of [...project.packages].sort((a, b) => (a[0] < b[0] ? -1 : 1))) hash.update(`\0${folder}\0${JSON.stringify(manifest)}`);
  for (const [file, text] of [...(project.configTexts ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1))) hash.update(`\0${file}\0${text}`);
  return hash.digest('hex');
}

/**
 * Where the CLI keeps a workspace's cache when `--cache` names no file: the user's cache folder, never the
 * workspace (nothing is written to the user's tree unasked, and a cache shipped inside a repository is never read).
 */
export function defaultCacheFile(root: string): string {
  const home = homedir();
  const base =
    process.env.XDG_CACHE_HOME ||
    (process.platform === 'win32' ? process.env.LOCALAPPDATA : process.platform === 'darwin' ? path.join(home, 'Library', 'Caches') : undefined) ||
    path.join(home, '.cache');
  const absolute = path.resolve(root);
  const id = crypto.createHash('sha256').update(absolute).digest('hex').slice(0, 16);
  return path.join(base, 'cloudward', `${path.basename(absolute) || 'root'}-${id}.cache`);
}

let identity: string | undefined;

/** The released version, and for a bundle the size and time of the running file, so a rebuilt engine never reads old results. */
function engineIdentity(): string {
  if (identity !== undefined) return identity;
  const version = typeof CLOUDWARD_VERSION === 'string' ? CLOUDWARD_VERSION : '0.0.0-dev';
  let build = '';
  try {
    const stat = statSync(__filename);
    build = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    // no file to stat (an unusual loader): the version alone
  }
  identity = `${version}:${build}`;
  return identity;
}

interface StoredCache {
  format: string;
  namespace: string;
  entries: Map<string, FileOutcome>;
}

/**
 * Per-file analysis results by the file's path and a hash of its bytes, valid within one namespace
 * (see `cacheNamespace`). Results are copied in and out, so callers may change what they get.
 * Kept on disk as a v8-serialised file; a missing, unreadable or foreign file is an empty cache.
 * The file is read and written synchronously: one read and one write of a file that is small beside the
 * sources, and a re-run after an edit is short enough that thread-pool round trips were a visible part of it.
 */
export class ResultCache {
  private entries = new Map<string, FileOutcome>();
  private namespace: string | undefined;
  private readonly used = new Set<string>();
  private changed = false;
  /** Files of this run the cache answered. */
  hits = 0;
  /** Files of this run analysed afresh (their results `set`); files that are not source text count as neither. */
  misses = 0;

  static async load(file: string): Promise<ResultCache> {
    const cache = new ResultCache();
    try {
      const stored = deserialize(readFileSync(file)) as Partial<StoredCache>;
      if (stored && stored.format === FORMAT && typeof stored.namespace === 'string' && stored.entries instanceof Map) {
        cache.namespace = stored.namespace;
        cache.entries = stored.entries;
      }
    } catch {
      // absent or damaged: start empty, the next save replaces it
    }
    return cache;
  }

  /** Starts a run: entries of another namespace are dropped; the run's hits and misses are counted afresh. */
  begin(namespace: string): void {
    if (namespace !== this.namespace) {
      if (this.entries.size > 0) this.changed = true;
      this.entries = new Map();
      this.namespace = namespace;
    }
    this.used.clear();
    this.hits = 0;
    this.misses = 0;
  }

  /** Results held (of this namespace, after `begin`). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The key of a file's result: its path and a hash of its bytes as read (not of the decoded text, so a file the
   * cache answers need not be decoded, and the hash skips re-encoding the text).
   */
  key(file: string, bytes: Uint8Array): string {
    return resultCacheKey(file, bytes);
  }

  /** The keys of the results held: an analysis worker reading files itself tells by them which ones the cache answers. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  get(key: string): FileOutcome | undefined {
    const outcome = this.entries.get(key);
    if (outcome === undefined) return undefined;
    this.hits++;
    this.used.add(key);
    return copyOf(outcome);
  }

  set(key: string, outcome: FileOutcome): void {
    this.misses++;
    if ('transient' in outcome) return;
    this.entries.set(key, copyOf(outcome));
    this.used.add(key);
    this.changed = true;
  }

  /**
   * Writes the entries the last run used (results of files that no longer exist are dropped) to `file`,
   * through a temporary file and a rename so a crash never leaves half a cache. Does nothing when unchanged.
   */
  async save(file: string): Promise<void> {
    if (this.namespace === undefined) return;
    if (this.used.size < this.entries.size) {
      for (const key of [...this.entries.keys()]) if (!this.used.has(key)) this.entries.delete(key);
      this.changed = true;
    }
    if (!this.changed) return;
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    const stored: StoredCache = { format: FORMAT, namespace: this.namespace, entries: this.entries };
    try {
      writeFileSync(temporary, serialize(stored));
      renameSync(temporary, file);
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
    this.changed = false;
  }
}

/** One-shot hashing where Node has it (20.12+): no Hash object per file. */
/** See ResultCache.key. */
export function resultCacheKey(file: string, bytes: Uint8Array): string {
  return `${file}\0${hashBytes(bytes)}`;
}

const hashBytes: (bytes: Uint8Array) => string =
  typeof crypto.hash === 'function' ? (bytes) => crypto.hash('sha256', bytes, 'base64') : (bytes) => crypto.createHash('sha256').update(bytes).digest('base64');

/**
 * A deep copy of plain data (what results are: arrays, plain objects, primitives): once optimised, about ten times
 * faster than `structuredClone` on the many small results a re-run hands out (1.4 against 13 ms for the 3,658 of
 * antd), and no slower before. Anything else (a Map, a function), and data
 * nested deeper than any result is (a cycle), goes to `structuredClone`, which copies or rejects it as before.
 */
function copyOf<T>(value: T, depth = 0): T {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol')) return value;
  if (depth > MAX_PLAIN_DEPTH) return structuredClone(value);
  if (Array.isArray(value)) return value.map((item) => copyOf(item, depth + 1)) as T;
  const prototype = typeof value === 'object' ? (Object.getPrototypeOf(value) as unknown) : undefined;
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = prototype === null ? Object.create(null) : {};
  for (const name of Object.keys(value)) copy[name] = copyOf((value as Record<string, unknown>)[name], depth + 1);
  return copy as T;
}

const MAX_PLAIN_DEPTH = 64;
