import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource, type ParseOutcome } from '../../../src/engine/parsers/javascript';
import { changeBetween, IncrementalParser } from '../../../src/engine/parsers/incrementalParser';
import { walk } from '../../../src/engine/core/walk';
import { repositoryRoot } from '../../support/workspace';

interface Source {
  file: string;
  text: string;
}

/** The tree as data: `parent` is set by the caller's walk and is not part of what the parser produced. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object' && !(value instanceof RegExp)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) if (key !== 'parent') copy[key] = plain((value as Record<string, unknown>)[key]);
    return copy;
  }
  return value;
}

/** Does to the incremental result what the runner does to every parse, so reuse meets trees that were walked. */
function walked(outcome: ParseOutcome): ParseOutcome {
  if (outcome.ok) walk(outcome.program, () => undefined, () => undefined);
  return outcome;
}

function assertSameOutcome(incremental: ParseOutcome, full: ParseOutcome, what: string): void {
  if (!full.ok) {
    assert.deepEqual(incremental, full, `${what}: same skip reason`);
    return;
  }
  assert.ok(incremental.ok, `${what}: parseSource succeeded but the incremental parse failed: ${incremental.ok ? '' : incremental.reason}`);
  assert.deepStrictEqual(plain(incremental.program), plain(full.program), `${what}: same tree`);
}

function filesUnder(root: string, pattern: RegExp, limit: number): Source[] {
  const found: Source[] = [];
  const visit = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (found.length >= limit) return;
      const absolute = path.join(folder, name);
      if (name === 'node_modules') continue;
      if (statSync(absolute).isDirectory()) visit(absolute);
      else if (pattern.test(name) && !name.endsWith('.min.js')) found.push({ file: path.relative(repositoryRoot, absolute).split(path.sep).join('/'), text: readFileSync(absolute, 'utf8') });
    }
  };
  if (existsSync(root)) visit(root);
  return found;
}

function corpusFile(relative: string): Source[] {
  const absolute = path.join(repositoryRoot, 'bench/.corpora', relative);
  return existsSync(absolute) ? [{ file: relative, text: readFileSync(absolute, 'utf8') }] : [];
}

/** Dialects and constructs the real files here lack: JSX, TSX, decorators, generics, directives, unicode, CRLF. */
const written: Source[] = [
  {
    file: 'src/App.jsx',
    text: "'use strict';\nimport React from 'react';\n\nexport function App({ items }) {\n  return (\n    <ul className=\"list\">\n      {items.map((item) => <li key={item.id}>{item.name} — ünïcödé 😀</li>)}\n    </ul>\n  );\n}\n\nconst port = process.env.PORT || 3000;\nexport default <App items={[]} />;\n",
  },
  {
    file: 'src/view.tsx',
    text: "import type { FC } from 'react';\n\ninterface Props<T> { value: T; render?: (value: T) => string }\n\nexport const View = <T,>({ value, render }: Props<T>) => <span data-x=\"1\">{render ? render(value) : String(value)}</span>;\n\nenum Colour { Red = 'r', Green = 'g' }\n\nexport default function Page(): JSX.Element {\n  const colour: Colour = Colour.Red;\n  return <View<string> value={`colour ${colour}`} />;\n}\n",
  },
  {
    file: 'src/service.ts',
    text: "\"use strict\";\n'use client';\nimport { readFileSync } from 'node:fs';\n\n@Injectable()\nexport class Service<T extends object = {}> {\n  private readonly cache = new Map<string, T>();\n  constructor(@Inject('db') private db: Db) {}\n  async load(name: string): Promise<T | undefined> {\n    return this.cache.get(name) ?? (JSON.parse(readFileSync(`/tmp/${name}`, 'utf8')) as T);\n  }\n}\n\nexport type Loaded = Awaited<ReturnType<Service['load']>>;\nnamespace Legacy { export const x = 1; }\ndeclare module 'm' { export function f(): void; }\nexport = Service;\n",
  },
  {
    file: 'lib/windows.js',
    text: "// cloudward-disable-next-line hardcoded-port\nconst a = 1;\r\nconst b = `multi\r\nline ${a}`;\r\n\r\nfunction f() {\r\n  'use strict';\r\n  return /re[g]ex\\//g.test(b);\r\n}\r\nmodule.exports = { f, π: 3.14, \u{1F600}: '\u2028' };\r\n",
  },
  // Several statements a line, as in generated code: an edit in one moves the columns of the next on that line.
  {
    file: 'lib/dense.js',
    text: "var a = 1; var b = 'two'; function c(d) { return d + a; } c(b); if (a) { b = c(a); } else b = null;\nvar e = [a, b], f = { g: e }; module.exports = f; e.push(`t${a}`); for (const h of e) c(h);\nvar i = /x+/g; var j = i.test(b) ? 1 : 2; class K { m() { return j; } } new K().m();\n",
  },
  // Suppression comments make parseSource list comments; inside JSX some slashes are text, not comments.
  {
    file: 'src/Panel.jsx',
    text: "#!/usr/bin/env node\n// cloudward-disable-next-line hardcoded-port\nconst port = 3000; // trailing\n/* block */ export const Panel = () => (\n  <div>\n    {/* in JSX */}\n    text // not a comment\n    <span>{port /* inner */}</span>\n    <b>bold</b>// text, not a comment\n    {port}/* text too */\n  </div> // after the element\n); /* after */\n\nexport default Panel; // cloudward-disable-line\n// the end\n",
  },
  { file: 'lib/module.mjs', text: "export const answer = 42;\nconst later = await Promise.resolve(answer);\nexport { later as default };\n" },
  { file: 'lib/settings.es6', text: "const identity = <T>(value: T): T => value;\nexport const port = identity(3000);\n" },
];

