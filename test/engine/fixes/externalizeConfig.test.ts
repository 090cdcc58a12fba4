import * as assert from 'node:assert/strict';
import { analyzeWorkspace, nodeFileSystem, textBasis, type Finding } from '../../../src/engine';
import { temporaryWorkspace } from '../../support/workspace';

async function fixesOf(files: Record<string, string>): Promise<Finding[]> {
  const workspace = temporaryWorkspace(files);
  try {
    return (await analyzeWorkspace(workspace.root, { fs: nodeFileSystem })).findings.filter((finding) => finding.fixes.length > 0);
  } finally {
    workspace.dispose();
  }
}

const server = "const mongoose = require('mongoose');\nconst app = require('express')();\nmongoose.connect('mongodb://localhost/shop');\napp.listen(3000);\n";

describe('externalize config: .env.example edits (unit)', () => {
  it('appends missing keys to an existing .env.example and never duplicates one', async () => {
    const findings = await fixesOf({ 'package.json': '{}', '.env.example': '# settings\nPORT=8080', 'server.js': server });
    const edits = Object.fromEntries(findings.map((finding) => [finding.ruleId, finding.fixes[0].edits.filter((edit) => edit.file === '.env.example')]));
    assert.deepEqual(edits['listen-fixed-port'], [], 'PORT is already listed');
    // The basis names the text the offset was computed on, so an editor can refuse it once the file changed.
    assert.deepEqual(edits['hardcoded-service-url'], [{ file: '.env.example', range: [20, 20], text: '\nMONGODB_URL=mongodb://localhost/shop\n', basis: textBasis('# settings\nPORT=8080') }]);
  });

  it('creates the .env.example of the app the file belongs to', async () => {
    const findings = await fixesOf({ 'package.json': '{"workspaces":["packages/*"]}', 'packages/api/package.json': '{}', 'packages/api/src/server.js': server });
    const targets = findings.flatMap((finding) => finding.fixes[0].edits.filter((edit) => edit.file?.endsWith('.env.example')).map((edit) => [edit.file, edit.range, edit.text]));
    assert.deepEqual(targets, [
      ['packages/api/.env.example', [0, 0], 'MONGODB_URL=mongodb://localhost/shop\n'],
      ['packages/api/.env.example', [0, 0], 'PORT=3000\n'],
    ]);
  });
});
