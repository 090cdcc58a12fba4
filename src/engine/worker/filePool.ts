import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../core/cancellation';
import { defaultConfig } from '../core/config';
import type { FileOutcome } from '../core/fileOutcome';
import type { AnalysisLimits, FileRole } from '../types';
import type { FileTask, FileWorkerControl, FileWorkerMessage, FileWorkerSetup } from './protocol';

const IDLE_SETUP = { role: 'file-analysis', ruleIds: [], project: { allFiles: new Set(), packages: new Map(), configTexts: new Map() } } as const satisfies Omit<FileWorkerSetup, 'config'>;

export const DEFAULT_LIMITS: Required<AnalysisLimits> = { fileTimeoutMs: 60_000, workerMemoryMb: 2048 };

/**
 * Files a worker holds at once: the one it analyses and the next, already in its message queue, so it starts
 * that one without waiting for its owner's thread to receive the outcome and answer (a thread wake-up each way,
 * milliseconds on a busy machine, for every file).
 */
const IN_FLIGHT_PER_WORKER = 2;

/**
 * The worker script: `scanWorker` in the same folder as the running code (dist/ when bundled, this folder when
 * run from source under tsx, whose loader the worker inherits through `execArgv`).
 */
export function defaultWorkerScript(): string {
  return path.join(__dirname, __filename.endsWith('.ts') ? 'scanWorker.ts' : 'scanWorker.js');
}

interface Task {
  id: number;
  file: string;
  text: string;
  role: FileRole;
  done(outcome: FileOutcome): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Terminated on purpose (time limit, cancellation, closing): its exit is expected. */
  retired: boolean;
  /** Sent and not answered yet, in order: the worker analyses the first, the others wait in its queue. */
  tasks: Task[];
  /** The time limit of the first task, started when that task became the worker's current one. */
  timer?: NodeJS.Timeout;
  error?: Error;
}

export interface FilePoolOptions {
  size: number;
  limits?: AnalysisLimits;
  script?: string;
}

/**
 * Worker threads over a scan's files, one file per worker at a time (and the next one waiting in its queue). A file
 * that runs past the time limit, or out of the memory limit, has its worker terminated and replaced, and is skipped
 * with a reason naming the limit; the files waiting behind it go to the next free worker. Aborting the scan's
 * signal terminates every worker at once.
 *
 * A pool serves one scan at a time (`begin` … `end`) and may serve many in turn: its workers stay loaded and
 * warm between scans (the editor's rescans), and are started again after a cancelled scan.
 */
export class FilePool {
  readonly size: number;
  private readonly limits: Required<AnalysisLimits>;
  private readonly script: string;
  private slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly waiters: { below: number; resolve(): void; reject(error: Error): void }[] = [];
  private readonly exits: Promise<void>[] = [];
  private setup: FileWorkerSetup | undefined;
  private signal: AbortSignal | undefined;
  private nextId = 1;
  private scan = 0;
  private running = 0;
  private byWorkers = 0;
  private failure: Error | undefined;
  private closed = false;

  constructor(options: FilePoolOptions) {
    this.size = Math.max(1, Math.floor(options.size));
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.script = options.script ?? defaultWorkerScript();
  }

  /** Starts a scan: its rules, project and settings go to every worker; `signal` cancels it. Returns the scan's number for `end`. */
  begin(setup: FileWorkerSetup, signal?: AbortSignal): number {
    if (this.closed) throw new Error('the analysis pool is closed');
    this.detach();
    this.scan++;
    this.setup = setup;
    this.failure = undefined;
    this.signal = signal;
    signal?.addEventListener('abort', this.onAbort, { once: true });
    for (const slot of this.slots) slot.worker.postMessage({ type: 'setup', setup } satisfies FileWorkerControl);
    while (this.slots.length < this.size) this.slots.push(this.spawn());
    if (signal?.aborted) this.onAbort();
    return this.scan;
  }

  /** Ends scan number `scan` (a later scan that already began is left alone); the workers stay for the next one. */
  end(scan: number): void {
    if (scan === this.scan) this.detach();
  }

  private detach(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.signal = undefined;
  }

  /** Files sent to the workers and not answered yet. */
  get busy(): number {
    return this.running;
  }

  /** Outcomes the workers sent back, over the pool's life (how much of a scan they took). */
  get analysedByWorkers(): number {
    return this.byWorkers;
  }

