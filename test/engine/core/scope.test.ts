import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ScopeTracker } from '../../../src/engine/core/scope';
import { walk } from '../../../src/engine/core/walk';
import { parseSource } from '../../../src/engine/parsers/javascript';

/** Resolves and folds the argument of every `probe(...)` call, with scopes as they are at that point of the walk. */
function probe(code: string, fileName = 'probe.ts') {
  const parsed = parseSource(fileName, code);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  const scope = new ScopeTracker();
  const results: { resolved?: string; folded?: string | number | boolean }[] = [];
  walk(
    parsed.program,
    (node) => {
      scope.enter(node);
      if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'probe') {
        const argument = node.arguments[0] as TSESTree.Node;
        const resolved = scope.resolve(argument);
        results.push({ resolved: resolved && [resolved.module, ...resolved.path].join('.'), folded: scope.fold(argument)?.value });
      }
    },
    (node) => scope.exit(node),
  );
  return results;
}

describe('import resolution and constant folding (unit)', () => {
  it('resolves require, destructuring, node: prefixes, subpaths and aliases', () => {
    const results = probe(`
      const fs = require('node:fs');
      const { promises: fsp, writeFileSync: wfs } = require('fs');
      const p = fs.promises;
      import * as os from 'os';
      import { writeFile as wf } from 'fs/promises';
      import express from 'express';
      const app = express();
      probe(fs.writeFile); probe(fsp.writeFile); probe(wfs); probe(p.appendFile); probe(os.tmpdir); probe(wf); probe(app.listen);
      probe(require('fs').promises.mkdir);
    `);
    assert.deepEqual(results.map((result) => result.resolved), [
      'fs.writeFile', 'fs.promises.writeFile', 'fs.writeFileSync', 'fs.promises.appendFile', 'os.tmpdir', 'fs.promises.writeFile', 'express.().listen', 'fs.promises.mkdir',
    ]);
  });

  it('does not resolve shadowed names or local functions', () => {
    const results = probe(`
      const fs = require('fs');
      function save(fs) { probe(fs.writeFile); }
      function writeFile() {}
      probe(writeFile);
      { const fs = makeFake(); probe(fs.writeFile); }
      probe(fs.writeFile);
    `);
    assert.deepEqual(results.map((result) => result.resolved), [undefined, undefined, undefined, 'fs.writeFile']);
  });

  it('folds literals through const bindings, templates, concatenation and object properties', () => {
    const results = probe(`
      const HOST = 'localhost';
      const PORT = 27017;
      const URL = \`mongodb://\${HOST}:\${PORT}/app\`;
      const config = { db: { url: 'postgres://db/x' }, port: 80 + 1 };
      const { db } = config;
      probe(URL); probe('a' + HOST); probe(config.db.url); probe(db.url); probe(config.port);
    `);
    assert.deepEqual(results.map((result) => result.folded), ['mongodb://localhost:27017/app', 'alocalhost', 'postgres://db/x', 'postgres://db/x', 81]);
  });

  it('does not fold reassigned variables, environment reads or calls', () => {
    const results = probe(`
      let url = 'a'; url = 'b';
      const fromEnv = process.env.URL || 'x';
      const made = build('x');
      probe(url); probe(fromEnv); probe(made);
    `);
    assert.deepEqual(results.map((result) => result.folded), [undefined, undefined, undefined]);
  });

  it('walks code as deeply nested as the parser accepts', () => {
    const depth = 600;
    const code = `${'['.repeat(depth)}probe('deep')${']'.repeat(depth)};`;
    assert.deepEqual(probe(code, 'deep.js').map((result) => result.folded), ['deep']);
  });
});
