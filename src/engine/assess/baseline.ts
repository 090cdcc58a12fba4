import type { AnalysisResult, Finding } from '../types';

/** A baseline file: the fingerprints of known findings, with enough context for a person reading it. */
export interface Baseline {
  version: 1;
  tool: string;
  findings: { fingerprint: string; ruleId: string; file: string; message: string }[];
}

export function createBaseline(result: AnalysisResult, toolName = 'cloudward'): Baseline {
  return {
    version: 1,
    tool: toolName,
    findings: result.findings
      .filter((finding): finding is Finding & { fingerprint: string } => typeof finding.fingerprint === 'string')
      .map((finding) => ({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, file: finding.file, message: finding.message })),
  };
}

export function formatBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Validates a parsed baseline file; returns the problem in words when it is not one. */
export function parseBaseline(raw: unknown): { baseline: Baseline } | { problem: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problem: 'expected an object with "version": 1 and "findings"' };
  const record = raw as Record<string, unknown>;
  if (record.version !== 1) return { problem: `unsupported baseline version ${JSON.stringify(record.version)} (expected 1)` };
  if (!Array.isArray(record.findings)) return { problem: '"findings" must be an array' };
  const findings: Baseline['findings'] = [];
  for (const [index, entry] of record.findings.entries()) {
    const item = entry as Record<string, unknown> | null;
    if (!item || typeof item.fingerprint !== 'string' || item.fingerprint === '') return { problem: `findings[${index}] has no "fingerprint"` };
    findings.push({ fingerprint: item.fingerprint, ruleId: String(item.ruleId ?? ''), file: String(item.file ?? ''), message: String(item.message ?? '') });
  }
  return { baseline: { version: 1, tool: typeof record.tool === 'string' ? record.tool : 'cloudward', findings } };
}

/**
 * The result without the findings the baseline knows (matched by fingerprint, so moved lines still match).
 * Each baseline entry matches at most one finding: a second identical blocker on an equal line is new.
 */
export function applyBaseline(result: AnalysisResult, baseline: Baseline, file: string): AnalysisResult {
  const known = new Map<string, number>();
  for (const entry of baseline.findings) known.set(entry.fingerprint, (known.get(entry.fingerprint) ?? 0) + 1);
  let matched = 0;
  const findings = result.findings.filter((finding) => {
    const count = finding.fingerprint ? known.get(finding.fingerprint) ?? 0 : 0;
    if (count === 0) return true;
    known.set(finding.fingerprint!, count - 1);
    matched++;
    return false;
  });
  const workspace = result.workspace ?? { packages: [], files: [], configFiles: [] };
  return { ...result, findings, workspace: { ...workspace, baseline: { file, known: matched } } };
}
