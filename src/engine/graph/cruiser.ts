import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { ICruiseOptions, IDependency, IResolveOptions, ITranspileOptions } from 'dependency-cruiser';
import type { GraphEdgeKind } from '../../shared/graphModel';
import { packageOf } from '../core/packageName';

/** Where one import of a file leads. */
export type DependencyTarget =
  | { type: 'module'; file: string }
  | { type: 'package'; name: string; core: boolean }
  | { type: 'unresolved' };

export interface ExtractedDependency {
  /** The specifier as written (`./db`, `@app/util`, `node:fs`). */
  specifier: string;
  kind: Exclude<GraphEdgeKind, 'uses-service'>;
  target: DependencyTarget;
}

/** The configuration dependency-cruiser resolves one group of files with. */
export interface CruiseGroup {
  /** Absolute path of the tsconfig/jsconfig that applies, when there is one. */
  tsConfigFile?: string;
  /** Its parsed content (paths, baseUrl), read by dependency-cruiser's JSON-only reader. */
  tsConfig?: ITranspileOptions['tsConfig'];
}

export interface CruiserOptions {
  /**
   * Options from the workspace's own `.dependency-cruiser` config, loaded only when the caller said the
   * workspace is trusted (loading it runs its code).
   */
  workspaceOptions?: ICruiseOptions;
  /** Resolve options from a trusted workspace's webpack config. */
  resolveOptions?: Partial<IResolveOptions>;
}

type DependencyCruiser = typeof import('dependency-cruiser');

let cruiserModule: Promise<DependencyCruiser> | undefined;

/** dependency-cruiser is ESM-only: loaded once, with a dynamic import the CommonJS bundles keep as is. */
export function loadDependencyCruiser(): Promise<DependencyCruiser> {
  cruiserModule ??= import('dependency-cruiser');
  return cruiserModule;
}

/** Options set here, whatever a trusted workspace config says: they make the cruise a flat, fast extraction. */
const FIXED_OPTIONS: ICruiseOptions = {
  validate: false,
  // Cycles, orphans and reachability are derived here in one linear pass; dependency-cruiser's own
  // derivations are what makes its default run take minutes on a large tree.
  skipAnalysisNotInRules: true,
  // Each listed file is extracted; what it imports is only resolved, never followed: the file list (the
  // engine's discovery, with .gitignore and excludes) decides which files are modules with edges. (Not
  // `maxDepth: 1`: a listed file first reached as an import would be marked visited with no imports.)
  doNotFollow: { path: '.' },
};

const RUNTIME_OPTIONS: ICruiseOptions = {
  // Type-only imports are edges too (drawn dashed): the TypeScript AST is read before compilation.
  tsPreCompilationDeps: true,
  moduleSystems: ['cjs', 'es6', 'tsd', 'amd'],
};

/** Options a trusted workspace config may set; the rest (reporters, rules, caches, filters) is ours. */
const WORKSPACE_OPTION_KEYS = [
  'moduleSystems',
  'tsPreCompilationDeps',
  'detectJSDocImports',
  'exoticRequireStrings',
  'externalModuleResolutionStrategy',
  'builtInModules',
  'enhancedResolveOptions',
  'preserveSymlinks',
  'combinedDependencies',
  'babelConfig',
  'parser',
] as const;

export interface CruiseOutcome {
  dependencies: Map<string, ExtractedDependency[]>;
  /** Files whose imports could not be extracted (dependency-cruiser failed on them), with the reason. */
  failures: { file: string; reason: string }[];
}

/**
 * Extracts and resolves the imports of the given files with dependency-cruiser's API: one `cruise` call per
 * batch, with every option explicit (no workspace config is read unless the caller passed its options).
 * A batch that fails is split until the files that fail are alone: they are reported, the rest is kept.
 */
