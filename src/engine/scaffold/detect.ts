import * as path from 'node:path';
import { throwIfCancelled } from '../core/cancellation';
import { discoverFiles } from '../core/discovery';
import { classifyFile } from '../core/fileRole';
import { analyzeSource } from '../core/runner';
import { decodeSource } from '../core/sourceText';
import type { EngineHost, PackageManifest, ProjectInfo, SourceFacts } from '../types';
import { BUILD_TOOLS, NATIVE_MODULES, nativeModulesIn, nativeModulesInLockfile } from './nativeModules';
import { chooseNodeVersion, type BaseImageTable, type NodeChoice, type NodeVersionHint } from './nodeVersion';
import { commandsFor, detectPackageManager, type PackageManagerInfo } from './packageManager';
import { HEALTH_PATH, scaffoldFactsOf, scaffoldProbe } from './probe';
import { detectStartCommand, shellWords } from './startCommand';

/** What the Dockerfile is made from: every field says where it came from. */
export interface DockerStack {
  /** The app's package name, or its folder's name. */
  appName: string;
  /**
   * The build context relative to the folder scaffolded ('' for that folder): a nested package that is not
   * a workspace member (`server/` beside `client/`) is built from its own folder.
   */
  context: string;
  /** The app's folder relative to the build context ('' when the app is the context's root package). */
  app: string;
  node: NodeChoice;
  packageManager: PackageManagerInfo;
  /** npm/yarn/pnpm workspaces: the build context is the workspace root and its lockfile. */
  workspaces?: { packages: string[]; source: string };
  typescript: boolean;
  /** The build step run in the build stage. */
  build?: { command: string; source: string; outDir?: string };
  start: { argv: string[]; source: string; file?: string };
  /** The file that calls `listen`, relative to the workspace root. */
  entry?: string;
  port: { value: number; source: string; fromEnvironment: boolean };
  health?: { path: string; file: string; line: number };
  /** Packages that compile native code on install. */
  nativeModules: string[];
  /** Debian packages for the build stage (compilers, -dev headers). */
  buildPackages: string[];
  /** Debian packages for the runtime stage besides tini (shared libraries of native modules). */
  runtimePackages: string[];
  /** Settings the app reads from its environment, sorted by name. */
  environment: { name: string; secret: boolean; files: string[]; fallback?: string }[];
  /** Paths copied before the install so the dependency layer caches (relative, sorted as in the Dockerfile). */
  manifests: string[];
  /** Lifecycle scripts need the sources during the install: everything is copied first. */
  copySourcesBeforeInstall: boolean;
  /** The root `prepare` script runs a dev tool (husky) that a production install does not have. */
  dropPrepareScript: boolean;
  /** The build stage's commands, for the package manager found. */
  steps: {
    /** Shell commands that get the package manager (`npm install -g pnpm@10`, `corepack enable`). */
    setup: string[];
    /** `NAME=value` for the build stage only. */
    env: string[];
    install: string;
    /** The build, then the pruning of dev dependencies; undefined without a build step. */
    build?: string;
  };
  /** .gitignore patterns turned into .dockerignore lines. */
  ignored: string[];
  notes: string[];
}

export interface DetectOptions {
  /** The app's folder relative to the root, for workspaces with several servers. */
  app?: string;
  exclude?: readonly string[];
  maxFileSizeBytes?: number;
  /** ISO date used for end-of-life notes (tests pin it). */
  today?: string;
}

export class ScaffoldError extends Error {}

interface RawManifest extends Record<string, unknown> {
  name?: unknown;
  scripts?: unknown;
  main?: unknown;
  engines?: unknown;
  volta?: unknown;
  workspaces?: unknown;
  packageManager?: unknown;
  dependencies?: unknown;
  devDependencies?: unknown;
}

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|SIGNING_?KEY|_KEY)$/i;
/** Variables the image sets or the platform provides: not part of the app's configuration list. */
const PROVIDED_VARIABLES = new Set(['NODE_ENV', 'PORT', 'HOME', 'PATH', 'PWD', 'HOSTNAME', 'TZ', 'CI', 'DEBUG', 'npm_package_version', 'npm_package_name', 'npm_lifecycle_event']);
const ENV_TEMPLATES = ['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults'];
const DEFAULT_PORT = 3000;
const MAX_LOCKFILE_BYTES = 32 * 1024 * 1024;

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function join(folder: string, name: string): string {
  return folder ? `${folder}/${name}` : name;
}

