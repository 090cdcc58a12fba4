import * as vscode from 'vscode';
import type { CommandServices } from './services';
import { readConfig } from '../host/settings';

/** Analyses the first workspace folder with a cancellable progress notification and prints the report. */
export async function assessWorkspace({ output }: CommandServices): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Cloudward: open a folder on disk to assess it.');
    return;
  }
  const engine = await import('../../engine');
  const config = await readConfig(folder, output);
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Cloudward: assessing the workspace', cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      try {
        const result = await engine.analyzeWorkspace(
          folder.uri.fsPath,
          {
            fs: engine.nodeFileSystem,
            signal: controller.signal,
            onProgress: ({ done, total }) => {
              if (total === 0) return;
              const percent = Math.floor((done / total) * 100);
              progress.report({ increment: percent - reported, message: `${done}/${total} files` });
              reported = percent;
            },
          },
          { config },
        );
        const format = engine.formatterFor('text')!;
        output.clear();
        output.append(format(result, { name: 'Cloudward', version: '' }, folder.name));
        output.show(true);
        void vscode.window.showInformationMessage(`Cloudward: ${result.findings.length} cloud blockers in ${result.parsed} files.`);
      } catch (error) {
        if (error instanceof engine.CancelledError) {
          void vscode.window.showInformationMessage('Cloudward: assessment cancelled.');
          return;
        }
        output.appendLine(`Assessment failed: ${(error as Error).stack ?? String(error)}`);
        void vscode.window.showErrorMessage('Cloudward: the assessment failed; see the Cloudward output for details.');
      }
    },
  );
}
