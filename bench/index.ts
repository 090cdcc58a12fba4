/**
 * `npm run bench [DIR ...]`: Cloudward's speed, memory and size against the targets of issue 8, in one table.
 *
 * Without DIR it runs on three real code bases of growing size (bench/corpora.ts: package tarballs fetched once
 * with `npm pack`, the registry only); with DIR it runs on those folders instead. Per corpus:
 *   - the floor: read and parse every file once with typescript-estree, one thread (and as Cloudward parses: with its
 *     options, leaving out declaration files, which it does not parse);
 *   - Cloudward's full assess (all rules, inventory facts, summary) on one thread, and on 2 threads (with a worker);
 *   - the dependency graph against a plain `depcruise` run (bench/graph.ts), cold and after one change;
 *   - a re-run after one file changed, with the per-file result cache (as `--cache`).
 * Then: a keystroke (re-analysis of a ~3,000-line file), peak RSS of a full assess of the largest corpus, the
 * time a cancelled scan takes to stop, activation in VS Code and the .vsix size.
 *
 * Times are medians of BENCH_RUNS runs (default 3) after a warm-up; a corpus gets at least 5 rounds, and one whose
 * floor takes under a second as many as fit in about three seconds of floor (at most 15), since the median of three
 * 100 ms runs moves with every hiccup of a shared machine. A corpus's ratios are the medians of each round's own
 * ratio (the round's figure over the round's floor, measured seconds apart), with the rounds' range beside them:
 * the machine's pace drifts between rounds more than within one. The machine's idle cores over a second before the
 * runs and its load average are printed. The two-thread line says how many files the kept worker took.
 * BENCH_GRAPH=0, BENCH_VSCODE=0 and BENCH_PACKAGE=0 leave out the slow parts (their rows say so).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';
import { classifyFile } from '../src/engine/core/fileRole';
import { startIdleMeter } from '../src/engine/core/idleCores';
import { CORPORA, ensureCorpus } from './corpora';
import { activationMs, VSIX_LIMIT_MB, vsixMb, type Figure } from './extensionFigures';
import { CLOUDWARD_PARSE_OPTIONS, cacheFigures, cancellationMs, corpusShape, engine, keystrokeFigures, median, pairedRatio, parseFloor, peakRssMb, timedAssess, type PairedRatio } from './measure';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
/**
 * Rounds per corpus at least: the machine's pace drifts by up to half within seconds (mongoose's floor read 614 and
 * 1,185 ms in one series of 8), so a ratio of three rounds moved with which rounds were slow.
 */
const MIN_CORPUS_ROUNDS = Math.max(RUNS, 5);
const SHORT_CORPUS_BUDGET_MS = 3000;
const MAX_RUNS = 15;

/** BENCH_RUNS and at least MIN_CORPUS_ROUNDS, or more for a corpus whose floor is short (see the header). */
function runsFor(floorMs: number): number {
  return Math.max(MIN_CORPUS_ROUNDS, Math.min(MAX_RUNS, Math.floor(SHORT_CORPUS_BUDGET_MS / Math.max(1, floorMs))));
}

function ratioText(ratio: PairedRatio): string {
  return `${ratio.median.toFixed(2)}× (rounds ${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)})`;
}
const KEYSTROKES = 60;

interface Row {
  figure: string;
  measured: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean | undefined;
}

const rows: Row[] = [];
const log = (line: string) => console.log(line);

function ms(value: number): string {
  return Number.isFinite(value) ? `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms` : 'n/a';
}

function add(figure: string, measured: string, reference: string, ratio: string, target: string, met: boolean | undefined): void {
  rows.push({ figure, measured, reference, ratio, target, met });
}

function notMeasured(figure: string, target: string, why: string): void {
  add(figure, why, '', '', target, undefined);
}

interface CorpusRun {
  name: string;
  root: string;
  files: string[];
  twoWorkerMs: number;
}

