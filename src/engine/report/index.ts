import type { AnalysisResult } from '../types';
import { formatJson, type ToolInfo } from './json';
import { formatText } from './text';

export const REPORT_FORMATS = ['json', 'sarif', 'markdown', 'html', 'text'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

type Formatter = (result: AnalysisResult, tool: ToolInfo, shownRoot: string) => string;

/** Reporters picked by name; the assessment issue adds SARIF, Markdown and HTML. */
const FORMATTERS: Partial<Record<ReportFormat, Formatter>> = {
  json: (result, tool) => formatJson(result, tool),
  text: formatText,
};

export function formatterFor(format: ReportFormat): Formatter | undefined {
  return FORMATTERS[format];
}

export type { ToolInfo };
