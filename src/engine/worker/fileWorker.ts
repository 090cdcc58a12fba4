import * as path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { resultCacheKey } from '../cache/resultCache';
import { analyzeToOutcome, sourceRulesOf, type FileAnalysisSetup, type FileOutcome } from '../core/fileOutcome';
import { describeReadError, readBoundedFromDisk } from '../core/readSource';
import { decodeSource } from '../core/sourceText';
import { allRules } from '../rules';
import type { FileRole, RuleModule } from '../types';
import type { FileWorkerControl, FileWorkerMessage, FileWorkerSetup, SharedFiles, TakenFile } from './protocol';

export function isFileWorkerSetup(data: unknown): data is FileWorkerSetup {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'file-analysis';
}

/**
 * The ids of `rules` when every one is the built-in rule of that id, in order; undefined otherwise (a caller's
 * own rule objects cannot be sent to a worker thread, so such a scan stays on its own thread).
 */
export function builtinRuleIds(rules: readonly RuleModule[]): string[] | undefined {
  const byId = new Map(allRules.map((rule) => [rule.meta.id, rule]));
  return rules.every((rule) => byId.get(rule.meta.id) === rule) ? rules.map((rule) => rule.meta.id) : undefined;
}

function analysisSetup(setup: FileWorkerSetup): FileAnalysisSetup {
  const byId = new Map(allRules.map((rule) => [rule.meta.id, rule]));
  return {
    rules: sourceRulesOf(setup.ruleIds.map((id) => byId.get(id)).filter((rule): rule is RuleModule => rule !== undefined)),
    project: setup.project,
    config: setup.config,
  };
}

/** Analyses the files the pool sends, one at a time, or takes a scan's files itself, with the rules and project of the current scan. */
export function runFileWorker(port: MessagePort, setup: FileWorkerSetup): void {
  let analysis = analysisSetup(setup);
  let maxFileSize = setup.config.maxFileSizeBytes;
  const post = (message: FileWorkerMessage) => port.postMessage(message);
  port.on('message', (task: FileWorkerControl) => {
    if (task.type === 'setup') {
      analysis = analysisSetup(task.setup);
      maxFileSize = task.setup.config.maxFileSizeBytes;
    } else if (task.type === 'take') takeFiles(task, analysis, maxFileSize, post);
    else post({ type: 'outcome', id: task.id, outcome: analyzeSafely(task.file, task.text, task.role, analysis) });
  });
  post({ type: 'ready' });
}

/**
 * Takes files until none is left. Synchronous on purpose: nothing else this worker is sent (a file of its own, the
 * next scan's setup) may start in between, and the time limit reads `working` as the file it is on.
 */
function takeFiles(shared: SharedFiles, analysis: FileAnalysisSetup, maxFileSize: number, post: (message: FileWorkerMessage) => void): void {
  const next = new Int32Array(shared.next);
  const working = new Int32Array(shared.working);
  const cachedKeys = shared.cachedKeys && new Set(shared.cachedKeys);
  for (let index = Atomics.add(next, 0, 1); index < shared.files.length; index = Atomics.add(next, 0, 1)) {
    Atomics.store(working, shared.slot, index + 1);
    post({ type: 'taken', run: shared.run, index, taken: takeFile(shared.root, shared.files[index], shared.roles[index], { analysis, maxFileSize, cachedKeys }) });
  }
  Atomics.store(working, shared.slot, 0);
}

/** What the scanning thread does with a file it takes (analyzeWorkspace), from reading it to its outcome. */
function takeFile(
  root: string,
  file: string,
  role: FileRole,
  { analysis, maxFileSize, cachedKeys }: { analysis: FileAnalysisSetup; maxFileSize: number; cachedKeys: Set<string> | undefined },
): TakenFile {
  if (role === 'declaration') return { outcome: analyzeSafely(file, '', role, analysis) };
  const bytes = readBoundedFromDisk(path.join(root, file), maxFileSize);
  if ('error' in bytes) return { outcome: { skipReason: describeReadError(bytes.error, maxFileSize) } };
  const cacheKey = cachedKeys && resultCacheKey(file, bytes);
  if (cacheKey !== undefined && cachedKeys!.has(cacheKey)) return { cachedKey: cacheKey, bytes };
  const decoded = decodeSource(file, bytes, maxFileSize);
  if (!decoded.ok) return { outcome: { skipReason: decoded.reason } };
  return { outcome: analyzeSafely(file, decoded.text, role, analysis), bytes, cacheKey };
}

function analyzeSafely(file: string, text: string, role: FileRole, analysis: FileAnalysisSetup): FileOutcome {
  try {
    return analyzeToOutcome(file, text, role, analysis);
  } catch (error) {
    return { skipReason: `analysis failed: ${(error as Error).message ?? String(error)}` };
  }
}
