import { analyzeWorkspace as analyzeWorkspaceWith, readProjectInfo as readProjectInfoWith } from './core/analyzeWorkspace';
import { defaultConfig } from './core/config';
import { classifyFile } from './core/fileRole';
import { analyzeSource, type SourceAnalysis } from './core/runner';
import { generatedCodeReason } from './core/sourceText';
import { stampEditBases } from './fixes/editBasis';
import { allRules } from './rules';
import type { AnalysisLimits, AnalysisResult, CloudwardConfig, EngineHost, ProjectInfo, RuleModule, SourceRule } from './types';
import type { ResultCache } from './cache/resultCache';
import type { FilePool } from './worker/filePool';
import type { IncrementalParser } from './parsers/incrementalParser';

export interface AnalyzeOptions {
  config?: CloudwardConfig;
  rules?: readonly RuleModule[];
  /** Threads analysing files, the calling thread included (jobs - 1 workers beside it; 0, the default: the calling thread only); the result is the same. */
  jobs?: number;
  /** Per-file time and memory limits of the worker threads. */
  limits?: AnalysisLimits;
  /** Per-file results of earlier runs, reused for unchanged files (`ResultCache.load(file)`). */
  cache?: ResultCache;
  /** The worker thread script (default: scanWorker beside the engine; a .ts file is loaded through tsx). */
  workerScript?: string;
  /** Workers kept between scans (`new FilePool({ size, limits })`), instead of `jobs`: rescans start warm. */
  pool?: FilePool;
}

/** Analyses every JavaScript/TypeScript file under `root`; cancellable through `host.signal`. */
export function analyzeWorkspace(root: string, host: EngineHost, options: AnalyzeOptions = {}): Promise<AnalysisResult> {
  return analyzeWorkspaceWith(root, host, {
    config: options.config ?? defaultConfig(),
    rules: options.rules ?? allRules,
    jobs: options.jobs,
    limits: options.limits,
    cache: options.cache,
    workerScript: options.workerScript,
    pool: options.pool,
  });
}

const EMPTY_PROJECT: ProjectInfo = { allFiles: new Set(), packages: new Map() };

/** The source rules of a rule list, kept per list: the rule set of a keystroke is the rule set of the one before. */
const sourceRulesOfList = new WeakMap<readonly RuleModule[], SourceRule[]>();

function sourceRulesIn(rules: readonly RuleModule[]): SourceRule[] {
  let source = sourceRulesOfList.get(rules);
  if (!source) sourceRulesOfList.set(rules, (source = rules.filter((rule): rule is SourceRule => rule.kind === 'source')));
  return source;
}

export interface AnalyzeFileOptions extends AnalyzeOptions {
  project?: ProjectInfo;
  /** Keeps the file's syntax tree between calls, so a re-analysis after an edit re-parses only what changed (the editor). */
  parser?: IncrementalParser;
  /** false: leave out the facts for the workspace (`SourceInput.facts`), for a caller after findings only. */
  facts?: boolean;
}

/** Analyses one file's text (an editor buffer) with the source rules; app-level rules need the whole workspace. */
export function analyzeFile(file: string, text: string, options: AnalyzeFileOptions = {}): SourceAnalysis {
  const generated = generatedCodeReason(file, text);
  if (generated) return { findings: [], facts: {}, skipReason: generated, ruleFailures: [] };
  const rules = sourceRulesIn(options.rules ?? allRules);
  const project = options.project ?? EMPTY_PROJECT;
  const parser = options.parser;
  const parse = parser ? (path: string, source: string) => parser.parse(path, source) : undefined;
  const analysis = analyzeSource({ file, text, role: classifyFile(file), rules, project, config: options.config ?? defaultConfig(), parse, facts: options.facts });
  stampEditBases(analysis.findings, project);
  return analysis;
}

/** The project facts `analyzeFile` needs for fixes that edit other files; read once per folder and reused. */
export function readProjectInfo(root: string, host: EngineHost, options: AnalyzeOptions = {}): Promise<ProjectInfo> {
  return readProjectInfoWith(root, host, options.config ?? defaultConfig());
}

export { allRules, ruleIds } from './rules';
export { IncrementalParser } from './parsers/incrementalParser';
export { parseConfig, defaultConfig } from './core/config';
export { CancelledError } from './core/cancellation';
export { ResultCache, defaultCacheFile } from './cache/resultCache';
export { FilePool, type FilePoolOptions } from './worker/filePool';
export { nodeFileSystem } from './core/nodeFileSystem';
export { formatterFor, REPORT_FORMATS, type ReportFormat, type ToolInfo } from './report';
export { toJsonReport, type JsonReport } from './report/json';
export { assess, applyBaseline, createBaseline, formatBaseline, parseBaseline, type Assessment, type Baseline } from './assess';
export { DEFAULT_DOCS_BASE_URL, ruleDocsUrl, type HtmlOptions, type ReportOptions } from './report';
export { ruleDocsPath } from './rules/support/createRule';
export { combineFixes, applyTextEdits, type CombinedFixes } from './fixes/combine';
export { textBasis, ABSENT_FILE_BASIS } from './fixes/editBasis';
export { CONFIG_MODULE_FILE } from './fixes/configModule';
export * from './types';
export { scaffoldDockerfile, ScaffoldError, type ScaffoldOptions, type ScaffoldResult, type ScaffoldFile, type DockerStack } from './scaffold';
export { buildGraph, changeAffectsGraph, GraphSession, formatGraphDot, type GraphOptions } from './graph';
export { renderGraphPage, loadGraphPageAssets, type GraphPageAssets } from './report/graphPage';
