import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeWorkspace, nodeFileSystem, parseConfig, ruleIds, type AnalysisResult, type Category, type Finding, type Severity } from '../../../src/engine';
import { assess, CATEGORY_CAPS, CATEGORY_TIER, findingCost, PLAN_STEPS, type Assessment } from '../../../src/engine/assess';
import { recommendStrategy } from '../../../src/engine/assess/strategy';
import { scoreFindings } from '../../../src/engine/assess/score';
import { CATEGORIES } from '../../../src/engine/types';
import { legacyShop, repositoryRoot, temporaryWorkspace } from '../../support/workspace';

const fixtures = path.join(repositoryRoot, 'test/fixtures/workspaces');

function finding(category: Category, severity: Severity = 'error', effort = 1, file = 'src/app.js', line = 1): Finding {
  return {
    ruleId: `rule-${category}`,
    category,
    severity,
    message: `${category} here`,
    file,
    range: [0, 1],
    line,
    column: 1,
    endLine: line,
    endColumn: 2,
    strategies: ['replatform'],
    effort,
    related: [],
    fixes: [],
  };
}

function result(findings: Finding[], extra: Partial<AnalysisResult> = {}): AnalysisResult {
  return { root: '/w', files: 1, parsed: 1, skipped: [], durationMs: 1, findings, ...extra };
}

/** Every explanation must add up: the score is 100 minus the deductions, each capped. */
function assertScoreAddsUp(assessment: Assessment, findings: readonly Finding[]): void {
  const { score } = assessment;
  assert.equal(score.score, 100 - score.deductions.reduce((sum, deduction) => sum + deduction.deducted, 0));
  for (const deduction of score.deductions) {
    assert.equal(deduction.cap, CATEGORY_CAPS[deduction.category]);
    assert.equal(deduction.deducted, Math.min(deduction.cap, deduction.points));
    const own = findings.filter((item) => item.category === deduction.category);
    assert.equal(deduction.findings, own.length);
    assert.equal(deduction.points, own.reduce((sum, item) => sum + findingCost(item), 0));
  }
  assert.equal(score.deductions.reduce((sum, deduction) => sum + deduction.findings, 0), findings.length - findings.filter((item) => !score.deductions.some((d) => d.category === item.category)).length);
  for (const detail of [...score.apps, ...score.folders]) assert.equal(detail.score, 100 - detail.deductions.reduce((sum, deduction) => sum + deduction.deducted, 0));
  assert.equal(assessment.effort.total, Math.round(findings.reduce((sum, item) => sum + item.effort, 0) * 10) / 10);
  // every finding sits in exactly one plan step
  const planned = assessment.plan.steps.flatMap((step) => step.items);
  assert.equal(planned.length, findings.length);
}

async function analyse(root: string): Promise<AnalysisResult> {
  return analyzeWorkspace(root, { fs: nodeFileSystem });
}

describe('assessment: score model (unit)', () => {
  it('caps add up to 100 over the blocking categories, and every category has a tier and a plan step', () => {
    assert.equal(Object.values(CATEGORY_CAPS).reduce((sum, cap) => sum + cap, 0), 100);
    assert.deepEqual(Object.keys(CATEGORY_CAPS).sort(), [...CATEGORIES].sort());
    assert.deepEqual(Object.keys(CATEGORY_TIER).sort(), [...CATEGORIES].sort());
    assert.deepEqual(PLAN_STEPS.flatMap((step) => step.categories).sort(), [...CATEGORIES].sort());
  });

  it('an error costs half its cap, a warning a quarter (at least 1), information nothing; a category stops at its cap', () => {
    assert.equal(findingCost(finding('local-fs-write', 'error')), 6);
    assert.equal(findingCost(finding('local-fs-write', 'warning')), 3);
    assert.equal(findingCost(finding('fixed-port', 'warning')), 1);
    assert.equal(findingCost(finding('fixed-port', 'information')), 0);
    assert.equal(findingCost(finding('cloud-lock-in', 'error')), 0);
    const detail = scoreFindings([finding('local-fs-write'), finding('local-fs-write'), finding('local-fs-write'), finding('fixed-port', 'warning')]);
    assert.deepEqual(detail.deductions, [
      { category: 'local-fs-write', findings: 3, points: 18, cap: 12, deducted: 12 },
      { category: 'fixed-port', findings: 1, points: 1, cap: 3, deducted: 1 },
    ]);
    assert.equal(detail.score, 87);
    assert.equal(detail.band, 'ready');
  });

  it('every category at its cap scores 0, and no finding scores 100', () => {
    const all = CATEGORIES.flatMap((category) => [finding(category), finding(category), finding(category)]);
    assert.equal(scoreFindings(all).score, 0);
    assert.equal(scoreFindings(all).band, 'major changes');
    assert.equal(scoreFindings([]).score, 100);
  });
});

