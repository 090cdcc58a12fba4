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
  /**
   * Collect the file's facts for the workspace (its entry point, the inventory's imports, clients, URLs and
   * environment variables): on unless false. Rules never read them, so a caller after findings only (the
   * editor, at every keystroke) leaves them out.
   */
  facts?: boolean;
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
  /**
   * With `trigger`, the rule's place among the triggers of `triggers` (-1: the rule runs on every file); with
   * `index`, its id's place among the ids, for the per-file state of rules that share an id.
   */
  rules: { rule: SourceRule; severity: Severity; trigger: number; index: number }[];
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
    const ids = new Map<string, number>();
    for (const rule of input.rules) {
      const severity = effectiveSeverity(rule.meta, input.config);
      if (!severity || !(rule.meta.roles ?? ['runtime']).includes(input.role)) continue;
      let index = ids.get(rule.meta.id);
      if (index === undefined) ids.set(rule.meta.id, (index = ids.size));
      rules.push({ rule, severity, trigger: rule.meta.triggers ? triggers.push(rule.meta.triggers) - 1 : -1, index });
    }
    enabled = { rules, triggers: new TriggerIndex(triggers) };
    byRole.set(key, enabled);
  }
  return enabled;
}

const SCOPE_NODE_TYPE_LIST = [...SCOPE_NODE_TYPES];

/** A rule's selector split once: the node type, and whether it listens when the walk leaves the node. */
const selectors = new Map<string, { type: string; leaving: boolean }>();

function parsedSelector(selector: string): { type: string; leaving: boolean } {
  let parsed = selectors.get(selector);
  if (parsed === undefined) {
    const leaving = selector.endsWith(':exit');
    parsed = { type: leaving ? selector.slice(0, -':exit'.length) : selector, leaving };
    selectors.set(selector, parsed);
  }
  return parsed;
}

/** What every rule's context in one file shares. */
interface FileState {
  input: SourceInput;
  scope: ScopeTracker;
  suppressions: Suppressions;
  findings: Finding[];
  facts: SourceFacts;
  lines: () => LineIndex;
  shared: RuleContext['shared'];
  perFile: Map<string, unknown>;
}

/**
 * One rule's view of the file. A class rather than an object of closures: forty rules get one for every file of
 * a scan, and its methods are the same for all of them.
 */
class FileRuleContext implements RuleContext {
  readonly file: string;
  readonly role: FileRole;
  readonly sourceText: string;
  readonly project: ProjectInfo;
  readonly readsEnvironment = readsEnvironment;

  constructor(
    private readonly state: FileState,
    private readonly meta: RuleMeta,
    private readonly severity: Severity,
  ) {
    this.file = state.input.file;
    this.role = state.input.role;
    this.sourceText = state.input.text;
    this.project = state.input.project;
  }

  report(descriptor: ReportDescriptor): void {
    const finding = toFinding(this.meta, this.severity, descriptor, this.file, this.state.lines());
    if (!this.state.suppressions.isSuppressed(this.meta.id, finding.line)) this.state.findings.push(finding);
  }

  resolve(node: Node) {
    return this.state.scope.resolve(node);
  }

  fold(node: Node) {
    return this.state.scope.fold(node);
  }

  definition(node: Node) {
    return this.state.scope.definition(node);
  }

  recordFact(name: string, value: unknown): void {
    this.state.facts[name] = value;
  }

  shared<T>(question: string, node: Node, compute: () => T): T {
    return this.state.shared(question, node, compute);
  }

  perFile<T>(key: string, make: () => T): T {
    let value = this.state.perFile.get(key) as T | undefined;
    if (value === undefined) this.state.perFile.set(key, (value = make()));
    return value;
  }
}

