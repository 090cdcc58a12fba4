import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { allRules, analyzeWorkspace, nodeFileSystem } from '../../../src/engine';
import { cli } from '../../support/cli';
import { repositoryRoot, temporaryWorkspace } from '../../support/workspace';

/**
 * The S3 fixes applied by `cloudward fix` to a small legacy app (CommonJS, an ES module, TypeScript, an
 * Express + multer server), then the fixed code run as it is against a real S3-compatible server (s3rver)
 * on 127.0.0.1: every write must land in the bucket under the key derived from its old path, every read must
 * give it back, streams must go through a multipart upload, uploads must reach the bucket through multer-s3,
 * and an S3 failure in a route handler must become a 500 through `next`, not a crash.
 */
const S3rver = require('s3rver') as new (options: object) => {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: { Records: { eventName: string; s3: { object: { key: string } } }[] }) => void): void;
};

const BUCKET = 'cloudward-live';
const lines = (...text: string[]) => `${text.join('\n')}\n`;

const APP: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'legacy-app', version: '1.0.0', dependencies: { express: '^4.18.2', multer: '^1.4.5-lts.1' } }, null, 2) + '\n',
  // CommonJS: sync writes and reads in async functions, a callback write and read with named callbacks, a stream written line by line.
  'lib/store.js': lines(
    "const fs = require('fs');",
    "const path = require('path');",
    '',
    "const DATA_DIR = path.join(__dirname, '..', 'data');",
    '',
    'async function saveUser(id, user) {',
    "  fs.writeFileSync(path.join(DATA_DIR, 'users', `${id}.json`), JSON.stringify(user));",
    '}',
    '',
    'async function loadUser(id) {',
    "  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'users', `${id}.json`), 'utf8'));",
    '}',
    '',
    'function saveReport(day, csv, done) {',
    '  fs.writeFile(`./reports/${day}.csv`, csv, done);',
    '}',
    '',
    'function loadReport(day, done) {',
    "  fs.readFile(`./reports/${day}.csv`, 'utf8', done);",
    '}',
    '',
    'function exportRows(name, rows, done) {',
    '  const out = fs.createWriteStream(`./exports/${name}`);',
    "  out.on('finish', () => done(null));",
    "  out.on('error', done);",
    "  for (const row of rows) out.write(row + '\\n');",
    '  out.end();',
    '}',
    '',
    'module.exports = { saveUser, loadUser, saveReport, loadReport, exportRows };',
  ),
  // An ES module without semicolons: promise writes and reads (bytes, no encoding), an inline callback, a piped stream.
  'esm/photos.mjs': lines(
    'import { writeFile, readFile } from "node:fs/promises"',
    'import fs from "node:fs"',
    'import path from "node:path"',
    '',
    'const DIR = path.join(import.meta.dirname, "uploads")',
    '',
    'export async function savePhoto(name, bytes) {',
    '  await writeFile(path.join(DIR, name), bytes)',
    '}',
    '',
    'export async function loadPhoto(name) {',
    '  return readFile(path.join(DIR, name))',
    '}',
    '',
    'export function saveNote(name, text) {',
    '  return new Promise((resolve, reject) => {',
    '    fs.writeFile(`notes/${name}.txt`, text, (error) => (error ? reject(error) : resolve()))',
    '  })',
    '}',
    '',
    'export function archive(name, source) {',
    '  return new Promise((resolve, reject) => {',
    '    source.pipe(fs.createWriteStream(`archive/${name}`)).on("finish", resolve).on("error", reject)',
    '  })',
    '}',
  ),
  // TypeScript: fs named imports, path.resolve from process.cwd(), a large stream (a multipart upload), a promise write returned.
  'src/reports.ts': lines(
    "import { createWriteStream, promises as fsp, readFileSync, writeFileSync } from 'fs';",
    "import * as path from 'path';",
    "import type { Readable } from 'stream';",
    '',
    'export interface Summary {',
    '  total: number;',
    '}',
    '',
    'export async function writeSummary(month: string, summary: Summary): Promise<void> {',
    "  writeFileSync(path.resolve(process.cwd(), 'summaries', `${month}.json`), JSON.stringify(summary));",
    '}',
    '',
    'export async function readSummary(month: string): Promise<Summary> {',
    "  return JSON.parse(readFileSync(path.resolve(process.cwd(), 'summaries', `${month}.json`), 'utf8')) as Summary;",
    '}',
    '',
    'export function saveBlob(name: string, data: Buffer): Promise<unknown> {',
    '  return fsp.writeFile(`blobs/${name}`, data);',
    '}',
    '',
    'export function writeLarge(name: string, source: Readable): Promise<void> {',
    '  return new Promise((resolve, reject) => {',
    "    const out = createWriteStream(path.join(__dirname, '..', 'big', name));",
    "    out.on('finish', () => resolve());",
    "    out.on('error', reject);",
    '    source.pipe(out);',
    '  });',
    '}',
  ),
  // Express 4 + multer: dest, diskStorage with a filename callback, and a route handler with a sync write.
  'server.js': lines(
    "const express = require('express');",
    "const multer = require('multer');",
    "const fs = require('fs');",
    "const path = require('path');",
    '',
    'const app = express();',
    "const documents = multer({ dest: 'uploads/documents' });",
    'const photos = multer({',
    '  storage: multer.diskStorage({',
    "    destination: 'uploads/photos',",
    '    filename: (req, file, cb) => cb(null, `${Date.now()}-${file.originalname}`),',
    '  }),',
    '});',
    '',
    "app.post('/documents', documents.single('document'), (req, res) => {",
    '  res.status(201).json({ size: req.file.size });',
    '});',
    '',
    "app.post('/photos', photos.single('photo'), (req, res) => {",
    '  res.status(201).json({ size: req.file.size });',
    '});',
    '',
    "app.post('/products/:id/image', express.raw({ type: 'image/*' }), (req, res) => {",
    '  const fileName = `${req.params.id}.jpg`;',
    "  fs.writeFileSync(path.join(__dirname, 'public', 'products', fileName), req.body);",
    '  res.status(201).json({ url: `/products/${fileName}` });',
    '});',
    '',
    'app.use((error, req, res, next) => {',
    '  res.status(500).json({ error: error.name });',
    '});',
    '',
    "const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${server.address().port}`));",
  ),
  // Drivers: they only call the app's functions and print what they read back.
  'run-cjs.js': lines(
    "const store = require('./lib/store');",
    '(async () => {',
    "  await store.saveUser(42, { name: 'Ada' });",
    '  const user = await store.loadUser(42);',
    "  await new Promise((resolve, reject) => store.saveReport('2024-01-31', 'product,units\\nmug,3\\n', (error) => (error ? reject(error) : resolve())));",
    "  const report = await new Promise((resolve, reject) => store.loadReport('2024-01-31', (error, data) => (error ? reject(error) : resolve(data))));",
    "  await new Promise((resolve, reject) => store.exportRows('rows.csv', ['a,1', 'b,2'], (error) => (error ? reject(error) : resolve())));",
    '  console.log(JSON.stringify({ user, report }));',
    '})();',
  ),
  'run-esm.mjs': lines(
    'import { Readable } from "node:stream"',
    'import { savePhoto, loadPhoto, saveNote, archive } from "./esm/photos.mjs"',
    'await savePhoto("cat.png", Buffer.from([137, 80, 78, 71, 0, 255]))',
    'const photo = await loadPhoto("cat.png")',
    'await saveNote("todo", "buy milk")',
    'await archive("log.txt", Readable.from(["line 1\\n", "line 2\\n"]))',
    'console.log(JSON.stringify({ isBuffer: Buffer.isBuffer(photo), photo: [...photo] }))',
  ),
  'run-ts.ts': lines(
    "import { Readable } from 'stream';",
    "import { readSummary, saveBlob, writeLarge, writeSummary } from './src/reports';",
    '(async () => {',
    "  await writeSummary('2024-02', { total: 7 });",
    "  const summary = await readSummary('2024-02');",
    "  await saveBlob('b.bin', Buffer.from('blob'));",
    '  // 6 MiB in 64 KiB chunks of a known pattern: more than one 5 MiB part.',
    '  const chunk = Buffer.alloc(64 * 1024, 7);',
    "  await writeLarge('large.bin', Readable.from(Array.from({ length: 96 }, () => chunk)));",
    '  console.log(JSON.stringify({ summary }));',
    '})();',
  ),
};

