import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HUGE_BUNDLE_BYTES } from '../../scripts/generate-hostile-fixtures';
import { analyzeWorkspace as analyzeWorkspaceWith } from '../../src/engine/core/analyzeWorkspace';
import {
  allRules,
  analyzeFile,
  analyzeWorkspace,
  CancelledError,
  assess,
  defaultConfig,
  nodeFileSystem,
  parseConfig,
  ruleIds,
  scaffoldDockerfile,
  ScaffoldError,
  type AnalysisLimits,
  type AnalysisResult,
  type EngineHost,
  type FileSystemHost,
  type Progress,
} from '../../src/engine';
import type { ScanControlMessage, ScanWorkerMessage } from '../../src/engine/worker/protocol';
import { repositoryRoot } from '../support/workspace';
import { committedSyntaxErrors, expectedSkips, HOSTILE_WORKSPACE, hostileWorkspace, STILL_ANALYSED, SYNTAX_ERROR, TOO_DEEP } from '../support/hostileCorpus';

function reasonsOf(result: AnalysisResult): Map<string, string> {
  const reasons = new Map<string, string>();
  for (const { file, reason } of result.skipped) {
    assert.ok(!reasons.has(file), `${file} is skipped twice: ${reasons.get(file)} / ${reason}`);
    reasons.set(file, reason);
  }
  return reasons;
}

function rulesByFile(result: AnalysisResult): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding.ruleId]);
  return byFile;
}