const realFiles: Source[] = [
  ...filesUnder(path.join(repositoryRoot, 'test/fixtures/workspaces'), /\.[cm]?[jt]sx?$/, 40),
  ...filesUnder(path.join(repositoryRoot, 'examples/legacy-shop'), /\.[cm]?[jt]sx?$/, 20),
  ...corpusFile('ws_8.18.0/package/lib/websocket.js'),
  ...corpusFile('ws_8.18.0/package/wrapper.mjs'),
  ...corpusFile('antd_5.21.6/package/es/config-provider/context.d.ts'),
  ...corpusFile('antd_5.21.6/package/es/theme/interface/alias.d.ts'),
  ...corpusFile('antd_5.21.6/package/es/tabs/style/index.js'),
];
const bigFiles: Source[] = [...corpusFile('mongoose_8.9.5/package/lib/schema.js')];

/** Pieces that break code and pieces that mend it, in every dialect the parser handles. */
const PIECES = [
  '{', '}', '(', ')', '[', ']', ';', ',', '\n', '\r\n', ' ', "'", '"', '`', '${', '/*', '*/', '//', '/', '<', '>', '</',
  'x', 'foo.bar', '(a, b) => a + b', 'async ', 'await ', 'export ', 'import x from "y";\n', '"use strict";\n', "'use strict'",
  '<div className="a">{x}</div>', '<T,>(v: T) => v', ': string', ' as const', '@dec ', 'type A = B<C>;\n', 'interface I { a?: number }\n',
  'é', '😀', '\u2028', '\ud83d', 'cloudward-disable-line', 'process.env.PORT', 'if (x) {\n', '}\n', '/re[/]x/g', 'class K extends L {}',
];

/** Pieces put at the start of a line: mostly still valid code, and they move the columns of what follows on that line. */
const LINE_PIECES = [' ', '  ', '\t', '\n', 'x; ', ';', 'let q = 1; ', '// note\n', '/* c */ ', "'use strict';\n", 'é; ', '😀 = 1;\n', '\r\n', '}', '{'];

