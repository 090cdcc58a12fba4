import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import {
  analyzeWorkspace,
  applyBaseline,
  CancelledError,
  DEFAULT_DOCS_BASE_URL,
  defaultCacheFile,
  formatterFor,
  nodeFileSystem,
  parseConfig,
  REPORT_FORMATS,
  ResultCache,
  ruleIds,
  type CloudwardConfig,
  type ReportFormat,
  type Severity,
  type ToolInfo,
} from '../engine';
import { parseArguments, UsageError, type ParsedArguments } from './arguments';
import { runFix } from './fixCommand';
import { resolveFolder, type CliIo } from './io';
import { runDockerfile } from './dockerfileCommand';
import { runGraph } from './graphCommand';
import { readBaselineFile, writeBaselineFile } from './baselineFile';

export type { CliIo } from './io';

declare const CLOUDWARD_VERSION: string | undefined;
export const TOOL: ToolInfo = { name: 'cloudward', version: typeof CLOUDWARD_VERSION === 'string' ? CLOUDWARD_VERSION : '0.0.0-dev' };

export const USAGE = `Usage: cloudward assess [DIR] [options]
       cloudward fix [DIR] [--rule ID] [--dry-run]     (see cloudward fix --help)
       cloudward dockerfile [DIR] [--write] [--force]  (see cloudward dockerfile --help)
       cloudward graph [DIR] [--format json|dot|html] (see cloudward graph --help)

Finds what blocks DIR (default: the current folder) from moving to containers and the cloud.

Options:
  --format json|sarif|markdown|html|text   report format (default: text)
  --output FILE                            write the report to FILE instead of stdout
  --fail-on error|warning|information|never
                                           exit 1 when a finding is at or above this severity (default: error)
  --config FILE                            settings file (default: DIR/.cloudwardrc.json when present)
  --baseline FILE                          report and fail only on findings not recorded in FILE
  --write-baseline FILE                    record the current findings in FILE (by fingerprint) and exit 0
  --docs-base-url URL                      where the rule docs are published (default: ${DEFAULT_DOCS_BASE_URL})
  --jobs N                                 threads analysing files, this one included (default: the number of cores, at most 4;
                                           0: this thread only, without the per-file time and memory limits)
  --cache[=FILE]                           reuse the results of unchanged files from the last run
                                           (default FILE: in the user's cache folder, never in DIR)
  -h, --help                               show this help
  -v, --version                            print the version

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error.
`;

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1 };

/**
 * One analysing thread per core (this one and worker threads), at most 4. Run from source (tsx), each worker would compile the engine again,
 * so there the analysis stays on the main thread unless --jobs says otherwise.
 */
function defaultJobs(): number {
  return __filename.endsWith('.ts') ? 0 : Math.min(availableParallelism(), 4);
}

/** The whole CLI, in process: returns the exit code and never calls process.exit. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'fix') return runFix(argv.slice(1), io, (root, explicit) => loadConfig(root, explicit, io));
  if (argv[0] === 'dockerfile') return runDockerfile(argv.slice(1), io);
  if (argv[0] === 'graph') return runGraph(argv.slice(1), io, (root, explicit) => loadConfig(root, explicit, io));
  let parsed: ParsedArguments;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`cloudward: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const options = parsed;
  if (options.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (options.command === 'version') {
    io.stdout(`${TOOL.version}\n`);
    return 0;
  }
  const format = options.format as ReportFormat;
  const formatter = formatterFor(format);
  if (!formatter) {
    io.stderr(`cloudward: the ${format} format is not available in this version; use one of ${REPORT_FORMATS.filter((name) => formatterFor(name)).join(', ')}\n`);
    return 2;
  }
  const root = await resolveFolder(io, options.directory);
  if (!root) return 2;
  const config = await loadConfig(root, options.config ? path.resolve(io.cwd, options.config) : undefined, io);
  if (!config) return 2;
  const baseline = options.baseline ? await readBaselineFile(options.baseline, io) : undefined;
  if (options.baseline && !baseline) return 2;

  const progress = io.stderrIsTerminal ? terminalProgress(io) : undefined;
  let result;
  try {
    const cacheFile = options.cache === true ? defaultCacheFile(root) : options.cache ? path.resolve(io.cwd, options.cache) : undefined;
    const cache = cacheFile ? await ResultCache.load(cacheFile) : undefined;
    result = await analyzeWorkspace(root, { fs: nodeFileSystem, signal: io.signal, onProgress: progress?.update }, { config, cache, jobs: options.jobs ?? defaultJobs() });
    if (cache && cacheFile) {
      await cache.save(cacheFile).catch((error: Error) => io.stderr(`cloudward: warning: the cache was not saved to ${cacheFile}: ${error.message}\n`));
    }
  } catch (error) {
    progress?.clear();
    if (error instanceof CancelledError) {
      io.stderr('cloudward: cancelled\n');
      return 2;
    }
    io.stderr(`cloudward: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
  progress?.clear();
  const shownRoot = path.relative(io.cwd, root) || '.';
  if (options.writeBaseline && !(await writeBaselineFile(options.writeBaseline, result, io))) return 2;
  if (baseline && options.baseline) result = applyBaseline(result, baseline, options.baseline);
  const report = formatter(result, TOOL, shownRoot, { docsBaseUrl: options.docsBaseUrl });
  if (options.output) {
    const outputPath = path.resolve(io.cwd, options.output);
    try {
      await fs.writeFile(outputPath, report);
    } catch (error) {
      io.stderr(`cloudward: cannot write ${options.output}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stderr(`cloudward: ${format} report written to ${options.output}\n`);
  } else {
    io.stdout(report);
  }
  if (options.failOn === 'never' || options.writeBaseline) return 0;
  const threshold = SEVERITY_RANK[options.failOn as Severity];
  return result.findings.some((finding) => SEVERITY_RANK[finding.severity] >= threshold) ? 1 : 0;
}

async function loadConfig(root: string, explicitPath: string | undefined, io: CliIo): Promise<CloudwardConfig | undefined> {
  const configPath = explicitPath ?? path.join(root, '.cloudwardrc.json');
  let text: string;
  try {
    text = await fs.readFile(configPath, 'utf8');
  } catch (error) {
    if (!explicitPath && (error as NodeJS.ErrnoException).code === 'ENOENT') return parseConfig(undefined, configPath, ruleIds).config;
    io.stderr(`cloudward: cannot read the config file ${configPath}: ${(error as Error).message}\n`);
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    io.stderr(`cloudward: ${configPath} is not valid JSON (${(error as Error).message}); fix it or pass --config\n`);
    return undefined;
  }
  const { config, problems } = parseConfig(raw, path.relative(io.cwd, configPath) || configPath, ruleIds);
  for (const problem of problems) io.stderr(`cloudward: warning: ${problem}\n`);
  return config;
}

function terminalProgress(io: CliIo) {
  let last = 0;
  let shown = false;
  return {
    update: (progress: { phase: string; done: number; total: number }) => {
      const now = Date.now();
      if (progress.phase !== 'analyze' || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[Kanalysing ${progress.done}/${progress.total} files`);
    },
    clear: () => {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}

