import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
      assert.match(result.stdout, /^-mongoose\.connect\('mongodb:\/\/localhost:27017\/shop'\);\n-app\.listen\(3000, '127\.0\.0\.1'\);\n\+mongoose\.connect\(process\.env\.MONGODB_URL \?\? 'mongodb:\/\/localhost:27017\/shop'\);\n\+app\.listen\(Number\(process\.env\.PORT \?\? 3000\), '0\.0\.0\.0'\);$/m);
      assert.match(result.stdout, /^--- \/dev\/null\n\+\+\+ b\/\.env\.example\n@@ -0,0 \+1,2 @@\n\+MONGODB_URL=mongodb:\/\/localhost:27017\/shop\n\+PORT=3000\n/m);
      assert.match(result.stderr, /would apply 3 fixes in 2 files/);
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
      assert.equal(fixed, "const express = require('express');\nconst mongoose = require('mongoose');\nconst app = express();\nmongoose.connect(process.env.MONGODB_URL ?? 'mongodb://localhost:27017/shop');\napp.listen(Number(process.env.PORT ?? 3000), '0.0.0.0');\n");
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
});
