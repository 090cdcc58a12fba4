import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeWorkspace, applyTextEdits, combineFixes, nodeFileSystem, type Category } from '../../../src/engine';

/** The fixes of the "externalize config" kinds; other rules' fixes (health route, SIGTERM, ...) are not under test here. */
const CONFIG_CATEGORIES = new Set<Category>(['hardcoded-endpoint', 'hardcoded-secret', 'fixed-port', 'baked-config']);
const REPOSITORY = path.resolve(__dirname, '../../..');

/** A small legacy app: a hard-coded service URL, port 3000, a session secret and a JWT secret. */
const APP = (imports: string[]) => `${imports.join('\n')}

const REDIS_URL = 'redis://localhost:6379';
const JWT_SECRET = 'jwt-s3cret-2016';
const sessions = session({ secret: 'keyboard cat', resave: false, saveUninitialized: true });

const server = http.createServer((req, res) => {
  sessions(req, res, () => {
    const token = jwt.sign({ sub: 'shop' }, JWT_SECRET);
    const subject = jwt.verify(token, JWT_SECRET).sub;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ redis: REDIS_URL, subject, session: typeof req.session }));
  });
});

server.listen(3000, () => {
  console.log('listening');
});
`;

const VARIANTS = [
  {
    name: 'CommonJS',
    file: 'server.js',
    text: APP(["'use strict';", '', "const http = require('http');", "const session = require('express-session');", "const jwt = require('jsonwebtoken');"]),
    command: ['server.js'],
  },
  {
    name: 'ES module',
    file: 'server.mjs',
    text: APP(["import http from 'node:http';", "import session from 'express-session';", "import jwt from 'jsonwebtoken';"]),
    command: ['server.mjs'],
  },
  {
    name: 'TypeScript (tsx)',
    file: 'src/server.ts',
    text: APP(["import * as http from 'node:http';", "import session from 'express-session';", "import jwt from 'jsonwebtoken';"]).replace(
      'jwt.verify(token, JWT_SECRET).sub',
      '(jwt.verify(token, JWT_SECRET) as { sub: string }).sub',
    ),
    command: ['--import', 'tsx', 'src/server.ts'],
  },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function httpGet(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(root: string, command: string[], env: Record<string, string>): Run {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PORT|REDIS_URL|SESSION_SECRET|JWT_SECRET|NODE_OPTIONS)$/.test(name)));
  const child = spawn(process.execPath, command, { cwd: root, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForListening(run: Run, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes('listening')) {
    if (run.child.exitCode !== null) throw new Error(`the app exited with ${run.child.exitCode}:\n${run.output()}`);
    if (Date.now() > deadline) throw new Error(`the app did not start within ${timeoutMs} ms:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Applies every config fix as `cloudward fix` does, pass after pass until nothing is left (deferred fixes overlap). */
async function fixAll(root: string): Promise<string[]> {
  const applied: string[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const result = await analyzeWorkspace(root, { fs: nodeFileSystem });
    const combined = combineFixes(result.findings, (finding) => CONFIG_CATEGORIES.has(finding.category));
    if (combined.applied.length === 0) break;
    applied.push(...combined.applied.map((finding) => finding.ruleId));
    for (const [file, edits] of combined.editsByFile) {
      const target = path.join(root, file);
      let before = '';
      try {
        before = readFileSync(target, 'utf8');
      } catch {
        mkdirSync(path.dirname(target), { recursive: true });
      }
      writeFileSync(target, applyTextEdits(before, edits));
    }
  }
  return applied.sort();
}

describe('externalize config: the fixed app starts (node child processes)', function () {
  this.timeout(120_000);

  for (const variant of VARIANTS) {
    it(`${variant.name}: starts on the PORT given with the variables set, and stops with a clear message when a secret is missing`, async () => {
      const root = mkdtempSync(path.join(tmpdir(), 'cloudward-startup-'));
      try {
        // The app's dependencies (express-session, jsonwebtoken, tsx) are the repository's own dev dependencies.
        symlinkSync(path.join(REPOSITORY, 'node_modules'), path.join(root, 'node_modules'), 'dir');
        writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'legacy', version: '1.0.0', main: variant.file }, null, 2));
        mkdirSync(path.dirname(path.join(root, variant.file)), { recursive: true });
        writeFileSync(path.join(root, variant.file), variant.text);

        const applied = await fixAll(root);
        assert.deepEqual(applied, ['hardcoded-jwt-secret', 'hardcoded-service-url', 'hardcoded-session-secret', 'listen-fixed-port']);
        const fixed = readFileSync(path.join(root, variant.file), 'utf8');
        for (const secret of ['keyboard cat', 'jwt-s3cret-2016']) assert.ok(!fixed.includes(secret), `${secret} is gone from the code`);
        assert.match(fixed, /const REDIS_URL = process\.env\.REDIS_URL \?\? 'redis:\/\/localhost:6379';/);
        assert.match(fixed, /server\.listen\(Number\(process\.env\.PORT \?\? 3000\), /);
        assert.equal(readFileSync(path.join(root, '.env.example'), 'utf8'), 'REDIS_URL=redis://localhost:6379\nJWT_SECRET=\nSESSION_SECRET=\nPORT=3000\n');
        assert.deepEqual(await fixAll(root), [], 'a second run changes nothing');

        const port = await freePort();
        const env = { PORT: String(port), REDIS_URL: 'redis://cache.internal:6379', SESSION_SECRET: 'from-the-secret-store', JWT_SECRET: 'jwt-from-the-secret-store' };
        const running = start(root, variant.command, env);
        try {
          await waitForListening(running, 60_000);
          const response = await httpGet(port);
          assert.equal(response.status, 200);
          assert.deepEqual(JSON.parse(response.body), { redis: 'redis://cache.internal:6379', subject: 'shop', session: 'object' });
        } finally {
          running.child.kill('SIGTERM');
          await running.exited;
        }

        for (const missing of ['SESSION_SECRET', 'JWT_SECRET']) {
          const withoutSecret = start(root, variant.command, { ...env, [missing]: '' });
          const code = await withoutSecret.exited;
          assert.notEqual(code, 0, `exits non-zero without ${missing}`);
          assert.match(withoutSecret.output(), new RegExp(`${missing} is not set: add it to the environment \\(see \\.env\\.example\\)`));
          assert.ok(!withoutSecret.output().includes('listening'), 'it never starts listening');
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
