import { CATEGORIES, SEVERITIES, STRATEGIES, type Category, type CloudwardConfig, type SeveritySetting, type Strategy } from '../types';

export const DEFAULT_MAX_FILE_SIZE_BYTES = 2 * 1024 * 1024;

export function defaultConfig(): CloudwardConfig {
  return { rules: {}, ignoreCategories: [], include: [], exclude: [], maxFileSizeBytes: DEFAULT_MAX_FILE_SIZE_BYTES };
}

export interface ConfigResult {
  config: CloudwardConfig;
  /** Entries that were ignored, each with what was wrong; the rest of the config still applies. */
  problems: string[];
}

const SEVERITY_SETTINGS: readonly string[] = [...SEVERITIES, 'off'];

/** Validates a parsed `.cloudwardrc.json` (or the editor settings) field by field. */
export function parseConfig(raw: unknown, source: string, knownRuleIds: ReadonlySet<string>): ConfigResult {
  const config = defaultConfig();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { config, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, problems: [`${source}: expected an object, got ${describe(raw)}; using the defaults`] };
  }
  const record = raw as Record<string, unknown>;
  if (record.rules !== undefined) {
    if (typeof record.rules !== 'object' || record.rules === null || Array.isArray(record.rules)) {
      problems.push(`${source}: "rules" must be an object of rule id → ${SEVERITY_SETTINGS.join(' | ')}, got ${describe(record.rules)}`);
    } else {
      for (const [ruleId, setting] of Object.entries(record.rules as Record<string, unknown>)) {
        if (!knownRuleIds.has(ruleId)) problems.push(`${source}: unknown rule "${ruleId}" in "rules"`);
        else if (typeof setting !== 'string' || !SEVERITY_SETTINGS.includes(setting)) {
          problems.push(`${source}: "rules.${ruleId}" must be one of ${SEVERITY_SETTINGS.join(', ')}, got ${describe(setting)}`);
        } else config.rules[ruleId] = setting as SeveritySetting;
      }
    }
  }
  if (record.ignoreCategories !== undefined) {
    if (!Array.isArray(record.ignoreCategories)) {
      problems.push(`${source}: "ignoreCategories" must be an array of category names, got ${describe(record.ignoreCategories)}`);
    } else {
      for (const category of record.ignoreCategories) {
        if (typeof category === 'string' && (CATEGORIES as readonly string[]).includes(category)) config.ignoreCategories.push(category as Category);
        else problems.push(`${source}: unknown category ${describe(category)} in "ignoreCategories"`);
      }
    }
  }
  for (const key of ['include', 'exclude'] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
      const got = Array.isArray(value) ? `an array holding ${describe(value.find((entry) => typeof entry !== 'string'))}` : describe(value);
      problems.push(`${source}: "${key}" must be an array of glob strings, got ${got}`);
    } else config[key] = value as string[];
  }
  if (record.maxFileSizeBytes !== undefined) {
    const size = record.maxFileSizeBytes;
    if (typeof size !== 'number' || !Number.isFinite(size) || size <= 0) {
      problems.push(`${source}: "maxFileSizeBytes" must be a positive number, got ${describe(size)}`);
    } else config.maxFileSizeBytes = size;
  }
  if (record.strategy !== undefined) {
    if (typeof record.strategy !== 'string' || !(STRATEGIES as readonly string[]).includes(record.strategy)) {
      problems.push(`${source}: "strategy" must be one of ${STRATEGIES.join(', ')}, got ${describe(record.strategy)}; the assessment's recommendation applies`);
    } else config.strategy = record.strategy as Strategy;
  }
  return { config, problems };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${JSON.stringify(value)}`;
}
