import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { JsonReport } from '../../src/engine';
import { legacyShop, repositoryRoot, temporaryWorkspace } from '../support/workspace';
import { cli } from '../support/cli';


describe('cloudward assess: report formats and baselines (unit)', () => {
  it('--format sarif, markdown and html print their reports; json carries the assessment', async () => {
    const sarif = await cli(['assess', 'examples/legacy-shop', '--format', 'sarif', '--fail-on', 'never']);
    assert.equal(sarif.code, 0);
    assert.equal(sarif.stderr, '');
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].results.length > 0);

    const markdown = await cli(['assess', 'examples/legacy-shop', '--format=markdown', '--fail-on', 'never']);
    assert.match(markdown.stdout, /^# Cloud readiness of legacy-shop\n/);
    assert.match(markdown.stdout, /\n## Migration plan \((replatform|refactor)\)\n/);

    const html = await cli(['assess', 'examples/legacy-shop', '--format', 'html', '--fail-on', 'never']);
    assert.match(html.stdout, /^<!DOCTYPE html>/);
    assert.match(html.stdout, /<\/html>\n$/);

    const json = await cli(['assess', 'examples/legacy-shop', '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.ok(['replatform', 'refactor'].includes(report.strategy.recommended));
    assert.equal(report.score.score, 100 - report.score.deductions.reduce((sum, deduction) => sum + deduction.deducted, 0));
    assert.equal(report.inventory.apps[0].name, 'legacy-shop');
  });

  it('--docs-base-url moves the rule links; a relative one is a usage error', async () => {
    const sarif = await cli(['assess', 'examples/legacy-shop', '--format', 'sarif', '--fail-on', 'never', '--docs-base-url', 'https://docs.example.com/cw/']);
    assert.match(sarif.stdout, /"helpUri": "https:\/\/docs\.example\.com\/cw\/docs\/rules\/listen-fixed-port\.md"/);
    const wrong = await cli(['assess', 'examples/legacy-shop', '--docs-base-url', 'docs/']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--docs-base-url must be an absolute http\(s\) URL, got 'docs\/'/);
  });

  it('the baseline round-trips: nothing new after writing it, even after unrelated edits; a new blocker is reported alone', async () => {
    const workspace = temporaryWorkspace({}, legacyShop);
    try {
      const written = await cli(['assess', '.', '--write-baseline', 'cloudward-baseline.json'], workspace.root);
      assert.equal(written.code, 0, 'writing a baseline exits 0: everything found is now known');
      const baseline = JSON.parse(readFileSync(path.join(workspace.root, 'cloudward-baseline.json'), 'utf8')) as { version: number; findings: { fingerprint: string; ruleId: string; file: string }[] };
      assert.equal(baseline.version, 1);
      assert.match(written.stderr, new RegExp(`baseline of ${baseline.findings.length} findings written to cloudward-baseline\\.json`));
      assert.ok(baseline.findings.length >= 7);
      assert.ok(!JSON.stringify(baseline).includes('"line"'), 'fingerprints, not line numbers');

      const again = await cli(['assess', '.', '--baseline', 'cloudward-baseline.json', '--format', 'json'], workspace.root);
      assert.equal(again.code, 0);
      const quiet = JSON.parse(again.stdout) as JsonReport;
      assert.deepEqual(quiet.findings, []);
      assert.deepEqual(quiet.baseline, { file: 'cloudward-baseline.json', known: baseline.findings.length });

      // unrelated edits move every finding down: still nothing new
      for (const file of ['server.js', 'db.js', 'routes/uploads.js']) {
        const absolute = path.join(workspace.root, file);
        writeFileSync(absolute, `// Copyright the shop\n\n${readFileSync(absolute, 'utf8')}`);
      }
      const moved = await cli(['assess', '.', '--baseline', 'cloudward-baseline.json', '--format', 'json'], workspace.root);
      assert.deepEqual((JSON.parse(moved.stdout) as JsonReport).findings, []);

      // one new blocker: exactly that one is reported, and it fails the run
      writeFileSync(path.join(workspace.root, 'lib/export.js'), "'use strict';\n\nconst fs = require('fs');\n\nmodule.exports = (rows) => fs.writeFileSync('./exports/orders.csv', rows.join('\\n'));\n");
      const added = await cli(['assess', '.', '--baseline', 'cloudward-baseline.json', '--format', 'json'], workspace.root);
      const fresh = JSON.parse(added.stdout) as JsonReport;
      assert.deepEqual(fresh.findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`), ['lib/export.js:5 no-local-disk-write']);
      assert.equal(added.code, 1);
      const text = await cli(['assess', '.', '--baseline', 'cloudward-baseline.json'], workspace.root);
      assert.match(text.stdout, new RegExp(`\\n${baseline.findings.length} known findings from the baseline cloudward-baseline\\.json not shown\\.\\n`));
      assert.match(text.stdout, /\n1 finding: 1 errors, 0 warnings, 0 information; estimated effort ~4 h\n$/);
    } finally {
      workspace.dispose();
    }
  });

  it('a missing or malformed baseline is a usage error, never an empty baseline', async () => {
    const workspace = temporaryWorkspace({ 'index.js': 'module.exports = 1;\n', 'bad.json': '{ "version": 1 ', 'other.json': '{"version": 3, "findings": []}' });
    try {
      const missing = await cli(['assess', '.', '--baseline', 'nope.json'], workspace.root);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /cannot read the baseline nope\.json/);
      const bad = await cli(['assess', '.', '--baseline', 'bad.json'], workspace.root);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /the baseline bad\.json is not valid JSON/);
      const other = await cli(['assess', '.', '--baseline', 'other.json'], workspace.root);
      assert.equal(other.code, 2);
      assert.match(other.stderr, /the baseline other\.json is not a Cloudward baseline: unsupported baseline version 3/);
      assert.equal((await cli(['assess', '.', '--baseline'], workspace.root)).code, 2);
    } finally {
      workspace.dispose();
    }
  });

  it('--output writes any format', async () => {
    const workspace = temporaryWorkspace({}, legacyShop);
    try {
      for (const [format, name] of [['sarif', 'report.sarif'], ['markdown', 'report.md'], ['html', 'report.html']]) {
        const result = await cli(['assess', '.', '--format', format, '--output', name, '--fail-on', 'never'], workspace.root);
        assert.equal(result.code, 0);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, new RegExp(`${format} report written to ${name.replace('.', '\\.')}`));
        assert.ok(readFileSync(path.join(workspace.root, name), 'utf8').length > 1000);
      }
    } finally {
      workspace.dispose();
    }
  });
});
