import * as assert from 'node:assert/strict';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeWorkspace, CancelledError, defaultConfig, nodeFileSystem, ResultCache, type AnalysisResult } from '../../../src/engine';
import { analyzeWorkspace as analyzeWorkspaceWith, readProjectInfo } from '../../../src/engine/core/analyzeWorkspace';
import { FilePool } from '../../../src/engine/worker/filePool';
import type { FileWorkerSetup, ScanControlMessage, ScanWorkerMessage, TakenFile } from '../../../src/engine/worker/protocol';
import { resultCacheKey } from '../../../src/engine/cache/resultCache';
import { classifyFile } from '../../../src/engine/core/fileRole';
import { analyzeToOutcome, sourceRulesOf, type FileOutcome } from '../../../src/engine/core/fileOutcome';
import { allRules } from '../../../src/engine/rules';
import { legacyShop, repositoryRoot, temporaryWorkspace } from '../../support/workspace';

/** The worker entry from source: the pool loads a .ts script through tsx. */
const workerScript = path.join(repositoryRoot, 'src/engine/worker/scanWorker.ts');

/** Plain code of about `bytes` characters, in ordinary lines (not "minified"), that takes the parser seconds. */
function slowSource(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const line = `const value${index} = compute(value${index === 0 ? 0 : index - 1}, { key: 'k${index}', n: ${index} });\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

/** Everything but the wall-clock duration, which differs between any two runs. */
function comparable(result: AnalysisResult): Omit<AnalysisResult, 'durationMs'> {
  const { durationMs: _durationMs, ...rest } = result;
  return rest;
}

/** Lets the pool's workers take all of `files` (this thread takes none) and collects what became of each. */
async function takeAll(pool: FilePool, root: string, files: string[], cachedKeys?: string[]): Promise<Map<string, TakenFile>> {
  const taken = new Map<string, TakenFile>();
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  pool.share({ root, files, roles: files.map(classifyFile), next, cachedKeys }, (index, file) => taken.set(files[index], file));
  await pool.takenFiles(files.length);
  assert.ok(Atomics.load(next, 0) >= files.length, 'every file was taken');
  return taken;
}

/** The rules that found something in a file a worker took. */
function rulesFound(file: TakenFile | undefined): string[] | undefined {
  const outcome = file && 'outcome' in file ? file.outcome : undefined;
  return outcome && 'findings' in outcome ? outcome.findings.map((finding) => finding.ruleId) : undefined;
}

const bigFileConfig = { ...defaultConfig(), maxFileSizeBytes: 32 * 1024 * 1024 };

/** A scan's setup for the pool's workers: every built-in rule, no project, and settings that let the generated files through. */
function allRulesSetup(): FileWorkerSetup {
  return { role: 'file-analysis', ruleIds: allRules.map((rule) => rule.meta.id), project: { allFiles: new Set(), packages: new Map(), configTexts: new Map() }, config: bigFileConfig };
}

describe('analysis worker pool (unit)', function () {
  // Each worker compiles the engine from source through tsx: slow on a busy machine.
  this.timeout(240_000);

  it('gives the same result with 2 workers as on one thread, on the example and fixture workspaces, with a pool serving scan after scan', async () => {
    const roots = [legacyShop, ...['cloud-ready-api', 'express3-orders', 'koa-inventory-ts'].map((name) => path.join(repositoryRoot, 'test/fixtures/workspaces', name))];
    const pool = new FilePool({ size: 2, script: workerScript });
    try {
      for (const root of roots) {
        const single = await analyzeWorkspace(root, { fs: nodeFileSystem });
        assert.ok(single.findings.length > 0, `${root} has findings to compare`);
        // Workers started for the scan at once: this thread analyses whatever they have no room for.
        const started = await analyzeWorkspaceWith(root, { fs: nodeFileSystem }, { config: defaultConfig(), rules: allRules, jobs: 3, workerScript, workersJoinAfterMs: 0 });
        assert.deepEqual(comparable(started), comparable(single), root);
        // The kept pool's workers, started, got this workspace's project and settings with the scan and took files.
        await pool.start();
        const before = pool.analysedByWorkers;
        const kept = await analyzeWorkspaceWith(root, { fs: nodeFileSystem }, { config: defaultConfig(), rules: allRules, pool, workersJoinAfterMs: 0 });
        assert.deepEqual(comparable(kept), comparable(single), `${root} (kept pool)`);
        assert.ok(pool.analysedByWorkers > before, `${root}: the workers analysed files`);
      }
    } finally {
      pool.close();
    }
  });

  it('with a cache, files the workers take are cached, and a re-run answers them from it: the same result as one thread', async () => {
    const workspace = temporaryWorkspace({}, legacyShop);
    const pool = new FilePool({ size: 2, script: workerScript });
    const cacheFile = path.join(workspace.root, '..', `${path.basename(workspace.root)}.cache`);
    try {
      await pool.start();
      const single = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem });
      const cache = await ResultCache.load(cacheFile);
      const scan = () => analyzeWorkspaceWith(workspace.root, { fs: nodeFileSystem }, { config: defaultConfig(), rules: allRules, pool, cache, workersJoinAfterMs: 0 });
      const before = pool.analysedByWorkers;
      const cold = await scan();
      assert.ok(pool.analysedByWorkers > before, 'the workers took files');
      assert.deepEqual(comparable(cold), comparable(single));
      assert.equal(cache.misses, single.parsed, 'every parsed file was cached, whoever analysed it');
      // The first file changed: this thread analyses it, while the workers take the others, answered by the cache.
      appendFileSync(path.join(workspace.root, 'app.js'), '\n// edited\n');
      const edited = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem });
      const beforeWarm = pool.analysedByWorkers;
      const warm = await scan();
      assert.ok(pool.analysedByWorkers > beforeWarm, 'the workers took files in the re-run');
      assert.deepEqual(comparable(warm), comparable(edited));
      assert.deepEqual([cache.hits, cache.misses], [single.parsed - 1, 1]);
    } finally {
      pool.close();
      workspace.dispose();
    }
  });

  it("the editor's scan worker with kept analysis workers (jobs 3): scan after scan the one-thread result, with its cache file", async () => {
    // Long enough for the kept workers to join (150 ms of analysis on the scan's thread) where a core stands idle; on a
    // machine busy elsewhere they stay out, and the results must be the same all the same.
    const files: Record<string, string> = { 'package.json': '{ "name": "app", "dependencies": { "express": "4.21.2" } }' };
    const helpers = Array.from({ length: 40 }, (_, helper) => `function total${helper}(order) {\n  return order.items.reduce((sum, item) => sum + item.price * item.quantity, ${helper});\n}\n`).join('');
    for (let index = 0; index < 300; index++) files[`lib/module${index}.js`] = `const fs = require('fs');\n${helpers}module.exports = (order) => fs.writeFileSync('./data/${index}.json', JSON.stringify(order));\n`;
    const workspace = temporaryWorkspace(files);
    const cacheFile = path.join(workspace.root, '..', `${path.basename(workspace.root)}.cache`);
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(workerScript)});`, { eval: true });
    const scan = (id: number) =>
      new Promise<ScanWorkerMessage>((resolve, reject) => {
        worker.on('message', function listener(message: ScanWorkerMessage) {
          if (message.id !== id || message.type === 'progress') return;
          worker.off('message', listener);
          resolve(message);
        });
        worker.once('error', reject);
        worker.postMessage({ type: 'scan', id, root: workspace.root, config: defaultConfig(), cacheFile, jobs: 3 } satisfies ScanControlMessage);
      });
    try {
      const single = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem });
      assert.equal(single.findings.length, 300);
      for (const id of [1, 2, 3]) {
        // Every file edited before the second scan: the kept workers, started during the first, take part in it.
        if (id === 2) for (const file of Object.keys(files)) if (file.endsWith('.js')) appendFileSync(path.join(workspace.root, file), '// edited\n');
        const answer = await scan(id);
        assert.equal(answer.type, 'result', JSON.stringify(answer).slice(0, 500));
        assert.deepEqual(answer.type === 'result' && comparable(answer.result), comparable(single), `scan ${id}`);
      }
    } finally {
      await worker.terminate();
      rmSync(cacheFile, { force: true });
      workspace.dispose();
    }
  });

  it('a scan whose workers are still starting is analysed on the calling thread, with the same result', async () => {
    const single = await analyzeWorkspace(legacyShop, { fs: nodeFileSystem });
    const pool = new FilePool({ size: 2, script: workerScript });
    try {
      // Started from source through tsx, a worker takes seconds to load: the scan does not wait for it.
      const scan = await analyzeWorkspaceWith(legacyShop, { fs: nodeFileSystem }, { config: defaultConfig(), rules: allRules, pool, workersJoinAfterMs: 0 });
      assert.deepEqual(comparable(scan), comparable(single));
      assert.equal(pool.analysedByWorkers, 0);
    } finally {
      pool.close();
    }
  });

  it('files the workers take themselves come back as this thread analyses them: suppressions, syntax errors, facts, skip reasons, bytes and cache keys', async () => {
    const workspace = temporaryWorkspace({
      'package.json': '{ "name": "app", "dependencies": { "express": "4.21.2" } }',
      // The app-level finding (no graceful shutdown) would sit on the listen call: the scan applies the directive in
      // this file after every file was analysed, so it has to come back from the worker.
      'server.js': "const express = require('express');\nconst app = express();\n// cloudward-disable-next-line missing-graceful-shutdown -- the platform drains it\napp.listen(3000);\n",
      'lib/store.js': "const fs = require('fs');\nfs.writeFileSync('./data/orders.json', '[]');\n",
      'lib/broken.js': 'const = ;\n',
      'lib/cached.js': "module.exports = () => 'ok';\n",
      'lib/binary.js': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]),
      'types/api.d.ts': 'export declare const port: number;\n',
    });
    const files = ['lib/binary.js', 'lib/broken.js', 'lib/cached.js', 'lib/store.js', 'server.js', 'types/api.d.ts', 'lib/deleted.js'];
    const config = defaultConfig();
    const project = await readProjectInfo(workspace.root, { fs: nodeFileSystem }, config);
    const setup = { rules: sourceRulesOf(allRules), project, config };
    const pool = new FilePool({ size: 2, script: workerScript });
    try {
      pool.begin({ role: 'file-analysis', ruleIds: allRules.map((rule) => rule.meta.id), project, config });
      const bytesOf = (file: string) => new Uint8Array(readFileSync(path.join(workspace.root, file)));
      const cachedKey = resultCacheKey('lib/cached.js', bytesOf('lib/cached.js'));
      const taken = await takeAll(pool, workspace.root, files, [cachedKey]);
      assert.equal(pool.analysedByWorkers, files.length);

      const analysedHere = (file: string) => {
        const bytes = bytesOf(file);
        return { outcome: analyzeToOutcome(file, new TextDecoder().decode(bytes), classifyFile(file), setup), bytes, cacheKey: resultCacheKey(file, bytes) };
      };
      const plain = (file: TakenFile | undefined) => (file && 'bytes' in file ? { ...file, bytes: new Uint8Array(file.bytes!) } : file);
      for (const file of ['server.js', 'lib/store.js', 'lib/broken.js']) assert.deepEqual(plain(taken.get(file)), analysedHere(file), file);
      const server = taken.get('server.js') as { outcome: { suppressions?: unknown[]; facts: unknown } };
      assert.ok(server.outcome.suppressions?.length, 'the suppression came back');
      assert.match(JSON.stringify(taken.get('lib/broken.js')), /syntax error/);
      assert.deepEqual(plain(taken.get('lib/cached.js')), { cachedKey, bytes: bytesOf('lib/cached.js') });
      assert.deepEqual(taken.get('lib/binary.js'), { outcome: { skipReason: 'binary file: contains NUL bytes' } });
      assert.deepEqual(taken.get('types/api.d.ts'), { outcome: analyzeToOutcome('types/api.d.ts', '', 'declaration', setup) });
      assert.match((taken.get('lib/deleted.js') as { outcome: { skipReason: string } }).outcome.skipReason, /^not readable: /);
    } finally {
      pool.close();
      workspace.dispose();
    }
  });

  it('a file a worker took that runs past the time limit is skipped naming the limit; the replacement worker takes the rest', async () => {
    const workspace = temporaryWorkspace({
      'a-store.js': "const fs = require('fs');\nfs.writeFileSync('./data/a.json', '[]');\n",
      'b-generated.js': slowSource(6 * 1024 * 1024),
      'c-store.js': "const fs = require('fs');\nfs.writeFileSync('./data/c.json', '[]');\n",
    });
    // A worker's first file takes it most of a second (cold code), the generated one seconds more than the limit.
    const pool = new FilePool({ size: 1, limits: { fileTimeoutMs: 2500 }, script: workerScript });
    try {
      pool.begin(allRulesSetup());
      await pool.start();
      const taken = await takeAll(pool, workspace.root, ['a-store.js', 'b-generated.js', 'c-store.js']);
      assert.deepEqual(taken.get('b-generated.js'), { outcome: { skipReason: 'analysis stopped: it took longer than the 2500 ms time limit (limits.fileTimeoutMs)', transient: true } });
      for (const file of ['a-store.js', 'c-store.js']) assert.deepEqual(rulesFound(taken.get(file)), ['no-local-disk-write'], JSON.stringify(taken.get(file)));
      assert.equal(pool.analysedByWorkers, 2, 'the replacement took the file after the stopped one');
    } finally {
      pool.close();
      workspace.dispose();
    }
  });

  it('a file a worker took that needs more than the memory limit is skipped naming the limit; the replacement worker takes the rest', async () => {
    const workspace = temporaryWorkspace({
      'a-generated.js': slowSource(8 * 1024 * 1024),
      'b-store.js': "const fs = require('fs');\nfs.writeFileSync('./data/b.json', '[]');\n",
    });
    const pool = new FilePool({ size: 1, limits: { workerMemoryMb: 96, fileTimeoutMs: 600_000 }, script: workerScript });
    try {
      pool.begin(allRulesSetup());
      const taken = await takeAll(pool, workspace.root, ['a-generated.js', 'b-store.js']);
      assert.deepEqual(taken.get('a-generated.js'), { outcome: { skipReason: 'analysis stopped: the file needed more than the 96 MB worker memory limit (limits.workerMemoryMb)', transient: true } });
      assert.deepEqual(rulesFound(taken.get('b-store.js')), ['no-local-disk-write'], JSON.stringify(taken.get('b-store.js')));
    } finally {
      pool.close();
      workspace.dispose();
    }
  });

  it('skips a file that runs past the time limit, naming the limit, replaces the worker and analyses the rest', async () => {
    const workspace = temporaryWorkspace({
      'package.json': '{ "name": "app" }',
      'a-store.js': "const fs = require('fs');\nfs.writeFileSync('./data/a.json', '[]');\n",
      'b-generated.js': slowSource(6 * 1024 * 1024),
      'c-store.js': "const fs = require('fs');\nfs.writeFileSync('./data/c.json', '[]');\n",
    });
    try {
      // jobs 1: the small files are analysed on this thread, the large one in a worker started for it.
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config: bigFileConfig, jobs: 1, limits: { fileTimeoutMs: 400 }, workerScript });
      assert.deepEqual(result.skipped, [{ file: 'b-generated.js', reason: 'analysis stopped: it took longer than the 400 ms time limit (limits.fileTimeoutMs)' }]);
      assert.deepEqual(result.findings.map((finding) => `${finding.ruleId} ${finding.file}`), ['no-local-disk-write a-store.js', 'no-local-disk-write c-store.js']);
      assert.equal(result.parsed, 2);
    } finally {
      workspace.dispose();
    }
  });

  it('skips a file that needs more than the worker memory limit, naming the limit, and analyses the rest', async () => {
    const workspace = temporaryWorkspace({
      'package.json': '{ "name": "app" }',
      'a-store.js': "const fs = require('fs');\nfs.writeFileSync('./data/a.json', '[]');\n",
      'b-generated.js': slowSource(8 * 1024 * 1024),
      'c-store.js': "const fs = require('fs');\nfs.writeFileSync('./data/c.json', '[]');\n",
    });
    try {
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config: bigFileConfig, jobs: 1, limits: { workerMemoryMb: 96, fileTimeoutMs: 600_000 }, workerScript });
      assert.deepEqual(result.skipped, [{ file: 'b-generated.js', reason: 'analysis stopped: the file needed more than the 96 MB worker memory limit (limits.workerMemoryMb)' }]);
      assert.deepEqual(result.findings.map((finding) => `${finding.ruleId} ${finding.file}`), ['no-local-disk-write a-store.js', 'no-local-disk-write c-store.js']);
    } finally {
      workspace.dispose();
    }
  });

  it('a file waiting behind one that stops its worker (out of memory) goes to the replacement worker', async () => {
    // No time limit to speak of: a replacement worker started from source takes seconds over its first file.
    const pool = new FilePool({ size: 1, limits: { workerMemoryMb: 96, fileTimeoutMs: 600_000 }, script: workerScript });
    try {
      pool.begin(allRulesSetup());
      const outcomes = new Map<string, FileOutcome>();
      // Both are sent to the only worker at once: the second waits in its queue while the first exhausts the heap.
      pool.submit('huge.js', slowSource(8 * 1024 * 1024), 'runtime', (outcome) => outcomes.set('huge.js', outcome));
      pool.submit('store.js', "const fs = require('fs');\nfs.writeFileSync('./data/c.json', '[]');\n", 'runtime', (outcome) => outcomes.set('store.js', outcome));
      await pool.below(1);
      assert.deepEqual(outcomes.get('huge.js'), { skipReason: 'analysis stopped: the file needed more than the 96 MB worker memory limit (limits.workerMemoryMb)', transient: true });
      const store = outcomes.get('store.js');
      assert.ok(store && 'findings' in store, JSON.stringify(store));
      assert.deepEqual(store.findings.map((finding) => finding.ruleId), ['no-local-disk-write']);
      assert.equal(pool.analysedByWorkers, 1, 'the replacement analysed the waiting file');
    } finally {
      pool.close();
    }
  });

  it('stops a scan when its signal is aborted while the workers are busy: CancelledError, every worker exits', async () => {
    const controller = new AbortController();
    const pool = new FilePool({ size: 2, limits: { fileTimeoutMs: 600_000 }, script: workerScript });
    pool.begin(allRulesSetup(), controller.signal);
    const outcomes: FileOutcome[] = [];
    const slow = slowSource(6 * 1024 * 1024);
    for (const name of ['a.js', 'b.js', 'c.js']) pool.submit(name, slow, 'runtime', (outcome) => outcomes.push(outcome));
    // Abort once both workers have started on a file (the third one waits in the queue).
    while (pool.busy < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pool.below(1), CancelledError);
    await pool.exited();
    assert.deepEqual(outcomes, [], 'no file finished: the workers were stopped in the middle');
  });

  it('a scan on the calling thread lets a Cancel in: an abort from a timer stops it before the last file', async () => {
    const files: Record<string, string> = { 'package.json': '{ "name": "app" }' };
    for (let index = 0; index < 400; index++) files[`lib/module${index}.js`] = `const fs = require('fs');\nmodule.exports = () => fs.writeFileSync('./data/${index}.json', '[]');\n`;
    const workspace = temporaryWorkspace(files);
    try {
      const controller = new AbortController();
      let last = 0;
      const scan = analyzeWorkspace(workspace.root, {
        fs: nodeFileSystem,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.phase !== 'analyze') return;
          // Set at the first file, the timer fires only when the scan lets events in: else the scan finishes first.
          if (progress.done === 0) setTimeout(() => controller.abort(), 0);
          last = progress.done;
        },
      });
      await assert.rejects(scan, CancelledError);
      assert.ok(last < 399, `stopped at file ${last} of 400`);
    } finally {
      workspace.dispose();
    }
  });

  it('a cancelled workspace scan rejects with CancelledError, and the next scan on the same pool runs', async () => {
    const workspace = temporaryWorkspace({
      'package.json': '{ "name": "app" }',
      'a.js': slowSource(4 * 1024 * 1024),
      'b.js': slowSource(4 * 1024 * 1024),
      'c.js': "const fs = require('fs');\nfs.writeFileSync('./data/c.json', '[]');\n",
    });
    try {
      const pool = new FilePool({ size: 2, script: workerScript });
      const controller = new AbortController();
      const scan = analyzeWorkspace(workspace.root, {
        fs: nodeFileSystem,
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.phase === 'analyze' && progress.done === 2) setTimeout(() => controller.abort(), 50);
        },
      }, { config: bigFileConfig, pool });
      await assert.rejects(scan, CancelledError);
      try {
        const next = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config: bigFileConfig, pool });
        assert.equal(next.parsed, 3);
      } finally {
        pool.close();
      }
    } finally {
      workspace.dispose();
    }
  });
});
