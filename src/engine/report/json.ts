import type { AnalysisResult, Category, Severity } from '../types';
import { ruleDocsPath } from '../rules/support/createRule';

export interface ToolInfo {
  name: string;
  version: string;
}

/** The JSON report: a stable contract for CI, documented in the README. */
export interface JsonReport {
  tool: ToolInfo;
  root: string;
  summary: {
    files: number;
    parsed: number;
    skipped: { file: string; reason: string }[];
    durationMs: number;
    byCategory: Partial<Record<Category, number>>;
    bySeverity: Record<Severity, number>;
  };
  findings: {
    ruleId: string;
    category: Category;
    severity: Severity;
    message: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    strategies: string[];
    effort: number;
    docs: string;
    related: { file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
    fixes: { title: string; edits: { file: string; start: number; end: number; text: string }[] }[];
  }[];
}

export function toJsonReport(result: AnalysisResult, tool: ToolInfo): JsonReport {
  const byCategory: Partial<Record<Category, number>> = {};
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  for (const finding of result.findings) {
    byCategory[finding.category] = (byCategory[finding.category] ?? 0) + 1;
    bySeverity[finding.severity]++;
  }
  return {
    tool,
    root: result.root,
    summary: {
      files: result.files,
      parsed: result.parsed,
      skipped: result.skipped.map(({ file, reason }) => ({ file, reason })),
      durationMs: result.durationMs,
      byCategory,
      bySeverity,
    },
    findings: result.findings.map((finding) => ({
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      message: finding.message,
      file: finding.file,
      line: finding.line,
      column: finding.column,
      endLine: finding.endLine,
      endColumn: finding.endColumn,
      strategies: finding.strategies,
      effort: finding.effort,
      docs: ruleDocsPath(finding.ruleId),
      related: finding.related.map(({ file, line, column, endLine, endColumn, message }) => ({ file, line, column, endLine, endColumn, message })),
      fixes: finding.fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((edit) => ({ file: edit.file ?? finding.file, start: edit.range[0], end: edit.range[1], text: edit.text })),
      })),
    })),
  };
}

export function formatJson(result: AnalysisResult, tool: ToolInfo): string {
  return `${JSON.stringify(toJsonReport(result, tool), null, 2)}\n`;
}
