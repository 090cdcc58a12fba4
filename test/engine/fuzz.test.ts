import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzeFile, applyTextEdits, combineFixes, type Finding } from '../../src/engine';
import { parseSource } from '../../src/engine/parsers/javascript';
import { legacyShop, repositoryRoot } from '../support/workspace';

/** Real source files to mutate: the example app and the fixture apps. */
function sourceFiles(root: string): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const visit = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const absolute = path.join(folder, name);
      if (statSync(absolute).isDirectory()) visit(absolute);
      else if (/\.[cm]?[jt]sx?$/.test(name) && !name.endsWith('.min.js')) found.push({ file: path.relative(root, absolute).split(path.sep).join('/'), text: readFileSync(absolute, 'utf8') });
    }
  };
  visit(root);
  return found;
}

const corpus = [legacyShop, path.join(repositoryRoot, 'test/fixtures/workspaces/koa-inventory-ts'), path.join(repositoryRoot, 'test/fixtures/workspaces/express3-orders')].flatMap(sourceFiles);
const TOKENS = ['(', ')', '{', '}', ';', "'", '`', '${', 'require(', "'fs'", 'process.env.X', '||', '??', '.listen(', '3000', "'mongodb://localhost/x'", '\n', '/*', '*/', '//', 'cloudward-disable-line', 'async ', 'await ', '=>', '\u0000', '\ud800'];

/** Deletes, inserts or duplicates pieces of a real file: mostly broken code, sometimes still valid. */
const mutated = fc
  .record({
    source: fc.constantFrom(...corpus),
    edits: fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 40 }), insert: fc.constantFrom(...TOKENS), kind: fc.constantFrom('delete', 'insert', 'duplicate') }), { maxLength: 4 }),
  })
  .map(({ source, edits }) => {
    let text = source.text;
    for (const edit of edits) {
      const at = edit.at % (text.length + 1);
      if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
      else if (edit.kind === 'insert') text = text.slice(0, at) + edit.insert + text.slice(at);
      else text = text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
    }
    return { file: source.file, text };
  });

const ownEdits = (findings: Finding[], file: string) => combineFixes(findings).editsByFile.get(file) ?? [];

describe('fuzzing the engine and every fix (unit)', () => {
  it('mutated real files: no exception escapes, fixes keep the code parsing, and fixing twice equals fixing once', () => {
    fc.assert(
      fc.property(mutated, ({ file, text }) => {
        const analysis = analyzeFile(file, text);
        assert.deepEqual(analysis.ruleFailures, []);
        if (analysis.skipReason) return;
        const fixed = applyTextEdits(text, ownEdits(analysis.findings, file));
        if (fixed === text) return;
        const reparsed = parseSource(file, fixed);
        assert.ok(reparsed.ok, `a fix broke the code: ${reparsed.ok ? '' : reparsed.reason}\n--- before\n${text}\n--- after\n${fixed}`);
        const again = analyzeFile(file, fixed);
        assert.equal(applyTextEdits(fixed, ownEdits(again.findings, file)), fixed, 'a second pass of the fixes changed the code again');
      }),
      { numRuns: 300, seed: Number(process.env.CLOUDWARD_FUZZ_SEED ?? 20261126) },
    );
  });

  it('random text of any kind: a clear skip reason or findings, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('a.js', 'a.ts', 'a.tsx', 'bin/www'), (text, file) => {
        const analysis = analyzeFile(file, text);
        assert.deepEqual(analysis.ruleFailures, []);
        if (analysis.skipReason) assert.match(analysis.skipReason, /\S/);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
