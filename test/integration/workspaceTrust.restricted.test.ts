import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension } from './support/vscodeHost';

// Runs only in the restricted-mode pass: the fixture workspace is open but not trusted.
describe('cloudward in an untrusted workspace (integration)', () => {
  it('the workspace is in restricted mode', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('activates (untrustedWorkspaces: limited) and registers its commands', async () => {
    const extension = await activeExtension();
    assert.equal(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('cloudward.assessWorkspace'));
  });
});

describe('nothing from an untrusted workspace is executed (integration)', () => {
  it('configs and scripts that would write a marker when run stay unrun through analysis, assessment, export and Dockerfile scaffolding', async () => {
    await activeExtension();
    const folder = vscode.workspace.workspaceFolders![0];
    const marker = vscode.Uri.joinPath(folder.uri, 'EXECUTED.marker');
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, name), new TextEncoder().encode(text));
    const payload = `require('fs').writeFileSync(${JSON.stringify(marker.fsPath)}, __filename);\n`;
    await write('.dependency-cruiser.js', `${payload}module.exports = {};\n`);
    await write('webpack.config.js', `${payload}module.exports = {};\n`);
    await write('.cloudwardrc.js', payload);
    const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'package.json'))));
    manifest.scripts = { ...manifest.scripts, prepare: `node -e "${payload.replace(/"/g, '\\"').trim()}"`, build: 'node webpack.config.js' };
    await write('package.json', JSON.stringify(manifest, null, 2));

    const summaries = await vscode.commands.executeCommand<{ findings: number }[]>('cloudward.assessWorkspace');
    assert.ok(summaries && summaries[0].findings > 0, 'the analysis of source text still runs in restricted mode');
    await vscode.commands.executeCommand('cloudward.exportReport', 'json', vscode.Uri.joinPath(folder.uri, 'report.json'));
    await vscode.commands.executeCommand('cloudward.addDockerfile', folder.uri, 'beside');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'webpack.config.js'));
    await vscode.window.showTextDocument(document);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(marker)), 'the marker file must not exist: something ran workspace code');
  });
});
