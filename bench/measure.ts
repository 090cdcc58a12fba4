/**
 * The engine figures of `npm run bench`, each against its reference. The engine measured is the shipped bundle
 * (dist/engine.js, its workers dist/scanWorker.js), not the TypeScript source.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import type * as Engine from '../src/engine';
import { discoverFiles } from '../src/engine/core/discovery';
import { decodeSource } from '../src/engine/core/sourceText';
import { baseOptions } from '../src/engine/parsers/javascript';

export const repositoryRoot = path.resolve(__dirname, '..');
const engineBundle = path.join(repositoryRoot, 'dist/engine.js');
const cliBundle = path.join(repositoryRoot, 'dist/cli.js');

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const engine = require(engineBundle) as typeof Engine;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Per-round ratios summed up: their median and range. */
export interface PairedRatio {
  median: number;
  low: number;
  high: number;
}

/** The median of per-round ratios, and their range: each round's figure is divided by its own round's reference. */
export function pairedRatio(values: number[], references: number[]): PairedRatio {
  const ratios = values.map((value, index) => value / references[index]);
  return { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)];
}

export interface CorpusShape {
  files: string[];
  bytes: number;
  lines: number;
}

export async function corpusShape(root: string): Promise<CorpusShape> {
  const discovery = await discoverFiles(engine.nodeFileSystem, root, { exclude: [] });
  let bytes = 0;
  let lines = 0;
  for (const file of discovery.sources) {
    const content = readFileSync(path.join(root, file));
    bytes += content.byteLength;
    lines += content.toString('utf8').split('\n').length;
  }
  return { files: discovery.sources, bytes, lines };
}

type FloorParseOptions = (filePath: string, jsx: boolean) => Parameters<typeof parse>[1];

/** typescript-estree's defaults, with what any consumer needs: positions, and JSX for JavaScript. */
const ISSUE_FLOOR_OPTIONS: FloorParseOptions = (filePath, jsx) => ({ filePath, jsx, loc: true, range: true });

/**
 * The options Cloudward parses with (no comments unless a file has a suppression, no ESTree grammar checks):
 * the floor with them shows how much of the distance to the issue's floor is parsing less, not analysing faster.
 */
export const CLOUDWARD_PARSE_OPTIONS: FloorParseOptions = (filePath, jsx) => baseOptions(filePath, jsx, false);

/**
 * The floor: read every file and parse it once with typescript-estree on this thread, with the positions any
 * consumer needs (`range`, `loc`) and JSX for JavaScript (retried without, as Cloudward does). Files the engine
 * would not parse (minified, binary, too large) are read but not parsed, as in the engine.
 */
export function parseFloor(root: string, files: string[], parseOptions: FloorParseOptions = ISSUE_FLOOR_OPTIONS): Timing {
  const started = startTiming();
  const maxSize = engine.defaultConfig().maxFileSizeBytes;
  for (const file of files) {
    const decoded = decodeSource(file, readFileSync(path.join(root, file)), maxSize);
    if (!decoded.ok) continue;
    const typescript = /\.[cm]?tsx?$/.test(file);
    const jsx = file.endsWith('x') || !typescript;
    try {
      parse(decoded.text, parseOptions(file, jsx));
    } catch {
      if (jsx && !file.endsWith('x')) {
        try {
          parse(decoded.text, parseOptions(file, false));
        } catch {
          // a syntax error costs what it costs
        }
      }
    }
  }
  return started.stop();
}

/**
 * Wall time, and the process's CPU time (every thread: the parser's garbage collection runs partly on helper
 * threads). On one analysing thread the CPU time moves less than the wall time when other work shares the machine.
 */
export interface Timing {
  ms: number;
  cpuMs: number;
}

function startTiming(): { stop(): Timing } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return {
    stop() {
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 };
    },
  };
}

export async function timedAssess(root: string, options: Engine.AnalyzeOptions = {}): Promise<Timing & { result: Engine.AnalysisResult }> {
  const started = startTiming();
  const result = await engine.analyzeWorkspace(root, { fs: engine.nodeFileSystem }, options);
  return { ...started.stop(), result };
}

/**
 * A re-run after one file changed, with the cache file of the cold run (loaded and saved like the CLI's
 * --cache), on a copy of the corpus. Returns the cold and the warm time (medians), and the warm run's share of the cold.
 */
