import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace, applyBaseline, createBaseline, nodeFileSystem, parseBaseline } from '../../../src/engine';
import { fingerprintOf, normalizeLine } from '../../../src/engine/core/workspaceSummary';
import { legacyShop, temporaryWorkspace } from '../../support/workspace';

const analyse = (root: string) => analyzeWorkspace(root, { fs: nodeFileSystem });

describe('fingerprints and baselines (unit)', () => {
  it('a fingerprint hashes rule, file, the normalised line text and the occurrence, never the line number', () => {
    assert.equal(normalizeLine('   app.listen( 3000 );\t '), 'app.listen( 3000 );');
    const seen = new Map<string, number>();
    const first = fingerprintOf('r', 'a.js', "fs.writeFileSync('x', y);", seen);
    const second = fingerprintOf('r', 'a.js', "  fs.writeFileSync('x',   y);", seen);
    assert.notEqual(first, second, 'a second equal line is a second occurrence');
    assert.equal(first, fingerprintOf('r', 'a.js', "fs.writeFileSync('x', y);", new Map()));
    assert.notEqual(first, fingerprintOf('r', 'b.js', "fs.writeFileSync('x', y);", new Map()));
    assert.notEqual(first, fingerprintOf('other', 'a.js', "fs.writeFileSync('x', y);", new Map()));
    assert.match(first, /^[0-9a-f]{32}$/);
  });

  it('every finding of the workspace analysis has a fingerprint, unique and stable across unrelated edits', async () => {
    const workspace = temporaryWorkspace({}, legacyShop);
    try {
      const before = await analyse(workspace.root);
      const fingerprints = before.findings.map((finding) => finding.fingerprint);
      assert.ok(fingerprints.every((value) => typeof value === 'string'));
      assert.equal(new Set(fingerprints).size, fingerprints.length);
      // unrelated edits: lines added above the findings, a comment, blank lines
      for (const file of ['server.js', 'routes/uploads.js', 'db.js', 'app.js']) {
        const absolute = path.join(workspace.root, file);
        writeFileSync(absolute, `// moved down by an unrelated edit\n\n${readFileSync(absolute, 'utf8').replace("'use strict';\n", "'use strict';\n\nconst unrelated = 1;\n")}`);
      }
      writeFileSync(path.join(workspace.root, '.env'), `# a new comment\n${readFileSync(path.join(workspace.root, '.env'), 'utf8')}`);
      const after = await analyse(workspace.root);
      const byRule = (result: typeof before) => result.findings.map((finding) => `${finding.ruleId} ${finding.file} ${finding.fingerprint}`).sort();
      assert.deepEqual(byRule(after), byRule(before));
      assert.notDeepEqual(after.findings.map((finding) => finding.line), before.findings.map((finding) => finding.line), 'the lines did move');
    } finally {
      workspace.dispose();
    }
  });

  it('applyBaseline leaves out known findings, once each, and says how many', async () => {
    const result = await analyse(legacyShop);
    const baseline = createBaseline(result);
    assert.equal(baseline.findings.length, result.findings.length);
    assert.deepEqual(Object.keys(baseline.findings[0]), ['fingerprint', 'ruleId', 'file', 'message']);
    const none = applyBaseline(result, baseline, 'base.json');
    assert.deepEqual(none.findings, []);
    assert.deepEqual(none.workspace?.baseline, { file: 'base.json', known: result.findings.length });
    const partial = applyBaseline(result, { ...baseline, findings: baseline.findings.slice(1) }, 'base.json');
    assert.deepEqual(partial.findings, [result.findings[0]]);
    assert.equal(result.findings.length > 0, true, 'the original result is not changed');
  });

  it('parseBaseline rejects what is not a baseline, with the reason', () => {
    assert.deepEqual(parseBaseline([]), { problem: 'expected an object with "version": 1 and "findings"' });
    assert.deepEqual(parseBaseline({ version: 2, findings: [] }), { problem: 'unsupported baseline version 2 (expected 1)' });
    assert.deepEqual(parseBaseline({ version: 1, findings: [{ ruleId: 'x' }] }), { problem: 'findings[0] has no "fingerprint"' });
    assert.deepEqual(parseBaseline({ version: 1, findings: [{ fingerprint: 'abc' }] }), { baseline: { version: 1, tool: 'cloudward', findings: [{ fingerprint: 'abc', ruleId: '', file: '', message: '' }] } });
  });
});