type Edit =
  | { kind: 'insert'; at: number; piece: string }
  | { kind: 'atLineStart'; line: number; piece: string }
  | { kind: 'deleteLines'; line: number; count: number }
  | { kind: 'duplicateLines'; line: number; count: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; piece: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'undo'; steps: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('atLineStart' as const), line: fc.nat(), piece: fc.constantFrom(...LINE_PIECES) }),
  fc.record({ kind: fc.constant('deleteLines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('duplicateLines' as const), line: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }), piece: fc.constantFrom(...PIECES) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  // Going back to an earlier text mends whatever the edits since broke, as an editor's undo does.
  fc.record({ kind: fc.constant('undo' as const), steps: fc.integer({ min: 1, max: 4 }) }),
);

function applied(history: string[], change: Edit): string {
  const text = history[history.length - 1];
  if (change.kind === 'undo') return history[Math.max(0, history.length - 1 - change.steps)];
  if (change.kind === 'atLineStart' || change.kind === 'deleteLines' || change.kind === 'duplicateLines') {
    const lines = text.split('\n');
    const line = change.line % lines.length;
    if (change.kind === 'atLineStart') lines[line] = change.piece + lines[line];
    else if (change.kind === 'deleteLines') lines.splice(line, change.count);
    else lines.splice(line, 0, ...lines.slice(line, line + change.count));
    return lines.join('\n');
  }
  const at = change.at % (text.length + 1);
  switch (change.kind) {
    case 'insert':
      return text.slice(0, at) + change.piece + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'replace':
      return text.slice(0, at) + change.piece + text.slice(at + change.length);
    case 'duplicate':
      return text.slice(0, at) + text.slice(at, at + change.length) + text.slice(at);
  }
}

/** What the random edits exercised, so a generator that stops reaching the reuse paths fails the test instead of passing it. */
interface Coverage {
  compared: number;
  parsed: number;
  /** Statements taken over from the previous result and moved to another offset. */
  moved: number;
  /** Failed parses right after a successful one: the next success must reuse across the failure. */
  failedAfterSuccess: number;
  /** Successful parses that listed comments (the text holds a suppression directive) while moving statements. */
  commentsMoved: number;
}

/** Parses the source, then each edited text, comparing every incremental result with a fresh parseSource. */
function checkEdits(parser: IncrementalParser, source: Source, edits: Edit[], coverage: Coverage): void {
  const history = [source.text];
  let outcome = walked(parser.parse(source.file, source.text));
  assertSameOutcome(outcome, parseSource(source.file, source.text), `${source.file} as read`);
  let lastStarts = new Map<TSESTree.Node, number>();
  for (const [index, change] of edits.entries()) {
    // Statements are moved in place when reused: their start in the previous result is read before the next parse.
    if (outcome.ok) lastStarts = new Map(outcome.program.body.map((statement) => [statement, statement.range[0]]));
    const previousOk = outcome.ok;
    const text = applied(history, change);
    history.push(text);
    outcome = walked(parser.parse(source.file, text));
    assertSameOutcome(outcome, parseSource(source.file, text), `${source.file} after edit ${index} (${JSON.stringify(change)})`);
    coverage.compared++;
    if (outcome.ok) {
      coverage.parsed++;
      const moved = outcome.program.body.filter((statement) => lastStarts.has(statement) && lastStarts.get(statement) !== statement.range[0]).length;
      coverage.moved += moved;
      if (moved > 0 && outcome.program.comments) coverage.commentsMoved++;
    } else if (previousOk) coverage.failedAfterSuccess++;
  }
}

/** Runs edit sequences from `edits` on files from `sources` through checkEdits, and says how much they exercised. */
function checkRandomEdits(sources: readonly Source[], edits: fc.Arbitrary<Edit[]>, numRuns: number): Coverage {
  const coverage: Coverage = { compared: 0, parsed: 0, moved: 0, failedAfterSuccess: 0, commentsMoved: 0 };
  fc.assert(
    fc.property(fc.constantFrom(...sources), fc.boolean(), edits, (source, suppressed, sequence) => {
      // A suppression directive anywhere makes parseSource list comments: half the runs have one at the end.
      const text = suppressed ? `${source.text}\n// cloudward-disable-next-line some-rule\n` : source.text;
      checkEdits(new IncrementalParser(), { file: source.file, text }, sequence, coverage);
    }),
    { numRuns },
  );
  return coverage;
}

describe('IncrementalParser', () => {
  it('gives what parseSource gives after random edits of real and hand-written files', function () {
    this.timeout(600_000);
    const coverage = checkRandomEdits([...written, ...realFiles], fc.array(edit, { minLength: 1, maxLength: 8 }), 250);
    assert.ok(coverage.parsed > coverage.compared / 10, `too few edited texts parsed: ${JSON.stringify(coverage)}`);
    assert.ok(coverage.moved > 100 && coverage.failedAfterSuccess > 20 && coverage.commentsMoved > 10, `the edits barely exercised reuse: ${JSON.stringify(coverage)}`);
  });

  it('gives what parseSource gives after small edits of a 3,000-line file', function () {
    if (bigFiles.length === 0) this.skip();
    this.timeout(600_000);
    const small = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('atLineStart' as const), line: fc.nat(), piece: fc.constantFrom(...LINE_PIECES) }),
      fc.record({ kind: fc.constant('undo' as const), steps: fc.integer({ min: 1, max: 2 }) }),
    );
    const coverage = checkRandomEdits(bigFiles, fc.array(small, { minLength: 1, maxLength: 6 }), 12);
    assert.ok(coverage.moved > 20, `the edits barely exercised reuse: ${JSON.stringify(coverage)}`);
  });

  it('reports the syntax error a fresh parse reports where TypeScript\'s incremental parser leaves one out', () => {
    // Found by the property above: after these edits the incremental parser omits "JSX element 'span' has no corresponding closing tag".
    const panel = written.find((source) => source.file === 'src/Panel.jsx')!;
    const edits: Edit[] = [
      { kind: 'duplicate', at: 158630331, length: 67 },
      { kind: 'duplicateLines', line: 1822213469, count: 1 },
      { kind: 'atLineStart', line: 3596149, piece: ' ' },
      { kind: 'delete', at: 753651234, length: 57 },
      { kind: 'duplicateLines', line: 642016883, count: 1 },
    ];
    const coverage: Coverage = { compared: 0, parsed: 0, moved: 0, failedAfterSuccess: 0, commentsMoved: 0 };
    checkEdits(new IncrementalParser(), panel, edits, coverage);
    assert.equal(coverage.parsed, 0, 'every edited text is invalid');
  });

  it('finds the changed span of two texts: the longest common prefix, then the longest common suffix of the rest', () => {
    // Long runs of one character make the block comparisons meet mismatches at every offset inside a block.
    const unit = fc.oneof({ arbitrary: fc.constant('a'), weight: 40 }, { arbitrary: fc.constantFrom('b', '\n', 'é', '😀'), weight: 1 });
    const text = fc.string({ unit, maxLength: 1500 });
    fc.assert(
      fc.property(text, text, text, (prefix, middle, suffix) => {
        const before = prefix + suffix;
        const after = prefix + middle + suffix;
        for (const [from, to] of [[before, after], [after, before], [after, after]]) {
          const change = changeBetween(from, to);
          const start = change.span.start;
          const end = start + change.span.length;
          const newEnd = start + change.newLength;
          assert.equal(from.slice(0, start) + to.slice(start, newEnd) + from.slice(end), to);
          // Longest: one more character on either side would not match.
          if (start < Math.min(from.length, to.length) && end > start && newEnd > start) assert.notEqual(from[start], to[start]);
          if (end > start && newEnd > start) assert.notEqual(from[end - 1], to[newEnd - 1]);
        }
      }),
      { numRuns: 300 },
    );
    // One different character at every offset of the first blocks, from the start and from the end.
    for (let offset = 0; offset < 600; offset++) {
      const before = `${'a'.repeat(offset)}b${'a'.repeat(700)}`;
      assert.deepEqual(changeBetween(before, `${'a'.repeat(offset)}c${'a'.repeat(700)}`).span, { start: offset, length: 1 });
      // Different first characters keep the prefix empty, so the suffix alone finds the second difference.
      assert.deepEqual(changeBetween(`x${'a'.repeat(700)}b${'a'.repeat(offset)}`, `y${'a'.repeat(700)}c${'a'.repeat(offset)}`).span, { start: 0, length: 702 });
    }
  });

  it('keeps the statements an edit did not touch, moved to their new lines, and converts the rest', () => {
    const parser = new IncrementalParser();
    const file = 'src/server.js';
    const before = "const a = 1;\n\nfunction f() {\n  return a;\n}\n\nconst b = 2;\nconst c = { d: [b] };\n";
    const first = walked(parser.parse(file, before));
    assert.ok(first.ok);
    const [a, f, b, c] = first.program.body;
    // An edit inside f that adds a line: a is untouched, b and c move down by one line.
    const after = before.replace('return a;', 'const e = a;\n  return e;');
    const second = parser.parse(file, after);
    assert.ok(second.ok);
    assert.equal(c.parent, second.program, 'a statement taken over belongs to the new Program before any walk');
    walked(second);
    assert.equal(second.program.body[0], a);
    assert.notEqual(second.program.body[1], f);
    assert.equal(second.program.body[2], b);
    assert.equal(second.program.body[3], c);
    assert.deepEqual(c.loc.start, { line: 9, column: 0 });
    assert.deepEqual((c as TSESTree.VariableDeclaration).declarations[0].init!.range, [after.indexOf('{ d'), after.indexOf('] }') + 3]);
    assertSameOutcome(second, parseSource(file, after), 'after the edit');
  });

  it('converts again a statement that starts on the line where an edit ends (its columns moved)', () => {
    const parser = new IncrementalParser();
    const file = 'src/line.js';
    const before = 'let a = 1; let b = 2;\nlet c = 3;\n';
    const first = walked(parser.parse(file, before));
    assert.ok(first.ok);
    const after = 'let a = 100; let b = 2;\nlet c = 3;\n';
    const second = walked(parser.parse(file, after));
    assert.ok(second.ok);
    assertSameOutcome(second, parseSource(file, after), 'after the edit');
    assert.equal(second.program.body[2], first.program.body[2], 'the next line is reused');
  });

  it('lists comments as parseSource does when the text holds a suppression directive, keeping those of unchanged statements', () => {
    const parser = new IncrementalParser();
    const file = 'src/routes.js';
    const before = "const a = 1; // about a\n\n/* about f */\nfunction f() {\n  return a; // inner\n}\n// cloudward-disable-next-line hardcoded-port\nconst port = 3000; /* trailing */\n// last\n";
    const first = walked(parser.parse(file, before));
    assertSameOutcome(first, parseSource(file, before), 'as read');
    assert.ok(first.ok && first.program.comments);
    const inner = first.program.comments.find((comment) => comment.value === ' inner');
    // Edits the comment trailing a (it lies in f's text) and adds a line: f is converted again, port only moves.
    const edited = before.replace('// about a', '// about a, edited\n');
    const second = walked(parser.parse(file, edited));
    assertSameOutcome(second, parseSource(file, edited), 'after editing a comment');
    assert.ok(second.ok && second.program.comments);
    assert.equal(second.program.body[2], first.program.body[2], 'port is reused');
    assert.ok(!second.program.comments.includes(inner!), 'the comments of f, converted again, are new');
    // Without the directive no comments are listed; with it back, they are listed again, right.
    for (const text of [edited.replace('cloudward-disable', 'cloudward-enable'), edited, `${edited}/* one more */`]) {
      assertSameOutcome(walked(parser.parse(file, text)), parseSource(file, text), JSON.stringify(text));
    }
  });

  it('marks directives by their place in the new text, not the old one', () => {
    const parser = new IncrementalParser();
    const file = 'src/strict.js';
    const texts = [
      "'use strict';\nconst a = 1;\n",
      "x;\n'use strict';\nconst a = 1;\n",
      "'use strict';\nconst a = 1;\n",
      "'use client';\n'use strict';\nconst a = 1;\n",
      // 'b' stays unchanged while the statement before it stops and starts being a directive.
      "'a';\n'xy';\n'b';\nz;\n",
      "'a';\n(xy);\n'b';\nz;\n",
      "'a';\n'xy';\n'b';\nz;\n",
      // A string statement after the prologue is converted first among the changed statements: it is still no directive.
      "a();\nb();\nc();\n'd';\ne();\nf();\n",
      "a();\nb();\nc();\n'd';\ne();\nf(1);\n",
    ];
    for (const text of texts) assertSameOutcome(walked(parser.parse(file, text)), parseSource(file, text), JSON.stringify(text));
  });

  it('reports the syntax error parseSource reports, then recovers once the text is fixed', () => {
    const parser = new IncrementalParser();
    const file = 'src/broken.ts';
    const good = 'export function f(a: number): number {\n  return a * 2;\n}\nexport const g = f(2);\n';
    const broken = good.replace('a * 2;', 'a * (2;');
    assert.ok(parser.parse(file, good).ok);
    const failed = parser.parse(file, broken);
    assert.equal(failed.ok, false);
    assert.deepEqual(failed, parseSource(file, broken));
    assertSameOutcome(walked(parser.parse(file, good)), parseSource(file, good), 'after the fix');
  });

  it('tries without JSX for a file of unknown extension, as parseSource does', () => {
    const parser = new IncrementalParser();
    const file = 'lib/settings.es6';
    const generic = 'const identity = <T>(value: T): T => value;\n';
    const jsx = 'const view = <div>{x}</div>;\n';
    const neither = 'const broken = <T>(;\n';
    for (const text of [generic, jsx, generic, neither, jsx]) assertSameOutcome(walked(parser.parse(file, text)), parseSource(file, text), JSON.stringify(text));
  });

  it('treats .mjs and .mts files as modules even without import or export, as parseSource does', () => {
    const parser = new IncrementalParser();
    for (const file of ['lib/plain.mjs', 'lib/plain.mts', 'lib/plain.cjs']) {
      for (const text of ['const a = 1;\n', 'const a = 2;\nconst b = a;\n']) {
        const outcome = walked(parser.parse(file, text));
        assertSameOutcome(outcome, parseSource(file, text), `${file}: ${JSON.stringify(text)}`);
        assert.equal(outcome.ok && outcome.program.sourceType, file.endsWith('.cjs') ? 'script' : 'module');
      }
    }
  });

  it('keeps at most its capacity of files, least recently parsed dropped first, and forgets a file on request', () => {
    const parser = new IncrementalParser(2);
    parser.parse('a.js', 'a;');
    parser.parse('b.js', 'b;');
    parser.parse('a.js', 'a; a;');
    parser.parse('c.js', 'c;');
    assert.deepEqual(parser.keptFiles(), ['a.js', 'c.js']);
    parser.forget('a.js');
    assert.deepEqual(parser.keptFiles(), ['c.js']);
    parser.clear();
    assert.deepEqual(parser.keptFiles(), []);
    assert.throws(() => new IncrementalParser(0), /capacity must be a positive integer/);
  });

  it('parses a file it dropped from scratch, with the same result', () => {
    const parser = new IncrementalParser(1);
    const first = parser.parse('a.js', 'const a = 1;\nconst b = 2;\n');
    assert.ok(first.ok);
    parser.parse('b.js', 'b;');
    const again = parser.parse('a.js', 'const a = 1;\nconst b = 3;\n');
    assert.ok(again.ok);
    assert.notEqual(again.program.body[0], first.program.body[0], 'nothing is reused once the file was dropped');
    assertSameOutcome(again, parseSource('a.js', 'const a = 1;\nconst b = 3;\n'), 'after the drop');
  });
});
