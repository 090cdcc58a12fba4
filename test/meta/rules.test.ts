import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules, CATEGORIES, SEVERITIES, STRATEGIES } from '../../src/engine';
import { registeredCases } from '../support/ruleTester';

const root = path.resolve(__dirname, '../..');
const ruleFiles = readdirSync(path.join(root, 'src/engine/rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -3))
  .sort();
const REQUIRED_SECTIONS = ['## What it finds', '## Why it blocks the cloud', '## Incorrect', '## Correct', '## How to migrate', '## When not to use it'];

describe('rule registry, docs and tests stay in step (unit)', () => {
  it('registers every rule file, sorted by id, and nothing else', () => {
    assert.deepEqual(allRules.map((rule) => rule.meta.id), ruleFiles);
  });

  for (const rule of allRules) {
    const { id } = rule.meta;
    describe(id, () => {
      it('has a kebab-case id equal to its file name', () => {
        assert.match(id, /^[a-z]+(-[a-z0-9]+)*$/);
        assert.ok(existsSync(path.join(root, 'src/engine/rules', `${id}.ts`)));
      });
      it('has valid metadata', () => {
        assert.ok((CATEGORIES as readonly string[]).includes(rule.meta.category), `unknown category ${rule.meta.category}`);
        assert.ok((SEVERITIES as readonly string[]).includes(rule.meta.defaultSeverity));
        assert.ok(rule.meta.strategies.length > 0 && rule.meta.strategies.every((strategy) => (STRATEGIES as readonly string[]).includes(strategy)));
        assert.ok(rule.meta.effort > 0, 'effort must be positive');
        assert.ok(Object.keys(rule.meta.messages).length > 0);
        assert.ok(rule.meta.description.endsWith('.'));
      });
      it('has a doc page with every section and its real category', () => {
        const docPath = path.join(root, 'docs/rules', `${id}.md`);
        assert.ok(existsSync(docPath), `missing docs/rules/${id}.md`);
        const doc = readFileSync(docPath, 'utf8');
        assert.ok(doc.startsWith(`# ${id}\n`), 'the page must start with "# <rule id>"');
        assert.ok(doc.includes(`**Category:** \`${rule.meta.category}\``), 'the page must name the rule category');
        assert.ok(doc.includes(`**Default severity:** ${rule.meta.defaultSeverity}`), 'the page must name the default severity');
        for (const section of REQUIRED_SECTIONS) assert.ok(doc.includes(section), `missing section "${section}"`);
      });
      it('has a RuleTester test file with valid and invalid cases', () => {
        const testPath = path.join(root, 'test/engine/rules', `${id}.test.ts`);
        assert.ok(existsSync(testPath), `missing test/engine/rules/${id}.test.ts`);
        const test = readFileSync(testPath, 'utf8');
        assert.match(test, /RuleTester\.run(Workspace)?\(rule,/);
        assert.match(test, /valid:\s*\[/);
        assert.match(test, /invalid:\s*\[/);
        if (rule.meta.fixable) assert.match(test, /output:/, 'a fixable rule must test its fix output');
      });
    });
  }

  it('every category of the catalogue has a rule', () => {
    const covered = new Set(allRules.map((rule) => rule.meta.category));
    assert.deepEqual(CATEGORIES.filter((category) => !covered.has(category)), []);
  });

  it('every rule is tested with at least five valid and five invalid cases (run with the rule tests)', () => {
    const short = allRules
      .map((rule) => ({ id: rule.meta.id, cases: registeredCases.get(rule.meta.id) }))
      .filter(({ cases }) => !cases || cases.valid < 5 || cases.invalid < 5)
      .map(({ id, cases }) => `${id}: ${cases ? `${cases.valid} valid, ${cases.invalid} invalid` : 'its test file was not loaded'}`);
    assert.deepEqual(short, []);
  });

  it('has no doc page or test file without a rule', () => {
    const docs = readdirSync(path.join(root, 'docs/rules')).map((name) => name.replace(/\.md$/, '')).sort();
    const tests = readdirSync(path.join(root, 'test/engine/rules')).map((name) => name.replace(/\.test\.ts$/, '')).sort();
    assert.deepEqual(docs, ruleFiles);
    assert.deepEqual(tests, ruleFiles);
  });
});
