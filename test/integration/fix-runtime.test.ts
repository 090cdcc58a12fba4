import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { parseSource } from '../../src/engine/parsers/javascript';
import { activeExtension, replaceTextAndSave, repositoryRoot, sleep, waitFor, workspaceFolder } from './support/vscodeHost';

/**
 * Every kind of runtime quick fix (session store, socket.io adapter, stdout logging, SIGTERM handler, health
 * route, cron job entry point and CronJob manifest) requested at its finding in the example shop, applied
 * with vscode.workspace.applyEdit as the lightbulb does, and the resulting files checked. Earlier suites may
 * have edited the workspace copy, so the checks look at what the fix changed, not at whole files.
 */

const uri = (relative: string) => vscode.Uri.joinPath(workspaceFolder().uri, relative);

function cloudwardDiagnostics(target: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(target).filter((diagnostic) => diagnostic.source === 'cloudward' && typeof diagnostic.code === 'object' && diagnostic.code.value === ruleId);
}

async function codeActions(target: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', target, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    } catch (error) {
      if (attempt >= 20 || !/Canceled/i.test(String(error))) throw error;
      await sleep(500);
    }
  }
}

/** Saves what earlier edits left open and rescans, so that app-level findings and their offsets match the files. */
async function settle(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('cloudward.rescanWorkspace');
}

/** The quick fix titled `title` at the finding of `ruleId` in `relative`, once the diagnostic and its fixes are there. */
async function quickFix(relative: string, ruleId: string, title: string | RegExp): Promise<{ document: vscode.TextDocument; action: vscode.CodeAction; titles: string[] }> {
  const document = await vscode.workspace.openTextDocument(uri(relative));
  await vscode.window.showTextDocument(document);
  let titles: string[] | undefined;
  try {
    const action = await waitFor(
      async () => {
        const [diagnostic] = cloudwardDiagnostics(document.uri, ruleId);
        if (!diagnostic) return undefined;
        const actions = await codeActions(document.uri, diagnostic.range);
        titles = actions.map((candidate) => candidate.title);
        return actions.find((candidate) => (typeof title === 'string' ? candidate.title === title : title.test(candidate.title)));
      },
      `the quick fix "${String(title)}" for ${ruleId} in ${relative}`,
      40_000,
    );
    return { document, action, titles: titles ?? [] };
  } catch (error) {
    throw new Error(`${(error as Error).message}; ${titles ? `offered: ${titles.join(' | ')}` : 'no diagnostic'}`);
  }
}

/** Puts a file back to the repository's version through an edit (the document may be open) and saves it. */
async function restore(relative: string): Promise<void> {
  await replaceTextAndSave(uri(relative), readFileSync(path.join(repositoryRoot(), 'examples/legacy-shop', relative), 'utf8'));
}

async function text(relative: string): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri(relative))).getText();
}

async function exists(relative: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri(relative));
    return true;
  } catch {
    return false;
  }
}

function assertParses(relative: string, source: string): void {
  const parsed = parseSource(relative, source);
  assert.ok(parsed.ok, `${relative} must parse after the fix: ${parsed.ok ? '' : parsed.reason}\n${source}`);
}

async function dependencies(): Promise<Record<string, string>> {
  return (JSON.parse(await text('package.json')) as { dependencies: Record<string, string> }).dependencies;
}

