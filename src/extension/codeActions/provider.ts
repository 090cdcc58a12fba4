import * as vscode from 'vscode';
import type { Finding, Fix, TextEdit } from '../../engine';
import { combineFixes } from '../../engine/fixes/combine';
import type { FindingStore } from '../diagnostics/findingStore';
import { DIAGNOSTIC_SOURCE, findingRange } from '../diagnostics/toDiagnostic';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('cloudward');
export const SHOW_DOCUMENTATION_COMMAND = 'cloudward.showRuleDocumentation';

/** Quick fixes, "disable for this line" and "show documentation" for every Cloudward diagnostic, and source.fixAll.cloudward. */
export class CloudwardCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly store: FindingStore) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const { findings, version, root } = this.store.findingsOf(document.uri);
    if (!root) return [];
    // Offsets are only valid for the text they were computed on: a fix is never applied to a changed document.
    const current = version === undefined ? !document.isDirty : version === document.version;
    if (context.only && FIX_ALL_KIND.contains(context.only)) return current ? [await this.fixAll(document, findings, root)].filter(isDefined) : [];
    if (context.only && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];

    const actions: vscode.CodeAction[] = [];
    const diagnostics = context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    for (const diagnostic of diagnostics) {
      const ruleId = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
      const finding = findings.find((candidate) => candidate.ruleId === ruleId && findingRange(candidate).isEqual(diagnostic.range));
      if (finding && current) {
        for (const [index, fix] of finding.fixes.entries()) {
          const edit = await toWorkspaceEdit(document, root, finding, fix);
          if (!edit) continue;
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = edit;
          action.diagnostics = [diagnostic];
          action.isPreferred = index === 0;
          actions.push(action);
        }
      }
      if (ruleId === 'missing-container-image') {
        const scaffold = new vscode.CodeAction('Add a Dockerfile and .dockerignore for this app', vscode.CodeActionKind.QuickFix);
        scaffold.command = { command: 'cloudward.addDockerfile', title: scaffold.title, arguments: [await applicationFolder(document.uri, root)] };
        scaffold.diagnostics = [diagnostic];
        scaffold.isPreferred = true;
        actions.push(scaffold);
      }
      if (ANALYSABLE_BY_COMMENT.has(document.languageId)) actions.push(disableForLine(document, diagnostic, ruleId));
      const docs = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.command = { command: SHOW_DOCUMENTATION_COMMAND, title: docs.title, arguments: [ruleId] };
      docs.diagnostics = [diagnostic];
      actions.push(docs);
    }
    return actions;
  }

  private async fixAll(document: vscode.TextDocument, findings: Finding[], root: vscode.Uri): Promise<vscode.CodeAction | undefined> {
    const { editsByFile, applied } = combineFixes(findings);
    if (applied.length === 0) return undefined;
    const ownFile = applied[0].file;
    const edit = new vscode.WorkspaceEdit();
    for (const [file, textEdits] of editsByFile) {
      if (!(await addEdits(edit, file === ownFile ? document : undefined, vscode.Uri.joinPath(root, file), textEdits))) return undefined;
    }
    const action = new vscode.CodeAction(`Fix all Cloudward problems that have a safe fix (${applied.length})`, FIX_ALL_KIND);
    action.edit = edit;
    return action;
  }
}

/** The folder of the nearest package.json above the file (the app the entry point belongs to), or the workspace folder. */
async function applicationFolder(file: vscode.Uri, root: vscode.Uri): Promise<vscode.Uri> {
  let folder = vscode.Uri.joinPath(file, '..');
  while (folder.path.length > root.path.length && folder.path.startsWith(root.path)) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'package.json'));
      return folder;
    } catch {
      folder = vscode.Uri.joinPath(folder, '..');
    }
  }
  return root;
}

const ANALYSABLE_BY_COMMENT = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact']);

function disableForLine(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, ruleId: string): vscode.CodeAction {
  const line = document.lineAt(diagnostic.range.start.line);
  const indentation = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
  const action = new vscode.CodeAction(`Disable ${ruleId} for this line`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.insert(document.uri, line.range.start, `${indentation}// cloudward-disable-next-line ${ruleId}${document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'}`);
  action.diagnostics = [diagnostic];
  return action;
}

/** A fix's edits as one undoable WorkspaceEdit; edits in other files (`.env.example`) open them first. */
async function toWorkspaceEdit(document: vscode.TextDocument, root: vscode.Uri, finding: Finding, fix: Fix): Promise<vscode.WorkspaceEdit | undefined> {
  const edit = new vscode.WorkspaceEdit();
  const byFile = new Map<string, TextEdit[]>();
  for (const textEdit of fix.edits) {
    const file = textEdit.file ?? finding.file;
    byFile.set(file, [...(byFile.get(file) ?? []), textEdit]);
  }
  for (const [file, textEdits] of byFile) {
    if (!(await addEdits(edit, file === finding.file ? document : undefined, vscode.Uri.joinPath(root, file), textEdits))) return undefined;
  }
  return edit;
}

/**
 * Adds one file's edits: offsets are resolved against the open document, or against the file on disk;
 * a file that does not exist yet is created when the edits only insert at its start.
 */
async function addEdits(edit: vscode.WorkspaceEdit, document: vscode.TextDocument | undefined, uri: vscode.Uri, textEdits: TextEdit[]): Promise<boolean> {
  let target = document;
  if (!target) {
    try {
      target = await vscode.workspace.openTextDocument(uri);
    } catch {
      target = undefined;
    }
  }
  if (!target) {
    if (textEdits.some((textEdit) => textEdit.range[0] !== 0 || textEdit.range[1] !== 0)) return false;
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), textEdits.map((textEdit) => textEdit.text).join(''));
    return true;
  }
  for (const textEdit of textEdits) {
    edit.replace(uri, new vscode.Range(target.positionAt(textEdit.range[0]), target.positionAt(textEdit.range[1])), textEdit.text);
  }
  return true;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