/** Strips comments and trailing commas, for tsconfig.json. */
export function parseJsonc(text: string): unknown {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      const end = /"(?:[^"\\]|\\.)*"/y;
      end.lastIndex = index;
      const match = end.exec(text);
      const literal = match ? match[0] : text.slice(index);
      result += literal;
      index += literal.length;
    } else if (text.startsWith('//', index)) {
      const newline = text.indexOf('\n', index);
      index = newline < 0 ? text.length : newline;
    } else if (text.startsWith('/*', index)) {
      const close = text.indexOf('*/', index + 2);
      index = close < 0 ? text.length : close + 2;
    } else {
      result += char;
      index++;
    }
  }
  return JSON.parse(result.replace(/,(\s*[}\]])/g, '$1'));
}

/** `packages/*`, `apps/**`, `!**\/test/**` as a matcher of package folders. */
export function workspaceMatcher(patterns: readonly string[]): (folder: string) => boolean {
  const toRegExp = (glob: string) =>
    new RegExp(
      `^${glob
        .replace(/^\.\//, '')
        .replace(/\/+$/, '')
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\/\.\*/g, '(/.*)?')}$`,
    );
  const positive = patterns.filter((pattern) => !pattern.startsWith('!')).map(toRegExp);
  const negative = patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => toRegExp(pattern.slice(1)));
  return (folder) => positive.some((regexp) => regexp.test(folder)) && !negative.some((regexp) => regexp.test(folder));
}

/** The `packages:` list of pnpm-workspace.yaml (a flat YAML list is all it holds in practice). */
export function pnpmWorkspacePackages(yaml: string): string[] {
  const packages: string[] = [];
  let inside = false;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^packages:\s*$/.test(line)) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    const item = /^\s+-\s*["']?([^"'#]+?)["']?\s*(#.*)?$/.exec(line);
    if (item) packages.push(item[1].trim());
    else if (/^\S/.test(line)) break;
  }
  return packages;
}

