import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { GraphModel } from '../../shared/graphModel';
import type { GraphBuildRequest, GraphWorkerMessage } from './graphWorkerProtocol';

export class GraphBuildCancelled extends Error {
  constructor() {
    super('Graph build cancelled');
  }
}

/**
 * Runs one graph build in a worker thread (dist/graphWorker.js) and resolves with the model; cancelling
 * terminates the worker, which is the only way to stop a dependency-cruiser run midway.
 */
export function buildGraphInWorker(extensionPath: string, request: GraphBuildRequest, token?: vscode.CancellationToken, onProgress?: (done: number, total: number) => void): Promise<GraphModel> {
  return new Promise<GraphModel>((resolve, reject) => {
    const worker = new Worker(path.join(extensionPath, 'dist', 'graphWorker.js'));
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      subscription?.dispose();
      void worker.terminate();
      action();
    };
    const subscription = token?.onCancellationRequested(() => finish(() => reject(new GraphBuildCancelled())));
    worker.on('message', (message: GraphWorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.done, message.total);
      else if (message.type === 'result') finish(() => resolve(message.model));
      else finish(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the graph worker stopped (exit code ${code})`))));
    worker.postMessage(request);
  });
}
