import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, repositoryRoot, screenshot, sleep, waitFor, workspaceFolder } from './support/vscodeHost';

const source = 'cloudward';

function cloudwardDiagnostics(uri: vscode.Uri, ruleId?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === source && (!ruleId || (typeof diagnostic.code === 'object' && diagnostic.code.value === ruleId)));
}

async function waitForDiagnostic(uri: vscode.Uri, ruleId: string, line?: number): Promise<vscode.Diagnostic> {
  return waitFor(
    () => cloudwardDiagnostics(uri, ruleId).find((diagnostic) => line === undefined || diagnostic.range.start.line === line),
    `a ${ruleId} diagnostic on ${path.basename(uri.fsPath)}${line === undefined ? '' : `:${line + 1}`}`,
    30_000,
  );
}

/** executeCodeActionProvider runs every provider; retry while another one is still starting up. */
async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
    } catch (error) {
      if (attempt >= 20 || !/Canceled/i.test(String(error))) throw error;
      await sleep(500);
    }
  }
}

async function open(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, relative));
  await vscode.window.showTextDocument(document);
  return document;
}

describe('live diagnostics and quick fixes (integration)', () => {
  before(async () => {
    await activeExtension();
  });

  it('publishes diagnostics with source, rule code, docs link and related evidence', async () => {
    const document = await open('db.js');
    const diagnostic = await waitForDiagnostic(document.uri, 'hardcoded-service-url', 4);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic.message, /^MongoDB endpoint mongodb:\/\/localhost:27017\/legacy-shop is hard-coded/);
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character], [4, 18]);
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.match(code.target.path, /\/docs\/rules\/hardcoded-service-url\.md$/);
    assert.equal(diagnostic.relatedInformation?.[0]?.message, 'used by mongoose.connect');
    assert.equal(diagnostic.relatedInformation?.[0]?.location.range.start.line, 7);
  });

  it('offers the fix (preferred), "disable for this line" and "show documentation"; the fix edits the file and .env.example, and undo takes it back', async () => {
    const document = await open('server.js');
    const diagnostic = await waitForDiagnostic(document.uri, 'listen-fixed-port');
    const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Read PORT from the environment (default 3000)'), titles.join(' | '));
    assert.ok(titles.includes('Disable listen-fixed-port for this line'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for listen-fixed-port'), titles.join(' | '));
    const fix = actions.find((action) => action.title === 'Read PORT from the environment (default 3000)')!;
    assert.equal(fix.isPreferred, true);

    if (process.env.CLOUDWARD_SCREENSHOTS !== '0') {
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await vscode.commands.executeCommand('editor.action.quickFix');
      await screenshot(path.join(repositoryRoot(), 'docs/images/quick-fix.png'), { waitForSelector: '.action-widget', delayMs: 800 });
      await vscode.commands.executeCommand('hideCodeActionWidget');
    }

    const before = document.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(document.getText(), /^const PORT = Number\(process\.env\.PORT \?\? 3000\);$/m);
    const example = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder().uri, '.env.example'));
    assert.equal(example.getText(), 'PORT=3000\n');
    await waitFor(() => (cloudwardDiagnostics(document.uri, 'listen-fixed-port').length === 0 ? true : undefined), 'the fixed diagnostic to go away');

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'undo restores the file');
    await waitForDiagnostic(document.uri, 'listen-fixed-port');
  });

  it('"disable for this line" inserts the suppression comment and the finding goes away', async () => {
    const document = await open('jobs/nightly-report.js');
    const diagnostic = await waitForDiagnostic(document.uri, 'no-local-disk-write');
    const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((action) => action.title === 'Disable no-local-disk-write for this line');
    assert.ok(disable?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.equal(document.lineAt(diagnostic.range.start.line).text, '  // cloudward-disable-next-line no-local-disk-write');
    await waitFor(() => (cloudwardDiagnostics(document.uri, 'no-local-disk-write').length === 0 ? true : undefined), 'the suppressed diagnostic to go away');
  });

  it('re-analyses as you type (debounced) and never applies a fix to a changed document', async () => {
    const document = await open('lib/mailer.js');
    const editor = await vscode.window.showTextDocument(document);
    const end = document.lineAt(document.lineCount - 1).range.end;
    await editor.edit((builder) => builder.insert(end, "\nconst fs = require('fs');\nfs.appendFileSync('./orders.txt', 'x');\n"));
    const diagnostic = await waitForDiagnostic(document.uri, 'no-local-disk-write');
    assert.match(diagnostic.message, /writes to \.\/orders\.txt/);
    const host = await waitForDiagnostic(document.uri, 'hardcoded-service-url');
    const fixesBefore = (await codeActions(document.uri, host.range, vscode.CodeActionKind.QuickFix.value)).filter((action) => action.title.startsWith('Read '));
    assert.equal(fixesBefore.length, 1);
    // An edit the analysis has not seen yet (the re-analysis waits for typing to pause): the old offsets must not be used.
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '// edited\n'));
    const stale = await codeActions(document.uri, host.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(stale.filter((action) => action.title.startsWith('Read ')).map((action) => action.title), []);
    const refreshed = await waitForDiagnostic(document.uri, 'hardcoded-service-url', host.range.start.line + 1);
    const fresh = await codeActions(document.uri, refreshed.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fresh.some((action) => action.title.startsWith('Read SMTP_HOST')), 'offered again once re-analysed');
  });

  it('source.fixAll.cloudward applies every safe fix of the file at once', async () => {
    const document = await open('db.js');
    await waitForDiagnostic(document.uri, 'hardcoded-service-url');
    const [fixAll] = await codeActions(document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.cloudward');
    assert.ok(fixAll?.edit, 'a fix-all action');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.match(document.getText(), /const MONGO_URL = process\.env\.MONGO_URL \?\? 'mongodb:\/\/localhost:27017\/legacy-shop';/);
  });
});