interface Server {
  port: number;
  /** How each object was created: `ObjectCreated:Put` (one PutObject) or `ObjectCreated:Post` (a completed multipart upload). */
  created: Map<string, string>;
  close(): Promise<void>;
}

async function startS3Server(directory: string): Promise<Server> {
  const instance = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const created = new Map<string, string>();
  instance.on('event', (event) => {
    for (const record of event.Records) created.set(decodeURIComponent(record.s3.object.key), record.eventName);
  });
  const { port } = await instance.run();
  return { port, created, close: () => instance.close() };
}

/** The app's environment: only what the fixes read, the credentials s3rver accepts, and nothing of the test's own AWS settings. */
function appEnvironment(port: number, bucket = BUCKET): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_') && !name.startsWith('S3_')) environment[name] = value;
  return { ...environment, S3_BUCKET: bucket, AWS_REGION: 'us-east-1', S3_ENDPOINT: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
}

function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the fixed Express app on a free port; resolves once it listens. */
function startApp(cwd: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['server.js'], { cwd, env: { ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (data: Buffer) => {
      output += data.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (port) resolve({ child, port: Number(port), output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.on('exit', (code) => reject(new Error(`the app exited (${code}) before listening:\n${output}`)));
  });
}

describe('S3 fixes against a real S3-compatible server (unit)', function () {
  this.timeout(180_000);
  let s3Server: Server;
  let workspace: { root: string; dispose(): void };
  let s3Directory: string;
  let client: S3Client;
  let fixRuns: string[];

  async function object(key: string): Promise<Buffer> {
    const response = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return Buffer.from(await response.Body!.transformToByteArray());
  }

  async function keys(prefix = ''): Promise<string[]> {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    return (listed.Contents ?? []).map((entry) => entry.Key!).sort();
  }

  before(async () => {
    s3Directory = mkdtempSync(path.join(tmpdir(), 'cloudward-s3rver-'));
    s3Server = await startS3Server(s3Directory);
    client = new S3Client({ region: 'us-east-1', endpoint: `http://127.0.0.1:${s3Server.port}`, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    workspace = temporaryWorkspace(APP);
    // The fixed app resolves @aws-sdk/*, multer-s3, express and tsx from this repository's dev dependencies: nothing is installed.
    symlinkSync(path.join(repositoryRoot, 'node_modules'), path.join(workspace.root, 'node_modules'), 'dir');
    // As a user would: `cloudward fix` until it has nothing left to apply (fixes needing different imports in one file take two runs).
    fixRuns = [];
    for (let run = 0; run < 5; run++) {
      const result = await cli(['fix', '.', '--rule', 'no-local-disk-write', '--rule', 'upload-to-local-disk', '--rule', 'read-app-written-file'], workspace.root);
      assert.equal(result.code, 0, result.stderr);
      fixRuns.push(result.stderr.trim());
      if (/no fixes to apply/.test(result.stderr)) break;
    }
  });

  after(async () => {
    client?.destroy();
    await s3Server?.close();
    workspace?.dispose();
    if (s3Directory) rmSync(s3Directory, { recursive: true, force: true });
  });

  it('cloudward fix rewrites every write, read and upload of the app, and a further run changes nothing', async () => {
    assert.match(fixRuns[fixRuns.length - 1], /no fixes to apply/, fixRuns.join('\n'));
    const rules = allRules.filter((rule) => ['no-local-disk-write', 'upload-to-local-disk', 'read-app-written-file'].includes(rule.meta.id));
    const left = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { rules });
    assert.deepEqual(left.findings.map((finding) => `${finding.file}:${finding.line} ${finding.message}`), [], 'nothing of the app uses the local disk any more');
    const fixed = (file: string) => readFileSync(path.join(workspace.root, file), 'utf8');
    const manifest = JSON.parse(fixed('package.json')) as { dependencies: Record<string, string> };
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@aws-sdk/client-s3', '@aws-sdk/lib-storage', 'express', 'multer', 'multer-s3']);
    assert.equal(fixed('.env.example'), 'S3_BUCKET=\nAWS_REGION=us-east-1\nS3_ENDPOINT=\n');
  });

  it('CommonJS: sync and callback writes land in the bucket under keys from their old paths, the reads give them back, the stream finishes after the upload', async () => {
    const result = await runNode(['run-cjs.js'], workspace.root, appEnvironment(s3Server.port));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { user: { name: 'Ada' }, report: 'product,units\nmug,3\n' });
    assert.equal((await object('data/users/42.json')).toString(), '{"name":"Ada"}');
    assert.equal((await object('reports/2024-01-31.csv')).toString(), 'product,units\nmug,3\n');
    assert.equal((await object('exports/rows.csv')).toString(), 'a,1\nb,2\n');
  });

  it('ES module: promise writes and reads (bytes stay a Buffer), an inline callback, a piped stream', async () => {
    const result = await runNode(['run-esm.mjs'], workspace.root, appEnvironment(s3Server.port));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { isBuffer: true, photo: [137, 80, 78, 71, 0, 255] });
    assert.deepEqual([...(await object('esm/uploads/cat.png'))], [137, 80, 78, 71, 0, 255]);
    assert.equal((await object('notes/todo.txt')).toString(), 'buy milk');
    assert.equal((await object('archive/log.txt')).toString(), 'line 1\nline 2\n');
  });

  it('TypeScript: the fixed module type-checks (strict), runs, and a 6 MiB stream arrives whole through a multipart upload', async () => {
    const typecheck = await runNode(
      [path.join(repositoryRoot, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', 'src/reports.ts'],
      workspace.root,
      process.env,
    );
    assert.equal(typecheck.code, 0, `${typecheck.stdout}${typecheck.stderr}`);
    const result = await runNode(['--import', 'tsx', 'run-ts.ts'], workspace.root, appEnvironment(s3Server.port));
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { summary: { total: 7 } });
    assert.equal((await object('summaries/2024-02.json')).toString(), '{"total":7}');
    assert.equal((await object('blobs/b.bin')).toString(), 'blob');
    const large = await object('big/large.bin');
    assert.equal(large.length, 96 * 64 * 1024);
    assert.equal(createHash('sha256').update(large).digest('hex'), createHash('sha256').update(Buffer.alloc(96 * 64 * 1024, 7)).digest('hex'));
    assert.equal(s3Server.created.get('big/large.bin'), 'ObjectCreated:Post', 'stored by a completed multipart upload');
    assert.equal(s3Server.created.get('blobs/b.bin'), 'ObjectCreated:Put');
  });

  it('Express + multer: multipart uploads reach the bucket through multer-s3, and the route handler writes the body', async () => {
    const app = await startApp(workspace.root, appEnvironment(s3Server.port));
    try {
      const base = `http://127.0.0.1:${app.port}`;
      const document = new FormData();
      document.append('document', new Blob(['%PDF-1.4 invoice']), 'invoice.pdf');
      const documentResponse = await fetch(`${base}/documents`, { method: 'POST', body: document });
      assert.equal(documentResponse.status, 201, app.output());
      const [documentKey, ...others] = await keys('uploads/documents/');
      assert.equal(others.length, 0);
      assert.match(documentKey, /^uploads\/documents\/[0-9a-f-]{36}$/);
      assert.equal((await object(documentKey)).toString(), '%PDF-1.4 invoice');

      const photo = new FormData();
      photo.append('photo', new Blob([Buffer.from([1, 2, 3])], { type: 'image/png' }), 'cat.png');
      assert.equal((await fetch(`${base}/photos`, { method: 'POST', body: photo })).status, 201, app.output());
      const [photoKey] = await keys('uploads/photos/');
      assert.match(photoKey, /^uploads\/photos\/\d+-cat\.png$/);
      assert.deepEqual([...(await object(photoKey))], [1, 2, 3]);

      const image = await fetch(`${base}/products/7/image`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: Buffer.from('jpeg bytes') });
      assert.equal(image.status, 201, app.output());
      assert.deepEqual(await image.json(), { url: '/products/7.jpg' });
      assert.equal((await object('public/products/7.jpg')).toString(), 'jpeg bytes');
    } finally {
      app.child.kill();
    }
  });

  it('Express 4: an S3 failure in the now async handler reaches the error handler (a 500), and the app keeps serving', async () => {
    const app = await startApp(workspace.root, appEnvironment(s3Server.port, 'no-such-bucket'));
    try {
      const base = `http://127.0.0.1:${app.port}`;
      const failed = await fetch(`${base}/products/8/image`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: Buffer.from('x') });
      assert.equal(failed.status, 500, app.output());
      assert.deepEqual(await failed.json(), { error: 'NoSuchBucket' });
      const again = await fetch(`${base}/products/9/image`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: Buffer.from('x') });
      assert.equal(again.status, 500, 'the process is still up');
      assert.equal(app.child.exitCode, null);
    } finally {
      app.child.kill();
    }
  });
});
