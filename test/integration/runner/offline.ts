/**
 * The offline route: VS Code's server from code-server (Node 24) on 127.0.0.1, its web workbench in headless
 * Chromium driven by playwright-core. The server runs with the smoke-test driver on, which makes the workbench
 * honour the `payload` (extensionDevelopmentPath / extensionTestsPath / extensionEnvironment), forward the
 * extension host's console to window.codeAutomationLog and report the result to window.codeAutomationExit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, existsSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { requestSuffix, responseSuffix, type ScreenshotRequest, type ScreenshotResponse, type TrustMode } from '../support/protocol';
import type { OfflineHost } from './host';
import { log } from './log';
import { userSettings } from './settings';

export interface OfflineRunOptions {
  /** The extension under test (the repository, or an unpacked .vsix). */
  extensionPath: string;
  host: OfflineHost;
  repositoryRoot: string;
  /** Compiled test index, without `.js`. */
  extensionTestsPath: string;
  workspace: string;
  /** This run's own folder: server state, XDG folders, TMPDIR, browser profile, logs. */
  runDir: string;
  trust: TrustMode;
  extensionEnvironment: Record<string, string>;
  timeoutSeconds: number;
  verbose: boolean;
  /** Keep the built-in TypeScript/JavaScript language features (skipped by default: slow, and cancels code actions while tsserver starts). */
  keepTypeScript: boolean;
}

