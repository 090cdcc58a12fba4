import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { allRules, analyzeFile, analyzeWorkspace, applyTextEdits, combineFixes, nodeFileSystem, type Finding, type ProjectInfo } from '../../../src/engine';
import { temporaryWorkspace } from '../../support/workspace';

const S3_RULES = allRules.filter((rule) => ['no-local-disk-write', 'upload-to-local-disk', 'read-app-written-file'].includes(rule.meta.id));
const lines = (...text: string[]) => text.join('\n');
const CLIENT = lines(
  'const s3 = new S3Client({',
  '  region: process.env.AWS_REGION,',
  '  // An S3-compatible store (MinIO, a local test server) is reached at S3_ENDPOINT with path-style URLs.',
  '  endpoint: process.env.S3_ENDPOINT || undefined,',
  '  forcePathStyle: Boolean(process.env.S3_ENDPOINT),',
  '});',
);

/**
 * Applies the first fix of every finding of the S3 rules, as `cloudward fix` does, until none is left
 * (fixes that overlap wait for the next pass); returns the files and what each pass applied.
 */
async function fixUntilDone(files: Record<string, string>): Promise<{ read(file: string): string; passes: string[][]; findingsBefore: Finding[] }> {
  const workspace = temporaryWorkspace(files);
  try {
    const passes: string[][] = [];
    let findingsBefore: Finding[] = [];
    for (let pass = 0; pass < 6; pass++) {
      const { findings } = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { rules: S3_RULES });
      if (pass === 0) findingsBefore = findings;
      const { editsByFile, applied } = combineFixes(findings);
      if (applied.length === 0) break;
      passes.push(applied.map((finding) => `${finding.ruleId} ${finding.file}:${finding.line}`));
      for (const [file, edits] of editsByFile) {
        const target = path.join(workspace.root, file);
        let before = '';
        try {
          before = readFileSync(target, 'utf8');
        } catch {
          // a file the fix creates (.env.example)
        }
        writeFileSync(target, applyTextEdits(before, edits));
      }
    }
    const { findings } = await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { rules: S3_RULES });
    assert.deepEqual(findings.filter((finding) => finding.fixes.length > 0).map((finding) => finding.message), [], 'a further pass has nothing to fix');
    const texts = new Map<string, string>();
    for (const file of [...Object.keys(files), '.env.example']) {
      try {
        texts.set(file, readFileSync(path.join(workspace.root, file), 'utf8'));
      } catch {
        // not created
      }
    }
    return { read: (file) => texts.get(file) ?? '', passes, findingsBefore };
  } finally {
    workspace.dispose();
  }
}

const PACKAGE = '{\n  "name": "shop",\n  "dependencies": {\n    "express": "^4.18.2"\n  }\n}\n';

