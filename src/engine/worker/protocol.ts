import type { FileOutcome } from '../core/fileOutcome';
import type { AnalysisLimits, AnalysisResult, CloudwardConfig, FileRole, ProjectInfo, Progress } from '../types';

/** Messages between a whole-workspace scan running in a worker thread and its owner. */
export interface ScanRequest {
  type: 'scan';
  /** Echoed on every answer, so a superseded scan's late messages are recognised. */
  id: number;
  root: string;
  config: CloudwardConfig;
  /** Where the per-file result cache is kept between scans (the extension's workspace storage); none when absent. */
  cacheFile?: string;
  /** Threads analysing files inside the scan, the scan's own included (0: on the scan's own thread only; see WorkspaceOptions.jobs). */
  jobs?: number;
  limits?: AnalysisLimits;
}

export type ScanWorkerMessage = { id: number } & (
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: AnalysisResult }
  | { type: 'cancelled' }
  | { type: 'error'; message: string }
);

export type ScanControlMessage = ScanRequest | { type: 'cancel' };

/** `workerData` of a file-analysis worker: the same for every file of one scan. */
export interface FileWorkerSetup {
  role: 'file-analysis';
  /** Built-in rule ids, in the order the scan runs them. */
  ruleIds: string[];
  project: ProjectInfo;
  config: CloudwardConfig;
}

export interface FileTask {
  type: 'analyze';
  id: number;
  file: string;
  text: string;
  role: FileRole;
}

/**
 * A scan's files, for a worker to take itself, one at a time, from a counter it shares with the scanning thread and
 * the other workers, reading each from the local disk (see FilePool.share).
 */
export interface SharedFiles {
  type: 'take';
  /** Echoed on every file taken, so a late answer from an ended scan is recognised. */
  run: number;
  root: string;
  files: readonly string[];
  roles: readonly FileRole[];
  /** Int32Array of one element: the index of the next file nobody has taken. */
  next: SharedArrayBuffer;
  /** Int32Array, one element per worker: 1 + the index of the file that worker analyses now, 0 for none (the time limit watches it). */
  working: SharedArrayBuffer;
  /** This worker's element of `working`. */
  slot: number;
  /** Keys of the results the scan's cache holds (see resultCacheKey); absent when the scan keeps no cache. */
  cachedKeys?: readonly string[];
}

/**
 * What became of a file a worker took: its outcome (with the bytes read, for the scan's source texts, and its cache
 * key when the scan keeps a cache), or the key of the cached result that answers it.
 */
export type TakenFile = { outcome: FileOutcome; bytes?: Uint8Array; cacheKey?: string } | { cachedKey: string; bytes: Uint8Array };

/** To a file-analysis worker: a file, a scan's files to take, or the setup of the next scan (a pool's workers serve scan after scan). */
export type FileWorkerControl = FileTask | SharedFiles | { type: 'setup'; setup: FileWorkerSetup };

export type FileWorkerMessage =
  | { type: 'ready' }
  | { type: 'outcome'; id: number; outcome: FileOutcome }
  | { type: 'taken'; run: number; index: number; taken: TakenFile };