describe('assessment: strategy among the 6 Rs (unit)', () => {
  const context = { runnable: true, dependencies: [] as string[] };

  it('rehost with no blocking finding, or with configuration and packaging only', () => {
    assert.equal(recommendStrategy([], context).recommended, 'rehost');
    assert.equal(recommendStrategy([finding('cloud-lock-in', 'information')], context).recommended, 'rehost');
    const decision = recommendStrategy([finding('fixed-port', 'warning'), finding('missing-container-image', 'warning'), finding('hardcoded-secret')], context);
    assert.equal(decision.recommended, 'rehost');
    assert.equal(decision.nextCheaper, undefined);
    assert.match(decision.reasons.join('\n'), /only configuration and packaging/);
  });

  it('replatform when components must be swapped, with what rehost would need', () => {
    const decision = recommendStrategy([finding('in-memory-session-state', 'error', 3), finding('file-logging', 'warning', 0.5), finding('fixed-port', 'warning')], context);
    assert.equal(decision.recommended, 'replatform');
    assert.deepEqual(decision.nextCheaper, {
      strategy: 'rehost',
      effort: 3.5,
      changes: [
        { category: 'in-memory-session-state', findings: 1, effort: 3, change: 'keep sessions and per-user state in a shared store (Redis)' },
        { category: 'file-logging', findings: 1, effort: 0.5, change: 'log to stdout and let the platform collect the logs' },
      ],
    });
    assert.match(decision.reasons[1], /^in-memory-session-state: 1 finding \(src\/app\.js:1\), ~3 h/);
  });

  it('refactor when host coupling is substantial or the changes add up, with what replatform would need', () => {
    const coupled = recommendStrategy([finding('os-coupling', 'error', 8), finding('os-coupling', 'error', 8), finding('local-fs-write', 'error', 4), finding('embedded-db', 'error', 16), finding('in-memory-session-state', 'error', 3)], context);
    assert.equal(coupled.recommended, 'refactor');
    assert.deepEqual(coupled.nextCheaper?.changes.map((change) => change.category), ['os-coupling']);
    const large = recommendStrategy(Array.from({ length: 6 }, () => finding('embedded-db', 'error', 16)), context);
    assert.equal(large.recommended, 'refactor');
    assert.match(large.reasons[0], /add up to ~96 h/);
  });

  it('retain when host coupling dominates, repurchase when a refactor would rebuild a hosted product, retire when nothing runs', () => {
    const dominated = recommendStrategy([finding('os-coupling', 'error', 8), finding('os-coupling', 'error', 8), finding('raw-socket-ipc', 'error', 4), finding('fixed-port', 'warning')], context);
    assert.equal(dominated.recommended, 'retain');
    assert.match(dominated.reasons[0], /host coupling dominates: 3 of 4 blocking findings/);
    const product = recommendStrategy(Array.from({ length: 6 }, () => finding('embedded-db', 'error', 16)), { runnable: true, dependencies: ['ghost'] });
    assert.equal(product.recommended, 'repurchase');
    assert.equal(recommendStrategy([], { runnable: false, dependencies: [] }).recommended, 'retire');
  });

  it('keeps the override from .cloudwardrc.json beside the recommendation', () => {
    const decision = recommendStrategy([finding('in-memory-session-state')], { ...context, override: 'refactor' });
    assert.deepEqual([decision.recommended, decision.chosen, decision.overridden], ['replatform', 'refactor', true]);
    assert.match(decision.reasons.at(-1)!, /the team chose refactor in \.cloudwardrc\.json/);
    const same = recommendStrategy([finding('in-memory-session-state')], { ...context, override: 'replatform' });
    assert.deepEqual([same.chosen, same.overridden], ['replatform', false]);
  });

  it('parseConfig validates "strategy" and the analysis carries it to the assessment', async () => {
    assert.equal(parseConfig({ strategy: 'refactor' }, 'rc', ruleIds).config.strategy, 'refactor');
    const wrong = parseConfig({ strategy: 'lift-and-shift' }, 'rc', ruleIds);
    assert.equal(wrong.config.strategy, undefined);
    assert.deepEqual(wrong.problems, ['rc: "strategy" must be one of rehost, replatform, refactor, repurchase, retire, retain, got "lift-and-shift"; the assessment\'s recommendation applies']);
    assert.deepEqual(parseConfig({ strategy: 3 }, 'rc', ruleIds).problems.length, 1);
    const analysed = await analyzeWorkspace(legacyShop, { fs: nodeFileSystem }, { config: parseConfig({ strategy: 'refactor' }, 'rc', ruleIds).config });
    const assessment = assess(analysed);
    assert.equal(assessment.strategy.chosen, 'refactor');
    assert.equal(assessment.plan.strategy, 'refactor');
    assert.ok(['replatform', 'refactor'].includes(assessment.strategy.recommended));
  });
});

