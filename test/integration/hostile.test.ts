import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AssessmentSummary } from '../../src/extension/commands/assessWorkspace';
import { nestedSources } from '../../scripts/generate-hostile-fixtures';
import { activeExtension, sleep, waitFor, workspaceFolder } from './support/vscodeHost';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01]);
const BUNDLE_UNIT = 'var a=function(b){return b*2},c=[1,2,3].map(a);';

/** Hostile files written into the workspace copy, with the class of reason the report must give each. */
const HOSTILE: Record<string, { content: string | Uint8Array; reason: RegExp }> = {
  'hostile/pixel.js': { content: PNG, reason: /^binary file: contains NUL bytes$/ },
  'hostile/bundle.js': { content: BUNDLE_UNIT.repeat(8000), reason: /^minified or generated: \d+ characters per line on average$/ },
  'hostile/huge.js': { content: BUNDLE_UNIT.repeat(60_000), reason: /^file too large: 2\.7 MB is over the 2\.0 MB limit/ },
  'hostile/broken.js': { content: "const url = 'mongodb://localhost/shop;\nmodule.exports = url;\n", reason: /^syntax error at 1:39: Unterminated string literal\.$/ },
  'hostile/merge.js': { content: '<<<<<<< HEAD\nconst port = 3000;\n=======\nconst port = 8080;\n>>>>>>> feature\n', reason: /^syntax error at 1:1: Merge conflict marker/ },
  'hostile/deep.js': { content: nestedSources(10_000)['deep/nested-arrays.js'], reason: /^too deeply nested to parse/ },
  'hostile/utf16.js': { content: new Uint8Array([...'module.exports = 1;\n'].flatMap((character) => [character.charCodeAt(0), 0])), reason: /^UTF-16 text without a byte-order mark/ },
  'hostile/latin1.js': { content: new Uint8Array([0x2f, 0x2f, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]), reason: /^not valid UTF-8 text$/ },
};
const HEALTHY = 'hostile/healthy.js';

function cloudwardDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'cloudward');
}

describe('hostile files in the editor (integration)', () => {
  const folder = () => workspaceFolder().uri;
  const uriOf = (relative: string) => vscode.Uri.joinPath(folder(), relative);

  before(async () => {
    await activeExtension();
    for (const [relative, { content }] of Object.entries(HOSTILE)) {
      await vscode.workspace.fs.writeFile(uriOf(relative), typeof content === 'string' ? new TextEncoder().encode(content) : content);
    }
    await vscode.workspace.fs.writeFile(uriOf(HEALTHY), new TextEncoder().encode("const fs = require('fs');\nfs.writeFileSync('./uploads/avatar.png', 'x');\n"));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uriOf('hostile'), { recursive: true, useTrash: false });
  });

  it('opening each hostile file puts no Cloudward diagnostic on it, and the extension still analyses the next file', async () => {
    const refusedByEditor: string[] = [];
    for (const relative of Object.keys(HOSTILE)) {
      try {
        const document = await vscode.workspace.openTextDocument(uriOf(relative));
        await vscode.window.showTextDocument(document, { preview: false });
      } catch (error) {
        // VS Code itself may refuse to open a binary or oversized file as text: that is its message, not a crash of ours.
        refusedByEditor.push(`${relative}: ${(error as Error).message}`);
      }
    }
    if (refusedByEditor.length > 0) console.log(`[integration] VS Code refused to open as text: ${refusedByEditor.join('; ')}`);
    const healthy = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uriOf(HEALTHY)));
    await waitFor(() => cloudwardDiagnostics(healthy.document.uri).find((diagnostic) => (diagnostic.code as { value: string }).value === 'no-local-disk-write'), 'a diagnostic on the healthy file opened after the hostile ones', 30_000);
    await sleep(500); // the hostile files were analysed before the healthy one; give stragglers a moment anyway
    for (const relative of Object.keys(HOSTILE)) assert.deepEqual(cloudwardDiagnostics(uriOf(relative)), [], relative);
  });

  it('typing into a hostile buffer (a syntax error made worse, then fixed) keeps the diagnostics in step', async () => {
    const document = await vscode.workspace.openTextDocument(uriOf('hostile/broken.js'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '}}}((( '));
    await sleep(800);
    assert.deepEqual(cloudwardDiagnostics(document.uri), [], 'a buffer that does not parse has no findings');
    await editor.edit((builder) => builder.replace(new vscode.Range(0, 0, document.lineCount, 0), "require('mongoose').connect('mongodb://db.internal:27017/shop');\n"));
    await waitFor(() => cloudwardDiagnostics(document.uri).find((diagnostic) => (diagnostic.code as { value: string }).value === 'hardcoded-service-url'), 'a finding once the buffer parses', 30_000);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Assess Workspace completes with a reason for every hostile file, the same as the CLI reports', async () => {
    const summaries = await vscode.commands.executeCommand<AssessmentSummary[] | undefined>('cloudward.assessWorkspace');
    assert.ok(summaries?.[0], 'the assessment completed');
    assert.ok(summaries[0].findings > 0);
    const target = uriOf('hostile-report.json');
    await vscode.commands.executeCommand('cloudward.exportReport', 'json', target);
    const report = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as { summary: { skipped: { file: string; reason: string }[] }; findings: { file: string; ruleId: string }[] };
    await vscode.workspace.fs.delete(target);
    const reasons = new Map(report.summary.skipped.map(({ file, reason }) => [file, reason]));
    for (const [relative, { reason }] of Object.entries(HOSTILE)) assert.match(reasons.get(relative) ?? '(not skipped)', reason, relative);
    assert.equal(summaries[0].skipped, report.summary.skipped.length);
    assert.ok(report.findings.some((finding) => finding.file === HEALTHY && finding.ruleId === 'no-local-disk-write'), 'the healthy file beside them is analysed');
    assert.ok(report.findings.some((finding) => finding.file === 'db.js'), 'and so is the rest of the workspace');
  });
});
