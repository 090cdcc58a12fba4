import type { MessagePort } from 'node:worker_threads';
import { analyzeToOutcome, sourceRulesOf, type FileAnalysisSetup, type FileOutcome } from '../core/fileOutcome';
import { allRules } from '../rules';
import type { RuleModule } from '../types';
import type { FileWorkerControl, FileWorkerMessage, FileWorkerSetup } from './protocol';

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

/** Analyses the files the pool sends, one at a time, with the rules and project of the current scan. */
export function runFileWorker(port: MessagePort, setup: FileWorkerSetup): void {
  let analysis = analysisSetup(setup);
  const post = (message: FileWorkerMessage) => port.postMessage(message);
  port.on('message', (task: FileWorkerControl) => {
    if (task.type === 'setup') {
      analysis = analysisSetup(task.setup);
      return;
    }
    let outcome: FileOutcome;
    try {
      outcome = analyzeToOutcome(task.file, task.text, task.role, analysis);
    } catch (error) {
      outcome = { skipReason: `analysis failed: ${(error as Error).message ?? String(error)}` };
    }
    post({ type: 'outcome', id: task.id, outcome });
  });
  post({ type: 'ready' });
}
