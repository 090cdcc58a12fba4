import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { allRules, analyzeFile, analyzeWorkspace, applyTextEdits, combineFixes, type FileSystemHost, type Finding } from '../../src/engine';
import { isSourceFile, parseSource } from '../../src/engine/parsers/javascript';
import { registeredFixCases } from '../support/ruleTester';
import { legacyShop, repositoryRoot } from '../support/workspace';

// Every rule test registers its fixed cases as it loads; loading them here (mocha's cache keeps them from
// registering twice) makes each fix of every rule a seed for the mutations below, new fixes included.
const ruleTests = path.join(repositoryRoot, 'test/engine/rules');
for (const name of readdirSync(ruleTests).filter((file) => file.endsWith('.test.ts')).sort()) require(path.join(ruleTests, name));
const sourceFixCases = registeredFixCases.flatMap((entry) => ('code' in entry ? [{ file: entry.filename, text: entry.code, ruleId: entry.ruleId }] : []));
const workspaceFixCases = registeredFixCases.flatMap((entry) => ('files' in entry ? [{ files: entry.files, ruleId: entry.ruleId }] : []));

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

function mutate(text: string, edits: { at: number; length: number; insert: string; kind: string }[]): string {
  for (const edit of edits) {
    const at = edit.at % (text.length + 1);
    if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + edit.length);
    else if (edit.kind === 'insert') text = text.slice(0, at) + edit.insert + text.slice(at);
    else text = text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
  }
  return text;
}
const textEdits = fc.array(fc.record({ at: fc.nat(), length: fc.nat({ max: 40 }), insert: fc.constantFrom(...TOKENS), kind: fc.constantFrom('delete', 'insert', 'duplicate') }), { maxLength: 3 });

/** A workspace held in memory: the analysis reads it through the same FileSystemHost as the disk. */
function memoryFileSystem(root: string, files: Record<string, string>): FileSystemHost {
  const relative = (absolutePath: string) => path.relative(root, absolutePath).split(path.sep).join('/');
  const isFolder = (folder: string) => folder === '' || Object.keys(files).some((file) => file.startsWith(`${folder}/`));
  const missing = (absolutePath: string) => Object.assign(new Error(`ENOENT: ${absolutePath}`), { code: 'ENOENT' });
  return {
    async readFile(absolutePath) {
      const text = files[relative(absolutePath)];
      if (text === undefined) throw missing(absolutePath);
      return new TextEncoder().encode(text);
    },
    async readDirectory(absolutePath) {
      const folder = relative(absolutePath);
      const prefix = folder ? `${folder}/` : '';
      const names = new Map<string, 'file' | 'directory'>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split('/');
        names.set(name, rest.length > 0 ? 'directory' : 'file');
      }
      return [...names].map(([name, kind]) => ({ name, kind }));
    },
    async stat(absolutePath) {
      const file = relative(absolutePath);
      if (files[file] !== undefined) return { kind: 'file', size: new TextEncoder().encode(files[file]).byteLength };
      if (isFolder(file)) return { kind: 'directory', size: 0 };
      throw missing(absolutePath);
    },
    async realPath(absolutePath) {
      const file = relative(absolutePath);
      if (files[file] === undefined && !isFolder(file)) throw missing(absolutePath);
      return absolutePath;
    },
  };
}

const MEMORY_ROOT = path.join(path.sep, 'memory', 'workspace');
const analyzeInMemory = (files: Record<string, string>) => analyzeWorkspace(MEMORY_ROOT, { fs: memoryFileSystem(MEMORY_ROOT, files) });

/** Applies the combined fixes of a whole workspace, as `cloudward fix` does. */
function fixWorkspace(files: Record<string, string>, findings: Finding[]): Record<string, string> {
  const fixed = { ...files };
  for (const [file, edits] of combineFixes(findings).editsByFile) fixed[file] = applyTextEdits(files[file] ?? '', edits);
  return fixed;
}

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

  it('every fixable rule has fixed test cases to mutate, and each one still offers its fix unmutated', () => {
    const seeded = new Set(registeredFixCases.map((entry) => entry.ruleId));
    const fixable = allRules.filter((rule) => rule.meta.fixable).map((rule) => rule.meta.id);
    assert.deepEqual(fixable.filter((id) => !seeded.has(id)), [], 'fixable rules without a fixed test case: the fuzzing cannot reach their fixes');
    for (const { file, text, ruleId } of sourceFixCases) {
      assert.ok(analyzeFile(file, text).findings.some((finding) => finding.ruleId === ruleId && finding.fixes.length > 0), `${ruleId}: a seed of ${file} no longer offers the fix with every rule on`);
    }
  });

  it('the fixed cases of every rule test, mutated: no exception, fixes keep the code parsing, fixing twice equals fixing once', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sourceFixCases), textEdits, ({ file, text: original }, edits) => {
        const text = mutate(original, edits);
        const analysis = analyzeFile(file, text);
        assert.deepEqual(analysis.ruleFailures, []);
        if (analysis.skipReason) return;
        const fixed = applyTextEdits(text, ownEdits(analysis.findings, file));
        if (fixed === text) return;
        const reparsed = parseSource(file, fixed);
        assert.ok(reparsed.ok, `a fix broke the code: ${reparsed.ok ? '' : reparsed.reason}\n--- before\n${text}\n--- after\n${fixed}`);
        if (combineFixes(analysis.findings).deferred.length > 0) return; // overlapping fixes are left for another run on purpose
        const again = analyzeFile(file, fixed);
        assert.equal(applyTextEdits(fixed, ownEdits(again.findings, file)), fixed, `a second pass of the fixes changed the code again\n--- once\n${fixed}`);
      }),
      { numRuns: Number(process.env.CLOUDWARD_FUZZ_RUNS ?? 400), seed: Number(process.env.CLOUDWARD_FUZZ_SEED ?? 20261127) },
    );
  });

  it('the workspace cases of app-level fixes, mutated: every file a fix writes still parses (JSON stays JSON), and a second pass adds nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...workspaceFixCases), fc.nat(), textEdits, async ({ files }, pick, edits) => {
        const sources = Object.keys(files).filter((file) => isSourceFile(file));
        const target = sources[pick % sources.length];
        const mutated = target ? { ...files, [target]: mutate(files[target], edits) } : files;
        const result = await analyzeInMemory(mutated);
        assert.deepEqual(result.skipped.filter((skipped) => skipped.reason.startsWith('partially analysed')), [], 'a rule failed');
        const fixed = fixWorkspace(mutated, result.findings);
        for (const [file, text] of Object.entries(fixed)) {
          if (text === mutated[file]) continue;
          if (isSourceFile(file)) {
            const reparsed = parseSource(file, text);
            assert.ok(reparsed.ok || !parseSource(file, mutated[file] ?? '').ok, `a fix broke ${file}: ${reparsed.ok ? '' : reparsed.reason}\n--- after\n${text}`);
          } else if (file.endsWith('.json') && mutated[file] !== undefined && isJson(mutated[file])) {
            assert.ok(isJson(text), `a fix broke the JSON of ${file}:\n${text}`);
          }
        }
        if (combineFixes(result.findings).deferred.length > 0) return;
        const again = await analyzeInMemory(fixed);
        assert.deepEqual([...combineFixes(again.findings).editsByFile.keys()], [], 'a second pass of the fixes changed the workspace again');
      }),
      { numRuns: Number(process.env.CLOUDWARD_FUZZ_WORKSPACE_RUNS ?? 80), seed: Number(process.env.CLOUDWARD_FUZZ_SEED ?? 20261127) },
    );
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
