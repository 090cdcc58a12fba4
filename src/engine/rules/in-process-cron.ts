import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { cronJobFixes, type CronSchedule } from '../fixes/cronJob';
import type { ReportDescriptor, RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import {
  foldNumber,
  foldString,
  formatDuration,
  guardedByEnvironment,
  memberPath,
  objectLiteral,
  pathIs,
  propertyValue,
  scheduledJobName,
  sourceSnippet,
} from './support/state-jobs-db';

type Node = TSESTree.Node;
type Expression = TSESTree.CallExpressionArgument | undefined;

/** Environment switches that let one designated instance run the jobs (`if (process.env.RUN_CRON)`). */
const SCHEDULER_SWITCH = /CRON|JOB|SCHEDUL|WORKER|LEADER|PRIMARY|TASK/i;

interface Schedule {
  library: string;
  /** The cron expression or interval as written. */
  when: string;
  /** The function that runs, when it has a name. */
  job?: string;
  /** For the fix: the constant cron expression, its time zone, and the task that runs. */
  expression?: string;
  timeZone?: string;
  task?: Node;
}

/** The task argument, when it is code (a function or a name), not a spread. */
function taskNode(node: Expression | Node): Node | undefined {
  return node && node.type !== 'SpreadElement' ? node : undefined;
}

function scheduleText(context: RuleContext, node: Expression): string {
  if (!node || node.type === 'SpreadElement') return 'its schedule';
  const folded = foldString(context, node);
  if (folded !== undefined) return `'${folded}'`;
  const number = foldNumber(context, node);
  if (number !== undefined) return `every ${formatDuration(number)}`;
  const object = objectLiteral(context, node);
  if (object) {
    const cronTime = foldString(context, propertyValue(object, 'cronTime') ?? propertyValue(object, 'cronExpression') ?? propertyValue(object, 'rule'));
    if (cronTime !== undefined) return `'${cronTime}'`;
    const parts = ['days', 'hours', 'minutes', 'seconds', 'milliseconds']
      .map((unit) => [unit, foldNumber(context, propertyValue(object, unit))] as const)
      .filter((entry): entry is readonly [string, number] => entry[1] !== undefined)
      .map(([unit, count]) => `${count} ${count === 1 ? unit.replace(/s$/, '') : unit}`);
    if (parts.length > 0) return `every ${parts.join(' ')}`;
  }
  return sourceSnippet(context, node);
}

function recognise(context: RuleContext, node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.Decorator): Schedule | undefined {
  if (node.type === 'Decorator') {
    // @nestjs/schedule: @Cron('0 2 * * *') and @Interval(60000) on a provider's method.
    const call = node.expression;
    if (call.type !== 'CallExpression') return undefined;
    const resolved = context.resolve(call.callee);
    // nest-schedule is the older community package with the same decorators.
    if (resolved?.module !== '@nestjs/schedule' && resolved?.module !== 'nest-schedule') return undefined;
    const method = node.parent?.type === 'MethodDefinition' && node.parent.key.type === 'Identifier' ? node.parent.key.name : undefined;
    if (pathIs(resolved, 'Cron')) return { library: `${resolved.module} @Cron`, when: scheduleText(context, call.arguments[0]), job: method };
    if (pathIs(resolved, 'Interval')) {
      const delay = call.arguments.length > 1 ? call.arguments[1] : call.arguments[0];
      return { library: `${resolved.module} @Interval`, when: scheduleText(context, delay), job: method };
    }
    return undefined;
  }
  const resolved = context.resolve(node.callee);
  if (!resolved) return undefined;
  const [first, second] = node.arguments;
  const path = memberPath(resolved);
  switch (resolved.module) {
    case 'node-cron':
      if (node.type === 'CallExpression' && pathIs(resolved, 'schedule')) {
        const options = objectLiteral(context, node.arguments[2]);
        return {
          library: 'node-cron',
          when: scheduleText(context, first),
          job: scheduledJobName(context, second),
          expression: foldString(context, first),
          timeZone: options ? foldString(context, propertyValue(options, 'timezone')) : undefined,
          task: taskNode(second),
        };
      }
      return undefined;
    case 'cron': {
      const object = objectLiteral(context, first);
      const isConstruction = (node.type === 'NewExpression' && pathIs(resolved, 'CronJob')) || (node.type === 'CallExpression' && (pathIs(resolved, 'CronJob', 'from') || pathIs(resolved, 'job')));
      if (!isConstruction) return undefined;
      if (object) {
        const onTick = propertyValue(object, 'onTick');
        return {
          library: 'cron',
          when: scheduleText(context, first),
          job: scheduledJobName(context, onTick as Expression),
          expression: foldString(context, propertyValue(object, 'cronTime')),
          timeZone: foldString(context, propertyValue(object, 'timeZone')),
          task: taskNode(onTick),
        };
      }
      const timeZone = node.arguments[4];
      return {
        library: 'cron',
        when: scheduleText(context, first),
        job: scheduledJobName(context, second),
        expression: foldString(context, first),
        timeZone: timeZone && timeZone.type !== 'SpreadElement' ? foldString(context, timeZone) : undefined,
        task: taskNode(second),
      };
    }
    case 'node-schedule':
      if (node.type === 'CallExpression' && path.length === 1 && (path[0] === 'scheduleJob' || path[0] === 'rescheduleJob')) {
        // scheduleJob([name,] spec, job)
        const named = node.arguments.length >= 3 && foldString(context, first) !== undefined;
        const spec = named ? second : first;
        const specObject = objectLiteral(context, spec);
        return {
          library: 'node-schedule',
          when: scheduleText(context, spec),
          job: named ? foldString(context, first) : scheduledJobName(context, second),
          expression: foldString(context, specObject ? propertyValue(specObject, 'rule') : spec),
          timeZone: specObject ? foldString(context, propertyValue(specObject, 'tz')) : undefined,
          task: taskNode(named ? node.arguments[2] : second),
        };
      }
      return undefined;
    case 'toad-scheduler':
      if (node.type === 'NewExpression' && path.length === 1 && ['SimpleIntervalJob', 'LongIntervalJob', 'CronJob'].includes(path[0])) {
        return { library: `toad-scheduler ${path[0]}`, when: scheduleText(context, first), job: taskName(context, second) };
      }
      return undefined;
    case 'bree':
      if (node.type === 'NewExpression' && path.length === 0) return { library: 'bree', when: 'its jobs' };
      return undefined;
    default:
      return undefined;
  }
}

/** toad-scheduler jobs take `new Task('name', fn)` or `new AsyncTask('name', fn)`. */
function taskName(context: RuleContext, task: Expression): string | undefined {
  if (!task || task.type === 'SpreadElement') return undefined;
  const construction = task.type === 'Identifier' ? context.definition(task) : task;
  if (construction?.type !== 'NewExpression') return undefined;
  return foldString(context, construction.arguments[0]);
}

export default createSourceRule(
  {
    id: 'in-process-cron',
    category: 'local-scheduler',
    defaultSeverity: 'warning',
    description: 'A cron-style scheduler (node-cron, cron, node-schedule, toad-scheduler, bree, @nestjs/schedule) runs its jobs inside the app process, so every replica runs them.',
    messages: {
      schedule: '{{library}} runs {{when}} in every replica: with N replicas the job runs N times',
      namedSchedule: '{{library}} runs {{job}} on {{when}} in every replica: with N replicas the job runs N times',
    },
    strategies: ['replatform', 'refactor'],
    effort: 4,
    fixable: true,
    triggers: /cron|schedul|toad|bree|Interval/i,
  },
  (context) => {
    // Fixes move code to a job file: they are built once the whole tree is linked.
    const pending: { descriptor: ReportDescriptor; schedule: CronSchedule }[] = [];
    const check = (node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.Decorator) => {
      const schedule = recognise(context, node);
      if (!schedule) return;
      if (guardedByEnvironment(node, SCHEDULER_SWITCH)) return;
      const data = { library: schedule.library, when: schedule.when, job: schedule.job ?? '' };
      pending.push({
        descriptor: { node, messageId: schedule.job ? 'namedSchedule' : 'schedule', data },
        schedule: { node, library: schedule.library, expression: schedule.expression, timeZone: schedule.timeZone, task: schedule.task, jobName: schedule.job },
      });
    };
    return {
      CallExpression: (node) => check(node as TSESTree.CallExpression),
      NewExpression: (node) => check(node as TSESTree.NewExpression),
      Decorator: (node) => check(node as TSESTree.Decorator),
      'Program:exit'() {
        // Shared with interval-business-job: two fixes of one file must not write the same job file.
        const jobFiles = context.perFile('cron-job-files', () => new Set<string>());
        for (const { descriptor, schedule } of pending) context.report({ ...descriptor, fixes: cronJobFixes(context, schedule, jobFiles) });
      },
    };
  },
);
