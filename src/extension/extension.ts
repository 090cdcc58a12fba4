import * as vscode from 'vscode';
import { CloudwardCodeActionProvider } from './codeActions/provider';
import { registerCommands } from './commands';
import { AnalysisController, ANALYSED_LANGUAGES } from './diagnostics/analysisController';
import { FindingStore } from './diagnostics/findingStore';
import { GraphPanel } from './graphPanel/graphPanel';
import { ScanCancelledError, WorkspaceScanner } from './diagnostics/workspaceScanner';
import { loadEngine } from './host/engineLoader';
import { readExtensionSettings } from './host/settings';
import { createStatusBar } from './statusBar';

/** Rule ids of single-file rules; the rest come only from workspace scans. Filled when the engine loads. */
const sourceRuleIds = new Set<string>();

export function activate(context: vscode.ExtensionContext): { activationMs: number } {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Cloudward');
  const engine = () =>
    loadEngine(context.extensionPath).then((module) => {
      if (sourceRuleIds.size === 0) for (const rule of module.allRules) if (rule.kind === 'source') sourceRuleIds.add(rule.meta.id);
      return module;
    });
  const store = new FindingStore(context.extensionUri, (ruleId) => sourceRuleIds.has(ruleId));
  const scanner = new WorkspaceScanner(context.extensionPath, context.storageUri?.fsPath);
  const controller = new AnalysisController(engine, store, scanner, (line) => output.appendLine(line));
  const services = { output, controller, engine, extensionUri: context.extensionUri };
  context.subscriptions.push(
    output,
    store,
    { dispose: () => scanner.dispose() },
    controller,
    ...registerCommands(services),
    GraphPanel.registerSerializer(services),
    vscode.languages.registerCodeActionsProvider(
      [...ANALYSED_LANGUAGES].flatMap((language) => [{ language, scheme: 'file' }, { language, scheme: 'untitled' }]),
      new CloudwardCodeActionProvider(store, (document) => controller.reanalyzeNow(document)),
      { providedCodeActionKinds: CloudwardCodeActionProvider.kinds },
    ),
    createStatusBar(store, controller),
  );
  controller.start();
  if (readExtensionSettings().scanOnStartup) {
    // After activation returns: the scan runs in a worker and must never delay the editor's start.
    setTimeout(() => {
      controller.scanWorkspace().catch((error: unknown) => {
        if (!(error instanceof ScanCancelledError)) output.appendLine(`Startup scan failed: ${(error as Error).message}`);
      });
    }, 0);
  }
  const activationMs = performance.now() - started;
  output.appendLine(`Cloudward activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
