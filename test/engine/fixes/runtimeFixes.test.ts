import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { allRules, analyzeWorkspace, applyTextEdits, combineFixes, nodeFileSystem, type Finding, type Fix } from '../../../src/engine';
import { cronExpressionForPeriod } from '../../../src/engine/fixes/cronJob';
import { parseSource } from '../../../src/engine/parsers/javascript';
import { cli } from '../../support/cli';
import { legacyShop, temporaryWorkspace } from '../../support/workspace';

const RUNTIME_RULES = ['express-session-memory-store', 'socket-io-without-adapter', 'log-to-file', 'missing-graceful-shutdown', 'missing-health-endpoint', 'in-process-cron'];

async function findings(files: Record<string, string>, ruleIds: string[], copyFrom?: string): Promise<Finding[]> {
  const workspace = temporaryWorkspace(files, copyFrom);
  try {
    const rules = allRules.filter((rule) => ruleIds.includes(rule.meta.id));
    return (await analyzeWorkspace(workspace.root, { fs: nodeFileSystem }, { rules })).findings;
  } finally {
    workspace.dispose();
  }
}

/** The files one fix changes or creates, as they read afterwards. */
function applyFix(files: Record<string, string>, finding: Finding, fix: Fix): Record<string, string> {
  const byFile = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) {
    const file = edit.file ?? finding.file;
    byFile.set(file, [...(byFile.get(file) ?? []), edit]);
  }
  return Object.fromEntries([...byFile].map(([file, edits]) => [file, applyTextEdits(files[file] ?? '', edits)]));
}

function assertParses(file: string, text: string): void {
  const parsed = parseSource(file, text);
  assert.ok(parsed.ok, `${file} must parse: ${parsed.ok ? '' : parsed.reason}\n${text}`);
}

