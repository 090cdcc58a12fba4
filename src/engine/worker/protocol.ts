import type { AnalysisResult, CloudwardConfig, Progress } from '../types';

/** Messages between a whole-workspace scan running in a worker thread and its owner. */
export interface ScanRequest {
  type: 'scan';
  /** Echoed on every answer, so a superseded scan's late messages are recognised. */
  id: number;
  root: string;
  config: CloudwardConfig;
}

export type ScanWorkerMessage = { id: number } & (
  | { type: 'progress'; progress: Progress }
  | { type: 'result'; result: AnalysisResult }
  | { type: 'cancelled' }
  | { type: 'error'; message: string }
);

export type ScanControlMessage = ScanRequest | { type: 'cancel' };
