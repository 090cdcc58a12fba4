import * as vscode from 'vscode';
import type { AnalysisController } from './diagnostics/analysisController';
import type { FindingStore } from './diagnostics/findingStore';

/** Blocker count at a glance; a click opens the assessment. */
export function createStatusBar(store: FindingStore, controller: AnalysisController): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('cloudward.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Cloudward';
  item.command = 'cloudward.assessWorkspace';
  const showCounts = () => {
    const { total, errors, warnings } = store.counts();
    item.text = `$(cloud) ${total}`;
    item.tooltip = total === 0 ? 'Cloudward: no cloud blockers found. Click to assess the workspace.' : `Cloudward: ${total} cloud blockers (${errors} errors, ${warnings} warnings). Click to assess the workspace.`;
    item.accessibilityInformation = { label: item.tooltip };
  };
  showCounts();
  item.show();
  const subscriptions = [
    store.onDidChange(showCounts),
    controller.onScanProgress((progress) => {
      if (!progress) return showCounts();
      item.text = `$(sync~spin) ${progress.done}/${progress.total}`;
      item.tooltip = 'Cloudward: scanning the workspace';
    }),
  ];
  return vscode.Disposable.from(item, ...subscriptions);
}
