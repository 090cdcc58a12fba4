import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../core/cancellation';
import { defaultConfig } from '../core/config';
import type { FileOutcome } from '../core/fileOutcome';
import type { AnalysisLimits, FileRole } from '../types';
import type { FileTask, FileWorkerControl, FileWorkerMessage, FileWorkerSetup, SharedFiles, TakenFile } from './protocol';

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
  /** The file it was seen taking (1 + its index, see SharedFiles.working) and since when, for the time limit. */
  watched?: { working: number; since: number };
  ready: boolean;
  /** Terminated on purpose (time limit, cancellation, closing): its exit is expected. */
  retired: boolean;
  /** Sent and not answered yet, in order: the worker analyses the first, the others wait in its queue. */
  tasks: Task[];
  /** The time limit of the first task, started when that task became the worker's current one. */
  timer?: NodeJS.Timeout;
  error?: Error;
}

/** A scan's files the workers take themselves (see `share`). */
export interface FilesToShare {
  root: string;
  files: readonly string[];
  roles: readonly FileRole[];
  /** The index of the next file nobody has taken, shared with the scanning thread, which takes its files from it too. */
  next: Int32Array;
  /** Keys of the results the scan's cache holds; absent when the scan keeps none. */
  cachedKeys?: readonly string[];
}

interface Sharing {
  message: Omit<SharedFiles, 'slot'>;
  next: Int32Array;
  working: Int32Array;
  /** Files whose outcome was given (a worker stopped by a limit may have sent one just before). */
  given: Uint8Array;
  count: number;
  taken(index: number, taken: TakenFile): void;
  watchdog: NodeJS.Timeout;
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
 * Besides files sent to them one by one, the workers can take a scan's files themselves (`share`), as the
 * scanning thread does, so none waits for the other to hand it work.
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
  private readonly takenWaiters: { count: number; resolve(): void; reject(error: Error): void }[] = [];
  private sharing: Sharing | undefined;
  private run = 0;
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
    this.stopSharing();
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

