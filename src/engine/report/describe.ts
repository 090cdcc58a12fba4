import type { AppInventory, InventoryService } from '../assess';
import type { AnalysisResult, Severity } from '../types';

/** Shared wording of the human reports (Markdown, HTML, text). */

export function hours(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} h`;
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

export function severityCounts(result: AnalysisResult): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0 };
  for (const finding of result.findings) counts[finding.severity]++;
  return counts;
}

export function appTitle(app: AppInventory, shownRoot: string): string {
  const where = app.folder === '' ? shownRoot : app.folder;
  return app.name && app.name !== where ? `${app.name} (${where})` : where;
}

export function runtimeText(app: AppInventory): string {
  if (!app.runtime.node) return 'Node version not pinned (no .nvmrc, engines.node or node base image)';
  const [first, ...others] = app.runtime.nodeSources;
  const disagreeing = others.filter((source) => source.version !== first.version);
  return `Node ${first.version} (from ${first.source})${disagreeing.length > 0 ? `; also ${disagreeing.map((source) => `${source.version} in ${source.source}`).join(', ')}` : ''}`;
}

export function portText(port: AppInventory['ports'][number]): string {
  if (port.fromEnvironment === true) return `PORT from the environment${port.port !== undefined ? ` (default ${port.port})` : ''}`;
  if (port.fromEnvironment === false && port.port !== undefined) return `${port.port} (fixed in code)`;
  return 'set elsewhere';
}

export const EXTERNALIZED_TEXT: Record<InventoryService['externalized'], string> = {
  yes: 'yes (environment)',
  partly: 'partly',
  no: 'no (hard-coded)',
  unknown: 'unknown',
  embedded: 'no (file inside the app)',
};

export const VIA_TEXT: Record<InventoryService['configuredAt'][number]['via'], string> = {
  environment: 'environment',
  'hard-coded': 'hard-coded',
  config: 'config object',
  'config-file': 'config file',
  defaults: 'library defaults',
  unknown: 'not followed',
};

export const STRATEGY_TEXT: Record<string, string> = {
  rehost: 'move it as it is, with configuration and packaging only',
  replatform: 'swap components for managed platform services, keep the architecture',
  refactor: 'rework the parts tied to the host and to process state',
  repurchase: 'replace it with a hosted product',
  retire: 'switch it off',
  retain: 'keep it where it runs for now',
};
