import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { redirectTypescriptImport, typescriptHookModule } from '../../src/cli/typescriptByRequire';
import type { GraphModel } from '../../src/shared/graphModel';
import { cli } from '../support/cli';
import { repositoryRoot, temporaryWorkspace } from '../support/workspace';

interface Resolved {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type ResolveHook = (specifier: string, context: { parentURL?: string; conditions?: string[] }, nextResolve: (specifier: string, context: object) => Promise<Resolved>) => Promise<Resolved>;

const cruiserFolder = realpathSync(path.join(repositoryRoot, 'node_modules/dependency-cruiser'));
/** The module of dependency-cruiser that imports TypeScript. */
const cruiserParent = pathToFileURL(path.join(cruiserFolder, 'src/utl/try-import.mjs')).href;
const typescriptFile = require.resolve('typescript', { paths: [cruiserFolder] });

/** Node's own resolution of `specifier` from the parent, as the next hook in the chain returns it (format unknown, as for typescript.js). */
async function nodeResolution(specifier: string, context: object): Promise<Resolved> {
  const parent = (context as { parentURL: string }).parentURL;
  return { url: pathToFileURL(require.resolve(specifier, { paths: [path.dirname(fileURLToPath(parent))] })).href, format: null };
}

/** The hook module exactly as the CLI registers it with module.register (Node without module.registerHooks, this one among them). */
async function loadHook(): Promise<ResolveHook> {
  const module = (await import(`data:text/javascript,${encodeURIComponent(typescriptHookModule())}`)) as { resolve: ResolveHook };
  return module.resolve;
}

function withoutBuildTime(model: GraphModel): GraphModel {
  return { ...model, stats: { ...model.stats, buildMs: 0 } };
}

describe('cloudward graph: TypeScript loaded by require for dependency-cruiser', function () {
  this.timeout(120_000);

  it("redirects dependency-cruiser's import of typescript to a module exporting the very instance require loads", async () => {
    const resolve = await loadHook();
    const resolved = await resolve('typescript', { parentURL: cruiserParent, conditions: ['node', 'import'] }, nodeResolution);
    assert.equal(resolved.format, 'module');
    assert.match(resolved.url, /^data:text\/javascript,/);
    // The in-thread form (module.registerHooks, newer Node) calls the same function.
    const inThread = redirectTypescriptImport('typescript', { parentURL: cruiserParent, conditions: ['node', 'import'] }, await nodeResolution('typescript', { parentURL: cruiserParent }), { readFileSync, path, fileURLToPath });
    assert.deepEqual(inThread, resolved);
    const facade = (await import(resolved.url)) as { default: unknown };
    assert.equal(facade.default, require(typescriptFile), 'the same module.exports object as require gives');
    assert.equal(typeof (facade.default as typeof import('typescript')).createSourceFile, 'function');
  });

  it('leaves every other resolution as it is', async () => {
    const resolve = await loadHook();
    const outside = pathToFileURL(path.join(repositoryRoot, 'bench/graph.ts')).href;
    const untouched = [
      await resolve('typescript', { parentURL: outside, conditions: ['node', 'import'] }, nodeResolution), // not dependency-cruiser's import
      await resolve('typescript', { parentURL: cruiserParent, conditions: ['node', 'require'] }, nodeResolution), // a require
      await resolve('acorn', { parentURL: cruiserParent, conditions: ['node', 'import'] }, nodeResolution), // another package
      await resolve('typescript', { parentURL: cruiserParent, conditions: ['node', 'import'] }, async () => ({ url: pathToFileURL(typescriptFile).href, format: 'module' })), // an ES module
    ];
    for (const resolved of untouched) assert.match(resolved.url, /^file:/);
    // A .js file of a package that declares itself ESM is an ES module: not require'd either.
    const esmPackage = temporaryWorkspace({ 'node_modules/typescript/package.json': '{ "type": "module" }', 'node_modules/typescript/lib/typescript.js': 'export default 1;\n' });
    try {
      const file = path.join(esmPackage.root, 'node_modules/typescript/lib/typescript.js');
      const resolved = await resolve('typescript', { parentURL: cruiserParent, conditions: ['node', 'import'] }, async () => ({ url: pathToFileURL(file).href, format: null }));
      assert.equal(resolved.url, pathToFileURL(file).href);
    } finally {
      esmPackage.dispose();
    }
  });

  it('the real program imports TypeScript through the hook and draws the same graph as without it', async () => {
    const cliPath = path.join(repositoryRoot, 'dist/cli.js');
    assert.ok(existsSync(cliPath), 'dist/cli.js is missing: npm test builds it first (npm run build)');
    const debugEnvironment = { ...process.env, NODE_DEBUG: 'esm' };
    const translatedByEsmLoader = /Translating CJSModule file:\/\/\S*\/typescript\/lib\/typescript\.js/;
    // Without the hook, Node's ESM loader translates typescript.js (the debug line this test relies on).
    const plain = await promisify(execFile)(process.execPath, ['-e', "import('dependency-cruiser')"], { cwd: repositoryRoot, env: debugEnvironment, maxBuffer: 256 * 1024 * 1024 });
    assert.match(plain.stderr, translatedByEsmLoader);
    // The fixture has TypeScript files: their type-only imports are found with TypeScript's parser.
    const fixture = path.join(repositoryRoot, 'test/fixtures/graph/ts-paths');
    const spawned = await promisify(execFile)(process.execPath, [cliPath, 'graph', fixture, '--no-findings'], { cwd: repositoryRoot, env: debugEnvironment, maxBuffer: 256 * 1024 * 1024 });
    assert.doesNotMatch(spawned.stderr, translatedByEsmLoader);
    const inProcess = await cli(['graph', fixture, '--no-findings']);
    assert.equal(inProcess.code, 0);
    const model = JSON.parse(spawned.stdout) as GraphModel;
    assert.ok(model.edges.some((edge) => edge.kind === 'type-only'), 'type-only edges: TypeScript was loaded and used');
    assert.deepEqual(withoutBuildTime(model), withoutBuildTime(JSON.parse(inProcess.stdout) as GraphModel));
  });
});
