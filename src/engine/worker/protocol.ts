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

/** To a file-analysis worker: a file, or the setup of the next scan (a pool's workers serve scan after scan). */
export type FileWorkerControl = FileTask | { type: 'setup'; setup: FileWorkerSetup };

export type FileWorkerMessage = { type: 'ready' } | { type: 'outcome'; id: number; outcome: FileOutcome };