/** One parse and one walk of the file, with every enabled rule's listeners merged. */
export function analyzeSource(input: SourceInput): SourceAnalysis {
  // Nothing in a declaration file runs: no rule applies, and its imports are of types.
  if (input.role === 'declaration') return { findings: [], facts: {}, ruleFailures: [] };
  const parsed = (input.parse ?? parseSource)(input.file, input.text);
  if (!parsed.ok) return { findings: [], facts: {}, skipReason: parsed.reason, ruleFailures: [] };
  const program = parsed.program;
  // Most files report nothing: the line table is built on the first finding.
  let lineIndex: LineIndex | undefined;
  const scope = new ScopeTracker();
  const findings: Finding[] = [];
  const facts: SourceFacts = {};
  const failures: string[] = [];
  const sharedAnswers = new Map<string, Map<Node, unknown>>();
  const state: FileState = {
    input,
    scope,
    suppressions: new Suppressions(program.comments),
    findings,
    facts,
    lines: () => (lineIndex ??= new LineIndex(input.text)),
    shared: <T>(question: string, node: Node, compute: () => T): T => {
      let answers = sharedAnswers.get(question);
      if (!answers) sharedAnswers.set(question, (answers = new Map()));
      if (answers.has(node)) return answers.get(node) as T;
      const answer = compute();
      answers.set(node, answer);
      return answer;
    },
    perFile: new Map(),
  };
  // Listeners by node type, entering and leaving, so the walk never builds a selector string per node. The scope
  // nodes are always left through `exit` (the tracker leaves their scope), so they start with no listeners.
  const onEnter = new Map<string, Subscription[]>();
  const onExit = new Map<string, Subscription[]>(SCOPE_NODE_TYPE_LIST.map((type) => [type, []]));
  const ruleStates: Subscription['state'][] = [];

  const enabled = rulesFor(input);
  const triggered = enabled.triggers.matching(input.text);
  for (const { rule, severity, trigger, index } of enabled.rules) {
    if (trigger >= 0 && !triggered[trigger]) continue;
    // Rules that share an id (a workspace rule's collector beside a source rule) share their failure.
    const ruleState = (ruleStates[index] ??= { ruleId: rule.meta.id, failed: false });
    const listeners = rule.create(new FileRuleContext(state, rule.meta, severity));
    for (const selector in listeners) {
      const listener = listeners[selector];
      if (!listener) continue;
      const { type, leaving } = parsedSelector(selector);
      const table = leaving ? onExit : onEnter;
      const entry = table.get(type);
      if (entry) entry.push({ listener, state: ruleState });
      else table.set(type, [{ listener, state: ruleState }]);
    }
  }

  const dispatch = (subscriptions: Subscription[], node: Node) => {
    for (const { listener, state: ruleState } of subscriptions) {
      if (ruleState.failed) continue;
      try {
        listener(node);
      } catch (error) {
        ruleState.failed = true;
        failures.push(`rule ${ruleState.ruleId} failed: ${(error as Error).message ?? String(error)}`);
      }
    }
  };

  const collectsFacts = input.facts !== false;
  // A tree parsed here dies with this call; one from the caller's parser is kept between edits.
  const linked: Node[] | undefined = input.parse === undefined ? [] : undefined;
  try {
    walk(program, (node) => {
      scope.enter(node);
      if (collectsFacts) {
        collectFacts(node, facts, scope);
        collectInventoryFacts(node, facts, scope);
      }
      const subscriptions = onEnter.get(node.type);
      if (subscriptions !== undefined) dispatch(subscriptions, node);
    }, (node) => {
      const subscriptions = onExit.get(node.type);
      if (subscriptions !== undefined && subscriptions.length > 0) dispatch(subscriptions, node);
      scope.exit(node);
    }, { exitTypes: onExit, runtimeOnly: true, linked });
  } catch (error) {
    // The parser accepts what TypeScript parses, grammar ESTree rejects included: a tree of a shape the scope
    // tracker or the facts did not foresee costs this file its analysis, never the scan.
    return { findings: [], facts: {}, skipReason: `could not be analysed: ${(error as Error).message ?? String(error)}`, ruleFailures: [] };
  } finally {
    if (linked) unlinkParents(linked);
  }

  if (failures.length === 0) return { findings, facts, ruleFailures: failures, suppressions: state.suppressions };
  const failed = new Set(ruleStates.filter((ruleState) => ruleState?.failed).map((ruleState) => ruleState.ruleId));
  const kept = findings.filter((finding) => !failed.has(finding.ruleId));
  return { findings: kept, facts, ruleFailures: failures, suppressions: state.suppressions };
}

/**
 * Drops the `parent` links the walk gave a tree that is now garbage. The parser allocates part of a large tree
 * straight into the old generation; a dead old node whose `parent` points at a young one keeps it, and all it
 * reaches, alive through every minor collection until the next full one. Parsing and walking antd's files three
 * times, scavenges took 1,190 ms with the links left and 680 ms without (the parse alone: 640 ms); in the whole
 * analysis, 1,400 against 1,100 ms.
 */
function unlinkParents(nodes: Node[]): void {
  for (let index = 0; index < nodes.length; index++) (nodes[index] as { parent?: Node }).parent = undefined;
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

