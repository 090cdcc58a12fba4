import * as vscode from 'vscode';
import { ScanCancelledError } from '../diagnostics/workspaceScanner';
import type { ScanReport } from '../diagnostics/analysisController';
import type { CommandServices } from './services';
import { AssessmentPanel } from '../assessmentPanel';

export interface AssessmentSummary {
  folder: string;
  files: number;
  parsed: number;
  skipped: number;
  findings: number;
  bySeverity: Record<string, number>;
  byCategory: Record<string, number>;
}

/**
 * Scans the workspace with a cancellable progress notification, prints the report in the Cloudward
 * output, and returns a summary per folder (undefined when cancelled or nothing could be scanned).
 */
export async function assessWorkspace(services: CommandServices, { reveal = true } = {}): Promise<AssessmentSummary[] | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Cloudward: open a folder on disk to assess it.');
    return undefined;
  }
  const reports = await scanWithProgress(services, 'Cloudward: assessing the workspace');
  if (!reports) return undefined;
  const engine = await services.engine();
  const format = engine.formatterFor('text')!;
  services.output.clear();
  for (const { folder, result } of reports) services.output.append(format(result, { name: 'Cloudward', version: '' }, folder.name));
  const version = vscode.extensions.getExtension('cloudward.cloudward')?.packageJSON?.version ?? '';
  if (reveal && reports[0]) AssessmentPanel.show(services.extensionUri, engine, reports[0].folder, reports[0].result, version);
  const summaries = reports.map(({ folder, result }) => summarize(folder, result));
  const total = summaries.reduce((sum, summary) => sum + summary.findings, 0);
  void vscode.window.showInformationMessage(`Cloudward: ${total} cloud blocker${total === 1 ? '' : 's'} found; the assessment is open, and the text report is in the Cloudward output.`);
  return summaries;
}

export async function scanWithProgress(services: CommandServices, title: string): Promise<ScanReport[] | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    let reported = 0;
    try {
      return await services.controller.scanWorkspace(token, (done, total) => {
        if (total === 0) return;
        const percent = Math.floor((done / total) * 100);
        progress.report({ increment: percent - reported, message: `${done}/${total} files` });
        reported = percent;
      });
    } catch (error) {
      if (error instanceof ScanCancelledError) {
        void vscode.window.showInformationMessage('Cloudward: scan cancelled.');
        return undefined;
      }
      services.output.appendLine(`Scan failed: ${(error as Error).stack ?? String(error)}`);
      void vscode.window.showErrorMessage('Cloudward: the scan failed; see the Cloudward output for details.');
      return undefined;
    }
  });
}

function summarize(folder: vscode.WorkspaceFolder, result: ScanReport['result']): AssessmentSummary {
  const bySeverity: Record<string, number> = { error: 0, warning: 0, information: 0 };
  const byCategory: Record<string, number> = {};
  for (const finding of result.findings) {
    bySeverity[finding.severity]++;
    byCategory[finding.category] = (byCategory[finding.category] ?? 0) + 1;
  }
  return { folder: folder.name, files: result.files, parsed: result.parsed, skipped: result.skipped.length, findings: result.findings.length, bySeverity, byCategory };
}