describe('commands (integration)', () => {
  it('Export Report writes the JSON report to the chosen file', async () => {
    const target = vscode.Uri.joinPath(workspaceFolder().uri, 'cloudward-report.json');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('cloudward.exportReport', 'json', target);
    assert.equal(written?.toString(), target.toString());
    const report = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as { tool: { name: string }; findings: unknown[] };
    assert.equal(report.tool.name, 'cloudward');
    assert.ok(report.findings.length > 0);
  });

  it('Export Report includes a file written on disk after the last scan', async () => {
    const folder = workspaceFolder();
    await vscode.commands.executeCommand('cloudward.exportReport', 'json', vscode.Uri.joinPath(folder.uri, 'cloudward-report.json'));
    const added = vscode.Uri.joinPath(folder.uri, 'lib', 'late-cache.js');
    const target = vscode.Uri.joinPath(folder.uri, 'cloudward-report-late.json');
    await vscode.workspace.fs.writeFile(added, new TextEncoder().encode("const Redis = require('ioredis');\nmodule.exports = new Redis('redis://cache.internal:6379');\n"));
    try {
      await vscode.commands.executeCommand('cloudward.exportReport', 'json', target);
      const report = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as { findings: { file: string; ruleId: string }[] };
      assert.ok(report.findings.some((finding) => finding.file === 'lib/late-cache.js' && finding.ruleId === 'hardcoded-service-url'), 'the new file\'s hard-coded Redis URL is in the report');
    } finally {
      await vscode.workspace.fs.delete(added);
      await vscode.workspace.fs.delete(target);
    }
  });

  it('Add Dockerfile writes a Dockerfile and .dockerignore, and the missing-container-image finding goes away', async () => {
    const folder = workspaceFolder();
    const server = await open('server.js');
    await waitForDiagnostic(server.uri, 'missing-container-image');
    const result = await vscode.commands.executeCommand<{ written: string[] }>('cloudward.addDockerfile', folder.uri, 'beside');
    assert.deepEqual(result?.written, ['Dockerfile', '.dockerignore']);
    const dockerfile = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'Dockerfile')));
    assert.match(dockerfile, /^FROM node:\S+ AS build$/m);
    assert.match(dockerfile, /^USER node$/m);
    await waitFor(() => (cloudwardDiagnostics(server.uri, 'missing-container-image').length === 0 ? true : undefined), 'missing-container-image to go away after the rescan', 30_000);
    const again = await vscode.commands.executeCommand<{ written: string[] }>('cloudward.addDockerfile', folder.uri, 'beside');
    assert.deepEqual(again?.written, ['Dockerfile.cloudward', 'Dockerfile.cloudward.dockerignore'], 'an existing Dockerfile is never overwritten without asking');
  });

  it('Assess Workspace opens the assessment webview', async () => {
    await vscode.commands.executeCommand('cloudward.assessWorkspace');
    const tab = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((candidate) => candidate.input instanceof vscode.TabInputWebview && candidate.input.viewType.endsWith('cloudward.assessment')),
      'the assessment webview tab',
    );
    assert.equal(tab.label, `Cloudward: ${workspaceFolder().name}`);
    if (process.env.CLOUDWARD_SCREENSHOTS !== '0') {
      await screenshot(path.join(repositoryRoot(), 'docs/images/assessment-webview.png'), { waitForSelector: 'iframe.webview.ready', delayMs: 3000 });
    }
  });

});
