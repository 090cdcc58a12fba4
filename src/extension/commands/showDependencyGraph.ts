import * as path from 'node:path';
import * as vscode from 'vscode';
import { GraphPanel, type GraphPanelSummary } from '../graphPanel/graphPanel';
import type { CommandServices } from './services';

/**
 * Opens the dependency graph of a workspace folder: the one holding `target` (a folder picked in the
 * explorer, whose path then narrows the view), the active editor's, the only one, or one the user picks.
 * Resolves once the page has the graph.
 */
export async function showDependencyGraph(services: CommandServices, target?: vscode.Uri): Promise<GraphPanelSummary | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Cloudward: open a folder on disk to see its dependency graph.');
    return undefined;
  }
  const fromTarget = target ? vscode.workspace.getWorkspaceFolder(target) : undefined;
  const fromEditor = vscode.window.activeTextEditor ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) : undefined;
  const folder =
    (fromTarget?.uri.scheme === 'file' ? fromTarget : undefined) ??
    (folders.length === 1 ? folders[0] : undefined) ??
    (fromEditor?.uri.scheme === 'file' ? fromEditor : undefined) ??
    (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Show the dependency graph of which folder?' }));
  if (!folder) return undefined;
  const subfolder = target && fromTarget === folder ? path.relative(folder.uri.fsPath, target.fsPath).split(path.sep).join('/') : '';
  return GraphPanel.show(services, folder, subfolder.startsWith('..') ? '' : subfolder);
}
