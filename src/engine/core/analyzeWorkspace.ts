import * as path from 'node:path';
import type {
  AnalysisLimits,
  AnalysisResult,
  CloudwardConfig,
  EngineHost,
  Finding,
  PackageManifest,
  ProjectInfo,
  RuleModule,
  SkippedFile,
  TextRule,
  WorkspaceFileInfo,
} from '../types';
import { throwIfCancelled } from './cancellation';
import { describeError, discoverFiles } from './discovery';
import { classifyFile } from './fileRole';
import { LineIndex } from './lineIndex';
import { effectiveSeverity, toFinding } from './runner';
import { analyzeToOutcome, sourceRulesOf, type FileAnalysisSetup, type FileOutcome } from './fileOutcome';
import { cacheNamespace, type ResultCache } from '../cache/resultCache';
import { FilePool } from '../worker/filePool';
import { builtinRuleIds } from '../worker/fileWorker';
import { decodeSource, tooLargeReason } from './sourceText';
import { Suppressions } from './suppressions';
import { summarizeWorkspace } from './workspaceSummary';
import { CONFIG_MODULE_FILE } from '../fixes/configModule';
import { stampEditBases } from '../fixes/editBasis';

export interface WorkspaceOptions {
  config: CloudwardConfig;
  rules: readonly RuleModule[];
  /**
   * Worker threads for the per-file analysis; 0 (the default) analyses on the calling thread. The result is the
   * same either way. Workers are used only with the built-in rules (a caller's own rule objects stay on its thread).
   */
  jobs?: number;
  /** Per-file limits of the workers (see AnalysisLimits); they apply only when `jobs` > 0. */
  limits?: AnalysisLimits;
  /** Per-file results of earlier runs, reused for files whose path and text are unchanged. */
  cache?: ResultCache;
  /** The worker thread script (default: scanWorker beside the engine). */
  workerScript?: string;
  /**
   * Workers kept by the caller between scans (the editor's rescans start warm); used instead of `jobs`, `limits`
   * and `workerScript`, and left open.
   */
  pool?: FilePool;
}

/** Files read ahead of the one being parsed, so parsing never waits on the disk. */
const READ_AHEAD = 8;
/** Files handed to each worker ahead of time, so no worker waits for the reading thread. */
const QUEUED_PER_WORKER = 2;
/** Changed files analysed on the calling thread, when the cache has results, before worker threads are started. */
const IN_THREAD_WITH_CACHE = 8;

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
  const texts: (string | undefined)[] = new Array(total);
  const cache = options.cache;
  cache?.begin(cacheNamespace(options.config, options.rules.map((rule) => rule.meta.id), project));
  // Started at the first file the cache does not answer, and with a filled cache only after a few: a re-run
  // after an edit analyses the changed files here rather than wait for threads to start.
  let pool: FilePool | undefined;
  let poolScan = 0;
  let poolStarted = false;
  let inThreadBeforePool = cache && cache.size > 0 ? IN_THREAD_WITH_CACHE : 0;
  const reads = new Map<number, Promise<Uint8Array | { error: unknown }>>();
  const startRead = (index: number) => {
    if (index < total && !reads.has(index)) reads.set(index, readBounded(host, path.join(absoluteRoot, discovery.sources[index]), options.config.maxFileSizeBytes));
  };

  try {
    for (let index = 0; index < total; index++) {
      throwIfCancelled(host.signal);
      for (let ahead = index; ahead < index + READ_AHEAD; ahead++) startRead(ahead);
      const file = discovery.sources[index];
      host.onProgress?.({ phase: 'analyze', done: index, total, file });
      const bytes = await reads.get(index)!;
      reads.delete(index);
      if ('error' in bytes) {
        outcomes[index] = { skipReason: describeReadError(bytes.error, options.config.maxFileSizeBytes) };
        continue;
      }
      const decoded = decodeSource(file, bytes, options.config.maxFileSizeBytes);
      if (!decoded.ok) {
        outcomes[index] = { skipReason: decoded.reason };
        continue;
      }
      texts[index] = decoded.text;
      const key = cache?.key(file, decoded.text);
      const cached = key === undefined ? undefined : cache!.get(key);
      if (cached) {
        outcomes[index] = cached;
        continue;
      }
      const store = (outcome: FileOutcome) => {
        outcomes[index] = outcome;
        if (key !== undefined) cache!.set(key, outcome);
      };
      if (!poolStarted && inThreadBeforePool-- <= 0) {
        poolStarted = true;
        pool = startPool(options, total);
        if (pool) poolScan = pool.begin({ role: 'file-analysis', ruleIds: builtinRuleIds(options.rules)!, project, config: options.config }, host.signal);
      }
      if (pool) {
        await pool.below(pool.size * QUEUED_PER_WORKER);
        pool.submit(file, decoded.text, classifyFile(file), store);
      } else {
        store(analyzeToOutcome(file, decoded.text, classifyFile(file), setup));
      }
    }
    await pool?.below(1);
  } finally {
    if (pool === options.pool) pool?.end(poolScan);
    else pool?.close();
  }
  throwIfCancelled(host.signal);

  const findings: Finding[] = [];
  const fileInfos: WorkspaceFileInfo[] = [];
  const sourceTexts = new Map<string, string>();
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
    sourceTexts.set(file, texts[index]!);
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

/** The caller's pool, or worker threads when asked for; only with the built-in rules; at most one worker per two files. */
function startPool(options: WorkspaceOptions, files: number): FilePool | undefined {
  if (!builtinRuleIds(options.rules)) return undefined;
  if (options.pool) return options.pool;
  const jobs = Math.min(Math.floor(options.jobs ?? 0), Math.ceil(files / 2));
  if (jobs < 1) return undefined;
  return new FilePool({ size: jobs, limits: options.limits, script: options.workerScript });
}

function runWorkspaceRules(
  options: WorkspaceOptions,
  project: ProjectInfo,
  files: WorkspaceFileInfo[],
  sourceTexts: Map<string, string>,
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
        const finding = toFinding(rule.meta, severity, { ...descriptor, range }, file, new LineIndex(sourceTexts.get(file) ?? ''));
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
    const bytes = await readBounded(host, path.join(root, file), options.config.maxFileSizeBytes);
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

async function readBounded(host: EngineHost, absolutePath: string, maxSize: number): Promise<Uint8Array | { error: unknown }> {
  try {
    const stat = await host.fs.stat(absolutePath);
    if (stat.size > maxSize) return { error: { tooLarge: stat.size } };
    return await host.fs.readFile(absolutePath);
  } catch (error) {
    return { error };
  }
}

function describeReadError(error: unknown, maxSize: number): string {
  const tooLarge = (error as { tooLarge?: number }).tooLarge;
  if (tooLarge !== undefined) {
    return tooLargeReason(tooLarge, maxSize);
  }
  return `not readable: ${describeError(error)}`;
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
    const bytes = await readBounded(host, path.join(root, file), MAX_CONFIG_TEXT);
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
