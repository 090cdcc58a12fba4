import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Bundles the test index and every `*.test.ts` under test/integration into `outDir` (one CommonJS file each,
 * `vscode` and `mocha` external). `outDir` must lie inside the repository: the extension host then resolves
 * `mocha` from the repository's node_modules and attributes `require('vscode')` to the extension under test.
 */
export async function buildTests(repositoryRoot: string, outDir: string): Promise<{ index: string; testFiles: string[] }> {
  const sourceDir = path.join(repositoryRoot, 'test/integration');
  const testFiles = (readdirSync(sourceDir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.test.ts') && !file.startsWith(`runner${path.sep}`))
    .sort();
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: repositoryRoot,
    entryPoints: ['index.ts', ...testFiles].map((file) => path.join(sourceDir, file)),
    outbase: sourceDir,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { index: path.join(outDir, 'index'), testFiles };
}
