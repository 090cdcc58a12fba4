import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type * as Engine from '../../engine';
import type { GraphBuildRequest, GraphWorkerMessage } from './graphWorkerProtocol';

/**
 * Builds one dependency graph off the extension host's thread: resolving every import of a large
 * workspace takes seconds of CPU. The engine is the bundle beside this file (dist/engine.js), not a
 * second copy of it.
 */
if (!parentPort) throw new Error('graphWorker must run in a worker thread');
const port = parentPort;
const engine = require(path.join(__dirname, 'engine.js')) as typeof Engine;

port.once('message', (request: GraphBuildRequest) => {
  let lastProgress = 0;
  engine
    .buildGraph(request.root, {
      fs: engine.nodeFileSystem,
      trusted: request.trusted,
      findings: request.findings,
      include: request.include,
      exclude: request.exclude,
      onProgress: (progress) => {
        const now = Date.now();
        if (now - lastProgress < 200) return;
        lastProgress = now;
        port.postMessage({ type: 'progress', done: progress.done, total: progress.total } satisfies GraphWorkerMessage);
      },
    })
    .then(
      (model) => port.postMessage({ type: 'result', model } satisfies GraphWorkerMessage),
      (error: unknown) => port.postMessage({ type: 'error', message: (error as Error).stack ?? String(error) } satisfies GraphWorkerMessage),
    );
});
