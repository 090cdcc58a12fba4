import type { MessagePort } from 'node:worker_threads';
import { ResultCache } from '../cache/resultCache';
import { analyzeWorkspace, CancelledError, nodeFileSystem } from '../index';
import { FilePool } from './filePool';
import type { AnalysisLimits } from '../types';
import type { ScanControlMessage, ScanWorkerMessage } from './protocol';

/**
 * Runs whole-workspace scans off the caller's thread, so the editor stays responsive.
 * One scan at a time; `cancel` aborts the running one. The analysis workers and the result cache stay between
 * scans (a rescan starts warm and analyses only changed files); the cache is written to `cacheFile` after each.
 */
export function runScanWorker(port: MessagePort): void {
  let running: AbortController | undefined;
  const caches = new Map<string, Promise<ResultCache>>();
  let pool: { key: string; pool: FilePool } | undefined;
  // `jobs` counts this thread, which analyses files beside the kept workers: jobs - 1 of them.
  const poolFor = (jobs: number | undefined, limits: AnalysisLimits | undefined): FilePool | undefined => {
    if (!jobs || jobs < 2) return undefined;
    const key = JSON.stringify({ jobs, limits });
    if (pool?.key !== key) {
      pool?.pool.close();
      pool = { key, pool: new FilePool({ size: jobs - 1, limits }) };
    }
    return pool.pool;
  };
  const post = (message: ScanWorkerMessage) => port.postMessage(message);

  port.on('message', (message: ScanControlMessage) => {
    if (message.type === 'cancel') {
      running?.abort();
      return;
    }
    running?.abort();
    const controller = new AbortController();
    const { id, cacheFile } = message;
    running = controller;
    let lastProgress = 0;
    const scan = async () => {
      let cache: ResultCache | undefined;
      if (cacheFile) {
        if (!caches.has(cacheFile)) caches.set(cacheFile, ResultCache.load(cacheFile));
        cache = await caches.get(cacheFile);
      }
      const result = await analyzeWorkspace(
        message.root,
        {
          fs: nodeFileSystem,
          signal: controller.signal,
          onProgress: (progress) => {
            const now = Date.now();
            // Progress is for a human: ten updates a second are plenty.
            if (progress.phase === 'analyze' && now - lastProgress < 100) return;
            lastProgress = now;
            post({ id, type: 'progress', progress });
          },
        },
        // Without kept workers (jobs 1), a large file still gets a worker of its own, for the limits.
        { config: message.config, cache, jobs: message.jobs, limits: message.limits, pool: poolFor(message.jobs, message.limits) },
      );
      // A cache that cannot be written only costs the next scan time.
      if (cache && cacheFile) await cache.save(cacheFile).catch(() => undefined);
      return result;
    };
    scan().then(
      (result) => {
        if (running === controller) running = undefined;
        post({ id, type: 'result', result });
      },
      (error: unknown) => {
        if (running === controller) running = undefined;
        post(error instanceof CancelledError ? { id, type: 'cancelled' } : { id, type: 'error', message: (error as Error).stack ?? String(error) });
      },
    );
  });
}
