import { assess } from '../assess';
import type { AnalysisResult, Finding, Severity } from '../types';
import type { ToolInfo } from './json';

const SEVERITY_LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info' };

/** The human report of the CLI: findings grouped by file, then totals by category and the skipped files. */
export function formatText(result: AnalysisResult, tool: ToolInfo, shownRoot: string): string {
  const lines: string[] = [];
  lines.push(`${tool.name} ${tool.version} — cloud readiness of ${shownRoot}`);
  lines.push(`${result.files} source files, ${result.parsed} analysed, ${result.skipped.length} skipped, in ${result.durationMs} ms`);
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  const positionWidth = Math.max(0, ...result.findings.map((finding) => `${finding.line}:${finding.column}`.length));
  for (const [file, findings] of byFile) {
    lines.push('', file);
    for (const finding of findings) {
      const position = `${finding.line}:${finding.column}`.padEnd(positionWidth);
      lines.push(`  ${position}  ${SEVERITY_LABEL[finding.severity].padEnd(7)}  ${finding.message}  [${finding.ruleId}]`);
      for (const related of finding.related) lines.push(`  ${' '.repeat(positionWidth)}           ↳ ${related.file}:${related.line}:${related.column} ${related.message}`);
    }
  }
  if (result.findings.length > 0) {
    const byCategory = new Map<string, { count: number; effort: number }>();
    for (const finding of result.findings) {
      const entry = byCategory.get(finding.category) ?? { count: 0, effort: 0 };
      entry.count++;
      entry.effort += finding.effort;
      byCategory.set(finding.category, entry);
    }
    lines.push('', 'By category:');
    const nameWidth = Math.max(...[...byCategory.keys()].map((name) => name.length));
    for (const [category, { count, effort }] of [...byCategory].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))) {
      lines.push(`  ${category.padEnd(nameWidth)}  ${String(count).padStart(3)} finding${count === 1 ? ' ' : 's'}  ~${formatHours(effort)}`);
    }
  }
  if (result.skipped.length > 0) {
    lines.push('', 'Skipped:');
    for (const skipped of result.skipped) lines.push(`  ${skipped.file} — ${skipped.reason}`);
  }
  const assessment = assess(result);
  lines.push('', `Readiness ${assessment.score.score}/100 (${assessment.score.band}); strategy: ${assessment.strategy.chosen}${assessment.strategy.overridden ? ` (chosen; recommended: ${assessment.strategy.recommended})` : ''}.`);
  if (result.workspace?.baseline) {
    const { known, file } = result.workspace.baseline;
    lines.push(`${known} known finding${known === 1 ? '' : 's'} from the baseline ${file} not shown.`);
  }
  const count = (severity: Severity) => result.findings.filter((finding) => finding.severity === severity).length;
  const totalEffort = result.findings.reduce((sum, finding) => sum + finding.effort, 0);
  lines.push(
    '',
    result.findings.length === 0
      ? 'No cloud blockers found.'
      : `${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}: ${count('error')} errors, ${count('warning')} warnings, ${count('information')} information; estimated effort ~${formatHours(totalEffort)}`,
  );
  return `${lines.join('\n')}\n`;
}

function formatHours(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}
