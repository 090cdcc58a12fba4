import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { MARKUP_FILE_NAME, writeHostileCorpus, type HostileCorpus } from '../../scripts/generate-hostile-fixtures';
import { repositoryRoot } from './workspace';

/** The hostile corpus and what the analysis must say about each of its files, shared by the engine and CLI tests. */
export const HOSTILE_WORKSPACE = path.join(repositoryRoot, 'test/fixtures/hostile/workspace');

export const SYNTAX_ERROR = /^syntax error at \d+:\d+: \S/;
export const TOO_DEEP = /^too deeply nested to parse: the parser ran out of stack$/;
const BINARY = /^binary file: contains NUL bytes$/;
const NOT_UTF8 = /^not valid UTF-8 text$/;
const TOO_LARGE = /^file too large: [\d.]+ MB is over the 2\.0 MB limit \(setting maxFileSizeBytes\)$/;
const UNDECODABLE_NAME = /^name is not valid UTF-8: it cannot be opened/;

/** Every file of the hostile corpus that must be skipped, with the class of reason it must be given. */
export function expectedSkips(corpus: HostileCorpus): Record<string, RegExp> {
  const expected: Record<string, RegExp> = {
    'binary/archive.ts': BINARY,
    'binary/module.wasm.mjs': BINARY,
    'binary/pixel.js': BINARY,
    'binary/random.js': BINARY,
    'bundle/app.bundle.js': /^minified or generated: \d+ characters per line on average$/,
    'bundle/huge-minified.js': TOO_LARGE,
    'encoding/latin1.js': NOT_UTF8,
    'encoding/overlong-utf8.js': NOT_UTF8,
    'encoding/surrogate-utf8.js': NOT_UTF8,
    'encoding/utf16le-no-bom.js': /^UTF-16 text without a byte-order mark: save it as UTF-8$/,
    'generated/million-lines.js': TOO_LARGE,
    'links/dangling.js': /^broken symlink: its target does not exist$/,
    'links/parent-loop/': /^symlink loop: points back to a folder already scanned/,
    'links/self-loop.js': /^symlink loop: the link resolves to itself$/,
    'package.json': /^not valid JSON: /,
    'public/vendor.min.js': /^minified bundle \(\.min\.js\)$/,
  };
  for (const name of ['arrays.js', 'blocks.js', 'calls.js', 'concatenation.js', 'functions.js', 'ifs.js', 'jsx.jsx', 'objects.ts', 'parens.js']) expected[`deep/nested-${name}`] = TOO_DEEP;
  for (const name of corpus.invalidUtf8Names) expected[name] = UNDECODABLE_NAME;
  for (const name of committedSyntaxErrors()) expected[name] = SYNTAX_ERROR;
  if (corpus.permissionsEnforced) {
    expected['locked/secret.js'] = /^not readable: permission denied$/;
    expected['locked-folder'] = /^folder not readable: permission denied$/;
  }
  return expected;
}

export function committedSyntaxErrors(): string[] {
  return ['broken-generic.ts', 'decorator-garbage.ts', 'half-arrow.js', 'html-page.js', 'invalid-escape.js', 'json-object.js', 'jsx-in-ts.ts', 'merge-conflict.js', 'missing-brace.js', 'octal-strict.js', 'python.js', 'reserved-word.js', 'shebang-late.js', 'stray-brace.js', 'unterminated-comment.js', 'unterminated-regex.js', 'unterminated-string.js', 'unterminated-template.js'].map((name) => `syntax/${name}`);
}

/** Healthy and odd-but-valid files, and the rules each must still be reported by. */
export const STILL_ANALYSED: Record<string, string[]> = {
  'server.js': ['hardcoded-service-url', 'listen-fixed-port', 'missing-container-image', 'missing-graceful-shutdown', 'missing-health-endpoint'],
  'src/with space/ünïcödé 文件.js': ['no-local-disk-write'],
  'encoding/utf16le-bom.js': ['hardcoded-service-url'],
  'encoding/utf16be-bom.ts': ['hardcoded-service-url'],
  'encoding/utf8-bom.js': ['hardcoded-service-url'],
  'odd/crlf.js': ['no-local-disk-write'],
  'odd/empty.js': [],
  'odd/bom-only.js': [],
  'odd/only-comment.ts': [],
  'odd/type-annotations.js': [],
  'generated/million-empty-lines.js': [],
  [MARKUP_FILE_NAME]: ['no-local-disk-write'],
  '.dependency-cruiser.js': [],
};

/** A temporary copy of the committed hostile workspace with the generated cases written into it. */
export function hostileWorkspace(): { corpus: HostileCorpus; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'cloudward-hostile-'));
  cpSync(HOSTILE_WORKSPACE, root, { recursive: true });
  const corpus = writeHostileCorpus(root);
  return {
    corpus,
    dispose: () => {
      corpus.restorePermissions();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
