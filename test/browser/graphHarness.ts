import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { graphWebviewHtml } from '../../src/extension/graphPanel/html';
import { analyzeWorkspace, buildGraph, nodeFileSystem } from '../../src/engine';
import { renderGraphPage, type GraphPageAssets } from '../../src/engine/report/graphPage';
import type { GraphModel } from '../../src/shared/graphModel';
import { repositoryRoot } from '../support/workspace';

export { syntheticModel } from '../support/syntheticGraph';

/**
 * Serves the graph page to a real headless Chromium the way VS Code does: the webview shell with its CSP,
 * the script by nonce from the page's own origin, `acquireVsCodeApi` recording what the page posts, and the
 * extension's messages delivered as window messages. Shared by the browser tests, the bench and the
 * screenshot script.
 */
export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The page's bundle built from source right now (the same options as esbuild.mjs, minified as shipped). */
export async function buildGraphPageAssets(): Promise<GraphPageAssets> {
  const result = await esbuild.build({
    absWorkingDir: repositoryRoot,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    entryPoints: { graph: 'src/webview/graph/main.ts' },
    outdir: path.join(repositoryRoot, '.harness/graph-page'),
    write: false,
    logLevel: 'warning',
  });
  const file = (extension: string) => result.outputFiles.find((output) => output.path.endsWith(extension))!.text;
  return { script: file('.js'), css: file('.css') };
}

/** The example's graph, built by the engine exactly as `cloudward graph` does. */
export async function exampleModel(root = path.join(repositoryRoot, 'examples/legacy-shop')): Promise<GraphModel> {
  const analysis = await analyzeWorkspace(root, { fs: nodeFileSystem });
  return buildGraph(root, { fs: nodeFileSystem, findings: analysis });
}

export interface Observed {
  consoleErrors: string[];
  violations: string[];
  requests: string[];
}

export interface Harness {
  browser: Browser;
  origin: string;
  assets: GraphPageAssets;
  close(): Promise<void>;
  /** The page as a VS Code webview: the extension's shell, a recording `acquireVsCodeApi`, optional saved state. */
  openWebview(options?: { colorScheme?: 'light' | 'dark'; state?: unknown; viewport?: { width: number; height: number }; cssVariables?: Record<string, string>; bodyClass?: string }): Promise<{ page: Page; observed: Observed }>;
  /** The CLI's self-contained file, loaded with no server at all. */
  openStandalone(model: GraphModel, options?: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; html?: string }): Promise<{ page: Page; observed: Observed }>;
}