describe('runtime quick fixes applied to the example shop (integration)', () => {
  before(async () => {
    await activeExtension();
    // Earlier suites apply their own fixes to these files (a required SESSION_SECRET in app.js): start from the example as shipped.
    for (const file of ['app.js', 'server.js', 'lib/logger.js', 'jobs/nightly-report.js', 'package.json']) await restore(file);
    await settle();
  });

  beforeEach(settle);

  it('session store: a connect-redis 6 store for the app\'s redis 3 client, connect-redis in package.json, REDIS_URL in .env.example', async () => {
    const { document, action } = await quickFix('app.js', 'express-session-memory-store', 'Keep sessions in Redis (connect-redis 6 with redis 3, REDIS_URL from the environment)');
    assert.equal(action.isPreferred, true);
    const before = await dependencies();
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    const after = document.getText();
    assert.match(after, /^const \{ createClient \} = require\('redis'\);\nconst RedisStore = require\('connect-redis'\)\(session\);$/m);
    assert.match(after, /^const redisClient = createClient\(\{ url: process\.env\.REDIS_URL \}\);$/m);
    assert.match(after, /^ {2}session\(\{\n {4}store: new RedisStore\(\{ client: redisClient \}\),\n {4}secret: 'keyboard cat',\n {4}resave: false,\n {4}saveUninitialized: true,\n {2}\}\),$/m);
    assertParses('app.js', after);
    assert.deepEqual(await dependencies(), { ...before, 'connect-redis': '^6.1.3' });
    assert.match(await text('.env.example'), /^REDIS_URL=redis:\/\/localhost:6379$/m);
    await waitFor(() => (cloudwardDiagnostics(document.uri, 'express-session-memory-store').length === 0 ? true : undefined), 'the session finding to go away');
  });

  it('stdout logging: the winston File transport becomes a JSON Console transport', async () => {
    const { document, action } = await quickFix('lib/logger.js', 'log-to-file', 'Log to stdout instead of ./logs/app.log');
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.match(document.getText(), /^ {2}transports: \[new winston\.transports\.Console\(\{ format: winston\.format\.json\(\) \}\)\],$/m);
    assert.doesNotMatch(document.getText(), /transports\.File|app\.log/);
    assertParses('lib/logger.js', document.getText());
  });

  it('graceful shutdown: the server listen returns is kept and closed on SIGTERM, inside the callback that starts it', async () => {
    const { document, action } = await quickFix('server.js', 'missing-graceful-shutdown', 'Close the server on SIGTERM (server.close() and exit)');
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    const after = document.getText();
    assert.match(after, /^ {2}const server = app\.listen\(/m);
    assert.match(
      after,
      /^ {2}\}\);\n\n {2}process\.on\('SIGTERM', \(\) => \{\n {4}\/\/ .+\n {4}server\.close\(\(\) => process\.exit\(0\)\);\n {4}setTimeout\(\(\) => process\.exit\(1\), 10000\)\.unref\(\);\n {2}\}\);\n\}\);$/m,
    );
    assertParses('server.js', after);
  });

  it('health route: the finding at server.js listen adds the route where app.js creates the express app', async () => {
    const { action } = await quickFix('server.js', 'missing-health-endpoint', "Add a /healthz route for the platform's probes (express)");
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    const app = await text('app.js');
    assert.match(app, /^const app = express\(\);\n\n\/\/ .+\napp\.get\('\/healthz', \(req, res\) => res\.send\('ok'\)\);\n\napp\.set\('views'/m);
    assertParses('app.js', app);
  });

  it('in-process cron: the CronJob manifest fix writes the note, the job entry point and a manifest that parses', async () => {
    const { document, action, titles } = await quickFix('jobs/nightly-report.js', 'in-process-cron', 'Add a Kubernetes CronJob manifest k8s/nightly-report-cronjob.yaml running jobs/nightly-report.job.js (and the job entry point)');
    assert.ok(titles.includes('Add a job entry point jobs/nightly-report.job.js that runs this job once (and a note to schedule it from the platform)'), titles.join(' | '));
    assert.equal(action.isPreferred, false, 'the manifest is the second choice');
    assert.equal(await exists('jobs/nightly-report.job.js'), false);
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.match(document.getText(), /^\/\/ Runs in every replica: .+jobs\/nightly-report\.job\.js runs it once:\n\/\/ .+\ncron\.schedule\('0 2 \* \* \*'/m);

    const job = await text('jobs/nightly-report.job.js');
    assert.match(job, /^'use strict';\n/);
    assert.match(job, /^const fs = require\('fs'\);\nconst logger = require\('\.\.\/lib\/logger'\);$/m);
    assert.doesNotMatch(job, /require\('node-cron'\)/, 'the job runs the task, not the scheduler');
    assert.match(job, /^async function run\(\) \{\n {2}const day = new Date\(\)\.toISOString\(\)\.slice\(0, 10\);$/m);
    assert.match(job, /^run\(\)\.catch\(\(error\) => \{$/m);
    assertParses('jobs/nightly-report.job.js', job);

    const manifest = parseYaml(await text('k8s/nightly-report-cronjob.yaml')) as { kind: string; spec: { schedule: string; jobTemplate: { spec: { template: { spec: { containers: { command: string[]; image: string }[] } } } } } };
    assert.equal(manifest.kind, 'CronJob');
    assert.equal(manifest.spec.schedule, '0 2 * * *');
    assert.deepEqual(manifest.spec.jobTemplate.spec.template.spec.containers[0].command, ['node', 'jobs/nightly-report.job.js']);
    assert.equal(manifest.spec.jobTemplate.spec.template.spec.containers[0].image, 'legacy-shop:latest');
  });

  it('socket.io: a server added to the shop gets the Redis adapter for its redis 3 client, and the adapter package in package.json', async () => {
    const file = 'lib/realtime.js';
    await vscode.workspace.fs.writeFile(uri(file), new TextEncoder().encode("'use strict';\n\nconst { Server } = require('socket.io');\n\nmodule.exports = function attach(server) {\n  const io = new Server(server);\n  io.on('connection', (socket) => socket.join('shop'));\n  return io;\n};\n"));
    await settle();
    const { document, action } = await quickFix(file, 'socket-io-without-adapter', /^Share rooms and broadcasts between replicas through Redis/);
    const before = await dependencies();
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    const after = document.getText();
    assert.match(after, /^const \{ Server \} = require\('socket\.io'\);\nconst \{ createAdapter \} = require\('@socket\.io\/redis-adapter'\);\nconst \{ createClient \} = require\('redis'\);$/m);
    assert.match(after, /^ {2}const io = new Server\(server\);\n\n {2}const pubClient = createClient\(\{ url: process\.env\.REDIS_URL \}\);\n {2}const subClient = pubClient\.duplicate\(\);\n {2}io\.adapter\(createAdapter\(pubClient, subClient\)\);\n$/m);
    assertParses(file, after);
    assert.deepEqual(await dependencies(), { ...before, '@socket.io/redis-adapter': '^8.3.0' });
  });

  it('after a rescan none of these findings offers its fix again; the schedule itself is still reported', async () => {
    const fixTitles = /^(Keep sessions in Redis|Share rooms|Log to stdout|Close the server on SIGTERM|Add a \/healthz route|Add a job entry point|Add a Kubernetes CronJob)/;
    for (const [relative, ruleId] of [
      ['app.js', 'express-session-memory-store'],
      ['lib/logger.js', 'log-to-file'],
      ['server.js', 'missing-graceful-shutdown'],
      ['server.js', 'missing-health-endpoint'],
      ['lib/realtime.js', 'socket-io-without-adapter'],
    ] as const) {
      await waitFor(() => (cloudwardDiagnostics(uri(relative), ruleId).length === 0 ? true : undefined), `${ruleId} to go away from ${relative}`, 30_000);
    }
    const cron = await vscode.workspace.openTextDocument(uri('jobs/nightly-report.js'));
    const [diagnostic] = await waitFor(() => {
      const found = cloudwardDiagnostics(cron.uri, 'in-process-cron');
      return found.length > 0 ? found : undefined;
    }, 'the schedule to be reported still');
    const actions = await codeActions(cron.uri, diagnostic.range);
    assert.deepEqual(actions.map((action) => action.title).filter((title) => fixTitles.test(title)), []);
    console.log(`[integration] runtime fixes applied in ${path.basename(workspaceFolder().uri.fsPath)}`);
  });
});
