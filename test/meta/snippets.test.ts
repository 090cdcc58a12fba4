import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../src/engine';
import { parseSource } from '../../src/engine/parsers/javascript';

const root = path.resolve(__dirname, '../..');
const snippets = JSON.parse(readFileSync(path.join(root, 'snippets/cloud-ready.code-snippets'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;

/** The code a user gets when accepting every placeholder's default. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, 'value')
    .replace(/\\\$/g, '$');
}

describe('snippets (unit)', () => {
  for (const [name, snippet] of Object.entries(snippets)) {
    it(`${snippet.prefix}: ${name} expands to code that parses and that Cloudward does not flag`, () => {
      const code = expand(snippet.body);
      const parsed = parseSource('snippet.js', code);
      assert.ok(parsed.ok, parsed.ok ? '' : `${parsed.reason}\n${code}`);
      const { findings } = analyzeFile('src/snippet.js', code);
      assert.deepEqual(findings.map((finding) => `${finding.ruleId}: ${finding.message}`), []);
    });
  }
});
