import { pathToFileURL } from 'node:url';
import { assess } from '../assess';
import { findingCost } from '../assess/score';
import { allRules } from '../rules';
import type { AnalysisResult, Finding, RuleMeta, Severity } from '../types';
import type { ToolInfo } from './json';
import { docsBaseUrl, ruleDocsUrl, type ReportOptions } from './options';

/** The key of Cloudward's fingerprint in `partialFingerprints`; the version changes if the recipe does. */
export const FINGERPRINT_KEY = 'cloudwardFingerprint/v1';
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = 'SRCROOT';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note' };

type Json = Record<string, unknown>;

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_whole, _dash: string, letter: string) => letter.toUpperCase());
}

/** A workspace-relative POSIX path as a relative URI reference: each segment percent-encoded. */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function region(finding: { line: number; column: number; endLine: number; endColumn: number }, range?: [number, number]): Json {
  return {
    startLine: finding.line,
    startColumn: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    ...(range ? { charOffset: range[0], charLength: Math.max(0, range[1] - range[0]) } : {}),
  };
}

function ruleDescriptor(meta: Pick<RuleMeta, 'id' | 'category' | 'defaultSeverity' | 'description' | 'strategies' | 'effort' | 'fixable'>, options: ReportOptions): Json {
  const helpUri = ruleDocsUrl(meta.id, options);
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description} Category: ${meta.category}.` },
    helpUri,
    help: { text: `${meta.description} See ${helpUri}`, markdown: `${meta.description} [Documentation](${helpUri})` },
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: {
      category: meta.category,
      effort: meta.effort,
      effortUnit: 'hours',
      strategies: meta.strategies,
      fixable: meta.fixable,
      tags: ['cloud-readiness', meta.category],
    },
  };
}

function fixesOf(finding: Finding): Json[] {
  return finding.fixes.map((fix) => {
    const byFile = new Map<string, Json[]>();
    for (const edit of fix.edits) {
      const file = edit.file ?? finding.file;
      const replacements = byFile.get(file) ?? [];
      replacements.push({ deletedRegion: { charOffset: edit.range[0], charLength: edit.range[1] - edit.range[0] }, insertedContent: { text: edit.text } });
      byFile.set(file, replacements);
    }
    return {
      description: { text: fix.title },
      artifactChanges: [...byFile].map(([file, replacements]) => ({ artifactLocation: { uri: relativeUri(file), uriBaseId: SOURCE_ROOT }, replacements })),
    };
  });
}

/** SARIF 2.1.0: one run, every registered rule with its doc link, results with stable fingerprints and fixes. */
export function toSarif(result: AnalysisResult, tool: ToolInfo, options: ReportOptions = {}): Json {
  const metas = new Map<string, Json>();
  for (const rule of allRules) metas.set(rule.meta.id, ruleDescriptor(rule.meta, options));
  for (const finding of result.findings) {
    if (!metas.has(finding.ruleId)) {
      metas.set(
        finding.ruleId,
        ruleDescriptor({ id: finding.ruleId, category: finding.category, defaultSeverity: finding.severity, description: finding.message, strategies: finding.strategies, effort: finding.effort, fixable: finding.fixes.length > 0 }, options),
      );
    }
  }
  const ruleIds = [...metas.keys()].sort();
  const rules = ruleIds.map((id) => metas.get(id)!);
  const assessment = assess(result);
  const results = result.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIds.indexOf(finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(finding.file), uriBaseId: SOURCE_ROOT }, region: region(finding, finding.range) } }],
    ...(finding.related.length > 0
      ? {
          relatedLocations: finding.related.map((related, index) => ({
            id: index + 1,
            physicalLocation: { artifactLocation: { uri: relativeUri(related.file), uriBaseId: SOURCE_ROOT }, region: region(related) },
            message: { text: related.message },
          })),
        }
      : {}),
    ...(finding.fingerprint ? { partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint } } : {}),
    ...(finding.fixes.length > 0 ? { fixes: fixesOf(finding) } : {}),
    properties: { category: finding.category, effort: finding.effort, effortUnit: 'hours', strategies: finding.strategies, scoreCost: findingCost(finding) },
  }));
  const root = pathToFileURL(result.root).href;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, informationUri: docsBaseUrl(options), rules } },
        originalUriBaseIds: { [SOURCE_ROOT]: { uri: root.endsWith('/') ? root : `${root}/` } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.skipped.map((skipped) => ({
              level: skipped.reason.startsWith('partially analysed') ? 'warning' : 'note',
              message: { text: `${skipped.file}: ${skipped.reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(skipped.file), uriBaseId: SOURCE_ROOT } } }],
            })),
          },
        ],
        results,
        properties: {
          readinessScore: assessment.score.score,
          readinessBand: assessment.score.band,
          scoreModel: assessment.score.model,
          strategy: assessment.strategy.chosen,
          recommendedStrategy: assessment.strategy.recommended,
          effortHours: assessment.effort.total,
          ...(result.workspace?.baseline ? { baseline: result.workspace.baseline } : {}),
        },
      },
    ],
  };
}

export function formatSarif(result: AnalysisResult, tool: ToolInfo, options: ReportOptions = {}): string {
  return `${JSON.stringify(toSarif(result, tool, options), null, 2)}\n`;
}
