import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource } from '../parsers/javascript';
import type {
  CloudwardConfig,
  FileRole,
  Finding,
  Fix,
  Listener,
  ProjectInfo,
  ReportDescriptor,
  RuleContext,
  RuleMeta,
  Severity,
  SourceFacts,
  SourceRule,
} from '../types';
import { LineIndex } from './lineIndex';
import { ScopeTracker } from './scope';
import { Suppressions } from './suppressions';
import { readsEnvironment } from './environment';
import { walk } from './walk';
import { collectFacts } from './facts';
import { collectInventoryFacts } from './inventoryFacts';

type Node = TSESTree.Node;

export interface SourceAnalysis {
  findings: Finding[];
  facts: SourceFacts;
  /** Set when the file could not be analysed at all. */
  skipReason?: string;
  /** Rules that failed on this file; the other rules' findings still stand. */
  ruleFailures: string[];
  /** The file's suppression comments, also applied to app-level findings reported in it later. */
  suppressions?: Suppressions;
}

export interface SourceInput {
  file: string;
  text: string;
  role: FileRole;
  rules: readonly SourceRule[];
  project: ProjectInfo;
  config: Pick<CloudwardConfig, 'rules' | 'ignoreCategories'>;
}

export function effectiveSeverity(meta: RuleMeta, config: Pick<CloudwardConfig, 'rules' | 'ignoreCategories'>): Severity | undefined {
  const setting = config.rules[meta.id] ?? (config.ignoreCategories.includes(meta.category) ? 'off' : meta.defaultSeverity);
  return setting === 'off' ? undefined : setting;
}

export function formatMessage(meta: RuleMeta, messageId: string, data: Record<string, string | number> = {}): string {
  const template = meta.messages[messageId];
  if (template === undefined) throw new Error(`rule ${meta.id} reported unknown messageId '${messageId}'`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** The runner refuses fixes from rules that did not declare them, as ESLint does. */
export function checkedFixes(meta: RuleMeta, fixes: Fix[] | undefined): Fix[] {
  if (!fixes || fixes.length === 0) return [];
  if (!meta.fixable) throw new Error(`rule ${meta.id} produced a fix but its meta does not declare fixable`);
  return fixes;
}

/** One parse and one walk of the file, with every enabled rule's listeners merged. */
export function analyzeSource(input: SourceInput): SourceAnalysis {
  const parsed = parseSource(input.file, input.text);
  if (!parsed.ok) return { findings: [], facts: {}, skipReason: parsed.reason, ruleFailures: [] };
  const program = parsed.program;
  const lines = new LineIndex(input.text);
  const suppressions = new Suppressions(program.comments);
  const scope = new ScopeTracker();
  const findings: Finding[] = [];
  const facts: SourceFacts = {};
  const failed = new Map<string, string>();
  const listeners = new Map<string, { ruleId: string; listener: Listener }[]>();

  for (const rule of input.rules) {
    const severity = effectiveSeverity(rule.meta, input.config);
    if (!severity || !(rule.meta.roles ?? ['runtime']).includes(input.role)) continue;
    if (rule.meta.triggers && !rule.meta.triggers.test(input.text)) continue;
    const context: RuleContext = {
      file: input.file,
      role: input.role,
      sourceText: input.text,
      project: input.project,
      report: (descriptor) => {
        const finding = toFinding(rule.meta, severity, descriptor, input.file, lines);
        if (!suppressions.isSuppressed(rule.meta.id, finding.line)) findings.push(finding);
      },
      resolve: (node) => scope.resolve(node),
      fold: (node) => scope.fold(node),
      definition: (node) => scope.definition(node),
      readsEnvironment,
      recordFact: (name, value) => {
        facts[name] = value;
      },
    };
    for (const [selector, listener] of Object.entries(rule.create(context))) {
      if (!listener) continue;
      const entry = listeners.get(selector) ?? [];
      entry.push({ ruleId: rule.meta.id, listener });
      listeners.set(selector, entry);
    }
  }

  const dispatch = (selector: string, node: Node) => {
    const entry = listeners.get(selector);
    if (!entry) return;
    for (const { ruleId, listener } of entry) {
      if (failed.has(ruleId)) continue;
      try {
        listener(node);
      } catch (error) {
        failed.set(ruleId, `rule ${ruleId} failed: ${(error as Error).message ?? String(error)}`);
      }
    }
  };

  walk(program, (node) => {
    scope.enter(node);
    collectFacts(node, facts, scope);
    collectInventoryFacts(node, facts, scope);
    dispatch(node.type, node);
  }, (node) => {
    dispatch(`${node.type}:exit`, node);
    scope.exit(node);
  });

  const kept = findings.filter((finding) => !failed.has(finding.ruleId));
  return { findings: kept, facts, ruleFailures: [...failed.values()], suppressions };
}

export function toFinding(meta: RuleMeta, severity: Severity, descriptor: ReportDescriptor, file: string, lines: LineIndex): Finding {
  const range = descriptor.range ?? descriptor.node?.range;
  if (!range) throw new Error(`rule ${meta.id} reported without a node or range`);
  return {
    ruleId: meta.id,
    category: meta.category,
    severity,
    message: formatMessage(meta, descriptor.messageId, descriptor.data),
    file,
    range: [range[0], range[1]],
    ...lines.location(range),
    strategies: meta.strategies,
    effort: meta.effort,
    related: (descriptor.related ?? []).map((related) => {
      const relatedRange = related.range ?? related.node?.range ?? range;
      return { file: related.file ?? file, message: related.message, ...lines.location(relatedRange) };
    }),
    fixes: checkedFixes(meta, descriptor.fixes),
  };
}