export const EXIT_TIMEOUT = 124;
export const EXIT_HARNESS = 2;
export const EXIT_INTERRUPTED = 130;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Built-in extensions that only reach for the network or slow the workbench down here. */
const SKIPPED_BUILTINS = [
  'GitHub.copilot-chat',
  'vscode.git',
  'vscode.git-base',
  'vscode.github',
  'vscode.github-authentication',
  'vscode.microsoft-authentication',
  'vscode.debug-auto-launch',
  'vscode.merge-conflict',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class Server {
  private exited = false;
  readonly exit: Promise<number | null>;

  constructor(readonly child: ChildProcess, readonly port: number, readonly logFile: string) {
    this.exit = new Promise((resolve) => child.on('exit', (code) => { this.exited = true; resolve(code); }));
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return !this.exited;
  }

  tail(lines = 30): string {
    return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }

  /** Stops the server and everything it started (extension host, pty host, file watcher): its process group. */
  async stop(): Promise<void> {
    const group = this.child.pid!;
    const signal = (name: NodeJS.Signals | 0) => {
      try {
        process.kill(-group, name);
        return true;
      } catch {
        return false; // the group is gone
      }
    };
    if (!signal('SIGTERM')) return;
    for (let i = 0; i < 50; i++) {
      await sleep(100);
      if (!signal(0)) return; // signal 0: does the group still exist?
    }
    signal('SIGKILL');
  }
}

async function startServer(options: OfflineRunOptions): Promise<Server> {
  const { host, runDir, workspace, trust } = options;
  const dirs = Object.fromEntries(
    ['user-data/User', 'extensions', 'xdg-data', 'xdg-config', 'xdg-cache', 'tmp', 'logs'].map((name) => [name, path.join(runDir, name)]),
  );
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dirs['user-data/User'], 'settings.json'), JSON.stringify(userSettings(trust), null, 2));

  const { NODE_OPTIONS: _nodeOptions, ...inherited } = process.env;
  const env = {
    ...inherited,
    PATH: `${path.dirname(host.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}', // no marketplace: no queries to open-vsx.org
    VSCODE_SKIP_BUILTIN_EXTENSIONS: [...SKIPPED_BUILTINS, ...(options.keepTypeScript ? [] : ['vscode.typescript-language-features'])].join(','),
  };

  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = path.join(runDir, 'config.yaml');
    writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const logFile = path.join(dirs.logs, `server-${attempt}.log`);
    const out = openSync(logFile, 'w');
    const args = [
      path.join(host.codeServer, 'out/node/entry.js'),
      '--config', config,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(trust === 'trusted' ? ['--disable-workspace-trust'] : []),
      '--user-data-dir', path.join(runDir, 'user-data'),
      '--extensions-dir', dirs.extensions,
      '--vscode-option', 'enable-smoke-test-driver',
      workspace,
    ];
    // detached: its own session and process group, so stop() reaches every process it starts.
    const child = spawn(host.node, args, { cwd: runDir, env, detached: true, stdio: ['ignore', out, out] });
    closeSync(out);
    const server = new Server(child, port, logFile);
    const deadline = Date.now() + 90_000;
    while (server.alive && Date.now() < deadline) {
      const healthy = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
      if (healthy) {
        log(`code-server is up on ${server.origin} (pid ${child.pid}, log ${logFile})`);
        return server;
      }
      await sleep(200);
    }
    await server.stop();
    const portTaken = /EADDRINUSE/.test(server.tail());
    if (portTaken && attempt < 3) continue;
    throw new Error(`code-server did not start (${server.alive ? 'timed out' : 'exited'}):\n${server.tail()}`);
  }
}

/** The remote authority and smoke-test flag, from the workbench's configuration meta tag. */
async function workbenchConfiguration(origin: string): Promise<{ remoteAuthority: string; smokeTestDriver: boolean }> {
  const html = await (await fetch(`${origin}/`)).text();
  const match = /id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html);
  if (!match) throw new Error(`no workbench configuration at ${origin}/`);
  const configuration = JSON.parse(match[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  return {
    remoteAuthority: configuration.remoteAuthority ?? new URL(origin).host,
    smokeTestDriver: !!configuration.developmentOptions?.enableSmokeTestDriver,
  };
}

/** Workbench and browser chatter that says nothing about the tests (shown with --verbose). */
const NOISE = [
  /^Resolving connection token/, /^Resolved connection token/, /^Creating a socket/, /^\[reconnection-grace-time\]/,
  /^Updating additional builtin extensions cache/, /^\[Service Worker\]/, /^\[AccountPolicyGate\]/, /^\[AgentHost/,
  /^Creation of workbench contribution/, /^Extension host \(.*\) is (un)?responsive/, /authentication provider 'github'/,
  /^\[DefaultAccount\]/, /^\[chat-stt\]/, /open-vsx\.org/, /^Ignoring fetching additional builtin extensions/,
  /^Time limit reached when tokenizing/, /getaddrinfo ENOTFOUND/, /^No search provider registered for scheme/,
];

function text(args: unknown): string {
  return (Array.isArray(args) ? args : [args])
    .map((arg) => (typeof arg === 'string' ? arg : arg instanceof Object ? JSON.stringify(arg) : String(arg)))
    .join(' ');
}

/** Serves the tests' screenshot requests until `stop` resolves. */
async function serveScreenshots(page: Page, handshake: string, stop: Promise<unknown>, taken: string[]): Promise<void> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!stopped) {
    for (const file of readdirSync(handshake).filter((name) => name.endsWith(requestSuffix)).sort()) {
      const id = file.slice(0, -requestSuffix.length);
      const request = JSON.parse(readFileSync(path.join(handshake, file), 'utf8')) as ScreenshotRequest;
      rmSync(path.join(handshake, file));
      const response: ScreenshotResponse = { ok: true, path: request.path };
      try {
        if (request.waitForSelector) {
          await page
            .locator(request.waitForSelector)
            .first()
            .waitFor({ state: 'visible', timeout: request.selectorTimeoutMs ?? 15_000 })
            .catch(() => (response.warning = `${request.waitForSelector} did not appear; screenshot taken anyway`));
        }
        await page.waitForTimeout(request.delayMs ?? 500);
        mkdirSync(path.dirname(request.path), { recursive: true });
        await page.screenshot({ path: request.path });
        taken.push(request.path);
        log(`screenshot saved: ${request.path}`);
      } catch (error) {
        Object.assign(response, { ok: false, error: String(error) });
      }
      const responseFile = path.join(handshake, id + responseSuffix);
      writeFileSync(responseFile + '.tmp', JSON.stringify(response));
      renameSync(responseFile + '.tmp', responseFile);
    }
    await Promise.race([stop, sleep(150)]);
  }
}

/** Runs the tests once; resolves to the exit code (mocha's result, EXIT_TIMEOUT, or EXIT_HARNESS). */
export async function runOffline(options: OfflineRunOptions): Promise<{ code: number; screenshots: string[] }> {
  const screenshots: string[] = [];
  let server: Server | undefined;
  let closeBrowser = async () => {};
  let wasInterrupted = false;
  const interrupted = () => {
    // Ctrl+C / SIGTERM: the server is in its own process group and would outlive us. Stopping it and the
    // browser makes the steps below fail fast; the pass then ends with EXIT_INTERRUPTED.
    wasInterrupted = true;
    log('interrupted: stopping the browser and the server');
    void closeBrowser();
    void server?.stop();
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    server = await startServer(options);
    const { remoteAuthority, smokeTestDriver } = await workbenchConfiguration(server.origin);
    if (!smokeTestDriver) throw new Error('the server did not enable the smoke-test driver: the workbench would ignore the tests');
    const remote = (file: string) => `vscode-remote://${remoteAuthority}${file}`;

    const handshake = path.join(options.runDir, 'screenshot-handshake');
    mkdirSync(handshake, { recursive: true });
    const payload = [
      ['extensionDevelopmentPath', remote(options.extensionPath)],
      ['extensionTestsPath', remote(options.extensionTestsPath)],
      ['extensionEnvironment', JSON.stringify({ ...options.extensionEnvironment, CLOUDWARD_SCREENSHOT_HANDSHAKE: handshake })],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `${server.origin}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const context = await chromium.launchPersistentContext(path.join(options.runDir, 'chromium-profile'), {
      executablePath: options.host.chromium,
      headless: true,
      chromiumSandbox: false,
      handleSIGINT: false, // our own handler stops the browser and the server
      handleSIGTERM: false,
      viewport: { width: 1440, height: 900 },
      args: [
        '--headless', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
        // Chromium still looks up Google's hosts despite the flags above: answer every name but loopback locally.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    });
    closeBrowser = () => context.close().catch(() => {});
    await context.route('**/*', (route) => {
      const target = new URL(route.request().url());
      if (LOOPBACK.has(target.hostname) || !target.protocol.startsWith('http')) return route.continue();
      if (options.verbose) log(`blocked a request to ${target.origin}`);
      return route.abort('blockedbyclient');
    });

    const page = context.pages()[0] ?? (await context.newPage());
    let reportExit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(Number(code)));
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      const line = text(args);
      if (!options.verbose && NOISE.some((noise) => noise.test(line))) return;
      if (level === 'error') process.stderr.write(`[error] ${line}\n`);
      else process.stdout.write(`${level === 'warn' ? '[warn] ' : ''}${line}\n`);
    });
    page.on('pageerror', (error) => log(`workbench page error: ${error.message}`));
    if (options.verbose) page.on('console', (message) => log(`[browser ${message.type()}] ${message.text().slice(0, 500)}`));

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutSeconds * 1000)));
    log(`opening the workbench (workspace ${options.trust}): ${options.workspace}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: options.timeoutSeconds * 1000 });
    const serverDied = server.exit.then(() => 'server-exit' as const);
    const outcome = Promise.race([exited, timedOut, serverDied]);
    const screenshotsServed = serveScreenshots(page, handshake, outcome, screenshots);
    const result = await outcome;
    clearTimeout(timer);
    await screenshotsServed.catch((error) => log(`screenshot handshake failed: ${error}`));

    let code: number;
    if (wasInterrupted) {
      code = EXIT_INTERRUPTED;
    } else if (result === 'timeout') {
      const picture = path.join(options.runDir, 'logs/timeout.png');
      await page.screenshot({ path: picture }).catch(() => {});
      log(`TIMEOUT: the tests did not finish within ${options.timeoutSeconds}s (workbench at that moment: ${picture})`);
      code = EXIT_TIMEOUT;
    } else if (result === 'server-exit') {
      log(`code-server exited during the tests:\n${server.tail()}`);
      code = EXIT_HARNESS;
    } else {
      code = result;
    }
    await closeBrowser();
    return { code, screenshots };
  } catch (error) {
    if (wasInterrupted) return { code: EXIT_INTERRUPTED, screenshots };
    log(`harness error: ${error instanceof Error ? error.message : error}`);
    return { code: EXIT_HARNESS, screenshots };
  } finally {
    await closeBrowser();
    await server?.stop();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

export function hasOfflineHost(host: OfflineHost): boolean {
  return existsSync(host.node) && existsSync(path.join(host.codeServer, 'out/node/entry.js')) && existsSync(host.chromium);
}