  /**
   * Lets every worker take the scan's files itself, from `files.next`, reading them from the local disk, until none
   * is left; `taken` gets each one's outcome (or the cached result's key). A file past the time or memory limit is
   * given a skip reason naming the limit, and its worker is replaced. Files sent with `submit` while the workers
   * take files wait until they are done.
   */
  share(files: FilesToShare, taken: (index: number, taken: TakenFile) => void): void {
    if (this.failure) throw this.failure;
    if (!this.setup) throw new Error('FilePool.share before begin');
    this.stopSharing();
    const working = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * this.slots.length));
    const message: Omit<SharedFiles, 'slot'> = { type: 'take', run: ++this.run, root: files.root, files: files.files, roles: files.roles, next: files.next.buffer as SharedArrayBuffer, working: working.buffer as SharedArrayBuffer, cachedKeys: files.cachedKeys };
    // Checked a few times per time limit; a worker's current file is known to it, not to this thread.
    const watchdog = setInterval(() => this.watchTakenFiles(), Math.min(1000, Math.max(10, this.limits.fileTimeoutMs / 4)));
    watchdog.unref();
    this.sharing = { message, next: files.next, working, given: new Uint8Array(files.files.length), count: 0, taken, watchdog };
    this.slots.forEach((slot, number) => this.sendShared(slot, number));
  }

  /** Resolves once the workers gave the outcomes of `count` files they took since `share`; rejects when the scan is cancelled or the pool failed. */
  takenFiles(count: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if ((this.sharing?.count ?? 0) >= count) return Promise.resolve();
    return new Promise((resolve, reject) => this.takenWaiters.push({ count, resolve, reject }));
  }

  private sendShared(slot: Slot, number: number): void {
    if (this.sharing) slot.worker.postMessage({ ...this.sharing.message, slot: number } satisfies FileWorkerControl);
  }

  /** No file is taken any more (the workers stop after the one they are on); late answers are ignored. */
  private stopSharing(): void {
    if (!this.sharing) return;
    Atomics.store(this.sharing.next, 0, this.sharing.given.length);
    clearInterval(this.sharing.watchdog);
    this.sharing = undefined;
  }

  /** Gives a taken file's outcome to the scan, unless it was given already; true when given. */
  private giveTaken(index: number, taken: TakenFile): boolean {
    const sharing = this.sharing;
    if (!sharing || sharing.given[index]) return false;
    sharing.given[index] = 1;
    sharing.count++;
    sharing.taken(index, taken);
    for (let waiter = this.takenWaiters.length - 1; waiter >= 0; waiter--) {
      if (sharing.count >= this.takenWaiters[waiter].count) this.takenWaiters.splice(waiter, 1)[0].resolve();
    }
    return true;
  }

  /** The file a stopped worker was taking, if any, gets `reason` (its replacement is sent the shared files, see `replace`). */
  private takenFileStopped(slot: Slot, reason: string): void {
    const number = this.slots.indexOf(slot);
    if (!this.sharing || number < 0) return;
    const working = Atomics.exchange(this.sharing.working, number, 0);
    if (working > 0) this.giveTaken(working - 1, { outcome: { skipReason: reason, transient: true } });
  }

  private watchTakenFiles(): void {
    const sharing = this.sharing;
    if (!sharing) return;
    const now = performance.now();
    this.slots.forEach((slot, number) => {
      const working = Atomics.load(sharing.working, number);
      if (working === 0 || slot.retired) {
        slot.watched = undefined;
      } else if (slot.watched?.working !== working) {
        slot.watched = { working, since: now };
      } else if (now - slot.watched.since >= this.limits.fileTimeoutMs) {
        this.retire(slot);
        this.takenFileStopped(slot, timeLimitReason(this.limits));
        // Files sent to it wait behind the files it takes: none was started.
        this.requeue(slot.tasks.splice(0));
        this.replace(slot);
      }
    });
  }

  /** Queues a file; `done` gets its outcome, in whatever order the workers finish. */
  submit(file: string, text: string, role: FileRole, done: (outcome: FileOutcome) => void): void {
    if (this.failure) throw this.failure;
    if (!this.setup) throw new Error('FilePool.submit before begin');
    this.queue.push({ id: this.nextId++, file, text, role, done });
    this.pump();
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
    this.stopSharing();
    this.stopAll();
    for (const waiter of [...this.waiters.splice(0), ...this.takenWaiters.splice(0)]) waiter.reject(error);
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
      // A file a worker took and finished is the scan's, even from a worker stopped since (it may have sent it just
      // before its next file ran past the time limit): nothing else would give it.
      if (message.type === 'taken') {
        if (message.run === this.sharing?.message.run && this.giveTaken(message.index, message.taken)) this.byWorkers++;
        return;
      }
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
      const reason = slot.error && isOutOfMemory(slot.error)
        ? `analysis stopped: the file needed more than the ${this.limits.workerMemoryMb} MB worker memory limit (limits.workerMemoryMb)`
        : `analysis stopped: the worker failed (${slot.error ? describeWorkerError(slot.error, this.limits) : 'it exited'})`;
      this.takenFileStopped(slot, reason);
      if (slot.tasks.length > 0) this.stopped(slot, { skipReason: reason, transient: true });
      else this.replace(slot);
    });
    return slot;
  }

  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    this.slots[index] = this.spawn();
    this.sendShared(this.slots[index], index);
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
      this.stopped(slot, { skipReason: timeLimitReason(this.limits), transient: true });
    }, fileTimeoutMs);
  }

  /** A worker stopped in the middle of its current file: that file gets `outcome`, the ones behind it go back to the queue. */
  private stopped(slot: Slot, outcome: FileOutcome): void {
    this.requeue(slot.tasks.splice(1));
    this.replace(slot);
    this.finish(slot, outcome);
  }

  /** Files sent to a stopped worker, not started, go back to the front of the queue. */
  private requeue(waiting: Task[]): void {
    this.running -= waiting.length;
    this.queue.unshift(...waiting);
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

function timeLimitReason(limits: Required<AnalysisLimits>): string {
  return `analysis stopped: it took longer than the ${limits.fileTimeoutMs} ms time limit (limits.fileTimeoutMs)`;
}

function isOutOfMemory(error: Error): boolean {
  return (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function describeWorkerError(error: Error, limits: Required<AnalysisLimits>): string {
  return isOutOfMemory(error) ? `out of the ${limits.workerMemoryMb} MB worker memory limit (limits.workerMemoryMb)` : error.message;
}
