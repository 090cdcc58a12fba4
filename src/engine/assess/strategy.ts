import { CATEGORIES, type Category, type Finding, type Strategy } from '../types';
import { REPURCHASABLE } from './catalogue';
import type { StrategyChange, StrategyDecision } from './model';

/**
 * What a category's fix amounts to in a migration:
 * - `configure`: configuration and packaging any move into a container needs (env vars, port, image, probes) — compatible with rehost;
 * - `swap`: a component replaced by a managed platform service (session store, database, object store, stdout logs, platform cron) — replatform;
 * - `rework`: code tied to the host or its network (host binaries, OS paths, side ports, local IPC) — refactor when it is substantial.
 */
export const CATEGORY_TIER: Readonly<Record<Category, 'configure' | 'swap' | 'rework'>> = {
  'local-fs-write': 'swap',
  'local-fs-read-data': 'swap',
  'hardcoded-endpoint': 'configure',
  'hardcoded-secret': 'configure',
  'fixed-port': 'configure',
  'baked-config': 'configure',
  'in-memory-session-state': 'swap',
  'local-scheduler': 'swap',
  'file-logging': 'swap',
  'embedded-db': 'swap',
  'os-coupling': 'rework',
  'raw-socket-ipc': 'rework',
  'missing-graceful-shutdown': 'configure',
  'missing-health-endpoint': 'configure',
  'missing-container-image': 'configure',
  'cloud-lock-in': 'configure',
};

/** One sentence per category: what has to change to resolve it. */
export const CATEGORY_CHANGE: Readonly<Record<Category, string>> = {
  'local-fs-write': 'write files to an object store (S3 or compatible) instead of the local disk',
  'local-fs-read-data': 'read the data the app writes from the object store',
  'hardcoded-endpoint': 'read backing-service hosts and URLs from environment variables',
  'hardcoded-secret': 'move secrets to environment variables fed by the platform secret store',
  'fixed-port': 'listen on process.env.PORT on all interfaces',
  'baked-config': 'drive per-environment configuration from environment variables',
  'in-memory-session-state': 'keep sessions and per-user state in a shared store (Redis)',
  'local-scheduler': 'run scheduled jobs on the platform scheduler or a distributed queue',
  'file-logging': 'log to stdout and let the platform collect the logs',
  'embedded-db': 'move the file database to a managed database',
  'os-coupling': 'ship host binaries in the image or replace them, and drop host paths and OS branches',
  'raw-socket-ipc': 'replace side ports and local IPC with services behind the platform network',
  'missing-graceful-shutdown': 'close the server and drain on SIGTERM',
  'missing-health-endpoint': 'add a cheap health route for the platform probes',
  'missing-container-image': 'add a Dockerfile and .dockerignore',
  'cloud-lock-in': 'note the provider SDKs in use (no change needed to move)',
};

/** Thresholds, in the rules' effort hours. */
export const REWORK_HOURS_FOR_REFACTOR = 16;
export const CHANGE_HOURS_FOR_REFACTOR = 80;
export const MIN_FINDINGS_FOR_RETAIN = 3;

export interface StrategyContext {
  /** The app has something that runs: runtime code, an entry point or a start script. */
  runnable: boolean;
  /** Dependencies of the app, for repurchase evidence. */
  dependencies: readonly string[];
  override?: Strategy;
}

interface CategoryEvidence {
  category: Category;
  findings: Finding[];
  effort: number;
  errors: number;
}

function evidenceOf(findings: readonly Finding[]): CategoryEvidence[] {
  const map = new Map<Category, CategoryEvidence>();
  for (const finding of findings) {
    const entry = map.get(finding.category) ?? { category: finding.category, findings: [], effort: 0, errors: 0 };
    entry.findings.push(finding);
    entry.effort += finding.effort;
    if (finding.severity === 'error') entry.errors++;
    map.set(finding.category, entry);
  }
  return [...map.values()].sort((a, b) => CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category));
}

const round = (hours: number) => Math.round(hours * 10) / 10;

function where(findings: Finding[]): string {
  const shown = findings.slice(0, 3).map((finding) => `${finding.file}:${finding.line}`);
  return findings.length > 3 ? `${shown.join(', ')} and ${findings.length - 3} more` : shown.join(', ');
}

function describeEvidence(entry: CategoryEvidence): string {
  const count = `${entry.findings.length} finding${entry.findings.length === 1 ? '' : 's'}`;
  return `${entry.category}: ${count} (${where(entry.findings)}), ~${round(entry.effort)} h — ${CATEGORY_CHANGE[entry.category]}`;
}

