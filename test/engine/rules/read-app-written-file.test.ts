import rule from '../../../src/engine/rules/read-app-written-file';
import { RuleTester } from '../../support/ruleTester';

const PKG = '{ "name": "shop" }';
const lines = (...text: string[]) => text.join('\n');
const CLIENT = lines(
  'const s3 = new S3Client({',
  '  region: process.env.AWS_REGION,',
  '  // An S3-compatible store (MinIO, a local test server) is reached at S3_ENDPOINT with path-style URLs.',
  '  endpoint: process.env.S3_ENDPOINT || undefined,',
  '  forcePathStyle: Boolean(process.env.S3_ENDPOINT),',
  '});',
);
const ENV_EXAMPLE = 'S3_BUCKET=\nAWS_REGION=us-east-1\nS3_ENDPOINT=\n';
const MANIFEST = '{\n  "name": "shop",\n  "dependencies": {\n    "express": "^4.18.2"\n  }\n}\n';
const MANIFEST_WITH_S3 = '{\n  "name": "shop",\n  "dependencies": {\n    "@aws-sdk/client-s3": "^3.1175.0",\n    "express": "^4.18.2"\n  }\n}\n';

RuleTester.runWorkspace(rule, {
  valid: [
    {
      name: 'static assets, templates and certificates the app never writes',
      files: {
        'package.json': PKG,
        'server.js':
          "const fs = require('fs');\nconst path = require('path');\nconst https = require('https');\nconst express = require('express');\nconst app = express();\napp.use(express.static(path.join(__dirname, 'public')));\nconst page = fs.readFileSync(path.join(__dirname, 'views', 'index.html'), 'utf8');\nhttps.createServer({ key: fs.readFileSync('key.pem'), cert: fs.readFileSync('cert.pem') }, app);\nfs.writeFileSync('./reports/daily.csv', 'id\\n');",
      },
    },
    {
      name: 'config read with require while data goes elsewhere',
      files: { 'package.json': PKG, 'app.js': "const config = require('./config/default.json');\nconst fs = require('fs');\nfs.writeFileSync('./data/orders.json', '[]');" },
    },
    {
      name: 'data written by a build script is part of the image',
      files: {
        'package.json': PKG,
        'scripts/seed.js': "const fs = require('fs');\nfs.writeFileSync('./data/products.json', '[]');",
        'src/products.js': "const fs = require('fs');\nmodule.exports = () => JSON.parse(fs.readFileSync('./data/products.json', 'utf8'));",
      },
    },
    {
      name: 'scratch files under the OS temp folder',
      files: {
        'package.json': PKG,
        'routes/export.js':
          "const os = require('os');\nconst path = require('path');\nconst { writeFile, readFile } = require('fs/promises');\nexports.csv = async () => {\n  const file = path.join(os.tmpdir(), 'orders.csv');\n  await writeFile(file, 'id\\n');\n  return readFile(file);\n};",
      },
    },
    {
      name: 'the just-uploaded file read in the same request, and an existence probe',
      files: {
        'package.json': PKG,
        'routes/import.js':
          "const fs = require('fs');\nconst multer = require('multer');\ntry { fs.readdirSync('uploads'); } catch (error) { fs.mkdirSync('uploads'); }\nconst upload = multer({ dest: 'uploads/' });\nexports.handler = (req, res) => fs.createReadStream(req.file.path).pipe(parser);",
      },
    },
    {
      name: 'generic helpers that take the path as a parameter',
      files: {
        'package.json': PKG,
        'lib/json.js': "const fs = require('fs');\nexports.load = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));\nexports.save = (file, data) => fs.writeFileSync(file, JSON.stringify(data));",
      },
    },
    {
      name: 'a test that reads what the app writes',
      files: {
        'package.json': PKG,
        'src/store.js': "const fs = require('fs');\nexports.save = (users) => fs.writeFileSync('./data/users.json', JSON.stringify(users));",
        'test/store.test.js': "const fs = require('fs');\nit('saves', () => JSON.parse(fs.readFileSync('./data/users.json', 'utf8')));",
      },
    },
    {
      name: 'a local function named readFileSync',
      files: {
        'package.json': PKG,
        'src/cache.js': "const fs = require('fs');\nfunction readFileSync(name) { return memory.get(name); }\nreadFileSync('./cache/index.json');\nfs.writeFileSync('./cache/index.json', '{}');",
      },
    },
  ],
  invalid: [
    {
      name: 'a JSON file used as a store in one file',
      files: {
        'package.json': PKG,
        'routes/users.js':
          "const fs = require('fs');\nconst router = require('express').Router();\nrouter.get('/', (req, res) => res.json(JSON.parse(fs.readFileSync('./data/users.json', 'utf8'))));\nrouter.post('/', (req, res) => {\n  fs.writeFileSync('./data/users.json', JSON.stringify(req.body));\n  res.end();\n});",
      },
      errors: [
        {
          file: 'routes/users.js',
          messageId: 'read',
          message: 'fs.readFileSync reads ./data/users.json, which the app writes at run time (routes/users.js:5 writes ./data/users.json): a restarted container or another replica does not have it',
          line: 3,
          column: 51,
        },
      ],
    },
    {
      name: 'uploads stored by multer in one file, served and sent from another',
      files: {
        'package.json': PKG,
        'routes/upload.js': "const multer = require('multer');\nmodule.exports = multer({ dest: 'uploads/' });",
        'app.js':
          "const express = require('express');\nconst path = require('path');\nconst app = express();\napp.use('/uploads', express.static('uploads'));\napp.get('/files/:name', (req, res) => res.sendFile(path.join(__dirname, 'uploads', req.params.name)));",
      },
      errors: [
        {
          file: 'app.js',
          messageId: 'serve',
          message: 'express.static serves ./uploads, where the app writes files at run time (routes/upload.js:2 writes ./uploads): a restarted container or another replica does not have them',
          line: 4,
          column: 21,
        },
        { file: 'app.js', messageId: 'read', message: /^res\.sendFile reads \.\/uploads\/<name>, which the app writes at run time \(routes\/upload\.js:2 writes \.\/uploads\)/, line: 5, column: 39 },
      ],
    },
    {
      name: 'TypeScript store of one app in a monorepo, with fs/promises and process.cwd()',
      files: {
        'packages/api/package.json': '{ "name": "api" }',
        'packages/api/src/users.ts':
          "import { readFile, writeFile } from 'node:fs/promises';\nimport path from 'node:path';\nconst file = path.join(process.cwd(), 'data', 'users.json');\nexport async function readUsers(): Promise<unknown[]> {\n  return JSON.parse(await readFile(file, 'utf8'));\n}\nexport async function writeUsers(users: unknown[]) {\n  await writeFile(file, JSON.stringify(users));\n}",
      },
      errors: [{ file: 'packages/api/src/users.ts', message: /^readFile reads \.\/packages\/api\/data\/users\.json, which the app writes at run time \(packages\/api\/src\/users\.ts:8 writes/, line: 5, column: 27 }],
    },
    {
      name: 'helpers that read and write files of one data folder',
      files: {
        'package.json': PKG,
        'index.js':
          "const fs = require('fs');\nlet tasks = readJsonFile('tasks.json', []);\nfunction readJsonFile(fileName, fallback) {\n  try { return JSON.parse(fs.readFileSync('./data/' + fileName, 'utf8')); } catch (e) { return fallback; }\n}\nfunction writeJsonFile(fileName, data) {\n  fs.writeFileSync('./data/' + fileName, JSON.stringify(data));\n}",
      },
      errors: [{ file: 'index.js', message: /^fs\.readFileSync reads \.\/data\/<fileName>, which the app writes at run time \(index\.js:7 writes \.\/data\/<fileName>\)/, line: 4, column: 27 }],
    },
    {
      name: 'a JSON file loaded with require and rewritten with fs-extra elsewhere',
      files: {
        'package.json': PKG,
        'lib/settings.js': "const settings = require('../data/settings.json');\nmodule.exports = settings;",
        'routes/admin.js': "const fse = require('fs-extra');\nconst path = require('path');\nexports.save = (body) => fse.outputJson(path.join(__dirname, '..', 'data', 'settings.json'), body);",
      },
      errors: [{ file: 'lib/settings.js', message: /^require reads \.\/data\/settings\.json, which the app writes at run time \(routes\/admin\.js:3 writes \.\/data\/settings\.json\)/, line: 1, column: 18 }],
    },
    {
      name: 'a listing of a formidable upload folder, and a store kept in a class property',
      files: {
        'package.json': PKG,
        'server/index.js':
          "const fs = require('fs');\nconst formidable = require('formidable');\nconst form = formidable({ uploadDir: './server/uploads' });\nfs.readdir('./server/uploads', (err, files) => console.log(files));\nclass Store {\n  constructor(file) { this.file = file; }\n  load() { return JSON.parse(fs.readFileSync(this.file, 'utf8')); }\n  save(data) { fs.writeFileSync(this.file, JSON.stringify(data)); }\n}",
      },
      errors: [
        { file: 'server/index.js', message: /^fs\.readdir reads \.\/server\/uploads, which the app writes at run time \(server\/index\.js:3 writes \.\/server\/uploads\)/, line: 4, column: 1 },
        { file: 'server/index.js', message: /^fs\.readFileSync reads <file>, which the app writes at run time \(server\/index\.js:8 writes <file>\)/, line: 7, column: 30 },
      ],
    },
    {
      name: 'a local read of what the app stores in S3 (PutObjectCommand, lib-storage Upload, the S3 fix helper), whatever the order',
      files: {
        'package.json': PKG,
        'lib/reports.js': lines(
          "const fs = require('fs');",
          "const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');",
          "const { Upload } = require('@aws-sdk/lib-storage');",
          'const s3 = new S3Client({});',
          "exports.last = () => fs.readFileSync('./reports/last.csv', 'utf8');",
          "exports.save = (csv) => s3.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: 'reports/last.csv', Body: csv }));",
          "exports.archive = (name, body) => new Upload({ client: s3, params: { Bucket: 'b', Key: `archive/${name}`, Body: body } }).done();",
          'exports.export = (name) => createS3WriteStream(`exports/${name}`);',
          'function createS3WriteStream(key) {}',
        ),
        'routes/files.js': "const path = require('path');\nexports.send = (req, res) => res.sendFile(path.join(__dirname, '..', 'archive', req.params.name));\nexports.list = () => require('fs').readdirSync('./exports');",
      },
      errors: [
        {
          file: 'lib/reports.js',
          messageId: 'readS3',
          message: 'fs.readFileSync reads ./reports/last.csv from the local disk, but the app stores it in S3 (lib/reports.js:6 stores reports/last.csv in S3): read it from the bucket too',
          line: 5,
        },
        { file: 'routes/files.js', messageId: 'readS3', message: /^res\.sendFile reads \.\/archive\/<name> from the local disk, but the app stores it in S3 \(lib\/reports\.js:7 stores archive\/<name> in S3\)/, line: 2 },
        { file: 'routes/files.js', messageId: 'readS3', message: /^require\('fs'\)\.readdirSync reads \.\/exports from the local disk, but the app stores it in S3 \(lib\/reports\.js:8 stores exports\/<name> in S3\)/, line: 3 },
      ],
    },
    {
      name: 'S3 fix, CommonJS: a sync read awaited in an async function, a named callback read (the write is no-local-disk-write\'s)',
      files: {
        'package.json': MANIFEST,
        'lib/users.js': lines(
          "const fs = require('fs');",
          'exports.save = (users) => fs.writeFileSync(`./data/users.json`, JSON.stringify(users));',
          "exports.load = async () => JSON.parse(fs.readFileSync('./data/users.json', 'utf8'));",
          "exports.loadLater = (done) => fs.readFile('./data/users.json', 'utf8', done);",
        ),
      },
      errors: [
        { file: 'lib/users.js', messageId: 'read', line: 3 },
        { file: 'lib/users.js', messageId: 'read', line: 4 },
      ],
      output: {
        'lib/users.js': lines(
          "const fs = require('fs');",
          "const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');",
          '',
          CLIENT,
          '',
          'exports.save = (users) => fs.writeFileSync(`./data/users.json`, JSON.stringify(users));',
          "exports.load = async () => JSON.parse(await s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: 'data/users.json' })).then((object) => object.Body.transformToString()));",
          "exports.loadLater = (done) => s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: 'data/users.json' })).then((object) => object.Body.transformToString()).then((data) => done(null, data), done);",
        ),
        'package.json': MANIFEST_WITH_S3,
        '.env.example': ENV_EXAMPLE,
      },
    },
    {
      name: 'S3 fix, TypeScript ES module: a promise read of bytes stays a Buffer, the body asserted present',
      files: {
        'package.json': MANIFEST,
        'src/photos.ts': lines(
          "import { promises as fs } from 'node:fs';",
          "import * as path from 'node:path';",
          "const DIR = path.join(__dirname, '..', 'uploads');",
          'export const save = (name: string, bytes: Buffer) => fs.writeFile(path.join(DIR, name), bytes);',
          'export const load = (name: string): Promise<Buffer> => fs.readFile(path.join(DIR, name));',
        ),
      },
      errors: [{ file: 'src/photos.ts', messageId: 'read', line: 5 }],
      output: {
        'src/photos.ts': lines(
          "import { promises as fs } from 'node:fs';",
          "import * as path from 'node:path';",
          "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
          '',
          CLIENT,
          '',
          "const DIR = path.join(__dirname, '..', 'uploads');",
          'export const save = (name: string, bytes: Buffer) => fs.writeFile(path.join(DIR, name), bytes);',
          'export const load = (name: string): Promise<Buffer> => s3.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: `uploads/${name}` })).then((object) => object.Body!.transformToByteArray()).then((bytes) => Buffer.from(bytes));',
        ),
        'package.json': MANIFEST_WITH_S3,
        '.env.example': ENV_EXAMPLE,
      },
    },
    {
      name: 'no S3 fix for a read whose callers use it synchronously, nor for a served folder',
      files: {
        'package.json': MANIFEST,
        'app.js': lines(
          "const fs = require('fs');",
          "const express = require('express');",
          'const app = express();',
          "app.use(express.static('uploads'));",
          "exports.save = async (name, data) => { fs.writeFileSync('uploads/' + name, data); };",
          "exports.load = (name) => fs.readFileSync('uploads/' + name);",
        ),
      },
      errors: [
        { file: 'app.js', messageId: 'serve', line: 4 },
        { file: 'app.js', messageId: 'read', line: 6 },
      ],
      output: null,
    },
  ],
});
