import rule from '../../../src/engine/rules/in-process-cron';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    {
      name: 'agenda keeps its jobs and their locks in MongoDB',
      code: "const Agenda = require('agenda');\nconst agenda = new Agenda({ db: { address: process.env.MONGO_URL } });\nagenda.every('1 day', 'send report');",
    },
    {
      name: 'bull repeatable jobs live in Redis and run on one worker',
      code: "const Queue = require('bull');\nconst reports = new Queue('reports', process.env.REDIS_URL);\nreports.add({}, { repeat: { cron: '0 2 * * *' } });",
    },
    {
      name: 'cron.validate only checks an expression',
      code: "const cron = require('node-cron');\nif (!cron.validate(expression)) throw new Error('bad cron');",
    },
    {
      name: 'a local object with a schedule method',
      code: "const cron = { schedule(expression, fn) { queue.push({ expression, fn }); } };\ncron.schedule('0 2 * * *', report);",
    },
    {
      name: 'an environment switch lets one instance run the jobs',
      code: "const cron = require('node-cron');\nif (process.env.RUN_CRON === 'true') {\n  cron.schedule('0 2 * * *', report);\n}",
    },
    {
      name: 'a job guarded with && on a worker flag',
      code: "const { CronJob } = require('cron');\nprocess.env.IS_WORKER && new CronJob('0 * * * *', sync, null, true);",
    },
    {
      name: 'scripts are build tooling',
      filename: 'scripts/nightly.js',
      code: "const cron = require('node-cron');\ncron.schedule('0 2 * * *', report);",
    },
    {
      name: 'a @Cron decorator from another library',
      filename: 'src/tasks.service.ts',
      code: "import { Cron } from './decorators';\nexport class Tasks {\n  @Cron('0 2 * * *')\n  run() {}\n}",
    },
  ],
  invalid: [
    {
      name: 'node-cron with an inline job (CommonJS)',
      filename: 'jobs/nightly-report.js',
      code: "const cron = require('node-cron');\ncron.schedule('0 2 * * *', () => {\n  writeReport();\n});",
      errors: [{ messageId: 'namedSchedule', message: "node-cron runs writeReport on '0 2 * * *' in every replica: with N replicas the job runs N times", line: 2, column: 1, endLine: 4, endColumn: 3 }],
    },
    {
      name: 'node-cron with a folded expression and an anonymous job (ESM)',
      filename: 'src/jobs.mjs',
      code: "import cron from 'node-cron';\nconst EVERY_NIGHT = '0 ' + '3 * * *';\nexport function start() {\n  cron.schedule(EVERY_NIGHT, async () => {\n    const a = 1;\n    await purge(a);\n  });\n}",
      errors: [{ messageId: 'schedule', message: "node-cron runs '0 3 * * *' in every replica: with N replicas the job runs N times", line: 4, column: 3 }],
    },
    {
      name: 'cron CronJob with a destructured require and an object form',
      code: "const { CronJob } = require('cron');\nconst job = new CronJob({ cronTime: '0 */2 * * *', onTick: updateDatabase, start: true });",
      errors: [{ message: "cron runs updateDatabase on '0 */2 * * *' in every replica: with N replicas the job runs N times", line: 2, column: 13 }],
    },
    {
      name: 'cron CronJob.from and require(...).CronJob',
      code: "var CronJob = require('cron').CronJob;\nnew CronJob('0 0 0 * * *', function () { Backup.run(); }, null, true);\nCronJob.from({ cronTime: '*/5 * * * *', onTick: poll, start: true });",
      errors: [
        { message: /^cron runs Backup\.run on '0 0 0 \* \* \*'/, line: 2, column: 1 },
        { message: /^cron runs poll on '\*\/5 \* \* \* \*'/, line: 3, column: 1 },
      ],
    },
    {
      name: 'node-schedule with a named job and a rule object',
      code: "const schedule = require('node-schedule');\nschedule.scheduleJob('invoices', { hour: 2, minute: 0 }, sendInvoices);",
      errors: [{ message: "node-schedule runs invoices on { hour: 2, minute: 0 } in every replica: with N replicas the job runs N times", line: 2, column: 1 }],
    },
    {
      name: 'NestJS @Cron and @Interval decorators (TypeScript)',
      filename: 'src/tasks/tasks.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { Cron, CronExpression, Interval } from '@nestjs/schedule';\n@Injectable()\nexport class TasksService {\n  @Cron(CronExpression.EVERY_DAY_AT_MIDNIGHT)\n  async purgeExpired() {}\n\n  @Interval('sync', 10 * 60 * 1000)\n  sync() {}\n}",
      errors: [
        { message: '@nestjs/schedule @Cron runs purgeExpired on CronExpression.EVERY_DAY_AT_MIDNIGHT in every replica: with N replicas the job runs N times', line: 5, column: 3 },
        { message: '@nestjs/schedule @Interval runs sync on every 10 min in every replica: with N replicas the job runs N times', line: 8, column: 3 },
      ],
    },
    {
      name: 'the older nest-schedule package',
      filename: 'src/schedule.service.ts',
      code: "import { Injectable } from '@nestjs/common';\nimport { Cron, NestSchedule } from 'nest-schedule';\n@Injectable()\nexport class ScheduleService extends NestSchedule {\n  @Cron('* * * * *', { immediate: true })\n  async cronJob() {}\n}",
      errors: [{ message: "nest-schedule @Cron runs cronJob on '* * * * *' in every replica: with N replicas the job runs N times", line: 5, column: 3 }],
    },
    {
      name: 'toad-scheduler interval job names its task',
      filename: 'src/scheduler.ts',
      code: "import { ToadScheduler, SimpleIntervalJob, AsyncTask } from 'toad-scheduler';\nconst task = new AsyncTask('refresh tokens', () => refresh());\nconst scheduler = new ToadScheduler();\nscheduler.addSimpleIntervalJob(new SimpleIntervalJob({ minutes: 15 }, task));",
      errors: [{ message: 'toad-scheduler SimpleIntervalJob runs refresh tokens on every 15 minutes in every replica: with N replicas the job runs N times', line: 4, column: 32 }],
    },
    {
      name: 'NODE_ENV checks do not make a single runner',
      code: "const cron = require('node-cron');\nif (process.env.NODE_ENV !== 'test') cron.schedule('* * * * *', poll);",
      errors: [{ message: /^node-cron runs poll on '\* \* \* \* \*'/, line: 2, column: 38 }],
    },
  ],
});
