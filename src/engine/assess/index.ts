import * as path from 'node:path';
import { classifyFile } from '../core/fileRole';
import type { AnalysisResult, Finding } from '../types';
import { appFolderOf, appFolders, buildInventory } from './inventory';
import type { Assessment, ScoreReport, StrategyReport } from './model';
import { buildEffort, buildPlan } from './plan';
import { SCORE_MODEL, scoreFindings } from './score';
import { recommendStrategy } from './strategy';

/**
 * The assessment of an analysed workspace: inventory, readiness score (overall, per app, per folder),
 * the recommended strategy (with the user's override), effort and the ordered migration plan.
 * Pure: everything comes from the analysis result.
 */
export function assess(result: AnalysisResult): Assessment {
  const inventory = buildInventory(result);
  const packages = result.workspace?.packages ?? [];
  const packageFolders = packages.map((entry) => entry.folder);
  const apps = appFolders(result);
  const findingsOf = (folder: string) => result.findings.filter((finding) => appFolderOf(finding.file, packageFolders) === folder);
  const override = result.workspace?.strategyOverride;

  const overall = scoreFindings(result.findings);
  const byFolder = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const folder = path.posix.dirname(finding.file);
    const list = byFolder.get(folder) ?? [];
    list.push(finding);
    byFolder.set(folder, list);
  }
  const score: ScoreReport = {
    model: SCORE_MODEL,
    ...overall,
    apps: apps.map((folder) => ({ folder, ...scoreFindings(findingsOf(folder)) })),
    folders: [...byFolder].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([folder, findings]) => ({ folder, ...scoreFindings(findings) })),
  };

  const runnable = (folder: string) => {
    const app = inventory.apps.find((entry) => entry.folder === folder);
    const hasRuntimeCode = (result.workspace?.files ?? []).some((info) => classifyFile(info.file) === 'runtime' && appFolderOf(info.file, packageFolders) === folder);
    return hasRuntimeCode || !!app?.entryPoints.length || !!app?.runtime.startScript || !!app?.runtime.main || (!result.workspace && result.parsed > 0);
  };
  const dependenciesOf = (folder: string) => Object.keys(packages.find((entry) => entry.folder === folder)?.dependencies ?? {});
  const strategy: StrategyReport = {
    ...recommendStrategy(result.findings, {
      runnable: apps.some(runnable),
      dependencies: [...new Set(apps.flatMap(dependenciesOf))],
      override,
    }),
    apps: apps.map((folder) => ({ folder, ...recommendStrategy(findingsOf(folder), { runnable: runnable(folder), dependencies: dependenciesOf(folder), override }) })),
  };

  return { inventory, score, strategy, effort: buildEffort(result.findings), plan: buildPlan(result.findings, strategy.chosen) };
}

export type * from './model';
export { CATEGORY_CAPS, findingCost, SCORE_MODEL } from './score';
export { CATEGORY_TIER, CATEGORY_CHANGE } from './strategy';
export { PLAN_STEPS } from './plan';
export { applyBaseline, createBaseline, formatBaseline, parseBaseline, type Baseline } from './baseline';
