import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../src/engine';
import { inventoryOf, type InventoryFacts } from '../../../src/engine/core/inventoryFacts';

function factsOf(code: string, file = 'src/app.js'): InventoryFacts {
  const analysis = analyzeFile(file, code, { rules: [] });
  assert.equal(analysis.skipReason, undefined);
  return inventoryOf(analysis.facts) ?? { imports: [], clients: [], urls: [], listens: [], environment: [] };
}

describe('inventory facts collected during the walk (unit)', () => {
  it('records imported packages from require, import and import(), without relative paths or subpaths', () => {
    const facts = factsOf(
      "const pg = require('pg');\nimport express from 'express';\nimport type { X } from 'types-only';\nconst s3 = require('@aws-sdk/client-s3/dist-cjs');\nconst local = require('./local');\nconst fs = require('node:fs');\nimport('ioredis');\n",
      'src/app.ts',
    );
    assert.deepEqual(facts.imports, ['pg', 'express', '@aws-sdk/client-s3', 'fs', 'ioredis']);
  });

  it('tells where a client is configured: environment, hard-coded, config object, library defaults', () => {
    const facts = factsOf(
      [
        "const { Pool } = require('pg');",
        "const Redis = require('ioredis');",
        "const mongoose = require('mongoose');",
        "const nodemailer = require('nodemailer');",
        "const config = require('./config');",
        'const a = new Pool({ connectionString: process.env.DATABASE_URL });',
        "const b = new Redis({ host: '10.0.3.15', port: 6379 });",
        'mongoose.connect(config.mongo.url);',
        'const c = new Pool();',
        "const URL = process.env.MONGO_URL || 'mongodb://localhost/app';",
        'mongoose.connect(URL);',
        "nodemailer.createTransport({ host: 'smtp.internal', port: 25 });",
        "const d = new Pool({ user: 'app', database: 'shop' });",
      ].join('\n'),
    );
    assert.deepEqual(
      facts.clients.map(({ package: name, call, line, how, evidence, constructed }) => ({ name, call, line, how, evidence, constructed })),
      [
        { name: 'pg', call: 'Pool', line: 6, how: 'environment', evidence: 'DATABASE_URL', constructed: true },
        { name: 'ioredis', call: '', line: 7, how: 'hard-coded', evidence: '10.0.3.15', constructed: true },
        { name: 'mongoose', call: 'connect', line: 8, how: 'config', evidence: undefined, constructed: undefined },
        { name: 'pg', call: 'Pool', line: 9, how: 'environment', evidence: 'library reads the environment', constructed: true },
        { name: 'mongoose', call: 'connect', line: 11, how: 'environment', evidence: 'MONGO_URL', constructed: undefined },
        { name: 'nodemailer', call: 'createTransport', line: 12, how: 'hard-coded', evidence: 'smtp.internal', constructed: undefined },
        { name: 'pg', call: 'Pool', line: 13, how: 'environment', evidence: 'library reads the environment', constructed: true },
      ],
    );
  });

  it('ignores local functions and unrelated modules that share a client name', () => {
    const facts = factsOf("function createClient(url) { return url; }\ncreateClient('redis://cache:6379');\nconst { Pool } = require('./pool');\nnew Pool({ host: 'db' });\n");
    assert.deepEqual(facts.clients, []);
    assert.deepEqual(
      facts.urls.map((url) => [url.value, url.fromEnvironment]),
      [['redis://cache:6379', false]],
    );
  });

  it('records connection strings with the password masked, and whether the environment overrides them', () => {
    const facts = factsOf("const a = 'postgres://shop:s3cret@10.0.0.5:5432/shop';\nconst b = process.env.REDIS_URL ?? 'redis://localhost:6379';\nconst c = 'https://example.com/not-a-connection-string';\n");
    assert.deepEqual(
      facts.urls.map(({ value, scheme, line, column, fromEnvironment }) => ({ value, scheme, line, column, fromEnvironment })),
      [
        { value: 'postgres://shop:***@10.0.0.5:5432/shop', scheme: 'postgres', line: 1, column: 11, fromEnvironment: false },
        { value: 'redis://localhost:6379', scheme: 'redis', line: 2, column: 36, fromEnvironment: true },
      ],
    );
  });

  it('records third-party HTTP APIs called through axios, fetch and got', () => {
    const facts = factsOf(
      "const axios = require('axios');\nconst API = 'https://api.partner.example/v2';\naxios.get(`${API}/orders`);\nconst client = axios.create({ baseURL: 'https://billing.example.net' });\nfetch('https://status.example.org/ping');\nfetch(process.env.HOOK_URL);\n",
    );
    assert.deepEqual(
      facts.urls.map(({ value, httpClient, fromEnvironment }) => ({ value, httpClient, fromEnvironment })),
      [
        { value: 'https://api.partner.example/v2/orders', httpClient: 'axios', fromEnvironment: false },
        { value: 'https://billing.example.net', httpClient: 'axios', fromEnvironment: false },
        { value: 'https://status.example.org/ping', httpClient: 'fetch', fromEnvironment: false },
      ],
    );
  });

  it('records listen ports: fixed, from the environment with its default, and unknown', () => {
    const facts = factsOf(
      "const app = require('express')();\napp.listen(3000);\nconst port = Number(process.env.PORT ?? 8080);\napp.listen(port, '0.0.0.0');\napp.listen({ port: process.env.PORT || 5000 });\napp.listen(app.get('port'));\n",
    );
    assert.deepEqual(
      facts.listens.map(({ line, port, fromEnvironment }) => ({ line, port, fromEnvironment })),
      [
        { line: 2, port: 3000, fromEnvironment: false },
        { line: 4, port: 8080, fromEnvironment: true },
        { line: 5, port: 5000, fromEnvironment: true },
        { line: 6, port: undefined, fromEnvironment: undefined },
      ],
    );
    assert.deepEqual(facts.environment, ['PORT']);
  });
});