async function benchCorpus(name: string, root: string, description: string): Promise<CorpusRun> {
  const shape = await corpusShape(root);
  // Cloudward does not parse declaration files (nothing in them runs); the floor parses every file.
  const parsedFiles = shape.files.filter((file) => classifyFile(file) !== 'declaration');
  const declarations = shape.files.length - parsedFiles.length;
  log(`\n${name}: ${description}\n  ${root}\n  ${shape.files.length} JS/TS files (${declarations} declaration files), ${(shape.bytes / 1024).toFixed(0)} KB, ${shape.lines} lines`);
  // Two threads analysing: the scanning thread and one worker kept between scans, as the editor's scan keeps them
  // (started and warmed by the warm-up run), or one worker started for the scan (`jobs: 2`), as the CLI does.
  const pool = new engine.FilePool({ size: 1 });
  parseFloor(root, shape.files);
  // The second parse, with the parser compiled, tells how long a run is.
  const runs = runsFor(parseFloor(root, shape.files).ms);
  await timedAssess(root);
  await timedAssess(root, { pool });
  await timedAssess(root, { jobs: 2 });
  const floors: number[] = [];
  const floorCpus: number[] = [];
  const leanFloors: number[] = [];
  const singles: number[] = [];
  const singleCpus: number[] = [];
  const kept: number[] = [];
  const keptByWorker: number[] = [];
  const started: number[] = [];
  let findings = 0;
  try {
    for (let run = 0; run < runs; run++) {
      const floorRun = parseFloor(root, shape.files);
      floors.push(floorRun.ms);
      floorCpus.push(floorRun.cpuMs);
      leanFloors.push(parseFloor(root, parsedFiles, CLOUDWARD_PARSE_OPTIONS).ms);
      const single = await timedAssess(root);
      singles.push(single.ms);
      singleCpus.push(single.cpuMs);
      findings = single.result.findings.length;
      const byWorkersBefore = pool.analysedByWorkers;
      kept.push((await timedAssess(root, { pool })).ms);
      keptByWorker.push(pool.analysedByWorkers - byWorkersBefore);
      started.push((await timedAssess(root, { jobs: 2 })).ms);
    }
  } finally {
    pool.close();
  }
  const floor = median(floors);
  const leanFloor = median(leanFloors);
  const single = median(singles);
  const two = median(kept);
  const twoCold = median(started);
  log(`  ${runs} runs: floor ${ms(floor)} (${ms(leanFloor)} parsing as Cloudward does), assess ${ms(single)} (1 thread, ${findings} findings), ${ms(two)} (2 threads, 1 kept worker, which took ${median(keptByWorker)} of the ${shape.files.length} files, declarations included, median), ${ms(twoCold)} (2 threads, 1 worker started for the scan)`);
  // Each ratio is the median of the rounds' own ratios: the floor and the assessments of a round run seconds apart,
  // while the machine's pace drifts between rounds.
  const leanRatio = pairedRatio(leanFloors, floors);
  const singleRatio = pairedRatio(singles, floors);
  const cpuRatio = pairedRatio(singleCpus, floorCpus);
  const keptRatio = pairedRatio(kept, floors);
  const startedRatio = pairedRatio(started, floors);
  add(`${name}: floor, read + parse (1 thread)`, ms(floor), '', '', '', undefined);
  const leanFloorLabel = declarations > 0 ? `its parse options, not its ${declarations} declaration files` : 'its parse options: no ESTree grammar checks';
  add(`${name}: floor parsing as Cloudward does (${leanFloorLabel})`, ms(leanFloor), `floor ${ms(floor)}`, `${leanRatio.median.toFixed(2)}×`, '', undefined);
  add(`${name}: assess, 1 thread`, ms(single), `floor ${ms(floor)}`, `${ratioText(singleRatio)}; CPU time ${cpuRatio.median.toFixed(2)}×; ${pairedRatio(singles, leanFloors).median.toFixed(2)}× the floor parsing as Cloudward does`, '≤ 1.30×', singleRatio.median <= 1.3);
  add(`${name}: assess, 2 threads (1 kept worker)`, ms(two), `floor ${ms(floor)}`, ratioText(keptRatio), '< 1.00×', keptRatio.median < 1);
  add(`${name}: assess, 2 threads (1 worker started, as the CLI)`, ms(twoCold), `floor ${ms(floor)}`, ratioText(startedRatio), '', undefined);

  const changed = parsedFiles[Math.floor(shape.files.length / 3)] ?? shape.files[0];
  const cache = await cacheFigures(root, changed, runs);
  log(`  cache: cold ${ms(cache.coldMs)}, after changing ${changed}: ${ms(cache.warmMs)} (${cache.hits} files from the cache, ${cache.misses} analysed)`);
  add(`${name}: re-run, 1 file changed (cache)`, ms(cache.warmMs), `cold ${ms(cache.coldMs)}`, `${(100 * cache.share).toFixed(1)}%`, '≤ 5%', cache.share <= 0.05);

  await graphFigures(name, root);
  return { name, root, files: shape.files, twoWorkerMs: two };
}

