import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk } from '../core/walk';
import { cronExpressionForPeriod, cronJobFixes } from '../fixes/cronJob';
import type { RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import { enclosingFunction, foldNumber, formatDuration, guardedByEnvironment, parameterNames, scheduledJobName, sourceSnippet } from './support/state-jobs-db';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Calls that change shared data whatever object they are made on: Mongoose, MongoDB, Prisma, Sequelize, mail. */
const WRITES = new Set([
  'deleteMany',
  'deleteOne',
  'updateMany',
  'updateOne',
  'insertMany',
  'insertOne',
  'bulkWrite',
  'bulkCreate',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndRemove',
  'findByIdAndUpdate',
  'findByIdAndDelete',
  'findByIdAndRemove',
  'upsert',
  'sendMail',
]);
/** Generic verbs that only mean a write on a model class given an object (`User.update({...}, {...})`, `Order.destroy({ where })`). */
const MODEL_WRITES = new Set(['update', 'remove', 'destroy', 'create', 'insert', 'save', 'delete', 'truncate']);
const SQL_WRITE = /^\s*(insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i;

/** Parameters of a per-connection or per-request callback: an interval there belongs to that connection. */
const CONNECTION_PARAMETERS = new Set(['req', 'request', 'res', 'response', 'ctx', 'socket', 'ws', 'client', 'connection']);
const SCHEDULER_SWITCH = /CRON|JOB|SCHEDUL|WORKER|LEADER|PRIMARY|TASK|INTERVAL/i;

interface Effect {
  text: string;
}

export default createSourceRule(
  {
    id: 'interval-business-job',
    // The global, `timers` and `timers/promises` setInterval are all named so, also when renamed on import.
    triggers: /setInterval/,
    category: 'local-scheduler',
    defaultSeverity: 'warning',
    description: 'A setInterval timer that writes shared data (database updates and deletes, e-mails) on a schedule inside the app process, so every replica does the same work.',
    messages: {
      interval: 'setInterval runs {{job}} every {{every}} in every replica: {{effect}} happens once per running copy of the app',
    },
    strategies: ['replatform', 'refactor'],
    effort: 4,
    fixable: true,
  },
  (context) => {
    // Functions of the file by name, so `setInterval(cleanOldNotifications, ...)` can be followed into its body.
    const functions = new Map<string, FunctionNode>();
    const timers: { call: TSESTree.CallExpression; callback: Node; delay?: number }[] = [];

    const noteFunction = (name: string, fn: Node | null | undefined) => {
      if (fn && (fn.type === 'FunctionExpression' || fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionDeclaration')) functions.set(name, fn);
    };

    return {
      FunctionDeclaration(node) {
        const fn = node as TSESTree.FunctionDeclaration;
        if (fn.id) noteFunction(fn.id.name, fn);
      },
      VariableDeclarator(node) {
        const declarator = node as TSESTree.VariableDeclarator;
        if (declarator.id.type === 'Identifier') noteFunction(declarator.id.name, declarator.init);
      },
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        if (!isSetInterval(context, call)) return;
        const [callback, delay] = call.arguments;
        if (!callback || callback.type === 'SpreadElement') return;
        const owner = enclosingFunction(call);
        if (owner && parameterNames(owner).some((name) => CONNECTION_PARAMETERS.has(name))) return;
        if (guardedByEnvironment(call, SCHEDULER_SWITCH)) return;
        timers.push({ call, callback, delay: delay && delay.type !== 'SpreadElement' ? foldNumber(context, delay) : undefined });
      },
      'Program:exit'() {
        // Shared with in-process-cron: two fixes of one file must not write the same job file.
        const jobFiles = context.perFile('cron-job-files', () => new Set<string>());
        for (const { call, callback, delay } of timers) {
          const effect = firstWrite(context, callback, functions);
          if (!effect) continue;
          const every = delay === undefined ? sourceSnippet(context, call.arguments[1] ?? call, 30) : formatDuration(delay);
          // Arguments after the delay go to the callback on every run: a job file would call it without them. And
          // platform schedulers start jobs once a minute at most: a more frequent job stays in an app, with the note.
          const movable = call.arguments.length <= 2 && (delay === undefined || delay >= 60_000);
          const schedule = {
            node: call,
            library: 'setInterval',
            expression: cronExpressionForPeriod(delay),
            when: `every ${every}`,
            task: movable ? callback : undefined,
            jobName: scheduledJobName(context, callback),
          };
          context.report({
            node: call,
            messageId: 'interval',
            data: { job: jobName(context, callback), every, effect: effect.text },
            fixes: cronJobFixes(context, schedule, jobFiles),
          });
        }
      },
    };
  },
);

/** The global `setInterval`, `timers.setInterval` or `timers/promises` `setInterval`. */
function isSetInterval(context: RuleContext, call: TSESTree.CallExpression): boolean {
  const resolved = context.resolve(call.callee);
  if (resolved) return resolved.module === 'timers' && resolved.path[resolved.path.length - 1] === 'setInterval';
  if (call.callee.type === 'Identifier') return call.callee.name === 'setInterval' && context.definition(call.callee) === undefined;
  // global.setInterval / globalThis.setInterval
  return (
    call.callee.type === 'MemberExpression' &&
    call.callee.object.type === 'Identifier' &&
    (call.callee.object.name === 'global' || call.callee.object.name === 'globalThis') &&
    call.callee.property.type === 'Identifier' &&
    call.callee.property.name === 'setInterval'
  );
}

function jobName(context: RuleContext, callback: Node): string {
  if (callback.type === 'Identifier' || callback.type === 'MemberExpression') return sourceSnippet(context, callback, 40);
  return 'a timer callback';
}

/** The first call in the callback (following functions of the same file two levels deep) that writes shared data. */
function firstWrite(context: RuleContext, callback: Node, functions: Map<string, FunctionNode>): Effect | undefined {
  const seen = new Set<Node>();
  const queue: { node: Node; depth: number }[] = [];
  const enqueue = (node: Node | undefined, depth: number) => {
    if (node && !seen.has(node) && depth <= 2) {
      seen.add(node);
      queue.push({ node, depth });
    }
  };
  enqueue(callback.type === 'Identifier' ? functions.get(callback.name) : callback, 0);
  while (queue.length > 0) {
    const { node, depth } = queue.shift()!;
    let found: Effect | undefined;
    walk(
      node,
      (inner) => {
        if (found) return;
        if (inner.type === 'CallExpression') {
          found = writeCall(context, inner);
          if (!found && inner.callee.type === 'Identifier') enqueue(functions.get(inner.callee.name), depth + 1);
        } else if (inner.type === 'Literal' && typeof inner.value === 'string' && SQL_WRITE.test(inner.value)) {
          found = { text: `the SQL "${inner.value.trim().split(/\s+/).slice(0, 3).join(' ')} …"` };
        } else if (inner.type === 'TemplateLiteral' && SQL_WRITE.test(inner.quasis[0].value.cooked ?? '')) {
          found = { text: `the SQL "${(inner.quasis[0].value.cooked ?? '').trim().split(/\s+/).slice(0, 3).join(' ')} …"` };
        }
      },
      () => undefined,
    );
    if (found) return found;
  }
  return undefined;
}

function writeCall(context: RuleContext, call: TSESTree.CallExpression): Effect | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return undefined;
  const verb = callee.property.name;
  if (WRITES.has(verb)) return { text: sourceSnippet(context, callee, 40) };
  // `World.update(dt)` in a game loop is no query: a model write passes a filter or values as an object literal.
  const passesObject = call.arguments.some((argument) => argument.type === 'ObjectExpression');
  if (MODEL_WRITES.has(verb) && passesObject && callee.object.type === 'Identifier' && /^[A-Z][a-zA-Z0-9]*$/.test(callee.object.name) && !/^[A-Z0-9_]+$/.test(callee.object.name)) {
    return { text: sourceSnippet(context, callee, 40) };
  }
  // `orders.purgeExpired(...)` from the app's own module: its body is elsewhere, its name says it changes data.
  const owner = context.resolve(callee.object);
  if (owner && /^\.{1,2}\//.test(owner.module) && DATA_CHANGING_NAME.test(verb)) return { text: sourceSnippet(context, callee, 40) };
  return undefined;
}

const DATA_CHANGING_NAME = /^(purge|delete|remove|expire|archive|cleanup|clean|prune|sync|send|notify|email|mail|update|reconcile|charge|bill|invoice|backup|import)([A-Z_]|$)/;
