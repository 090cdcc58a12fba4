import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import type * as Engine from '../../engine';
import type { GraphModel } from '../../shared/graphModel';
import type { GraphWorkerMessage, GraphWorkerRequest } from './graphWorkerProtocol';

/**
 * Builds a folder's dependency graph off the extension host's thread (resolving every import of a large
 * workspace takes seconds of CPU), and keeps it: while its panel is open, a change on disk re-extracts only
 * the files that changed, in milliseconds. The engine is the bundle beside this file (dist/engine.js), not a
 * second copy of it.
 */
if (!parentPort) throw new Error('graphWorker must run in a worker thread');
const port = parentPort;
const engine = require(path.join(__dirname, 'engine.js')) as typeof Engine;
let session: Engine.GraphSession | undefined;

/** Progress at most every 200 ms: a message per file would cost more than the work on a fast update. */
function progressOf(id: number): (progress: Engine.Progress) => void {
  let last = 0;
  return (progress) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    port.postMessage({ type: 'progress', id, done: progress.done, total: progress.total } satisfies GraphWorkerMessage);
  };
}

async function answer(message: GraphWorkerRequest): Promise<GraphModel> {
  const onProgress = progressOf(message.id);
  if (message.type === 'open') {
    const { request } = message;
    session = undefined;
    const opened = await engine.GraphSession.open(request.root, {
      fs: engine.nodeFileSystem,
      trusted: request.trusted,
      findings: request.findings,
      include: request.include,
      exclude: request.exclude,
      onProgress,
    });
    session = opened;
    return opened.model;
  }
  if (!session) throw new Error('there is no graph to update: it was never built in this worker');
  const model = await session.update(message.changedFiles, { onProgress });
  return message.findings === undefined ? model : session.setFindings(message.findings);
}

// Requests come one at a time (the panel waits for each answer); GraphSession queues overlapping updates anyway.
port.on('message', (message: GraphWorkerRequest) => {
  answer(message).then(
    (model) => port.postMessage({ type: 'result', id: message.id, model } satisfies GraphWorkerMessage),
    (error: unknown) => port.postMessage({ type: 'error', id: message.id, message: (error as Error).stack ?? String(error) } satisfies GraphWorkerMessage),
  );
});
