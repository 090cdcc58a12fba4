import * as assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { JsonReport } from '../../src/engine';
import { legacyShop, repositoryRoot } from '../support/workspace';

const GUARD = path.join(repositoryRoot, 'test/support/networkGuard.cjs');
const CLI = path.join(repositoryRoot, 'src/cli/index.ts');

interface Attempt {
  kind: string;
  target: string;
  pid: number;
  stack: string[];
}

/**
 * tsx (which runs the TypeScript sources here) connects to a local pipe of its parent process to report
 * loaded files; that is the test harness talking to itself, not Cloudward. Nothing else is excused.
 */
function isTsxHarnessPipe(attempt: Attempt): boolean {
  return /[\\/]tsx-\d+[\\/]\d+\.pipe$/.test(attempt.target) && attempt.stack.some((frame) => frame.includes('/node_modules/tsx/'));
}

/** Runs node with the guard preloaded; resolves with its output and the attempts it recorded. */
async function guarded(args: string[], options: { wrapper?: string[] } = {}): Promise<{ code: number; stdout: string; stderr: string; attempts: Attempt[] }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'cloudward-network-'));
  const log = path.join(folder, 'attempts.jsonl');
  try {
    const command = [...(options.wrapper ?? []), process.execPath, '--require', GUARD, ...args];
    const { code, stdout, stderr } = await promisify(execFile)(command[0], command.slice(1), {
      cwd: repositoryRoot,
      env: { ...process.env, CLOUDWARD_NETWORK_LOG: log },
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      (output) => ({ code: 0, ...output }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    const attempts = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Attempt).filter((attempt) => !isTsxHarnessPipe(attempt)) : [];
    return { code, stdout, stderr, attempts };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const CONTROL = `
const attempts = [
  () => require('net').connect(443, 'example.com'),
  () => new (require('net').Socket)().connect({ host: '127.0.0.1', port: 9 }),
  () => require('http').get('http://127.0.0.1:9/'),
  () => require('https').request('https://registry.npmjs.org/'),
  () => require('tls').connect(443, 'example.com'),
  () => require('dns').lookup('example.com', () => {}),
  () => require('dgram').createSocket('udp4').send('x', 9, '127.0.0.1'),
];
for (const attempt of attempts) { try { attempt(); } catch {} }
fetch('http://127.0.0.1:9/').catch(() => {});
new (require('worker_threads').Worker)("require('net').connect(80, 'worker.example'); ", { eval: true }).on('error', () => {});
require('child_process').execFileSync(process.execPath, ['-e', "try { require('net').connect(80, 'child.example') } catch {}"]);
`;

describe('no network: a full assessment makes no outbound connection (unit)', function () {
  this.timeout(120_000);

  it('control: the guard records (and refuses) every kind of attempt, in workers and child processes too', async () => {
    const { attempts } = await guarded(['-e', CONTROL]);
    const kinds = attempts.map((attempt) => `${attempt.kind} ${attempt.target}`);
    for (const expected of ['net.connect example.com:443', 'net.Socket.connect 127.0.0.1:9', 'http.get http://127.0.0.1:9/', 'https.request https://registry.npmjs.org/', 'tls.connect example.com:443', 'dns.lookup example.com', 'dgram.send x', 'fetch http://127.0.0.1:9/', 'net.connect worker.example:80', 'net.connect child.example:80']) {
      assert.ok(kinds.includes(expected), `not recorded: ${expected}\nrecorded: ${kinds.join('\n')}`);
    }
    assert.ok(new Set(attempts.map((attempt) => attempt.pid)).size >= 2, 'the child process was guarded too');
  });

  const assessArguments = ['--import', 'tsx', CLI, 'assess', legacyShop, '--format', 'json', '--fail-on', 'never'];
  let assessed: Awaited<ReturnType<typeof guarded>>;

  it('assess, fix --dry-run and dockerfile of legacy-shop record no attempt', async () => {
    assessed = await guarded(assessArguments);
    assert.equal(assessed.code, 0, assessed.stderr);
    assert.ok((JSON.parse(assessed.stdout) as JsonReport).findings.length > 10);
    assert.deepEqual(assessed.attempts, [], 'assess tried to connect');
    for (const argv of [['fix', legacyShop, '--dry-run'], ['dockerfile', legacyShop]]) {
      const { code, stdout, stderr, attempts } = await guarded(['--import', 'tsx', CLI, ...argv]);
      assert.equal(code, 0, `${argv.join(' ')}: ${stderr}`);
      assert.ok(stdout.length > 0, argv.join(' '));
      assert.deepEqual(attempts, [], `${argv.join(' ')} tried to connect`);
    }
  });

  it('with no network at all (a fresh network namespace), the assessment is the same (pending where unshare -n is not allowed)', async function () {
    if (process.platform !== 'linux' || spawnSync('unshare', ['-n', 'true']).status !== 0) this.skip();
    assert.ok(assessed, 'runs after the connected assessment');
    const isolated = await guarded(assessArguments, { wrapper: ['unshare', '-n'] });
    assert.equal(isolated.code, 0, isolated.stderr);
    assert.deepEqual(isolated.attempts, []);
    const comparable = (stdout: string) => {
      const report = JSON.parse(stdout) as JsonReport;
      return { findings: report.findings, score: report.score, skipped: report.summary.skipped };
    };
    assert.deepEqual(comparable(isolated.stdout), comparable(assessed.stdout));
  });
});