export async function cruiseFiles(root: string, files: readonly string[], group: CruiseGroup, options: CruiserOptions = {}): Promise<CruiseOutcome> {
  const outcome: CruiseOutcome = { dependencies: new Map(), failures: [] };
  // JavaScript has no type-only imports to find before compilation; read with TypeScript's compiler (what
  // tsPreCompilationDeps does to every file of a cruise) it cost a 16-file JavaScript tree more than
  // dependency-cruiser's own JavaScript parser. So JavaScript and TypeScript files are cruised apart.
  const pending: (readonly string[])[] = [files.filter(isJavaScript), files.filter((file) => !isJavaScript(file))];
  while (pending.length > 0) {
    const batch = pending.pop()!;
    if (batch.length === 0) continue;
    try {
      for (const [file, dependencies] of await cruiseBatch(root, batch, group, options)) outcome.dependencies.set(file, dependencies);
    } catch (error) {
      if (batch.length === 1) {
        outcome.failures.push({ file: batch[0], reason: describeFailure(error) });
        outcome.dependencies.set(batch[0], []);
      } else {
        const half = Math.ceil(batch.length / 2);
        pending.push(batch.slice(half), batch.slice(0, half));
      }
    }
  }
  return outcome;
}

function isJavaScript(file: string): boolean {
  return /\.(js|cjs|mjs|jsx)$/i.test(file);
}

function describeFailure(error: unknown): string {
  const message = String((error as Error)?.message ?? error);
  if (/Maximum call stack size exceeded/.test(message)) return 'too deeply nested for dependency-cruiser (it ran out of stack)';
  return message.replace(/\s+/g, ' ').trim().slice(0, 200);
}

async function cruiseBatch(root: string, files: readonly string[], group: CruiseGroup, options: CruiserOptions): Promise<Map<string, ExtractedDependency[]>> {
  const { cruise } = await loadDependencyCruiser();
  const fromWorkspace: ICruiseOptions = {};
  for (const key of WORKSPACE_OPTION_KEYS) {
    if (options.workspaceOptions?.[key] !== undefined) (fromWorkspace as Record<string, unknown>)[key] = options.workspaceOptions[key];
  }
  const cruiseOptions: ICruiseOptions = {
    ...RUNTIME_OPTIONS,
    ...(files.every(isJavaScript) ? { tsPreCompilationDeps: false } : {}),
    ...fromWorkspace,
    ...FIXED_OPTIONS,
    baseDir: root,
    ...(group.tsConfigFile ? { tsConfig: { fileName: group.tsConfigFile } } : {}),
  };
  const transpileOptions: ITranspileOptions = group.tsConfig ? { tsConfig: group.tsConfig } : {};
  const babelConfig = options.workspaceOptions?.babelConfig?.fileName;
  if (babelConfig) {
    const extractBabelConfig = (await import('dependency-cruiser/config-utl/extract-babel-config')).default;
    transpileOptions.babelConfig = await extractBabelConfig(path.resolve(root, babelConfig));
  }
  const result = await cruise([...files].map(escapeGlob), cruiseOptions, options.resolveOptions ?? {}, transpileOptions);
  const output = result.output;
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report instead of a cruise result');
  const wanted = new Set(files);
  const isAlias = aliasMatcher(Object.keys(group.tsConfig?.options?.paths ?? {}));
  const extracted = new Map<string, ExtractedDependency[]>();
  for (const module of output.modules) {
    if (!wanted.has(module.source)) continue;
    // A file that imports itself is listed twice: extracted, and again as the (empty) target of its own
    // import. The extracted entry is the one with dependencies.
    if (extracted.has(module.source) && module.dependencies.length === 0) continue;
    const dependencies = module.dependencies.map((dependency) => toExtracted(dependency, isAlias));
    extracted.set(module.source, await typeOnlyOfUninstalled(root, module.source, module.dependencies, dependencies));
  }
  // A listed file dependency-cruiser could not read (removed meanwhile, unsupported syntax) has no imports.
  for (const file of files) if (!extracted.has(file)) extracted.set(file, []);
  return extracted;
}

