import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { GraphModel } from '../../shared/graphModel';
import { buildInventory } from '../assess/inventory';
import type { Inventory } from '../assess/model';
import { throwIfCancelled } from '../core/cancellation';
import { discoverFiles } from '../core/discovery';
import { isSourceFile } from '../parsers/javascript';
import type { AnalysisResult, EngineHost, Finding } from '../types';
import { cruiseFiles, type CruiserOptions, type ExtractedDependency } from './cruiser';
import { deriveModel, type Enrichment, type ModuleRecord } from './model';
import { TsConfigGroups } from './tsConfig';
import { loadTrustedWorkspaceConfig } from './workspaceConfig';

export interface GraphOptions extends EngineHost {
  /**
   * The workspace is trusted: its own `.dependency-cruiser` config (and the webpack or babel config it
   * names) may be loaded, which runs their code. Off by default: every option is then set here.
   */
  trusted?: boolean;
  /** Findings to show on the modules: an analysis result (its inventory gives the services) or a list. */
  findings?: AnalysisResult | readonly Finding[];
  /** The assessment's inventory, for the backing services; derived from `findings` when that is an analysis result. */
  inventory?: Inventory;
  /** The same file selection as the analysis (`include`/`exclude` settings, gitignore syntax). */
  include?: readonly string[];
  exclude?: readonly string[];
}

/** A change to any of these can change how every import resolves, or which files are modules: rebuild. */
const RESOLUTION_CONFIG = /(^|\/)(package\.json|[tj]sconfig[^/]*\.json|\.gitignore|\.dependency-cruiser\.[cm]?js(on)?|webpack[^/]*\.[cm]?[jt]s|babel\.config\.[^/]+|\.babelrc[^/]*)$/;
const IGNORED_CHANGE = /(^|\/)(node_modules|\.git)(\/|$)/;

/**
 * Whether a file watcher's event can change the graph, so a caller can let the others pass (an app under
 * development writes its logs and uploads inside the workspace all the time). Any file created or deleted can
 * (an import that resolved nowhere may now resolve to it); an edit only of a source file, of what decides how
 * imports resolve, or of a file the graph draws (`modules`: a JSON or CSS file a module imports, drawn with its
 * size), given as workspace-relative POSIX paths.
 */
export function changeAffectsGraph(file: string, change: 'created' | 'changed' | 'deleted', modules: ReadonlySet<string> = new Set()): boolean {
  const normalized = file.split(path.sep).join('/');
  if (IGNORED_CHANGE.test(normalized)) return false;
  return change !== 'changed' || isSourceFile(normalized) || RESOLUTION_CONFIG.test(normalized) || modules.has(normalized);
}
/** Files per dependency-cruiser call: few enough calls that their set-up is noise, enough for progress and cancellation. */
const MIN_BATCH = 200;
const MAX_BATCHES = 20;
const READ_CONCURRENCY = 32;

/**
 * The dependency graph of one workspace, kept up to date: a cold build cruises every file once; `update`
 * re-extracts only the files that changed (and the few whose imports a new or removed file can change),
 * then derives cycles, orphans and the model again in one linear pass.
 */
