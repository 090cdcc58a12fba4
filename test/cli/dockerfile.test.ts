import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { USAGE } from '../../src/cli/main';
import { legacyShop, repositoryRoot, temporaryWorkspace } from '../support/workspace';
import { cli } from '../support/cli';


const SERVER = "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(process.env.PORT || 8080);\n";

describe('cloudward dockerfile (unit)', () => {
  it('prints the Dockerfile and .dockerignore it derives, and what it detected on stderr', async () => {
    const { code, stdout, stderr } = await cli(['dockerfile', 'examples/legacy-shop']);
    assert.equal(code, 0);
    assert.match(stdout, /^==> Dockerfile <==\n# Dockerfile for legacy-shop, written by Cloudward/);
    assert.match(stdout, /\nFROM node:22\.22-bookworm-slim AS build\n/);
    assert.match(stdout, /\nCMD \["node", "server\.js"\]\n\n==> \.dockerignore <==\n# \.dockerignore for legacy-shop/);
    assert.match(stdout, /\npublic\/uploads\n$/);
    assert.match(stderr, /^cloudward: Dockerfile derived from:\n {2}app {9}legacy-shop\n/);
    assert.match(stderr, /\n {2}port {8}3000 \(server\.js:13 listens on 3000, fixed in code\)\n/);
    assert.match(stderr, /\n {2}native {6}sqlite3\n/);
    assert.match(stderr, /\ncloudward: note: no package-lock\.json: versions are resolved at build time; commit a lockfile for repeatable images\n/);
    assert.ok(!existsSync(path.join(legacyShop, 'Dockerfile')), 'printing writes nothing');
  });

  it('--write writes both files, keeps existing ones, and --force overwrites them', async () => {
    const workspace = temporaryWorkspace({
      'package.json': JSON.stringify({ name: 'catalog', scripts: { start: 'node server.js' }, dependencies: { express: '^4.19.2' } }),
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: {} }),
      'server.js': SERVER,
    });
    try {
      const first = await cli(['dockerfile', '.', '--write'], workspace.root);
      assert.equal(first.code, 0);
      assert.equal(first.stdout, 'wrote Dockerfile\nwrote .dockerignore\n');
      const written = readFileSync(path.join(workspace.root, 'Dockerfile'), 'utf8');
      assert.match(written, /\nHEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\\n/);
      assert.match(written, /\nEXPOSE 8080\n/);
      assert.match(readFileSync(path.join(workspace.root, '.dockerignore'), 'utf8'), /\n\*\*\/node_modules\n/);

      writeFileSync(path.join(workspace.root, 'Dockerfile'), 'FROM node:20\n');
      const kept = await cli(['dockerfile', workspace.root, '--write']);
      assert.equal(kept.code, 0);
      const shown = path.relative(repositoryRoot, workspace.root).split(path.sep).join('/');
      assert.equal(kept.stdout, `kept ${shown}/Dockerfile: it already exists (--force overwrites it)\nkept ${shown}/.dockerignore: it already exists (--force overwrites it)\n`);
      assert.equal(readFileSync(path.join(workspace.root, 'Dockerfile'), 'utf8'), 'FROM node:20\n');

      const forced = await cli(['dockerfile', '--write', '--force'], workspace.root);
      assert.equal(forced.code, 0);
      assert.equal(forced.stdout, 'overwrote Dockerfile\noverwrote .dockerignore\n');
      assert.equal(readFileSync(path.join(workspace.root, 'Dockerfile'), 'utf8'), written);
    } finally {
      workspace.dispose();
    }
  });

  it('--app picks one server of a workspace and writes beside it', async () => {
    const workspace = temporaryWorkspace({
      'package.json': JSON.stringify({ private: true, workspaces: ['services/*'] }),
      'services/a/package.json': JSON.stringify({ name: 'a', scripts: { start: 'node server.js' } }),
      'services/a/server.js': SERVER,
      'services/b/package.json': JSON.stringify({ name: 'b', scripts: { start: 'node server.js' } }),
      'services/b/server.js': "require('http').createServer(() => {}).listen(9000);\n",
    });
    try {
      const printed = await cli(['dockerfile', workspace.root]);
      assert.equal(printed.code, 0);
      assert.match(printed.stdout, /^==> services\/a\/Dockerfile <==\n/);
      assert.match(printed.stderr, /cloudward: note: other workspace packages start servers too \(services\/b\)/);
      const written = await cli(['dockerfile', '--app', 'services/b', '--write'], workspace.root);
      assert.equal(written.code, 0);
      assert.equal(written.stdout, 'wrote services/b/Dockerfile\nwrote services/b/Dockerfile.dockerignore\n');
      const dockerfile = readFileSync(path.join(workspace.root, 'services/b/Dockerfile'), 'utf8');
      assert.match(dockerfile, /\nWORKDIR \/app\/services\/b\n/);
      assert.match(dockerfile, /\nEXPOSE 9000\n/);
    } finally {
      workspace.dispose();
    }
  });

  it('exits 2 with a message on usage errors and folders that are not Node.js apps', async () => {
    const notNode = temporaryWorkspace({ 'app.py': 'print(1)\n' });
    try {
      const cases: [string[], RegExp][] = [
        [['dockerfile', '--force'], /cloudward: --force only applies with --write\n/],
        [['dockerfile', 'a', 'b'], /expected one folder, got 2: a b/],
        [['dockerfile', '--colour'], /unknown option '--colour'/],
        [['dockerfile', '--app'], /--app needs a value/],
        [['dockerfile', 'no/such/folder'], /cloudward: no\/such\/folder does not exist\n/],
        [['dockerfile', 'package.json'], /cloudward: package\.json is not a folder\n/],
        [['dockerfile', notNode.root], /cloudward: no package\.json in .*: Cloudward writes Dockerfiles for Node\.js apps\n/],
        [['dockerfile', 'examples/legacy-shop', '--app', 'nope'], /cloudward: nope has no package\.json inside /],
      ];
      for (const [argv, message] of cases) {
        const result = await cli(argv);
        assert.equal(result.code, 2, argv.join(' '));
        assert.equal(result.stdout, '', argv.join(' '));
        assert.match(result.stderr, message);
      }
    } finally {
      notNode.dispose();
    }
  });

  it('--help prints the command usage, and the main usage names the command', async () => {
    const help = await cli(['dockerfile', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: cloudward dockerfile \[DIR\] \[--write\] \[--force\] \[--app PATH\]\n/);
    assert.match(USAGE, /\n {7}cloudward dockerfile \[DIR\] \[--write\] \[--force\]/);
  });

  it('--write never clobbers: user files are kept byte for byte, and a link that leaves the folder is not written through, even with --force', async () => {
    const own = { Dockerfile: '# ours\nFROM node:20-alpine\nCMD ["node", "server.js"]', '.dockerignore': '# ours\nnode_modules\n.git' };
    const workspace = temporaryWorkspace({ 'package.json': JSON.stringify({ name: 'catalog', scripts: { start: 'node server.js' } }), 'server.js': SERVER, ...own });
    const outside = temporaryWorkspace({ 'precious.txt': 'do not overwrite\n' });
    try {
      const kept = await cli(['dockerfile', '.', '--write'], workspace.root);
      assert.equal(kept.code, 0);
      for (const [name, text] of Object.entries(own)) assert.equal(readFileSync(path.join(workspace.root, name), 'utf8'), text, name);

      for (const name of Object.keys(own)) {
        unlinkSync(path.join(workspace.root, name));
        symlinkSync(path.join(outside.root, name === 'Dockerfile' ? 'precious.txt' : 'created-by-cloudward'), path.join(workspace.root, name));
      }
      for (const argv of [['dockerfile', '.', '--write'], ['dockerfile', '.', '--write', '--force']]) {
        const result = await cli(argv, workspace.root);
        assert.equal(result.code, 2, argv.join(' '));
        assert.match(result.stderr, /not writing Dockerfile: it is a link to a place outside the folder/);
        assert.match(result.stderr, /not writing \.dockerignore: it is a link to a place outside the folder/);
        assert.equal(readFileSync(path.join(outside.root, 'precious.txt'), 'utf8'), 'do not overwrite\n', argv.join(' '));
        assert.ok(!existsSync(path.join(outside.root, 'created-by-cloudward')), `${argv.join(' ')}: nothing created through a dangling link`);
      }
    } finally {
      workspace.dispose();
      outside.dispose();
    }
  });
});
