/**
 * Helpers for integration tests. They run INSIDE the VS Code extension host (bundled into each test file).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { env, requestSuffix, responseSuffix, type ScreenshotRequest, type ScreenshotResponse, type TrustMode } from './protocol';

export const extensionId = 'cloudward.cloudward';

export const trustMode: TrustMode = process.env[env.mode] === 'restricted' ? 'restricted' : 'trusted';
export const route = process.env[env.route] ?? 'unknown';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something other than undefined (or throws after `timeoutMs`). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** The Cloudward extension, activated. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension) throw new Error(`extension ${extensionId} is not installed in this VS Code`);
  await extension.activate();
  return extension;
}

/** The (per-run copy of the) fixture workspace: a copy of examples/legacy-shop. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests expect a workspace folder to be open');
  return folder;
}

/** The repository root (the extension under test), e.g. to run `dist/cli.js`. */
export function repositoryRoot(): string {
  return process.env[env.repositoryRoot] ?? path.resolve(__dirname, '../../..');
}

/** True where a screenshot can be taken (the offline route, whose driver owns the browser). */
export const canScreenshot = !!process.env[env.screenshotHandshake];

let sequence = 0;

/**
 * Asks the driver for a screenshot of the whole workbench, now, and waits until it is saved.
 * `file` is absolute, or relative to the screenshot folder (.harness/screenshots unless the runner was
 * told otherwise). Returns the absolute path, or undefined where no driver can take one (electron route).
 *
 *   await screenshot('problems-panel.png', { waitForSelector: '.markers-panel .monaco-list-row' });
 */
export async function screenshot(
  file: string,
  options: Omit<ScreenshotRequest, 'path'> & { timeoutMs?: number } = {},
): Promise<string | undefined> {
  const handshake = process.env[env.screenshotHandshake];
  const target = path.resolve(process.env[env.screenshotDir] ?? path.join(repositoryRoot(), '.harness/screenshots'), file);
  if (!handshake) {
    console.log(`[integration] screenshot ${file} skipped: no driver on the ${route} route`);
    return undefined;
  }
  const { timeoutMs = 60_000, ...request } = options;
  const id = `${process.pid}-${Date.now()}-${++sequence}`;
  const requestFile = path.join(handshake, id + requestSuffix);
  const responseFile = path.join(handshake, id + responseSuffix);
  mkdirSync(handshake, { recursive: true });
  writeFileSync(requestFile + '.tmp', JSON.stringify({ ...request, path: target } satisfies ScreenshotRequest));
  renameSync(requestFile + '.tmp', requestFile); // the driver never sees a half-written request
  const response = await waitFor(
    () => (existsSync(responseFile) ? (JSON.parse(readFileSync(responseFile, 'utf8')) as ScreenshotResponse) : undefined),
    `the driver to save screenshot ${target}`,
    timeoutMs,
  );
  rmSync(responseFile, { force: true });
  if (!response.ok) throw new Error(`screenshot ${target} failed: ${response.error}`);
  if (response.warning) console.log(`[integration] screenshot ${file}: ${response.warning}`);
  return response.path;
}

/**
 * Gives a file `text` through the editor and saves it, so the editor's copy and the disk agree at once.
 * A document an extension only opened (not shown) may be closed by the workbench at any moment, when it
 * drops its oldest references: one closed between the edit and the save is opened again and saved then.
 */
export async function replaceTextAndSave(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  for (let attempt = 1; ; attempt++) {
    const document = await vscode.workspace.openTextDocument(uri);
    try {
      if (document.getText() !== text) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
        if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`the edit of ${uri.fsPath} was refused`);
      }
      if (document.isDirty && !(await document.save())) throw new Error(`saving ${uri.fsPath} failed`);
      return document;
    } catch (error) {
      if (attempt >= 3 || !document.isClosed) throw error;
    }
  }
}