describe('hostile input: the engine (unit)', function () {
  this.timeout(120_000);
  let workspace: ReturnType<typeof hostileWorkspace>;
  let result: AnalysisResult;

  before(async () => {
    workspace = hostileWorkspace();
    result = await analyzeWorkspace(workspace.corpus.root, { fs: nodeFileSystem });
  });
  after(() => workspace?.dispose());

  it('skips exactly the hostile files, each with a reason of its kind', () => {
    const expected = expectedSkips(workspace.corpus);
    const reasons = reasonsOf(result);
    const unexpected = [...reasons].filter(([file]) => !(file in expected)).map(([file, reason]) => `${file}: ${reason}`);
    assert.deepEqual(unexpected, [], 'skipped without being hostile');
    for (const [file, pattern] of Object.entries(expected)) {
      assert.ok(reasons.has(file), `${file} should be skipped (${pattern})`);
      assert.match(reasons.get(file)!, pattern, file);
    }
  });

  it('still analyses the healthy files beside them, with their findings', () => {
    const rules = rulesByFile(result);
    for (const [file, expected] of Object.entries(STILL_ANALYSED)) assert.deepEqual([...new Set(rules.get(file) ?? [])].sort(), [...expected].sort(), file);
    const lockedAnalysed = workspace.corpus.permissionsEnforced ? 0 : 2;
    assert.equal(result.parsed, Object.keys(STILL_ANALYSED).length + lockedAnalysed);
    assert.ok(assess(result).score.score < 100, 'the assessment counts the healthy files\' findings');
  });

  it('unreadable files and folders (chmod 000) are reported as permission denied (as root, which reads anything, checked as user nobody)', function () {
    let reasons: Map<string, string>;
    if (workspace.corpus.permissionsEnforced) reasons = reasonsOf(result);
    else {
      // Root ignores permissions: analyse the same corpus as an unprivileged user, when this machine can switch to one.
      const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath];
      const canRead = (file: string) => spawnSync('setpriv', [...asNobody, '-e', `require('fs').accessSync(${JSON.stringify(file)})`]).status === 0;
      // The checkout must be readable by that user (it is not under a private home folder, say).
      if (process.getuid?.() !== 0 || !canRead(path.join(repositoryRoot, 'node_modules/tsx/package.json'))) this.skip();
      chmodSync(workspace.corpus.root, 0o755);
      const script = `require('tsx/cjs'); const engine = require(${JSON.stringify(path.join(repositoryRoot, 'src/engine'))}); engine.analyzeWorkspace(process.argv[1], { fs: engine.nodeFileSystem }).then((r) => process.stdout.write(JSON.stringify(r.skipped)));`;
      const child = spawnSync('setpriv', [...asNobody, '-e', script, workspace.corpus.root], { cwd: repositoryRoot, env: { ...process.env, HOME: tmpdir() }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      assert.equal(child.status, 0, child.stderr);
      reasons = new Map((JSON.parse(child.stdout) as { file: string; reason: string }[]).map(({ file, reason }) => [file, reason]));
    }
    assert.equal(reasons.get('locked/secret.js'), 'not readable: permission denied');
    assert.equal(reasons.get('locked-folder'), 'folder not readable: permission denied');
  });

  it('a 50 MB single-line bundle under a raised size limit is read once and skipped as minified', async () => {
    const config = { ...defaultConfig(), maxFileSizeBytes: HUGE_BUNDLE_BYTES * 2, include: ['bundle/**'] };
    const raised = await analyzeWorkspace(workspace.corpus.root, { fs: nodeFileSystem }, { config });
    const reasons = reasonsOf(raised);
    assert.match(reasons.get('bundle/huge-minified.js') ?? '', /^minified or generated: \d{7,} characters per line on average$/);
    assert.equal(raised.parsed, 0);
  });

  it('a file or folder deleted between discovery and reading gives a reason, not a crash', async () => {
    const root = workspace.corpus.root;
    const copy = mkdtempSync(path.join(tmpdir(), 'cloudward-vanishing-'));
    try {
      cpSync(path.join(root, 'server.js'), path.join(copy, 'server.js'));
      cpSync(path.join(root, 'src'), path.join(copy, 'src'), { recursive: true });
      cpSync(path.join(root, 'server.js'), path.join(copy, 'gone/later.js'));
      cpSync(path.join(root, 'server.js'), path.join(copy, 'vanishing.js'));
      cpSync(path.join(root, 'odd/crlf.js'), path.join(copy, 'lib/vanishing-folder/a.js'));
      cpSync(path.join(root, 'packages/wrong-types/package.json'), path.join(copy, 'package.json'));
      const vanish = new Set(['vanishing.js', 'package.json']);
      let discovered = false;
      // Deletes each file for real the first time the analysis looks at it after discovery, and a folder when it is listed.
      const deleting: FileSystemHost = {
        ...nodeFileSystem,
        async readDirectory(absolutePath) {
          if (absolutePath.endsWith('vanishing-folder')) rmSync(absolutePath, { recursive: true });
          const entries = await nodeFileSystem.readDirectory(absolutePath);
          return entries;
        },
        async stat(absolutePath) {
          const relative = path.relative(copy, absolutePath).split(path.sep).join('/');
          if (discovered && vanish.delete(relative)) unlinkSync(absolutePath);
          return nodeFileSystem.stat(absolutePath);
        },
        async readFile(absolutePath) {
          const relative = path.relative(copy, absolutePath).split(path.sep).join('/');
          if (discovered && vanish.delete(relative)) unlinkSync(absolutePath);
          return nodeFileSystem.readFile(absolutePath);
        },
      };
      const vanished = await analyzeWorkspace(copy, {
        fs: deleting,
        onProgress: (progress) => {
          if (progress.phase === 'analyze') discovered = true;
        },
      });
      assert.ok(!existsSync(path.join(copy, 'vanishing.js')) && !existsSync(path.join(copy, 'package.json')), 'the files were really deleted');
      const reasons = reasonsOf(vanished);
      assert.equal(reasons.get('vanishing.js'), 'not readable: file disappeared during the scan');
      assert.equal(reasons.get('lib/vanishing-folder'), 'folder not readable: file disappeared during the scan');
      assert.ok(rulesByFile(vanished).get('server.js')?.includes('listen-fixed-port'), 'the files still there are analysed');
      assert.ok(rulesByFile(vanished).get('gone/later.js')?.includes('listen-fixed-port'));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a package.json that is not JSON is named in the skips, and the Dockerfile scaffold refuses it with a clear message', async () => {
    assert.match(reasonsOf(result).get('package.json')!, /^not valid JSON: .*position \d+/);
    await assert.rejects(scaffoldDockerfile(workspace.corpus.root, { fs: nodeFileSystem }), (error: unknown) => {
      assert.ok(error instanceof ScaffoldError, `a ScaffoldError, not ${(error as Error).name}: ${(error as Error).stack}`);
      assert.match(error.message, /package\.json is not valid JSON/);
      return true;
    });
  });

  it('a package.json with wrong types is read as far as it is right, without a skip or a crash', () => {
    const reasons = reasonsOf(result);
    assert.ok(!reasons.has('packages/wrong-types/package.json'));
  });

  it('a .cloudwardrc.json with wrong types: one clear problem per wrong entry, and the defaults for them', () => {
    const raw: unknown = JSON.parse(readFileSync(path.join(HOSTILE_WORKSPACE, '.cloudwardrc.json'), 'utf8'));
    const { config, problems } = parseConfig(raw, '.cloudwardrc.json', ruleIds);
    assert.deepEqual(config, defaultConfig());
    const named = problems.map((problem) => /"(\w+)"/.exec(problem)?.[1]).sort();
    assert.deepEqual(named, ['exclude', 'ignoreCategories', 'include', 'maxFileSizeBytes', 'rules', 'strategy']);
    for (const problem of problems) assert.match(problem, /^\.cloudwardrc\.json: "\w+" must be .+, got /);
    for (const notAnObject of [[], 'rules', 42, true]) {
      const { config: fallback, problems: complaint } = parseConfig(notAnObject, '.cloudwardrc.json', ruleIds);
      assert.deepEqual(fallback, defaultConfig());
      assert.match(complaint.join('\n'), /expected an object/);
    }
  });

  it('a .dependency-cruiser.js that throws when loaded changes nothing in the assessment', async () => {
    const without = mkdtempSync(path.join(tmpdir(), 'cloudward-nocruiser-'));
    try {
      cpSync(HOSTILE_WORKSPACE, without, { recursive: true });
      rmSync(path.join(without, '.dependency-cruiser.js'));
      const plain = await analyzeWorkspace(without, { fs: nodeFileSystem });
      const withConfig = await analyzeWorkspace(HOSTILE_WORKSPACE, { fs: nodeFileSystem });
      const shape = (analysis: AnalysisResult) => analysis.findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}`);
      assert.deepEqual(shape(withConfig), shape(plain));
      assert.deepEqual(assess(withConfig), assess(plain));
    } finally {
      rmSync(without, { recursive: true, force: true });
    }
  });

  it('the scan worker (the editor\'s whole-workspace path): the same skips as in process; cancelled mid-scan it says so and serves the next scan', async () => {
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(path.join(repositoryRoot, 'src/engine/worker/scanWorker.ts'))});`, { eval: true });
    const answers: ScanWorkerMessage[] = [];
    const answer = (id: number) =>
      new Promise<ScanWorkerMessage>((resolve, reject) => {
        const listener = (message: ScanWorkerMessage) => {
          if (message.id !== id) return;
          if (message.type === 'progress') {
            if (id === 2 && message.progress.phase === 'discover') worker.postMessage({ type: 'cancel' } satisfies ScanControlMessage);
            return;
          }
          worker.off('message', listener);
          answers.push(message);
          resolve(message);
        };
        worker.on('message', listener);
        worker.once('error', reject);
      });
    const scan = (id: number) => {
      const answered = answer(id);
      worker.postMessage({ type: 'scan', id, root: workspace.corpus.root, config: defaultConfig() } satisfies ScanControlMessage);
      return answered;
    };
    try {
      const first = await scan(1);
      assert.equal(first.type, 'result', JSON.stringify(first).slice(0, 500));
      const skips = (analysis: AnalysisResult) => analysis.skipped.map(({ file, reason }) => `${file}: ${reason}`);
      assert.deepEqual(first.type === 'result' && skips(first.result), skips(result));
      assert.equal(first.type === 'result' && first.result.findings.length, result.findings.length);
      assert.equal((await scan(2)).type, 'cancelled');
      const third = await scan(3);
      assert.equal(third.type, 'result', 'the worker survives the hostile corpus and a cancel, and serves the next scan');
    } finally {
      await worker.terminate();
    }
  });

  it('the editor path (one buffer at a time) gives the same kind of reason for hostile text and never throws', () => {
    const text = (relative: string) => readFileSync(path.join(workspace.corpus.root, relative), 'latin1');
    for (const file of committedSyntaxErrors()) assert.match(analyzeFile(file, readFileSync(path.join(HOSTILE_WORKSPACE, file), 'utf8')).skipReason ?? '', SYNTAX_ERROR, file);
    for (const file of ['deep/nested-arrays.js', 'deep/nested-jsx.jsx', 'deep/nested-objects.ts']) assert.match(analyzeFile(file, text(file)).skipReason ?? '', TOO_DEEP, file);
    // A bundle opened in the editor is judged as the scan judges it, not parsed on the editor's thread.
    assert.match(analyzeFile('bundle/app.bundle.js', text('bundle/app.bundle.js')).skipReason ?? '', /^minified or generated: \d+ characters per line on average$/);
    assert.equal(analyzeFile('public/vendor.min.js', 'var a=1;').skipReason, 'minified bundle (.min.js)');
    // An editor shows a binary file as text with replacement characters; the analysis must still just say no.
    for (const file of ['binary/pixel.js', 'binary/random.js', 'binary/archive.ts']) {
      const analysis = analyzeFile(file, new TextDecoder().decode(readFileSync(path.join(workspace.corpus.root, file))));
      assert.deepEqual(analysis.ruleFailures, [], file);
      assert.match(analysis.skipReason ?? '', SYNTAX_ERROR, file);
    }
  });
});

/** One million expression statements in 2 MB: under the size limit, and seconds of parsing and memory beyond a small cap. */
const PATHOLOGICAL = '0\n'.repeat(1_000_000);
const SOURCE_WORKER = path.join(repositoryRoot, 'test/support/sourceWorker.cjs');

describe('hostile input: per-file limits and cancellation of the analysis workers (unit)', function () {
  this.timeout(180_000);
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'cloudward-limits-'));
    cpSync(HOSTILE_WORKSPACE, root, { recursive: true });
    mkdirSync(path.join(root, 'generated'));
    writeFileSync(path.join(root, 'generated/million-statements.js'), PATHOLOGICAL);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const pooled = (limits: AnalysisLimits, host: Partial<EngineHost> = {}, config = defaultConfig()) =>
    analyzeWorkspaceWith(root, { fs: nodeFileSystem, ...host }, { config, rules: allRules, jobs: 2, limits, workerScript: SOURCE_WORKER });

  it('a file past the time limit is skipped with a reason naming the limit; every other file is analysed as without workers', async () => {
    const [limited, inProcess] = [await pooled({ fileTimeoutMs: 2000 }), await analyzeWorkspace(root, { fs: nodeFileSystem }, { config: { ...defaultConfig(), exclude: ['generated/'] } })];
    const reasons = reasonsOf(limited);
    assert.equal(reasons.get('generated/million-statements.js'), 'analysis stopped: it took longer than the 2000 ms time limit (limits.fileTimeoutMs)');
    reasons.delete('generated/million-statements.js');
    assert.deepEqual([...reasons].sort(), [...reasonsOf(inProcess)].filter(([file]) => file !== 'generated/').sort());
    assert.deepEqual(limited.findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}`), inProcess.findings.map((finding) => `${finding.file}:${finding.line}:${finding.ruleId}`));
  });

  it('a file past the memory limit is skipped with a reason naming the limit, and the pool goes on with a new worker', async () => {
    const limited = await pooled({ fileTimeoutMs: 600_000, workerMemoryMb: 48 });
    assert.equal(reasonsOf(limited).get('generated/million-statements.js'), 'analysis stopped: the file needed more than the 48 MB worker memory limit (limits.workerMemoryMb)');
    assert.ok(rulesByFile(limited).get('server.js')?.includes('listen-fixed-port'), 'the files after it are still analysed');
  });

  it('cancelling a pooled scan rejects with CancelledError, analyses nothing more, and leaves no worker thread behind', async () => {
    const threads = () => (process.platform === 'linux' ? readdirSync('/proc/self/task').length : 0);
    await pooled({}, {}, { ...defaultConfig(), exclude: ['generated/'] }); // warm-up: libuv's thread pool and the workers' first start
    const baseline = threads();
    const controller = new AbortController();
    const after: Progress[] = [];
    const run = pooled({ fileTimeoutMs: 600_000 }, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (controller.signal.aborted) after.push(progress);
        else if (progress.phase === 'analyze' && progress.done >= 1) controller.abort();
      },
    });
    await assert.rejects(run, CancelledError);
    assert.deepEqual(after.filter((progress) => progress.phase !== 'discover'), [], 'no file is reported after the cancel');
    // Terminated workers leave the process's thread list; a leaked one would stay there.
    const deadline = Date.now() + 20_000;
    while (threads() > baseline && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(threads() <= baseline, `threads: ${threads()} after the cancel, ${baseline} before the scan`);
  });
});