export async function startHarness(): Promise<Harness> {
  const assets = await buildGraphPageAssets();
  const nonce = randomBytes(16).toString('base64');
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const send = (type: string, body: string) => response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    if (url.pathname === '/webview.html') send('text/html; charset=utf-8', graphWebviewHtml({ cspSource: origin, nonce, scriptUri: `${origin}/dist/graph.js`, styleUri: `${origin}/dist/graph.css`, title: 'Cloudward: dependencies' }));
    else if (url.pathname === '/dist/graph.js') send('text/javascript; charset=utf-8', assets.script);
    else if (url.pathname === '/dist/graph.css') send('text/css; charset=utf-8', assets.css);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const pageFolder = mkdtempSync(path.join(tmpdir(), 'cloudward-graph-page-'));
  let pages = 0;

  async function observe(context: BrowserContext, allowedOrigin: string | undefined, init?: string): Promise<{ page: Page; observed: Observed }> {
    const observed: Observed = { consoleErrors: [], violations: [], requests: [] };
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (allowedOrigin && url.startsWith(`${allowedOrigin}/`)) return route.continue();
      observed.requests.push(url);
      return route.abort();
    });
    // Init scripts as text: a function would be compiled by tsx with helpers the page does not have.
    await context.addInitScript(`
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
    `);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') observed.consoleErrors.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => observed.consoleErrors.push(`pageerror: ${error.message}`));
    return { page, observed };
  }

  return {
    browser,
    origin,
    assets,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(pageFolder, { recursive: true, force: true });
    },
    async openWebview(options = {}) {
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light', deviceScaleFactor: 1 });
      const init = `
        (() => {
          const posted = [];
          let saved = ${JSON.stringify(options.state ?? null)} ?? undefined;
          const api = { postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message))), getState: () => saved, setState: (next) => { saved = next; } };
          Object.assign(window, { __posted: posted, __state: () => saved, acquireVsCodeApi: () => api });
          // A VS Code webview gets its theme as variables on <html> (before its scripts run) and a class on <body>.
          const variables = Object.entries(${JSON.stringify(options.cssVariables ?? {})});
          const applyVariables = () => {
            if (!document.documentElement) return false;
            for (const [name, value] of variables) document.documentElement.style.setProperty(name, value);
            return true;
          };
          if (variables.length && !applyVariables()) {
            const observer = new MutationObserver(() => applyVariables() && observer.disconnect());
            observer.observe(document, { childList: true });
          }
          const bodyClass = ${JSON.stringify(options.bodyClass ?? '')};
          if (bodyClass) document.addEventListener('DOMContentLoaded', () => document.body.classList.add(bodyClass));
        })();
      `;
      const opened = await observe(context, origin, init);
      await opened.page.goto(`${origin}/webview.html`, { waitUntil: 'load' });
      return opened;
    },
    async openStandalone(model, options = {}) {
      const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light', deviceScaleFactor: 1, acceptDownloads: true });
      const opened = await observe(context, pathToFileURL(pageFolder).href);
      // Opened as a file, as a user opens the CLI's output (setContent would reuse a document and lose its listeners).
      const file = path.join(pageFolder, `graph-${++pages}.html`);
      writeFileSync(file, options.html ?? renderGraphPage(model, assets));
      await opened.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      return opened;
    },
  };
}

/** Runs an expression in the page (the test tsconfig has no DOM types). */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

export interface InspectedNode {
  id: string;
  kind: string;
  label: string;
  findings: number;
  members: number;
  cyclic: boolean;
  x: number;
  y: number;
}

export interface Inspection {
  timings: { visibleMs: number; layoutMs: number; drawMs: number; firstPaintMs?: number; firstFrameMs?: number; arrivedAt?: number; lastDrawMs: number; lastFrameMs: number };
  nodeCount: number;
  edgeCount: number;
  view: { collapsed: string[]; query: string };
  selected?: string;
  focused?: string;
  shownModules: number;
  /** Nodes of the cycle picked in the side panel. */
  highlighted: string[];
  nodes: InspectedNode[];
  edges: { from: string; to: string; cyclic: boolean; count: number }[];
  camera: { x: number; y: number; zoom: number };
}

/** What the page shows; `detail` false leaves out the node and edge lists (they are slow to bring over for 5,000 nodes). */
export function inspect(page: Page, detail = true): Promise<Inspection> {
  return inPage<Inspection>(page, `window.cloudwardGraph.inspect(${detail})`);
}

/** Delivers the graph as the extension does, and waits until it is drawn. */
export async function deliverModel(page: Page, model: GraphModel, folderName = 'legacy-shop', folder = 'file:///work/legacy-shop', detail = true): Promise<Inspection> {
  await page.evaluate(`window.__delivered = performance.now(); window.postMessage(${jsonLiteral({ type: 'graph', model, folder, folderName })}, '*')`);
  await waitUntil(page, 'window.cloudwardGraph.inspect(false).timings.firstPaintMs !== undefined');
  return inspect(page, detail);
}

/**
 * Polls an expression until it is truthy. Not page.waitForFunction: with a string it evaluates through
 * eval inside the page, which the page's CSP rightly refuses.
 */
export async function waitUntil(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A JSON value as a JavaScript expression (JSON is not quite JavaScript: U+2028 and U+2029). */
export function jsonLiteral(value: unknown): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function posted(page: Page): Promise<{ type: string; [key: string]: unknown }[]> {
  return inPage(page, 'window.__posted');
}

export function violations(page: Page): Promise<string[]> {
  return inPage(page, 'window.__violations');
}
