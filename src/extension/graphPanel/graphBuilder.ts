import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { GraphModel } from '../../shared/graphModel';
import type { GraphBuildRequest, GraphWorkerMessage, GraphWorkerRequest } from './graphWorkerProtocol';

export class GraphBuildCancelled extends Error {
  constructor() {
    super('Graph build cancelled');
  }
}

/** What changed on disk since the last build: the paths, or anything (build cold). */
export type GraphChanges = readonly string[] | 'all';

/**
 * The graph of one folder, built in a worker thread (dist/graphWorker.js) that keeps it between builds: a
 * build with the list of files changed since the last one updates the kept graph instead of resolving every
 * import again. A cold build starts a new worker. Cancelling terminates the worker, which is the only way to
 * stop a dependency-cruiser run midway, and so does a failure (what the worker kept can no longer be
 * trusted): the next build is cold.
 */
export class GraphBuilder {
  private worker: Worker | undefined;
  /** The request the worker's graph was built for: only the same folder, trust and file selection is updated. */
  private builtFor: string | undefined;
  private nextId = 1;

  constructor(private readonly extensionPath: string) {}

  build(request: GraphBuildRequest, changes: GraphChanges, token?: vscode.CancellationToken, onProgress?: (done: number, total: number) => void): Promise<GraphModel> {
    const update = changes !== 'all' && this.worker !== undefined && this.builtFor === requestKey(request);
    if (!update) {
      this.stop();
      const started = new Worker(path.join(this.extensionPath, 'dist', 'graphWorker.js'));
      // A worker that dies between builds takes its graph with it: the next build must not wait on it.
      started.once('exit', () => {
        if (this.worker === started) {
          this.worker = undefined;
          this.builtFor = undefined;
        }
      });
      this.worker = started;
      this.builtFor = requestKey(request);
    }
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise<GraphModel>((resolve, reject) => {
      let settled = false;
      const finish = (keepWorker: boolean, action: () => void) => {
        if (settled) return;
        settled = true;
        subscription?.dispose();
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (!keepWorker) this.stop(worker);
        action();
      };
      const onMessage = (message: GraphWorkerMessage) => {
        if (message.id !== id) return;
        if (message.type === 'progress') onProgress?.(message.done, message.total);
        else if (message.type === 'result') finish(true, () => resolve(message.model));
        else finish(false, () => reject(new Error(message.message)));
      };
      const onError = (error: Error) => finish(false, () => reject(error));
      const onExit = (code: number) => finish(false, () => reject(new Error(`the graph worker stopped (exit code ${code})`)));
      const subscription = token?.onCancellationRequested(() => finish(false, () => reject(new GraphBuildCancelled())));
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const message: GraphWorkerRequest = update
        ? { type: 'update', id, changedFiles: changes as readonly string[], findings: request.findings }
        : { type: 'open', id, request };
      worker.postMessage(message);
      if (token?.isCancellationRequested) finish(false, () => reject(new GraphBuildCancelled()));
    });
  }

  /** Ends the worker (and the graph it keeps): the panel closed. */
  dispose(): void {
    this.stop();
  }

  /** Terminates `worker` if it is still this builder's one (a build may finish after a newer one replaced it). */
  private stop(worker: Worker | undefined = this.worker): void {
    if (!worker) return;
    void worker.terminate();
    if (worker === this.worker) {
      this.worker = undefined;
      this.builtFor = undefined;
    }
  }
}

/** Findings differ from build to build; what the kept graph depends on does not. */
function requestKey(request: GraphBuildRequest): string {
  return JSON.stringify([request.root, request.trusted, request.include, request.exclude]);
}
