import * as assert from 'node:assert/strict';
import { allRules, analyzeWorkspace, defaultConfig, nodeFileSystem, type AnalysisResult } from '../../../src/engine';
import { legacyShop } from '../../support/workspace';

function ruleIdsIn(result: AnalysisResult): Set<string> {
  return new Set(result.findings.map((finding) => finding.ruleId));
}

/**
 * What one scan sets up from its rule list (the source rules, their trigger index) is kept for the next scan with
 * that list, as a re-run after an edit repeats it; these runs in one process check it is never another list's.
 */
describe('re-runs in one process (kept rule set-up)', () => {
  const host = { fs: nodeFileSystem };

  it('each rule list gets its own rules, whichever ran before', async () => {
    // A source rule and an app-level rule (which records facts while files are walked) left out of one list.
    const left = new Set(['no-local-disk-write', 'missing-graceful-shutdown']);
    const fewer = allRules.filter((rule) => !left.has(rule.meta.id));
    const all = await analyzeWorkspace(legacyShop, host, { rules: allRules });
    for (const id of left) assert.ok(ruleIdsIn(all).has(id), `legacy-shop has a ${id} finding`);
    const withFewer = await analyzeWorkspace(legacyShop, host, { rules: fewer });
    for (const id of left) assert.ok(!ruleIdsIn(withFewer).has(id), `${id} is not in the list`);
    assert.ok(withFewer.findings.length > 0);
    const allAgain = await analyzeWorkspace(legacyShop, host, { rules: allRules });
    assert.deepEqual({ ...allAgain, durationMs: 0 }, { ...all, durationMs: 0 });
    const fewerAgain = await analyzeWorkspace(legacyShop, host, { rules: fewer });
    assert.deepEqual({ ...fewerAgain, durationMs: 0 }, { ...withFewer, durationMs: 0 });
  });

  it('the same rule list with other settings follows the settings', async () => {
    const quiet = { ...defaultConfig(), rules: { 'no-local-disk-write': 'off' as const, 'missing-graceful-shutdown': 'off' as const } };
    const before = await analyzeWorkspace(legacyShop, host, { rules: allRules });
    const silenced = await analyzeWorkspace(legacyShop, host, { rules: allRules, config: quiet });
    assert.ok(ruleIdsIn(before).has('no-local-disk-write') && ruleIdsIn(before).has('missing-graceful-shutdown'));
    assert.ok(!ruleIdsIn(silenced).has('no-local-disk-write') && !ruleIdsIn(silenced).has('missing-graceful-shutdown'));
    const after = await analyzeWorkspace(legacyShop, host, { rules: allRules });
    assert.deepEqual({ ...after, durationMs: 0 }, { ...before, durationMs: 0 });
  });
});