  /**
   * Starts the workers ahead of the first scan, when they are not running yet, and resolves once every one has loaded
   * the engine (or the pool failed to start one): the next scan hands them files from its first one.
   */
  async start(): Promise<void> {
    if (this.closed) throw new Error('the analysis pool is closed');
    while (this.slots.length < this.size) this.slots.push(this.spawn());
    while (!this.closed && !this.failure && this.slots.some((slot) => !slot.ready)) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  /** Queues a file; `done` gets its outcome, in whatever order the workers finish. */
  submit(file: string, text: string, role: FileRole, done: (outcome: FileOutcome) => void): void {
    if (this.failure) throw this.failure;
    if (!this.setup) throw new Error('FilePool.submit before begin');
    this.queue.push({ id: this.nextId++, file, text, role, done });
    this.pump();
  }

  /**
   * Sends a file to a started worker that has room for it now; false when none has (every worker is busy with
   * its files, or still starting), so the caller can analyse it on its own thread instead of waiting.
   */
  offer(file: string, text: string, role: FileRole, done: (outcome: FileOutcome) => void): boolean {
    if (this.failure) throw this.failure;
    if (!this.setup) throw new Error('FilePool.offer before begin');
    if (this.queue.length > 0) return false;
    let chosen: Slot | undefined;
    for (const slot of this.slots) {
      if (!slot.ready || slot.retired || slot.tasks.length >= IN_FLIGHT_PER_WORKER) continue;
      if (!chosen || slot.tasks.length < chosen.tasks.length) chosen = slot;
    }
    if (!chosen) return false;
    this.dispatch(chosen, { id: this.nextId++, file, text, role, done });
    return true;
  }

  /** Resolves once fewer than `count` files are queued or running; rejects when the scan is cancelled or the pool failed. */
  below(count: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.queue.length + this.running < count) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ below: count, resolve, reject }));
  }

  /** Resolves when every worker the pool started so far has exited (after `close`, or a cancelled scan). */
  async exited(): Promise<void> {
    await Promise.all(this.exits);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
    this.stopAll();
  }

  private readonly onAbort = () => this.fail(new CancelledError());

  /** Stops the scan: queued files are dropped, every worker is terminated (new ones start with the next scan). */
  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.queue.length = 0;
    this.stopAll();
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private stopAll(): void {
    for (const slot of this.slots) {
      this.retire(slot);
      slot.tasks = [];
    }
    this.slots = [];
    this.running = 0;
  }

  private spawn(): Slot {
    // Started before any scan (`start`), a worker waits with no rules for the setup `begin` sends.
    const options = { workerData: this.setup ?? { ...IDLE_SETUP, config: defaultConfig() }, resourceLimits: { maxOldGenerationSizeMb: this.limits.workerMemoryMb } };
    // Run from source (tests, the bench), the TypeScript entry is loaded through tsx's require hook.
    const worker = this.script.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(this.script)});`, { ...options, eval: true })
      : new Worker(this.script, options);
    const slot: Slot = { worker, ready: false, retired: false, tasks: [] };
    this.exits.push(new Promise((resolve) => worker.once('exit', () => resolve())));
    worker.on('message', (message: FileWorkerMessage) => {
      if (slot.retired) return;
      if (message.type === 'ready') {
        slot.ready = true;
        this.pump();
      } else if (slot.tasks[0]?.id === message.id) {
        this.byWorkers++;
        this.finish(slot, message.outcome);
      }
    });
    worker.on('error', (error) => {
      slot.error = error;
    });
    worker.on('exit', () => {
      if (slot.retired || this.closed) return;
      slot.retired = true;
      if (!slot.ready) {
        this.slots = this.slots.filter((other) => other !== slot);
        this.fail(new Error(`the analysis worker could not start: ${slot.error ? describeWorkerError(slot.error, this.limits) : 'it exited'}`));
        return;
      }
      if (slot.tasks.length > 0) {
        const reason = slot.error && isOutOfMemory(slot.error)
          ? `analysis stopped: the file needed more than the ${this.limits.workerMemoryMb} MB worker memory limit (limits.workerMemoryMb)`
          : `analysis stopped: the worker failed (${slot.error ? describeWorkerError(slot.error, this.limits) : 'it exited'})`;
        this.stopped(slot, { skipReason: reason, transient: true });
      } else {
        this.replace(slot);
      }
    });
    return slot;
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    this.slots[index] = this.spawn();
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    clearTimeout(slot.timer);
    void slot.worker.terminate();
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (this.queue.length > 0 && slot.ready && !slot.retired && slot.tasks.length < IN_FLIGHT_PER_WORKER) this.dispatch(slot, this.queue.shift()!);
    }
  }

  private dispatch(slot: Slot, task: Task): void {
    slot.tasks.push(task);
    this.running++;
    if (slot.tasks.length === 1) this.startTimer(slot);
    slot.worker.postMessage({ type: 'analyze', id: task.id, file: task.file, text: task.text, role: task.role } satisfies FileTask);
  }

  /** The time limit of the worker's current file, counted from when it started on it (as near as this thread can tell). */
  private startTimer(slot: Slot): void {
    const task = slot.tasks[0];
    const { fileTimeoutMs } = this.limits;
    slot.timer = setTimeout(() => {
      if (slot.tasks[0] !== task) return;
      this.retire(slot);
      this.stopped(slot, { skipReason: `analysis stopped: it took longer than the ${fileTimeoutMs} ms time limit (limits.fileTimeoutMs)`, transient: true });
    }, fileTimeoutMs);
  }

  /** A worker stopped in the middle of its current file: that file gets `outcome`, the ones behind it go back to the queue. */
  private stopped(slot: Slot, outcome: FileOutcome): void {
    const waiting = slot.tasks.splice(1);
    this.running -= waiting.length;
    this.queue.unshift(...waiting);
    this.replace(slot);
    this.finish(slot, outcome);
  }

  private finish(slot: Slot, outcome: FileOutcome): void {
    const task = slot.tasks.shift();
    if (!task) return;
    clearTimeout(slot.timer);
    this.running--;
    if (slot.tasks.length > 0 && !slot.retired) this.startTimer(slot);
    task.done(outcome);
    this.pump();
    const remaining = this.queue.length + this.running;
    for (let index = this.waiters.length - 1; index >= 0; index--) {
      if (remaining < this.waiters[index].below) this.waiters.splice(index, 1)[0].resolve();
    }
  }
}

function isOutOfMemory(error: Error): boolean {
  return (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function describeWorkerError(error: Error, limits: Required<AnalysisLimits>): string {
  return isOutOfMemory(error) ? `out of the ${limits.workerMemoryMb} MB worker memory limit (limits.workerMemoryMb)` : error.message;
}
