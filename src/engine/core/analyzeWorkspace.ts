import * as path from 'node:path';
import type {
  AnalysisResult,
  CloudwardConfig,
  EngineHost,
  Finding,
  PackageManifest,
  ProjectInfo,
  RuleModule,
  SkippedFile,
  SourceRule,
  TextRule,
  WorkspaceFileInfo,
} from '../types';
import { throwIfCancelled } from './cancellation';
import { describeError, discoverFiles } from './discovery';
import { classifyFile } from './fileRole';
import { LineIndex } from './lineIndex';
import { analyzeSource, effectiveSeverity, toFinding } from './runner';
import { decodeSource, tooLargeReason } from './sourceText';
import type { Suppressions } from './suppressions';
import { summarizeWorkspace } from './workspaceSummary';
import { CONFIG_MODULE_FILE } from '../fixes/configModule';
import { stampEditBases } from '../fixes/editBasis';

export interface WorkspaceOptions {
  config: CloudwardConfig;
  rules: readonly RuleModule[];
}

/** Files read ahead of the one being parsed, so parsing never waits on the disk. */
const READ_AHEAD = 8;

export async function analyzeWorkspace(root: string, host: EngineHost, options: WorkspaceOptions): Promise<AnalysisResult> {
  const started = performance.now();
  const absoluteRoot = path.resolve(root);
  host.onProgress?.({ phase: 'discover', done: 0, total: 0 });
  const discovery = await discoverFiles(host.fs, absoluteRoot, { include: options.config.include, exclude: options.config.exclude, signal: host.signal });
  const skipped: SkippedFile[] = [...discovery.skipped];
  const project = await readProject(host, absoluteRoot, discovery.manifests, discovery.allFiles, skipped);

  const sourceRules = [...options.rules.filter((rule): rule is SourceRule => rule.kind === 'source'), ...factCollectors(options.rules)];
  const findings: Finding[] = [];
  const fileInfos: WorkspaceFileInfo[] = [];
  const sourceTexts = new Map<string, string>();
  const suppressionsByFile = new Map<string, Suppressions>();
  let parsed = 0;
  const total = discovery.sources.length;
  const reads = new Map<number, Promise<Uint8Array | { error: unknown }>>();
  const startRead = (index: number) => {
    if (index < total && !reads.has(index)) reads.set(index, readBounded(host, path.join(absoluteRoot, discovery.sources[index]), options.config.maxFileSizeBytes));
  };

  for (let index = 0; index < total; index++) {
    throwIfCancelled(host.signal);
    for (let ahead = index; ahead < index + READ_AHEAD; ahead++) startRead(ahead);
    const file = discovery.sources[index];
    host.onProgress?.({ phase: 'analyze', done: index, total, file });
    const bytes = await reads.get(index)!;
    reads.delete(index);
    if ('error' in bytes) {
      skipped.push({ file, reason: describeReadError(bytes.error, options.config.maxFileSizeBytes) });
      continue;
    }
    const decoded = decodeSource(file, bytes, options.config.maxFileSizeBytes);
    if (!decoded.ok) {
      skipped.push({ file, reason: decoded.reason });
      continue;
    }
    const analysis = analyzeSource({ file, text: decoded.text, role: classifyFile(file), rules: sourceRules, project, config: options.config });
    if (analysis.skipReason) {
      skipped.push({ file, reason: analysis.skipReason });
      continue;
    }
    parsed++;
    for (const failure of analysis.ruleFailures) skipped.push({ file, reason: `partially analysed: ${failure}` });
    findings.push(...analysis.findings);
    fileInfos.push({ file, facts: analysis.facts });
    sourceTexts.set(file, decoded.text);
    if (analysis.suppressions) suppressionsByFile.set(file, analysis.suppressions);
  }
  throwIfCancelled(host.signal);

  findings.push(...(await runTextRules(host, absoluteRoot, options, project, skipped)));
  findings.push(...runWorkspaceRules(options, project, fileInfos, sourceTexts, suppressionsByFile));
  findings.sort(compareFindings);
  stampEditBases(findings, project);
  skipped.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const workspace = await summarizeWorkspace({ host, root: absoluteRoot, project, files: fileInfos, sourceTexts, findings, config: options.config });
  host.onProgress?.({ phase: 'done', done: total, total });
  return { root: absoluteRoot, files: total, parsed, skipped, durationMs: Math.round(performance.now() - started), findings, workspace };
}

/** Workspace rules that record facts during the walk take part in it as source rules that never report. */
function factCollectors(rules: readonly RuleModule[]): SourceRule[] {
  return rules.flatMap((rule) => (rule.kind === 'workspace' && rule.collect ? [{ kind: 'source' as const, meta: rule.meta, create: rule.collect.bind(rule) }] : []));
}

function runWorkspaceRules(
  options: WorkspaceOptions,
  project: ProjectInfo,
  files: WorkspaceFileInfo[],
  sourceTexts: Map<string, string>,
  suppressionsByFile: Map<string, Suppressions>,
): Finding[] {
  const findings: Finding[] = [];
  for (const rule of options.rules) {
    if (rule.kind !== 'workspace') continue;
    const severity = effectiveSeverity(rule.meta, options.config);
    if (!severity) continue;
    rule.check({
      project,
      files,
      report: ({ file, range = [0, 0], ...descriptor }) => {
        const finding = toFinding(rule.meta, severity, { ...descriptor, range }, file, new LineIndex(sourceTexts.get(file) ?? ''));
        if (!suppressionsByFile.get(file)?.isSuppressed(rule.meta.id, finding.line)) findings.push(finding);
      },
    });
  }
  return findings;
}

