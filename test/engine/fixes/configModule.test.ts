import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeWorkspace, applyTextEdits, combineFixes, nodeFileSystem, type Category, type Finding } from '../../../src/engine';

const CONFIG_CATEGORIES = new Set<Category>(['hardcoded-endpoint', 'hardcoded-secret', 'fixed-port', 'baked-config']);
const REPOSITORY = path.resolve(__dirname, '../../..');

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

interface Workspace {
  root: string;
  read(file: string): string;
  dispose(): void;
}

function workspace(files: Record<string, string>): Workspace {
  const root = mkdtempSync(path.join(tmpdir(), 'cloudward-config-module-'));
  // The apps' packages (convict, envalid, zod, express-session, tsx) are the repository's own dev dependencies.
  symlinkSync(path.join(REPOSITORY, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return { root, read: (file) => readFileSync(path.join(root, file), 'utf8'), dispose: () => rmSync(root, { recursive: true, force: true }) };
}

async function configFindings(root: string): Promise<Finding[]> {
  return (await analyzeWorkspace(root, { fs: nodeFileSystem })).findings.filter((finding) => CONFIG_CATEGORIES.has(finding.category));
}

/** Applies the config fixes as `cloudward fix` does, until nothing is left; returns the fix titles. */
async function fixAll(root: string): Promise<string[]> {
  const titles: string[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const combined = combineFixes(await configFindings(root));
    if (combined.applied.length === 0) break;
    titles.push(...combined.applied.map((finding) => finding.fixes[0].title));
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
  return titles.sort();
}

/** Runs node in the workspace with exactly the given app variables (`undefined` leaves one unset). */
function run(root: string, args: string[], env: Record<string, string | undefined>): { status: number | null; output: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PORT|MONGO_URL|MONGODB_URL|SESSION_SECRET|JWT_SECRET|SMTP_HOST|NODE_OPTIONS|NODE_ENV)$/.test(name)));
  const defined = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...base, ...defined }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The consumer every case fixes: a hard-coded MongoDB URL, port and session secret, printed once the server listens. */
const SERVER_CJS = `'use strict';

const http = require('http');
const session = require('express-session');

const MONGO_URL = 'mongodb://localhost:27017/shop';
const sessions = session({ secret: 'keyboard cat', resave: false, saveUninitialized: false });

const server = http.createServer((req, res) => sessions(req, res, () => res.end('ok')));
server.listen(3000, () => {
  console.log(JSON.stringify({ mongo: MONGO_URL, port: server.address().port }));
  server.close();
});
`;

const SERVER_ESM = SERVER_CJS.replace("'use strict';\n\nconst http = require('http');\nconst session = require('express-session');", "import http from 'node:http';\nimport session from 'express-session';");

const SERVER_TS = SERVER_ESM.replace('server.address().port', '(server.address() as { port: number }).port');

/** The port is set to a free one before the tests run: envalid's port() refuses 0. */
const RUNTIME_ENV: Record<string, string | undefined> = { PORT: '0', MONGO_URL: 'mongodb://db.internal:27017/shop', SESSION_SECRET: 'from-the-secret-store' };

