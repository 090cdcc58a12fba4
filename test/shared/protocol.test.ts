import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { realPathInsideFolder } from '../../src/extension/host/insideFolder';
import { isWebviewToExtension } from '../../src/shared/protocol';

describe('webview messages are validated before the extension acts on them (unit)', () => {
  it('accepts ready and an openFile inside the workspace', () => {
    assert.equal(isWebviewToExtension({ type: 'ready' }), true);
    assert.equal(isWebviewToExtension({ type: 'openFile', file: 'routes/uploads.js', line: 12, column: 3 }), true);
  });

  it('refuses paths that leave the workspace, absolute paths, URIs, bad positions and unknown messages', () => {
    const refused: unknown[] = [
      { type: 'openFile', file: '../../etc/passwd', line: 1, column: 1 },
      { type: 'openFile', file: 'a/../../b.js', line: 1, column: 1 },
      { type: 'openFile', file: '/etc/passwd', line: 1, column: 1 },
      { type: 'openFile', file: 'C:\\Windows\\system.ini', line: 1, column: 1 },
      { type: 'openFile', file: 'file:///etc/passwd', line: 1, column: 1 },
      { type: 'openFile', file: 'command:workbench.action.terminal.new', line: 1, column: 1 },
      { type: 'openFile', file: 'app.js', line: 0, column: 1 },
      { type: 'openFile', file: 'app.js', line: 1.5, column: 1 },
      { type: 'openFile', file: 'app.js', line: '1', column: 1 },
      { type: 'writeFile', file: 'app.js', text: 'x' },
      null,
      'ready',
    ];
    for (const message of refused) assert.equal(isWebviewToExtension(message), false, JSON.stringify(message));
  });

  it('refuses malicious messages: traversal in every spelling, absolute and UNC paths, schemes, NUL, huge strings and numbers, wrong types', () => {
    const openFile = (file: unknown, line: unknown = 1, column: unknown = 1) => ({ type: 'openFile', file, line, column });
    const refused: unknown[] = [
      openFile('..'),
      openFile('./../secret.js'),
      openFile('src/../../secret.js'),
      openFile('src/..'),
      openFile('..\\..\\secret.js'),
      openFile('//server/share/secret.js'),
      openFile('\\\\server\\share\\secret.js'),
      openFile('C:/Windows/system.ini'),
      openFile('c:secret.js'),
      openFile('vscode://file/etc/passwd'),
      openFile('javascript:alert(1)'),
      openFile('data:text/plain,hello'),
      openFile('https://attacker.example/x.js'),
      openFile('vscode-remote://ssh-remote+host/etc/passwd'),
      openFile('untitled:x'),
      openFile('app.js\0.png'),
      openFile('\0'),
      openFile(''),
      openFile('a'.repeat(4097)),
      openFile('a/'.repeat(5000)),
      openFile(['app.js']),
      openFile({ toString: () => 'app.js' }),
      openFile(new String('app.js')),
      openFile(null),
      openFile(undefined),
      openFile(42),
      openFile('app.js', 10_000_001),
      openFile('app.js', Number.MAX_SAFE_INTEGER),
      openFile('app.js', Infinity),
      openFile('app.js', NaN),
      openFile('app.js', -1),
      openFile('app.js', 1, 0),
      openFile('app.js', 1n),
      openFile('app.js', true),
      openFile('app.js', [1]),
      openFile('app.js', { valueOf: () => 1 }),
      { type: 'openFile', file: 'app.js', line: 1 },
      { type: 'OPENFILE', file: 'app.js', line: 1, column: 1 },
      { type: ['openFile'], file: 'app.js', line: 1, column: 1 },
      { type: 'writeFile', file: 'app.js', text: 'x' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { file: 'app.js', line: 1, column: 1 },
      [],
      ['openFile', 'app.js', 1, 1],
      42,
      undefined,
      () => ({ type: 'ready' }),
    ];
    for (const message of refused) assert.equal(isWebviewToExtension(message), false, String(JSON.stringify(message, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value))).slice(0, 200));
  });

  it('the limits are exact: a 4096-character path and line 10,000,000 pass, one more does not', () => {
    assert.equal(isWebviewToExtension({ type: 'openFile', file: 'a'.repeat(4096), line: 10_000_000, column: 10_000_000 }), true);
    assert.equal(isWebviewToExtension({ type: 'openFile', file: 'a'.repeat(4097), line: 1, column: 1 }), false);
    assert.equal(isWebviewToExtension({ type: 'openFile', file: 'a.js', line: 10_000_001, column: 1 }), false);
  });

  it('names that only look like traversal, and unicode names, are paths inside the workspace', () => {
    for (const file of ['..hidden/app.js', 'a..b.js', '...', '%2e%2e/app.js', 'src/with space/ünïcödé 文件.js', '.env.example']) {
      assert.equal(isWebviewToExtension({ type: 'openFile', file, line: 1, column: 1 }), true, file);
    }
  });

  it('prototype-pollution keys in a message change nothing: the message is read, never merged', () => {
    const message: unknown = JSON.parse('{"type":"openFile","file":"app.js","line":1,"column":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    assert.equal(isWebviewToExtension(message), true);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(isWebviewToExtension(JSON.parse('{"__proto__":{"type":"ready"}}')), false, 'a type inherited from a polluted prototype is not a type');
  });
});

describe('the extension opens only files whose real path is inside the workspace (unit)', () => {
  let parent: string;
  let folder: string;
  before(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'cloudward-inside-'));
    folder = path.join(parent, 'workspace');
    mkdirSync(path.join(folder, 'src'), { recursive: true });
    writeFileSync(path.join(folder, 'src/app.js'), 'x');
    writeFileSync(path.join(parent, 'outside-secret.txt'), 'secret');
    symlinkSync(path.join(parent, 'outside-secret.txt'), path.join(folder, 'innocent.js'));
    symlinkSync(parent, path.join(folder, 'escape'));
    symlinkSync('src', path.join(folder, 'alias'));
    symlinkSync('/etc', path.join(folder, 'etc'));
  });
  after(() => rmSync(parent, { recursive: true, force: true }));

  it('a file inside, or a link that stays inside, resolves to its real path', async () => {
    assert.equal(await realPathInsideFolder(folder, 'src/app.js'), realpathSync(path.join(folder, 'src/app.js')));
    assert.equal(await realPathInsideFolder(folder, 'alias/app.js'), realpathSync(path.join(folder, 'src/app.js')));
  });

  it('links that point outside pass the message check but are refused by the real path', async () => {
    for (const file of ['innocent.js', 'escape/outside-secret.txt', 'etc/passwd', 'escape/workspace/../outside-secret.txt']) {
      if (!file.includes('..')) assert.equal(isWebviewToExtension({ type: 'openFile', file, line: 1, column: 1 }), true, `${file} passes the lexical check`);
      assert.equal(await realPathInsideFolder(folder, file), undefined, file);
    }
  });

  it('the folder itself and files that do not exist are refused', async () => {
    assert.equal(await realPathInsideFolder(folder, '.'), undefined);
    assert.equal(await realPathInsideFolder(folder, 'missing.js'), undefined);
  });
});
