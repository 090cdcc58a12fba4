/**
 * The dependency graph against dependency-cruiser's own CLI on the same tree (issue 8's targets: not
 * slower cold, at least 10× faster warm — an update after one file changed).
 *
 *   node --import tsx bench/graph.ts [DIR ...]        (default: examples/legacy-shop and a synthetic 5,000-module tree)
 *   BENCH_RUNS=3 BENCH_TIMEOUT_S=300 node --import tsx bench/graph.ts DIR
 *   BENCH_CLI_BUNDLE=/tmp/base/dist/cli.js node --import tsx bench/graph.ts DIR   (time an earlier build's cold runs)
 *
 * Every figure is measured on a copy of DIR (the warm figures edit a file). "cold" is `cloudward graph
 * --no-findings` (dist/cli.js: the dependency graph alone, what depcruise computes) in a fresh Node process, like
 * `depcruise` is a fresh process: start-up is in both. The two are run in turn, so a busy machine slows both alike.
 * `cloudward graph` with its findings (the default: the graph and a full assessment) is printed beside it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GraphSession, nodeFileSystem } from '../src/engine';
import { writeSyntheticWorkspace } from './syntheticWorkspace';

const repositoryRoot = path.resolve(__dirname, '..');
const depcruiseBin = path.join(repositoryRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const engineBundle = path.join(repositoryRoot, 'dist/engine.js');
/** BENCH_CLI_BUNDLE: another build of the CLI to time instead (an earlier dist/cli.js, for before/after figures). */
const cliBundle = process.env.BENCH_CLI_BUNDLE ? path.resolve(process.env.BENCH_CLI_BUNDLE) : path.join(repositoryRoot, 'dist/cli.js');

