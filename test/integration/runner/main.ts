/**
 * Runs the integration tests (test/integration/*.test.ts) inside a real VS Code extension host.
 *
 *   npm run test:integration [-- options]
 *
 *   --vscode auto|electron|offline  which VS Code (env CLOUDWARD_VSCODE; default auto): `electron` is the desktop
 *                                   app through @vscode/test-electron (CLOUDWARD_VSCODE_EXECUTABLE, a copy in
 *                                   .vscode-test/, or a download); `offline` is VS Code's server from code-server
 *                                   in headless Chromium (installed by scripts/install-test-host.sh into .harness/).
 *                                   `auto` takes electron when it is available, else offline.
 *   --trust all|trusted|restricted  which workspace-trust passes (default all: the trusted pass runs *.test.ts,
 *                                   then, if there are any, a restricted pass runs *.restricted.test.ts)
 *   --grep TEXT                     only tests whose full title contains TEXT (env CLOUDWARD_TEST_GREP)
 *   --timeout SECONDS               per pass, from opening VS Code to the end of the tests (default 900)
 *   --screenshots DIR               where relative screenshot paths go (default .harness/screenshots)
 *   --workspace DIR                 fixture copied for each pass (default examples/legacy-shop)
 *   --env KEY=VALUE                 extra environment for the extension host (repeatable)
 *   --keep-typescript               keep VS Code's built-in TypeScript/JavaScript features (offline route)
 *   --keep                          keep each pass's temporary folder (kept anyway when a pass fails)
 *   --verbose                       also print the workbench's own log lines (env CLOUDWARD_TEST_VERBOSE=1)
 *
 * Exit status: 0 when every test passed; 1 when a test failed; 124 on a timeout; 2 when the harness itself failed;
 * 130 when interrupted (Ctrl+C).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { env as vars, type TrustMode } from '../support/protocol';
import { buildTests } from './build';
import { electronAvailable, runElectron } from './electron';
import { ensureOfflineHost, offlineHost } from './host';
import { elapsedSeconds, log } from './log';
import { EXIT_HARNESS, EXIT_INTERRUPTED, runOffline } from './offline';

const repositoryRoot = path.resolve(__dirname, '../../..');

const { values: options } = parseArgs({
  options: {
    vscode: { type: 'string', default: process.env.CLOUDWARD_VSCODE ?? 'auto' },
    trust: { type: 'string', default: 'all' },
    grep: { type: 'string', default: process.env[vars.grep] ?? '' },
    timeout: { type: 'string', default: process.env.CLOUDWARD_TEST_TIMEOUT ?? '900' },
    screenshots: { type: 'string', default: path.join(repositoryRoot, '.harness/screenshots') },
    workspace: { type: 'string', default: path.join(repositoryRoot, 'examples/legacy-shop') },
    // The extension under test: the repository (default), or an unpacked .vsix to test what ships.
    extension: { type: 'string', default: repositoryRoot },
    env: { type: 'string', multiple: true, default: [] },
    'keep-typescript': { type: 'boolean', default: process.env.CLOUDWARD_TEST_KEEP_TS === '1' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: process.env.CLOUDWARD_TEST_VERBOSE === '1' },
  },
  strict: true,
});

function fail(message: string): never {
  log(message);
  process.exit(EXIT_HARNESS);
}

/** Compiled tests of earlier runs whose runner is gone (killed, or kept after a failure). */
function removeStaleOutput(outRoot: string): void {
  if (!existsSync(outRoot)) return;
  for (const name of readdirSync(outRoot)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0); // still running: another run in this working tree
    } catch {
      rmSync(path.join(outRoot, name), { recursive: true, force: true });
    }
  }
}

