/**
 * The desktop route: a real VS Code (Electron) through @vscode/test-electron, where one is installed
 * (CLOUDWARD_VSCODE_EXECUTABLE), already downloaded into .vscode-test/, or downloadable.
 */
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TrustMode } from '../support/protocol';
import { log } from './log';
import { userSettings } from './settings';

export interface ElectronRunOptions {
  /** The extension under test (the repository, or an unpacked .vsix). */
  extensionPath: string;
  repositoryRoot: string;
  extensionTestsPath: string;
  workspace: string;
  runDir: string;
  trust: TrustMode;
  extensionEnvironment: Record<string, string>;
}

/** Why the desktop route can be taken here, or undefined when it cannot (then the offline route runs). */
export async function electronAvailable(repositoryRoot: string): Promise<string | undefined> {
  const executable = process.env.CLOUDWARD_VSCODE_EXECUTABLE;
  if (executable) {
    if (!existsSync(executable)) throw new Error(`CLOUDWARD_VSCODE_EXECUTABLE=${executable} does not exist`);
    return `CLOUDWARD_VSCODE_EXECUTABLE=${executable}`;
  }
  // Electron needs a display on Linux: without one (a headless CI box not under xvfb-run) prefer the offline route.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  const cache = path.join(repositoryRoot, '.vscode-test');
  if (existsSync(cache) && readdirSync(cache).some((name) => name.startsWith('vscode-'))) return 'a VS Code already downloaded in .vscode-test/';
  const probe = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(3_000) }).then(
    (response) => response.ok,
    () => false,
  );
  return probe ? 'VS Code is downloadable (update.code.visualstudio.com answered)' : undefined;
}

export async function runElectron(options: ElectronRunOptions): Promise<number> {
  const userData = path.join(options.runDir, 'user-data');
  const extensions = path.join(options.runDir, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(userSettings(options.trust), null, 2));
  mkdirSync(extensions, { recursive: true });
  try {
    return await runTests({
      vscodeExecutablePath: process.env.CLOUDWARD_VSCODE_EXECUTABLE || undefined,
      version: process.env.CLOUDWARD_VSCODE_VERSION || undefined,
      extensionDevelopmentPath: options.extensionPath,
      extensionTestsPath: options.extensionTestsPath,
      extensionTestsEnv: options.extensionEnvironment,
      launchArgs: [
        options.workspace,
        '--disable-extensions', // other installed extensions stay out of the way
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-telemetry',
        '--user-data-dir', userData,
        '--extensions-dir', extensions,
        ...(options.trust === 'trusted' ? ['--disable-workspace-trust'] : []),
      ],
    });
  } catch (error) {
    if (error instanceof TestRunFailedError) return error.code ?? 1;
    log(`VS Code could not run the tests: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
}
