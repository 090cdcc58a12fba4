import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { allRules, analyzeWorkspace, nodeFileSystem, type RuleModule } from '../../../src/engine';
import fc from 'fast-check';
import { requiredWords, TriggerIndex } from '../../../src/engine/core/triggers';
import { FILE_SYSTEM_MODULES, FILE_SYSTEM_TRIGGER, UPLOAD_TRIGGER } from '../../../src/engine/rules/support/storage-logging';
import { legacyShop, repositoryRoot } from '../../support/workspace';

/**
 * A rule's `triggers` only spare it files it could not report in. Every invalid rule-test case runs with the
 * triggers on; here whole workspaces are analysed with and without them and must give the same result.
 */
function withoutTriggers(rules: readonly RuleModule[]): RuleModule[] {
  return rules.map((rule) => (rule.meta.triggers ? ({ ...rule, meta: { ...rule.meta, triggers: undefined } } as RuleModule) : rule));
}

const fixtureWorkspaces = path.join(repositoryRoot, 'test/fixtures/workspaces');
const corpora = path.join(repositoryRoot, 'bench/.corpora');
const workspaces = [
  legacyShop,
  ...readdirSync(fixtureWorkspaces).map((name) => path.join(fixtureWorkspaces, name)),
  path.join(repositoryRoot, 'test/fixtures/untrusted-workspace'),
  // The bench's npm packages, when `npm run bench` has fetched them: thousands of real files.
  ...(existsSync(corpora) ? readdirSync(corpora).filter((name) => name !== 'tarballs').map((name) => path.join(corpora, name, 'package')) : []),
].filter((root) => existsSync(root));

describe('rule triggers', () => {
  it('some rules have triggers (the comparison below compares something)', () => {
    assert.ok(allRules.filter((rule) => rule.meta.triggers).length >= 10);
  });

  for (const root of workspaces) {
    it(`leave the analysis of ${path.relative(repositoryRoot, root)} unchanged`, async function () {
      this.timeout(300_000);
      const filtered = await analyzeWorkspace(root, { fs: nodeFileSystem }, { rules: allRules });
      const unfiltered = await analyzeWorkspace(root, { fs: nodeFileSystem }, { rules: withoutTriggers(allRules) });
      assert.deepEqual(filtered.findings, unfiltered.findings);
      assert.deepEqual(filtered.workspace, unfiltered.workspace);
      assert.deepEqual(filtered.skipped, unfiltered.skipped);
    });
  }

  it('name every file-system module in the ways code loads it', () => {
    for (const module of FILE_SYSTEM_MODULES) {
      for (const written of [`require('${module}')`, `import fs from 'node:${module}'`, `import { writeFile } from '${module}/promises'`]) {
        assert.match(written, FILE_SYSTEM_TRIGGER, written);
      }
    }
  });

  it('name the upload libraries and express-fileupload moves', () => {
    for (const written of ["require('multer')", "from '@koa/multer'", "require('formidable')", "require('express-formidable')", "require('connect-multiparty')", "from 'koa-body'", "require('koa-better-body')", 'req.files.photo.mv(target)']) {
      assert.match(written, UPLOAD_TRIGGER, written);
    }
    assert.doesNotMatch('const move = remove(path)', UPLOAD_TRIGGER);
  });

  it('are all searched as words before their RegExp runs', () => {
    for (const rule of allRules) {
      if (rule.meta.triggers) assert.ok(requiredWords(rule.meta.triggers), `${rule.meta.id}: ${rule.meta.triggers} is not a list of words`);
    }
    assert.deepEqual(requiredWords(/\bfs\b|@aws-sdk|\.json/i), ['fs', '@aws-sdk', '.json']);
    assert.equal(requiredWords(/fs.*write/), undefined);
    assert.equal(requiredWords(/a\db/), undefined);
  });

  it('match exactly where their RegExp matches', () => {
    const triggers = allRules.flatMap((rule) => (rule.meta.triggers ? [rule.meta.triggers] : []));
    // Texts made of trigger fragments in any case, word characters and punctuation, so near misses are common.
    const fragments = triggers.flatMap((trigger) => requiredWords(trigger) ?? []).flatMap((word) => [word, word.toUpperCase(), word.slice(1), word.slice(0, -1)]);
    const piece = fc.oneof(fc.constantFrom(...fragments), fc.constantFrom(' ', '_', '.', '-', '/', "'", 'a', '1', '\u0130', '\u017f'), fc.string({ maxLength: 3 }));
    // A trigger that is not a list of words, and a global one, go through the index too.
    const all = [...triggers, /fs.*write/i, /multer/g];
    const index = new TriggerIndex(all);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual(index.matching(text), all.map((trigger) => new RegExp(trigger.source, trigger.flags.replace('g', '')).test(text)), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
    assert.deepEqual(new TriggerIndex([/\bfs\b/, /Session/i, /setInterval/]).matching("const fs = require('fs'); SESSION; setinterval"), [true, true, false]);
  });
});
