import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, replaceTextAndSave, repositoryRoot, sleep, waitFor, workspaceFolder } from './support/vscodeHost';

/**
 * Fixes that edit another file (`.env.example`) carry the basis of the text their offsets were computed on:
 * in the editor they land at the right place in an existing file, and a file that changed after the analysis
 * is re-read before the fix is offered, never edited at stale offsets.
 */
const ENV_EXAMPLE = '.env.example';

function uriOf(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, relative);
}

function diagnosticOf(uri: vscode.Uri, ruleId: string, line: number): vscode.Diagnostic | undefined {
  return vscode.languages
    .getDiagnostics(uri)
    .find((diagnostic) => diagnostic.source === 'cloudward' && typeof diagnostic.code === 'object' && diagnostic.code.value === ruleId && diagnostic.range.start.line === line);
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    } catch (error) {
      if (attempt >= 20 || !/Canceled/i.test(String(error))) throw error;
      await sleep(500);
    }
  }
}

async function restore(relative: string): Promise<vscode.TextDocument> {
  return replaceTextAndSave(uriOf(relative), readFileSync(path.join(repositoryRoot(), 'examples/legacy-shop', relative), 'utf8'));
}

/** Sets a file's text through the editor when it exists (so the editor's copy is that text at once), else on disk. */
async function setFile(relative: string, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uriOf(relative)).then(
    (opened) => opened,
    () => undefined,
  );
  if (!document) {
    await vscode.workspace.fs.writeFile(uriOf(relative), new TextEncoder().encode(text));
    return;
  }
  await replaceTextAndSave(document.uri, text);
}

/**
 * The preferred quick fix at the diagnostic, applied, and the edited files saved. A fix whose other file is
 * not yet in step is offered disabled with its reason; like a user, ask again until it is enabled.
 */
async function applyPreferredFix(relative: string, ruleId: string, line: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uriOf(relative));
  await vscode.window.showTextDocument(document);
  const diagnostic = await waitFor(() => diagnosticOf(document.uri, ruleId, line), `${ruleId} on ${relative}:${line + 1}`, 30_000);
  let offered: vscode.CodeAction[] = [];
  const fix = await waitFor(
    async () => {
      offered = await codeActions(document.uri, diagnostic.range);
      // Once the analysis has caught up with .env.example, the fix edits it too.
      return offered.find((action) => action.isPreferred && !action.disabled && action.edit?.entries().some(([target]) => target.path.endsWith(`/${ENV_EXAMPLE}`)));
    },
    'an enabled preferred fix that edits .env.example',
    20_000,
  ).catch(() => assert.fail(`no enabled preferred fix among: ${offered.map((action) => `${action.title}${action.disabled ? ` (disabled: ${action.disabled.reason})` : ''}`).join(' | ')}`));
  assert.ok(await vscode.workspace.applyEdit(fix.edit!));
}

/** The text of `.env.example` as the editor has it after the fix (the fix's WorkspaceEdit, not yet saved). */
async function envExampleInEditor(): Promise<string> {
  return (await vscode.workspace.openTextDocument(uriOf(ENV_EXAMPLE))).getText();
}

describe('fixes that edit another file, in the editor (integration)', () => {
  let envExampleBefore: string | undefined;

  before(async () => {
    await activeExtension();
    await restore('db.js');
    await restore('lib/mailer.js');
    await vscode.workspace.saveAll(false);
    envExampleBefore = await vscode.workspace.fs.readFile(uriOf(ENV_EXAMPLE)).then((bytes) => new TextDecoder().decode(bytes), () => undefined);
  });

  after(async () => {
    await restore('db.js');
    await restore('lib/mailer.js');
    // Later suites append to .env.example: leave it as it was, through the editor so its copy follows.
    await replaceTextAndSave(uriOf(ENV_EXAMPLE), envExampleBefore ?? '');
  });

  it('a live fix appends to the existing .env.example, keeping what it had', async () => {
    await setFile(ENV_EXAMPLE, '# shop settings\nPORT=3000\n');
    await applyPreferredFix('db.js', 'hardcoded-service-url', 4);
    assert.equal(await envExampleInEditor(), '# shop settings\nPORT=3000\nMONGO_URL=mongodb://localhost:27017/legacy-shop\n');
  });

  it('a fix computed before an unsaved edit of .env.example is recomputed, and lands after that edit', async () => {
    const mailer = await vscode.workspace.openTextDocument(uriOf('lib/mailer.js'));
    await vscode.window.showTextDocument(mailer);
    await waitFor(() => diagnosticOf(mailer.uri, 'hardcoded-service-url', 5), 'the SMTP host finding', 30_000);
    const envExample = await vscode.workspace.openTextDocument(uriOf(ENV_EXAMPLE));
    const header = new vscode.WorkspaceEdit();
    header.insert(envExample.uri, new vscode.Position(0, 0), '# shared with the ops team\n');
    assert.ok(await vscode.workspace.applyEdit(header));
    // mailer.js was analysed before this edit: its offset into .env.example would now land mid-line.
    const edited = envExample.getText();
    await applyPreferredFix('lib/mailer.js', 'hardcoded-service-url', 5);
    assert.equal(await envExampleInEditor(), `${edited}SMTP_HOST=mail.shop.internal\n`);
  });
});
