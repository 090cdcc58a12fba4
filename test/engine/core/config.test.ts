import * as assert from 'node:assert/strict';
import { parseConfig, ruleIds } from '../../../src/engine';

describe('config validation (unit)', () => {
  it('applies valid entries', () => {
    const { config, problems } = parseConfig({ rules: { 'listen-fixed-port': 'off' }, ignoreCategories: ['cloud-lock-in'], include: ['src/**'], exclude: ['legacy/**'], maxFileSizeBytes: 1000 }, '.cloudwardrc.json', ruleIds);
    assert.deepEqual(problems, []);
    assert.deepEqual({ ...config, strategy: undefined }, { rules: { 'listen-fixed-port': 'off' }, ignoreCategories: ['cloud-lock-in'], include: ['src/**'], exclude: ['legacy/**'], maxFileSizeBytes: 1000, strategy: undefined });
  });

  it('names every wrong entry and keeps the defaults for it', () => {
    const { config, problems } = parseConfig({ rules: { 'listen-fixed-port': 'loud', 'no-such-rule': 'off' }, ignoreCategories: ['fixed-port', 'cloud'], exclude: 'legacy', maxFileSizeBytes: -1 }, '.cloudwardrc.json', ruleIds);
    assert.deepEqual(problems, [
      '.cloudwardrc.json: "rules.listen-fixed-port" must be one of error, warning, information, off, got "loud"',
      '.cloudwardrc.json: unknown rule "no-such-rule" in "rules"',
      '.cloudwardrc.json: unknown category "cloud" in "ignoreCategories"',
      '.cloudwardrc.json: "exclude" must be an array of glob strings, got "legacy"',
      '.cloudwardrc.json: "maxFileSizeBytes" must be a positive number, got number -1',
    ]);
    assert.deepEqual(config.rules, {});
    assert.deepEqual(config.ignoreCategories, ['fixed-port']);
    assert.deepEqual(config.exclude, []);
  });

  it('rejects a config that is not an object', () => {
    assert.deepEqual(parseConfig([1], 'x.json', ruleIds).problems, ['x.json: expected an object, got an array; using the defaults']);
  });
});
