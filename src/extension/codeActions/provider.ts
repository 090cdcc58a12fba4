import * as vscode from 'vscode';
import type { Finding, Fix, TextEdit } from '../../engine';
import { combineFixes } from '../../engine/fixes/combine';
import { ABSENT_FILE_BASIS, textBasis } from '../../engine/fixes/editBasis';
import type { FindingStore } from '../diagnostics/findingStore';
import { DIAGNOSTIC_SOURCE, findingRange } from '../diagnostics/toDiagnostic';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('cloudward');
export const SHOW_DOCUMENTATION_COMMAND = 'cloudward.showRuleDocumentation';

/** Quick fixes, "disable for this line" and "show documentation" for every Cloudward diagnostic, and source.fixAll.cloudward. */
export class CloudwardCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(
    private readonly store: FindingStore,
    /** Re-analyses the document with fresh project files, for fixes computed before another file changed. */
    private readonly reanalyze: (document: vscode.TextDocument) => Promise<void>,
  ) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const actions = await this.actionsFor(document, context);
    if (!actions.some((action) => action.disabled)) return actions;
    // A file the fix edits changed since the analysis (often the previous fix's own `.env.example` edit):
    // analyse again now rather than offering a disabled fix until the background re-analysis comes round.
    await this.reanalyze(document);
    const fresh = await this.actionsFor(document, { ...context, diagnostics: this.currentDiagnostics(document, range, context) });
    return fresh;
  }

  /** The document's diagnostics after a re-analysis: the ones in the request may have been replaced by equal new ones. */
  private currentDiagnostics(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.Diagnostic[] {
    const requested = new Set(context.diagnostics.map((diagnostic) => `${String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code)}@${diagnostic.range.start.line}:${diagnostic.range.start.character}`));
    return vscode.languages
      .getDiagnostics(document.uri)
      .filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE && diagnostic.range.intersection(range) !== undefined)
      .filter((diagnostic) => requested.has(`${String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code)}@${diagnostic.range.start.line}:${diagnostic.range.start.character}`));
  }

  private async actionsFor(document: vscode.TextDocument, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
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
          if (typeof edit === 'string') action.disabled = { reason: edit };
          else action.edit = edit;
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
      if ((await addEdits(edit, file === ownFile ? document : undefined, vscode.Uri.joinPath(root, file), textEdits)) !== true) return undefined;
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

/**
 * A fix's edits as one undoable WorkspaceEdit; edits in other files (`.env.example`) open them first.
 * Undefined when the fix cannot be expressed here; a reason when another file changed since the analysis.
 */
async function toWorkspaceEdit(document: vscode.TextDocument, root: vscode.Uri, finding: Finding, fix: Fix): Promise<vscode.WorkspaceEdit | string | undefined> {
  const edit = new vscode.WorkspaceEdit();
  const byFile = new Map<string, TextEdit[]>();
  for (const textEdit of fix.edits) {
    const file = textEdit.file ?? finding.file;
    byFile.set(file, [...(byFile.get(file) ?? []), textEdit]);
  }
  for (const [file, textEdits] of byFile) {
    const added = await addEdits(edit, file === finding.file ? document : undefined, vscode.Uri.joinPath(root, file), textEdits);
    if (added === false) return undefined;
    if (typeof added === 'string') return `${file} ${added}`;
  }
  return edit;
}

/**
 * Adds one file's edits: offsets are resolved against the open document, or against the file on disk;
 * a file that does not exist yet is created when the edits only insert at its start. Another file's edits
 * carry the basis of the text they were computed on: when the file changed since (or appeared, for edits
 * that create it), the edits are refused with the reason instead of landing at stale offsets.
 */
async function addEdits(edit: vscode.WorkspaceEdit, document: vscode.TextDocument | undefined, uri: vscode.Uri, textEdits: TextEdit[]): Promise<boolean | string> {
  let target = document;
  if (!target) {
    try {
      target = await vscode.workspace.openTextDocument(uri);
    } catch {
      target = undefined;
    }
  }
  const stale = staleness(target, textEdits);
  if (stale) return stale;
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

function staleness(target: vscode.TextDocument | undefined, textEdits: TextEdit[]): string | undefined {
  const bases = new Set(textEdits.map((textEdit) => textEdit.basis).filter(isDefined));
  if (bases.size === 0) return undefined;
  if (!target) return bases.has(ABSENT_FILE_BASIS) ? undefined : 'was deleted since the analysis';
  // A workspace scan's fix for a file edited since: the next scan (on save) brings fresh offsets.
  if (bases.has(ABSENT_FILE_BASIS)) return 'was created since the analysis: wait for the re-analysis, then apply the fix';
  return bases.has(textBasis(target.getText())) ? undefined : 'changed since the analysis: save it and wait for the re-analysis, then apply the fix';
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
