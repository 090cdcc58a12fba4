import type { CloudwardConfig, FileRole, Finding, ProjectInfo, RuleModule, SourceFacts, SourceRule } from '../types';
import { analyzeSource } from './runner';

/**
 * What the analysis of one source file leaves for the workspace: plain data, so it crosses worker threads
 * and sits in the result cache unchanged.
 */
export type FileOutcome =
  | {
      /** The file could not be analysed (a syntax error, or a limit of the analysis workers). */
      skipReason: string;
      /** Set when the reason depends on this run (a time or memory limit), so it is never cached. */
      transient?: true;
    }
  | {
      findings: Finding[];
      facts: SourceFacts;
      ruleFailures: string[];
      /** Suppression directives by line, applied to app-level findings reported in the file later. */
      suppressions?: [number, string[]][];
    };

export interface FileAnalysisSetup {
  rules: readonly SourceRule[];
  project: ProjectInfo;
  config: Pick<CloudwardConfig, 'rules' | 'ignoreCategories'>;
}

export function analyzeToOutcome(file: string, text: string, role: FileRole, setup: FileAnalysisSetup): FileOutcome {
  const analysis = analyzeSource({ file, text, role, rules: setup.rules, project: setup.project, config: setup.config });
  if (analysis.skipReason) return { skipReason: analysis.skipReason };
  const outcome: FileOutcome = { findings: analysis.findings, facts: analysis.facts, ruleFailures: analysis.ruleFailures };
  const suppressions = analysis.suppressions?.toEntries();
  if (suppressions && suppressions.length > 0) outcome.suppressions = suppressions;
  return outcome;
}

/**
 * The source rules of a rule list, the same array for every scan with that list: the runner keeps the enabled rules
 * and their trigger index per array, so a re-run (the cache answering all files but one, the editor's rescans) does
 * not build the index again; on a 16-file workspace that build was a fifth of a cached re-run.
 */
const sourceRulesByList = new WeakMap<readonly RuleModule[], SourceRule[]>();

/** The rules one file's walk runs: source rules, and workspace rules that record facts as source rules that never report. */
export function sourceRulesOf(rules: readonly RuleModule[]): SourceRule[] {
  let source = sourceRulesByList.get(rules);
  if (!source) {
    source = [
      ...rules.filter((rule): rule is SourceRule => rule.kind === 'source'),
      ...rules.flatMap((rule) => (rule.kind === 'workspace' && rule.collect ? [{ kind: 'source' as const, meta: rule.meta, create: rule.collect.bind(rule) }] : [])),
    ];
    sourceRulesByList.set(rules, source);
  }
  return source;
}