async function graphFigures(name: string, root: string): Promise<void> {
  if (process.env.BENCH_GRAPH === '0') {
    notMeasured(`${name}: graph, cold`, 'not slower than depcruise', 'left out (BENCH_GRAPH=0)');
    notMeasured(`${name}: graph, 1 file changed`, '≥ 10× faster than depcruise', 'left out (BENCH_GRAPH=0)');
    return;
  }
  let benchGraph: typeof import('./graph').benchGraph;
  try {
    ({ benchGraph } = await import('./graph'));
  } catch (error) {
    notMeasured(`${name}: graph, cold`, 'not slower than depcruise', `not available (${(error as Error).message.split('\n')[0]})`);
    notMeasured(`${name}: graph, 1 file changed`, '≥ 10× faster than depcruise', 'not available');
    return;
  }
  const graph = await benchGraph(root, { runs: RUNS, timeoutMs: 600_000, log: (line) => log(`  graph: ${line.trim()}`) });
  const depcruise = graph.depcruiseCli.timedOut ? `depcruise > ${ms(graph.depcruiseCli.ms)}` : `depcruise ${ms(graph.depcruiseCli.ms)}`;
  add(`${name}: graph, cold (fresh process)`, ms(graph.cold.ms), depcruise, `${graph.coldSpeedup.toFixed(2)}× faster`, '≥ 1× (not slower)', graph.coldSpeedup >= 1);
  add(`${name}: graph, 1 file changed`, ms(graph.incrementalMs), depcruise, `${graph.warmSpeedup.toFixed(0)}× faster`, '≥ 10× faster', graph.warmSpeedup >= 10);
}

/** The source file nearest to 3,000 lines (declaration files left out: nobody types in them). */
function keystrokeFile(runs: CorpusRun[]): { root: string; file: string; lines: number } | undefined {
  let best: { root: string; file: string; lines: number } | undefined;
  for (const run of runs) {
    for (const file of run.files) {
      if (file.endsWith('.d.ts')) continue;
      const lines = readFileSync(path.join(run.root, file), 'utf8').split('\n').length;
      if (!best || Math.abs(lines - 3000) < Math.abs(best.lines - 3000)) best = { root: run.root, file, lines };
    }
  }
  return best;
}

function addFigure(figure: string, result: Figure, unit: string, target: string, limit: number): void {
  if (result.value === undefined) notMeasured(figure, target, result.note);
  else add(figure, `${result.value.toFixed(unit === 'MB' ? 2 : 1)} ${unit}`, result.note, '', target, result.value <= limit);
}