/** Text and config files are read only when an enabled text rule asks for them. */
async function runTextRules(host: EngineHost, root: string, options: WorkspaceOptions, project: ProjectInfo, skipped: SkippedFile[]): Promise<Finding[]> {
  const rules = options.rules.filter((rule): rule is TextRule => rule.kind === 'text' && effectiveSeverity(rule.meta, options.config) !== undefined);
  const findings: Finding[] = [];
  if (rules.length === 0) return findings;
  for (const file of [...project.allFiles].sort()) {
    const role = classifyFile(file);
    const matching = rules.filter((rule) => rule.files.test(file) && (rule.meta.roles ?? ['runtime']).includes(role));
    if (matching.length === 0) continue;
    throwIfCancelled(host.signal);
    const bytes = await readBounded(host, path.join(root, file), options.config.maxFileSizeBytes);
    const decoded = 'error' in bytes ? { ok: false as const, reason: describeReadError(bytes.error, options.config.maxFileSizeBytes) } : decodeSource(file, bytes, options.config.maxFileSizeBytes);
    if (!decoded.ok) {
      skipped.push({ file, reason: decoded.reason });
      continue;
    }
    const lines = new LineIndex(decoded.text);
    for (const rule of matching) {
      const severity = effectiveSeverity(rule.meta, options.config)!;
      try {
        rule.check({
          file,
          role,
          text: decoded.text,
          project,
          report: (descriptor) => findings.push(toFinding(rule.meta, severity, descriptor, file, lines)),
        });
      } catch (error) {
        skipped.push({ file, reason: `partially analysed: rule ${rule.meta.id} failed: ${(error as Error).message ?? String(error)}` });
      }
    }
  }
  return findings;
}

async function readBounded(host: EngineHost, absolutePath: string, maxSize: number): Promise<Uint8Array | { error: unknown }> {
  try {
    const stat = await host.fs.stat(absolutePath);
    if (stat.size > maxSize) return { error: { tooLarge: stat.size } };
    return await host.fs.readFile(absolutePath);
  } catch (error) {
    return { error };
  }
}

function describeReadError(error: unknown, maxSize: number): string {
  const tooLarge = (error as { tooLarge?: number }).tooLarge;
  if (tooLarge !== undefined) {
    return tooLargeReason(tooLarge, maxSize);
  }
  return `not readable: ${describeError(error)}`;
}

/**
 * Config files fixes edit, read once so a fix can compute exact offsets in them, and container files,
 * which rules read to see what the image already installs (a host binary the code runs).
 */
const EDITED_CONFIG_FILE = /(^|\/)\.env\.example$|(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile|Containerfile)$/;
const MAX_CONFIG_TEXT = 256 * 1024;

/**
 * What fixes and project-aware rules need to know about the workspace (file names, manifests, the texts of the
 * config files fixes edit), without analysing any source: for analysing single files (an editor buffer).
 */
export async function readProjectInfo(root: string, host: EngineHost, config: CloudwardConfig): Promise<ProjectInfo> {
  const absoluteRoot = path.resolve(root);
  const discovery = await discoverFiles(host.fs, absoluteRoot, { include: config.include, exclude: config.exclude, signal: host.signal });
  return readProject(host, absoluteRoot, discovery.manifests, discovery.allFiles, []);
}

async function readProject(host: EngineHost, root: string, manifests: string[], allFiles: Set<string>, skipped: SkippedFile[]): Promise<ProjectInfo> {
  const packages = new Map<string, PackageManifest>();
  const configTexts = new Map<string, string>();
  for (const manifest of manifests) {
    try {
      const text = new TextDecoder().decode(await host.fs.readFile(path.join(root, manifest)));
      configTexts.set(manifest, text);
      const raw = JSON.parse(text) as Record<string, unknown>;
      packages.set(path.posix.dirname(manifest) === '.' ? '' : path.posix.dirname(manifest), {
        name: typeof raw.name === 'string' ? raw.name : undefined,
        dependencies: stringRecord(raw.dependencies),
        devDependencies: stringRecord(raw.devDependencies),
        scripts: stringRecord(raw.scripts),
        main: typeof raw.main === 'string' ? raw.main : undefined,
      });
    } catch (error) {
      skipped.push({ file: manifest, reason: error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `not readable: ${describeError(error)}` });
    }
  }
  for (const file of allFiles) {
    // A config module (config/index.js, src/env.ts) is read too: an externalize fix adds its key there.
    if (!EDITED_CONFIG_FILE.test(file) && !CONFIG_MODULE_FILE.test(file)) continue;
    const bytes = await readBounded(host, path.join(root, file), MAX_CONFIG_TEXT);
    if (!('error' in bytes)) configTexts.set(file, new TextDecoder().decode(bytes));
  }
  return { allFiles, packages, configTexts };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
