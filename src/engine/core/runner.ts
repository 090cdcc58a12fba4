import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource, type ParseOutcome } from '../parsers/javascript';
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
import { SCOPE_NODE_TYPES, ScopeTracker } from './scope';
import { Suppressions } from './suppressions';
import { readsEnvironment } from './environment';
import { walk } from './walk';
import { collectFacts } from './facts';
import { collectInventoryFacts } from './inventoryFacts';
import { TriggerIndex } from './triggers';

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
  /** Parses the file; `parseSource` unless the caller keeps syntax trees between edits (the editor). */
  parse?: (file: string, text: string) => ParseOutcome;
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

/** One rule's listener for one node type; `state` is shared by all listeners of the rule id in the file. */
interface Subscription {
  listener: Listener;
  state: { ruleId: string; failed: boolean };
}

/** The enabled rules of a file role with their severity: the same for every file of a scan, so worked out once per role. */
interface EnabledRules {
  /** With `trigger`, the rule's place among the triggers of `triggers` (-1: the rule runs on every file). */
  rules: { rule: SourceRule; severity: Severity; trigger: number }[];
  /** One index over the words of all the enabled rules' triggers. */
  triggers: TriggerIndex;
}

/** The part of the settings that decides which rules run, per settings object (the same for a whole scan). */
const settingsKeys = new WeakMap<object, string>();

function settingsKey(config: SourceInput['config']): string {
  let key = settingsKeys.get(config);
  if (key === undefined) settingsKeys.set(config, (key = `${JSON.stringify(config.rules)}\u0000${config.ignoreCategories.join(',')}`));
  return key;
}

const enabledRules = new WeakMap<readonly SourceRule[], Map<string, EnabledRules>>();

function rulesFor(input: SourceInput): EnabledRules {
  let byRole = enabledRules.get(input.rules);
  if (!byRole) enabledRules.set(input.rules, (byRole = new Map()));
  // The settings are part of the key: a caller may analyse with the same rules and other settings.
  const key = `${input.role}\u0000${settingsKey(input.config)}`;
  let enabled = byRole.get(key);
  if (!enabled) {
    const rules: EnabledRules['rules'] = [];
    const triggers: RegExp[] = [];
    for (const rule of input.rules) {
      const severity = effectiveSeverity(rule.meta, input.config);
      if (!severity || !(rule.meta.roles ?? ['runtime']).includes(input.role)) continue;
      rules.push({ rule, severity, trigger: rule.meta.triggers ? triggers.push(rule.meta.triggers) - 1 : -1 });
    }
    enabled = { rules, triggers: new TriggerIndex(triggers) };
    byRole.set(key, enabled);
  }
  return enabled;
}

/** One parse and one walk of the file, with every enabled rule's listeners merged. */
export function analyzeSource(input: SourceInput): SourceAnalysis {
  const parsed = (input.parse ?? parseSource)(input.file, input.text);
  if (!parsed.ok) return { findings: [], facts: {}, skipReason: parsed.reason, ruleFailures: [] };
  const program = parsed.program;
  // Most files report nothing: the line table is built on the first finding.
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(input.text));
  const suppressions = new Suppressions(program.comments);
  const scope = new ScopeTracker();
  const findings: Finding[] = [];
  const facts: SourceFacts = {};
  const failures: string[] = [];
  const sharedAnswers = new Map<string, Map<Node, unknown>>();
  const shared = <T>(question: string, node: Node, compute: () => T): T => {
    let answers = sharedAnswers.get(question);
    if (!answers) sharedAnswers.set(question, (answers = new Map()));
    if (answers.has(node)) return answers.get(node) as T;
    const answer = compute();
    answers.set(node, answer);
    return answer;
  };
  // Listeners by node type, entering and leaving, so the walk never builds a selector string per node.
  const onEnter = new Map<string, Subscription[]>();
  const onExit = new Map<string, Subscription[]>();
  const states = new Map<string, Subscription['state']>();

  const enabled = rulesFor(input);
  const triggered = enabled.triggers.matching(input.text);
  for (const { rule, severity, trigger } of enabled.rules) {
    if (trigger >= 0 && !triggered[trigger]) continue;
    const context: RuleContext = {
      file: input.file,
      role: input.role,
      sourceText: input.text,
      project: input.project,
      report: (descriptor) => {
        const finding = toFinding(rule.meta, severity, descriptor, input.file, lines());
        if (!suppressions.isSuppressed(rule.meta.id, finding.line)) findings.push(finding);
      },
      resolve: (node) => scope.resolve(node),
      fold: (node) => scope.fold(node),
      definition: (node) => scope.definition(node),
      readsEnvironment,
      recordFact: (name, value) => {
        facts[name] = value;
      },
      shared,
    };
    let state = states.get(rule.meta.id);
    if (!state) states.set(rule.meta.id, (state = { ruleId: rule.meta.id, failed: false }));
    for (const [selector, listener] of Object.entries(rule.create(context))) {
      if (!listener) continue;
      const leaving = selector.endsWith(':exit');
      const table = leaving ? onExit : onEnter;
      const type = leaving ? selector.slice(0, -':exit'.length) : selector;
      const entry = table.get(type);
      if (entry) entry.push({ listener, state });
      else table.set(type, [{ listener, state }]);
    }
  }

  const dispatch = (subscriptions: Subscription[], node: Node) => {
    for (const { listener, state } of subscriptions) {
      if (state.failed) continue;
      try {
        listener(node);
      } catch (error) {
        state.failed = true;
        failures.push(`rule ${state.ruleId} failed: ${(error as Error).message ?? String(error)}`);
      }
    }
  };

  const exitTypes = new Set([...SCOPE_NODE_TYPES, ...onExit.keys()]);
  try {
    walk(program, (node) => {
      scope.enter(node);
      collectFacts(node, facts, scope);
      collectInventoryFacts(node, facts, scope);
      const subscriptions = onEnter.get(node.type);
      if (subscriptions !== undefined) dispatch(subscriptions, node);
    }, (node) => {
      const subscriptions = onExit.get(node.type);
      if (subscriptions !== undefined) dispatch(subscriptions, node);
      scope.exit(node);
    }, { exitTypes, runtimeOnly: true });
  } catch (error) {
    // The parser accepts what TypeScript parses, grammar ESTree rejects included: a tree of a shape the scope
    // tracker or the facts did not foresee costs this file its analysis, never the scan.
    return { findings: [], facts: {}, skipReason: `could not be analysed: ${(error as Error).message ?? String(error)}`, ruleFailures: [] };
  }

  const kept = failures.length === 0 ? findings : findings.filter((finding) => !states.get(finding.ruleId)?.failed);
  return { findings: kept, facts, ruleFailures: failures, suppressions };
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

