import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeWorkspace, CancelledError, defaultConfig, nodeFileSystem, type AnalysisResult } from '../../../src/engine';
import { FilePool } from '../../../src/engine/worker/filePool';
import type { FileOutcome } from '../../../src/engine/core/fileOutcome';
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

const bigFileConfig = { ...defaultConfig(), maxFileSizeBytes: 32 * 1024 * 1024 };

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
        assert.deepEqual(comparable(await analyzeWorkspace(root, { fs: nodeFileSystem }, { jobs: 2, workerScript })), comparable(single), root);
        // The kept pool's workers got this workspace's project and settings with the scan.
        assert.deepEqual(comparable(await analyzeWorkspace(root, { fs: nodeFileSystem }, { pool })), comparable(single), `${root} (kept pool)`);
      }
    } finally {
      pool.close();
    }
  });

  it('carries suppressions, syntax errors and per-file facts across the worker boundary', async () => {
    const workspace = temporaryWorkspace({
      'package.json': '{ "name": "app", "dependencies": { "express": "4.21.2" } }',
      // The app-level finding (no graceful shutdown) would sit on the listen call: the directive in this file,
      // applied after every file was analysed, has to come back from the worker.
      'server.js': "const express = require('express');\nconst app = express();\n// cloudward-disable-next-line missing-graceful-shutdown -- the platform drains it\napp.listen(3000);\n",
      'lib/store.js': "const fs = require('fs');\nfs.writeFileSync('./data/orders.json', '[]');\n",
      'lib/broken.js': 'const = ;\n',
      'lib/other.js': "module.exports = () => 'ok';\n",
    });
    try {
      const single = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem });
      const pooled = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { jobs: 2, workerScript });
      assert.deepEqual(comparable(pooled), comparable(single));
      assert.ok(!pooled.findings.some((finding) => finding.ruleId === 'missing-graceful-shutdown'), 'the suppression applied');
      assert.ok(pooled.findings.some((finding) => finding.ruleId === 'missing-health-endpoint' && finding.file === 'server.js'), 'app-level rules ran on the facts from the workers');
      assert.ok(pooled.skipped.some((entry) => entry.file === 'lib/broken.js' && /syntax error/.test(entry.reason)));
    } finally {
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
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config: bigFileConfig, jobs: 1, limits: { fileTimeoutMs: 400 }, workerScript });
      assert.deepEqual(result.skipped, [{ file: 'b-generated.js', reason: 'analysis stopped: it took longer than the 400 ms time limit (limits.fileTimeoutMs)' }]);
      // c-store.js came after the slow file on the only worker: its replacement analysed it.
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

  it('stops a scan when its signal is aborted while the workers are busy: CancelledError, every worker exits', async () => {
    const controller = new AbortController();
    const project = { allFiles: new Set<string>(), packages: new Map(), configTexts: new Map() };
    const pool = new FilePool({ size: 2, limits: { fileTimeoutMs: 600_000 }, script: workerScript });
    pool.begin({ role: 'file-analysis', ruleIds: allRules.map((rule) => rule.meta.id), project, config: bigFileConfig }, controller.signal);
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
