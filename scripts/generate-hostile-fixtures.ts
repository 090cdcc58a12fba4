/**
 * Writes the hostile inputs that git cannot or should not hold: a 50 MB one-line bundle, a million-line
 * file, 10,000-deep nesting, random bytes, symlink loops, unreadable files and folders, a file name that is
 * not UTF-8. The small hostile files are committed under test/fixtures/hostile/workspace/.
 *
 *   node --import tsx scripts/generate-hostile-fixtures.ts [TARGET]   (default: test/fixtures/hostile/generated, gitignored)
 *
 * The tests call writeHostileCorpus() on a temporary copy of the committed workspace.
 */
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';

export const HUGE_BUNDLE_BYTES = 50 * 1024 * 1024;
export const MILLION = 1_000_000;
export const DEEP_NESTING = 10_000;
export const MARKUP_FILE_NAME = 'names/"><img src=x onerror=alert(1)>.js';

export interface HostileCorpus {
  root: string;
  /** Relative paths (POSIX) of everything written, file or link or folder. */
  written: string[];
  /**
   * False when permissions do not stop this process from reading (running as root): the unreadable
   * files are written but read fine, so no "permission denied" can be expected.
   */
  permissionsEnforced: boolean;
  /** The file and folder whose names are not valid UTF-8, as Node's readdir shows them (U+FFFD for the bad byte). */
  invalidUtf8Names: string[];
  /** Makes the unreadable entries readable again, so the folder can be deleted. */
  restorePermissions(): void;
}

/** A deterministic stream of bytes, so the "random" binary file is the same on every run. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

/** Writes `chunk` `times` times without building the whole text in memory. */
function writeRepeated(file: string, chunk: string, times: number): void {
  const descriptor = openSync(file, 'w');
  try {
    const block = Buffer.from(chunk.repeat(Math.max(1, Math.floor((1 << 20) / chunk.length))));
    const perBlock = block.length / Buffer.byteLength(chunk);
    let left = times;
    while (left >= perBlock) {
      writeSync(descriptor, block);
      left -= perBlock;
    }
    if (left > 0) writeSync(descriptor, Buffer.from(chunk.repeat(left)));
  } finally {
    closeSync(descriptor);
  }
}

/** One level a line, as generated code is laid out, so the files are judged by their depth, not as minified. */
export function nestedSources(depth: number): Record<string, string> {
  const nest = (open: string, middle: string, close: string) => `${`${open}\n`.repeat(depth)}${middle}\n${`${close}\n`.repeat(depth)}`;
  return {
    'deep/nested-arrays.js': `module.exports =\n${nest('[', '', ']')};\n`,
    'deep/nested-parens.js': `module.exports =\n${nest('(', '1', ')')};\n`,
    'deep/nested-blocks.js': nest('{', '', '}'),
    'deep/nested-functions.js': nest('function f() {', '', '}'),
    'deep/nested-objects.ts': `export const config =\n${nest('{ a:', '1', '}')};\n`,
    'deep/nested-ifs.js': `${'if (a)\n'.repeat(depth)}b();\n`,
    'deep/nested-calls.js': `module.exports =\n${nest('f(', '', ')')};\n`,
    'deep/nested-concatenation.js': `module.exports =\n${"'a' +\n".repeat(depth)}'a';\n`,
    'deep/nested-jsx.jsx': `export const view = (\n${nest('<div>', '', '</div>')});\n`,
  };
}