async function main(): Promise<number> {
  if (!['auto', 'electron', 'offline'].includes(options.vscode)) fail(`--vscode must be auto, electron or offline, not ${options.vscode}`);
  if (!['all', 'trusted', 'restricted'].includes(options.trust)) fail(`--trust must be all, trusted or restricted, not ${options.trust}`);
  const timeoutSeconds = Number(options.timeout);
  if (!(timeoutSeconds > 0)) fail(`--timeout must be a number of seconds, not ${options.timeout}`);
  const extensionPath = path.resolve(options.extension);
  if (!existsSync(path.join(extensionPath, 'dist/extension.js'))) fail(`${path.join(extensionPath, 'dist/extension.js')} is missing: run \`npm run build\` first`);
  const fixture = path.resolve(options.workspace);
  if (!existsSync(fixture)) fail(`no fixture workspace at ${fixture}`);

  // Inside the repository, so that the extension host resolves mocha from its node_modules.
  const outRoot = path.join(repositoryRoot, '.harness/out');
  removeStaleOutput(outRoot);
  const outDir = path.join(outRoot, `run-${process.pid}`);
  const { index, testFiles } = await buildTests(repositoryRoot, outDir);
  const passes: TrustMode[] = options.trust === 'all' ? ['trusted', 'restricted'] : [options.trust as TrustMode];
  const hasFiles = (mode: TrustMode) => testFiles.some((file) => file.endsWith('.restricted.test.ts') === (mode === 'restricted'));
  log(`compiled ${testFiles.length} test file(s) into ${path.relative(repositoryRoot, outDir)}`);

  let route: 'electron' | 'offline' = options.vscode === 'electron' ? 'electron' : 'offline';
  if (options.vscode === 'auto') {
    const reason = await electronAvailable(repositoryRoot);
    route = reason ? 'electron' : 'offline';
    log(reason ? `desktop VS Code through @vscode/test-electron: ${reason}` : 'no desktop VS Code here: offline route (code-server + headless Chromium)');
  }
  const host = offlineHost(repositoryRoot);
  if (route === 'offline' && !ensureOfflineHost(repositoryRoot)) return EXIT_HARNESS;

  const extraEnvironment = Object.fromEntries(
    options.env.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) fail(`--env wants KEY=VALUE, not ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );

  let worst = 0;
  for (const trust of passes) {
    if (!hasFiles(trust)) {
      if (options.trust !== 'all') log(`no ${trust === 'restricted' ? '*.restricted.test.ts' : '*.test.ts'} files: nothing to run`);
      continue;
    }
    const runDir = mkdtempSync(path.join(tmpdir(), `cloudward-it-${trust}-`));
    const workspace = path.join(runDir, path.basename(fixture));
    cpSync(fixture, workspace, { recursive: true });
    const extensionEnvironment: Record<string, string> = {
      ...extraEnvironment,
      [vars.mode]: trust,
      [vars.route]: route,
      [vars.grep]: options.grep,
      [vars.screenshotDir]: path.resolve(options.screenshots),
      [vars.repositoryRoot]: repositoryRoot,
    };
    const started = elapsedSeconds();
    log(`── ${trust} pass (${route}) ──`);
    let code: number;
    if (route === 'electron') {
      code = await runElectron({ repositoryRoot, extensionPath, extensionTestsPath: index, workspace, runDir, trust, extensionEnvironment });
    } else {
      const result = await runOffline({
        host,
        repositoryRoot,
        extensionPath,
        extensionTestsPath: index,
        workspace,
        runDir,
        trust,
        extensionEnvironment,
        timeoutSeconds,
        verbose: options.verbose,
        keepTypeScript: options['keep-typescript'],
      });
      code = result.code;
    }
    log(`${trust} pass: exit code ${code} in ${(elapsedSeconds() - started).toFixed(1)}s`);
    if (code !== 0 || options.keep) log(`kept ${runDir} (workspace copy, server and workbench logs)`);
    else rmSync(runDir, { recursive: true, force: true });
    if (worst === 0) worst = code;
    if (code === EXIT_INTERRUPTED) break;
  }
  if (worst === 0 && !options.keep) rmSync(outDir, { recursive: true, force: true });
  else log(`kept the compiled tests in ${outDir} (stack traces point there)`);
  log(worst === 0 ? 'integration tests passed' : `integration tests FAILED (exit code ${worst})`);
  return worst;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(`harness error: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exit(EXIT_HARNESS);
  },
);
