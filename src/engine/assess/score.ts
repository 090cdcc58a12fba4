import { CATEGORIES, type Category, type Finding, type Severity } from '../types';
import type { CategoryDeduction, ScoreDetail } from './model';

export const SCORE_MODEL = 'cloudward-readiness/1';

/**
 * The most each category can take off the score. They add up to 100, so a workspace with every category at
 * its cap scores 0 and the explanation always adds up (score = 100 − Σ deducted). State and storage weigh
 * most (they need code and architecture changes); packaging and probes least; provider SDKs are noted only.
 */
export const CATEGORY_CAPS: Readonly<Record<Category, number>> = {
  'local-fs-write': 12,
  'local-fs-read-data': 6,
  'in-memory-session-state': 10,
  'embedded-db': 10,
  'os-coupling': 10,
  'raw-socket-ipc': 6,
  'hardcoded-secret': 8,
  'local-scheduler': 6,
  'file-logging': 5,
  'baked-config': 5,
  'hardcoded-endpoint': 6,
  'fixed-port': 3,
  'missing-graceful-shutdown': 3,
  'missing-health-endpoint': 3,
  'missing-container-image': 7,
  'cloud-lock-in': 0,
};

/** A finding costs this share of its category's cap (rounded, at least 1 point); information findings cost nothing. */
const SEVERITY_SHARE: Readonly<Record<Severity, number>> = { error: 0.5, warning: 0.25, information: 0 };

export function findingCost(finding: Pick<Finding, 'category' | 'severity'>): number {
  const cap = CATEGORY_CAPS[finding.category] ?? 0;
  const share = SEVERITY_SHARE[finding.severity];
  if (cap === 0 || share === 0) return 0;
  return Math.max(1, Math.round(cap * share));
}

export function bandOf(score: number): ScoreDetail['band'] {
  if (score >= 85) return 'ready';
  if (score >= 60) return 'minor changes';
  if (score >= 35) return 'significant changes';
  return 'major changes';
}

/** The readiness score of a set of findings, with the deduction of every category that has any. */
export function scoreFindings(findings: readonly Finding[]): ScoreDetail {
  const byCategory = new Map<Category, { findings: number; points: number }>();
  for (const finding of findings) {
    const entry = byCategory.get(finding.category) ?? { findings: 0, points: 0 };
    entry.findings++;
    entry.points += findingCost(finding);
    byCategory.set(finding.category, entry);
  }
  const deductions: CategoryDeduction[] = [];
  for (const category of CATEGORIES) {
    const entry = byCategory.get(category);
    if (!entry) continue;
    const cap = CATEGORY_CAPS[category];
    deductions.push({ category, findings: entry.findings, points: entry.points, cap, deducted: Math.min(cap, entry.points) });
  }
  deductions.sort((a, b) => b.deducted - a.deducted || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
  const score = 100 - deductions.reduce((sum, deduction) => sum + deduction.deducted, 0);
  return { score, band: bandOf(score), deductions };
}
