import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** The fixed category names of the rule catalogue; they are part of the public output. */
export const CATEGORIES = [
  'local-fs-write',
  'local-fs-read-data',
  'hardcoded-endpoint',
  'hardcoded-secret',
  'fixed-port',
  'baked-config',
  'in-memory-session-state',
  'local-scheduler',
  'file-logging',
  'embedded-db',
  'os-coupling',
  'raw-socket-ipc',
  'missing-graceful-shutdown',
  'missing-health-endpoint',
  'missing-container-image',
  'cloud-lock-in',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['error', 'warning', 'information'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeveritySetting = Severity | 'off';

export const STRATEGIES = ['rehost', 'replatform', 'refactor', 'repurchase', 'retire', 'retain'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/**
 * Where a file sits in the project decides which rules apply to it. A declaration file (`.d.ts`) describes types
 * only: nothing in it runs, so no rule applies and it is not parsed.
 */
export type FileRole = 'runtime' | 'test' | 'build' | 'declaration';

/** A replacement of `range` (UTF-16 offsets) by `text`; `file` (relative, POSIX) when not the reported file. */
export interface TextEdit {
  file?: string;
  range: [number, number];
  text: string;
  /**
   * For an edit in another file: `textBasis` of that file's text when the analysis read it, or 'absent' when the
   * edit creates it. An editor applying the fix later refuses it when the file no longer matches.
   */
  basis?: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface SourceLocation {
  line: number; // 1-based
  column: number; // 1-based
  endLine: number;
  endColumn: number;
}

export interface RelatedLocation extends SourceLocation {
  file: string;
  message: string;
}

export interface Finding extends SourceLocation {
  /**
   * Stable identity across unrelated edits (rule id, file, normalised source line, occurrence), set by the
   * workspace analysis; used by baselines and SARIF `partialFingerprints`.
   */
  fingerprint?: string;
  ruleId: string;
  category: Category;
  severity: Severity;
  message: string;
  file: string; // relative to the analysis root, POSIX separators
  range: [number, number];
  strategies: Strategy[];
  effort: number;
  related: RelatedLocation[];
  fixes: Fix[];
}

export interface RuleMeta {
  id: string;
  category: Category;
  defaultSeverity: Severity;
  /** One sentence: what the rule finds. */
  description: string;
  /** Message templates; `{{name}}` placeholders are filled from a report's `data`. */
  messages: Record<string, string>;
  /** The migration strategies a finding of this rule blocks. */
  strategies: Strategy[];
  /** Effort to resolve one finding, in hours. */
  effort: number;
  fixable: boolean;
  /** File roles the rule looks at; runtime only unless said. */
  roles?: FileRole[];
  /**
   * A cheap pre-filter: the rule can only report in a file whose text matches (the module or API it is
   * about must be named there), so its listeners are not run on other files.
   */
  triggers?: RegExp;
}

export interface ReportDescriptor {
  node?: TSESTree.Node;
  range?: [number, number];
  messageId: string;
  data?: Record<string, string | number>;
  related?: { node?: TSESTree.Node; range?: [number, number]; file?: string; message: string }[];
  fixes?: Fix[];
}

export type ModulePath = { module: string; path: string[] };

export interface SourceFacts {
  /** Application entry points: the file calls `listen` on a server. */
  listens?: { range: [number, number] };
  [name: string]: unknown;
}

export interface RuleContext {
  readonly file: string;
  readonly role: FileRole;
  readonly sourceText: string;
  readonly project: ProjectInfo;
  report(descriptor: ReportDescriptor): void;
  /** The module member a node refers to (`fs.promises.writeFile` → {module:'fs', path:['promises','writeFile']}). */
  resolve(node: TSESTree.Node): ModulePath | undefined;
  /** The constant value of an expression, through `const` bindings, templates and concatenation. */
  fold(node: TSESTree.Node): FoldedValue | undefined;
  /** The initialiser of a variable that is never reassigned, for following a value to where it was built. */
  definition(identifier: TSESTree.Node): TSESTree.Node | undefined;
  /** True when the expression reads `process.env`, so a literal beside it is only a fallback. */
  readsEnvironment(node: TSESTree.Node): boolean;
  /** Records a fact about this file for workspace rules. */
  recordFact(name: string, value: unknown): void;
  /**
   * Answers that several rules compute for the same node during the walk (the secret sinks of a call), computed
   * once per file: `compute` runs on the first question for `node` under `question`, while the walk is at it.
   */
  shared<T>(question: string, node: TSESTree.Node, compute: () => T): T;
  /** One value per file for every rule that asks under `key` (the file's environment bindings): made on the first ask. */
  perFile<T>(key: string, make: () => T): T;
}

export interface FoldedValue {
  value: string | number | boolean;
  /** Literals the value was folded from, in source order. */
  origins: TSESTree.Node[];
  /** Identifier references that led to the literals (the `DB` in `connect(DB)`). */
  via: TSESTree.Node[];
}

export type Listener = (node: TSESTree.Node) => void;
export type Listeners = Partial<Record<string, Listener>>;

export interface SourceRule {
  kind: 'source';
  meta: RuleMeta;
  create(context: RuleContext): Listeners;
}

export interface WorkspaceFileInfo {
  file: string;
  facts: SourceFacts;
}

export interface WorkspaceContext {
  readonly project: ProjectInfo;
  readonly files: readonly WorkspaceFileInfo[];
  report(descriptor: { file: string; range?: [number, number]; messageId: string; data?: Record<string, string | number>; fixes?: Fix[] }): void;
}

/** Rules that judge the application as a whole, once per entry point, after every file was read. */
export interface WorkspaceRule {
  kind: 'workspace';
  meta: RuleMeta;
  /**
   * Optional listeners run during the single walk of every file the rule's roles cover, only to record
   * facts (`context.recordFact`) that `check` reads; findings come from `check` alone.
   */
  collect?(context: RuleContext): Listeners;
  check(context: WorkspaceContext): void;
}

export interface TextContext {
  readonly file: string;
  readonly role: FileRole;
  readonly text: string;
  readonly project: ProjectInfo;
  report(descriptor: { range: [number, number]; messageId: string; data?: Record<string, string | number>; fixes?: Fix[] }): void;
}

/** Rules over text and config files (`package.json`, `.env*`, `Dockerfile`, JSON/YAML config), picked by file path. */
export interface TextRule {
  kind: 'text';
  meta: RuleMeta;
  /** Tested against the workspace-relative POSIX path. */
  files: RegExp;
  check(context: TextContext): void;
}

export type RuleModule = SourceRule | WorkspaceRule | TextRule;

export interface ProjectInfo {
  /** Every file name the discovery saw (relative, POSIX), analysable or not. */
  readonly allFiles: ReadonlySet<string>;
  /** package.json manifests by folder ('' for the root). */
  readonly packages: ReadonlyMap<string, PackageManifest>;
  /** Texts of the small project files that fixes edit (`.env.example`, `package.json`) and of Dockerfiles/Containerfiles, by relative path. */
  readonly configTexts?: ReadonlyMap<string, string>;
}

export interface PackageManifest {
  name?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  main?: string;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface CloudwardConfig {
  rules: Record<string, SeveritySetting>;
  /** Categories whose rules are all off, unless a rule is named in `rules`. */
  ignoreCategories: Category[];
  /** When not empty, only source files matching one of these globs (gitignore syntax) are analysed. */
  include: string[];
  exclude: string[];
  maxFileSizeBytes: number;
  /** The migration strategy the team chose, overriding the assessment's recommendation. */
  strategy?: Strategy;
}

export interface FileStat {
  kind: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
}

/** All file access of the engine goes through this, so the editor can serve open buffers and tests can inject faults. */
export interface FileSystemHost {
  readFile(absolutePath: string): Promise<Uint8Array>;
  readDirectory(absolutePath: string): Promise<{ name: string; kind: FileStat['kind'] }[]>;
  stat(absolutePath: string): Promise<FileStat>;
  realPath(absolutePath: string): Promise<string>;
}

export interface Progress {
  phase: 'discover' | 'analyze' | 'done';
  done: number;
  total: number;
  file?: string;
}

export interface EngineHost {
  fs: FileSystemHost;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface AnalysisResult {
  root: string;
  files: number;
  parsed: number;
  skipped: SkippedFile[];
  durationMs: number;
  findings: Finding[];
  /** What the assessment needs beyond the findings (manifests, per-file facts, runtime hints); set by the workspace analysis. */
  workspace?: WorkspaceSummary;
}

/** Plain JSON (it crosses worker boundaries): the workspace as the assessment sees it. */
export interface WorkspaceSummary {
  packages: WorkspacePackage[];
  /** Runtime and test files with the facts collected during the walk (only files that have any). */
  files: WorkspaceFileInfo[];
  /** Small non-source files read for the inventory: config with connection strings, Dockerfiles, Node version pins. */
  configFiles: ConfigFileSummary[];
  /** The user's strategy override from `.cloudwardrc.json`. */
  strategyOverride?: Strategy;
  /** Set by the CLI when findings known in a baseline were left out of this result. */
  baseline?: { file: string; known: number };
}

export interface WorkspacePackage {
  /** Folder of the package.json ('' for the root). */
  folder: string;
  name?: string;
  version?: string;
  main?: string;
  startScript?: string;
  /** `engines.node` */
  nodeEngine?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

export interface ConfigFileSummary {
  file: string;
  /** What the file is to the inventory. */
  kind: 'config' | 'env' | 'dockerfile' | 'node-version' | 'compose';
  /** Connection strings and service URLs found in it (credentials masked). */
  urls: { value: string; scheme: string; line: number; column: number; fromEnvironment: boolean }[];
  /** `FROM node:20-alpine` → '20-alpine'; `.nvmrc` → '20.11.1'. */
  nodeVersion?: string;
  /** Variable names defined (`.env*`) or images used (compose). */
  names?: string[];
}

/**
 * Per-file limits of the analysis worker threads (`jobs` > 0): a file that takes longer, or needs more
 * memory, is skipped with a reason naming the limit, and its worker is replaced.
 */
export interface AnalysisLimits {
  /** Wall-clock time one file may take in a worker, parse and rules (default 60,000 ms). */
  fileTimeoutMs?: number;
  /** Heap (old generation) of each analysis worker, in MB (default 2,048). */
  workerMemoryMb?: number;
}
