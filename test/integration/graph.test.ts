import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { GraphPanelSummary } from '../../src/extension/graphPanel/graphPanel';
import type { GraphModel } from '../../src/shared/graphModel';
import { activeExtension, repositoryRoot, screenshot, waitFor, workspaceFolder } from './support/vscodeHost';

/** The CLI's graph of `folder` (dist/cli.js from the same build), run with this extension host's Node. */
async function cliGraph(folder: string): Promise<GraphModel> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(repositoryRoot(), 'dist/cli.js'), 'graph', folder, '--format', 'json'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as GraphModel;
}

/**
 * Open documents of the folder that are unsaved or hold other text than their file: the panel analyses the
 * files on disk, as the CLI does, so the two can only be compared on a workspace that earlier suites left settled.
 */
async function unsettledDocuments(folder: vscode.WorkspaceFolder): Promise<string[]> {
  const unsettled: string[] = [];
  for (const document of vscode.workspace.textDocuments) {
    if (document.uri.scheme !== 'file' || vscode.workspace.getWorkspaceFolder(document.uri)?.uri.toString() !== folder.uri.toString()) continue;
    const name = vscode.workspace.asRelativePath(document.uri);
    if (document.isDirty) unsettled.push(`${name} (unsaved)`);
    else if ((await readFile(document.uri.fsPath, 'utf8').catch(() => undefined)) !== document.getText()) unsettled.push(`${name} (editor and disk differ)`);
  }
  return unsettled;
}

function graphTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('cloudward.graph'));
}

describe('dependency graph panel (integration)', () => {
  it('Show Dependency Graph opens the panel, whose page reports ready and receives the same graph as the CLI builds', async function () {
    this.timeout(120_000);
    await activeExtension();
    const folder = workspaceFolder();
    assert.deepEqual(await unsettledDocuments(folder), [], 'every open document is saved and matches its file: earlier suites left the workspace settled');
    const summary = await vscode.commands.executeCommand<GraphPanelSummary | undefined>('cloudward.showDependencyGraph');
    assert.ok(summary, 'the command resolves with the graph it delivered');
    assert.equal(summary.delivered, true, 'the page announced ready under its CSP and was sent the graph');
    const tab = await waitFor(() => graphTabs()[0], 'the graph webview tab');
    assert.equal(tab.label, `Dependencies: ${folder.name}`);

    const cli = await cliGraph(folder.uri.fsPath);
    assert.ok(cli.modules.length >= 10, 'the workspace (a copy of examples/legacy-shop) has a real graph');
    assert.deepEqual(
      { modules: summary.modules, packages: summary.packages, services: summary.services, edges: summary.edges, cycles: summary.cycles },
      { modules: cli.modules.length, packages: cli.packages.length, services: cli.services.length, edges: cli.edges.length, cycles: cli.cycles.length },
    );

    if (process.env.CLOUDWARD_SCREENSHOTS !== '0') await screenshot('graph-webview.png', { waitForSelector: 'iframe.webview.ready', delayMs: 3000 });
  });

  it('running it again reveals the same panel; after closing it, a new one opens and gets the graph again', async function () {
    this.timeout(120_000);
    const again = await vscode.commands.executeCommand<GraphPanelSummary | undefined>('cloudward.showDependencyGraph');
    assert.equal(again?.delivered, true);
    assert.equal(graphTabs().length, 1, 'one panel per folder');

    await vscode.window.tabGroups.close(graphTabs());
    await waitFor(() => (graphTabs().length === 0 ? true : undefined), 'the graph tab to close');
    const reopened = await vscode.commands.executeCommand<GraphPanelSummary | undefined>('cloudward.showDependencyGraph', vscode.Uri.joinPath(workspaceFolder().uri, 'lib'));
    assert.equal(reopened?.delivered, true, 'opened from a folder in the explorer');
    assert.equal(graphTabs().length, 1);
  });

  it('an open panel takes in a file created, edited and deleted on disk from the graph its worker keeps, and shows what the CLI builds', async function () {
    this.timeout(180_000);
    const folder = workspaceFolder();
    const counts = ({ modules, packages, services, edges, cycles }: GraphPanelSummary) => ({ modules, packages, services, edges, cycles });
    const cliCounts = (model: GraphModel) => ({ modules: model.modules.length, packages: model.packages.length, services: model.services.length, edges: model.edges.length, cycles: model.cycles.length });
    const opened = await vscode.commands.executeCommand<GraphPanelSummary | undefined>('cloudward.showDependencyGraph');
    assert.equal(opened?.delivered, true);
    /** The panel's graph once it shows what the CLI builds from the files on disk now, updated rather than rebuilt. */
    const panelMatchingCli = async (what: string) => {
      const cli = cliCounts(await cliGraph(folder.uri.fsPath));
      return waitFor(async () => {
        const summary = await vscode.commands.executeCommand<GraphPanelSummary | undefined>('cloudward.showDependencyGraph');
        return summary?.updated && JSON.stringify(counts(summary)) === JSON.stringify(cli) ? summary : undefined;
      }, `the open panel to take in ${what} (the CLI: ${JSON.stringify(cli)})`, 60_000);
    };
    const written = path.join(folder.uri.fsPath, 'lib', 'audit.js');
    try {
      await writeFile(written, "'use strict';\n\nconst { Pool } = require('pg');\nconst logger = require('./logger');\n\nlogger.info('audit database');\nmodule.exports = new Pool({ connectionString: process.env.AUDIT_DATABASE_URL });\n");
      const created = await panelMatchingCli('a new file with a database and an import');
      assert.equal(created.modules, opened.modules + 1);
      assert.ok(created.services > opened.services, 'the new file brings PostgreSQL to the backing services');

      await writeFile(written, "'use strict';\n\nconst { Pool } = require('pg');\n\nmodule.exports = new Pool({ connectionString: process.env.AUDIT_DATABASE_URL });\n");
      const edited = await panelMatchingCli('an edit that drops an import');
      assert.equal(edited.edges, created.edges - 1);
    } finally {
      await rm(written, { force: true });
    }
    const removed = await panelMatchingCli('the deletion of the file');
    assert.deepEqual(counts(removed), counts(opened));
  });

  it('a reopened panel shows the backing service of a file written on disk after the last workspace scan, as the CLI does', async function () {
    this.timeout(120_000);
    const folder = workspaceFolder();
    // Written outside the editor (a git pull, a generator): the extension re-analyses the file for its
    // diagnostics, but no whole-folder scan runs, so a panel built on the last scan would miss the service.
    const written = path.join(folder.uri.fsPath, 'lib', 'reports.js');
    await writeFile(written, "'use strict';\n\nconst { Pool } = require('pg');\n\nmodule.exports = new Pool({ connectionString: process.env.DATABASE_URL });\n");
    try {
      await vscode.window.tabGroups.close(graphTabs());
      await waitFor(() => (graphTabs().length === 0 ? true : undefined), 'the graph tab to close');
      const summary = await vscode.commands.executeCommand<GraphPanelSummary | undefined>('cloudward.showDependencyGraph');
      assert.equal(summary?.delivered, true);
      const cli = await cliGraph(folder.uri.fsPath);
      assert.ok(cli.services.some((service) => service.name === 'PostgreSQL'), `the CLI finds the new file's database: ${cli.services.map((service) => service.name).join(', ')}`);
      assert.deepEqual(
        { modules: summary.modules, services: summary.services, edges: summary.edges },
        { modules: cli.modules.length, services: cli.services.length, edges: cli.edges.length },
      );
    } finally {
      await rm(written, { force: true });
      await vscode.window.tabGroups.close(graphTabs());
    }
  });
});