export class GraphSession {
  private records = new Map<string, ModuleRecord>();
  private leafSizes = new Map<string, number>();
  private sources = new Set<string>();
  private groups!: TsConfigGroups;
  private cruiserOptions: CruiserOptions = {};
  private notes: string[] = [];
  /** Files dependency-cruiser failed on, with the reason: shown as notes, their imports left out. */
  private failures = new Map<string, string>();
  private enrichment: Enrichment = {};
  private current!: GraphModel;
  private pending: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly root: string,
    private readonly options: GraphOptions,
  ) {
    this.enrichment = enrichmentOf(options.findings, options.inventory);
  }

  /** Builds the graph of `root` cold and keeps what it learnt for updates. */
  static async open(root: string, options: GraphOptions): Promise<GraphSession> {
    const session = new GraphSession(path.resolve(root), options);
    await session.buildCold(options);
    return session;
  }

  get model(): GraphModel {
    return this.current;
  }

  /**
   * Takes file changes (absolute or workspace-relative paths: edited, created or deleted files or
   * folders) into account. Calls are queued, so overlapping updates apply in order.
   */
  update(changedFiles: readonly string[], host: Pick<EngineHost, 'signal' | 'onProgress'> = {}): Promise<GraphModel> {
    const next = this.pending.then(() => this.applyChanges(changedFiles, host));
    this.pending = next.catch(() => undefined);
    return next;
  }

  /** New findings or inventory (after a re-analysis): the graph itself is not rebuilt. */
  setFindings(findings: GraphOptions['findings'], inventory?: Inventory): GraphModel {
    this.enrichment = enrichmentOf(findings, inventory);
    this.current = this.derive(this.current.stats.buildMs, this.current.stats.cached ?? false);
    return this.current;
  }

  private async buildCold(host: Pick<EngineHost, 'signal' | 'onProgress'>): Promise<void> {
    const started = performance.now();
    const { fs } = this.options;
    host.onProgress?.({ phase: 'discover', done: 0, total: 0 });
    const discovery = await discoverFiles(fs, this.root, { include: this.options.include, exclude: this.options.exclude ?? [], signal: host.signal });
    this.notes = [];
    let forcedTsConfig: string | undefined;
    this.cruiserOptions = {};
    if (this.options.trusted) {
      const workspace = await loadTrustedWorkspaceConfig(this.root, fs);
      this.cruiserOptions = { workspaceOptions: workspace.workspaceOptions, resolveOptions: workspace.resolveOptions };
      forcedTsConfig = workspace.tsConfig;
    }
    this.groups = new TsConfigGroups(this.root, discovery.allFiles, forcedTsConfig);
    this.sources = new Set(discovery.sources);
    this.records = new Map();
    this.leafSizes = new Map();
    this.failures = new Map();
    const fingerprints = await this.fingerprint(discovery.sources, host.signal);
    const extracted = await this.extract([...fingerprints.keys()], host);
    for (const [file, fingerprint] of fingerprints) this.records.set(file, { ...fingerprint, dependencies: extracted.get(file) ?? [] });
    await this.refreshLeafSizes();
    this.current = this.derive(performance.now() - started, false);
    host.onProgress?.({ phase: 'done', done: fingerprints.size, total: fingerprints.size });
  }

  private async applyChanges(changedFiles: readonly string[], host: Pick<EngineHost, 'signal' | 'onProgress'>): Promise<GraphModel> {
    const started = performance.now();
    // Installed packages are drawn by the names the code imports them by, whatever node_modules holds:
    // `npm install` touching thousands of files there changes nothing in the graph.
    const changed = [...new Set(changedFiles.map((file) => this.relative(file)).filter((file): file is string => file !== undefined && !IGNORED_CHANGE.test(file)))];
    if (changed.length === 0) return this.current;
    if (changed.some((file) => RESOLUTION_CONFIG.test(file))) {
      await this.buildCold(host);
      return this.current;
    }
    const { fs } = this.options;
    const toExtract = new Set<string>();
    const appeared: string[] = [];
    const vanished: string[] = [];
    let structural = false;
    let resized = false;
    for (const file of changed) {
      throwIfCancelled(host.signal);
      const kind = await statKind(fs, path.join(this.root, file));
      if (this.records.has(file)) {
        if (kind !== 'file') {
          structural = true;
          continue;
        }
        const fingerprint = await this.readFingerprint(file);
        const record = this.records.get(file)!;
        if (!fingerprint) structural = true;
        else if (fingerprint.hash !== record.hash) {
          record.size = fingerprint.size;
          record.hash = fingerprint.hash;
          toExtract.add(file);
        }
      } else if (this.leafSizes.has(file)) {
        if (kind === 'file') {
          const size = (await fs.stat(path.join(this.root, file))).size;
          resized ||= size !== this.leafSizes.get(file);
          this.leafSizes.set(file, size);
        } else vanished.push(file);
      } else if (kind === undefined) {
        // A deleted folder, or a file that never was a module: only a rediscovery can tell.
        structural = true;
      } else {
        appeared.push(file);
        structural = true;
      }
    }

    if (structural) {
      const discovery = await discoverFiles(fs, this.root, { include: this.options.include, exclude: this.options.exclude ?? [], signal: host.signal });
      const now = new Set(discovery.sources);
      for (const file of this.sources) {
        if (!now.has(file)) {
          this.records.delete(file);
          this.failures.delete(file);
          vanished.push(file);
        }
      }
      const added = discovery.sources.filter((file) => !this.sources.has(file));
      const fingerprints = await this.fingerprint(added, host.signal);
      for (const [file, fingerprint] of fingerprints) {
        this.records.set(file, { ...fingerprint, dependencies: [] });
        toExtract.add(file);
        appeared.push(file);
      }
      this.sources = now;
    }
    for (const file of this.affectedBy(appeared, vanished)) toExtract.add(file);
    // Saved without a change: the model stays the same object, so a view can skip redrawing.
    if (toExtract.size === 0 && appeared.length === 0 && vanished.length === 0 && !resized) return this.current;

    const extracted = await this.extract([...toExtract].filter((file) => this.records.has(file)), host);
    for (const [file, dependencies] of extracted) this.records.get(file)!.dependencies = dependencies;
    await this.refreshLeafSizes();
    this.current = this.derive(performance.now() - started, true);
    return this.current;
  }

  /**
   * Files whose imports a created or deleted file can change. A deletion changes only imports that
   * resolved to it. A creation can only capture an import whose last path segment names the new file (or,
   * for an index file or a package main, one of its folders): `./db`, `@app/db`, `../db.js` for `db.ts`;
   * an import that resolved nowhere, and a bare `.`/`..`, are tried again too.
   */
  private affectedBy(appeared: readonly string[], vanished: readonly string[]): Set<string> {
    const affected = new Set<string>();
    if (appeared.length === 0 && vanished.length === 0) return affected;
    const gone = new Set(vanished);
    const names = new Set<string>();
    for (const file of appeared) {
      const segments = file.split('/');
      names.add(stem(segments[segments.length - 1]));
      for (const folder of segments.slice(0, -1)) names.add(folder);
    }
    for (const [file, record] of this.records) {
      if (record.dependencies.some((dependency) => (dependency.target.type === 'module' && gone.has(dependency.target.file)) || (appeared.length > 0 && mayResolveTo(dependency, names)))) {
        affected.add(file);
      }
    }
    return affected;
  }

  private async extract(files: readonly string[], host: Pick<EngineHost, 'signal' | 'onProgress'>): Promise<Map<string, ExtractedDependency[]>> {
    const byConfig = new Map<string, string[]>();
    for (const file of files) {
      const config = this.groups.configOf(file);
      const list = byConfig.get(config) ?? [];
      list.push(file);
      byConfig.set(config, list);
    }
    for (const file of files) this.failures.delete(file);
    const batchSize = Math.max(MIN_BATCH, Math.ceil(files.length / MAX_BATCHES));
    const extracted = new Map<string, ExtractedDependency[]>();
    let done = 0;
    for (const [config, list] of byConfig) {
      const group = await this.groups.group(config);
      for (let start = 0; start < list.length; start += batchSize) {
        throwIfCancelled(host.signal);
        const batch = list.slice(start, start + batchSize);
        host.onProgress?.({ phase: 'analyze', done, total: files.length, file: batch[0] });
        const outcome = await cruiseFiles(this.root, batch, group, this.cruiserOptions);
        for (const [file, dependencies] of outcome.dependencies) extracted.set(file, dependencies);
        for (const failure of outcome.failures) this.failures.set(failure.file, failure.reason);
        done += batch.length;
      }
    }
    for (const note of this.groups.notes) if (!this.notes.includes(note)) this.notes.push(note);
    return extracted;
  }

  private async fingerprint(files: readonly string[], signal?: AbortSignal): Promise<Map<string, Omit<ModuleRecord, 'dependencies'>>> {
    const result = new Map<string, Omit<ModuleRecord, 'dependencies'>>();
    for (let start = 0; start < files.length; start += READ_CONCURRENCY) {
      throwIfCancelled(signal);
      const batch = files.slice(start, start + READ_CONCURRENCY);
      const fingerprints = await Promise.all(batch.map((file) => this.readFingerprint(file)));
      batch.forEach((file, index) => {
        const fingerprint = fingerprints[index];
        if (fingerprint) result.set(file, fingerprint);
      });
    }
    return result;
  }

  private async readFingerprint(file: string): Promise<Omit<ModuleRecord, 'dependencies'> | undefined> {
    try {
      const bytes = await this.options.fs.readFile(path.join(this.root, file));
      return { size: bytes.byteLength, hash: createHash('sha1').update(bytes).digest('base64') };
    } catch {
      return undefined;
    }
  }

  /** Imported files that are not analysed themselves (JSON, ignored or generated code) are modules too. */
  private async refreshLeafSizes(): Promise<void> {
    const targets = new Set<string>();
    for (const record of this.records.values()) {
      for (const dependency of record.dependencies) if (dependency.target.type === 'module' && !this.records.has(dependency.target.file)) targets.add(dependency.target.file);
    }
    for (const file of [...this.leafSizes.keys()]) if (!targets.has(file)) this.leafSizes.delete(file);
    for (const file of targets) {
      if (this.leafSizes.has(file)) continue;
      try {
        this.leafSizes.set(file, (await this.options.fs.stat(path.resolve(this.root, file))).size);
      } catch {
        this.leafSizes.set(file, 0);
      }
    }
  }

  private derive(buildMs: number, cached: boolean): GraphModel {
    const failed = [...this.failures].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([file, reason]) => `${file}: imports not read: ${reason}`);
    return deriveModel({ root: this.root, records: this.records, leafSizes: this.leafSizes, enrichment: this.enrichment, buildMs, cached, notes: [...this.notes, ...failed] });
  }

  private relative(file: string): string | undefined {
    const relative = path.isAbsolute(file) ? path.relative(this.root, file) : path.normalize(file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }
}

