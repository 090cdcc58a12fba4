import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { GraphModel } from '../../shared/graphModel';

/** The graph page's browser bundle and stylesheet (dist/graph.js and dist/graph.css, built by esbuild.mjs). */
export interface GraphPageAssets {
  script: string;
  css: string;
}

/** The id the page's script reads the model from (src/webview/graph/host.ts). */
const MODEL_ELEMENT_ID = 'cloudward-graph-model';

/**
 * `cloudward graph --format html`: the interactive graph page as one self-contained file a team can share.
 * The same script as the VS Code webview, inline; the model as a JSON data block. The CSP allows exactly
 * that script and that stylesheet, by their SHA-256 hashes (a nonce in a static file would be a constant
 * anyone can read, and would make every export differ), and nothing from the network.
 */
export function renderGraphPage(model: GraphModel, assets: GraphPageAssets = loadGraphPageAssets()): string {
  const script = scriptText(assets.script);
  const css = assets.css.replace(/\/\*# sourceMappingURL=\S+ \*\/\s*$/, '').replace(/<\/style/gi, '<\\/style');
  const name = model.root.split(/[\\/]/).filter(Boolean).pop() ?? model.root;
  const policy = [
    "default-src 'none'",
    `script-src '${sha256(script)}'`,
    `style-src '${sha256(css)}'`,
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>Dependencies of ${escapeHtml(name)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<div id="app" class="graph-app"></div>',
    '<noscript>This page draws the dependency graph with JavaScript; open it in a browser with scripts enabled, or use <code>cloudward graph --format json</code>.</noscript>',
    `<script type="application/json" id="${MODEL_ELEMENT_ID}">${jsonForScriptBlock(model)}</script>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * JSON that cannot end its <script> block or open a comment in it: every `<`, `>` and `&` as a
 * \u escape (JSON.parse reads them back unchanged), and the line separators JavaScript once refused.
 */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The bundle inside an inline <script>: `</script` can only occur in its strings and comments, where `<\/` means the same. */
function scriptText(script: string): string {
  if (/<!--/.test(script)) throw new Error('the graph page script contains "<!--", which would change how the browser ends its <script> block');
  // No source map comment: the file must make no request, not even from the developer tools.
  return script.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n').replace(/<\/(script)/gi, '<\\/$1');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);
}

/**
 * Reads dist/graph.js and dist/graph.css: beside this code in the bundles (dist/cli.js, dist/engine.js), or
 * in the repository's dist/ when running from source.
 */
export function loadGraphPageAssets(): GraphPageAssets {
  const candidates = [__dirname, path.resolve(__dirname, '../../../dist')];
  for (const folder of candidates) {
    const script = path.join(folder, 'graph.js');
    const css = path.join(folder, 'graph.css');
    if (existsSync(script) && existsSync(css)) return { script: readFileSync(script, 'utf8'), css: readFileSync(css, 'utf8') };
  }
  throw new Error(`the graph page's script is missing (looked for graph.js and graph.css in ${candidates.join(' and ')}); run npm run build`);
}
