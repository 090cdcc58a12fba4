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
