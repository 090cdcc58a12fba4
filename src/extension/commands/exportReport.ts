import * as vscode from 'vscode';
import type { ReportFormat } from '../../engine';
import { scanWithProgress } from './assessWorkspace';
import type { CommandServices } from './services';

const FORMATS: { format: ReportFormat; label: string; extension: string }[] = [
  { format: 'json', label: 'JSON', extension: 'json' },
  { format: 'sarif', label: 'SARIF 2.1.0', extension: 'sarif' },
  { format: 'markdown', label: 'Markdown', extension: 'md' },
  { format: 'html', label: 'HTML', extension: 'html' },
  { format: 'text', label: 'Plain text', extension: 'txt' },
];

/**
 * Writes the report of the first folder to a file the user picks. `format` and `target` may be passed
 * by other commands and tests; otherwise the user is asked.
 */
export async function exportReport(services: CommandServices, format?: ReportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
  if (!folder) {
    void vscode.window.showInformationMessage('Cloudward: open a folder on disk to export its report.');
    return undefined;
  }
  const engine = await services.engine();
  const chosen =
    format ??
    (await vscode.window.showQuickPick(
      FORMATS.map((entry) => ({ label: entry.label, description: engine.formatterFor(entry.format) ? undefined : 'not available yet', format: entry.format })),
      { title: 'Cloudward: export the report as' },
    ))?.format;
  if (!chosen) return undefined;
  const formatter = engine.formatterFor(chosen);
  if (!formatter) {
    void vscode.window.showWarningMessage(`Cloudward: the ${chosen} report is not available in this version yet. JSON and plain text are.`);
    return undefined;
  }
  const extension = FORMATS.find((entry) => entry.format === chosen)!.extension;
  const destination =
    target ??
    (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder.uri, `cloudward-report.${extension}`), filters: { [chosen]: [extension] }, title: 'Cloudward: save the report' }));
  if (!destination) return undefined;
  // Scanned now, not taken from the last scan: saving a file re-analyses only that file for its diagnostics, so the
  // last whole-folder scan (and its inventory and score) may predate what is on disk. The per-file cache keeps it quick.
  const reports = await scanWithProgress(services, 'Cloudward: scanning for the report');
  const result = reports?.find((report) => report.folder.uri.toString() === folder.uri.toString())?.result;
  if (!result) return undefined;
  const version = vscode.extensions.getExtension('cloudward.cloudward')?.packageJSON?.version ?? '';
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(formatter(result, { name: 'cloudward', version }, folder.name)));
  void vscode.window.showInformationMessage(`Cloudward: report written to ${vscode.workspace.asRelativePath(destination)}.`);
  return destination;
}
