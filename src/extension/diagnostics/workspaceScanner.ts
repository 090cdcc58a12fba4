import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { AnalysisResult, CloudwardConfig, Progress } from '../../engine';
import type { ScanControlMessage, ScanWorkerMessage } from '../../engine/worker/protocol';

export class ScanCancelledError extends Error {
  constructor() {
    super('Scan cancelled');
  }
}

/**
 * Whole-workspace scans in a worker thread (dist/scanWorker.js): the extension host's thread only
 * receives progress and the result, so the editor stays responsive on large workspaces. The scan shares its
 * files among analysis workers (one per core but one, at least one) and keeps per-file results in the
 * workspace storage, so a rescan only analyses the files that changed.
 */
export class WorkspaceScanner {
  private worker: Worker | undefined;
  private pending: { id: number; resolve(result: AnalysisResult): void; reject(error: Error): void; onProgress?: (progress: Progress) => void } | undefined;
  private nextId = 1;

  /** `storagePath`: the extension's workspace storage folder (`context.storageUri`), where the result cache is kept. */
  constructor(
    private readonly extensionPath: string,
    private readonly storagePath?: string,
  ) {}

  scan(root: string, config: CloudwardConfig, token: vscode.CancellationToken | undefined, onProgress?: (progress: Progress) => void): Promise<AnalysisResult> {
    // A newer scan supersedes a running one.
    this.pending?.reject(new ScanCancelledError());
    const worker = this.ensureWorker();
    return new Promise<AnalysisResult>((resolve, reject) => {
      const request = { id: this.nextId++, resolve, reject, onProgress };
      this.pending = request;
      token?.onCancellationRequested(() => {
        if (this.pending !== request) return;
        this.post({ type: 'cancel' });
        this.pending = undefined;
        reject(new ScanCancelledError());
      });
      // Threads analysing, the scan's own included: one core fewer than the machine has, left to the editor (on two
      // cores the scan thread alone, with a worker only for files large enough to need the per-file limits).
      worker.postMessage({ type: 'scan', id: request.id, root, config, cacheFile: this.cacheFileFor(root), jobs: Math.max(1, availableParallelism() - 1) } satisfies ScanControlMessage);
    });
  }

  /** One cache file per workspace folder, inside the extension's own storage (never in the user's tree). */
  private cacheFileFor(root: string): string | undefined {
    if (!this.storagePath) return undefined;
    const id = createHash('sha256').update(root).digest('hex').slice(0, 16);
    return path.join(this.storagePath, 'analysis-cache', `${id}.cache`);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(this.extensionPath, 'dist', 'scanWorker.js'));
    worker.on('message', (message: ScanWorkerMessage) => {
      const pending = this.pending;
      if (!pending || pending.id !== message.id) return;
      switch (message.type) {
        case 'progress':
          pending.onProgress?.(message.progress);
          return;
        case 'result':
          this.pending = undefined;
          pending.resolve(message.result);
          return;
        case 'cancelled':
          this.pending = undefined;
          pending.reject(new ScanCancelledError());
          return;
        case 'error':
          this.pending = undefined;
          pending.reject(new Error(message.message));
          return;
      }
    });
    worker.on('error', (error) => {
      this.pending?.reject(error);
      this.pending = undefined;
      this.worker = undefined;
    });
    worker.on('exit', () => {
      this.pending?.reject(new Error('the analysis worker stopped'));
      this.pending = undefined;
      this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  private post(message: ScanControlMessage): void {
    this.worker?.postMessage(message);
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
