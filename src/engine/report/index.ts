import type { AnalysisResult } from '../types';
import { formatHtml, type HtmlOptions } from './html';
import { formatJson, type ToolInfo } from './json';
import { formatMarkdown } from './markdown';
import type { ReportOptions } from './options';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const REPORT_FORMATS = ['json', 'sarif', 'markdown', 'html', 'text'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type Formatter = (result: AnalysisResult, tool: ToolInfo, shownRoot: string, options?: HtmlOptions) => string;

/** Reporters picked by name; every one is a pure function of the analysis result. */
const FORMATTERS: Record<ReportFormat, Formatter> = {
  json: (result, tool) => formatJson(result, tool),
  sarif: (result, tool, _shownRoot, options) => formatSarif(result, tool, options),
  markdown: formatMarkdown,
  html: formatHtml,
  text: formatText,
};

export function formatterFor(format: ReportFormat): Formatter | undefined {
  return FORMATTERS[format];
}

export type { HtmlOptions, ReportOptions, ToolInfo };
export { DEFAULT_DOCS_BASE_URL, ruleDocsUrl } from './options';
