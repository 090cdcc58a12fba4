import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { isWebviewToExtension } from '../../src/shared/protocol';
import type { GraphModel } from '../../src/shared/graphModel';
import { deliverModel, executablePath, exampleModel, inPage, inspect, posted, startHarness, syntheticModel, violations, waitUntil, type Harness, type Inspection } from './graphHarness';

/** The colour of one canvas pixel at a page position, as [r, g, b]. */
function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  return inPage(page, `(() => {
    const canvas = document.getElementById('graph-canvas');
    const rect = canvas.getBoundingClientRect();
    const ratio = canvas.width / rect.width;
    // Read through a copy made for reading, not the page's own canvas.
    const probe = document.createElement('canvas');
    probe.width = 1;
    probe.height = 1;
    const context = probe.getContext('2d', { willReadFrequently: true });
    context.drawImage(canvas, Math.round((${x} - rect.left) * ratio), Math.round((${y} - rect.top) * ratio), 1, 1, 0, 0, 1, 1);
    const data = context.getImageData(0, 0, 1, 1).data;
    return [data[0], data[1], data[2]];
  })()`);
}

/** Shift-click selects a module without opening it. */
async function shiftClick(page: Page, x: number, y: number): Promise<void> {
  await page.keyboard.down('Shift');
  await page.mouse.click(x, y);
  await page.keyboard.up('Shift');
}

function rgb(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css.trim());
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const numbers = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!numbers) throw new Error(`not a colour: ${css}`);
  return [Number(numbers[1]), Number(numbers[2]), Number(numbers[3])];
}

function nodeById(inspection: Inspection, id: string) {
  const node = inspection.nodes.find((candidate) => candidate.id === id);
  assert.ok(node, `${id} is drawn`);
  return node;
}

async function assertClean(page: Page, observed: { consoleErrors: string[]; requests: string[] }): Promise<void> {
  assert.deepEqual(await violations(page), [], 'no Content-Security-Policy violation');
  assert.deepEqual(observed.consoleErrors, [], 'no console error or warning');
  assert.deepEqual(observed.requests, [], 'no request outside the webview');
}

