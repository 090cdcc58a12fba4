/**
 * How responsive the extension host stays while Cloudward scans a workspace: the main thread's event-loop
 * delay (perf_hooks.monitorEventLoopDelay) during a scan through the extension's own path (WorkspaceScanner →
 * dist/scanWorker.js), beside the same scan run on the main thread as a control, and how long a cancelled
 * scan takes to stop.
 *
 *   npm run build && node --import tsx bench/eventLoop.ts [DIR ...]
 *
 * Without DIR: the largest folder under bench/.corpora/, else examples/legacy-shop. Prints max / p99 / p50.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { analyzeWorkspace, defaultConfig, nodeFileSystem } from '../src/engine';
import type { ScanControlMessage, ScanWorkerMessage } from '../src/engine/worker/protocol';
import { WorkspaceScanner } from '../src/extension/diagnostics/workspaceScanner';

const repositoryRoot = path.resolve(__dirname, '..');
const RESOLUTION_MS = 10;

export interface DelayFigures {
  maxMs: number;
  p99Ms: number;
  p50Ms: number;
  durationMs: number;
}

/** Runs `work` while sampling the event loop of this thread; a timer keeps the loop busy enough to be measured. */
export async function measureEventLoop(work: () => Promise<unknown>): Promise<DelayFigures> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const heartbeat = setInterval(() => undefined, RESOLUTION_MS);
  histogram.enable();
  const started = performance.now();
  try {
    await work();
  } finally {
    histogram.disable();
    clearInterval(heartbeat);
  }
  const ms = (nanoseconds: number) => nanoseconds / 1e6;
  return { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), p50Ms: ms(histogram.percentile(50)), durationMs: performance.now() - started };
}

/** How long the scan worker takes to answer `cancelled` once told to stop, `afterMs` after its first file. */
export async function measureCancellation(workerFile: string, root: string, afterMs: number): Promise<{ stopMs: number; outcome: string }> {
  const worker = new Worker(workerFile);
  try {
    return await new Promise((resolve, reject) => {
      let cancelledAt = 0;
      let timer: NodeJS.Timeout | undefined;
      worker.on('message', (message: ScanWorkerMessage) => {
        if (message.type === 'progress') {
          // Timed from the first file analysed, so worker start-up and engine loading are not counted.
          if (message.progress.phase === 'analyze' && !timer) {
            timer = setTimeout(() => {
              cancelledAt = performance.now();
              worker.postMessage({ type: 'cancel' } satisfies ScanControlMessage);
            }, afterMs);
          }
          return;
        }
        clearTimeout(timer);
        resolve({ stopMs: cancelledAt ? performance.now() - cancelledAt : 0, outcome: cancelledAt ? message.type : `${message.type} before the cancel` });
      });
      worker.on('error', reject);
      // As the extension sends it: the files shared among analysis workers, one per core but one.
      worker.postMessage({ type: 'scan', id: 1, root, config: defaultConfig(), jobs: Math.max(1, availableParallelism() - 1) } satisfies ScanControlMessage);
    });
  } finally {
    await worker.terminate();
  }
}

function largestCorpus(): string {
  const corpora = path.join(repositoryRoot, 'bench/.corpora');
  if (!existsSync(corpora)) return path.join(repositoryRoot, 'examples/legacy-shop');
  const sizes = readdirSync(corpora)
    .map((name) => path.join(corpora, name))
    .filter((folder) => statSync(folder).isDirectory())
    .map((folder) => ({ folder, files: (readdirSync(folder, { recursive: true }) as string[]).filter((file) => /\.[cm]?[jt]sx?$/.test(file)).length }));
  sizes.sort((a, b) => b.files - a.files);
  return sizes[0]?.folder ?? path.join(repositoryRoot, 'examples/legacy-shop');
}

const format = (figures: DelayFigures) => `max ${figures.maxMs.toFixed(1)} ms, p99 ${figures.p99Ms.toFixed(1)} ms, p50 ${figures.p50Ms.toFixed(1)} ms over ${figures.durationMs.toFixed(0)} ms`;

export async function benchEventLoop(directory: string): Promise<{ worker: DelayFigures; mainThread: DelayFigures; idle: DelayFigures; cancelMs: number }> {
  const root = path.resolve(directory);
  const workerFile = path.join(repositoryRoot, 'dist/scanWorker.js');
  if (!existsSync(workerFile)) throw new Error('dist/scanWorker.js is missing: run npm run build first');
  const scanner = new WorkspaceScanner(repositoryRoot);
  let files = 0;
  try {
    await scanner.scan(root, defaultConfig(), undefined); // warm-up: worker start, engine load, disk cache
    const worker = await measureEventLoop(async () => {
      files = (await scanner.scan(root, defaultConfig(), undefined)).files;
    });
    const mainThread = await measureEventLoop(() => analyzeWorkspace(root, { fs: nodeFileSystem }));
    // What this machine does to the loop with no scan at all (other processes share the cores).
    const idle = await measureEventLoop(() => new Promise((resolve) => setTimeout(resolve, Math.min(worker.durationMs, 5000))));
    console.log(`\n${directory} (${files} source files)`);
    console.log(`  event-loop delay, scan in the worker (the extension's path)  ${format(worker)}`);
    console.log(`  event-loop delay, same scan on the main thread (control)     ${format(mainThread)}`);
    console.log(`  event-loop delay, idle (the machine's noise floor)           ${format(idle)}`);
    const cancel = await measureCancellation(workerFile, root, Math.max(10, worker.durationMs / 4));
    console.log(`  cancellation a quarter into the scan: ${cancel.outcome} after ${cancel.stopMs.toFixed(1)} ms (target ≤ 200 ms)`);
    return { worker, mainThread, idle, cancelMs: cancel.stopMs };
  } finally {
    scanner.dispose();
  }
}

async function main(): Promise<void> {
  const folders = process.argv.slice(2);
  if (folders.length === 0) folders.push(largestCorpus());
  console.log(`Cloudward event-loop bench — Node ${process.version}, sampling every ${RESOLUTION_MS} ms`);
  for (const folder of folders) await benchEventLoop(folder);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