/**
 * dependency-cruiser replaces what it knows of an import it cannot resolve by 'unknown', type-only included,
 * so `import type { X } from 'express'` would be a type-only edge where express is installed and a runtime
 * edge where it is not. The same statement forms it recognises (`import type ... from`, `export type ...
 * from`) are looked for in the file's text, for those imports only.
 */
async function typeOnlyOfUninstalled(root: string, file: string, raw: readonly IDependency[], dependencies: ExtractedDependency[]): Promise<ExtractedDependency[]> {
  const candidates = dependencies.filter((dependency, index) => raw[index].couldNotResolve && raw[index].moduleSystem === 'es6' && dependency.kind === 'import' && /\.[cm]?tsx?$/.test(file));
  if (candidates.length === 0) return dependencies;
  let text: string;
  try {
    text = await readFile(path.join(root, file), 'utf8');
  } catch {
    return dependencies;
  }
  const typeOnly = new Set<string>();
  const valueImported = new Set<string>();
  for (const match of text.matchAll(/^[ \t]*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?(['"])([^'"\n]+)\3/gm)) {
    (match[2] ? typeOnly : valueImported).add(match[4]);
  }
  return dependencies.map((dependency) =>
    candidates.includes(dependency) && typeOnly.has(dependency.specifier) && !valueImported.has(dependency.specifier) ? { ...dependency, kind: 'type-only' as const } : dependency,
  );
}

/**
 * dependency-cruiser treats an argument with glob characters as a glob; a file named `[id].ts` (Next.js
 * routes) is one. Escaping is not understood there, but a one-character class matches the literal.
 */
function escapeGlob(file: string): string {
  return /[*?[\]{}()!+@]/.test(file) ? file.replace(/[*?[\]{}()!+@]/g, (character) => `[${character === ']' ? '\\]' : character}]`) : file;
}

/** tsconfig `paths` keys (`@app/*`, `config`): an import matching one that resolves nowhere is a broken alias, not a package. */
function aliasMatcher(patterns: readonly string[]): (specifier: string) => boolean {
  const matchers = patterns.map((pattern) => {
    const star = pattern.indexOf('*');
    if (star === -1) return (specifier: string) => specifier === pattern;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    return (specifier: string) => specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix);
  });
  return (specifier) => matchers.some((matches) => matches(specifier));
}

function toExtracted(dependency: IDependency, isAlias: (specifier: string) => boolean): ExtractedDependency {
  return { specifier: dependency.module, kind: edgeKind(dependency), target: targetOf(dependency, isAlias) };
}

function edgeKind(dependency: IDependency): ExtractedDependency['kind'] {
  const types = dependency.dependencyTypes as readonly string[];
  if (dependency.dynamic || types.includes('dynamic-import')) return 'dynamic-import';
  if (dependency.typeOnly || types.includes('type-only') || types.includes('type-import')) return 'type-only';
  return 'import';
}

function targetOf(dependency: IDependency, isAlias: (specifier: string) => boolean): DependencyTarget {
  if (dependency.coreModule) return { type: 'package', name: dependency.resolved.replace(/^node:/, ''), core: true };
  if (dependency.couldNotResolve) {
    return isBareSpecifier(dependency.module) && !isAlias(dependency.module) ? { type: 'package', name: packageOf(dependency.module), core: false } : { type: 'unresolved' };
  }
  const resolved = dependency.resolved;
  const inDependencies = /(^|\/)node_modules\//.test(resolved);
  if (inDependencies) return { type: 'package', name: isBareSpecifier(dependency.module) ? packageOf(dependency.module) : packageNameFromPath(resolved), core: false };
  return { type: 'module', file: resolved };
}

function isBareSpecifier(specifier: string): boolean {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !/^[a-zA-Z]:[\\/]/.test(specifier);
}

function packageNameFromPath(resolved: string): string {
  const after = resolved.slice(resolved.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return packageOf(after);
}