/** Builds the dependency graph of `root` once (see GraphSession for a graph kept up to date). */
export async function buildGraph(root: string, options: GraphOptions): Promise<GraphModel> {
  return (await GraphSession.open(root, options)).model;
}

function enrichmentOf(findings: GraphOptions['findings'], inventory: Inventory | undefined): Enrichment {
  if (!findings) return { inventory };
  if (isAnalysisResult(findings)) return { findings: findings.findings, inventory: inventory ?? buildInventory(findings) };
  return { findings, inventory };
}

function isAnalysisResult(value: AnalysisResult | readonly Finding[]): value is AnalysisResult {
  return !Array.isArray(value);
}

function stem(name: string): string {
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

function mayResolveTo(dependency: ExtractedDependency, names: ReadonlySet<string>): boolean {
  if (dependency.target.type === 'unresolved') return true;
  const segments = dependency.specifier.split('/').filter((segment) => segment !== '');
  const last = segments[segments.length - 1] ?? '';
  if (last === '.' || last === '..' || last === '') return true;
  // A package name can be captured by a local file through tsconfig `paths` or `baseUrl`.
  return names.has(stem(last)) || names.has(last);
}

async function statKind(fs: GraphOptions['fs'], absolutePath: string): Promise<'file' | 'directory' | 'other' | undefined> {
  try {
    const kind = (await fs.stat(absolutePath)).kind;
    return kind === 'symlink' ? 'other' : kind;
  } catch {
    return undefined;
  }
}