/** Keys of a dotenv file. */
export function envFileKeys(text: string): { name: string; value: string }[] {
  const keys: { name: string; value: string }[] = [];
  for (const match of text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*)$/gm)) {
    const raw = match[2].trim();
    const quoted = /^(["'])(.*)\1/.exec(raw);
    keys.push({ name: match[1], value: quoted ? quoted[2] : raw.replace(/\s+#.*$/, '') });
  }
  return keys;
}

/**
 * .gitignore lines as .dockerignore lines: git matches a pattern without an inner slash at any depth,
 * Docker only from the root, so those get `**\/`. Files the image build copies are never ignored.
 */
export function gitignoreToDockerignore(text: string, folder: string, keep: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#') || line.includes('\\')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    line = line.replace(/\/+$/, '');
    if (!line) continue;
    const anchored = line.startsWith('/') || line.slice(0, -1).includes('/');
    line = line.replace(/^\/+/, '');
    if (keep.has(path.posix.basename(line))) continue;
    const pattern = anchored || line.startsWith('**/') ? join(folder, line) : join(folder, `**/${line}`);
    lines.push(`${negated ? '!' : ''}${pattern}`);
  }
  return lines;
}

async function readBytes(host: EngineHost, absolutePath: string, maxBytes: number): Promise<Uint8Array | undefined> {
  try {
    const stat = await host.fs.stat(absolutePath);
    if (stat.kind !== 'file' || stat.size > maxBytes) return undefined;
    return await host.fs.readFile(absolutePath);
  } catch {
    return undefined;
  }
}

async function readText(host: EngineHost, absolutePath: string, maxBytes = 1024 * 1024): Promise<string | undefined> {
  const bytes = await readBytes(host, absolutePath, maxBytes);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

interface FileFacts {
  file: string;
  facts: SourceFacts;
}

/** Reads the workspace and works out everything the Dockerfile needs. */
export async function detectStack(root: string, host: EngineHost, table: BaseImageTable, options: DetectOptions = {}): Promise<DockerStack> {
  const absoluteRoot = path.resolve(root);
  const notes: string[] = [];
  const rootManifestText = await readText(host, path.join(absoluteRoot, 'package.json'));
  if (rootManifestText === undefined) throw new ScaffoldError(`no package.json in ${absoluteRoot}: Cloudward writes Dockerfiles for Node.js apps`);
  let rootRaw: RawManifest;
  try {
    rootRaw = JSON.parse(rootManifestText) as RawManifest;
  } catch (error) {
    throw new ScaffoldError(`package.json is not valid JSON: ${(error as Error).message}`);
  }

  const discovery = await discoverFiles(host.fs, absoluteRoot, { exclude: options.exclude ?? [], signal: host.signal });
  const allFiles = discovery.allFiles;
  const raws = new Map<string, RawManifest>([['', rootRaw]]);
  for (const manifest of discovery.manifests) {
    const folder = path.posix.dirname(manifest) === '.' ? '' : path.posix.dirname(manifest);
    if (folder === '') continue;
    const text = await readText(host, path.join(absoluteRoot, manifest));
    try {
      if (text !== undefined) raws.set(folder, JSON.parse(text) as RawManifest);
    } catch {
      notes.push(`${manifest} is not valid JSON; it was skipped`);
    }
  }
  const packages = new Map<string, PackageManifest>();
  for (const [folder, raw] of raws) {
    packages.set(folder, {
      name: typeof raw.name === 'string' ? raw.name : undefined,
      dependencies: stringRecord(raw.dependencies),
      devDependencies: stringRecord(raw.devDependencies),
      scripts: stringRecord(raw.scripts),
      main: typeof raw.main === 'string' ? raw.main : undefined,
    });
  }
  const project: ProjectInfo = { allFiles, packages };

  // Workspaces: the root's `workspaces`, or pnpm-workspace.yaml.
  let workspaces: DockerStack['workspaces'];
  const declared = Array.isArray(rootRaw.workspaces)
    ? rootRaw.workspaces
    : rootRaw.workspaces && typeof rootRaw.workspaces === 'object' && Array.isArray((rootRaw.workspaces as { packages?: unknown }).packages)
      ? ((rootRaw.workspaces as { packages: unknown[] }).packages)
      : undefined;
  const pnpmWorkspace = allFiles.has('pnpm-workspace.yaml') ? await readText(host, path.join(absoluteRoot, 'pnpm-workspace.yaml')) : undefined;
  const patterns = declared?.filter((entry): entry is string => typeof entry === 'string') ?? (pnpmWorkspace !== undefined ? pnpmWorkspacePackages(pnpmWorkspace) : undefined);
  if (patterns) {
    const matches = workspaceMatcher(patterns);
    workspaces = { packages: [...packages.keys()].filter((folder) => folder !== '' && matches(folder)).sort(), source: declared ? 'package.json workspaces' : 'pnpm-workspace.yaml' };
  }

  // One walk over the runtime sources, with the probe that records ports, env reads and health routes.
  const fileFacts: FileFacts[] = [];
  const maxSize = options.maxFileSizeBytes ?? 2 * 1024 * 1024;
  const probe = async (file: string): Promise<void> => {
    throwIfCancelled(host.signal);
    const bytes = await readBytes(host, path.join(absoluteRoot, file), maxSize);
    if (bytes === undefined) return;
    const decoded = decodeSource(file, bytes, maxSize);
    if (!decoded.ok) return;
    const analysis = analyzeSource({ file, text: decoded.text, role: 'runtime', rules: [scaffoldProbe], project, config: { rules: {}, ignoreCategories: [] } });
    if (!analysis.skipReason) fileFacts.push({ file, facts: analysis.facts });
  };
  for (const file of discovery.sources) if (classifyFile(file) === 'runtime') await probe(file);

  const ownerOf = (file: string): string => {
    let folder = path.posix.dirname(file);
    for (;;) {
      const key = folder === '.' ? '' : folder;
      if (packages.has(key) || key === '') return key;
      folder = path.posix.dirname(folder);
    }
  };
  const listensIn = (facts: SourceFacts) => facts.listens !== undefined || (scaffoldFactsOf(facts)?.listens.length ?? 0) > 0;
  const listening = fileFacts.filter(({ facts }) => listensIn(facts));

  // A nested package outside any workspace (`server/` beside `client/`) is its own build context.
  if (!workspaces) {
    const requested = options.app?.replace(/^\.\/?/, '').replace(/\/+$/, '');
    let nested = requested || undefined;
    if (options.app === undefined) {
      const rootStarts = packages.get('')!.scripts.start !== undefined || listening.some(({ file }) => ownerOf(file) === '');
      const owners = [...new Set(listening.map(({ file }) => ownerOf(file)).filter((folder) => folder !== ''))].sort();
      if (!rootStarts && owners.length > 0) {
        nested = owners.find((folder) => packages.get(folder)?.scripts.start !== undefined) ?? owners[0];
        notes.push(`the server is the package in ${nested}/ (the root package starts nothing): the image is built from that folder`);
        const others = owners.filter((folder) => folder !== nested);
        if (others.length > 0) notes.push(`other packages start servers too (${others.join(', ')}): each needs its own image; pass the app's folder to generate it`);
      }
    }
    if (nested) {
      if (!packages.has(nested)) throw new ScaffoldError(`${options.app ?? nested} has no package.json inside ${absoluteRoot}`);
      const inner = await detectStack(path.join(absoluteRoot, nested), host, table, { ...options, app: undefined });
      return { ...inner, context: inner.context ? join(nested, inner.context) : nested, notes: [...notes, ...inner.notes] };
    }
  }

  // The app: asked for, the root package, or the workspace package that starts a server.
  let app = options.app?.replace(/^\.\/?/, '').replace(/\/+$/, '') ?? '';
  if (options.app !== undefined) {
    if (!packages.has(app)) throw new ScaffoldError(`${options.app} has no package.json inside ${absoluteRoot}`);
  } else if (workspaces) {
    const rootStarts = packages.get('')!.scripts.start !== undefined || listening.some(({ file }) => ownerOf(file) === '');
    const candidates = [...new Set(listening.map(({ file }) => ownerOf(file)).filter((folder) => folder !== ''))].sort();
    if (!rootStarts && candidates.length > 0) {
      const withStart = candidates.filter((folder) => packages.get(folder)?.scripts.start !== undefined);
      app = (withStart[0] ?? candidates[0])!;
      const others = candidates.filter((folder) => folder !== app);
      if (others.length > 0) notes.push(`other workspace packages start servers too (${others.join(', ')}): each needs its own image; pass the app's folder to generate it`);
    }
  }
  const appManifest = packages.get(app)!;
  const appRaw = raws.get(app) ?? {};
  const appName = appManifest.name ?? (app ? path.posix.basename(app) : path.basename(absoluteRoot));
  const inApp = (file: string) => app === '' ? (workspaces ? ownerOf(file) === '' : true) : file === app || file.startsWith(`${app}/`);
  let appFacts = fileFacts.filter(({ file }) => inApp(file));
  const relativeToApp = (file: string) => (app ? file.slice(app.length + 1) : file);

  // Package manager, from the workspace root.
  const yarnrc = allFiles.has('.yarnrc.yml') ? await readText(host, path.join(absoluteRoot, '.yarnrc.yml')) : undefined;
  const lockfileHeads = new Map<string, string | undefined>();
  const lockfileHead = (lockfile: string) => lockfileHeads.get(lockfile);
  for (const lockfile of ['pnpm-lock.yaml', 'yarn.lock']) {
    if (allFiles.has(lockfile)) lockfileHeads.set(lockfile, (await readText(host, path.join(absoluteRoot, lockfile), MAX_LOCKFILE_BYTES))?.slice(0, 4096));
  }
  const manager = detectPackageManager({
    has: (file) => allFiles.has(file),
    packageManagerField: typeof rootRaw.packageManager === 'string' ? rootRaw.packageManager : undefined,
    lockfileHead,
    yarnrc,
  });
  notes.push(...manager.notes);
  const packageManager = manager.info;
  if (packageManager.name === 'yarn' && packageManager.berry && !packageManager.pinned && ![...allFiles].some((file) => file.startsWith('.yarn/releases/'))) {
    notes.push('Yarn 2+ without a packageManager field or .yarn/releases: run `yarn set version stable` (or set packageManager) so the image gets the same Yarn');
  }
  const commands = commandsFor(packageManager, packageManager.lockfile ? lockfileHead(packageManager.lockfile) : undefined);

  // Node version: the app's files, then the workspace root's.
  const hints: NodeVersionHint[] = [];
  for (const folder of app ? [app, ''] : ['']) {
    for (const file of ['.nvmrc', '.node-version']) {
      if (!allFiles.has(join(folder, file))) continue;
      const text = await readText(host, path.join(absoluteRoot, folder, file));
      const value = text?.split(/\r?\n/).map((line) => line.replace(/#.*$/, '').trim()).find(Boolean);
      if (value) hints.push({ source: join(folder, file), value });
    }
    if (allFiles.has(join(folder, '.tool-versions'))) {
      const text = await readText(host, path.join(absoluteRoot, folder, '.tool-versions'));
      const value = /^nodejs\s+(\S+)/m.exec(text ?? '')?.[1];
      if (value) hints.push({ source: join(folder, '.tool-versions'), value });
    }
    const raw = raws.get(folder);
    const volta = raw?.volta && typeof raw.volta === 'object' ? (raw.volta as { node?: unknown }).node : undefined;
    if (typeof volta === 'string') hints.push({ source: `${join(folder, 'package.json')} volta.node`, value: volta });
    const engines = raw?.engines && typeof raw.engines === 'object' ? (raw.engines as { node?: unknown }).node : undefined;
    if (typeof engines === 'string') hints.push({ source: `${join(folder, 'package.json')} engines.node`, value: engines });
  }
  const node = chooseNodeVersion(hints, table, options.today);
  notes.push(...node.notes);

  // TypeScript and the build step.
  const dependencyNames = (folder: string) => {
    const manifest = packages.get(folder);
    return manifest ? [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)] : [];
  };
  const tsconfigPath = [join(app, 'tsconfig.json'), 'tsconfig.json'].find((file) => allFiles.has(file));
  const typescript = tsconfigPath !== undefined && [...dependencyNames(app), ...dependencyNames('')].includes('typescript');
  let outDir: string | undefined;
  let rootDir: string | undefined;
  if (typescript && tsconfigPath) {
    try {
      const config = parseJsonc((await readText(host, path.join(absoluteRoot, tsconfigPath))) ?? '{}') as { compilerOptions?: { outDir?: unknown; rootDir?: unknown } };
      const base = path.posix.dirname(tsconfigPath) === '.' ? '' : path.posix.dirname(tsconfigPath);
      const fromApp = (value: unknown) => (typeof value === 'string' ? path.posix.relative(app || '.', path.posix.normalize(join(base, value.replace(/^\.\//, '')))) : undefined);
      outDir = fromApp(config.compilerOptions?.outDir);
      rootDir = fromApp(config.compilerOptions?.rootDir);
    } catch {
      notes.push(`${tsconfigPath} could not be read; the compiled entry point is guessed`);
    }
  }
  const rootScripts = packages.get('')!.scripts;
  let build: DockerStack['build'];
  if (app && rootScripts.build !== undefined) build = { command: commands.runScript('build'), source: `scripts.build of the workspace root ("${rootScripts.build}")`, outDir };
  else if (appManifest.scripts.build !== undefined) {
    build = { command: app ? commands.runWorkspaceScript('build', app, appManifest.name) : commands.runScript('build'), source: `scripts.build ("${appManifest.scripts.build}")`, outDir };
  } else if (typescript && needsCompiling(appManifest, outDir)) {
    build = { command: `npx tsc -p ${tsconfigPath}`, source: `${tsconfigPath} (no build script)`, outDir };
  }

  // The entry point that listens, the start command and the port.
  let listeningInApp = listening.filter(({ file }) => inApp(file));
  const compiled = (file: string): string | undefined => {
    const withoutExtension = file.replace(/\.([cm]?)tsx?$/, (_, kind: string) => `.${kind}js`);
    if (!outDir) return withoutExtension;
    const base = rootDir ?? (file.startsWith('src/') ? 'src' : '');
    const inside = base && (withoutExtension === base || withoutExtension.startsWith(`${base}/`)) ? withoutExtension.slice(base.length + 1) : withoutExtension;
    return path.posix.join(outDir, inside);
  };
  const sourceOf = (file: string): string => {
    if (!outDir || !(file === outDir || file.startsWith(`${outDir}/`))) return file;
    const inside = file.slice(outDir.length + 1).replace(/\.([cm]?)js$/, (_, kind: string) => `.${kind}ts`);
    return path.posix.join(rootDir ?? (allFiles.has(join(app, `src/${inside}`)) ? 'src' : ''), inside);
  };
  const appEntryGuess = listeningInApp[0] ? relativeToApp(listeningInApp[0].file) : undefined;
  const start = detectStartCommand({
    scripts: appManifest.scripts,
    main: appManifest.main,
    hasFile: (relative) => allFiles.has(join(app, relative)),
    entry: appEntryGuess,
    compiled,
    built: build !== undefined,
  });
  notes.push(...start.notes);

  const normalize = (file: string) => path.posix.normalize(file.replace(/^\.\//, ''));
  const startFile = start.file ? normalize(start.file) : undefined;
  // express-generator's `bin/www` has no extension: the discovery skips it, the probe reads it.
  const startPath = startFile ? join(app, startFile) : undefined;
  if (startPath && !/\.[cm]?[jt]sx?$/.test(startPath) && allFiles.has(startPath) && !fileFacts.some(({ file }) => file === startPath)) {
    await probe(startPath);
    appFacts = fileFacts.filter(({ file }) => inApp(file));
    listeningInApp = appFacts.filter(({ facts }) => listensIn(facts));
  }
  const startCandidates = startFile ? [startFile, sourceOf(startFile), `${startFile}.js`, `${startFile}/index.js`, sourceOf(`${startFile}/index.js`), sourceOf(`${startFile}.js`)] : [];
  const entryFacts =
    listeningInApp.find(({ file }) => startCandidates.includes(relativeToApp(file))) ??
    listeningInApp.find(({ file }) => startFile !== undefined && relativeToApp(file).replace(/\.[cm]?[jt]s$/, '') === startFile.replace(/\.[cm]?[jt]s$/, '')) ??
    listeningInApp[0];
  const entry = entryFacts?.file;
  const port = choosePort(entryFacts, appFacts);

  // Health route: the engine's healthRoute fact where it exists, else the probe's.
  let health: DockerStack['health'];
  const ordered = entryFacts ? [entryFacts, ...appFacts.filter((facts) => facts !== entryFacts)] : appFacts;
  for (const { file, facts } of ordered) {
    const engineFact = facts.healthRoute as { line: number; path: string } | undefined;
    if (engineFact && engineFact.path.startsWith('/') && !/[:*{(]/.test(engineFact.path)) {
      health = { path: engineFact.path, file, line: engineFact.line };
      break;
    }
    const probe = scaffoldFactsOf(facts)?.health;
    if (probe && HEALTH_PATH.test(probe.path)) {
      health = { path: probe.path, file, line: probe.line };
      break;
    }
  }
  if (!health) {
    const library = ordered.map(({ facts }) => facts.healthRoute as { path: string } | undefined).find((fact) => fact && !fact.path.startsWith('/'));
    if (library) notes.push(`${library.path} serves a health route at a path Cloudward cannot see: add a HEALTHCHECK for it`);
  }

  // Native modules: declared by the app, the root and the workspace packages, and those the lockfile installs.
  const declaredNames = [...packages.keys()].filter((folder) => folder === app || folder === '' || workspaces?.packages.includes(folder)).flatMap(dependencyNames);
  const nativeSet = new Set(nativeModulesIn(declaredNames));
  if (packageManager.lockfile) {
    const text = await readText(host, path.join(absoluteRoot, packageManager.lockfile), MAX_LOCKFILE_BYTES);
    if (text) for (const name of nativeModulesInLockfile(packageManager.lockfile, text)) nativeSet.add(name);
  }
  const nativeModules = [...nativeSet].sort();
  const buildPackages = nativeModules.length > 0 ? unique([...BUILD_TOOLS, ...nativeModules.flatMap((name) => NATIVE_MODULES[name].build ?? [])]) : [];
  const runtimePackages = unique(nativeModules.flatMap((name) => NATIVE_MODULES[name].runtime ?? []));

  // Environment: .env.example keys and process.env reads in the app's runtime code.
  const environment = new Map<string, { name: string; secret: boolean; files: string[]; fallback?: string }>();
  const addVariable = (name: string, file: string, fallback?: string) => {
    if (PROVIDED_VARIABLES.has(name) || name.startsWith('npm_')) return;
    const entry = environment.get(name) ?? { name, secret: SECRET_NAME.test(name), files: [] };
    if (!entry.files.includes(file)) entry.files.push(file);
    if (entry.fallback === undefined && fallback !== undefined && fallback !== '' && !entry.secret) entry.fallback = fallback;
    environment.set(name, entry);
  };
  for (const folder of app ? [app, ''] : ['']) {
    for (const template of ENV_TEMPLATES) {
      const file = join(folder, template);
      if (!allFiles.has(file)) continue;
      for (const { name, value } of envFileKeys((await readText(host, path.join(absoluteRoot, file))) ?? '')) addVariable(name, file, value);
    }
  }
  for (const { file, facts } of appFacts) {
    for (const read of scaffoldFactsOf(facts)?.environment ?? []) addVariable(read.name, file, read.fallback);
  }

  // What the install needs before the sources are copied.
  const rootManifest = packages.get('')!;
  const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'].flatMap((script) => [rootManifest.scripts[script], app ? appManifest.scripts[script] : undefined]).filter((script): script is string => script !== undefined);
  const prepare = rootManifest.scripts.prepare;
  const devTools = new Set([...Object.keys(rootManifest.devDependencies), 'husky', 'is-ci']);
  const dropPrepareScript = prepare !== undefined && devTools.has(stripPrefixWords(prepare)) && commands.runsPrepareOnProductionInstall;
  const copySourcesBeforeInstall = lifecycle.some((script) => (script === prepare && dropPrepareScript ? false : referencesLocalFile(script)));
  if (copySourcesBeforeInstall) notes.push('an install script runs a file of the project: the image copies the sources before installing, so the dependency layer is not cached');
  const manifests = manifestPaths(allFiles, packageManager, workspaces?.packages ?? (app ? [app] : []));

  // .gitignore lines (local data, uploads, logs) go to .dockerignore.
  const keep = new Set(manifests.map((file) => path.posix.basename(file)).concat(['package.json', '.npmrc', '.yarnrc.yml', '.yarnrc', 'pnpm-workspace.yaml']));
  const ignored: string[] = [];
  for (const folder of app ? ['', app] : ['']) {
    const file = join(folder, '.gitignore');
    if (!allFiles.has(file)) continue;
    for (const line of gitignoreToDockerignore((await readText(host, path.join(absoluteRoot, file))) ?? '', folder, keep)) if (!ignored.includes(line)) ignored.push(line);
  }

  if (entry === undefined) notes.push('no file calls listen: the port is a default; check EXPOSE');
  const guard = dropPrepareScript ? 'npm pkg delete scripts.prepare \\\n    && ' : '';
  let setup = commands.setup;
  if (setup.includes('corepack enable') && node.major >= 25) {
    notes.push(`Node.js ${node.major} no longer ships corepack: install Yarn ${packageManager.pinned ?? ''} in the build stage another way`);
    setup = [];
  }
  const steps: DockerStack['steps'] = {
    setup,
    env: commands.env,
    install: build ? commands.installAll : `${guard}${commands.installProduction}`,
    // `npm prune` runs no lifecycle script; yarn and pnpm reinstall, which runs `prepare` again.
    build: build ? `${build.command} \\\n    && ${packageManager.name === 'npm' ? '' : guard}${commands.prune}` : undefined,
  };
  return {
    appName,
    context: '',
    app,
    node,
    packageManager,
    workspaces,
    typescript,
    build,
    start: { argv: start.argv, source: start.source, file: start.file },
    entry,
    port,
    health,
    nativeModules,
    buildPackages,
    runtimePackages,
    environment: [...environment.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    manifests,
    copySourcesBeforeInstall,
    dropPrepareScript,
    steps,
    ignored,
    notes,
  };

  function needsCompiling(manifest: PackageManifest, outputFolder: string | undefined): boolean {
    const start = manifest.scripts.start ?? '';
    if (/\b(ts-node|tsx|ts-node-dev|tsnd)\b/.test(start)) return true;
    const main = manifest.main ?? '';
    return outputFolder !== undefined && (main.startsWith(`${outputFolder}/`) || start.includes(`${outputFolder}/`));
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function stripPrefixWords(script: string): string {
  const words = shellWords(script.split(/&&|\|\||;/)[0] ?? '');
  while (words[0] && (/^[A-Za-z_]\w*=/.test(words[0]) || words[0] === 'npx')) words.shift();
  return words[0] ?? '';
}

/** `node scripts/postinstall.js`, `./setup.sh`, `bower install` (bower.json): the install needs the sources. */
function referencesLocalFile(script: string): boolean {
  return shellWords(script).some((word) => /^\.{0,2}\//.test(word) || (/\.(c|m)?js$|\.ts$|\.sh$/.test(word) && !word.startsWith('-'))) || /\bbower\b/.test(script);
}

function choosePort(entry: FileFacts | undefined, appFacts: FileFacts[]): DockerStack['port'] {
  const listens = entry ? (scaffoldFactsOf(entry.facts)?.listens ?? []) : [];
  const where = (line: number) => `${entry!.file}:${line}`;
  const literal = listens.find((listen) => listen.port !== undefined && listen.env === undefined);
  if (literal) return { value: literal.port!, source: `${where(literal.line)} listens on ${literal.port}, fixed in code`, fromEnvironment: false };
  const fromEnv = listens.find((listen) => listen.env !== undefined && listen.port !== undefined);
  if (fromEnv) return { value: fromEnv.port!, source: `${where(fromEnv.line)} reads ${fromEnv.env} (default ${fromEnv.port})`, fromEnvironment: true };
  const facts = [entry, ...appFacts].filter((candidate): candidate is FileFacts => candidate !== undefined).map((candidate) => ({ file: candidate.file, probe: scaffoldFactsOf(candidate.facts) }));
  const fallback = facts.find(({ probe }) => probe?.portFallback !== undefined);
  if (fallback) return { value: fallback.probe!.portFallback!, source: `${fallback.file} reads PORT (default ${fallback.probe!.portFallback})`, fromEnvironment: true };
  const envOnly = listens.find((listen) => listen.env !== undefined);
  if (envOnly) return { value: DEFAULT_PORT, source: `${where(envOnly.line)} reads ${envOnly.env}; ${DEFAULT_PORT} is set as its value`, fromEnvironment: envOnly.env === 'PORT' };
  return { value: DEFAULT_PORT, source: entry ? `the port ${entry.file} listens on is not visible in the code; ${DEFAULT_PORT} is a default` : `no listen call found; ${DEFAULT_PORT} is a default`, fromEnvironment: false };
}

/** Files the install needs, copied before the sources so the dependency layer is cached. */
function manifestPaths(allFiles: ReadonlySet<string>, manager: PackageManagerInfo, workspacePackages: readonly string[]): string[] {
  const files = ['package.json'];
  if (manager.lockfile) files.push(manager.lockfile);
  for (const file of ['.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', '.pnpmfile.cjs']) if (allFiles.has(file)) files.push(file);
  for (const folder of ['.yarn/releases', '.yarn/plugins', '.yarn/patches', 'patches']) if ([...allFiles].some((file) => file.startsWith(`${folder}/`))) files.push(`${folder}/`);
  for (const folder of workspacePackages) if (allFiles.has(`${folder}/package.json`)) files.push(`${folder}/package.json`);
  return files;
}
