/**
 * `node --import tsx scripts/graph-screenshot.ts [OUT.png]`: the picture of the example's dependency graph in
 * the README (docs/images/dependency-graph.png). The page is the webview's, served by the browser tests'
 * harness to headless Chromium in VS Code's Dark Modern colours, with app.js selected and lib/mailer.js hovered.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { deliverModel, exampleModel, startHarness } from '../test/browser/graphHarness';
import { repositoryRoot } from '../test/support/workspace';

const DARK_MODERN: Record<string, string> = {
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-sideBar-background': '#181818',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-editorError-foreground': '#f85149',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-input-background': '#313131',
  '--vscode-input-border': '#3c3c3c',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
};

async function main(): Promise<void> {
  const output = path.resolve(process.argv[2] ?? path.join(repositoryRoot, 'docs/images/dependency-graph.png'));
  const harness = await startHarness();
  try {
    const { page, observed } = await harness.openWebview({ colorScheme: 'dark', viewport: { width: 1280, height: 760 }, cssVariables: DARK_MODERN, bodyClass: 'vscode-dark' });
    const shown = await deliverModel(page, await exampleModel(), 'legacy-shop');
    const at = (file: string) => shown.nodes.find((node) => node.id === `module:${file}`)!;
    await page.keyboard.down('Shift');
    await page.mouse.click(at('app.js').x, at('app.js').y);
    await page.keyboard.up('Shift');
    await page.mouse.move(at('lib/mailer.js').x, at('lib/mailer.js').y);
    await page.locator('#graph-tooltip').waitFor({ state: 'visible' });
    mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output });
    if (observed.consoleErrors.length) throw new Error(`the page reported errors: ${observed.consoleErrors.join('; ')}`);
    console.log(`wrote ${path.relative(process.cwd(), output)}`);
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
