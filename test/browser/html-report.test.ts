import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyzeWorkspace, nodeFileSystem, type AnalysisResult } from '../../src/engine';
import { formatHtml } from '../../src/engine/report/html';
import { legacyShop, repositoryRoot } from '../support/workspace';

/** Debian's chromium (apt-get install -y chromium); CHROMIUM_PATH overrides. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const screenshotPath = path.join(repositoryRoot, 'docs/images/html-report.png');

/** Runs an expression in the page (the test tsconfig has no DOM types). */
function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

interface Observed {
  consoleErrors: string[];
  requests: string[];
}

/** A page that may make no request at all: every request is recorded and aborted. */
async function openReport(browser: Browser, html: string, colorScheme: 'light' | 'dark'): Promise<{ page: Page; observed: Observed }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme, deviceScaleFactor: 1 });
  const observed: Observed = { consoleErrors: [], requests: [] };
  await context.route('**/*', (route) => {
    observed.requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') observed.consoleErrors.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => observed.consoleErrors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (!observed.requests.includes(request.url())) observed.requests.push(request.url());
  });
  await page.setContent(html, { waitUntil: 'load' });
  return { page, observed };
}

describe('HTML report in a real headless browser (browser)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let result: AnalysisResult;
  let html: string;

  before(async function () {
    if (!existsSync(executablePath)) {
      throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    }
    browser = await chromium.launch({ executablePath, args: ARGS, headless: true });
    result = await analyzeWorkspace(legacyShop, { fs: nodeFileSystem });
    html = formatHtml(result, { name: 'cloudward', version: '0.1.0' }, 'examples/legacy-shop');
  });

  after(async () => {
    await browser?.close();
  });

  it('renders the score, strategy, charts, plan and findings with no console error and no request', async () => {
    const { page, observed } = await openReport(browser, html, 'light');
    try {
      assert.equal(await page.title(), 'Cloud readiness of legacy-shop');
      const headings = await page.locator('h2').allInnerTexts();
      assert.deepEqual(headings.map((text) => text.replace(/:.*$/, '')), ['Strategy', 'Readiness score', 'Inventory', 'Migration plan (replatform)'.replace(/ \(.*$/, headings[3].includes('refactor') ? ' (refactor)' : ' (replatform)'), 'Effort', 'Findings']);
      // the charts are drawn: the gauge arc, one bar per category with findings, one deduction bar per category
      assert.equal(await page.locator('svg').count(), 3);
      const categories = new Set(result.findings.map((finding) => finding.category)).size;
      assert.equal(await page.locator('.chart').first().locator('svg text[text-anchor="end"]').count(), categories);
      const gauge = await page.locator('.gauge-value').boundingBox();
      assert.ok(gauge && gauge.width > 50 && gauge.height > 50, 'the gauge has a size');
      const bar = await page.locator('rect.sev-error').first().boundingBox();
      assert.ok(bar && bar.width > 1, 'bars have a width');
      assert.equal(await page.locator('#findings a.loc').first().getAttribute('data-file'), result.findings[0].file);
      assert.ok((await page.locator('#findings a.loc').count()) === result.findings.length, 'every finding links to its place');
      assert.equal(await page.locator('ol.plan > li').count(), 9);
      // the page fits its width: nothing wider than the viewport
      const overflow = await inPage<number>(page, 'document.documentElement.scrollWidth - document.documentElement.clientWidth');
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
      mkdirSync(path.dirname(screenshotPath), { recursive: true });
      await page.screenshot({ path: screenshotPath, fullPage: false });
      assert.deepEqual(observed.consoleErrors, []);
      assert.deepEqual(observed.requests, []);
    } finally {
      await page.context().close();
    }
  });

  it('follows the dark colour scheme, and VS Code theme variables when they are set', async () => {
    const light = await openReport(browser, html, 'light');
    const dark = await openReport(browser, html, 'dark');
    try {
      const colours = (page: Page) => inPage<{ background: string; text: string }>(page, '({ background: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color })');
      const lightColours = await colours(light.page);
      const darkColours = await colours(dark.page);
      assert.equal(lightColours.background, 'rgb(255, 255, 255)');
      assert.equal(darkColours.background, 'rgb(13, 17, 23)');
      assert.notEqual(lightColours.text, darkColours.text);
      // a VS Code webview sets its theme as CSS variables on <html>
      await inPage(dark.page, "document.documentElement.style.setProperty('--vscode-editor-background', 'rgb(30, 30, 30)'); document.documentElement.style.setProperty('--vscode-editor-foreground', 'rgb(212, 212, 212)')");
      assert.deepEqual(await colours(dark.page), { background: 'rgb(30, 30, 30)', text: 'rgb(212, 212, 212)' });
      assert.deepEqual([...light.observed.consoleErrors, ...dark.observed.consoleErrors], []);
      assert.deepEqual([...light.observed.requests, ...dark.observed.requests], []);
    } finally {
      await light.page.context().close();
      await dark.page.context().close();
    }
  });

  it('the CSP really blocks what the report must never do', async () => {
    const injected = html.replace('</body>', '<img src="https://example.com/pixel.png"><script>document.title = "ran"</script><div style="color: red">x</div></body>');
    const { page, observed } = await openReport(browser, injected, 'light');
    try {
      assert.equal(await page.title(), 'Cloud readiness of legacy-shop', 'an inline script does not run');
      const refusals = observed.consoleErrors.filter((message) => /Content Security Policy/.test(message)).join('\n');
      assert.match(refusals, /script/, 'the inline script is refused');
      assert.match(refusals, /style/, 'the inline style attribute is refused');
      assert.match(refusals, /img-src|pixel\.png/, 'the image is refused');
      assert.equal(await inPage<number>(page, "document.querySelector('img').naturalWidth"), 0);
      assert.notEqual(await inPage<string>(page, "getComputedStyle(document.querySelector('div:not([class])')).color"), 'rgb(255, 0, 0)');
    } finally {
      await page.context().close();
    }
  });
});
