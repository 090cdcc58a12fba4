import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { JsonReport } from '../../src/engine';
import { legacyShop, repositoryRoot, temporaryWorkspace } from '../support/workspace';
import { cli } from '../support/cli';


/** What examples/legacy-shop was written to contain, for the rules that exist (see its README). */
const EXPECTED_LEGACY_SHOP = [
  ".env:4:15 secret-in-env-file MAIL_PASSWORD in .env is a secret committed with the code: keep it in the platform's secret store and commit only .env.example",
  "app.js:16:9 read-app-written-file express.static serves ./public, where the app writes files at run time (routes/uploads.js:12 writes ./public/uploads/<productId>.jpg): a restarted container or another replica does not have them",
  "app.js:20:3 express-session-memory-store express-session has no store: the session store defaults to MemoryStore, so sessions live in this process's memory, vanish on restart and are unknown to the other replicas",
  "app.js:21:13 hardcoded-session-secret express-session secret is hard-coded: every environment signs its sessions with the same known key; read it from a required environment variable",
  "db.js:5:19 hardcoded-service-url MongoDB endpoint mongodb://localhost:27017/legacy-shop is hard-coded: each environment needs its own, set through an environment variable",
  "jobs/nightly-report.js:8:1 in-process-cron node-cron runs '0 2 * * *' in every replica: with N replicas the job runs N times",
  "jobs/nightly-report.js:10:3 no-local-disk-write fs.writeFile writes to ./reports/sales-<day>.csv on the local disk: lost when the container restarts and not shared between replicas",
  "lib/cache.js:7:12 embedded-file-database sqlite3 keeps a SQLite database in the file ./data/catalogue.sqlite: each replica gets its own copy and a replaced container loses it",
  "lib/logger.js:7:16 log-to-file winston File transport writes logs to ./logs/app.log on the local disk: the platform only collects stdout and stderr, and the file is lost with the container",
  "lib/mailer.js:6:9 hardcoded-service-url SMTP host mail.shop.internal is hard-coded in the nodemailer options: set it through an environment variable",
  "routes/uploads.js:12:3 no-local-disk-write fs.writeFileSync writes to ./public/uploads/<productId>.jpg on the local disk: lost when the container restarts and not shared between replicas",
  "server.js:10:14 listen-fixed-port server listens on fixed port 3000: the platform assigns the port through the PORT environment variable",
  "server.js:13:3 missing-container-image server.js starts a server but the workspace has no Dockerfile: there is no container image to deploy",
  "server.js:13:3 missing-graceful-shutdown nothing in the workspace closes this server on SIGTERM: the platform stops containers with SIGTERM, so every deploy and scale-in drops in-flight requests",
  "server.js:13:3 missing-health-endpoint the workspace defines no health route (/health, /healthz, /ready, ...) for this server: the platform's liveness and readiness probes have nothing cheap to call",
];

