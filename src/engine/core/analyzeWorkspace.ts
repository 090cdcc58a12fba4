import * as path from 'node:path';
import type {
  AnalysisLimits,
  AnalysisResult,
  CloudwardConfig,
  EngineHost,
  FileRole,
  Finding,
  PackageManifest,
  ProjectInfo,
  RuleModule,
  SkippedFile,
  TextRule,
  WorkspaceFileInfo,
} from '../types';
import { EventBreaks, throwIfCancelled } from './cancellation';
import { describeError, discoverFiles } from './discovery';
import { classifyFile } from './fileRole';
import { coresFreeOfOthers, sampleLoad, startIdleMeter, type LoadSample } from './idleCores';
import { LineIndex } from './lineIndex';
import { effectiveSeverity, toFinding } from './runner';
import { analyzeToOutcome, sourceRulesOf, type FileAnalysisSetup, type FileOutcome } from './fileOutcome';
import { cacheNamespace, type ResultCache } from '../cache/resultCache';
import { SourceTexts } from '../cache/sourceTexts';
import { FilePool } from '../worker/filePool';
import { builtinRuleIds } from '../worker/fileWorker';
import type { TakenFile } from '../worker/protocol';
import { nodeFileSystem } from './nodeFileSystem';
import { describeReadError, readBounded } from './readSource';
import { decodeSource } from './sourceText';
import { Suppressions } from './suppressions';
import { summarizeWorkspace } from './workspaceSummary';
import { CONFIG_MODULE_FILE } from '../fixes/configModule';
import { stampEditBases } from '../fixes/editBasis';

export interface WorkspaceOptions {
  config: CloudwardConfig;
  rules: readonly RuleModule[];
  /**
   * Threads analysing files, the calling thread included: `jobs` - 1 worker threads work beside it. 0 (the default)
   * analyses on the calling thread only. With `jobs` ≥ 1, a file larger than MAX_IN_THREAD_CHARS always goes to a
   * worker, where the time and memory limits apply. The result is the same either way. Workers are used only with
   * the built-in rules (a caller's own rule objects stay on its thread), and work beside the calling thread only on
   * the local disk (`nodeFileSystem`), which they read themselves.
   */
  jobs?: number;
  /** Per-file limits of the workers (see AnalysisLimits); they apply only when `jobs` > 0 or with a `pool`. */
  limits?: AnalysisLimits;
  /** Per-file results of earlier runs, reused for files whose path and text are unchanged. */
  cache?: ResultCache;
  /** The worker thread script (default: scanWorker beside the engine). */
  workerScript?: string;
  /**
   * Workers kept by the caller between scans (the editor's rescans start warm), working beside the calling thread;
   * used instead of `jobs`, `limits` and `workerScript`, and left open.
   */
  pool?: FilePool;
  /**
   * Time the calling thread analyses alone before workers (started for the scan, or kept) take files beside it
   * (default WORKERS_JOIN_AFTER_MS); 0: from the first file, however small the workspace. Kept workers join at the
   * first file anyway when the machine left them a core since their last scan began (see keptWorkersHaveACore).
   */
  workersJoinAfterMs?: number;
}

/** Files read ahead of the one being parsed, so parsing never waits on the disk (until workers take files as well). */
const READ_AHEAD = 8;
/** Large files queued for the workers at most, per worker, before the reading thread waits for them. */
const QUEUED_PER_WORKER = 2;
/**
 * Files larger than this always go to a worker when workers are allowed, where the time and memory limits apply
 * (generated code, pathological input: a 2 MB file of a million statements takes seconds and gigabytes); smaller
 * ones are analysed on the calling thread whenever every worker is busy. Hand-written files stay below it (the
 * largest of mongoose are 160 KB), so they never start a worker of their own.
 */
const MAX_IN_THREAD_CHARS = 512 * 1024;
/**
 * A worker thread needs about a second of CPU to load the engine and TypeScript and to warm up its code, and a kept
 * one is warm only for the files it was given, so a scan the calling thread finishes sooner (a small workspace, a
 * re-run that the cache mostly answers) leaves workers out: they join once the calling thread has analysed for this
 * long and files remain.
 */