export async function cacheFigures(root: string, changedFile: string, runs: number): Promise<{ coldMs: number; warmMs: number; share: number; hits: number; misses: number }> {
  const copy = mkdtempSync(path.join(tmpdir(), 'cloudward-bench-cache-'));
  try {
    cpSync(root, copy, { recursive: true });
    const cacheFile = path.join(copy, '..', `${path.basename(copy)}.cache`);
    const colds: number[] = [];
    const warms: number[] = [];
    let hits = 0;
    let misses = 0;
    for (let run = 0; run < runs; run++) {
      rmSync(cacheFile, { force: true });
      let started = performance.now();
      const coldCache = await engine.ResultCache.load(cacheFile);
      await engine.analyzeWorkspace(copy, { fs: engine.nodeFileSystem }, { cache: coldCache });
      await coldCache.save(cacheFile);
      colds.push(performance.now() - started);
      appendFileSync(path.join(copy, changedFile), `\n// edited by the bench, run ${run}\n`);
      started = performance.now();
      const warmCache = await engine.ResultCache.load(cacheFile);
      await engine.analyzeWorkspace(copy, { fs: engine.nodeFileSystem }, { cache: warmCache });
      await warmCache.save(cacheFile);
      warms.push(performance.now() - started);
      hits = warmCache.hits;
      misses = warmCache.misses;
    }
    rmSync(cacheFile, { force: true });
    // The share is the median of each run's warm over its own cold run, a moment before.
    return { coldMs: median(colds), warmMs: median(warms), share: pairedRatio(warms, colds).median, hits, misses };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

export interface KeystrokeFigures {
  /** Through the editor's path: analyzeFile with the syntax trees kept between keystrokes (IncrementalParser). */
  p50: number;
  p95: number;
  /** The same keystrokes, each file text parsed from scratch. */
  fullParseP50: number;
  fullParseP95: number;
  lines: number;
  typed: string;
}

/**
 * Re-analysis of one file after each keystroke, through `analyzeFile` as the editor calls it: someone types a
 * longer and longer name into a declaration in the middle of the file (the text stays valid code, and the name's
 * uses stop resolving, as when renaming), one character per keystroke. Each text is analysed with the editor's
 * incremental parser and, for reference, parsed from scratch; p50 and p95 over `runs` keystrokes after a warm-up.
 */
export function keystrokeFigures(root: string, file: string, runs: number): KeystrokeFigures {
  const text = readFileSync(path.join(root, file), 'utf8');
  const declaration = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g;
  declaration.lastIndex = Math.floor(text.length / 2);
  const found = declaration.exec(text);
  // Where the name ends (typing appends there); without a declaration after the middle, a comment line is typed.
  const at = found ? found.index + found[0].length : text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  const typedText = (count: number) => (found ? `${text.slice(0, at)}${'x'.repeat(count)}${text.slice(at)}` : `${text.slice(0, at)}// ${'x'.repeat(count)}\n${text.slice(at)}`);
  const parser = new engine.IncrementalParser();
  // The editor keeps one settings object per folder between keystrokes, and asks for findings only.
  const config = engine.defaultConfig();
  const facts = false;
  const incremental: number[] = [];
  const full: number[] = [];
  engine.analyzeFile(file, text, { parser, config, facts });
  const warmUp = 5;
  for (let keystroke = 1; keystroke <= warmUp + runs; keystroke++) {
    const edited = typedText(keystroke);
    let started = performance.now();
    const live = engine.analyzeFile(file, edited, { parser, config, facts });
    const liveMs = performance.now() - started;
    started = performance.now();
    const cold = engine.analyzeFile(file, edited, { config, facts });
    const coldMs = performance.now() - started;
    if (live.findings.length !== cold.findings.length || live.skipReason !== cold.skipReason) throw new Error(`keystroke ${keystroke}: the incremental analysis differs from a full one`);
    if (keystroke > warmUp) {
      incremental.push(liveMs);
      full.push(coldMs);
    }
  }
  return {
    p50: percentile(incremental, 0.5),
    p95: percentile(incremental, 0.95),
    fullParseP50: percentile(full, 0.5),
    fullParseP95: percentile(full, 0.95),
    lines: text.split('\n').length,
    typed: found ? `the name ${found[1]} (line ${text.slice(0, at).split('\n').length})` : 'a comment line',
  };
}

/** Peak RSS (MB) of `cloudward assess` on `root` in a fresh process, with the CLI's default workers or `--jobs`. */
export function peakRssMb(root: string, jobs?: number): { mb: number; ms: number; status: number | null } {
  const probe = path.join(tmpdir(), `cloudward-bench-rss-${process.pid}.cjs`);
  writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, `\\nMAX_RSS_KB ${process.resourceUsage().maxRSS}\\n`));\n");
  try {
    const started = performance.now();
    const args = ['--require', probe, cliBundle, 'assess', root, '--format', 'json', '--output', path.join(tmpdir(), `cloudward-bench-${process.pid}.json`), '--fail-on', 'never'];
    if (jobs !== undefined) args.push('--jobs', String(jobs));
    const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - started;
    const kb = Number(/MAX_RSS_KB (\d+)/.exec(child.stderr)?.[1] ?? NaN);
    return { mb: kb / 1024, ms, status: child.status };
  } finally {
    rmSync(probe, { force: true });
  }
}

/**
 * Time from `abort()` until the scan has rejected and both of its busy workers have exited: the signal fires
 * from a timer `afterMs` into the scan, as a Cancel button would (median of `runs`).
 */
export async function cancellationMs(root: string, afterMs: number, runs: number): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const pool = new engine.FilePool({ size: 2 });
    const controller = new AbortController();
    let abortedAt = 0;
    const timer = setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, afterMs);
    const scan = engine.analyzeWorkspace(root, { fs: engine.nodeFileSystem, signal: controller.signal }, { pool });
    try {
      await scan;
      clearTimeout(timer);
      pool.close();
      continue; // finished before the signal: nothing to time
    } catch (error) {
      if (!(error instanceof engine.CancelledError)) throw error;
    }
    await pool.exited();
    times.push(performance.now() - abortedAt);
    pool.close();
  }
  return times.length > 0 ? median(times) : NaN;
}