function changes(entries: CategoryEvidence[]): StrategyChange[] {
  return entries.map((entry) => ({ category: entry.category, findings: entry.findings.length, effort: round(entry.effort), change: CATEGORY_CHANGE[entry.category] }));
}

/**
 * The 6 R's from the findings. Rehost when only configuration and packaging stand in the way; replatform when
 * components have to be swapped for managed services; refactor when host or network coupling is substantial
 * (≥ 16 h) or the changes add up to ≥ 80 h; retain when host coupling dominates; repurchase when a refactor
 * would rebuild a product sold as a service; retire when nothing runs.
 */
export function recommendStrategy(findings: readonly Finding[], context: StrategyContext): StrategyDecision {
  const blocking = findings.filter((finding) => finding.severity !== 'information');
  const evidence = evidenceOf(blocking);
  const byTier = (tier: 'configure' | 'swap' | 'rework') => evidence.filter((entry) => CATEGORY_TIER[entry.category] === tier);
  const configure = byTier('configure');
  const swap = byTier('swap');
  const rework = byTier('rework');
  const hours = (entries: CategoryEvidence[]) => entries.reduce((sum, entry) => sum + entry.effort, 0);
  const reworkHours = hours(rework);
  const swapHours = hours(swap);
  const reworkFindings = rework.reduce((sum, entry) => sum + entry.findings.length, 0);
  const reasons: string[] = [];
  let recommended: Strategy;
  let nextCheaper: StrategyDecision['nextCheaper'];

  if (!context.runnable && findings.length === 0) {
    recommended = 'retire';
    reasons.push('no runtime code, entry point or start script: nothing here runs; confirm it is unused and retire it');
  } else if (reworkFindings >= MIN_FINDINGS_FOR_RETAIN && reworkFindings * 2 > blocking.length && reworkHours >= REWORK_HOURS_FOR_REFACTOR) {
    recommended = 'retain';
    reasons.push(`host coupling dominates: ${reworkFindings} of ${blocking.length} blocking findings tie the app to its host (~${round(reworkHours)} h)`);
    for (const entry of rework) reasons.push(describeEvidence(entry));
    reasons.push('keep it where it runs until the host dependencies are replaced, or plan a refactor');
    nextCheaper = undefined;
  } else if (reworkHours >= REWORK_HOURS_FOR_REFACTOR || reworkHours + swapHours >= CHANGE_HOURS_FOR_REFACTOR) {
    recommended = 'refactor';
    if (reworkHours >= REWORK_HOURS_FOR_REFACTOR) reasons.push(`host and network coupling needs ~${round(reworkHours)} h of rework (refactor from ${REWORK_HOURS_FOR_REFACTOR} h)`);
    else reasons.push(`component swaps and rework add up to ~${round(reworkHours + swapHours)} h (refactor from ${CHANGE_HOURS_FOR_REFACTOR} h)`);
    for (const entry of [...rework, ...swap]) reasons.push(describeEvidence(entry));
    const mustShrink = reworkHours >= REWORK_HOURS_FOR_REFACTOR ? rework : [...rework, ...swap];
    nextCheaper = { strategy: 'replatform', changes: changes(mustShrink), effort: round(hours(mustShrink)) };
    const product = context.dependencies.find((name) => REPURCHASABLE[name]);
    if (product) {
      recommended = 'repurchase';
      reasons.unshift(`the app is built on ${REPURCHASABLE[product]}, which is sold as a hosted service: buying it costs less than a refactor`);
      nextCheaper = undefined;
    }
  } else if (swap.length > 0 || rework.length > 0) {
    recommended = 'replatform';
    reasons.push('components must be swapped for managed platform services before the app runs in more than one container');
    for (const entry of [...swap, ...rework]) reasons.push(describeEvidence(entry));
    nextCheaper = { strategy: 'rehost', changes: changes([...swap, ...rework]), effort: round(swapHours + reworkHours) };
  } else {
    recommended = 'rehost';
    if (configure.length === 0) reasons.push('no blocking findings: the app can be packaged and moved as it is');
    else {
      reasons.push('only configuration and packaging stand in the way: no state, storage or host coupling to rework');
      for (const entry of configure) reasons.push(describeEvidence(entry));
    }
  }

  const override = context.override;
  if (override && override !== recommended) reasons.push(`the team chose ${override} in .cloudwardrc.json ("strategy"); Cloudward recommends ${recommended}`);
  return { recommended, chosen: override ?? recommended, overridden: override !== undefined && override !== recommended, reasons, ...(nextCheaper ? { nextCheaper } : {}) };
}
