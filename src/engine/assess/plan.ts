import { ruleDocsPath } from '../rules/support/createRule';
import { CATEGORIES, type Category, type Finding, type Strategy } from '../types';
import type { EffortReport, MigrationPlan, PlanStep } from './model';

interface StepDefinition {
  id: string;
  title: string;
  why: string;
  categories: Category[];
}

/** The order a migration goes in: configuration first, then state, storage, logs, jobs, host coupling, the image, probes. */
export const PLAN_STEPS: readonly StepDefinition[] = [
  {
    id: 'externalize-config',
    title: 'Externalize configuration and secrets',
    why: 'every environment needs its own hosts, ports and credentials, set by the platform rather than the code',
    categories: ['hardcoded-secret', 'hardcoded-endpoint', 'baked-config', 'fixed-port'],
  },
  {
    id: 'state-out-of-process',
    title: 'Move state out of the process',
    why: 'replicas come and go: sessions, caches and file databases must live in shared managed services',
    categories: ['in-memory-session-state', 'embedded-db'],
  },
  {
    id: 'object-storage',
    title: 'Move files to an object store',
    why: "a container's disk is lost on restart and not shared between replicas",
    categories: ['local-fs-write', 'local-fs-read-data'],
  },
  {
    id: 'logging',
    title: 'Log to stdout',
    why: 'the platform collects standard output; log files inside a container are lost',
    categories: ['file-logging'],
  },
  {
    id: 'scheduled-jobs',
    title: 'Run scheduled jobs on the platform',
    why: 'an in-process timer runs once per replica',
    categories: ['local-scheduler'],
  },
  {
    id: 'host-coupling',
    title: 'Remove host and network coupling',
    why: 'host binaries, paths and side ports do not exist in a Linux container or across nodes',
    categories: ['os-coupling', 'raw-socket-ipc'],
  },
  {
    id: 'container-image',
    title: 'Build a container image',
    why: 'nothing can be deployed without an image',
    categories: ['missing-container-image'],
  },
  {
    id: 'health-and-shutdown',
    title: 'Add health checks and graceful shutdown',
    why: 'the platform probes the app and stops it with SIGTERM',
    categories: ['missing-health-endpoint', 'missing-graceful-shutdown'],
  },
  {
    id: 'provider-review',
    title: 'Review cloud provider SDKs',
    why: 'provider SDKs tie code to one cloud; note them before choosing the target',
    categories: ['cloud-lock-in'],
  },
];

const round = (hours: number) => Math.round(hours * 10) / 10;

export function buildPlan(findings: readonly Finding[], strategy: Strategy): MigrationPlan {
  const steps: PlanStep[] = PLAN_STEPS.map((definition, index) => {
    const items = findings
      .filter((finding) => definition.categories.includes(finding.category))
      .map((finding) => ({
        ...(finding.fingerprint ? { fingerprint: finding.fingerprint } : {}),
        ruleId: finding.ruleId,
        severity: finding.severity,
        file: finding.file,
        line: finding.line,
        column: finding.column,
        message: finding.message,
        effort: finding.effort,
        docs: ruleDocsPath(finding.ruleId),
        ...(finding.fixes[0] ? { fix: finding.fixes[0].title } : {}),
      }));
    return {
      id: definition.id,
      order: index + 1,
      title: definition.title,
      why: definition.why,
      categories: [...definition.categories],
      done: items.length === 0,
      effort: round(items.reduce((sum, item) => sum + item.effort, 0)),
      items,
    };
  });
  return { strategy, steps };
}

export function buildEffort(findings: readonly Finding[]): EffortReport {
  const byCategory: EffortReport['byCategory'] = {};
  const byRule: Record<string, number> = {};
  let total = 0;
  for (const finding of findings) {
    byCategory[finding.category] = round((byCategory[finding.category] ?? 0) + finding.effort);
    byRule[finding.ruleId] = round((byRule[finding.ruleId] ?? 0) + finding.effort);
    total += finding.effort;
  }
  const sortedCategories: EffortReport['byCategory'] = {};
  for (const category of CATEGORIES) if (byCategory[category] !== undefined) sortedCategories[category] = byCategory[category];
  const sortedRules = Object.fromEntries(Object.entries(byRule).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  return { unit: 'hours', total: round(total), byCategory: sortedCategories, byRule: sortedRules };
}