describe('S3 fixes across a workspace (unit)', () => {
  it('a JSON store read and written in one file: one pass each, the imports extended by the second', async () => {
    const result = await fixUntilDone({
      'package.json': PACKAGE,
      '.env.example': 'PORT=3000',
      'routes/users.js': lines(
        "const express = require('express');",
        "const fs = require('fs');",
        '',
        'const router = express.Router();',
        "const FILE = './data/users.json';",
        '',
        "router.get('/', async (req, res) => {",
        "  res.json(JSON.parse(fs.readFileSync(FILE, 'utf8')));",
        '});',
        '',
        "router.post('/', (req, res) => {",
        '  fs.writeFileSync(FILE, JSON.stringify(req.body));',
        '  res.status(204).end();',
        '});',
        '',
        'module.exports = router;',
        '',
      ),
    });
    assert.equal(
      result.read('routes/users.js'),
      lines(
        "const express = require('express');",
        "const fs = require('fs');",
        "const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');",
        '',
        CLIENT,
        '',
        'const router = express.Router();',
        "const FILE = './data/users.json';",
        '',
        "router.get('/', async (req, res) => {",
        "  res.json(JSON.parse(await s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: 'data/users.json' })).then((object) => object.Body.transformToString())));",
        '});',
        '',
        "router.post('/', async (req, res, next) => {",
        '  try {',
        "    await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: 'data/users.json', Body: JSON.stringify(req.body), ContentType: 'application/json' }));",
        '    res.status(204).end();',
        '  } catch (error) {',
        '    next(error);',
        '  }',
        '});',
        '',
        'module.exports = router;',
        '',
      ),
    );
    // The read and the write need different imports, so they overlap and go in two passes; after the first, the
    // read still has its fix, now that the app stores the data in S3.
    assert.deepEqual(result.passes, [['read-app-written-file routes/users.js:8'], ['no-local-disk-write routes/users.js:20']]);
    assert.equal(result.read('package.json'), '{\n  "name": "shop",\n  "dependencies": {\n    "@aws-sdk/client-s3": "^3.1175.0",\n    "express": "^4.18.2"\n  }\n}\n');
    assert.equal(result.read('.env.example'), 'PORT=3000\nS3_BUCKET=\nAWS_REGION=us-east-1\nS3_ENDPOINT=\n');
  });

  it('reads in ES modules and TypeScript: promise reads as text or as a Buffer, a named callback, sync reads awaited', async () => {
    const result = await fixUntilDone({
      'package.json': '{ "name": "app", "dependencies": { "express": "^5.1.0" } }\n',
      'src/notes.mjs': lines(
        'import { readFile, writeFile } from "node:fs/promises"',
        'import fs from "node:fs"',
        '',
        'export const save = (id, text) => writeFile(`notes/${id}.md`, text)',
        'export const load = (id) => readFile(`notes/${id}.md`, "utf8")',
        'export const raw = (id) => readFile(`notes/${id}.md`)',
        'export function loadLater(id, done) {',
        '  fs.readFile(`notes/${id}.md`, { encoding: "latin1" }, done)',
        '}',
        '',
      ),
      'src/routes.ts': lines(
        "import express from 'express';",
        "import { readFileSync, writeFileSync } from 'fs';",
        '',
        'export const router = express.Router();',
        "router.put('/settings', (req, res) => {",
        "  writeFileSync('settings.json', JSON.stringify(req.body));",
        '  res.end();',
        '});',
        "router.get('/settings', (req, res) => {",
        "  res.type('json').send(readFileSync('settings.json').toString('utf8'));",
        '});',
        '',
      ),
    });
    assert.equal(
      result.read('src/notes.mjs'),
      lines(
        'import { readFile, writeFile } from "node:fs/promises"',
        'import fs from "node:fs"',
        'import { S3Client, PutObjectCommand, GetObjectCommand } from "@aws-sdk/client-s3"',
        '',
        CLIENT.replace(/'/g, '"').replace(/;$/, ''),
        '',
        'export const save = (id, text) => s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: `notes/${id}.md`, Body: text }))',
        'export const load = (id) => s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: `notes/${id}.md` })).then((object) => object.Body.transformToString())',
        'export const raw = (id) => s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: `notes/${id}.md` })).then((object) => object.Body.transformToByteArray()).then((bytes) => Buffer.from(bytes))',
        'export function loadLater(id, done) {',
        '  s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: `notes/${id}.md` })).then((object) => object.Body.transformToString("latin1")).then((data) => done(null, data), done)',
        '}',
        '',
      ),
    );
    // Express 5 hands a rejected promise to the error handlers: the handlers only become async.
    assert.equal(
      result.read('src/routes.ts'),
      lines(
        "import express from 'express';",
        "import { readFileSync, writeFileSync } from 'fs';",
        "import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';",
        '',
        CLIENT,
        '',
        'export const router = express.Router();',
        "router.put('/settings', async (req, res) => {",
        "  await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: 'settings.json', Body: JSON.stringify(req.body), ContentType: 'application/json' }));",
        '  res.end();',
        '});',
        "router.get('/settings', async (req, res) => {",
        "  res.type('json').send((await s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: 'settings.json' })).then((object) => object.Body!.transformToByteArray()).then((bytes) => Buffer.from(bytes))).toString('utf8'));",
        '});',
        '',
      ),
    );
  });

  it('offers no read fix where S3 would change what the code does: ENOENT checks, existsSync guards, inline callbacks, sync callers', async () => {
    const result = await fixUntilDone({
      'package.json': PACKAGE,
      'lib/store.js': lines(
        "const fs = require('fs');",
        'exports.save = async (data) => {',
        "  fs.writeFileSync('./data/state.json', data);",
        '};',
        'exports.load = async () => {',
        '  try {',
        "    return fs.readFileSync('./data/state.json', 'utf8');",
        '  } catch (error) {',
        "    if (error.code === 'ENOENT') return '{}';",
        '    throw error;',
        '  }',
        '};',
        "exports.loadIfThere = async () => (fs.existsSync('./data/state.json') ? fs.readFileSync('./data/state.json', 'utf8') : '{}');",
        "exports.loadSync = () => fs.readFileSync('./data/state.json', 'utf8');",
        "exports.loadInline = (done) => fs.readFile('./data/state.json', 'utf8', (error, text) => done(error, text));",
        '',
      ),
    });
    const fixed = result.read('lib/store.js');
    assert.match(fixed, /exports\.save = async \(data\) => \{\n {2}await s3\.send\(new PutObjectCommand/);
    assert.equal((fixed.match(/fs\.readFileSync\('\.\/data\/state\.json', 'utf8'\)/g) ?? []).length, 3, fixed);
    assert.match(fixed, /fs\.readFile\('\.\/data\/state\.json', 'utf8', \(error, text\) => done\(error, text\)\)/);
    // The local reads stay reported, now as reads of what the app stores in S3, without a fix.
    const { findings } = await analyzeFixed({ 'package.json': PACKAGE, 'lib/store.js': fixed });
    assert.deepEqual(
      findings.map((finding) => `${finding.line} ${finding.message}`),
      [16, 22, 23, 24].map((line) => `${line} ${line === 24 ? 'fs.readFile' : 'fs.readFileSync'} reads ./data/state.json from the local disk, but the app stores it in S3 (lib/store.js:12 stores data/state.json in S3): read it from the bucket too`),
    );
  });

  it('adds the packages once each at the end of an unsorted list, in its indentation, and leaves listed packages alone', async () => {
    const result = await fixUntilDone({
      'package.json': '{\n\t"name": "x",\n\t"dependencies": {\n\t\t"multer": "^1.4.5",\n\t\t"@aws-sdk/client-s3": "^3.500.0"\n\t}\n}\n',
      'server.js': lines(
        "const fs = require('fs');",
        "const multer = require('multer');",
        "exports.upload = multer({ dest: 'uploads/' });",
        "exports.archive = (name, source) => source.pipe(fs.createWriteStream(`archive/${name}`));",
        '',
      ),
    });
    assert.equal(result.read('package.json'), '{\n\t"name": "x",\n\t"dependencies": {\n\t\t"multer": "^1.4.5",\n\t\t"@aws-sdk/client-s3": "^3.500.0",\n\t\t"multer-s3": "^3.0.1",\n\t\t"@aws-sdk/lib-storage": "^3.1175.0"\n\t}\n}\n');
  });
});

async function analyzeFixed(files: Record<string, string>): Promise<{ findings: Finding[] }> {
  const workspace = temporaryWorkspace(files);
  try {
    return await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { rules: S3_RULES });
  } finally {
    workspace.dispose();
  }
}

describe('S3 fix setup in a module (unit)', () => {
  const project = (files: Record<string, string>): ProjectInfo => ({
    allFiles: new Set(Object.keys(files)),
    packages: new Map([['', { dependencies: {}, devDependencies: {}, scripts: {} }]]),
    configTexts: new Map(Object.entries(files)),
  });
  const rule = allRules.find((candidate) => candidate.meta.id === 'no-local-disk-write')!;

  it('two files adding different packages to package.json never both apply: the second waits for the next pass', () => {
    const manifest = '{\n  "dependencies": {\n    "express": "^4.18.2"\n  }\n}\n';
    const info = project({ 'package.json': manifest });
    const plain = analyzeFile('a.js', "const fs = require('fs');\nexports.a = async () => { fs.writeFileSync('a.txt', 'a'); };\n", { rules: [rule], project: info }).findings;
    const stream = analyzeFile('b.js', "const fs = require('fs');\nexports.b = () => fs.createWriteStream('b.txt');\n", { rules: [rule], project: info }).findings;
    const { editsByFile, deferred } = combineFixes([...plain, ...stream]);
    assert.equal(deferred.length, 1);
    const updated = applyTextEdits(manifest, editsByFile.get('package.json') ?? []);
    assert.deepEqual(JSON.parse(updated), { dependencies: { '@aws-sdk/client-s3': '^3.1175.0', express: '^4.18.2' } });
  });

  it('no fix when the names the setup adds are taken by something else in the module', () => {
    const taken = analyzeFile('a.js', "const fs = require('fs');\nconst { PutObjectCommand } = require('./commands');\nexports.a = async () => { fs.writeFileSync('a.txt', 'a'); };\n", { rules: [rule] }).findings;
    assert.equal(taken.length, 1);
    assert.deepEqual(taken[0].fixes, []);
    const mentioned = analyzeFile('c.js', "const fs = require('fs');\n// Upload: the S3Client and s3 of the docs\nexports.c = () => fs.createWriteStream('c.csv');\n", { rules: [rule] }).findings;
    assert.equal(mentioned[0].fixes.length, 1, 'names in comments do not count');
    const client = analyzeFile('b.js', "const fs = require('fs');\nconst s3 = require('./s3'), s3Client = 1;\nexports.b = async () => { fs.writeFileSync('b.txt', 'b'); };\n", { rules: [rule] }).findings;
    assert.deepEqual(client[0].fixes, []);
  });

  it('a file without imports gets the setup at its top, with a blank line before its code', () => {
    const [write] = analyzeFile('jobs/tick.js', "setInterval(() => require('fs').writeFileSync('./ticks/last.txt', String(Date.now())), 1000);\n", { rules: [rule] }).findings;
    const output = applyTextEdits("setInterval(() => require('fs').writeFileSync('./ticks/last.txt', String(Date.now())), 1000);\n", write.fixes[0].edits.filter((edit) => !edit.file));
    assert.equal(output, `const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');\n\n${CLIENT}\n\nsetInterval(async () => await s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: 'ticks/last.txt', Body: String(Date.now()), ContentType: 'text/plain' })), 1000);\n`);
  });
});
