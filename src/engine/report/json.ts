import { assess, type EffortReport, type Inventory, type MigrationPlan, type ScoreReport, type StrategyReport } from '../assess';
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
    /** Stable across unrelated edits; what baselines record. Absent for results not made by the workspace analysis. */
    fingerprint?: string;
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
  /** Backing services, runtime, frameworks, entry points, ports and cloud SDKs of each app. */
  inventory: Inventory;
  /** Readiness 0–100 with the deduction of every category, per app and per folder. */
  score: ScoreReport;
  /** The recommended strategy among the 6 R's, the override and what would make the next cheaper one possible. */
  strategy: StrategyReport;
  /** Effort in the rules' units (hours): total, by category, by rule. */
  effort: EffortReport;
  /** The ordered migration checklist, each step with its findings and fixes. */
  plan: MigrationPlan;
  /** Present when findings known in a baseline were left out. */
  baseline?: { file: string; known: number };
}

export function toJsonReport(result: AnalysisResult, tool: ToolInfo): JsonReport {
  const byCategory: Partial<Record<Category, number>> = {};
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  for (const finding of result.findings) {
    byCategory[finding.category] = (byCategory[finding.category] ?? 0) + 1;
    bySeverity[finding.severity]++;
  }
  const { inventory, score, strategy, effort, plan } = assess(result);
  const assessment = { inventory, score, strategy, effort, plan };
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
      ...(finding.fingerprint ? { fingerprint: finding.fingerprint } : {}),
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
    ...assessment,
    ...(result.workspace?.baseline ? { baseline: result.workspace.baseline } : {}),
  };
}

export function formatJson(result: AnalysisResult, tool: ToolInfo): string {
  return `${JSON.stringify(toJsonReport(result, tool), null, 2)}\n`;
}
