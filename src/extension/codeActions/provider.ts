import * as vscode from 'vscode';
import type { Finding, Fix } from '../../engine';
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
    if (context.only && FIX_ALL_KIND.contains(context.only)) return current ? [this.fixAll(document, findings)].filter(isDefined) : [];
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
      if (ANALYSABLE_BY_COMMENT.has(document.languageId)) actions.push(disableForLine(document, diagnostic, ruleId));
      const docs = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
      docs.command = { command: SHOW_DOCUMENTATION_COMMAND, title: docs.title, arguments: [ruleId] };
      docs.diagnostics = [diagnostic];
      actions.push(docs);
    }
    return actions;
  }

  private fixAll(document: vscode.TextDocument, findings: Finding[]): vscode.CodeAction | undefined {
    const edit = new vscode.WorkspaceEdit();
    const taken: vscode.Range[] = [];
    let count = 0;
    for (const finding of findings) {
      const [fix] = finding.fixes;
      if (!fix || fix.edits.some((textEdit) => textEdit.file !== undefined && textEdit.file !== finding.file)) continue;
      const ranges = fix.edits.map((textEdit) => new vscode.Range(document.positionAt(textEdit.range[0]), document.positionAt(textEdit.range[1])));
      if (ranges.some((candidate) => taken.some((other) => other.intersection(candidate) !== undefined))) continue;
      fix.edits.forEach((textEdit, index) => edit.replace(document.uri, ranges[index], textEdit.text));
      taken.push(...ranges);
      count++;
    }
    if (count === 0) return undefined;
    const action = new vscode.CodeAction(`Fix all Cloudward problems that have a safe fix (${count})`, FIX_ALL_KIND);
    action.edit = edit;
    return action;
  }
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
  for (const textEdit of fix.edits) {
    if (textEdit.file === undefined || textEdit.file === finding.file) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(textEdit.range[0]), document.positionAt(textEdit.range[1])), textEdit.text);
      continue;
    }
    const target = vscode.Uri.joinPath(root, textEdit.file);
    let other: vscode.TextDocument | undefined;
    try {
      other = await vscode.workspace.openTextDocument(target);
    } catch {
      other = undefined;
    }
    if (!other) {
      if (textEdit.range[0] !== 0 || textEdit.range[1] !== 0) return undefined;
      edit.createFile(target, { ignoreIfExists: true });
      edit.insert(target, new vscode.Position(0, 0), textEdit.text);
    } else {
      edit.replace(target, new vscode.Range(other.positionAt(textEdit.range[0]), other.positionAt(textEdit.range[1])), textEdit.text);
    }
  }
  return edit;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
