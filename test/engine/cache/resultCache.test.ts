import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeWorkspace, defaultCacheFile, defaultConfig, nodeFileSystem, ResultCache, type AnalysisResult, type CloudwardConfig } from '../../../src/engine';
import { cli } from '../../support/cli';
import { legacyShop, repositoryRoot, temporaryWorkspace } from '../../support/workspace';

function comparable(result: AnalysisResult): Omit<AnalysisResult, 'durationMs'> {
  const { durationMs: _durationMs, ...rest } = result;
  return rest;
}

/** One analysis with the cache kept in `file`, loaded before and saved after, as the CLI and the extension do. */
async function cachedRun(root: string, file: string, config: CloudwardConfig = defaultConfig()): Promise<{ result: AnalysisResult; hits: number; misses: number }> {
  const cache = await ResultCache.load(file);
  const result = await analyzeWorkspace(root, { fs: nodeFileSystem }, { config, cache });
  await cache.save(file);
  return { result, hits: cache.hits, misses: cache.misses };
}

describe('per-file result cache (unit)', () => {
  let cacheFolder: string;
  beforeEach(() => {
    cacheFolder = mkdtempSync(path.join(tmpdir(), 'cloudward-cache-'));
  });
  afterEach(() => rmSync(cacheFolder, { recursive: true, force: true }));

  it('a run from the cache equals the cold run, app-level findings from cached facts included', async () => {
    const workspace = temporaryWorkspace({}, legacyShop);
    try {
      const file = path.join(cacheFolder, 'results.cache');
      const cold = await cachedRun(workspace.root, file);
      assert.equal(cold.hits, 0);
      assert.equal(cold.misses, cold.result.parsed);
      assert.ok(existsSync(file));
      const warm = await cachedRun(workspace.root, file);
      assert.equal(warm.misses, 0);
      assert.equal(warm.hits, cold.result.parsed);
      assert.deepEqual(comparable(warm.result), comparable(cold.result));
      // Workspace rules ran again, on the facts that came from the cache.
      assert.ok(warm.result.findings.some((finding) => finding.ruleId === 'missing-graceful-shutdown'));
      assert.deepEqual(comparable(warm.result), comparable(await analyzeWorkspace(workspace.root, { fs: nodeFileSystem })));
    } finally {
      workspace.dispose();
    }
  });

  it('re-analyses a changed file and only that one, and the result equals a cold run of the changed tree', async () => {
    const workspace = temporaryWorkspace({}, legacyShop);
    try {
      const file = path.join(cacheFolder, 'results.cache');
      const cold = await cachedRun(workspace.root, file);
      const changed = path.join(workspace.root, 'lib/logger.js');
      appendFileSync(changed, "\nrequire('fs').writeFileSync('./exports/last.json', '{}');\n");
      const warm = await cachedRun(workspace.root, file);
      assert.equal(warm.misses, 1);
      assert.equal(warm.hits, cold.result.parsed - 1);
      assert.ok(warm.result.findings.some((finding) => finding.file === 'lib/logger.js' && finding.ruleId === 'no-local-disk-write' && /exports/.test(finding.message)));
      assert.deepEqual(comparable(warm.result), comparable(await analyzeWorkspace(workspace.root, { fs: nodeFileSystem })));
    } finally {
      workspace.dispose();
    }
  });

  it('starts afresh when the settings or the project change', async () => {
    const workspace = temporaryWorkspace({}, legacyShop);
    try {
      const file = path.join(cacheFolder, 'results.cache');
      const cold = await cachedRun(workspace.root, file);
      assert.ok(cold.result.findings.some((finding) => finding.ruleId === 'no-local-disk-write'));
      const config = { ...defaultConfig(), rules: { 'no-local-disk-write': 'off' as const } };
      const reconfigured = await cachedRun(workspace.root, file, config);
      assert.equal(reconfigured.hits, 0);
      assert.ok(!reconfigured.result.findings.some((finding) => finding.ruleId === 'no-local-disk-write'));
      assert.deepEqual(comparable(reconfigured.result), comparable(await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config })));
      // Rules read every file name of the project (is there a Dockerfile, a config/default.json?): a new file,
      // any file, means nothing old is reused.
      writeFileSync(path.join(workspace.root, 'NOTES.txt'), 'to do\n');
      const grown = await cachedRun(workspace.root, file, config);
      assert.equal(grown.hits, 0);
      assert.deepEqual(comparable(grown.result), comparable(await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config })));
    } finally {
      workspace.dispose();
    }
  });

  it('hands out and takes in copies: what a caller changes in a result reaches neither the cache nor the next run', async () => {
    const file = path.join(cacheFolder, 'results.cache');
    const cache = await ResultCache.load(file);
    cache.begin('a namespace');
    const key = cache.key('src/app.js', new TextEncoder().encode('app.listen(3000);\n'));
    const stored = { findings: [], facts: { listens: { range: [0, 17] as [number, number] }, routes: new Map([['/', 1]]) }, ruleFailures: [] };
    cache.set(key, stored);
    stored.facts.listens.range[0] = 99;
    const first = cache.get(key)!;
    assert.ok('facts' in first);
    assert.deepEqual(first.facts.listens, { range: [0, 17] });
    assert.ok(first.facts.routes instanceof Map, 'a Map in the facts stays a Map');
    (first.facts.listens as { range: number[] }).range[0] = 42;
    first.findings.push({ ruleId: 'changed-by-the-caller' } as never);
    const second = cache.get(key)!;
    assert.ok('facts' in second);
    assert.deepEqual(second.facts.listens, { range: [0, 17] });
    assert.deepEqual(second.findings, []);
    await cache.save(file);
    const reloaded = await ResultCache.load(file);
    reloaded.begin('a namespace');
    assert.deepEqual(reloaded.get(key), { findings: [], facts: { listens: { range: [0, 17] }, routes: new Map([['/', 1]]) }, ruleFailures: [] });
    assert.equal(reloaded.get(cache.key('src/app.js', new TextEncoder().encode('app.listen(3001);\n'))), undefined, 'other bytes, no result');
    assert.equal(reloaded.get(cache.key('src/other.js', new TextEncoder().encode('app.listen(3000);\n'))), undefined, 'other path, no result');
  });

  it('counts files that are not source text as neither hits nor misses, and skips them alike from the cache', async () => {
    const workspace = temporaryWorkspace({ 'lib/blob.js': new Uint8Array([0x63, 0x6f, 0, 0, 0x01, 0x02, 0x0a]), 'lib/bom.js': "\ufeffrequire('fs').writeFileSync('./out/x.json', '{}');\n" }, legacyShop);
    try {
      const file = path.join(cacheFolder, 'results.cache');
      const cold = await cachedRun(workspace.root, file);
      assert.ok(cold.result.skipped.some((skip) => skip.file === 'lib/blob.js' && /binary/.test(skip.reason)));
      assert.ok(cold.result.findings.some((finding) => finding.file === 'lib/bom.js'), 'the BOM file is analysed');
      assert.equal(cold.misses, cold.result.parsed);
      const warm = await cachedRun(workspace.root, file);
      assert.equal(warm.hits, cold.result.parsed);
      assert.equal(warm.misses, 0);
      // Fingerprints and fix edit bases read the texts of files answered by the cache: they must be the same.
      assert.deepEqual(comparable(warm.result), comparable(cold.result));
      assert.deepEqual(comparable(warm.result), comparable(await analyzeWorkspace(workspace.root, { fs: nodeFileSystem })));
    } finally {
      workspace.dispose();
    }
  });

  it('treats a damaged or foreign cache file as empty, and replaces it', async () => {
    const file = path.join(cacheFolder, 'results.cache');
    writeFileSync(file, 'not a cache at all');
    const first = await cachedRun(legacyShop, file);
    assert.equal(first.hits, 0);
    assert.deepEqual(comparable(first.result), comparable(await analyzeWorkspace(legacyShop, { fs: nodeFileSystem })));
    const second = await cachedRun(legacyShop, file);
    assert.equal(second.hits, first.result.parsed);
  });

  it('keeps the default cache file in the user cache folder, outside the workspace', () => {
    const file = defaultCacheFile(legacyShop);
    assert.ok(path.relative(legacyShop, file).startsWith('..'), `${file} is outside ${legacyShop}`);
    assert.match(path.basename(file), /^legacy-shop-[0-9a-f]{16}\.cache$/);
    assert.notEqual(defaultCacheFile(path.join(repositoryRoot, 'test/fixtures/workspaces/cloud-ready-api')), file);
  });

  it('CLI: --cache=FILE writes the cache and the next run prints the same report; --jobs is checked', async () => {
    const file = path.join(cacheFolder, 'cli.cache');
    const first = await cli(['assess', legacyShop, '--format', 'json', '--fail-on', 'never', `--cache=${file}`]);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(existsSync(file));
    const second = await cli(['assess', legacyShop, '--format', 'json', '--fail-on', 'never', `--cache=${file}`, '--jobs', '0']);
    const withoutDuration = (text: string) => text.replace(/"durationMs":\s*\d+/g, '');
    assert.equal(withoutDuration(second.stdout), withoutDuration(first.stdout));
    const wrong = await cli(['assess', legacyShop, '--jobs', 'many']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--jobs must be a whole number/);
  });
});