const WORKERS_JOIN_AFTER_MS = 150;
const MIN_FILES_LEFT_FOR_WORKERS = 16;
/**
 * Workers started for the scan (not kept ones) only when the calling thread alone would still need this long, at
 * its pace so far: a started worker's load and cold code cost seconds of CPU (measured on 2 cores: mongoose, 1.8 s
 * on one thread, took 2.9 s with a worker started; antd, 7.9 s, broke even at 7.7 s), repaid only on long scans.
 */
const START_WORKERS_IF_LEFT_MS = 4000;

/**
 * Workers join only when at least this much of a core stood idle while this thread analysed alone: with less, a
 * worker would only take CPU from this thread (measured on 2 cores at load 4 to 10: mongoose 2.8 s on one thread,
 * 3.5 s with a kept worker, 4.5 s with one started).
 */
const MIN_IDLE_CORES_FOR_WORKERS = 0.5;

/**
 * Kept workers join from the first file when the window since the pool's last scan began (that scan, and the pause
 * after it) shows a core free beside this thread, so the first 150 ms of a scan are not analysed alone (measured on
 * 2 cores, kept scans one after another, mongoose: 0.68 and 0.70 of one thread's time joined from the first file,
 * against 0.85 and 0.83 joined after 150 ms). Only with this many files to analyse at least: on ws's 16, the worker took 3 to 8
 * and the scan was no faster.
 */
const MIN_FILES_TO_JOIN_AT_FIRST_FILE = 64;
/** When each kept pool's last scan began, and how loaded the machine was then: the start of the next scan's window. */
const lastScanLoad = new WeakMap<FilePool, LoadSample>();

