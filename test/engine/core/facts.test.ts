import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, defaultConfig } from '../../../src/engine';
import { isHealthPath, type AppFacts } from '../../../src/engine/core/facts';
import { legacyShop, repositoryRoot } from '../../support/workspace';

/** Facts are collected whichever rules are on: here with no rule at all. */
function factsOf(code: string, file = 'src/app.js'): AppFacts {
  const analysis = analyzeFile(file, code, { rules: [], config: defaultConfig() });
  assert.equal(analysis.skipReason, undefined);
  return analysis.facts as AppFacts;
}

describe('app-level facts (unit)', () => {
  it('keeps the listens fact and names what the server resolves to', () => {
    const code = "const app = require('express')();\nconst server = app.listen(3000);\n";
    const facts = factsOf(code);
    const start = code.indexOf('app.listen');
    assert.deepEqual(facts.listens, { range: [start, start + 'app.listen(3000)'.length] });
    assert.equal(facts.listenModule, 'express');
  });

  it('records stop-signal handlers and whether they close a server', () => {
    const facts = factsOf(
      [
        "const mongoose = require('mongoose');",
        "const server = require('http').createServer().listen(8080);",
        "process.on('SIGINT', () => mongoose.connection.close(() => process.exit(0)));",
        "process.once('SIGTERM', shutdown);",
        'function shutdown() { server.close(); }',
        "['SIGHUP', 'SIGQUIT'].forEach((signal) => process.on(signal, process.exit));",
        "process.on('exit', () => server.close());",
        'app.enableShutdownHooks();',
      ].join('\n'),
    );
    assert.deepEqual(facts.shutdownHandlers, [
      { line: 3, signals: ['SIGINT'], closes: false, via: 'process.on' },
      { line: 4, signals: ['SIGTERM'], closes: true, via: 'process.on' },
      { line: 6, signals: ['SIGHUP', 'SIGQUIT'], closes: false, via: 'process.on' },
      { line: 8, signals: ['SIGTERM', 'SIGINT'], closes: true, via: 'enableShutdownHooks()' },
    ]);
    assert.deepEqual(facts.signalNames, ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT']);
  });

  it('marks a computed signal name it cannot follow', () => {
    const facts = factsOf("function on(signal, server) {\n  process.on(signal, () => server.close());\n}\non('SIGTERM', s);\n");
    assert.deepEqual(facts.shutdownHandlers, [{ line: 2, signals: ['?'], closes: true, via: 'process.on' }]);
    assert.deepEqual(facts.signalNames, ['SIGTERM']);
  });

  it('records the first health route, not client calls to one', () => {
    assert.equal(factsOf("const axios = require('axios');\naxios.get('/health', { timeout: 1 });\n").healthRoute, undefined);
    assert.deepEqual(factsOf("const r = require('express').Router();\nr.get('/api/healthz', h);\nr.get('/ping', h);\n").healthRoute, { line: 2, path: '/api/healthz' });
    assert.deepEqual(factsOf("@Controller('health')\nexport class HealthController {}\n", 'src/health.controller.ts').healthRoute, { line: 1, path: 'health' });
  });

  it('records each cloud SDK package once, at its first import', () => {
    const facts = factsOf("import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = require('@aws-sdk/client-s3');\nconst admin = require('firebase-admin/app');\n", 'src/s3.mjs');
    assert.deepEqual(
      facts.cloudSdks?.map((sdk) => [sdk.package, sdk.line]),
      [
        ['@aws-sdk/client-s3', 1],
        ['firebase-admin', 3],
      ],
    );
  });

  it('takes a hapi server.start() as the start of a server', () => {
    const code = "const Hapi = require('@hapi/hapi');\nconst db = require('./db');\ndb.start();\nconst server = Hapi.server();\nserver.start();\n";
    const start = code.indexOf('server.start()');
    assert.deepEqual(factsOf(code).serverStart, { range: [start, start + 'server.start()'.length] });
  });

  it('tells health-like paths from resource paths', () => {
    for (const path of ['/health', '/healthz', '/api/v1/health/live', '/_health', '/readyz', '/ping', '/api/status', '/manage/health', 'health', '/heartbeat', '/health(z)?']) {
      assert.ok(isHealthPath(path), path);
    }
    for (const path of ['/', '/orders/:id/status', '/users/ping', '/healthy-recipes', '/status-codes', '/api/v1/live-events']) {
      assert.ok(!isHealthPath(path), path);
    }
  });

});

describe('facts left out (the editor asks for findings only)', () => {
  const workspaces = [legacyShop, ...readdirSync(path.join(repositoryRoot, 'test/fixtures/workspaces')).map((name) => path.join(repositoryRoot, 'test/fixtures/workspaces', name))];
  const sources = workspaces.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.[cm]?[jt]sx?$/.test(file) && !file.includes('node_modules'))
      .map((file) => ({ file: file.split(path.sep).join('/'), text: readFileSync(path.join(root, file), 'utf8') })),
  );

  it('give the same findings, with no facts collected', () => {
    const config = defaultConfig();
    let filesWithFacts = 0;
    for (const { file, text } of sources) {
      const full = analyzeFile(file, text, { config });
      const lean = analyzeFile(file, text, { config, facts: false });
      assert.deepEqual(lean.findings, full.findings, file);
      if (Object.keys(full.facts).length > 0) filesWithFacts++;
      assert.equal((lean.facts as AppFacts).inventory, undefined, file);
      assert.equal((lean.facts as AppFacts).listens, undefined, file);
    }
    // The comparison above compares something: the full analyses found facts and findings.
    assert.ok(filesWithFacts >= 10, `${filesWithFacts} files with facts`);
    assert.ok(sources.some(({ file, text }) => analyzeFile(file, text, { config }).findings.length > 0));
  });
});
