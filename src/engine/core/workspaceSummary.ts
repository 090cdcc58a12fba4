import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { CONNECTION_STRING, maskCredentials } from '../assess/catalogue';
import type { CloudwardConfig, ConfigFileSummary, EngineHost, Finding, ProjectInfo, WorkspaceFileInfo, WorkspacePackage, WorkspaceSummary } from '../types';
import { classifyFile } from './fileRole';
import { decodeSource } from './sourceText';

/** Config-like files are small; anything larger is not read for the inventory. */
const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_CONFIG_FILES = 200;

const NODE_VERSION_FILE = /(^|\/)\.(nvmrc|node-version)$/;
const DOCKERFILE = /(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile|Containerfile)$/;
const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/;
const ENV_FILE = /(^|\/)\.env(\.[\w.-]+)?$/;
const CONFIG_FILE = /(^|\/)(config|configs|settings)\/[^/]+\.(json|ya?ml|toml|ini)$|(^|\/)(config|settings|appsettings|ormconfig|database|db)(\.[\w-]+)?\.(json|ya?ml|toml|ini)$/i;

function kindOf(file: string): ConfigFileSummary['kind'] | undefined {
  if (NODE_VERSION_FILE.test(file)) return 'node-version';
  if (DOCKERFILE.test(file)) return 'dockerfile';
  if (COMPOSE_FILE.test(file)) return 'compose';
  if (ENV_FILE.test(file)) return 'env';
  if (CONFIG_FILE.test(file) && !file.endsWith('package.json') && !/(^|\/)(tsconfig|jsconfig)[\w.-]*\.json$/.test(file)) return 'config';
  return undefined;
}

export interface SummaryInput {
  host: EngineHost;
  root: string;
  project: ProjectInfo;
  files: readonly WorkspaceFileInfo[];
  sourceTexts: ReadonlyMap<string, string>;
  findings: Finding[];
  config: CloudwardConfig;
}

/**
 * After the analysis: what the assessment needs beyond the findings (manifests, facts, config files), and a
 * fingerprint on every finding. Reads only package manifests and small config-like files.
 */
export async function summarizeWorkspace(input: SummaryInput): Promise<WorkspaceSummary> {
  const { host, root, project } = input;
  const packages: WorkspacePackage[] = [];
  for (const [folder, manifest] of [...project.packages].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const raw = await readJson(host, path.join(root, folder, 'package.json'));
    const engines = raw?.engines as Record<string, unknown> | undefined;
    packages.push({
      folder,
      name: manifest.name,
      version: typeof raw?.version === 'string' ? raw.version : undefined,
      main: manifest.main,
      startScript: manifest.scripts.start,
      nodeEngine: engines && typeof engines.node === 'string' ? engines.node : undefined,
      dependencies: manifest.dependencies,
      devDependencies: manifest.devDependencies,
    });
  }

  // Config texts read here; source texts are looked up in the scan's (not copied: those of files the cache
  // answered are decoded only when a finding is in them).
  const configTexts = new Map<string, string>();
  const configFiles: ConfigFileSummary[] = [];
  for (const file of [...project.allFiles].sort()) {
    if (configFiles.length >= MAX_CONFIG_FILES) break;
    const kind = kindOf(file);
    if (!kind || classifyFile(file) !== 'runtime') continue;
    const text = await readText(host, root, file);
    if (text === undefined) continue;
    configTexts.set(file, text);
    configFiles.push(summarizeConfigFile(file, kind, text));
  }

  const textOf = (file: string) => configTexts.get(file) ?? input.sourceTexts.get(file);
  await fingerprintFindings(input.findings, textOf, async (file) => (project.allFiles.has(file) ? readText(host, root, file) : undefined));
  return { packages, files: input.files.filter((info) => Object.keys(info.facts).length > 0), configFiles, strategyOverride: input.config.strategy };
}