export async function analyzeWorkspace(root: string, host: EngineHost, options: WorkspaceOptions): Promise<AnalysisResult> {
  const started = performance.now();
  const absoluteRoot = path.resolve(root);
  host.onProgress?.({ phase: 'discover', done: 0, total: 0 });
  const discovery = await discoverFiles(host.fs, absoluteRoot, { include: options.config.include, exclude: options.config.exclude, signal: host.signal });
  const skipped: SkippedFile[] = [...discovery.skipped];
  const project = await readProject(host, absoluteRoot, discovery.manifests, discovery.allFiles, skipped);

  const setup: FileAnalysisSetup = { rules: sourceRulesOf(options.rules), project, config: options.config };
  const total = discovery.sources.length;
  // Each file's outcome goes to its index, so the result is assembled in file order whoever analysed it.
  const outcomes: FileOutcome[] = new Array(total);
  const texts: (string | Uint8Array | undefined)[] = new Array(total);
  const cache = options.cache;
  cache?.begin(cacheNamespace(options.config, options.rules.map((rule) => rule.meta.id), project));
  // Workers take files themselves, from the counter this thread takes its files from, so no thread waits for another
  // to hand it work, and a worker still starting holds nothing up.
  const workers = workerPlan(options);
  const workersTakeFiles = workers.beside > 0 && host.fs === nodeFileSystem;
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  let takenHere = 0;
  let sharing = false;
  /** Files too large for this thread that it took while the workers took files too: sent to them once those are done. */
  const largeFiles: { file: string; text: string; role: FileRole; store(outcome: FileOutcome): void }[] = [];
  let pool: FilePool | undefined;
  let poolScan = 0;
  let inThreadMs = 0;
  let inThreadFiles = 0;
  // Lets events in (a Cancel is one) at least every 50 ms of analysis on this thread.
  const breaks = new EventBreaks();
  const joinAfterMs = options.workersJoinAfterMs ?? WORKERS_JOIN_AFTER_MS;
  const poolNow = (size = workers.beside): FilePool => {
    if (!pool) {
      pool = options.pool ?? new FilePool({ size: Math.max(1, size), limits: options.limits, script: options.workerScript });
      poolScan = pool.begin({ role: 'file-analysis', ruleIds: builtinRuleIds(options.rules)!, project, config: options.config }, host.signal);
    }
    return pool;
  };
  const reads = new Map<number, Promise<Uint8Array | { error: unknown }>>();
  const roles = discovery.sources.map(classifyFile);
  const startRead = (index: number) => {
    if (index < total && roles[index] !== 'declaration' && !reads.has(index)) reads.set(index, readBounded(host.fs, path.join(absoluteRoot, discovery.sources[index]), options.config.maxFileSizeBytes));
  };
  const takenByWorker = (index: number, taken: TakenFile) => {
    if ('cachedKey' in taken) {
      // The key was among the cache's when the workers began, and nothing leaves the cache during a scan.
      outcomes[index] = cache!.get(taken.cachedKey)!;
      texts[index] = taken.bytes;
      return;
    }
    outcomes[index] = taken.outcome;
    texts[index] = taken.bytes;
    if (taken.cacheKey !== undefined) cache?.set(taken.cacheKey, taken.outcome);
  };

  // Idle cores are measured from here: discovery waits on the disk, and would count this thread's core as idle. Only
  // where workers may join: reading the processors' times costs a tenth of a millisecond, 2% of a cached re-run of 16 files.
  const idleMeter = workers.beside > 0 && joinAfterMs > 0 ? startIdleMeter() : undefined;
  const joinAtFirstFile = workers.beside > 0 && joinAfterMs > 0 && options.pool !== undefined && keptWorkersHaveACore(options.pool, roles);
  try {
    for (let index = Atomics.add(next, 0, 1); index < total; index = Atomics.add(next, 0, 1)) {
      takenHere++;
      throwIfCancelled(host.signal);
      // Workers share only the local disk, read synchronously: nothing gains by reading ahead once they take files.
      const readAhead = sharing ? 1 : READ_AHEAD;
      for (let ahead = index; ahead < index + readAhead; ahead++) startRead(ahead);
      const file = discovery.sources[index];
      host.onProgress?.({ phase: 'analyze', done: index, total, file });
      const role = roles[index];
      // A declaration file is not read: the runner finds nothing in one without its text.
      if (role === 'declaration') {
        outcomes[index] = analyzeToOutcome(file, '', role, setup);
        continue;
      }
      const bytes = await reads.get(index)!;
      reads.delete(index);
      if ('error' in bytes) {
        outcomes[index] = { skipReason: describeReadError(bytes.error, options.config.maxFileSizeBytes) };
        continue;
      }
      const key = cache?.key(file, bytes);
      const cached = key === undefined ? undefined : cache!.get(key);
      if (cached) {
        // Decoded only if a finding needs its text (see SourceTexts).
        outcomes[index] = cached;
        texts[index] = bytes;
        continue;
      }
      const decoded = decodeSource(file, bytes, options.config.maxFileSizeBytes);
      if (!decoded.ok) {
        outcomes[index] = { skipReason: decoded.reason };
        continue;
      }
      texts[index] = decoded.text;
      const store = (outcome: FileOutcome) => {
        outcomes[index] = outcome;
        if (key !== undefined) cache!.set(key, outcome);
      };
      const large = workers.limited && decoded.text.length > MAX_IN_THREAD_CHARS;
      if (large && sharing) {
        // While they take files, the workers take nothing else (see FilePool.share).
        largeFiles.push({ file, text: decoded.text, role, store });
        continue;
      }
      if (large) {
        const limited = poolNow();
        await limited.below(limited.size * QUEUED_PER_WORKER);
        limited.submit(file, decoded.text, role, store);
      } else if (!pool && workers.beside > 0 && (joinAtFirstFile || inThreadMs >= joinAfterMs)) {
        const filesLeft = total - index;
        const worthStarting = options.pool !== undefined || (inThreadMs / Math.max(1, inThreadFiles)) * filesLeft >= START_WORKERS_IF_LEFT_MS;
        if (joinAfterMs === 0 || joinAtFirstFile) poolNow();
        else if (filesLeft >= MIN_FILES_LEFT_FOR_WORKERS && worthStarting) {
          // Started workers, one per idle core (a kept pool is as large as it is).
          const idleCores = idleMeter?.idleCores() ?? 0;
          if (idleCores >= MIN_IDLE_CORES_FOR_WORKERS) poolNow(Math.min(workers.beside, Math.round(idleCores)));
        }
      }
      if (pool && workersTakeFiles && !sharing) {
        sharing = true;
        // Files read ahead may go to the workers, which read them again: only a file this thread takes is read.
        reads.clear();
        pool.share({ root: absoluteRoot, files: discovery.sources, roles, next, cachedKeys: cache?.keys() }, takenByWorker);
      }
      if (!large) {
        const analysing = performance.now();
        store(analyzeToOutcome(file, decoded.text, role, setup));
        inThreadMs += performance.now() - analysing;
        inThreadFiles++;
      }
      // Outcomes from the workers arrive as events, and so does a Cancel (a message, a signal, a timer).
      if (breaks.due) await breaks.take();
    }
    if (sharing) await pool!.takenFiles(total - takenHere);
    for (const large of largeFiles) {
      await pool!.below(pool!.size * QUEUED_PER_WORKER);
      pool!.submit(large.file, large.text, large.role, large.store);
    }
    await pool?.below(1);
  } finally {
    if (pool === options.pool) pool?.end(poolScan);
    else pool?.close();
  }
  throwIfCancelled(host.signal);

  const findings: Finding[] = [];
  const fileInfos: WorkspaceFileInfo[] = [];
  const sourceTexts = new SourceTexts(options.config.maxFileSizeBytes);
  const suppressionsByFile = new Map<string, Suppressions>();
  let parsed = 0;
  for (let index = 0; index < total; index++) {
    const file = discovery.sources[index];
    const outcome = outcomes[index];
    if ('skipReason' in outcome) {
      skipped.push({ file, reason: outcome.skipReason });
      continue;
    }
    parsed++;
    for (const failure of outcome.ruleFailures) skipped.push({ file, reason: `partially analysed: ${failure}` });
    findings.push(...outcome.findings);
    fileInfos.push({ file, facts: outcome.facts });
    const text = texts[index];
    if (text !== undefined) sourceTexts.set(file, text);
    if (outcome.suppressions) suppressionsByFile.set(file, Suppressions.fromEntries(outcome.suppressions));
  }

  findings.push(...(await runTextRules(host, absoluteRoot, options, project, skipped)));
  findings.push(...runWorkspaceRules(options, project, fileInfos, sourceTexts, suppressionsByFile));
  findings.sort(compareFindings);
  stampEditBases(findings, project, sourceTexts);
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const workspace = await summarizeWorkspace({ host, root: absoluteRoot, project, files: fileInfos, sourceTexts, findings, config: options.config });
  host.onProgress?.({ phase: 'done', done: total, total });
  return { root: absoluteRoot, files: total, parsed, skipped, durationMs: Math.round(performance.now() - started), findings, workspace };
}