describe('runtime fixes: dependencies, client versions, job files and manifests (unit)', () => {
  describe('session store', () => {
    const app = "const session = require('express-session');\napp.use(session({ secret: process.env.SECRET }));\n";

    it('writes against the redis 3 client the app has: connect-redis 6, called with the session module, and pins it in package.json', async () => {
      const files = { 'package.json': '{\n  "name": "shop",\n  "dependencies": {\n    "express-session": "^1.17.1",\n    "redis": "^3.1.2"\n  }\n}\n', 'app.js': app };
      const [finding] = await findings(files, ['express-session-memory-store']);
      assert.equal(finding.fixes[0].title, 'Keep sessions in Redis (connect-redis 6 with redis 3, REDIS_URL from the environment)');
      const changed = applyFix(files, finding, finding.fixes[0]);
      assert.match(changed['app.js'], /^const RedisStore = require\('connect-redis'\)\(session\);$/m);
      assert.doesNotMatch(changed['app.js'], /connect\(\)/, 'redis 3 connects by itself');
      assert.deepEqual(JSON.parse(changed['package.json']).dependencies, { 'connect-redis': '^6.1.3', 'express-session': '^1.17.1', redis: '^3.1.2' });
      assert.equal(changed['.env.example'], 'REDIS_URL=redis://localhost:6379\n');
    });

    it('an app without a Redis client gets redis 4 and connect-redis 7 (the API the code is written against)', async () => {
      const files = { 'package.json': '{ "name": "shop", "dependencies": { "express-session": "^1.18.0" } }\n', 'src/app.mjs': "import session from 'express-session';\napp.use(session({ secret: process.env.SECRET }));\n" };
      const [finding] = await findings(files, ['express-session-memory-store']);
      const changed = applyFix(files, finding, finding.fixes[0]);
      assert.match(changed['src/app.mjs'], /^import RedisStore from 'connect-redis';$/m);
      assert.match(changed['src/app.mjs'], /^redisClient\.connect\(\)\.catch\(console\.error\);$/m);
      assert.deepEqual(JSON.parse(changed['package.json']).dependencies, { 'connect-redis': '^7.1.1', 'express-session': '^1.18.0', redis: '^4.7.0' });
      assert.equal(changed['src/.env.example'], undefined, '.env.example goes to the app root');
      assert.equal(changed['.env.example'], 'REDIS_URL=redis://localhost:6379\n');
    });

    it('ioredis keeps ioredis (connect-redis 7 accepts it); redis 5 gets connect-redis 9 and its named export', async () => {
      const ioredis = { 'package.json': '{ "name": "a", "dependencies": { "ioredis": "^5.4.1" } }\n', 'app.ts': "import session from 'express-session';\napp.use(session({ secret: process.env.SECRET! }));\n" };
      const [withIoredis] = await findings(ioredis, ['express-session-memory-store']);
      const changed = applyFix(ioredis, withIoredis, withIoredis.fixes[0]);
      assert.match(changed['app.ts'], /^import Redis from 'ioredis';$/m);
      assert.match(changed['app.ts'], /^const redisClient = new Redis\(process\.env\.REDIS_URL \?\? 'redis:\/\/localhost:6379'\);$/m);
      assert.deepEqual(JSON.parse(changed['package.json']).dependencies, { 'connect-redis': '^7.1.1', ioredis: '^5.4.1' });

      const redis5 = { 'package.json': '{ "name": "b", "dependencies": { "redis": "^5.0.0" } }\n', 'app.js': app };
      const [withRedis5] = await findings(redis5, ['express-session-memory-store']);
      const changed5 = applyFix(redis5, withRedis5, withRedis5.fixes[0]);
      assert.match(changed5['app.js'], /^const \{ RedisStore \} = require\('connect-redis'\);$/m);
      assert.deepEqual(JSON.parse(changed5['package.json']).dependencies, { 'connect-redis': '^9.0.0', redis: '^5.0.0' });
    });
  });

  describe('in-process cron', () => {
    const schedule = "const cron = require('node-cron');\nconst { sendReport } = require('../reports');\ncron.schedule('0 30 6 * * 1-5', sendReport, { timezone: 'Europe/Berlin' });\n";

    it('the second fix adds a Kubernetes CronJob that parses, on the same schedule (seconds 0 dropped) and time zone, running the job file', async () => {
      const files = { 'package.json': '{ "name": "@acme/Shop" }\n', 'src/scheduler.js': schedule };
      const [finding] = await findings(files, ['in-process-cron']);
      assert.deepEqual(
        finding.fixes.map((fix) => fix.title),
        [
          'Add a job entry point src/jobs/send-report.job.js that runs this job once (and a note to schedule it from the platform)',
          'Add a Kubernetes CronJob manifest k8s/send-report-cronjob.yaml running src/jobs/send-report.job.js (and the job entry point)',
        ],
      );
      const changed = applyFix(files, finding, finding.fixes[1]);
      assert.deepEqual(Object.keys(changed).sort(), ['k8s/send-report-cronjob.yaml', 'src/jobs/send-report.job.js', 'src/scheduler.js']);
      const manifest = parseYaml(changed['k8s/send-report-cronjob.yaml']) as Record<string, any>;
      assert.equal(manifest.apiVersion, 'batch/v1');
      assert.equal(manifest.kind, 'CronJob');
      assert.equal(manifest.metadata.name, 'send-report');
      assert.equal(manifest.spec.schedule, '30 6 * * 1-5');
      assert.equal(manifest.spec.timeZone, 'Europe/Berlin');
      assert.equal(manifest.spec.concurrencyPolicy, 'Forbid');
      const [container] = manifest.spec.jobTemplate.spec.template.spec.containers;
      assert.deepEqual(container.command, ['node', 'src/jobs/send-report.job.js']);
      assert.equal(container.image, 'acme-shop:latest');
      assert.equal(manifest.spec.jobTemplate.spec.template.spec.restartPolicy, 'Never');
      assert.match(changed['src/jobs/send-report.job.js'], /^const \{ sendReport \} = require\('\.\.\/\.\.\/reports'\);$/m);
      assertParses('src/jobs/send-report.job.js', changed['src/jobs/send-report.job.js']);
    });

    it('a TypeScript job is run compiled, from the output folder the start script names', async () => {
      const files = {
        'package.json': JSON.stringify({ name: 'api', scripts: { start: 'node build/server.js' } }),
        'src/cron.ts': "import cron from 'node-cron';\nimport { prune } from './prune';\ncron.schedule('@daily', () => prune());\n",
      };
      const [finding] = await findings(files, ['in-process-cron']);
      const changed = applyFix(files, finding, finding.fixes[1]);
      const manifest = parseYaml(changed['k8s/cron-cronjob.yaml']) as Record<string, any>;
      assert.equal(manifest.spec.schedule, '@daily');
      assert.deepEqual(manifest.spec.jobTemplate.spec.template.spec.containers[0].command, ['node', 'build/jobs/cron.job.js']);
      assert.match(changed['src/jobs/cron.job.ts'], /^import \{ prune \} from '\.\.\/prune';$/m);
      assertParses('src/jobs/cron.job.ts', changed['src/jobs/cron.job.ts']);
    });

    it('a schedule every few seconds cannot be a CronJob: the job entry point only', async () => {
      const files = { 'package.json': '{ "name": "a" }', 'poll.js': "const cron = require('node-cron');\nconst { poll } = require('./poll-lib');\ncron.schedule('*/10 * * * * *', poll);\n" };
      const [finding] = await findings(files, ['in-process-cron']);
      assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Add a job entry point jobs/poll.job.js that runs this job once (and a note to schedule it from the platform)']);
    });

    it('a job file name already taken gets a number', async () => {
      const files = { 'package.json': '{ "name": "a" }', 'jobs/poll.job.js': '// exists\n', 'poll.js': "const cron = require('node-cron');\nconst { poll } = require('./poll-lib');\ncron.schedule('* * * * *', poll);\n" };
      const [finding] = await findings(files, ['in-process-cron']);
      assert.ok(finding.fixes[0].edits.some((edit) => edit.file === 'jobs/poll-2.job.js'), JSON.stringify(finding.fixes[0].edits.map((edit) => edit.file)));
    });
  });

  describe('interval business job', () => {
    const MINUTE = 60_000;
    const HOUR = 60 * MINUTE;

    it('a period the clock can keep becomes a cron expression; any other has none', () => {
      const table: [number | undefined, string | undefined][] = [
        [MINUTE, '* * * * *'],
        [5 * MINUTE, '*/5 * * * *'],
        [15 * MINUTE, '*/15 * * * *'],
        [30 * MINUTE, '*/30 * * * *'],
        [HOUR, '0 * * * *'],
        [6 * HOUR, '0 */6 * * *'],
        [12 * HOUR, '0 */12 * * *'],
        [24 * HOUR, '0 0 * * *'],
        [7 * 24 * HOUR, '0 0 * * 0'],
        [30_000, undefined],
        [90_000, undefined],
        [7 * MINUTE, undefined],
        [5 * HOUR, undefined],
        [48 * HOUR, undefined],
        [0, undefined],
        [-MINUTE, undefined],
        [Number.NaN, undefined],
        [undefined, undefined],
      ];
      assert.deepEqual(table.map(([period]) => [period, cronExpressionForPeriod(period)]), table);
    });

    it('the second fix adds a CronJob on the timer\'s period as a clock schedule, running the job file with the imports it uses', async () => {
      const files = {
        'package.json': '{ "name": "shop" }\n',
        'src/expire.js': "const Order = require('./models/order');\nsetInterval(async () => {\n  await Order.updateMany({ status: 'pending' }, { status: 'expired' });\n}, 15 * 60 * 1000);\n",
      };
      const [finding] = await findings(files, ['interval-business-job']);
      assert.deepEqual(
        finding.fixes.map((fix) => fix.title),
        [
          'Add a job entry point src/jobs/order-update-many.job.js that runs this job once (and a note to schedule it from the platform)',
          'Add a Kubernetes CronJob manifest k8s/order-update-many-cronjob.yaml running src/jobs/order-update-many.job.js (and the job entry point)',
        ],
      );
      const changed = applyFix(files, finding, finding.fixes[1]);
      assert.deepEqual(Object.keys(changed).sort(), ['k8s/order-update-many-cronjob.yaml', 'src/expire.js', 'src/jobs/order-update-many.job.js']);
      const manifest = parseYaml(changed['k8s/order-update-many-cronjob.yaml']) as Record<string, any>;
      assert.equal(manifest.kind, 'CronJob');
      assert.equal(manifest.spec.schedule, '*/15 * * * *');
      assert.equal(manifest.spec.timeZone, undefined);
      assert.deepEqual(manifest.spec.jobTemplate.spec.template.spec.containers[0].command, ['node', 'src/jobs/order-update-many.job.js']);
      assert.match(changed['k8s/order-update-many-cronjob.yaml'], /^# setInterval counted every 15 min from the app's start; the CronJob runs at those times of the clock\.$/m);
      const job = changed['src/jobs/order-update-many.job.js'];
      assert.match(job, /^const Order = require\('\.\.\/models\/order'\);$/m);
      assert.match(job, /^ {2}await Order\.updateMany\(/m);
      assertParses('src/jobs/order-update-many.job.js', job);
      // The timer stays until the platform runs the job: the note is above it.
      assert.match(changed['src/expire.js'], /^\/\/ Runs in every replica: .+src\/jobs\/order-update-many\.job\.js runs it once:\n\/\/ .+\nsetInterval\(async/m);
    });

    it('a period no clock schedule keeps (every 7 minutes) gets the job entry point without a CronJob', async () => {
      const files = { 'package.json': '{ "name": "a" }', 'sweep.js': "const { sweep } = require('./sweeper');\nconst Token = require('./token');\nsetInterval(() => Token.destroy({ where: { revoked: true } }).then(sweep), 7 * 60 * 1000);\n" };
      const [finding] = await findings(files, ['interval-business-job']);
      assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Add a job entry point jobs/sweep.job.js that runs this job once (and a note to schedule it from the platform)']);
    });

    it('arguments after the delay, or a period under a minute, leave the job where it is: the note only', async () => {
      const files = {
        'package.json': '{ "name": "a" }',
        'args.js': "const Session = require('./session');\nsetInterval((limit) => Session.deleteMany({ expires: { $lt: new Date() } }).limit(limit), 3600000, 100);\n",
        'fast.js': "const Session = require('./session');\nsetInterval(() => Session.deleteMany({ expires: { $lt: new Date() } }), 10000);\n",
      };
      const found = await findings(files, ['interval-business-job']);
      assert.deepEqual(found.map((finding) => `${finding.file}: ${finding.fixes.map((fix) => fix.title).join(' | ')}`), [
        'args.js: Note that this schedule runs in every replica and how to run it once per schedule',
        'fast.js: Note that this schedule runs in every replica and how to run it once per schedule',
      ]);
    });

    it('a cron schedule and a timer of one file that would write the same job file get two names', async () => {
      const files = {
        'package.json': '{ "name": "a" }',
        'jobs.js': "const cron = require('node-cron');\nconst Session = require('./session');\ncron.schedule('0 3 * * *', async () => {\n  await Session.deleteMany({});\n});\nsetInterval(async () => {\n  await Session.deleteMany({});\n}, 3600000);\n",
      };
      const found = await findings(files, ['in-process-cron', 'interval-business-job']);
      const jobFiles = found.map((finding) => finding.fixes[0].edits.map((edit) => edit.file).find((file) => file?.endsWith('.job.js')));
      assert.deepEqual(jobFiles.sort(), ['jobs/session-delete-many-2.job.js', 'jobs/session-delete-many.job.js']);
    });
  });

  describe('stdout logging titles say what goes', () => {
    it('names the file and the file-only options the Console transport drops', async () => {
      const files = { 'package.json': '{ "name": "a", "dependencies": { "winston": "^3.11.0" } }', 'logger.js': "const winston = require('winston');\nmodule.exports = winston.createLogger({ transports: [new winston.transports.File({ filename: 'logs/app.log', maxsize: 1000, tailable: true, level: 'warn' })] });\n" };
      const [finding] = await findings(files, ['log-to-file']);
      assert.equal(finding.fixes[0].title, 'Log to stdout instead of ./logs/app.log (drops the file options maxsize, tailable)');
    });

    it('winston 2 (from package.json): a Console transport that keeps writing JSON', async () => {
      const files = { 'package.json': '{ "name": "a", "dependencies": { "winston": "^2.4.0" } }', 'logger.js': "var winston = require('winston');\nmodule.exports = new winston.Logger({ transports: [new winston.transports.File({ filename: 'app.log', level: 'info' })] });\n" };
      const [finding] = await findings(files, ['log-to-file']);
      const changed = applyFix(files, finding, finding.fixes[0]);
      assert.match(changed['logger.js'], /new winston\.transports\.Console\(\{ level: 'info', json: true \}\)/);
    });
  });

  describe('the example shop', () => {
    it("the CLI's JSON report carries each runtime fix with its title and its edits of every file", async () => {
      const result = await cli(['assess', legacyShop, '--format', 'json', '--fail-on', 'never']);
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout) as { findings: { ruleId: string; file: string; fixes: { title: string; edits: { file: string; start: number; end: number; text: string }[] }[] }[] };
      const fixesOf = (ruleId: string) => report.findings.find((finding) => finding.ruleId === ruleId)?.fixes ?? [];
      assert.deepEqual(fixesOf('express-session-memory-store').map((fix) => fix.title), ['Keep sessions in Redis (connect-redis 6 with redis 3, REDIS_URL from the environment)']);
      assert.deepEqual(fixesOf('log-to-file').map((fix) => fix.title), ['Log to stdout instead of ./logs/app.log']);
      assert.deepEqual(fixesOf('missing-graceful-shutdown').map((fix) => fix.title), ['Close the server on SIGTERM (server.close() and exit)']);
      assert.deepEqual(fixesOf('missing-health-endpoint').map((fix) => fix.title), ["Add a /healthz route for the platform's probes (express)"]);
      assert.equal(fixesOf('in-process-cron').length, 2);
      // The health finding sits in server.js; its edit is in app.js, where the app is created.
      assert.deepEqual(fixesOf('missing-health-endpoint')[0].edits.map((edit) => edit.file), ['app.js']);
      assert.deepEqual(fixesOf('express-session-memory-store')[0].edits.map((edit) => edit.file).sort(), ['.env.example', 'app.js', 'app.js', 'app.js', 'package.json']);
      assert.deepEqual([...new Set(fixesOf('in-process-cron')[1].edits.map((edit) => edit.file))].sort(), ['jobs/nightly-report.job.js', 'jobs/nightly-report.js', 'k8s/nightly-report-cronjob.yaml']);
    });

    it('every kind of fix applies to examples/legacy-shop, everything it writes parses, and a second pass offers none of them', async () => {
      const before = await findings({}, RUNTIME_RULES, legacyShop);
      const fixed = before.filter((finding) => finding.fixes.length > 0);
      assert.deepEqual(fixed.map((finding) => `${finding.ruleId} ${finding.file}`).sort(), [
        'express-session-memory-store app.js',
        'in-process-cron jobs/nightly-report.js',
        'log-to-file lib/logger.js',
        'missing-graceful-shutdown server.js',
        'missing-health-endpoint server.js',
      ]);
      const { editsByFile, deferred } = combineFixes(fixed);
      assert.deepEqual(deferred, []);
      const read = (file: string) => {
        try {
          return readFileSync(path.join(legacyShop, file), 'utf8');
        } catch {
          return '';
        }
      };
      const changed: Record<string, string> = {};
      for (const [file, edits] of editsByFile) changed[file] = applyTextEdits(read(file), edits);
      assert.deepEqual(Object.keys(changed).sort(), ['.env.example', 'app.js', 'jobs/nightly-report.job.js', 'jobs/nightly-report.js', 'lib/logger.js', 'package.json', 'server.js']);
      for (const [file, text] of Object.entries(changed)) if (file.endsWith('.js')) assertParses(file, text);
      assert.equal(JSON.parse(changed['package.json']).dependencies['connect-redis'], '^6.1.3');
      const after = await findings(changed, RUNTIME_RULES, legacyShop);
      assert.deepEqual(after.filter((finding) => finding.fixes.length > 0).map((finding) => `${finding.ruleId} ${finding.file}: ${finding.fixes[0].title}`), []);
      // What is left is the schedule itself (the note tells what to do with it), nothing else of these rules.
      assert.deepEqual(after.map((finding) => finding.ruleId), ['in-process-cron']);
    });
  });
});
