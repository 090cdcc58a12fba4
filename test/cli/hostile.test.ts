import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { JsonReport } from '../../src/engine';
import { DEEP_NESTING, nestedSources } from '../../scripts/generate-hostile-fixtures';
import { expectedSkips, HOSTILE_WORKSPACE, hostileWorkspace } from '../support/hostileCorpus';
import { cli } from '../support/cli';
import { repositoryRoot } from '../support/workspace';

/** A Node stack frame: what a user must never see for bad input. */
const STACK_FRAME = /^\s+at .+[(:]\d+/m;

function assertNoStackTrace(...outputs: string[]): void {
  for (const output of outputs) assert.doesNotMatch(output, STACK_FRAME, `a stack trace leaked:\n${output.slice(0, 2000)}`);
  for (const output of outputs) assert.doesNotMatch(output, /internal error/);
}

describe('hostile input: the CLI (unit)', function () {
  this.timeout(120_000);
  let workspace: ReturnType<typeof hostileWorkspace>;
  before(() => {
    workspace = hostileWorkspace();
  });
  after(() => workspace?.dispose());

  it('assess --format json: every skip with its reason, the findings of the healthy files, the exit code of their severities', async () => {
    const { code, stdout, stderr } = await cli(['assess', workspace.corpus.root, '--format', 'json']);
    assertNoStackTrace(stdout, stderr);
    const report = JSON.parse(stdout) as JsonReport;
    const reasons = new Map(report.summary.skipped.map(({ file, reason }) => [file, reason]));
    for (const [file, pattern] of Object.entries(expectedSkips(workspace.corpus))) assert.match(reasons.get(file) ?? '(not skipped)', pattern, file);
    assert.ok(report.findings.some((finding) => finding.file === 'server.js' && finding.ruleId === 'hardcoded-service-url'));
    assert.ok(report.findings.some((finding) => finding.file === 'src/with space/ünïcödé 文件.js' && finding.ruleId === 'no-local-disk-write'));
    assert.ok(report.summary.bySeverity.error > 0);
    assert.equal(code, 1, 'errors among the findings: exit 1, not 2 — the bad files are not an error of the run');
  });

  it('assess --format text lists the skipped files with their reasons, and warns once per wrong .cloudwardrc.json entry', async () => {
    const { code, stdout, stderr } = await cli(['assess', workspace.corpus.root, '--fail-on', 'never']);
    assertNoStackTrace(stdout, stderr);
    assert.equal(code, 0);
    const skippedSection = stdout.slice(stdout.indexOf('\nSkipped:\n'));
    assert.ok(skippedSection.length > 10, 'the text report has a Skipped section');
    for (const line of ['syntax/merge-conflict.js — syntax error at 1:1: Merge conflict marker encountered.', 'binary/pixel.js — binary file: contains NUL bytes', 'deep/nested-arrays.js — too deeply nested to parse', 'encoding/utf16le-no-bom.js — UTF-16 text without a byte-order mark', 'links/self-loop.js — symlink loop', 'package.json — not valid JSON']) {
      assert.ok(skippedSection.includes(`  ${line}`), `the text report shows: ${line}`);
    }
    const warnings = stderr.split('\n').filter((line) => line.startsWith('cloudward: warning: '));
    assert.equal(warnings.length, 6, stderr);
    assert.match(stderr, /"include" must be an array of glob strings, got an array holding number 1/);
    assert.match(stderr, /"maxFileSizeBytes" must be a positive number, got "big"/);
  });

  it('every report format survives the hostile names and reasons', async () => {
    for (const format of ['sarif', 'markdown', 'html']) {
      const { code, stdout, stderr } = await cli(['assess', workspace.corpus.root, '--format', format, '--fail-on', 'never']);
      assertNoStackTrace(stdout, stderr);
      assert.equal(code, 0, format);
      assert.ok(stdout.includes('merge-conflict.js'), `${format} names the skipped files`);
      if (format === 'html') {
        assert.ok(!stdout.includes('<img src=x'), 'markup in a file name is escaped in the HTML report');
        assert.ok(stdout.includes('&lt;img src=x onerror=alert(1)&gt;.js'), 'and still shown');
      }
    }
  });

  it('a .cloudwardrc.json that is not JSON, or is binary, stops with exit 2 and a message naming the file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cloudward-badrc-'));
    try {
      cpSync(path.join(HOSTILE_WORKSPACE, 'server.js'), path.join(root, 'server.js'));
      for (const content of ['{ "rules": { "listen-fixed-port": "off", } ', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x00])]) {
        writeFileSync(path.join(root, '.cloudwardrc.json'), content);
        const { code, stdout, stderr } = await cli(['assess', root]);
        assertNoStackTrace(stdout, stderr);
        assert.equal(code, 2);
        assert.equal(stdout, '');
        assert.match(stderr, /^cloudward: .*\.cloudwardrc\.json is not valid JSON \(.+\); fix it or pass --config\n$/);
      }
      const folderAsConfig = await cli(['assess', root, '--config', root]);
      assert.equal(folderAsConfig.code, 2);
      assert.match(folderAsConfig.stderr, /^cloudward: cannot read the config file .+: EISDIR/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fix --dry-run and dockerfile on the hostile workspace: messages, never a crash', async () => {
    const fix = await cli(['fix', workspace.corpus.root, '--dry-run']);
    assertNoStackTrace(fix.stdout, fix.stderr);
    assert.equal(fix.code, 0);
    assert.match(fix.stdout, /^\+\+\+ b\/server\.js$/m);
    assert.match(fix.stderr, /would apply \d+ fix/);

    const dockerfile = await cli(['dockerfile', workspace.corpus.root]);
    assertNoStackTrace(dockerfile.stdout, dockerfile.stderr);
    assert.equal(dockerfile.code, 2);
    assert.match(dockerfile.stderr, /^cloudward: package\.json is not valid JSON/m);
  });

  it('graph (default mode) on the committed hostile files plus 10,000-deep nesting: a graph, never an internal error', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cloudward-hostile-graph-'));
    try {
      cpSync(HOSTILE_WORKSPACE, root, { recursive: true });
      for (const [relative, text] of Object.entries(nestedSources(DEEP_NESTING))) {
        mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
        writeFileSync(path.join(root, relative), text);
      }
      const { code, stdout, stderr } = await cli(['graph', root, '--format', 'json']);
      assertNoStackTrace(stdout, stderr);
      assert.equal(code, 0, stderr);
      const graph = JSON.parse(stdout) as { modules: { file: string }[] };
      assert.ok(graph.modules.some((module) => module.file === 'server.js'), 'the healthy files are in the graph');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a folder whose path has spaces and unicode, given on a real command line, is assessed', async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'cloudward-names-'));
    const root = path.join(parent, 'my app — ünïcödé 文件 🚀');
    try {
      mkdirSync(root);
      cpSync(path.join(HOSTILE_WORKSPACE, 'src'), path.join(root, 'src'), { recursive: true });
      cpSync(path.join(HOSTILE_WORKSPACE, 'server.js'), path.join(root, 'server.js'));
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, 'src/cli/index.ts'), 'assess', root, '--format', 'json', '--fail-on', 'never'], { cwd: repositoryRoot, maxBuffer: 64 * 1024 * 1024 });
      assertNoStackTrace(stdout, stderr);
      const report = JSON.parse(stdout) as JsonReport;
      assert.equal(report.root, root);
      assert.deepEqual([...new Set(report.findings.map((finding) => finding.file))].sort(), ['server.js', 'src/with space/ünïcödé 文件.js']);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
