import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, repositoryRoot, sleep, waitFor, workspaceFolder } from './support/vscodeHost';

// Runs only in the restricted-mode pass. The configs and scripts of test/fixtures/untrusted-workspace (each writes
// a marker when run; test/cli/untrusted.test.ts proves they do) are laid into the untrusted workspace, with
// planted node_modules that write it when loaded; then every command that reads the workspace runs.
const MARKER_VARIABLE = 'CLOUDWARD_EXECUTION_MARKER';
const PLANTED_PACKAGES = ['typescript', 'dependency-cruiser', 'express', 'mongoose', 'winston'];

describe('untrusted workspace configs are never run: scan, assessment, graph, Dockerfile (integration)', () => {
  const folder = () => workspaceFolder().uri;
  const write = (relative: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), relative), new TextEncoder().encode(text));
  let marker: vscode.Uri;
  let previous: string | undefined;

  before(async () => {
    await activeExtension();
    assert.equal(vscode.workspace.isTrusted, false);
    marker = vscode.Uri.joinPath(folder(), 'untrusted-EXECUTED.marker');
    // The extension host is this process: workers and child processes it starts inherit the variable.
    previous = process.env[MARKER_VARIABLE];
    process.env[MARKER_VARIABLE] = marker.fsPath;
    const fixture = path.join(repositoryRoot(), 'test/fixtures/untrusted-workspace');
    for (const relative of readdirSync(fixture, { recursive: true }) as string[]) {
      if (relative === 'package.json' || relative === 'README.md' || !relative.includes('.')) continue;
      await write(relative, readFileSync(path.join(fixture, relative), 'utf8'));
    }
    const theirs = JSON.parse(readFileSync(path.join(fixture, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const manifestUri = vscode.Uri.joinPath(folder(), 'package.json');
    const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(manifestUri))) as { scripts?: Record<string, string> };
    await write('package.json', JSON.stringify({ ...manifest, scripts: { ...manifest.scripts, ...theirs.scripts } }, null, 2));
    for (const name of PLANTED_PACKAGES) {
      await write(`node_modules/${name}/package.json`, JSON.stringify({ name, version: '99.0.0', main: 'index.js' }));
      await write(`node_modules/${name}/index.js`, `require('fs').appendFileSync(process.env.${MARKER_VARIABLE} || require('path').join(__dirname, 'EXECUTED.marker'), 'node_modules/${name}\\n');\n`);
    }
  });

  after(() => {
    if (previous === undefined) delete process.env[MARKER_VARIABLE];
    else process.env[MARKER_VARIABLE] = previous;
  });

  it('rescan, assess, export, the dependency graph, Add Dockerfile and opening every config leave no marker', async () => {
    await vscode.commands.executeCommand('cloudward.rescanWorkspace');
    const summaries = await vscode.commands.executeCommand<{ findings: number }[]>('cloudward.assessWorkspace');
    assert.ok(summaries && summaries[0].findings > 0, 'the analysis of source text still runs in restricted mode');
    const report = vscode.Uri.joinPath(folder(), 'untrusted-report.json');
    await vscode.commands.executeCommand('cloudward.exportReport', 'json', report);
    const findings = (JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(report))) as { findings: { file: string }[] }).findings;
    assert.ok(findings.some((finding) => finding.file === 'src/server.js'), 'the untrusted app itself is analysed as text');
    await Promise.race([vscode.commands.executeCommand('cloudward.showDependencyGraph'), sleep(15_000)]);
    await vscode.commands.executeCommand('cloudward.addDockerfile', folder(), 'beside');
    for (const config of ['.dependency-cruiser.js', 'webpack.config.js', 'babel.config.js', 'vite.config.mjs', 'src/server.js']) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), config)), { preview: false });
    }
    const server = vscode.Uri.joinPath(folder(), 'src/server.js');
    await waitFor(() => vscode.languages.getDiagnostics(server).find((diagnostic) => diagnostic.source === 'cloudward'), 'diagnostics on the untrusted app', 30_000);
    await sleep(1500);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const markers = (await vscode.workspace.findFiles('**/*EXECUTED.marker', null)).map((uri) => vscode.workspace.asRelativePath(uri));
    let found: string | undefined;
    try {
      found = new TextDecoder().decode(await vscode.workspace.fs.readFile(marker));
    } catch {
      found = undefined;
    }
    assert.equal(found, undefined, `workspace code ran: ${found}`);
    assert.deepEqual(markers, [], 'no payload wrote its fallback marker either');
  });
});
