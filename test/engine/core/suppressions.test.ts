import * as assert from 'node:assert/strict';
import { analyzeFile, defaultConfig } from '../../../src/engine';

const code = (lines: string[]) => ["const app = require('express')();", ...lines].join('\n');

describe('suppression comments and rule settings (unit)', () => {
  it('disable-next-line with a rule id and a reason silences that line only', () => {
    const { findings } = analyzeFile('src/a.js', code(['// cloudward-disable-next-line listen-fixed-port -- runs only on a dev box', 'app.listen(3000);', 'app.listen(4000);']));
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.line]), [['listen-fixed-port', 4]]);
  });

  it('disable-line without ids silences every rule on the line', () => {
    const { findings } = analyzeFile('src/a.js', code(["app.listen(3000, 'localhost'); // cloudward-disable-line"]));
    assert.deepEqual(findings, []);
  });

  it('a suppression for another rule does not apply', () => {
    const { findings } = analyzeFile('src/a.js', code(['app.listen(3000); // cloudward-disable-line no-local-disk-write']));
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['listen-fixed-port']);
  });

  it('rules can be switched off or given another severity', () => {
    const text = code(["const fs = require('fs');", "fs.writeFileSync('a.txt', '');", 'app.listen(3000);']);
    const config = defaultConfig();
    config.rules = { 'listen-fixed-port': 'off', 'no-local-disk-write': 'information' };
    const { findings } = analyzeFile('src/a.js', text, { config });
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.severity]), [['no-local-disk-write', 'information']]);
  });

  it('ignoreCategories switches a category off unless a rule is named', () => {
    const text = code(["const fs = require('fs');", "fs.writeFileSync('a.txt', '');", 'app.listen(3000);']);
    const config = defaultConfig();
    config.ignoreCategories = ['local-fs-write', 'fixed-port'];
    config.rules = { 'listen-fixed-port': 'error' };
    const { findings } = analyzeFile('src/a.js', text, { config });
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.severity]), [['listen-fixed-port', 'error']]);
  });
});

describe('suppression comments on app-level findings (unit)', () => {
  it('a comment above the listen call silences the app-level rules it names', async () => {
    const { analyzeWorkspace, nodeFileSystem } = await import('../../../src/engine');
    const { temporaryWorkspace } = await import('../../support/workspace');
    const workspace = temporaryWorkspace({
      'package.json': '{}',
      'server.js': "const app = require('express')();\n// cloudward-disable-next-line missing-container-image -- deployed with buildpacks\napp.listen(process.env.PORT);\n",
    });
    try {
      const result = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem });
      const ruleIds = result.findings.map((finding) => finding.ruleId);
      assert.ok(!ruleIds.includes('missing-container-image'), ruleIds.join(', '));
      assert.ok(ruleIds.includes('missing-health-endpoint'), 'other app-level rules still report');
    } finally {
      workspace.dispose();
    }
  });
});
