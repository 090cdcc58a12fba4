import { parentPort } from 'node:worker_threads';
import { analyzeWorkspace, CancelledError, nodeFileSystem } from '../index';
import type { ScanControlMessage, ScanWorkerMessage } from './protocol';

/**
 * Runs whole-workspace scans off the caller's thread, so the editor stays responsive.
 * One scan at a time; `cancel` aborts the running one.
 */
if (!parentPort) throw new Error('scanWorker must run in a worker thread');
const port = parentPort;
let running: AbortController | undefined;
const post = (message: ScanWorkerMessage) => port.postMessage(message);

port.on('message', (message: ScanControlMessage) => {
  if (message.type === 'cancel') {
    running?.abort();
    return;
  }
  running?.abort();
  const controller = new AbortController();
  const { id } = message;
  running = controller;
  let lastProgress = 0;
  analyzeWorkspace(
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
    { config: message.config },
  ).then(
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
