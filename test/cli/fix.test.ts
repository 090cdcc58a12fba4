import * as assert from 'node:assert/strict';
import { readFileSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { temporaryWorkspace } from '../support/workspace';
import { cli } from '../support/cli';


const files = {
  'package.json': '{"name":"shop"}\n',
  'server.js': "const express = require('express');\nconst mongoose = require('mongoose');\nconst app = express();\nmongoose.connect('mongodb://localhost:27017/shop');\napp.listen(3000, '127.0.0.1');\n",
};

describe('cloudward fix (unit)', () => {
  it('--dry-run prints a unified diff of the source and of the new .env.example, and writes nothing', async () => {
    const workspace = temporaryWorkspace(files);
    try {
      const result = await cli(['fix', '.', '--dry-run'], workspace.root);
      assert.equal(result.code, 0);
      assert.equal(readFileSync(path.join(workspace.root, 'server.js'), 'utf8'), files['server.js']);
      assert.match(result.stdout, /^--- a\/server\.js\n\+\+\+ b\/server\.js\n/m);
      assert.match(result.stdout, /^-mongoose\.connect\('mongodb:\/\/localhost:27017\/shop'\);\n-app\.listen\(3000, '127\.0\.0\.1'\);\n(\+.*\n)*\+mongoose\.connect\(process\.env\.MONGODB_URL \?\? 'mongodb:\/\/localhost:27017\/shop'\);\n\+const server = app\.listen\(Number\(process\.env\.PORT \?\? 3000\), '0\.0\.0\.0'\);$/m);
      assert.match(result.stdout, /^--- \/dev\/null\n\+\+\+ b\/\.env\.example\n@@ -0,0 \+1,2 @@\n\+MONGODB_URL=mongodb:\/\/localhost:27017\/shop\n\+PORT=3000\n/m);
      // Externalized URL and port, a health route and a SIGTERM handler.
      assert.match(result.stderr, /would apply 5 fixes in 2 files/);
    } finally {
      workspace.dispose();
    }
  });

  it('applies the fixes, is idempotent, and --rule limits them', async () => {
    const workspace = temporaryWorkspace(files);
    try {
      assert.equal((await cli(['fix', '.', '--rule', 'hardcoded-service-url'], workspace.root)).code, 0);
      assert.match(readFileSync(path.join(workspace.root, 'server.js'), 'utf8'), /app\.listen\(3000, '127\.0\.0\.1'\)/, 'other rules untouched');
      assert.equal((await cli(['fix', '.'], workspace.root)).code, 0);
      const fixed = readFileSync(path.join(workspace.root, 'server.js'), 'utf8');
      assert.equal(
        fixed,
        [
          "const express = require('express');",
          "const mongoose = require('mongoose');",
          'const app = express();',
          '',
          "// For the platform's liveness and readiness probes; registered first, so no other middleware runs for them.",
          "app.get('/healthz', (req, res) => res.send('ok'));",
          '',
          "mongoose.connect(process.env.MONGODB_URL ?? 'mongodb://localhost:27017/shop');",
          "const server = app.listen(Number(process.env.PORT ?? 3000), '0.0.0.0');",
          '',
          "process.on('SIGTERM', () => {",
          '  // Stop accepting connections and let in-flight requests finish before exiting; give up after 10 s.',
          '  server.close(() => process.exit(0));',
          '  setTimeout(() => process.exit(1), 10000).unref();',
          '});',
          '',
        ].join('\n'),
      );
      assert.equal(readFileSync(path.join(workspace.root, '.env.example'), 'utf8'), 'MONGODB_URL=mongodb://localhost:27017/shop\nPORT=3000\n');
      const again = await cli(['fix', '.'], workspace.root);
      assert.match(again.stderr, /no fixes to apply/);
      assert.equal(readFileSync(path.join(workspace.root, 'server.js'), 'utf8'), fixed);
    } finally {
      workspace.dispose();
    }
  });

  it('rejects an unknown rule', async () => {
    const result = await cli(['fix', '--rule', 'no-such-rule'], process.cwd());
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown rule 'no-such-rule'/);
  });

  it('never clobbers an existing .env.example: every byte kept, missing keys appended once, nothing written through a link that leaves the folder', async () => {
    const cases: [string, string][] = [
      ['no trailing newline, PORT already listed', '# shop settings\nSESSION_SECRET=\nPORT=8080'],
      ['CRLF line ends', '# shop settings\r\nSESSION_SECRET=\r\n'],
      ['an exported key', 'export PORT=8080\n'],
    ];
    for (const [what, existing] of cases) {
      const workspace = temporaryWorkspace({ ...files, '.env.example': existing });
      try {
        assert.equal((await cli(['fix', '.'], workspace.root)).code, 0, what);
        const after = readFileSync(path.join(workspace.root, '.env.example'), 'utf8');
        assert.ok(after.startsWith(existing), `${what}: the existing content is kept as it was\n${after}`);
        assert.equal(after.match(/^(export )?PORT=/gm)?.length, 1, `${what}: PORT listed once`);
        assert.match(after, /^MONGODB_URL=mongodb:\/\/localhost:27017\/shop\r?\n/m, what);
      } finally {
        workspace.dispose();
      }
    }

    const large = `# generated\n${'UNRELATED_SETTING=x\n'.repeat(20_000)}`;
    const big = temporaryWorkspace({ ...files, '.env.example': large });
    try {
      assert.equal((await cli(['fix', '.'], big.root)).code, 0);
      assert.equal(readFileSync(path.join(big.root, '.env.example'), 'utf8'), large, 'a .env.example too large to read for offsets is left alone');
    } finally {
      big.dispose();
    }

    const outside = temporaryWorkspace({ 'settings.env': 'KEEP=me\n' });
    const linked = temporaryWorkspace(files);
    try {
      symlinkSync(path.join(outside.root, 'settings.env'), path.join(linked.root, '.env.example'));
      const result = await cli(['fix', '.'], linked.root);
      assert.equal(result.code, 0);
      assert.match(result.stderr, /not touching \.env\.example: it is a link to a place outside/);
      assert.equal(readFileSync(path.join(outside.root, 'settings.env'), 'utf8'), 'KEEP=me\n');
      assert.match(readFileSync(path.join(linked.root, 'server.js'), 'utf8'), /process\.env\.MONGODB_URL/, 'the files inside are still fixed');
    } finally {
      outside.dispose();
      linked.dispose();
    }
  });
});