/**
 * Whether a kept pool's workers may join this scan from its first file: a core stood free of other processes, beside
 * this thread's, since the pool's last scan began. Starts the window of the next scan.
 */
function keptWorkersHaveACore(pool: FilePool, roles: readonly FileRole[]): boolean {
  let toAnalyse = 0;
  for (const role of roles) if (role !== 'declaration') toAnalyse++;
  if (toAnalyse < MIN_FILES_TO_JOIN_AT_FIRST_FILE) return false;
  const now = sampleLoad();
  const since = lastScanLoad.get(pool);
  lastScanLoad.set(pool, now);
  return since !== undefined && (coresFreeOfOthers(since, now) ?? 0) >= 1 + MIN_IDLE_CORES_FOR_WORKERS;
}

/**
 * `limited`: large files go to a worker (any `jobs`, or a kept pool; only with the built-in rules, as a caller's own
 * rule objects cannot cross to a worker). `beside`: workers that share the other files with the calling thread.
 */
function workerPlan(options: WorkspaceOptions): { limited: boolean; beside: number } {
  if (!builtinRuleIds(options.rules)) return { limited: false, beside: 0 };
  if (options.pool) return { limited: true, beside: options.pool.size };
  const jobs = Math.floor(options.jobs ?? 0);
  return { limited: jobs >= 1, beside: Math.max(0, jobs - 1) };
}

function runWorkspaceRules(
  options: WorkspaceOptions,
  project: ProjectInfo,
  files: WorkspaceFileInfo[],
  sourceTexts: SourceTexts,
  suppressionsByFile: Map<string, Suppressions>,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of options.rules) {
    if (rule.kind !== 'workspace') continue;
    const severity = effectiveSeverity(rule.meta, options.config);
    if (!severity) continue;
    rule.check({
      project,
      files,
      report: ({ file, range = [0, 0], ...descriptor }) => {
        const finding = toFinding(rule.meta, severity, { ...descriptor, range }, file, sourceTexts.lineIndex(file));
        if (!suppressionsByFile.get(file)?.isSuppressed(rule.meta.id, finding.line)) findings.push(finding);
      },
    });
  }
  return findings;
}