export interface GraphBenchOptions {
  runs?: number;
  /** A dependency-cruiser run that takes longer is stopped and reported as "over the limit". */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface TimedRun {
  ms: number;
  /** The run was stopped at the time limit: `ms` is a lower bound. */
  timedOut?: boolean;
}

export interface GraphBenchResult {
  directory: string;
  modules: number;
  edges: number;
  /** `cloudward graph --no-findings`, a fresh process: start, discover, extract and resolve every file, derive the model. */
  cold: TimedRun;
  /** `cloudward graph` as it runs by default, with the findings of a full assessment drawn on the graph (no target). */
  coldWithFindings?: TimedRun;
  /** The same build inside an already running process (what the editor pays after the first time). */
  coldInProcessMs: number;
  /** `depcruise . --no-config --output-type json`: the plain CLI, its defaults. */
  depcruiseCli: TimedRun;
  /** The CLI with the fastest options it has (skipAnalysisNotInRules, tsPreCompilationDeps, the tsconfig). */
  depcruiseTuned: TimedRun;
  /** The tuned CLI again after one file changed, with its content cache. */
  depcruiseTunedWarm: TimedRun;
  /** GraphSession.update after one file changed (median). */
  incrementalMs: number;
  /** depcruiseCli / cold (target ≥ 1). */
  coldSpeedup: number;
  /** depcruiseCli / incremental (target ≥ 10). */
  warmSpeedup: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timedProcess(argv: string[], cwd: string, timeoutMs: number): Promise<TimedRun & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (timedOut) resolve({ ms, timedOut, stdout });
      else if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr.slice(0, 2000)}`));
      else resolve({ ms, stdout });
    });
  });
}

async function medianRun(runs: number, once: () => Promise<TimedRun>): Promise<TimedRun> {
  const results: TimedRun[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await once();
    results.push(result);
    if (result.timedOut) return result; // one run past the limit says enough
  }
  return { ms: median(results.map((result) => result.ms)) };
}

/** A copy to measure on: everything but dependencies and version control. */
function copyTree(directory: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'cloudward-graph-bench-'));
  cpSync(directory, copy, { recursive: true, filter: (source) => !/[\\/](node_modules|\.git)$/.test(source) });
  return copy;
}

/**
 * The bundle the cold process loads: dist/engine.js, what users run (`npm run bench` builds it first).
 * When it is missing or does not load, a bundle of the graph builder alone, built like it, is used instead.
 */
let coldBundle: Promise<{ file: string; note: string }> | undefined;
function bundleForColdRuns(): Promise<{ file: string; note: string }> {
  coldBundle ??= (async () => {
    if (existsSync(engineBundle) && spawnSync(process.execPath, ['-e', `require(${JSON.stringify(engineBundle)}).buildGraph`]).status === 0) {
      return { file: engineBundle, note: `dist/engine.js of ${statSync(engineBundle).mtime.toISOString()}` };
    }
    // Inside the repository, so the bundle finds typescript and dependency-cruiser in node_modules.
    const folder = path.join(repositoryRoot, 'node_modules/.cache/cloudward-graph-bench');
    mkdirSync(folder, { recursive: true });
    const entry = path.join(folder, 'entry.ts');
    writeFileSync(entry, `export { buildGraph } from ${JSON.stringify(path.join(repositoryRoot, 'src/engine/graph'))};\nexport { nodeFileSystem } from ${JSON.stringify(path.join(repositoryRoot, 'src/engine/core/nodeFileSystem'))};\n`);
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [entry], outfile: path.join(folder, 'graph.js'), bundle: true, platform: 'node', target: 'node20', format: 'cjs', external: ['typescript', 'dependency-cruiser'], nodePaths: [path.join(repositoryRoot, 'node_modules')], logLevel: 'error' });
    return { file: path.join(folder, 'graph.js'), note: 'dist/engine.js missing or not loading: a bundle of the graph builder alone' };
  })();
  return coldBundle;
}

interface ColdCommand {
  argv: string[];
  note: string;
  /** The model's module and edge counts, from the run's output. */
  stats: (stdout: string) => { modules?: number; edges?: number };
}

/** The CLI as users run it (dist/cli.js); without a build, the graph builder's bundle called from a script. */
async function coldCommand(root: string, output: string, findings: boolean): Promise<ColdCommand | undefined> {
  if (existsSync(cliBundle)) {
    return {
      argv: [cliBundle, 'graph', '.', '--format', 'json', '--output', output, ...(findings ? [] : ['--no-findings'])],
      note: `${path.relative(repositoryRoot, cliBundle)} of ${statSync(cliBundle).mtime.toISOString()}: cloudward graph${findings ? '' : ' --no-findings'}`,
      stats: () => (JSON.parse(readFileSync(output, 'utf8')) as { stats: { modules: number; edges: number } }).stats,
    };
  }
  if (findings) return undefined;
  const { file, note } = await bundleForColdRuns();
  return {
    argv: ['-e', `const m = require(${JSON.stringify(file)}); m.buildGraph(${JSON.stringify(root)}, { fs: m.nodeFileSystem }).then((g) => process.stdout.write(JSON.stringify(g.stats)))`],
    note: `dist/cli.js missing: buildGraph from ${note}`,
    stats: (stdout) => JSON.parse(stdout || '{}') as { modules?: number; edges?: number },
  };
}

function tunedConfig(root: string, cacheFolder: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cloudward-depcruise-config-')), 'tuned.cjs');
  const tsConfig = existsSync(path.join(root, 'tsconfig.json')) ? { tsConfig: { fileName: 'tsconfig.json' } } : {};
  writeFileSync(
    file,
    `module.exports = ${JSON.stringify({
      options: { skipAnalysisNotInRules: true, tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' }, exclude: { path: '(^|/)node_modules/' }, ...tsConfig, cache: { folder: cacheFolder, strategy: 'content' } },
    })};\n`,
  );
  return file;
}

/** The file the warm figures edit: one from the middle of the sorted module list. */
function pickFile(session: GraphSession): string {
  const sources = session.model.modules.filter((module) => /\.[cm]?[jt]sx?$/.test(module.file));
  return sources[Math.floor(sources.length / 2)].file;
}

export async function benchGraph(directory: string, options: GraphBenchOptions = {}): Promise<GraphBenchResult> {
  const runs = options.runs ?? 3;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const log = options.log ?? (() => undefined);
  const root = copyTree(directory);
  const scratch = mkdtempSync(path.join(tmpdir(), 'cloudward-graph-bench-out-'));
  try {
    const output = path.join(scratch, 'depcruise.json');
    const graphOutput = path.join(scratch, 'graph.json');
    const coldGraph = (await coldCommand(root, graphOutput, false))!;
    log(`  (cold runs: ${coldGraph.note})`);
    // Cloudward and the plain depcruise CLI in turn, run after run.
    const coldRuns: TimedRun[] = [];
    const depcruiseRuns: TimedRun[] = [];
    let coldStats: { modules?: number; edges?: number } = {};
    for (let run = 0; run < runs; run++) {
      const cloudward = await timedProcess(coldGraph.argv, root, timeoutMs);
      coldStats = coldGraph.stats(cloudward.stdout);
      coldRuns.push(cloudward);
      if (depcruiseRuns.some((earlier) => earlier.timedOut)) continue; // one run past the limit says enough
      depcruiseRuns.push(await timedProcess([depcruiseBin, '.', '--no-config', '--output-type', 'json', '--exclude', '(^|/)node_modules/', '--output-to', output], root, timeoutMs));
    }
    const cold: TimedRun = { ms: median(coldRuns.map((run) => run.ms)) };
    const timedOutRun = depcruiseRuns.find((run) => run.timedOut);
    const depcruiseCli: TimedRun = timedOutRun ?? { ms: median(depcruiseRuns.map((run) => run.ms)) };
    log(`  cold (fresh process)    ${cold.ms.toFixed(0)} ms   (${coldStats.modules} modules, ${coldStats.edges} edges)`);
    log(`  depcruise CLI (plain)   ${depcruiseCli.timedOut ? `> ${(timeoutMs / 1000).toFixed(0)} s (stopped)` : `${depcruiseCli.ms.toFixed(0)} ms`}`);
    const withFindings = await coldCommand(root, graphOutput, true);
    const coldWithFindings = withFindings ? await medianRun(runs, () => timedProcess(withFindings.argv, root, timeoutMs)) : undefined;
    if (coldWithFindings) log(`  cold, with findings     ${coldWithFindings.ms.toFixed(0)} ms   (cloudward graph: the graph and a full assessment)`);

    const inProcess: number[] = [];
    let session = await GraphSession.open(root, { fs: nodeFileSystem }); // loads dependency-cruiser once
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      session = await GraphSession.open(root, { fs: nodeFileSystem });
      inProcess.push(performance.now() - started);
    }
    const coldInProcessMs = median(inProcess);
    log(`  cold (in process)       ${coldInProcessMs.toFixed(0)} ms   (${session.model.stats.modules} modules, ${session.model.stats.edges} edges)`);

    const file = pickFile(session);
    const updates: number[] = [];
    for (let run = 0; run < Math.max(5, runs); run++) {
      appendFileSync(path.join(root, file), `\nexport const benchEdit${run} = ${run};\n`);
      const started = performance.now();
      await session.update([file]);
      updates.push(performance.now() - started);
    }
    const incrementalMs = median(updates);
    log(`  update, 1 file changed  ${incrementalMs.toFixed(1)} ms   (${file})`);


    const cacheFolder = path.join(scratch, 'cache');
    const config = tunedConfig(root, cacheFolder);
    const tunedArguments = [depcruiseBin, '.', '--config', config, '--output-type', 'json', '--output-to', output];
    const depcruiseTuned = await medianRun(runs, () => {
      rmSync(cacheFolder, { recursive: true, force: true });
      return timedProcess(tunedArguments, root, timeoutMs);
    });
    log(`  depcruise CLI (tuned)   ${depcruiseTuned.ms.toFixed(0)} ms${depcruiseTuned.timedOut ? ' (stopped)' : ''}`);
    const warmRuns: TimedRun[] = [];
    for (let run = 0; run < runs && !depcruiseTuned.timedOut; run++) {
      await timedProcess(tunedArguments, root, timeoutMs); // the cache is now up to date
      appendFileSync(path.join(root, file), `\nexport const benchCliEdit${run} = ${run};\n`);
      warmRuns.push(await timedProcess(tunedArguments, root, timeoutMs));
    }
    const depcruiseTunedWarm = warmRuns.length > 0 ? { ms: median(warmRuns.map((run) => run.ms)) } : { ms: depcruiseTuned.ms, timedOut: true };
    log(`  depcruise tuned, cached, 1 file changed  ${depcruiseTunedWarm.ms.toFixed(0)} ms`);
    rmSync(path.dirname(config), { recursive: true, force: true });

    const result: GraphBenchResult = {
      directory,
      modules: session.model.stats.modules,
      edges: session.model.stats.edges,
      cold,
      coldWithFindings,
      coldInProcessMs,
      depcruiseCli,
      depcruiseTuned,
      depcruiseTunedWarm,
      incrementalMs,
      coldSpeedup: depcruiseCli.ms / cold.ms,
      warmSpeedup: depcruiseCli.ms / incrementalMs,
    };
    const atLeast = depcruiseCli.timedOut ? '≥ ' : '';
    log(`  cold: ${atLeast}${result.coldSpeedup.toFixed(2)}× faster than the plain CLI (target ≥ 1×), ${(depcruiseTuned.ms / cold.ms).toFixed(2)}× the tuned CLI`);
    log(`  warm: ${atLeast}${result.warmSpeedup.toFixed(0)}× faster than the plain CLI (target ≥ 10×), ${(depcruiseTunedWarm.ms / incrementalMs).toFixed(0)}× the tuned, cached CLI`);
    return result;
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 300) * 1000;
  const directories = process.argv.slice(2);
  const synthetic: string[] = [];
  if (directories.length === 0) {
    directories.push(path.join(repositoryRoot, 'examples/legacy-shop'));
    const written = writeSyntheticWorkspace(Number(process.env.BENCH_GRAPH_MODULES ?? 5000));
    synthetic.push(written.root);
    directories.push(written.root);
  }
  console.log(`Cloudward graph bench — Node ${process.version}, ${runs} runs per figure`);
  try {
    for (const directory of directories) {
      console.log(`\n${directory}`);
      await benchGraph(directory, { runs, timeoutMs, log: (line) => console.log(line) });
    }
  } finally {
    for (const root of synthetic) rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
