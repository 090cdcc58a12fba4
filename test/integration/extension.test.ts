import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { AssessmentSummary } from '../../src/extension/commands/assessWorkspace';
import { activeExtension, extensionId, repositoryRoot, screenshot, workspaceFolder } from './support/vscodeHost';

/** The CLI's JSON report for `folder`, from the same build (dist/cli.js), run with this extension host's Node. */
async function cliReport(folder: string) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(repositoryRoot(), 'dist/cli.js'), 'assess', folder, '--format', 'json', '--fail-on', 'never'],
    { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as {
    summary: { files: number; parsed: number; bySeverity: Record<string, number>; byCategory: Record<string, number> };
    findings: unknown[];
  };
}

describe('cloudward extension (integration)', () => {
  it(`is installed as ${extensionId} and activates`, async () => {
    const extension = await activeExtension();
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.name, 'cloudward');
    // Measured, not asserted: activate() reports how long it took (the figure goes in the bench notes).
    const { activationMs } = extension.exports as { activationMs: number };
    assert.equal(typeof activationMs, 'number');
    console.log(`[integration] activate() took ${activationMs.toFixed(2)} ms`);
  });

  it('registers its commands', async () => {
    await activeExtension();
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['cloudward.assessWorkspace', 'cloudward.rescanWorkspace', 'cloudward.exportReport', 'cloudward.addDockerfile', 'cloudward.showDependencyGraph', 'cloudward.showOutput']) {
      assert.ok(commands.includes(command), `command ${command} is not registered`);
    }
  });

  it('cloudward.assessWorkspace returns the analysis of the workspace, the same as the CLI', async () => {
    const folder = workspaceFolder();
    const summaries = await vscode.commands.executeCommand<AssessmentSummary[] | undefined>('cloudward.assessWorkspace');
    assert.ok(Array.isArray(summaries), `expected one summary per folder, got ${JSON.stringify(summaries)}`);
    assert.equal(summaries.length, 1);
    const [summary] = summaries;

    const cli = await cliReport(folder.uri.fsPath);
    assert.ok(cli.findings.length > 0, 'the fixture (a copy of examples/legacy-shop) has planted findings');
    assert.deepEqual(
      { findings: summary.findings, files: summary.files, parsed: summary.parsed, bySeverity: summary.bySeverity, byCategory: summary.byCategory },
      { findings: cli.findings.length, files: cli.summary.files, parsed: cli.summary.parsed, bySeverity: cli.summary.bySeverity, byCategory: cli.summary.byCategory },
    );

    // The report is in the Cloudward output: a picture of what the user sees (offline route only).
    await screenshot('assess-workspace.png', { waitForSelector: '.part.panel .monaco-editor .view-lines' });
  });
});
