// Builds the three bundles: the extension (Node, CommonJS), the CLI (Node, CommonJS, with a shebang)
// and the webviews (browser, IIFE: the graph page, with dist/graph.css, and the assessment page).
// typescript and dependency-cruiser stay external: they are loaded from node_modules at run time
// (dependency-cruiser is ESM-only and imports its own parts dynamically).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  external: ['vscode', 'typescript', 'dependency-cruiser'],
  // ESM builds first: jsonc-parser's UMD build requires its parts by computed paths esbuild cannot follow.
  mainFields: ['module', 'main'],
  define: { CLOUDWARD_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
};

const builds = [
  // The extension bundle holds only the VS Code glue: the engine is its own bundle, loaded on first use
  // (dist/engine.js) or in a worker thread (dist/scanWorker.js), so activation parses almost nothing.
  { ...node, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  // The graph build's worker thread: it loads dist/engine.js at run time rather than bundling a copy.
  { ...node, entryPoints: { graphWorker: 'src/extension/graphPanel/graphWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { engine: 'src/engine/index.ts', scanWorker: 'src/engine/worker/scanWorker.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'src/cli/index.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: production ? false : 'linked',
    minify: production,
    entryPoints: { graph: 'src/webview/graph/main.ts', assessment: 'src/webview/assessment.ts' },
    outdir: 'dist',
    logLevel: 'warning',
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
