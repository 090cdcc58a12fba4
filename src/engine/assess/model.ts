import type { Category, Severity, Strategy } from '../types';
import type { ServiceKind } from './catalogue';

/** How the location of a backing service is set at one place in the code or config. */
export type ConfiguredVia = 'environment' | 'hard-coded' | 'config' | 'config-file' | 'defaults' | 'unknown';

export interface ServiceLocation {
  file: string;
  line: number;
  column: number;
  via: ConfiguredVia;
  /** What was found there: `new Pool({...})`, the (masked) URL, the environment variable. */
  evidence: string;
}

export interface InventoryService {
  name: string;
  kind: ServiceKind;
  /** npm packages that talk to it. */
  packages: string[];
  /** Where it is configured, in code and config. */
  configuredAt: ServiceLocation[];
  /** 'yes' when every place reads the environment; 'no' when none does; 'embedded' for a file database inside the app. */
  externalized: 'yes' | 'partly' | 'no' | 'unknown' | 'embedded';
}

export interface AppInventory {
  /** Folder of the app's package.json ('' for the workspace root). */
  folder: string;
  name?: string;
  version?: string;
  runtime: {
    /** The Node version the app asks for, from the first of .nvmrc/.node-version, engines.node, the Dockerfile's FROM. */
    node?: string;
    nodeSources: { source: string; version: string }[];
    startScript?: string;
    main?: string;
  };
  frameworks: { name: string; package: string; version: string }[];
  entryPoints: { file: string; line: number; column: number }[];
  ports: { file: string; line: number; column: number; port?: number; fromEnvironment?: boolean }[];
  services: InventoryService[];
  cloudSdks: { package: string; provider: string; version?: string; files: string[] }[];
  dockerfiles: string[];
  /** Environment variables the runtime code reads (`process.env.NAME`). */
  environment: string[];
}

export interface Inventory {
  apps: AppInventory[];
}

export interface CategoryDeduction {
  category: Category;
  findings: number;
  /** Sum of the findings' costs before the cap. */
  points: number;
  /** The most this category can take off the score. */
  cap: number;
  /** min(points, cap): what it takes off. */
  deducted: number;
}

export interface ScoreDetail {
  /** 100 − Σ deducted. */
  score: number;
  band: 'ready' | 'minor changes' | 'significant changes' | 'major changes';
  deductions: CategoryDeduction[];
}

export interface ScoreReport extends ScoreDetail {
  /** Scoring model version, so consumers can tell when the weights change. */
  model: string;
  apps: ({ folder: string } & ScoreDetail)[];
  /** Folders (the directory of each file with findings); every other folder scores 100. */
  folders: ({ folder: string } & ScoreDetail)[];
}

export interface StrategyChange {
  category: Category;
  findings: number;
  effort: number;
  /** What has to change, in one sentence. */
  change: string;
}

export interface StrategyDecision {
  /** What Cloudward recommends from the findings. */
  recommended: Strategy;
  /** What the plan follows: the override from `.cloudwardrc.json` when set, else the recommendation. */
  chosen: Strategy;
  overridden: boolean;
  /** Why, drawn from the findings: one line per piece of evidence. */
  reasons: string[];
  /** What would have to change to move to the next cheaper strategy, when there is one. */
  nextCheaper?: { strategy: Strategy; changes: StrategyChange[]; effort: number };
}

export interface StrategyReport extends StrategyDecision {
  apps: ({ folder: string } & StrategyDecision)[];
}

export interface EffortReport {
  unit: 'hours';
  total: number;
  byCategory: Partial<Record<Category, number>>;
  byRule: Record<string, number>;
}

export interface PlanItem {
  fingerprint?: string;
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  message: string;
  effort: number;
  docs: string;
  /** The title of the quick fix that resolves it, when the rule has one. */
  fix?: string;
}

export interface PlanStep {
  id: string;
  order: number;
  title: string;
  why: string;
  categories: Category[];
  /** No finding left in this step's categories. */
  done: boolean;
  effort: number;
  items: PlanItem[];
}

export interface MigrationPlan {
  strategy: Strategy;
  steps: PlanStep[];
}

export interface Assessment {
  inventory: Inventory;
  score: ScoreReport;
  strategy: StrategyReport;
  effort: EffortReport;
  plan: MigrationPlan;
}