export function summarizeConfigFile(file: string, kind: ConfigFileSummary['kind'], text: string): ConfigFileSummary {
  const summary: ConfigFileSummary = { file, kind, urls: [] };
  const lines = text.split(/\r\n|\r|\n/);
  if (kind === 'node-version') {
    const version = lines.map((line) => line.trim()).find((line) => line && !line.startsWith('#'));
    if (version) summary.nodeVersion = version.replace(/^v/, '');
    return summary;
  }
  const names: string[] = [];
  lines.forEach((line, index) => {
    if (kind === 'dockerfile') {
      const from = /^\s*FROM\s+(?:--platform=\S+\s+)?(?:[\w.-]+(?::\d+)?\/)*node(?::([\w.-]+))?(?:@\S+)?(\s|$)/i.exec(line);
      if (from && summary.nodeVersion === undefined) summary.nodeVersion = from[1] ?? 'latest';
      return;
    }
    if (kind === 'env') {
      const variable = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
      if (variable && !names.includes(variable[1])) names.push(variable[1]);
    }
    if (kind === 'compose') {
      const image = /^\s*image:\s*["']?([^"'\s#]+)/.exec(line);
      if (image && !names.includes(image[1])) names.push(image[1]);
    }
    for (const match of line.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s"'`,;<>)]+/gi)) {
      if (!CONNECTION_STRING.test(match[0])) continue;
      summary.urls.push({
        value: maskCredentials(match[0]),
        scheme: match[0].slice(0, match[0].indexOf(':')).toLowerCase(),
        line: index + 1,
        column: (match.index ?? 0) + 1,
        // A value in a .env file (or interpolated from one in compose) reaches the app through the environment.
        fromEnvironment: kind === 'env' || (kind === 'compose' && /^\s*-?\s*[A-Z_][A-Z0-9_]*\s*[:=]/.test(line)),
      });
    }
  });
  if (names.length > 0) summary.names = names;
  return summary;
}

/** `a  =  b;` and `a = b;` are the same line; comments and blank runs are not part of a line's identity. */
export function normalizeLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Sets `fingerprint` on each finding: a hash of the rule id, the file, the finding's source line as text
 * (whitespace-normalised, not its number) and the occurrence index among equal triples. Unrelated edits
 * that move the line keep it; editing the line itself or renaming the file changes it.
 */
export async function fingerprintFindings(findings: Finding[], textOf: (file: string) => string | undefined, read: (file: string) => Promise<string | undefined>): Promise<void> {
  const lineCache = new Map<string, string[]>();
  const seen = new Map<string, number>();
  for (const finding of findings) {
    let lines = lineCache.get(finding.file);
    if (!lines) {
      const text = textOf(finding.file) ?? (await read(finding.file));
      lines = (text ?? '').split(/\r\n|\r|\n/);
      lineCache.set(finding.file, lines);
    }
    finding.fingerprint = fingerprintOf(finding.ruleId, finding.file, lines[finding.line - 1] ?? '', seen);
  }
}

export function fingerprintOf(ruleId: string, file: string, lineText: string, seen: Map<string, number>): string {
  const identity = `${ruleId}\u0000${file}\u0000${normalizeLine(lineText)}`;
  const occurrence = seen.get(identity) ?? 0;
  seen.set(identity, occurrence + 1);
  return createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex').slice(0, 32);
}

async function readText(host: EngineHost, root: string, file: string): Promise<string | undefined> {
  try {
    const absolute = path.join(root, file);
    const stat = await host.fs.stat(absolute);
    if (stat.size > MAX_CONFIG_BYTES) return undefined;
    const decoded = decodeSource(file, await host.fs.readFile(absolute), MAX_CONFIG_BYTES);
    return decoded.ok ? decoded.text : undefined;
  } catch {
    return undefined;
  }
}

async function readJson(host: EngineHost, absolute: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value = JSON.parse(new TextDecoder().decode(await host.fs.readFile(absolute))) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