function printTable(): void {
  const header: Row = { figure: 'figure', measured: 'measured', reference: 'reference', ratio: 'ratio', target: 'target', met: undefined };
  const cells = (row: Row) => [row.figure, row.measured, row.reference, row.ratio, row.target, row === header ? 'met?' : row.met === undefined ? '' : row.met ? 'yes' : 'NO'];
  const all = [header, ...rows];
  const widths = cells(header).map((_, column) => Math.max(...all.map((row) => cells(row)[column].length)));
  log('');
  for (const row of all) log(cells(row).map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}

async function main(): Promise<void> {
  // What else the machine is doing: a scan's workers join only when a core stands idle beside it (core/idleCores.ts).
  const idle = startIdleMeter();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  log(`Cloudward bench — Node ${process.version}, ${availableParallelism()} cores (${idle.idleCores().toFixed(1)} idle over the last second), load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}, ${RUNS} runs per figure (medians; a corpus at least ${MIN_CORPUS_ROUNDS} rounds, its ratios the medians of each round's own)`);
  const directories = process.argv.slice(2);
  const corpora = directories.length > 0
    ? directories.map((directory) => ({ name: path.basename(path.resolve(directory)), root: path.resolve(directory), description: 'given on the command line' }))
    : CORPORA.map((corpus) => ({ name: corpus.name, root: ensureCorpus(corpus, log), description: corpus.description }));

  const runs: CorpusRun[] = [];
  for (const corpus of corpora) runs.push(await benchCorpus(corpus.name, corpus.root, corpus.description));
  const largest = runs.reduce((a, b) => (b.files.length > a.files.length ? b : a));

  const keystroke = keystrokeFile(runs);
  if (keystroke) {
    const figures = keystrokeFigures(keystroke.root, keystroke.file, KEYSTROKES);
    log(`\nkeystroke: analyzeFile on ${keystroke.file} (${keystroke.lines} lines), typing ${figures.typed}, ${KEYSTROKES} keystrokes: p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)} with the editor's incremental parser; parsed from scratch p50 ${ms(figures.fullParseP50)}, p95 ${ms(figures.fullParseP95)}`);
    add(`keystroke p50 (${keystroke.lines}-line file)`, ms(figures.p50), `full parse ${ms(figures.fullParseP50)}`, `${(figures.p50 / figures.fullParseP50).toFixed(2)}×`, '≤ 15 ms', figures.p50 <= 15);
    add(`keystroke p95 (${keystroke.lines}-line file)`, ms(figures.p95), `full parse ${ms(figures.fullParseP95)}`, `${(figures.p95 / figures.fullParseP95).toFixed(2)}×`, '≤ 40 ms', figures.p95 <= 40);
  }

  const memory = peakRssMb(largest.root);
  const memorySingle = peakRssMb(largest.root, 0);
  log(`\nmemory: cloudward assess on ${largest.name}: peak RSS ${memory.mb.toFixed(0)} MB with the default workers, ${memorySingle.mb.toFixed(0)} MB with --jobs 0`);
  add(`peak RSS, assess of ${largest.name} (CLI)`, `${memory.mb.toFixed(0)} MB`, `--jobs 0: ${memorySingle.mb.toFixed(0)} MB`, '', '≤ 600 MB', memory.status === 0 && memory.mb <= 600);

  const stop = await cancellationMs(largest.root, Math.max(200, largest.twoWorkerMs / 2), RUNS);
  log(`cancellation: a scan of ${largest.name} with 2 workers stops ${ms(stop)} after abort()`);
  add('cancel a scan (abort → stopped)', ms(stop), '', '', '≤ 200 ms', stop <= 200);

  if (process.env.BENCH_VSCODE === '0') notMeasured('activation (activate() start → return)', '≤ 20 ms', 'left out (BENCH_VSCODE=0)');
  else addFigure('activation (activate() start → return)', activationMs(RUNS), 'ms', '≤ 20 ms', 20);
  if (process.env.BENCH_PACKAGE === '0') notMeasured('VSIX size', '≤ 6 MB', 'left out (BENCH_PACKAGE=0)');
  else addFigure('VSIX size', vsixMb(), 'MB', '≤ 6 MB (6,000,000 bytes)', VSIX_LIMIT_MB);

  printTable();
  log(`\nload average at the end: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