describe('dependency graph page in a real headless browser (browser)', function () {
  this.timeout(120_000);
  let harness: Harness;
  let model: GraphModel;

  before(async function () {
    if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    harness = await startHarness();
    model = await exampleModel();
    assert.ok(model.modules.length >= 10 && model.edges.length > 10, 'the example has a real graph');
  });

  after(async () => {
    await harness?.close();
  });

  it('the bundle has no eval or new Function, and the page announces ready before anything is posted to it', async () => {
    assert.doesNotMatch(harness.assets.script, /\beval\s*\(|new Function\s*\(|\bFunction\s*\(\s*["'`]/);
    const { page, observed } = await harness.openWebview();
    try {
      assert.deepEqual(await posted(page), [{ type: 'ready' }]);
      assert.equal(await page.locator('#graph-overlay').innerText(), 'Building the dependency graph…');
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it("renders the example's graph: every module, the packages and services it uses, the edges, coloured by severity and sized by findings", async () => {
    const { page, observed } = await harness.openWebview({ colorScheme: 'dark' });
    try {
      const shown = await deliverModel(page, model);
      const moduleNodes = shown.nodes.filter((node) => node.kind === 'module');
      assert.deepEqual(moduleNodes.map((node) => node.id).sort(), model.modules.map((module) => module.id).sort());
      const usedExternals = new Set(model.edges.filter((edge) => !edge.to.startsWith('module:')).map((edge) => edge.to));
      assert.deepEqual(shown.nodes.filter((node) => node.kind === 'package' || node.kind === 'service').map((node) => node.id).sort(), [...usedExternals].sort());
      assert.equal(shown.edges.length, new Set(model.edges.map((edge) => `${edge.from}>${edge.to}`)).size);
      assert.equal(await page.locator('#graph-overlay').isHidden(), true);
      assert.match(await page.locator('#graph-summary').innerText(), new RegExp(`^${model.modules.length} of ${model.modules.length} modules`));

      // What is drawn is what the model says: the pixel at each module's centre has its severity's colour.
      const colours = await inPage<Record<string, string>>(page, `(() => { const s = getComputedStyle(document.documentElement); return { error: s.getPropertyValue('--cw-error'), warning: s.getPropertyValue('--cw-warning'), clean: s.getPropertyValue('--cw-clean'), bg: s.getPropertyValue('--cw-bg') }; })()`);
      for (const module of model.modules) {
        const node = nodeById(shown, module.id);
        assert.deepEqual(await pixelAt(page, node.x, node.y), rgb(colours[module.severity ?? 'clean']), `${module.file} is drawn in the colour of ${module.severity ?? 'no findings'}`);
      }
      assert.deepEqual(await pixelAt(page, 3, 795), rgb(colours.bg), 'the background is the theme background');
      const server = model.modules.find((module) => module.file === 'server.js')!;
      const clean = model.modules.find((module) => module.findings.length === 0)!;
      const radius = async (id: string) => {
        const node = nodeById(shown, id);
        let r = 0;
        while (r < 40 && (await pixelAt(page, node.x + r + 1, node.y)).join() !== rgb(colours.bg).join()) r++;
        return r;
      };
      assert.ok((await radius(server.id)) > (await radius(clean.id)), 'a module with more findings is drawn larger');
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('hover shows the findings of a module', async () => {
    const { page, observed } = await harness.openWebview();
    try {
      const shown = await deliverModel(page, model);
      const app = model.modules.find((module) => module.file === 'app.js')!;
      const node = nodeById(shown, app.id);
      await page.mouse.move(node.x, node.y);
      const tooltip = page.locator('#graph-tooltip');
      await tooltip.waitFor({ state: 'visible' });
      const text = await tooltip.innerText();
      assert.match(text, /^app\.js/);
      for (const finding of app.findings) assert.ok(text.includes(finding.message), `the tooltip shows "${finding.message.slice(0, 40)}…"`);
      await page.mouse.move(5, 790);
      await tooltip.waitFor({ state: 'hidden' });
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('search narrows the graph to the matching modules, by path or by rule id, and clearing it brings everything back', async () => {
    const { page, observed } = await harness.openWebview();
    try {
      const all = await deliverModel(page, model);
      await page.locator('#graph-search').fill('routes/');
      await waitUntil(page, 'window.cloudwardGraph.inspect().view.query === "routes/"');
      const narrowed = await inspect(page);
      const routes = model.modules.filter((module) => module.file.startsWith('routes/')).map((module) => module.id).sort();
      assert.ok(routes.length >= 2);
      assert.deepEqual(narrowed.nodes.filter((node) => node.kind === 'module').map((node) => node.id).sort(), routes);
      assert.ok(narrowed.nodes.length < all.nodes.length);
      assert.equal(narrowed.shownModules, routes.length);

      const ruleId = model.modules.find((module) => module.file === 'server.js')!.findings[0].ruleId;
      await page.locator('#graph-search').fill(ruleId);
      await page.locator('#graph-search').press('Enter');
      const byRule = await inspect(page);
      assert.deepEqual(byRule.nodes.filter((node) => node.kind === 'module').map((node) => node.id).sort(), model.modules.filter((module) => module.findings.some((finding) => finding.ruleId === ruleId)).map((module) => module.id).sort());

      await page.locator('#graph-search').fill('no-such-module-anywhere');
      await page.locator('#graph-search').press('Enter');
      assert.equal((await inspect(page)).nodes.length, 0);
      assert.equal(await page.locator('#graph-overlay').innerText(), 'Nothing matches the search and filters.');

      await page.locator('#graph-search').fill('');
      await page.locator('#graph-search').press('Enter');
      assert.equal((await inspect(page)).nodes.length, all.nodes.length);
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('filters: by folder, by category, only modules with findings, without packages and services', async () => {
    const { page, observed } = await harness.openWebview();
    try {
      await deliverModel(page, model);
      const modulesShown = async () => (await inspect(page)).nodes.filter((node) => node.kind === 'module').map((node) => node.id).sort();
      await page.locator('#graph-folder').selectOption('lib');
      assert.deepEqual(await modulesShown(), model.modules.filter((module) => module.folder === 'lib').map((module) => module.id).sort());
      await page.locator('#graph-folder').selectOption('');
      await page.locator('#graph-category').selectOption('hardcoded-endpoint');
      assert.deepEqual(await modulesShown(), model.modules.filter((module) => module.findingsByCategory['hardcoded-endpoint']).map((module) => module.id).sort());
      await page.locator('#graph-category').selectOption('');
      await page.locator('#graph-only-findings').check();
      assert.deepEqual(await modulesShown(), model.modules.filter((module) => module.findings.length).map((module) => module.id).sort());
      await page.locator('#graph-only-findings').uncheck();
      await page.locator('#graph-hide-externals').check();
      const withoutExternals = await inspect(page);
      assert.deepEqual(withoutExternals.nodes.filter((node) => node.kind !== 'module').map((node) => node.id), []);
      assert.equal(withoutExternals.nodes.length, model.modules.length);
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('folding a folder merges its modules into one node with their findings and edges, and unfolding splits it again', async () => {
    const { page, observed } = await harness.openWebview();
    try {
      const before = await deliverModel(page, model);
      const lib = model.modules.filter((module) => module.folder === 'lib');
      assert.ok(lib.length >= 2);
      // Select a module of lib/ (shift-click: select without opening) and fold its folder from the side panel.
      const cache = nodeById(before, lib[0].id);
      await shiftClick(page, cache.x, cache.y);
      assert.deepEqual((await posted(page)).filter((message) => message.type === 'openFile'), [], 'shift-click selects without opening');
      await page.locator('#graph-details button[data-action="fold-folder"]').click();
      const folded = await inspect(page);
      assert.deepEqual(folded.view.collapsed, ['lib']);
      assert.equal(folded.nodes.filter((node) => node.id.startsWith('module:lib/')).length, 0, 'no lib/ module is drawn alone');
      const folder = nodeById(folded, 'folder:lib');
      assert.equal(folder.members, lib.length);
      assert.equal(folder.findings, lib.reduce((sum, module) => sum + module.findings.length, 0));
      assert.equal(folded.nodes.length, before.nodes.length - lib.length + 1);
      // Imports of lib/ modules from outside become edges to the folder, counted.
      const intoLib = model.edges.filter((edge) => edge.to.startsWith('module:lib/') && !edge.from.startsWith('module:lib/'));
      const folderEdges = folded.edges.filter((edge) => edge.to === 'folder:lib');
      assert.equal(folderEdges.reduce((sum, edge) => sum + edge.count, 0), intoLib.length);
      assert.equal(folded.selected, 'folder:lib', 'the selection follows the module into its folder');
      assert.match(await page.locator('#graph-details').innerText(), /lib\/\n/);

      // Double-click unfolds.
      await page.mouse.dblclick(folder.x, folder.y);
      await waitUntil(page, 'window.cloudwardGraph.inspect().view.collapsed.length === 0');
      const unfolded = await inspect(page);
      assert.equal(unfolded.nodes.length, before.nodes.length);
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('a click on a module posts openFile at its first finding; the side panel lists its blockers and asks for their quick fixes', async () => {
    const { page, observed } = await harness.openWebview();
    try {
      const shown = await deliverModel(page, model);
      const uploads = model.modules.find((module) => module.file === 'routes/uploads.js')!;
      const app = model.modules.find((module) => module.file === 'app.js')!;
      const first = [...app.findings].sort((a, b) => a.line - b.line || a.column - b.column)[0];
      for (const module of [uploads, app]) {
        const node = nodeById(shown, module.id);
        await page.mouse.click(node.x, node.y);
      }
      const messages = (await posted(page)).filter((message) => message.type === 'openFile');
      assert.deepEqual(messages, [
        { type: 'openFile', file: 'routes/uploads.js', line: uploads.findings[0].line, column: uploads.findings[0].column },
        { type: 'openFile', file: 'app.js', line: first.line, column: first.column },
      ]);
      for (const message of messages) assert.equal(isWebviewToExtension(message), true, 'the extension accepts the message');

      const details = page.locator('#graph-details');
      assert.equal(await details.locator('h2').innerText(), 'app.js');
      assert.equal(await details.locator('li.finding').count(), app.findings.length);
      const withFix = app.findings.find((finding) => finding.fixes.length)!;
      await details.locator('button[data-action="quick-fix"]', { hasText: withFix.fixes[0] }).click();
      const quickFix = (await posted(page)).filter((message) => message.type === 'quickFix');
      assert.deepEqual(quickFix, [{ type: 'quickFix', file: 'app.js', line: withFix.line, column: withFix.column }]);
      assert.equal(isWebviewToExtension(quickFix[0]), true);
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('is keyboard accessible: Tab reaches the graph, arrows move between nodes, Enter opens, F folds, Escape clears', async () => {
    const { page, observed } = await harness.openWebview();
    try {
      const shown = await deliverModel(page, model);
      await page.locator('#graph-search').focus();
      // Tab through the toolbar until the graph has the focus.
      for (let step = 0; step < 20 && (await inPage<string>(page, 'document.activeElement.id')) !== 'graph-canvas'; step++) await page.keyboard.press('Tab');
      assert.equal(await inPage<string>(page, 'document.activeElement.id'), 'graph-canvas');
      const start = await inspect(page);
      const most = [...model.modules].sort((a, b) => b.findings.length - a.findings.length)[0];
      assert.equal(start.focused, most.id, 'focus starts at the module with the most findings');
      assert.match(await page.locator('#graph-announcer').innerText(), new RegExp(`^${most.file}, module, ${most.findings.length} findings`));

      await page.keyboard.press('ArrowDown');
      const below = await inspect(page);
      assert.notEqual(below.focused, start.focused);
      assert.ok(nodeById(shown, below.focused!).y > nodeById(shown, start.focused!).y, 'ArrowDown moves to a node below');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      const opened = (await posted(page)).filter((message) => message.type === 'openFile');
      assert.equal(opened.length, 1);
      assert.equal(opened[0].file, most.file);
      assert.equal((await inspect(page)).selected, most.id);

      // Move to a module inside a folder and fold it with F.
      const libModule = model.modules.find((module) => module.folder === 'lib')!;
      await inPage(page, 'void 0');
      for (let step = 0; step < 30 && (await inspect(page)).focused !== libModule.id; step++) {
        const current = await inspect(page);
        const from = nodeById(current, current.focused!);
        const to = nodeById(current, libModule.id);
        await page.keyboard.press(Math.abs(to.y - from.y) > 5 ? (to.y > from.y ? 'ArrowDown' : 'ArrowUp') : to.x > from.x ? 'ArrowRight' : 'ArrowLeft');
      }
      assert.equal((await inspect(page)).focused, libModule.id, 'the arrows reach every node');
      await page.keyboard.press('f');
      const folded = await inspect(page);
      assert.deepEqual(folded.view.collapsed, ['lib']);
      assert.equal(folded.focused, 'folder:lib', 'the focus stays on what the module became');
      await page.keyboard.press('Enter');
      assert.deepEqual((await inspect(page)).view.collapsed, [], 'Enter on a folder unfolds it');
      await page.keyboard.press('Space');
      await page.keyboard.press('Escape');
      assert.equal((await inspect(page)).selected, undefined);
      await page.keyboard.press('/');
      assert.equal(await inPage<string>(page, 'document.activeElement.id'), 'graph-search');
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('keeps its state across a reload: folds, search and camera come back from the saved state', async () => {
    const first = await harness.openWebview();
    let saved: unknown;
    try {
      await deliverModel(first.page, model);
      await first.page.locator('#graph-search').fill('lib');
      await first.page.locator('#graph-search').press('Enter');
      await first.page.locator('#graph-fold-all').click();
      await first.page.locator('#graph-canvas').focus();
      await first.page.keyboard.press('+');
      await first.page.waitForTimeout(400);
      saved = await inPage(first.page, 'window.__state()');
      assert.equal((saved as { folder: string }).folder, 'file:///work/legacy-shop');
    } finally {
      await first.page.context().close();
    }
    const second = await harness.openWebview({ state: saved });
    try {
      const restored = await deliverModel(second.page, model);
      const view = (saved as { view: { collapsed: string[]; query: string; camera: { zoom: number } } }).view;
      assert.deepEqual(restored.view.collapsed, view.collapsed);
      assert.ok(view.collapsed.includes('lib'));
      assert.equal(restored.view.query, 'lib');
      assert.equal(await second.page.locator('#graph-search').inputValue(), 'lib');
      assert.ok(Math.abs(restored.camera.zoom - view.camera.zoom) < 1e-9, 'the zoom comes back');
      await assertClean(second.page, second.observed);
    } finally {
      await second.page.context().close();
    }
  });

  it("follows VS Code's theme variables, light, dark and high contrast", async () => {
    const dark = await harness.openWebview({ colorScheme: 'dark', cssVariables: { '--vscode-editor-background': 'rgb(30, 30, 30)', '--vscode-editorError-foreground': 'rgb(241, 76, 76)' } });
    const contrast = await harness.openWebview({ colorScheme: 'dark', bodyClass: 'vscode-high-contrast', cssVariables: { '--vscode-editor-background': 'rgb(0, 0, 0)', '--vscode-contrastBorder': 'rgb(111, 195, 223)' } });
    try {
      const shown = await deliverModel(dark.page, model);
      const db = nodeById(shown, model.modules.find((module) => module.file === 'db.js')!.id);
      assert.deepEqual(await pixelAt(dark.page, 3, 795), [30, 30, 30]);
      assert.deepEqual(await pixelAt(dark.page, db.x, db.y), [241, 76, 76]);
      const shownContrast = await deliverModel(contrast.page, model);
      assert.deepEqual(await pixelAt(contrast.page, 3, 795), [0, 0, 0]);
      // High contrast outlines every node with the contrast border.
      const node = nodeById(shownContrast, model.modules.find((module) => module.file === 'db.js')!.id);
      let found = false;
      for (let dx = 0; dx < 30 && !found; dx++) {
        const [r, g, b] = await pixelAt(contrast.page, node.x + dx, node.y);
        // The outline is one pixel wide and anti-aliased: close to the colour, on the dark background.
        found = Math.abs(r - 111) + Math.abs(g - 195) + Math.abs(b - 223) < 60;
      }
      assert.ok(found, 'the contrast border outlines the node');
      await assertClean(dark.page, dark.observed);
      await assertClean(contrast.page, contrast.observed);
    } finally {
      await dark.page.context().close();
      await contrast.page.context().close();
    }
  });

  it('marks import cycles: their modules ringed in the cycle colour, their edges flagged; the side panel lists and highlights each', async () => {
    const cyclic = syntheticModel(60);
    const { page, observed } = await harness.openWebview({ colorScheme: 'dark' });
    try {
      const shown = await deliverModel(page, cyclic, 'synthetic');
      const [cycle] = cyclic.cycles;
      assert.deepEqual(shown.nodes.filter((node) => node.cyclic).map((node) => node.id).sort(), [...cycle].sort());
      assert.equal(shown.edges.filter((edge) => edge.cyclic).length, cycle.length);
      const cycleColour = rgb(await inPage<string>(page, `getComputedStyle(document.documentElement).getPropertyValue('--cw-cycle')`));
      const near = (colour: [number, number, number]) => Math.abs(colour[0] - cycleColour[0]) + Math.abs(colour[1] - cycleColour[1]) + Math.abs(colour[2] - cycleColour[2]) < 60;
      const ringed = async (id: string) => {
        const node = nodeById(await inspect(page), id);
        for (let dx = 0; dx < 40; dx++) if (near(await pixelAt(page, node.x + dx, node.y))) return true;
        return false;
      };
      assert.equal(await ringed(cycle[0]), true, 'a module on the cycle has a ring in the cycle colour');
      assert.equal(await ringed(shown.nodes.find((node) => node.kind === 'module' && !node.cyclic)!.id), false, 'a module off the cycle has none');
      await page.locator('#graph-details button[data-action="cycle"]').click();
      assert.deepEqual((await inspect(page)).highlighted, [...cycle].sort());
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('exports SVG and PNG through the extension, as messages it accepts', async () => {
    const { page, observed } = await harness.openWebview();
    try {
      const shown = await deliverModel(page, model);
      await page.locator('#graph-export-svg').click();
      await page.locator('#graph-export-png').click();
      const exports = (await posted(page)).filter((message) => message.type === 'exportGraph') as { type: string; format: string; data: string }[];
      assert.deepEqual(exports.map((message) => message.format), ['svg', 'png']);
      for (const message of exports) assert.equal(isWebviewToExtension(message), true);
      const svg = exports[0].data;
      assert.equal((svg.match(/<g data-id="/g) ?? []).length, shown.nodes.length);
      for (const module of model.modules) assert.ok(svg.includes(`data-id="${module.id}"`), module.id);
      // The browser reads the SVG back as a picture of the same size.
      const size = await inPage<{ width: number; height: number }>(page, `new Promise((resolve) => { const image = new Image(); image.onload = () => resolve({ width: image.width, height: image.height }); image.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(${JSON.stringify(svg)}))); })`);
      assert.ok(size.width > 200 && size.height > 200, `SVG size ${size.width}x${size.height}`);
      const png = await inPage<{ width: number; height: number }>(page, `new Promise((resolve) => { const image = new Image(); image.onload = () => resolve({ width: image.width, height: image.height }); image.src = 'data:image/png;base64,${exports[1].data}'; })`);
      assert.ok(png.width > 400 && png.height > 300, `PNG size ${png.width}x${png.height}`);
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  it('says so when the model is from another version, and shows hostile file names as text', async () => {
    const { page, observed } = await harness.openWebview();
    try {
      await page.evaluate(`window.postMessage({ type: 'graph', model: { version: 99, modules: [], edges: [] }, folder: 'x', folderName: 'x' }, '*')`);
      await page.locator('#graph-overlay.error').waitFor();
      assert.match(await page.locator('#graph-overlay').innerText(), /another version of Cloudward/);
      const hostile = structuredClone(model);
      const target = hostile.modules.find((module) => module.file === 'db.js')!;
      target.findings[0].message = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';
      await deliverModel(page, hostile);
      const node = nodeById(await inspect(page), target.id);
      await shiftClick(page, node.x, node.y);
      assert.ok((await page.locator('#graph-details').innerText()).includes('<img src=x onerror='));
      assert.equal(await page.locator('#graph-details img, #graph-details script').count(), 0);
      assert.notEqual(await page.title(), 'pwned');
      await assertClean(page, observed);
    } finally {
      await page.context().close();
    }
  });

  describe('the CLI\'s self-contained HTML file', () => {
    it('renders the same graph with no server and no request, selects on click, and downloads an SVG', async () => {
      const { page, observed } = await harness.openStandalone(model, { colorScheme: 'dark' });
      try {
        await waitUntil(page, 'window.cloudwardGraph.inspect().timings.firstPaintMs !== undefined');
        const shown = await inspect(page);
        assert.deepEqual(shown.nodes.filter((node) => node.kind === 'module').map((node) => node.id).sort(), model.modules.map((module) => module.id).sort());
        assert.equal(await page.title(), 'Dependencies of legacy-shop');
        assert.equal(await page.locator('#graph-refresh').count(), 0, 'nothing to rebuild from');
        const app = nodeById(shown, model.modules.find((module) => module.file === 'app.js')!.id);
        await page.mouse.click(app.x, app.y);
        assert.equal((await inspect(page)).selected, app.id);
        assert.match(await page.locator('#graph-details').innerText(), /Quick fix in VS Code:/);
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#graph-export-svg').click()]);
        assert.equal(download.suggestedFilename(), 'legacy-shop-dependencies.svg');
        await assertClean(page, observed);
      } finally {
        await page.context().close();
      }
    });

    it('its CSP is live: an injected inline script does not run', async () => {
      const { renderGraphPage } = await import('../../src/engine/report/graphPage');
      const html = renderGraphPage(model, harness.assets).replace('</body>', '<script>document.title = "ran"</script></body>');
      const { page } = await harness.openStandalone(model, { html });
      try {
        assert.equal(await page.title(), 'Dependencies of legacy-shop');
        assert.match((await violations(page)).join('\n'), /script-src/);
      } finally {
        await page.context().close();
      }
    });
  });

  describe('5,000 modules', () => {
    const large = syntheticModel(5000);

    it('first shows folded folders, then every module after Unfold all; search narrows it (times go to the bench, not asserted)', async () => {
      const { page, observed } = await harness.openWebview({ viewport: { width: 1400, height: 900 } });
      try {
        const first = await deliverModel(page, large, 'synthetic');
        assert.ok(first.nodes.length <= 300 + large.packages.length + large.services.length, `a readable first view: ${first.nodes.length} nodes`);
        assert.ok(first.nodes.some((node) => node.kind === 'folder'));
        assert.equal(first.shownModules, 5000);
        await page.locator('#graph-unfold-all').click();
        const everything = await inspect(page);
        assert.equal(everything.nodes.filter((node) => node.kind === 'module').length, 5000);
        await page.locator('#graph-search').fill('module42');
        await page.locator('#graph-search').press('Enter');
        const searched = await inspect(page);
        assert.deepEqual(searched.nodes.filter((node) => node.kind === 'module').map((node) => node.id).sort(), large.modules.filter((module) => module.file.includes('module42')).map((module) => module.id).sort());
        console.log(`      5,000 modules: first view ${first.nodes.length} nodes in ${first.timings.firstPaintMs!.toFixed(0)} ms; all ${everything.nodes.length} nodes laid out in ${everything.timings.layoutMs.toFixed(0)} ms, drawn in ${everything.timings.drawMs.toFixed(0)} ms`);
        await assertClean(page, observed);
      } finally {
        await page.context().close();
      }
    });
  });
});
