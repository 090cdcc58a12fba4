import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { analyzeFile, allRules } from '../../../src/engine';
import { analyzeSource } from '../../../src/engine/core/runner';
import { parseSource } from '../../../src/engine/parsers/javascript';
import { sourceRulesOf } from '../../../src/engine/core/fileOutcome';

const EMPTY_PROJECT = { allFiles: new Set<string>(), packages: new Map() };

describe('parseSource', () => {
  // TypeScript parses these; typescript-estree's grammar checks (off in Cloudward) would reject them.
  const estreeGrammarErrors = [
    "public function save(data) {\n  require('fs').writeFileSync('/var/data/orders.json', data);\n}\n",
    "const handlers = { async get store() { return require('fs').writeFileSync('/var/data/orders.json', '{}'); } };\n",
    "for (let entry, other of [1]) {}\nrequire('fs').writeFileSync('/var/data/orders.json', '{}');\n",
  ];

  for (const code of estreeGrammarErrors) {
    it(`analyses what TypeScript parses although ESTree's grammar rejects it: ${code.split('\n')[0].slice(0, 40)}`, () => {
      assert.equal(parseSource('lib/store.js', code).ok, true);
      const analysis = analyzeFile('lib/store.js', code);
      assert.equal(analysis.skipReason, undefined);
      assert.ok(analysis.findings.some((finding) => finding.ruleId === 'no-local-disk-write'), JSON.stringify(analysis.findings.map((finding) => finding.ruleId)));
    });
  }

  it('still fails on TypeScript\'s own syntax errors, with the position', () => {
    const parsed = parseSource('lib/broken.js', "const url = 'mongodb://localhost/shop;\n");
    assert.equal(parsed.ok, false);
    assert.match(!parsed.ok ? parsed.reason : '', /^syntax error at 1:\d+: Unterminated string literal\.$/);
  });
});

describe('analyzeSource on a tree of an unforeseen shape', () => {
  it('skips the file with a reason instead of throwing out of the scan', () => {
    // A Program whose body is not a list: what a parser that lets invalid grammar through might one day hand over.
    const program = { type: 'Program', body: null, comments: [], range: [0, 0], sourceType: 'script' } as unknown as TSESTree.Program;
    const analysis = analyzeSource({
      file: 'lib/odd.js',
      text: '',
      role: 'runtime',
      rules: sourceRulesOf(allRules),
      project: EMPTY_PROJECT,
      config: { rules: {}, ignoreCategories: [] },
      parse: () => ({ ok: true, program }),
    });
    assert.match(analysis.skipReason ?? '', /^could not be analysed: /);
    assert.deepEqual(analysis.findings, []);
  });
});
