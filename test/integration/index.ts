/**
 * The integration tests' entry point, loaded by VS Code's extension host through `extensionTestsPath` (the
 * same contract for @vscode/test-electron and for the offline code-server route): `run()` runs mocha over
 * every compiled `*.test.js` beside this file and rejects when a test fails.
 *
 * Files named `*.restricted.test.ts` run only in the restricted-mode pass (an untrusted workspace); all
 * other `*.test.ts` files only in the trusted pass.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { env } from './support/protocol';
import { trustMode } from './support/vscodeHost';

export async function run(): Promise<void> {
  // The offline route relays the extension host's console.* to the terminal argument by argument, without
  // printf-style formatting: hand mocha's reporter output over as finished lines.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));

  const grep = process.env[env.grep];
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000, ...(grep ? { grep } : {}) });
  const files = (readdirSync(__dirname, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.test.js'))
    .filter((file) => file.endsWith('.restricted.test.js') === (trustMode === 'restricted'))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  console.log(
    `[integration] VS Code ${vscode.version} (${vscode.env.appName}, ui ${vscode.UIKind[vscode.env.uiKind]}), Node ${process.version}, ` +
      `workspace ${trustMode}, ${files.length} test file(s)${grep ? `, grep "${grep}"` : ''}`,
  );
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (error) {
      reject(error);
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
