import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, replaceTextAndSave, repositoryRoot, sleep, waitFor, workspaceFolder } from './support/vscodeHost';

/** The example files the config fixes edit, as they are in the repository (other suites may have edited the copy). */
const EDITED = ['db.js', 'lib/mailer.js', 'server.js', 'app.js'];

function cloudwardDiagnostics(uri: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === 'cloudward' && typeof diagnostic.code === 'object' && diagnostic.code.value === ruleId);
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

function uriOf(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, relative);
}

/** Puts a file back to the repository's version through an edit (the document may be open) and saves it. */
async function restore(relative: string): Promise<vscode.TextDocument> {
  return replaceTextAndSave(uriOf(relative), readFileSync(path.join(repositoryRoot(), 'examples/legacy-shop', relative), 'utf8'));
}

/** Applies the quick fix titled `title` offered on the `ruleId` diagnostic whose range starts at `line` (0-based). */
async function applyQuickFix(relative: string, ruleId: string, line: number, title: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uriOf(relative));
  await vscode.window.showTextDocument(document);
  const diagnostic = await waitFor(
    () => cloudwardDiagnostics(document.uri, ruleId).find((candidate) => candidate.range.start.line === line),
    `a ${ruleId} diagnostic on ${relative}:${line + 1}`,
    30_000,
  );
  // Right after the previous fix created or changed .env.example, this file's fix is recomputed on its new text
  // (until then it is held back): ask again, as the lightbulb does, until it is offered.
  let actions: vscode.CodeAction[] = [];
  const fix = await waitFor(
    async () => {
      actions = await codeActions(document.uri, diagnostic.range);
      return actions.find((action) => action.title === title && action.edit);
    },
    `the quick fix "${title}"`,
    30_000,
  ).catch(() => assert.fail(`"${title}" among: ${actions.map((action) => action.title).join(' | ')}`));
  assert.ok(fix.edit);
  assert.equal(fix.isPreferred, true, 'the fix is the preferred action');
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await waitFor(() => (cloudwardDiagnostics(document.uri, ruleId).some((candidate) => candidate.range.start.line === line) ? undefined : true), `the ${ruleId} diagnostic to go away`, 30_000);
  return document;
}

async function envExampleLines(): Promise<string[]> {
  const document = await vscode.workspace.openTextDocument(uriOf('.env.example'));
  return document.getText().split('\n').filter((line) => line !== '');
}

describe('externalize config quick fixes on the example workspace (integration)', () => {
  before(async () => {
    await activeExtension();
    for (const file of EDITED) await restore(file);
    // Through a WorkspaceEdit, not the file system: an earlier suite may have it open, and the editor's copy
    // (and its idea of whether the file exists) must go with it.
    await vscode.workspace.saveAll(false);
    const remove = new vscode.WorkspaceEdit();
    remove.deleteFile(uriOf('.env.example'), { ignoreIfNotExists: true });
    assert.ok(await vscode.workspace.applyEdit(remove));
  });

  it('hardcoded-endpoint (MongoDB URL in db.js): read from MONGO_URL with the old URL as the default, listed in .env.example', async () => {
    const document = await applyQuickFix('db.js', 'hardcoded-service-url', 4, 'Read MONGO_URL from the environment (default mongodb://localhost:27017/legacy-shop)');
    assert.equal(
      document.getText(),
      "'use strict';\n\nconst mongoose = require('mongoose');\n\nconst MONGO_URL = process.env.MONGO_URL ?? 'mongodb://localhost:27017/legacy-shop';\n\nfunction connect() {\n  return mongoose.connect(MONGO_URL, { useNewUrlParser: true });\n}\n\nmodule.exports = { connect };\n",
    );
    assert.deepEqual(await envExampleLines(), ['MONGO_URL=mongodb://localhost:27017/legacy-shop']);
  });

  it('hardcoded-endpoint (SMTP host in lib/mailer.js): read from SMTP_HOST', async () => {
    const document = await applyQuickFix('lib/mailer.js', 'hardcoded-service-url', 5, 'Read SMTP_HOST from the environment (default mail.shop.internal)');
    assert.match(document.getText(), /^ {2}host: process\.env\.SMTP_HOST \?\? 'mail\.shop\.internal',$/m);
    assert.match(document.getText(), /^ {2}port: 25,$/m, 'the rest of the options stay');
    assert.deepEqual((await envExampleLines()).sort(), ['MONGO_URL=mongodb://localhost:27017/legacy-shop', 'SMTP_HOST=mail.shop.internal']);
  });

  it('fixed-port (server.js): listens on PORT, 3000 by default', async () => {
    const document = await applyQuickFix('server.js', 'listen-fixed-port', 9, 'Read PORT from the environment (default 3000)');
    assert.match(document.getText(), /^const PORT = Number\(process\.env\.PORT \?\? 3000\);$/m);
    assert.match(document.getText(), /^require\('dotenv'\)\.config\(\);$/m, 'the app still loads its .env');
    assert.ok((await envExampleLines()).includes('PORT=3000'));
  });

  it('hardcoded-secret (session secret in app.js): a required SESSION_SECRET, no value in .env.example', async () => {
    const document = await applyQuickFix('app.js', 'hardcoded-session-secret', 20, 'Read SESSION_SECRET from the environment (required, no fallback)');
    const text = document.getText();
    assert.ok(!text.includes('keyboard cat'), 'the secret is gone from the code');
    assert.match(text, /^ {4}secret: requireEnv\('SESSION_SECRET'\),$/m);
    assert.match(
      text,
      /^const orders = require\('\.\/routes\/orders'\);\n\nfunction requireEnv\(name\) \{\n {2}const value = process\.env\[name\];\n {2}if \(!value\) throw new Error\(`\$\{name\} is not set: add it to the environment \(see \.env\.example\)`\);\n {2}return value;\n\}\n\nconst app = express\(\);$/m,
      'the helper sits after the imports, before the first use',
    );
    const lines = await envExampleLines();
    assert.deepEqual([...lines].sort(), ['MONGO_URL=mongodb://localhost:27017/legacy-shop', 'PORT=3000', 'SESSION_SECRET=', 'SMTP_HOST=mail.shop.internal'], 'each key once; the secret without a value');
  });

  it('the fixed files have no config finding left and still parse (no Cloudward parse complaint, other findings still there)', async () => {
    for (const [file, rule] of [['db.js', 'hardcoded-service-url'], ['lib/mailer.js', 'hardcoded-service-url'], ['server.js', 'listen-fixed-port'], ['app.js', 'hardcoded-session-secret']] as const) {
      const document = await vscode.workspace.openTextDocument(uriOf(file));
      assert.deepEqual(cloudwardDiagnostics(document.uri, rule).map((diagnostic) => diagnostic.message), [], file);
    }
    // app.js still has its MemoryStore finding: the file was re-analysed after the edit, so it parsed.
    await waitFor(() => (cloudwardDiagnostics(uriOf('app.js'), 'express-session-memory-store').length > 0 ? true : undefined), 'app.js to be analysed again', 30_000);
  });
});
