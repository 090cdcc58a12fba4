import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { JsonReport } from '../../src/engine';
import { cli } from '../support/cli';
import { repositoryRoot } from '../support/workspace';

const UNTRUSTED = path.join(repositoryRoot, 'test/fixtures/untrusted-workspace');
const MARKER_VARIABLE = 'CLOUDWARD_EXECUTION_MARKER';
const CONFIGS = ['.cloudwardrc.js', '.dependency-cruiser.js', '.eslintrc.js', 'babel.config.js', 'jest.config.js', 'src/server.js', 'vite.config.mjs', 'webpack.config.js'];
/** Packages a careless tool could load from the workspace instead of its own: each writes the marker when loaded. */
const PLANTED_PACKAGES = ['typescript', 'dependency-cruiser', 'express', 'mongoose', '@typescript-eslint/typescript-estree'];

/** A copy of the untrusted workspace, with planted node_modules (git cannot hold them), and the marker's path outside it. */
function untrustedCopy(): { root: string; marker: string; dispose(): void } {
  const parent = mkdtempSync(path.join(tmpdir(), 'cloudward-untrusted-'));
  const root = path.join(parent, 'workspace');
  cpSync(UNTRUSTED, root, { recursive: true });
  for (const name of PLANTED_PACKAGES) {
    const folder = path.join(root, 'node_modules', name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name, version: '99.0.0', main: 'index.js' }));
    writeFileSync(path.join(folder, 'index.js'), `require('fs').appendFileSync(process.env.${MARKER_VARIABLE} || require('path').join(__dirname, 'EXECUTED.marker'), 'node_modules/${name}\\n');\n`);
  }
  return { root, marker: path.join(parent, 'EXECUTED.marker'), dispose: () => rmSync(parent, { recursive: true, force: true }) };
}

/** Marker files anywhere in the workspace (the payloads' fallback) or at the agreed path outside it. */
function markersFound(root: string, marker: string): string[] {
  const found = existsSync(marker) ? [`${marker}: ${readFileSync(marker, 'utf8').trim()}`] : [];
  for (const entry of readdirSync(root, { recursive: true }) as string[]) {
    if (path.basename(entry) === 'EXECUTED.marker') found.push(`${entry}: ${readFileSync(path.join(root, entry), 'utf8').trim()}`);
  }
  return found;
}

describe('nothing from an untrusted workspace is executed by the CLI (unit)', function () {
  this.timeout(120_000);
  let previousMarker: string | undefined;
  before(() => {
    previousMarker = process.env[MARKER_VARIABLE];
  });
  after(() => {
    if (previousMarker === undefined) delete process.env[MARKER_VARIABLE];
    else process.env[MARKER_VARIABLE] = previousMarker;
  });

  it('control: every config, script and planted package of the fixture does write the marker when it is run', () => {
    const copy = untrustedCopy();
    try {
      const environment = { ...process.env, [MARKER_VARIABLE]: copy.marker };
      for (const config of CONFIGS) {
        try {
          execFileSync(process.execPath, [config], { cwd: copy.root, env: environment, stdio: 'pipe' });
        } catch {
          // src/server.js goes on to use the planted express, which is no server: the marker was written first
        }
      }
      const scripts = (JSON.parse(readFileSync(path.join(copy.root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
      for (const script of Object.values(scripts)) execFileSync('sh', ['-c', script], { cwd: copy.root, env: environment, stdio: 'pipe' });
      for (const name of PLANTED_PACKAGES) execFileSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd: copy.root, env: environment, stdio: 'pipe' });
      const lines = new Set(readFileSync(copy.marker, 'utf8').trim().split('\n'));
      for (const expected of [...CONFIGS, ...Object.keys(scripts).map((name) => `npm ${name}`), ...PLANTED_PACKAGES.map((name) => `node_modules/${name}`)]) assert.ok(lines.has(expected), `${expected} wrote no marker`);
    } finally {
      copy.dispose();
    }
  });

  it('assess (every format), fix --dry-run, fix, dockerfile and dockerfile --write never run workspace code', async () => {
    const copy = untrustedCopy();
    try {
      process.env[MARKER_VARIABLE] = copy.marker;
      const json = await cli(['assess', copy.root, '--format', 'json', '--fail-on', 'never']);
      assert.equal(json.code, 0, json.stderr);
      const report = JSON.parse(json.stdout) as JsonReport;
      assert.ok(report.findings.some((finding) => finding.file === 'src/server.js' && finding.ruleId === 'hardcoded-service-url'), 'the workspace is analysed as text');
      for (const format of ['text', 'sarif', 'markdown', 'html']) assert.equal((await cli(['assess', copy.root, '--format', format, '--fail-on', 'never'])).code, 0, format);
      assert.equal((await cli(['fix', copy.root, '--dry-run'])).code, 0);
      const dockerfile = await cli(['dockerfile', copy.root]);
      assert.equal(dockerfile.code, 0, dockerfile.stderr);
      assert.match(dockerfile.stdout, /^CMD \[/m);
      assert.equal((await cli(['dockerfile', copy.root, '--write'])).code, 0);
      assert.equal((await cli(['fix', copy.root])).code, 0);
      assert.match(readFileSync(path.join(copy.root, 'src/server.js'), 'utf8'), /process\.env\.PORT/, 'fix did write its edits');
      // The graph command is being built beside this test: covered as soon as it exists.
      const graph = await cli(['graph', '--help']);
      if (graph.code === 0 && /cloudward graph/.test(graph.stdout)) {
        for (const format of ['json', 'dot']) {
          const run = await cli(['graph', copy.root, '--format', format]);
          assert.ok(run.code === 0 || run.code === 1, `graph --format ${format}: ${run.stderr}`);
        }
      }
      assert.deepEqual(markersFound(copy.root, copy.marker), []);
    } finally {
      delete process.env[MARKER_VARIABLE];
      copy.dispose();
    }
  });

  it('control for graph: only --trust-workspace-config loads the workspace\'s dependency-cruiser and webpack configs (which write the marker)', async function () {
    const help = await cli(['graph', '--help']);
    if (!(help.code === 0 && /--trust-workspace-config/.test(help.stdout))) this.skip(); // the graph command is being built beside this test
    const copy = untrustedCopy();
    try {
      process.env[MARKER_VARIABLE] = copy.marker;
      const trusted = await cli(['graph', copy.root, '--format', 'json', '--no-findings', '--trust-workspace-config']);
      assert.equal(trusted.code, 0, trusted.stderr);
      const ran = readFileSync(copy.marker, 'utf8').trim().split('\n');
      for (const config of ['.dependency-cruiser.js', 'webpack.config.js']) assert.ok(ran.includes(config), `the opt-in really runs ${config}, which the default never does`);
    } finally {
      delete process.env[MARKER_VARIABLE];
      copy.dispose();
    }
  });

  it('the real program (a spawned process, the marker path in its environment) assesses without running anything', async () => {
    const copy = untrustedCopy();
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, 'src/cli/index.ts'), 'assess', copy.root, '--format', 'json', '--fail-on', 'never'], {
        cwd: repositoryRoot,
        env: { ...process.env, [MARKER_VARIABLE]: copy.marker },
        maxBuffer: 32 * 1024 * 1024,
      });
      assert.ok((JSON.parse(stdout) as JsonReport).findings.length > 0);
      assert.deepEqual(markersFound(copy.root, copy.marker), []);
    } finally {
      copy.dispose();
    }
  });
});