describe('externalize config: fixes extend the project\'s config module', function () {
  this.timeout(120_000);

  before(async () => {
    RUNTIME_ENV.PORT = String(await freePort());
  });

  it('a CommonJS config object: keys added with their defaults, a required secret through requireEnv, the module required once', async () => {
    const ws = workspace({
      'package.json': '{ "name": "shop", "main": "server.js" }',
      'config/index.js': "'use strict';\n\nmodule.exports = {\n  env: process.env.NODE_ENV || 'development',\n};\n",
      'server.js': SERVER_CJS,
    });
    try {
      const titles = await fixAll(ws.root);
      assert.deepEqual(titles, [
        'Read MONGO_URL through config/index.js (default mongodb://localhost:27017/shop)',
        'Read PORT through config/index.js (default 3000)',
        'Read SESSION_SECRET through config/index.js (required, no fallback)',
      ]);
      assert.equal(
        ws.read('config/index.js'),
        "'use strict';\n\nfunction requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nmodule.exports = {\n  env: process.env.NODE_ENV || 'development',\n  mongoUrl: process.env.MONGO_URL ?? 'mongodb://localhost:27017/shop',\n  sessionSecret: requireEnv('SESSION_SECRET'),\n  port: Number(process.env.PORT ?? 3000),\n};\n",
      );
      const server = ws.read('server.js');
      assert.match(server, /^const session = require\('express-session'\);\nconst config = require\('\.\/config'\);\n\nconst MONGO_URL = config\.mongoUrl;\nconst sessions = session\(\{ secret: config\.sessionSecret, /m);
      assert.match(server, /^server\.listen\(config\.port, /m);
      assert.ok(!server.includes('process.env'), 'no process.env scattered in the consumer');
      assert.equal(ws.read('.env.example'), 'MONGO_URL=mongodb://localhost:27017/shop\nSESSION_SECRET=\nPORT=3000\n');

      const started = run(ws.root, ['server.js'], RUNTIME_ENV);
      assert.equal(started.status, 0, started.output);
      assert.equal(JSON.parse(started.output).mongo, 'mongodb://db.internal:27017/shop');
      const missing = run(ws.root, ['server.js'], { ...RUNTIME_ENV, SESSION_SECRET: undefined });
      assert.notEqual(missing.status, 0);
      assert.match(missing.output, /SESSION_SECRET is not set/);
    } finally {
      ws.dispose();
    }
  });

  it('a key the module already reads is reused (a bare read gets the old value as its default), and an existing import is reused', async () => {
    const ws = workspace({
      'package.json': '{ "name": "shop" }',
      'src/config.js': "module.exports = {\n  db: { url: process.env.MONGODB_URL },\n  port: process.env.PORT || 8080,\n};\n",
      'src/db.js': "const settings = require('./config');\nconst mongoose = require('mongoose');\n\nexports.connect = () => mongoose.connect('mongodb://localhost:27017/shop', { dbName: settings.db.name });\n",
    });
    try {
      assert.deepEqual(await fixAll(ws.root), ['Read MONGODB_URL through settings of src/config.js (default mongodb://localhost:27017/shop)']);
      assert.equal(ws.read('src/config.js'), "module.exports = {\n  db: { url: process.env.MONGODB_URL ?? 'mongodb://localhost:27017/shop' },\n  port: process.env.PORT || 8080,\n};\n", 'the old value becomes the default of the key');
      assert.equal(
        ws.read('src/db.js'),
        "const settings = require('./config');\nconst mongoose = require('mongoose');\n\nexports.connect = () => mongoose.connect(settings.db.url, { dbName: settings.db.name });\n",
      );
    } finally {
      ws.dispose();
    }
  });

  it('an ES module config (export default): imported with its file extension, as Node requires', async () => {
    const ws = workspace({
      'package.json': '{ "name": "shop", "type": "module", "main": "server.js" }',
      'config.js': "export default {\n  logLevel: process.env.LOG_LEVEL ?? 'info',\n};\n",
      'server.js': SERVER_ESM,
    });
    try {
      await fixAll(ws.root);
      assert.equal(
        ws.read('config.js'),
        "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nexport default {\n  logLevel: process.env.LOG_LEVEL ?? 'info',\n  mongoUrl: process.env.MONGO_URL ?? 'mongodb://localhost:27017/shop',\n  sessionSecret: requireEnv('SESSION_SECRET'),\n  port: Number(process.env.PORT ?? 3000),\n};\n",
      );
      assert.match(ws.read('server.js'), /^import session from 'express-session';\nimport config from '\.\/config\.js';\n\nconst MONGO_URL = config\.mongoUrl;$/m);
      const started = run(ws.root, ['server.js'], RUNTIME_ENV);
      assert.equal(started.status, 0, started.output);
      assert.equal(JSON.parse(started.output).mongo, 'mongodb://db.internal:27017/shop');
      assert.match(run(ws.root, ['server.js'], { ...RUNTIME_ENV, SESSION_SECRET: undefined }).output, /SESSION_SECRET is not set/);
    } finally {
      ws.dispose();
    }
  });

  it('a convict schema that is validated: entries with env, a port format and a sensitive secret without a default', async () => {
    const ws = workspace({
      'package.json': '{ "name": "shop", "main": "server.js" }',
      'config.js':
        "const convict = require('convict');\n\nconst config = convict({\n  env: {\n    doc: 'The application environment.',\n    format: ['production', 'development', 'test'],\n    default: 'development',\n    env: 'NODE_ENV',\n  },\n});\n\nconfig.validate({ allowed: 'strict' });\n\nmodule.exports = config;\n",
      'server.js': SERVER_CJS,
    });
    try {
      await fixAll(ws.root);
      assert.equal(
        ws.read('config.js'),
        "const convict = require('convict');\n\nconst config = convict({\n  env: {\n    doc: 'The application environment.',\n    format: ['production', 'development', 'test'],\n    default: 'development',\n    env: 'NODE_ENV',\n  },\n  mongoUrl: {\n    format: String,\n    default: 'mongodb://localhost:27017/shop',\n    env: 'MONGO_URL',\n  },\n  sessionSecret: {\n    format: String,\n    default: null,\n    env: 'SESSION_SECRET',\n    sensitive: true,\n  },\n  port: {\n    format: 'port',\n    default: 3000,\n    env: 'PORT',\n  },\n});\n\nconfig.validate({ allowed: 'strict' });\n\nmodule.exports = config;\n",
      );
      const server = ws.read('server.js');
      assert.match(server, /const MONGO_URL = config\.get\('mongoUrl'\);/);
      assert.match(server, /session\(\{ secret: config\.get\('sessionSecret'\), /);
      assert.match(server, /server\.listen\(config\.get\('port'\), /);
      const started = run(ws.root, ['server.js'], RUNTIME_ENV);
      assert.equal(started.status, 0, started.output);
      assert.equal(JSON.parse(started.output).mongo, 'mongodb://db.internal:27017/shop');
      const missing = run(ws.root, ['server.js'], { ...RUNTIME_ENV, SESSION_SECRET: undefined });
      assert.notEqual(missing.status, 0);
      assert.match(missing.output, /sessionSecret: must be of type String/);
    } finally {
      ws.dispose();
    }
  });

  it('a convict schema that is never validated cannot make a secret required: the secret is read directly, required', async () => {
    const ws = workspace({
      'package.json': '{ "name": "shop", "main": "server.js" }',
      'config.js': "const convict = require('convict');\n\nmodule.exports = convict({\n  env: { format: String, default: 'development', env: 'NODE_ENV' },\n});\n",
      'server.js': SERVER_CJS,
    });
    try {
      const titles = await fixAll(ws.root);
      assert.ok(titles.includes('Read SESSION_SECRET from the environment (required, no fallback)'), titles.join(' | '));
      assert.ok(titles.includes('Read MONGO_URL through config.js (default mongodb://localhost:27017/shop)'), titles.join(' | '));
      assert.match(ws.read('server.js'), /session\(\{ secret: requireEnv\('SESSION_SECRET'\), /);
    } finally {
      ws.dispose();
    }
  });

  it('an envalid spec (TypeScript): validators added to the import, required str() for the secret', async () => {
    const ws = workspace({
      'package.json': '{ "name": "shop", "main": "src/server.ts" }',
      'src/env.ts': "import { cleanEnv, str } from 'envalid';\n\nexport const env = cleanEnv(process.env, {\n  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),\n});\n",
      'src/server.ts': SERVER_TS.replace("const MONGO_URL = 'mongodb://localhost:27017/shop';", "const MONGO_URL = 'mongodb://localhost:27017/shop';\nconst API_URL = 'http://localhost:4000/api';").replace('mongo: MONGO_URL,', 'mongo: MONGO_URL, api: API_URL,'),
    });
    try {
      await fixAll(ws.root);
      assert.equal(
        ws.read('src/env.ts'),
        "import { cleanEnv, str, url, port } from 'envalid';\n\nexport const env = cleanEnv(process.env, {\n  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),\n  MONGO_URL: str({ default: 'mongodb://localhost:27017/shop' }),\n  API_URL: url({ default: 'http://localhost:4000/api' }),\n  SESSION_SECRET: str(),\n  PORT: port({ default: 3000 }),\n});\n",
      );
      const server = ws.read('src/server.ts');
      assert.match(server, /^import session from 'express-session';\nimport \{ env \} from '\.\/env';\n\nconst MONGO_URL = env\.MONGO_URL;\nconst API_URL = env\.API_URL;$/m);
      assert.match(server, /session\(\{ secret: env\.SESSION_SECRET, /);
      assert.match(server, /server\.listen\(env\.PORT, /);
      const started = run(ws.root, ['--import', 'tsx', 'src/server.ts'], RUNTIME_ENV);
      assert.equal(started.status, 0, started.output);
      assert.deepEqual(JSON.parse(started.output).api, 'http://localhost:4000/api');
      const missing = run(ws.root, ['--import', 'tsx', 'src/server.ts'], { ...RUNTIME_ENV, SESSION_SECRET: undefined });
      assert.notEqual(missing.status, 0);
      assert.match(missing.output, /SESSION_SECRET/);
    } finally {
      ws.dispose();
    }
  });

  it('a zod schema parsed from process.env (TypeScript, double quotes, no semicolons): fields with defaults, a required string for the secret', async () => {
    const ws = workspace({
      'package.json': '{ "name": "shop", "main": "src/server.ts" }',
      'src/config.ts': 'import { z } from "zod"\n\nconst schema = z.object({\n  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),\n})\n\nexport const env = schema.parse(process.env)\n',
      'src/server.ts': SERVER_TS,
    });
    try {
      await fixAll(ws.root);
      assert.equal(
        ws.read('src/config.ts'),
        'import { z } from "zod"\n\nconst schema = z.object({\n  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),\n  MONGO_URL: z.string().default("mongodb://localhost:27017/shop"),\n  SESSION_SECRET: z.string().min(1),\n  PORT: z.coerce.number().int().default(3000),\n})\n\nexport const env = schema.parse(process.env)\n',
      );
      assert.match(ws.read('src/server.ts'), /^import \{ env \} from '\.\/config';$/m);
      const started = run(ws.root, ['--import', 'tsx', 'src/server.ts'], RUNTIME_ENV);
      assert.equal(started.status, 0, started.output);
      assert.equal(JSON.parse(started.output).mongo, 'mongodb://db.internal:27017/shop');
      const missing = run(ws.root, ['--import', 'tsx', 'src/server.ts'], { ...RUNTIME_ENV, SESSION_SECRET: undefined });
      assert.notEqual(missing.status, 0);
      assert.match(missing.output, /SESSION_SECRET/);
    } finally {
      ws.dispose();
    }
  });

  it('a name the consumer already uses, or a key the module uses for something else, falls back to process.env', async () => {
    const ws = workspace({
      'package.json': '{ "name": "shop" }',
      'config/index.js': "module.exports = {\n  port: 8080,\n  mongodbUrl: process.env.DATABASE || 'mongodb://db/app',\n};\n",
      'server.js': "const config = { name: 'shop' };\nconst app = require('express')();\napp.listen(3000);\n",
      'db.js': "const mongoose = require('mongoose');\nmongoose.connect('mongodb://localhost:27017/shop');\n",
    });
    try {
      await fixAll(ws.root);
      assert.equal(ws.read('server.js'), "const config = { name: 'shop' };\nconst app = require('express')();\napp.listen(Number(process.env.PORT ?? 3000));\n");
      assert.equal(ws.read('db.js'), "const mongoose = require('mongoose');\nmongoose.connect(process.env.MONGODB_URL ?? 'mongodb://localhost:27017/shop');\n");
      assert.equal(ws.read('config/index.js'), "module.exports = {\n  port: 8080,\n  mongodbUrl: process.env.DATABASE || 'mongodb://db/app',\n};\n");
    } finally {
      ws.dispose();
    }
  });
});

describe('externalize config: dotenv', function () {
  this.timeout(60_000);

  it('an app that depends on dotenv loads it first thing in its entry point (CommonJS and ESM); other files are left alone', async () => {
    for (const [type, expected] of [
      ['commonjs', "'use strict';\n\nrequire('dotenv').config();\n\nconst app = require('express')();\napp.listen(Number(process.env.PORT ?? 3000));\n"],
      ['module', "import 'dotenv/config';\nimport express from 'express';\n\nexpress().listen(Number(process.env.PORT ?? 3000));\n"],
    ]) {
      const source = type === 'module' ? "import express from 'express';\n\nexpress().listen(3000);\n" : "'use strict';\n\nconst app = require('express')();\napp.listen(3000);\n";
      const ws = workspace({
        'package.json': JSON.stringify({ name: 'shop', type, main: 'server.js', dependencies: { dotenv: '^16.0.0', express: '^4.0.0' } }),
        'server.js': source,
        'lib/db.js': "const mongoose = require('mongoose');\nmongoose.connect('mongodb://localhost/shop');\n",
      });
      try {
        await fixAll(ws.root);
        assert.equal(ws.read('server.js'), expected);
        assert.equal(ws.read('lib/db.js'), "const mongoose = require('mongoose');\nmongoose.connect(process.env.MONGODB_URL ?? 'mongodb://localhost/shop');\n");
      } finally {
        ws.dispose();
      }
    }
  });

  it('never adds dotenv to an app that does not depend on it, and never twice', async () => {
    const ws = workspace({
      'package.json': JSON.stringify({ name: 'shop', main: 'server.js', dependencies: { express: '^4.0.0' } }),
      'server.js': "const app = require('express')();\napp.listen(3000);\n",
      'other/package.json': JSON.stringify({ name: 'other', main: 'index.js', dependencies: { dotenv: '^16.0.0' } }),
      'other/index.js': "require('dotenv').config();\nconst app = require('express')();\napp.listen(4000);\n",
    });
    try {
      await fixAll(ws.root);
      assert.equal(ws.read('server.js'), "const app = require('express')();\napp.listen(Number(process.env.PORT ?? 3000));\n");
      assert.equal(ws.read('other/index.js'), "require('dotenv').config();\nconst app = require('express')();\napp.listen(Number(process.env.PORT ?? 4000));\n");
    } finally {
      ws.dispose();
    }
  });
});
