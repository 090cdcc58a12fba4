import * as assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace, buildGraph, nodeFileSystem } from '../../../src/engine';
import { loadDependencyCruiser } from '../../../src/engine/graph/cruiser';
import type { GraphModel } from '../../../src/shared/graphModel';
import { legacyShop, repositoryRoot, temporaryWorkspace } from '../../support/workspace';
import { importEdges, tsPathsFixture } from './support';

describe('dependency graph: cold build (unit)', function () {
  this.timeout(120_000);

  describe('examples/legacy-shop', () => {
    let model: GraphModel;
    before(async () => {
      const analysis = await analyzeWorkspace(legacyShop, { fs: nodeFileSystem });
      model = await buildGraph(legacyShop, { fs: nodeFileSystem, findings: analysis });
    });

    it('has every require of the code as an edge, and nothing else', () => {
      // Written from the require() calls of each file, not from a previous run.
      assert.deepEqual(importEdges(model), [
        'app.js -> package:body-parser import',
        'app.js -> package:express import',
        'app.js -> package:express-session import',
        'app.js -> package:path import',
        'app.js -> routes/orders.js import',
        'app.js -> routes/products.js import',
        'app.js -> routes/uploads.js import',
        'db.js -> package:mongoose import',
        'jobs/nightly-report.js -> lib/logger.js import',
        'jobs/nightly-report.js -> package:fs import',
        'jobs/nightly-report.js -> package:node-cron import',
        'lib/cache.js -> package:redis import',
        'lib/cache.js -> package:sqlite3 import',
        'lib/logger.js -> package:winston import',
        'lib/mailer.js -> package:nodemailer import',
        'routes/orders.js -> lib/mailer.js import',
        'routes/orders.js -> package:express import',
        'routes/orders.js -> package:fs/promises import',
        'routes/orders.js -> package:os import',
        'routes/orders.js -> package:path import',
        'routes/products.js -> lib/cache.js import',
        'routes/products.js -> package:express import',
        'routes/uploads.js -> package:express import',
        'routes/uploads.js -> package:fs import',
        'routes/uploads.js -> package:path import',
        'server.js -> app.js import',
        'server.js -> db.js import',
        'server.js -> jobs/nightly-report.js import',
        'server.js -> lib/logger.js import',
        'server.js -> package:dotenv import',
        'test/app.test.js -> package:assert import',
        'test/app.test.js -> package:supertest import',
      ]);
    });

    it('lists the modules with folder and size, core modules apart from packages, no cycle and no orphan', () => {
      const server = model.modules.find((module) => module.file === 'server.js')!;
      assert.equal(server.folder, '');
      assert.equal(server.size, statSync(path.join(legacyShop, 'server.js')).size);
      assert.equal(model.modules.find((module) => module.file === 'routes/orders.js')!.folder, 'routes');
      assert.deepEqual(model.modules.map((module) => module.file), ['app.js', 'db.js', 'jobs/nightly-report.js', 'lib/cache.js', 'lib/logger.js', 'lib/mailer.js', 'routes/orders.js', 'routes/products.js', 'routes/uploads.js', 'server.js', 'test/app.test.js']);
      assert.deepEqual(model.packages.filter((item) => item.core).map((item) => item.name), ['assert', 'fs', 'fs/promises', 'os', 'path']);
      assert.ok(model.packages.some((item) => item.id === 'package:express' && !item.core));
      assert.deepEqual(model.cycles, []);
      assert.deepEqual(model.orphans, []);
      assert.deepEqual(model.stats, { ...model.stats, modules: 11, packages: model.packages.length, edges: model.edges.length, services: model.services.length, cached: false });
    });

    it('carries the findings of each module: counts by category, worst severity, fix titles', () => {
      const app = model.modules.find((module) => module.file === 'app.js')!;
      const analysisFindings = app.findings;
      assert.ok(analysisFindings.length >= 3);
      const byCategory: Record<string, number> = {};
      for (const finding of analysisFindings) byCategory[finding.category] = (byCategory[finding.category] ?? 0) + 1;
      assert.deepEqual(app.findingsByCategory, byCategory);
      assert.equal(app.severity, 'error');
      assert.ok(analysisFindings.some((finding) => finding.category === 'in-memory-session-state'));
      assert.ok(analysisFindings.some((finding) => finding.fixes.length > 0), 'the quick fixes are named');
      const logger = model.modules.find((module) => module.file === 'lib/logger.js')!;
      assert.equal(logger.severity, 'warning', 'file logging alone is a warning');
      const products = model.modules.find((module) => module.file === 'routes/products.js')!;
      assert.equal(products.severity, undefined);
      assert.deepEqual(products.findings, []);
    });

    it('adds the backing services of the inventory, used by the modules that configure or import them', () => {
      assert.deepEqual(
        model.services.map((service) => `${service.id} ${service.kind}`),
        ['service:cache:Redis cache', 'service:database:MongoDB database', 'service:database:SQLite file database', 'service:mail:SMTP mail mail'],
      );
      const uses = model.edges.filter((edge) => edge.kind === 'uses-service').map((edge) => `${edge.from} -> ${edge.to}`);
      assert.deepEqual(uses.sort(), ['module:db.js -> service:database:MongoDB', 'module:lib/cache.js -> service:cache:Redis', 'module:lib/cache.js -> service:database:SQLite file', 'module:lib/mailer.js -> service:mail:SMTP mail']);
    });
  });

  describe('a TypeScript workspace with tsconfig paths (test/fixtures/graph/ts-paths)', () => {
    let model: GraphModel;
    before(async () => {
      model = await buildGraph(tsPathsFixture, { fs: nodeFileSystem });
    });

    it('resolves aliases and relative imports, and tells static, type-only and dynamic imports apart', () => {
      assert.deepEqual(importEdges(model), [
        'scripts/seed.js -> src/config/settings.ts import',
        'src/config/settings.ts -> src/config/defaults.json import',
        'src/cycle/a.ts -> src/cycle/b.ts import',
        'src/cycle/b.ts -> src/cycle/c.ts import',
        'src/cycle/c.ts -> src/cycle/a.ts import',
        'src/lib/db.ts -> package:pg import',
        'src/lib/db.ts -> src/config/settings.ts type-only',
        'src/lib/db.ts -> src/util/log.ts import',
        'src/lib/storage.ts -> package:@aws-sdk/client-s3 import',
        'src/main.ts -> package:express import',
        'src/main.ts -> package:fs import',
        'src/main.ts -> src/config/settings.ts type-only',
        'src/main.ts -> src/lib/db.ts import',
        'src/main.ts -> src/routes/index.ts dynamic-import',
        'src/main.ts -> src/util/helper.ts import',
        'src/routes/index.ts -> package:express type-only',
        'src/routes/index.ts -> src/lib/storage.ts import',
        'src/routes/index.ts -> src/util/helper.ts import',
        'src/util/log.ts -> src/util/helper.ts import',
      ]);
    });

    it('tells a type-only import of a package that is not installed from a runtime one', async () => {
      // Outside the repository nothing is installed: dependency-cruiser cannot resolve `express` there.
      const copy = temporaryWorkspace({}, tsPathsFixture);
      try {
        const uninstalled = await buildGraph(copy.root, { fs: nodeFileSystem });
        const express = importEdges(uninstalled).filter((edge) => edge.includes('package:express'));
        assert.deepEqual(express, ['src/main.ts -> package:express import', 'src/routes/index.ts -> package:express type-only']);
      } finally {
        copy.dispose();
      }
    });

    it('finds the planted cycle and marks exactly its edges', () => {
      assert.deepEqual(model.cycles, [['module:src/cycle/a.ts', 'module:src/cycle/b.ts', 'module:src/cycle/c.ts']]);
      const cyclic = model.edges.filter((edge) => edge.cyclic).map((edge) => `${edge.from} -> ${edge.to}`);
      assert.deepEqual(cyclic, ['module:src/cycle/a.ts -> module:src/cycle/b.ts', 'module:src/cycle/b.ts -> module:src/cycle/c.ts', 'module:src/cycle/c.ts -> module:src/cycle/a.ts']);
    });

    it('reports orphans, and imports that resolve nowhere (a broken file is not an orphan)', () => {
      assert.deepEqual(model.orphans, ['module:src/orphan.ts']);
      assert.deepEqual(model.unresolved, [
        { from: 'module:src/broken.ts', specifier: './missing' },
        { from: 'module:src/broken.ts', specifier: '@lib/nothing' },
      ]);
      assert.ok(!model.packages.some((item) => item.name.startsWith('@lib')), 'a broken alias is not a package');
    });

    it('keeps an imported JSON file as a module with its size', () => {
      const json = model.modules.find((module) => module.file === 'src/config/defaults.json')!;
      assert.equal(json.size, statSync(path.join(tsPathsFixture, 'src/config/defaults.json')).size);
      assert.equal(json.folder, 'src/config');
    });

    it('honours the exclude setting like the analysis does', async () => {
      const excluded = await buildGraph(tsPathsFixture, { fs: nodeFileSystem, exclude: ['src/cycle/'] });
      assert.ok(!excluded.modules.some((module) => module.file.startsWith('src/cycle/')));
      assert.deepEqual(excluded.cycles, []);
    });
  });

  it('a file dependency-cruiser fails on is named in a note; the other files of its batch keep their imports', async () => {
    const workspace = temporaryWorkspace({
      'a.js': "require('./b');\n",
      'b.js': "require('./c');\n",
      'c.js': 'module.exports = 1;\n',
      'deep.js': `require('./a');\nmodule.exports = ${'['.repeat(10_000)}${']'.repeat(10_000)};\n`,
    });
    try {
      const model = await buildGraph(workspace.root, { fs: nodeFileSystem });
      assert.deepEqual(importEdges(model), ['a.js -> b.js import', 'b.js -> c.js import']);
      assert.deepEqual(model.notes, ['deep.js: imports not read: too deeply nested for dependency-cruiser (it ran out of stack)']);
    } finally {
      workspace.dispose();
    }
  });

  describe('agrees with dependency-cruiser cruising the whole tree itself', () => {
    const workspaces = [legacyShop, tsPathsFixture, ...readdirSync(path.join(repositoryRoot, 'test/fixtures/workspaces')).map((name) => path.join(repositoryRoot, 'test/fixtures/workspaces', name))];
    for (const root of workspaces) {
      it(path.relative(repositoryRoot, root), async () => {
        const model = await buildGraph(root, { fs: nodeFileSystem });
        const { cruise } = await loadDependencyCruiser();
        const tsConfig = statSync(path.join(root, 'tsconfig.json'), { throwIfNoEntry: false }) ? path.join(root, 'tsconfig.json') : undefined;
        const extractTSConfig = (await import('dependency-cruiser/config-utl/extract-ts-config')).default;
        // dependency-cruiser scanning folders and following imports on its own, with its defaults.
        const result = await cruise(['.'], { baseDir: root, tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' }, exclude: { path: 'node_modules' }, ...(tsConfig ? { tsConfig: { fileName: tsConfig } } : {}) }, {}, tsConfig ? { tsConfig: extractTSConfig(tsConfig) } : {});
        const output = result.output as Exclude<typeof result.output, string>;
        const expected = new Set<string>();
        for (const module of output.modules) {
          for (const dependency of module.dependencies) {
            if (dependency.coreModule || dependency.couldNotResolve || dependency.resolved.includes('node_modules/')) continue;
            expected.add(`${module.source} -> ${dependency.resolved}`);
          }
        }
        const actual = model.edges.filter((edge) => edge.to.startsWith('module:')).map((edge) => `${edge.from.slice(7)} -> ${edge.to.slice(7)}`);
        assert.ok(expected.size > 0);
        assert.deepEqual(actual.sort(), [...expected].sort());
      });
    }
  });
});
