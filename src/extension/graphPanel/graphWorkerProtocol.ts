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

export type GraphWorkerMessage = { type: 'progress'; done: number; total: number } | { type: 'result'; model: GraphModel } | { type: 'error'; message: string };