/** Text and config files are read only when an enabled text rule asks for them. */
async function runTextRules(host: EngineHost, root: string, options: WorkspaceOptions, project: ProjectInfo, skipped: SkippedFile[]): Promise<Finding[]> {
  const rules = options.rules.filter((rule): rule is TextRule => rule.kind === 'text' && effectiveSeverity(rule.meta, options.config) !== undefined);
  const findings: Finding[] = [];
  if (rules.length === 0) return findings;
  for (const file of [...project.allFiles].sort()) {
    const role = classifyFile(file);
    const matching = rules.filter((rule) => rule.files.test(file) && (rule.meta.roles ?? ['runtime']).includes(role));
    if (matching.length === 0) continue;
    throwIfCancelled(host.signal);
    const bytes = await readBounded(host.fs, path.join(root, file), options.config.maxFileSizeBytes);
    const decoded = 'error' in bytes ? { ok: false as const, reason: describeReadError(bytes.error, options.config.maxFileSizeBytes) } : decodeSource(file, bytes, options.config.maxFileSizeBytes);
    if (!decoded.ok) {
      skipped.push({ file, reason: decoded.reason });
      continue;
    }
    const lines = new LineIndex(decoded.text);
    for (const rule of matching) {
      const severity = effectiveSeverity(rule.meta, options.config)!;
      try {
        rule.check({
          file,
          role,
          text: decoded.text,
          project,
          report: (descriptor) => findings.push(toFinding(rule.meta, severity, descriptor, file, lines)),
        });
      } catch (error) {
        skipped.push({ file, reason: `partially analysed: rule ${rule.meta.id} failed: ${(error as Error).message ?? String(error)}` });
      }
    }
  }
  return findings;
}

/**
 * Config files fixes edit, read once so a fix can compute exact offsets in them, and container files,
 * which rules read to see what the image already installs (a host binary the code runs).
 */
const EDITED_CONFIG_FILE = /(^|\/)\.env\.example$|(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile|Containerfile)$/;
const MAX_CONFIG_TEXT = 256 * 1024;

/**
 * What fixes and project-aware rules need to know about the workspace (file names, manifests, the texts of the
 * config files fixes edit), without analysing any source: for analysing single files (an editor buffer).
 */
export async function readProjectInfo(root: string, host: EngineHost, config: CloudwardConfig): Promise<ProjectInfo> {
  const absoluteRoot = path.resolve(root);
  const discovery = await discoverFiles(host.fs, absoluteRoot, { include: config.include, exclude: config.exclude, signal: host.signal });
  return readProject(host, absoluteRoot, discovery.manifests, discovery.allFiles, []);
}

async function readProject(host: EngineHost, root: string, manifests: string[], allFiles: Set<string>, skipped: SkippedFile[]): Promise<ProjectInfo> {
  const packages = new Map<string, PackageManifest>();
  const configTexts = new Map<string, string>();
  for (const manifest of manifests) {
    try {
      const text = new TextDecoder().decode(await host.fs.readFile(path.join(root, manifest)));
      configTexts.set(manifest, text);
      const raw = JSON.parse(text) as Record<string, unknown>;
      packages.set(path.posix.dirname(manifest) === '.' ? '' : path.posix.dirname(manifest), {
        name: typeof raw.name === 'string' ? raw.name : undefined,
        dependencies: stringRecord(raw.dependencies),
        devDependencies: stringRecord(raw.devDependencies),
        scripts: stringRecord(raw.scripts),
        main: typeof raw.main === 'string' ? raw.main : undefined,
      });
    } catch (error) {
      skipped.push({ file: manifest, reason: error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `not readable: ${describeError(error)}` });
    }
  }
  for (const file of allFiles) {
    // A config module (config/index.js, src/env.ts) is read too: an externalize fix adds its key there.
    if (!EDITED_CONFIG_FILE.test(file) && !CONFIG_MODULE_FILE.test(file)) continue;
    const bytes = await readBounded(host.fs, path.join(root, file), MAX_CONFIG_TEXT);
    if (!('error' in bytes)) configTexts.set(file, new TextDecoder().decode(bytes));
  }
  return { allFiles, packages, configTexts };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
