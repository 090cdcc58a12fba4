import type { AnalysisResult } from '../../engine';
import type { GraphModel } from '../../shared/graphModel';

/** What the graph worker is asked to build: one folder, with the findings of its last analysis. */
export interface GraphBuildRequest {
  root: string;
  trusted: boolean;
  findings?: AnalysisResult;
  include: readonly string[];
  exclude: readonly string[];
}

/**
 * `open`: build the folder's graph cold and keep it in the worker. `update`: bring the kept graph up to date
 * with the files that changed on disk since (edited, created, deleted), and the folder's new findings.
 */
export type GraphWorkerRequest =
  | { type: 'open'; id: number; request: GraphBuildRequest }
  | { type: 'update'; id: number; changedFiles: readonly string[]; findings?: AnalysisResult };

/** The answers to request `id`. */
export type GraphWorkerMessage =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; model: GraphModel }
  | { type: 'error'; id: number; message: string };
