import * as vscode from 'vscode';
import type { ScaffoldResult } from '../../engine';
import type { CommandServices } from './services';

export type OverwritePolicy = 'overwrite' | 'beside' | 'cancel';

export interface AddDockerfileResult {
  written: string[];
  policy?: OverwritePolicy;
}

/**
 * Writes the Dockerfile and .dockerignore derived from the analysis, as one undoable WorkspaceEdit.
 * An existing file is never overwritten without asking: overwrite, write beside it, or cancel.
 * `folder` comes from the Explorer context menu or the quick fix; `policy` lets tests answer the question.
 */
export async function addDockerfile(services: CommandServices, folder?: vscode.Uri, policy?: OverwritePolicy): Promise<AddDockerfileResult | undefined> {
  const workspaceFolder = folder ? vscode.workspace.getWorkspaceFolder(folder) : vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
  if (!workspaceFolder || workspaceFolder.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Cloudward: open a folder on disk to add a Dockerfile to it.');
    return undefined;
  }
  const engine = await services.engine();
  let scaffold: ScaffoldResult;
  try {
    const app = folder && folder.toString() !== workspaceFolder.uri.toString() ? vscode.workspace.asRelativePath(folder, false) : undefined;
    scaffold = await engine.scaffoldDockerfile(
      workspaceFolder.uri.fsPath,
      { fs: engine.nodeFileSystem },
      { app, templatesDirectory: vscode.Uri.joinPath(services.extensionUri, 'templates').fsPath },
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Cloudward: cannot derive a Dockerfile: ${(error as Error).message}`);
    return undefined;
  }
  let chosen: OverwritePolicy | undefined;
  if (scaffold.files.some((file) => file.exists)) {
    chosen = policy ?? (await askPolicy(scaffold.files.filter((file) => file.exists).map((file) => file.path)));
    if (!chosen || chosen === 'cancel') return { written: [], policy: 'cancel' };
  }
  const edit = new vscode.WorkspaceEdit();
  const written: string[] = [];
  for (const file of scaffold.files) {
    const target = file.exists && chosen === 'beside' ? file.besidePath : file.path;
    const uri = vscode.Uri.joinPath(workspaceFolder.uri, target);
    edit.createFile(uri, { overwrite: file.exists && chosen === 'overwrite', contents: new TextEncoder().encode(file.text) });
    written.push(target);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Cloudward: the Dockerfile could not be written.');
    return undefined;
  }
  await vscode.window.showTextDocument(vscode.Uri.joinPath(workspaceFolder.uri, written[0]), { preview: false });
  for (const note of scaffold.notes) services.output.appendLine(`Dockerfile: ${note}`);
  void vscode.window.showInformationMessage(`Cloudward: wrote ${written.join(' and ')}. Undo (Ctrl+Z in the editor) takes it back.`);
  return { written, policy: chosen };
}

async function askPolicy(existing: string[]): Promise<OverwritePolicy | undefined> {
  const overwrite = 'Overwrite';
  const beside = 'Write beside (Dockerfile.cloudward)';
  const answer = await vscode.window.showWarningMessage(`Cloudward: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}.`, { modal: true }, overwrite, beside);
  return answer === overwrite ? 'overwrite' : answer === beside ? 'beside' : 'cancel';
}