describe('cloudward CLI (unit)', () => {
  it('assess --format json prints the contract with exactly the planted findings', async () => {
    const { code, stdout, stderr } = await cli(['assess', 'examples/legacy-shop', '--format', 'json']);
    assert.equal(stderr, '');
    assert.equal(code, 1, 'errors are at or above the default --fail-on error');
    const report = JSON.parse(stdout) as JsonReport;
    assert.deepEqual(Object.keys(report), ['tool', 'root', 'summary', 'findings', 'inventory', 'score', 'strategy', 'effort', 'plan']);
    assert.equal(report.tool.name, 'cloudward');
    assert.equal(report.root, legacyShop);
    assert.deepEqual(Object.keys(report.summary), ['files', 'parsed', 'skipped', 'durationMs', 'byCategory', 'bySeverity']);
    assert.equal(report.summary.files, 11);
    assert.equal(report.summary.parsed, 11);
    assert.deepEqual(report.summary.skipped, []);
    assert.deepEqual(report.summary.bySeverity, { error: 8, warning: 7, information: 0 });
    assert.deepEqual(report.summary.byCategory, { 'hardcoded-secret': 2, 'local-fs-read-data': 1, 'in-memory-session-state': 1, 'hardcoded-endpoint': 2, 'local-scheduler': 1, 'local-fs-write': 2, 'embedded-db': 1, 'file-logging': 1, 'fixed-port': 1, 'missing-container-image': 1, 'missing-graceful-shutdown': 1, 'missing-health-endpoint': 1 });
    assert.deepEqual(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`), EXPECTED_LEGACY_SHOP);
    const port = report.findings.find((finding) => finding.ruleId === 'listen-fixed-port')!;
    assert.deepEqual(
      { category: port.category, severity: port.severity, endLine: port.endLine, endColumn: port.endColumn, docs: port.docs },
      { category: 'fixed-port', severity: 'warning', endLine: 10, endColumn: 18, docs: 'docs/rules/listen-fixed-port.md' },
    );
    const serverText = readFileSync(path.join(legacyShop, 'server.js'), 'utf8');
    const [edit] = port.fixes[0].edits;
    assert.equal(edit.file, 'server.js');
    assert.equal(serverText.slice(edit.start, edit.end), '3000');
    assert.equal(edit.text, 'Number(process.env.PORT ?? 3000)');
  });

  it('assess --format text prints a readable report and --fail-on sets the exit code', async () => {
    const text = await cli(['assess', 'examples/legacy-shop', '--fail-on', 'never']);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^cloudward .* — cloud readiness of examples\/legacy-shop\n11 source files, 11 analysed, 0 skipped/);
    assert.match(text.stdout, /\nserver\.js\n {2}10:14 {2}warning {2}server listens on fixed port 3000/);
    assert.match(text.stdout, /\nReadiness \d+\/100 \([^)]+\); strategy: replatform\.\n\n15 findings: 8 errors, 7 warnings, 0 information; estimated effort ~39\.5 h\n$/);
    assert.equal((await cli(['assess', 'examples/legacy-shop', '--fail-on', 'warning', '--format=json'])).code, 1);
  });

  it('exits 0 on a clean folder and 2 on usage errors, with a message', async () => {
    const workspace = temporaryWorkspace({ 'index.js': 'module.exports = 1;\n' });
    try {
      const clean = await cli(['assess', workspace.root]);
      assert.equal(clean.code, 0);
      assert.match(clean.stdout, /No cloud blockers found\.\n$/);
    } finally {
      workspace.dispose();
    }
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['assess', '--format', 'yaml'], /--format must be one of json, sarif, markdown, html, text, got 'yaml'/],
      [['assess', '--fail-on'], /--fail-on needs a value/],
      [['assess', '--color'], /unknown option '--color'/],
      [['assess', 'no/such/folder'], /no\/such\/folder does not exist/],
    ];
    for (const [argv, message] of cases) {
      const result = await cli(argv);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stdout, '');
    }
  });

  it('reads .cloudwardrc.json, warns about wrong entries and writes --output', async () => {
    const workspace = temporaryWorkspace({ '.cloudwardrc.json': JSON.stringify({ rules: { 'listen-fixed-port': 'off', 'missing-container-image': 'loud' } }) }, legacyShop);
    try {
      const result = await cli(['assess', '.', '--format', 'json', '--output', 'report.json', '--fail-on', 'never'], workspace.root);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /warning: \.cloudwardrc\.json: "rules\.missing-container-image" must be one of error, warning, information, off, got "loud"/);
      assert.match(result.stderr, /json report written to report\.json/);
      const report = JSON.parse(readFileSync(path.join(workspace.root, 'report.json'), 'utf8')) as JsonReport;
      assert.equal(report.findings.filter((finding) => finding.ruleId === 'listen-fixed-port').length, 0);
      assert.equal(report.findings.length, EXPECTED_LEGACY_SHOP.length - 1);
    } finally {
      workspace.dispose();
    }
    const broken = temporaryWorkspace({ '.cloudwardrc.json': '{ rules: ' });
    try {
      const result = await cli(['assess', broken.root]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /\.cloudwardrc\.json is not valid JSON/);
    } finally {
      broken.dispose();
    }
  });

  it('the built dist/cli.js runs as a program (spawned once)', async () => {
    const cliPath = path.join(repositoryRoot, 'dist/cli.js');
    assert.ok(existsSync(cliPath), 'dist/cli.js is missing: npm test builds it first (npm run build)');
    const { stdout } = await promisify(execFile)(process.execPath, [cliPath, 'assess', legacyShop, '--format', 'json', '--fail-on', 'never']);
    const report = JSON.parse(stdout) as JsonReport;
    assert.equal(report.tool.version, JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')).version);
    assert.equal(report.findings.length, EXPECTED_LEGACY_SHOP.length);
    const failing = await promisify(execFile)(process.execPath, [cliPath, 'assess', legacyShop, '--format', 'json']).then(
      () => 0,
      (error: { code: number }) => error.code,
    );
    assert.equal(failing, 1);
  });
});