export function writeHostileCorpus(target: string): HostileCorpus {
  const root = path.resolve(target);
  const written: string[] = [];
  const file = (relative: string, content: string | Uint8Array) => {
    const absolute = path.join(root, relative);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
    written.push(relative);
  };

  // A committed webpack/rollup output: one 50 MB line.
  mkdirSync(path.join(root, 'bundle'), { recursive: true });
  writeRepeated(path.join(root, 'bundle/huge-minified.js'), 'var a=function(b){return b*2},c=[1,2,3].map(a);', Math.ceil(HUGE_BUNDLE_BYTES / 48));
  // Under the size limit but one line: found minified by its line length.
  writeRepeated(path.join(root, 'bundle/app.bundle.js'), 'var a=function(b){return b*2},c=[1,2,3].map(a);', 300 * 1024 / 48);
  written.push('bundle/huge-minified.js', 'bundle/app.bundle.js');

  // A million lines of plausible generated code (about 24 MB), and a million empty lines (1 MB, under the size limit).
  mkdirSync(path.join(root, 'generated'), { recursive: true });
  writeRepeated(path.join(root, 'generated/million-lines.js'), 'exports.value = value + 1;\n', MILLION);
  writeRepeated(path.join(root, 'generated/million-empty-lines.js'), '\n', MILLION);
  written.push('generated/million-lines.js', 'generated/million-empty-lines.js');

  for (const [relative, text] of Object.entries(nestedSources(DEEP_NESTING))) file(relative, text);

  // Random bytes under a source name: no NUL in the first bytes is not promised, invalid UTF-8 almost surely.
  file('binary/random.js', pseudoRandomBytes(64 * 1024, 20261126));

  // Links: a folder that points back to its parent, a link to itself, a link to nothing.
  mkdirSync(path.join(root, 'links'), { recursive: true });
  symlinkSync('..', path.join(root, 'links/parent-loop'));
  symlinkSync('self-loop.js', path.join(root, 'links/self-loop.js'));
  symlinkSync('does-not-exist.js', path.join(root, 'links/dangling.js'));
  written.push('links/parent-loop', 'links/self-loop.js', 'links/dangling.js');

  // Unreadable: a file and a folder with no permissions at all.
  file('locked/secret.js', "require('fs').writeFileSync('/var/data/x', 'y');\n");
  file('locked-folder/inside.js', "require('fs').writeFileSync('/var/data/x', 'y');\n");
  chmodSync(path.join(root, 'locked/secret.js'), 0o000);
  chmodSync(path.join(root, 'locked-folder'), 0o000);
  let permissionsEnforced: boolean;
  try {
    readFileSync(path.join(root, 'locked/secret.js'));
    permissionsEnforced = false;
  } catch {
    permissionsEnforced = true;
  }

  // A file name with a byte that is not UTF-8 (Linux allows any byte but '/' and NUL).
  const badName = Buffer.concat([Buffer.from(path.join(root, 'names/latin1-')), Buffer.from([0xe9]), Buffer.from('.js')]);
  mkdirSync(path.join(root, 'names'), { recursive: true });
  writeFileSync(badName, "require('fs').writeFileSync('/var/data/x', 'y');\n");
  const badFolder = Buffer.concat([Buffer.from(path.join(root, 'names/folder-')), Buffer.from([0xff])]);
  mkdirSync(badFolder);
  writeFileSync(Buffer.concat([badFolder, Buffer.from('/inside.js')]), "require('fs').writeFileSync('/var/data/x', 'y');\n");
  written.push('names/latin1-\ufffd.js', 'names/folder-\ufffd');
  // Markup in a file name: every report must show it as text (git for Windows could not check it out).
  file(MARKUP_FILE_NAME, "require('fs').writeFileSync('./uploads/avatar.png', 'y');\n");

  return {
    root,
    written,
    permissionsEnforced,
    invalidUtf8Names: ['names/folder-\ufffd', 'names/latin1-\ufffd.js'],
    restorePermissions: () => {
      chmodSync(path.join(root, 'locked/secret.js'), 0o644);
      chmodSync(path.join(root, 'locked-folder'), 0o755);
    },
  };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename);
if (isMain) {
  const target = process.argv[2] ?? path.join(__dirname, '..', 'test/fixtures/hostile/generated');
  try {
    chmodSync(path.join(target, 'locked-folder'), 0o755); // a previous run's, so it can be deleted
  } catch {
    // no previous run
  }
  rmSync(target, { recursive: true, force: true });
  const corpus = writeHostileCorpus(target);
  console.log(`wrote ${corpus.written.length} hostile entries into ${corpus.root}`);
  if (!corpus.permissionsEnforced) console.log('note: this process reads files whatever their permissions (root): the chmod 000 entries stay readable');
}