describe('assessment of the example and fixture workspaces (unit)', () => {
  it('cloud-ready-api: scores high, is rehost, and its inventory is exact', async () => {
    const analysed = await analyse(path.join(fixtures, 'cloud-ready-api'));
    const assessment = assess(analysed);
    assertScoreAddsUp(assessment, analysed.findings);
    // The fixture is clean by construction (see its README): a blocking finding here is a false positive.
    const blocking = analysed.findings.filter((item) => item.severity !== 'information');
    assert.deepEqual(blocking.map((item) => `${item.file}:${item.line} ${item.ruleId}`), [], 'no blocking finding');
    assert.ok(assessment.score.score >= 95, `score ${assessment.score.score}`);
    assert.equal(assessment.score.band, 'ready');
    assert.equal(assessment.strategy.recommended, 'rehost');
    assert.equal(assessment.strategy.chosen, 'rehost');
    assert.equal(assessment.strategy.nextCheaper, undefined);
    const [app] = assessment.inventory.apps;
    assert.equal(assessment.inventory.apps.length, 1);
    assert.deepEqual(
      { folder: app.folder, name: app.name, version: app.version, node: app.runtime.node, start: app.runtime.startScript },
      { folder: '', name: 'catalog-api', version: '3.1.0', node: '20.11.1', start: 'node src/server.js' },
    );
    assert.deepEqual(app.runtime.nodeSources, [
      { source: '.nvmrc', version: '20.11.1' },
      { source: 'package.json (engines.node)', version: '>=20' },
      { source: 'Dockerfile (FROM node)', version: '20-alpine' },
    ]);
    assert.deepEqual(app.frameworks, [{ name: 'Express', package: 'express', version: '^4.19.2' }]);
    assert.deepEqual(app.entryPoints, [{ file: 'src/server.js', line: 19, column: 16 }]);
    assert.deepEqual(app.ports, [{ file: 'src/server.js', line: 19, column: 16, port: 8080, fromEnvironment: true }]);
    assert.deepEqual(app.dockerfiles, ['Dockerfile']);
    assert.deepEqual(
      app.services.map((service) => ({ name: service.name, kind: service.kind, packages: service.packages, externalized: service.externalized, at: service.configuredAt.map((place) => `${place.file}:${place.line} ${place.via} ${place.evidence}`) })),
      [
        { name: 'PostgreSQL', kind: 'database', packages: ['pg'], externalized: 'yes', at: ['src/db.js:5 environment new pg.Pool() (env DATABASE_URL)'] },
        { name: 'Redis', kind: 'cache', packages: ['ioredis'], externalized: 'yes', at: ['src/cache.js:5 environment new ioredis() (env REDIS_URL)'] },
        { name: 'Amazon S3', kind: 'object-store', packages: ['@aws-sdk/client-s3'], externalized: 'yes', at: ['src/storage.js:5 environment new @aws-sdk/client-s3.S3Client() (library reads the environment)'] },
      ],
    );
    assert.deepEqual(app.cloudSdks, [{ package: '@aws-sdk/client-s3', provider: 'AWS', version: '^3.540.0', files: ['src/storage.js'] }]);
    assert.deepEqual(app.environment, ['AWS_REGION', 'DATABASE_URL', 'IMAGES_BUCKET', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
    assert.ok(assessment.plan.steps.filter((step) => step.id !== 'provider-review').every((step) => step.done));
  });

  it('legacy-shop: replatform or refactor with the reasons listed, a mid-to-low score that adds up, and its inventory', async () => {
    const analysed = await analyse(legacyShop);
    const assessment = assess(analysed);
    assertScoreAddsUp(assessment, analysed.findings);
    assert.ok(['replatform', 'refactor'].includes(assessment.strategy.recommended), assessment.strategy.recommended);
    const reasons = assessment.strategy.reasons.join('\n');
    for (const category of ['local-fs-write', 'in-memory-session-state', 'embedded-db', 'local-scheduler', 'file-logging']) {
      if (analysed.findings.some((item) => item.category === category)) assert.match(reasons, new RegExp(`^${category}: \\d+ findings? \\(`, 'm'));
    }
    assert.match(reasons, /local-fs-write: 2 findings \(jobs\/nightly-report\.js:10, routes\/uploads\.js:12/);
    assert.ok(assessment.strategy.nextCheaper, 'says what the next cheaper strategy needs');
    assert.ok(assessment.score.score >= 10 && assessment.score.score <= 70, `score ${assessment.score.score}`);
    assert.equal(assessment.score.apps.length, 1);
    assert.deepEqual(assessment.score.folders.map((folder) => folder.folder), [...new Set(analysed.findings.map((item) => path.posix.dirname(item.file)))].sort());
    const [app] = assessment.inventory.apps;
    assert.deepEqual(
      app.services.map((service) => [service.name, service.kind, service.packages.join(','), service.externalized]),
      [
        ['MongoDB', 'database', 'mongoose', 'no'],
        ['SQLite file', 'database', 'sqlite3', 'embedded'],
        ['Redis', 'cache', 'redis', 'yes'],
        ['SMTP mail', 'mail', 'nodemailer', 'no'],
      ],
    );
    assert.deepEqual(app.services[0].configuredAt.map((place) => `${place.file}:${place.line}:${place.column} ${place.via} ${place.evidence}`), ['db.js:5:19 hard-coded mongodb://localhost:27017/legacy-shop']);
    assert.deepEqual(app.services[3].configuredAt.map((place) => `${place.file}:${place.line} ${place.via} ${place.evidence}`), ['lib/mailer.js:5 hard-coded nodemailer.createTransport() (mail.shop.internal)']);
    assert.deepEqual(app.entryPoints, [{ file: 'server.js', line: 13, column: 3 }]);
    assert.deepEqual(app.ports, [{ file: 'server.js', line: 13, column: 3, port: 3000, fromEnvironment: false }]);
    assert.deepEqual(app.frameworks.map((framework) => framework.name), ['Express']);
    assert.equal(app.runtime.node, undefined);
    assert.deepEqual(app.dockerfiles, []);
    assert.deepEqual(app.cloudSdks, []);
    // the plan follows the fixed order and links each finding with its fix
    assert.deepEqual(assessment.plan.steps.map((step) => step.id), PLAN_STEPS.map((step) => step.id));
    const port = assessment.plan.steps[0].items.find((item) => item.ruleId === 'listen-fixed-port');
    assert.deepEqual(port && { file: port.file, line: port.line, docs: port.docs, fix: port.fix }, { file: 'server.js', line: 10, docs: 'docs/rules/listen-fixed-port.md', fix: 'Read PORT from the environment (default 3000)' });
    assert.ok(assessment.plan.steps.find((step) => step.id === 'object-storage')!.items.some((item) => item.file === 'routes/uploads.js'));
  });

  it('express3-orders and koa-inventory-ts: replatform or refactor, with their services found', async () => {
    const orders = await analyse(path.join(fixtures, 'express3-orders'));
    const ordersAssessment = assess(orders);
    assertScoreAddsUp(ordersAssessment, orders.findings);
    assert.ok(['replatform', 'refactor'].includes(ordersAssessment.strategy.recommended));
    const ordersApp = ordersAssessment.inventory.apps[0];
    const mysql = ordersApp.services.find((service) => service.name === 'MySQL')!;
    assert.equal(mysql.externalized, 'no');
    assert.deepEqual(mysql.configuredAt.map((place) => `${place.file}:${place.line} ${place.evidence}`), ['routes/orders.js:5 mysql.createConnection() (192.168.0.12)']);
    assert.equal(ordersApp.services.find((service) => service.name === 'NeDB file')?.externalized, 'embedded');
    assert.deepEqual(ordersApp.entryPoints.map((entry) => entry.file), ['app.js']);
    assert.deepEqual(ordersApp.ports.map((port) => [port.port, port.fromEnvironment]), [[undefined, undefined]]);

    const koa = await analyse(path.join(fixtures, 'koa-inventory-ts'));
    const koaAssessment = assess(koa);
    assertScoreAddsUp(koaAssessment, koa.findings);
    assert.ok(['replatform', 'refactor'].includes(koaAssessment.strategy.recommended));
    const koaApp = koaAssessment.inventory.apps[0];
    assert.deepEqual(
      koaApp.services.map((service) => [service.name, service.externalized, service.configuredAt.map((place) => `${place.file}:${place.line} ${place.evidence}`).join('; ')]),
      [
        ['PostgreSQL', 'yes', 'src/lib/db.ts:3 new pg.Pool() (env PGHOST)'],
        ['Redis', 'no', 'src/lib/cache.ts:5 new ioredis() (10.0.3.15)'],
      ],
    );
    assert.deepEqual(koaApp.frameworks.map((framework) => framework.name), ['Koa']);
    assert.equal(koaApp.runtime.node, '20-alpine');
    assert.deepEqual(koaApp.dockerfiles, ['Dockerfile']);
    assert.deepEqual(koaApp.ports, [{ file: 'src/main.ts', line: 11, column: 16, port: 8080, fromEnvironment: true }]);
    assert.equal(koaAssessment.plan.steps.find((step) => step.id === 'container-image')!.done, true);
  });

  it('a workspace with two apps has a score and a strategy per app, and per folder', async () => {
    const workspace = temporaryWorkspace({
      'api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '^4.0.0', pg: '^8.0.0' }, scripts: { start: 'node index.js' } }),
      'api/index.js': "const express = require('express');\nconst app = express();\napp.listen(Number(process.env.PORT ?? 3000), '0.0.0.0');\n",
      'api/Dockerfile': 'FROM node:20\nCMD ["node", "index.js"]\n',
      'worker/package.json': JSON.stringify({ name: 'worker', dependencies: { 'node-cron': '^3.0.0' } }),
      'worker/jobs/sync.js': "const fs = require('fs');\nfs.writeFileSync('./out/state.json', '{}');\n",
    });
    try {
      const analysed = await analyse(workspace.root);
      const assessment = assess(analysed);
      assertScoreAddsUp(assessment, analysed.findings);
      assert.deepEqual(assessment.inventory.apps.map((app) => [app.folder, app.name]), [['api', 'api'], ['worker', 'worker']]);
      assert.deepEqual(assessment.score.apps.map((app) => app.folder), ['api', 'worker']);
      assert.ok(assessment.score.folders.some((folder) => folder.folder === 'worker/jobs'));
      const worker = assessment.strategy.apps.find((app) => app.folder === 'worker')!;
      assert.equal(worker.recommended, 'replatform');
      assert.ok(assessment.score.apps.find((app) => app.folder === 'worker')!.score < 100);
      assert.equal(assessment.inventory.apps[0].services[0].name, 'PostgreSQL');
    } finally {
      workspace.dispose();
    }
  });

  it('a package of declaration files only is nothing that runs (retire), where the same code as .ts runs', async () => {
    const types = "import { Redis } from 'ioredis';\nexport const cache = new Redis('redis://cache.internal:6379');\nexport function connect(): void {}\n";
    for (const [file, recommended] of [
      ['types/index.d.ts', 'retire'],
      ['types/index.ts', 'rehost'],
    ] as const) {
      const workspace = temporaryWorkspace({ 'package.json': JSON.stringify({ name: 'shapes', types: 'types/index.d.ts' }), [file]: types });
      try {
        const analysed = await analyse(workspace.root);
        assert.equal(analysed.parsed, 1, file);
        const assessment = assess(analysed);
        assert.equal(assessment.strategy.recommended, recommended, `${file}: ${assessment.strategy.recommended}`);
      } finally {
        workspace.dispose();
      }
    }
  });
});

