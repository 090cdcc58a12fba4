import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, analyzeWorkspace, CancelledError, defaultConfig, nodeFileSystem, type FileSystemHost, type Progress } from '../../../src/engine';
import { legacyShop, minifiedBundle, temporaryWorkspace } from '../../support/workspace';

const server = "const app = require('express')();\napp.listen(3000);\n";

describe('workspace analysis (unit)', () => {
  it('honours .gitignore (nested too), the exclude setting and skips dependencies and build output, saying why', async () => {
    const workspace = temporaryWorkspace({
      '.gitignore': 'generated/\n*.gen.js\n',
      'server.js': server,
      'generated/api.js': server,
      'src/.gitignore': 'local.js\n',
      'src/local.js': server,
      'src/model.gen.js': server,
      'src/keep.js': server,
      'node_modules/express/index.js': server,
      'dist/server.js': server,
      'legacy/old.js': server,
    });
    try {
      const config = { ...defaultConfig(), exclude: ['legacy/'] };
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config });
      assert.deepEqual([...new Set(result.findings.map((finding) => finding.file))], ['server.js', 'src/keep.js']);
      assert.deepEqual(result.skipped, [
        { file: 'dist/', reason: 'build output folder' },
        { file: 'generated/', reason: 'ignored by .gitignore' },
        { file: 'legacy/', reason: 'excluded by the "exclude" setting' },
        { file: 'node_modules/', reason: 'dependencies folder' },
        { file: 'src/local.js', reason: 'ignored by src/.gitignore' },
        { file: 'src/model.gen.js', reason: 'ignored by .gitignore' },
      ]);
      assert.equal(result.files, 2);
      assert.equal(result.parsed, 2);
    } finally {
      workspace.dispose();
    }
  });

  it('with an include setting analyses only the matching files, and says which were left out', async () => {
    const workspace = temporaryWorkspace({ 'src/server.js': server, 'tools/seed.js': server, 'index.js': server });
    try {
      const config = { ...defaultConfig(), include: ['src/**'] };
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config });
      assert.deepEqual([...new Set(result.findings.map((finding) => finding.file))], ['src/server.js']);
      assert.deepEqual(result.skipped, [
        { file: 'index.js', reason: 'not matched by the "include" setting' },
        { file: 'tools/seed.js', reason: 'not matched by the "include" setting' },
      ]);
    } finally {
      workspace.dispose();
    }
  });

  it('gives a reason for a syntax error, a binary .js, a 5 MB minified bundle, a symlink loop and bad manifests, and still analyses the rest', async () => {
    const workspace = temporaryWorkspace(
      {
        'broken.js': 'const a = ;\n',
        'logo.js': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]),
        'public/js/bundle.js': minifiedBundle(),
        'public/js/vendor.min.js': 'var a=1;\n',
        'latin1.js': new Uint8Array([0x2f, 0x2f, 0x20, 0xe9, 0x0a]),
        'tools/package.json': '{ not json',
      },
      legacyShop,
    );
    try {
      symlinkSync('..', path.join(workspace.root, 'lib', 'loop'));
      symlinkSync('missing-target', path.join(workspace.root, 'dangling.js'));
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem });
      const reasons = Object.fromEntries(result.skipped.map((skipped) => [skipped.file, skipped.reason]));
      assert.equal(reasons['broken.js'], "syntax error at 1:11: Expression expected.");
      assert.equal(reasons['logo.js'], 'binary file: contains NUL bytes');
      assert.match(reasons['public/js/bundle.js'], /^file too large: 5\.0 MB is over the 2\.0 MB limit/);
      assert.equal(reasons['public/js/vendor.min.js'], 'minified bundle (.min.js)');
      assert.equal(reasons['latin1.js'], 'not valid UTF-8 text');
      assert.match(reasons['lib/loop'] ?? reasons['lib/loop/'], /^symlink loop/);
      assert.equal(reasons['dangling.js'], 'broken symlink: its target does not exist');
      assert.match(reasons['tools/package.json'], /^not valid JSON/);
      assert.ok(result.findings.some((finding) => finding.file === 'db.js'), 'the rest of the workspace is still analysed');
    } finally {
      workspace.dispose();
    }
  });

  it('skips a minified file under the size limit by its line lengths', async () => {
    const workspace = temporaryWorkspace({ 'public/app.js': minifiedBundle(200 * 1024) });
    try {
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem });
      assert.deepEqual(result.skipped.map((skipped) => skipped.file), ['public/app.js']);
      assert.match(result.skipped[0].reason, /^minified or generated: \d+ characters per line on average$/);
    } finally {
      workspace.dispose();
    }
  });

  it('reports unreadable files and folders and goes on', async () => {
    const workspace = temporaryWorkspace({ 'server.js': server, 'secret/keys.js': server, 'locked.js': server });
    const denied = (absolutePath: string) => Object.assign(new Error(`EACCES: permission denied, open '${absolutePath}'`), { code: 'EACCES' });
    const failingFs: FileSystemHost = {
      ...nodeFileSystem,
      readFile: (absolutePath) => (absolutePath.endsWith('locked.js') ? Promise.reject(denied(absolutePath)) : nodeFileSystem.readFile(absolutePath)),
      readDirectory: (absolutePath) => (absolutePath.endsWith('secret') ? Promise.reject(denied(absolutePath)) : nodeFileSystem.readDirectory(absolutePath)),
    };
    try {
      const result = await analyzeWorkspace(workspace.root, { fs: failingFs });
      assert.deepEqual(result.skipped, [
        { file: 'locked.js', reason: 'not readable: permission denied' },
        { file: 'secret', reason: 'folder not readable: permission denied' },
      ]);
      assert.deepEqual([...new Set(result.findings.map((finding) => finding.file))], ['server.js']);
    } finally {
      workspace.dispose();
    }
  });

  it('counts declaration files (.d.ts) as analysed without reading them: what they declare never runs', async () => {
    // The same text as a .ts file is a hard-coded credential and service URLs, and puts ioredis in the inventory.
    const declared = "import { Redis } from 'ioredis';\nexport const databaseUrl = 'postgres://admin:s3cr3tPassw0rd@db.internal:5432/shop';\nexport const cache = new Redis('redis://cache.internal:6379');\n";
    const workspace = temporaryWorkspace(
      { 'server.js': server, 'types/config.ts': declared, 'types/config.d.ts': declared, 'types/shapes.d.mts': declared, 'types/styles.d.css.ts': declared, 'types/binary.d.ts': Buffer.from([0, 159, 146, 150, 0, 1, 2, 3]) });
    try {
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { config: defaultConfig() });
      assert.equal(result.files, 6);
      assert.equal(result.parsed, 6);
      assert.deepEqual(result.skipped, []);
      const findingFiles = new Set(result.findings.map((finding) => finding.file));
      assert.ok(findingFiles.has('types/config.ts'));
      assert.deepEqual([...findingFiles].filter((file) => file.includes('.d.')), []);
      const facts = new Map(result.workspace!.files.map((info) => [info.file, info.facts]));
      assert.deepEqual((facts.get('types/config.ts')?.inventory as { imports?: string[] } | undefined)?.imports, ['ioredis']);
      // Files without facts are not listed for the assessment: no declaration is.
      assert.deepEqual([...facts.keys()].filter((file) => file.includes('.d.')), []);
    } finally {
      workspace.dispose();
    }
  });

  it('finds nothing in a declaration file open in the editor, where the same text as a .ts file has findings', () => {
    const text = "export const databaseUrl = 'postgres://admin:s3cr3tPassw0rd@db.internal:5432/shop';\n";
    assert.ok(analyzeFile('src/config.ts', text).findings.length > 0);
    assert.deepEqual(analyzeFile('src/config.d.ts', text), { findings: [], facts: {}, ruleFailures: [] });
  });

  it('reports progress and stops with CancelledError when aborted', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 40; index++) files[`src/module${index}.js`] = server;
    const workspace = temporaryWorkspace(files);
    try {
      const seen: Progress[] = [];
      const controller = new AbortController();
      const run = analyzeWorkspace(workspace.root, {
        fs: nodeFileSystem,
        signal: controller.signal,
        onProgress: (progress) => {
          seen.push(progress);
          if (progress.phase === 'analyze' && progress.done === 10) controller.abort();
        },
      });
      await assert.rejects(run, CancelledError);
      const analysed = seen.filter((progress) => progress.phase === 'analyze');
      assert.equal(analysed.at(-1)?.done, 10, 'no file after the abort is analysed');
      assert.equal(analysed[0].total, 40);

      const complete: Progress[] = [];
      await analyzeWorkspace(workspace.root, { fs: nodeFileSystem, onProgress: (progress) => complete.push(progress) });
      assert.deepEqual(complete.at(-1), { phase: 'done', done: 40, total: 40 });
    } finally {
      workspace.dispose();
    }
  });

  it('lets a Cancel in while it lists folders, when the file system answers synchronously (a slow disk)', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 200; index++) files[`packages/p${index}/index.js`] = server;
    const workspace = temporaryWorkspace(files);
    // The local disk, listed synchronously as nodeFileSystem does, at a millisecond a folder.
    let listed = 0;
    const slowDisk: FileSystemHost = {
      ...nodeFileSystem,
      async readDirectory(absolutePath) {
        const until = performance.now() + 1;
        while (performance.now() < until);
        listed++;
        return nodeFileSystem.readDirectory(absolutePath);
      },
    };
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 5);
      await assert.rejects(analyzeWorkspace(workspace.root, { fs: slowDisk, signal: controller.signal }), CancelledError);
      assert.ok(listed < 150, `${listed} of 202 folders listed before the Cancel was seen`);
    } finally {
      workspace.dispose();
    }
  });
});

describe('extensionless Node scripts (unit)', () => {
  it('analyses bin/www by its node shebang, and leaves other bin scripts alone', async () => {
    const workspace = temporaryWorkspace({
      'package.json': '{"scripts":{"start":"node ./bin/www"}}',
      'bin/www': "#!/usr/bin/env node\nvar app = require('../app');\nvar http = require('http');\nhttp.createServer(app).listen(3000);\n",
      'bin/deploy': '#!/bin/bash\nrsync -a . server:/srv/app\n',
    });
    try {
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem });
      assert.equal(result.files, 1);
      assert.deepEqual([...new Set(result.findings.map((finding) => finding.file))], ['bin/www']);
      assert.ok(result.findings.some((finding) => finding.ruleId === 'listen-fixed-port' && finding.line === 4));
    } finally {
      workspace.dispose();
    }
  });
});
