import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { applicationRoot } from '../core/project';
import type { Fix, RuleContext, TextEdit } from '../types';
import { declaredNames, enclosingStatement, indentationAt, isReference, lineStart, moduleSystemOf, programOf, requiredModule, semicolon, startsLine, visit } from './sourceEdits';
import { detectStyle, quoted, type SourceStyle } from './sourceStyle';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;

/** The words the note starts with: a note already there means the fix was applied. */
const NOTE_MARK = 'Runs in every replica';

export interface CronSchedule {
  /** The scheduling call, `new CronJob(...)`, or the `@Cron(...)` decorator. */
  node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.Decorator;
  library: string;
  /** The cron expression, when it is a constant string (for a timer, its period as one, when it is one). */
  expression?: string;
  /** The schedule as the job file's comment names it (default: the quoted expression), `every 15 min` for a timer. */
  when?: string;
  timeZone?: string;
  /** What runs: an inline function, or a name (`run`, `jobs.cleanup`). */
  task?: Node;
  /** Name of the job (its function's name), when it has one. */
  jobName?: string;
}

/**
 * A note above an in-process schedule (it runs once per replica; run it once per schedule from the
 * platform instead), plus, when the task can be moved without losing anything it closes over, a job entry
 * point `jobs/<name>.job.js` that runs the task once and exits; a second fix also writes a Kubernetes CronJob
 * running that entry point on the same schedule. The schedule itself stays until the user removes it.
 */
export function cronJobFixes(context: RuleContext, schedule: CronSchedule, usedJobFiles: Set<string>): Fix[] {
  const text = context.sourceText;
  const program = programOf(schedule.node);
  if (!program) return [];
  const anchor = noteAnchor(text, schedule.node);
  if (anchor === undefined) return [];
  const comments = text.slice(commentBlockStart(text, anchor), lineStart(text, anchor));
  if (comments.includes(NOTE_MARK)) return [];
  const style = detectStyle(context.file, text);
  const job = jobEntryPoint(context, program, schedule, style, usedJobFiles);
  const indent = indentationAt(text, anchor);
  const note = (lines: string[]) => ({ range: [lineStart(text, anchor), lineStart(text, anchor)] as [number, number], text: lines.map((line) => `${indent}// ${line}${style.newline}`).join('') });
  if (!job) {
    return [
      {
        title: 'Note that this schedule runs in every replica and how to run it once per schedule',
        edits: [
          note([
            `${NOTE_MARK}: with N replicas this job runs N times. Run it once per schedule from the platform's`,
            'scheduler (a Kubernetes CronJob, a cloud scheduler) or in one designated instance, then remove this schedule.',
          ]),
        ],
      },
    ];
  }
  const noteEdit = note([
    `${NOTE_MARK}: with N replicas this job runs N times. ${job.file.slice(job.appRoot ? job.appRoot.length + 1 : 0)} runs it once:`,
    'start that on this schedule from the platform (a Kubernetes CronJob, a cloud scheduler), then remove this schedule.',
  ]);
  const jobFile: TextEdit = { file: job.file, range: [0, 0], text: job.text };
  const fixes: Fix[] = [{ title: `Add a job entry point ${job.file} that runs this job once (and a note to schedule it from the platform)`, edits: [noteEdit, jobFile] }];
  const manifest = cronJobManifest(context, schedule, job);
  if (manifest) fixes.push({ title: `Add a Kubernetes CronJob manifest ${manifest.file} running ${job.file} (and the job entry point)`, edits: [noteEdit, jobFile, manifest] });
  return fixes;
}

/** Where the note goes: above the statement that schedules, or above the decorator. */
function noteAnchor(text: string, node: CronSchedule['node']): number | undefined {
  if (node.type === 'Decorator') return startsLine(text, node.range[0]) ? node.range[0] : undefined;
  const statement = enclosingStatement(node)?.statement;
  if (!statement || !startsLine(text, statement.range[0])) return undefined;
  return statement.range[0];
}

function commentBlockStart(text: string, offset: number): number {
  let current = lineStart(text, offset);
  while (current > 0) {
    const previous = lineStart(text, current - 1);
    if (!/^\s*\/\//.test(text.slice(previous, current))) break;
    current = previous;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// The job entry point

interface JobEntryPoint {
  file: string;
  appRoot: string;
  text: string;
  typescript: boolean;
}

const SCHEDULERS_WITH_JOB_FILES = new Set(['node-cron', 'cron', 'node-schedule', 'setInterval']);
/** Globals of Node and the language: a task may use them anywhere. */
const MODULE_LOCALS = new Set(['require', 'module', 'exports', '__dirname', '__filename']);

function kebabCase(name: string): string {
  return name
    .replace(/^this\./, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

function jobEntryPoint(context: RuleContext, program: TSESTree.Program, schedule: CronSchedule, style: SourceStyle, used: Set<string>): JobEntryPoint | undefined {
  if (!SCHEDULERS_WITH_JOB_FILES.has(schedule.library) || !schedule.task) return undefined;
  const text = context.sourceText;
  const task = schedule.task;
  const appRoot = applicationRoot(context.project, context.file);
  const prefix = appRoot ? `${appRoot}/` : '';
  const sourceRoot = context.file.startsWith(`${prefix}src/`) ? `${prefix}src` : appRoot;
  const jobsFolder = sourceRoot ? `${sourceRoot}/jobs` : 'jobs';
  const extension = (/\.[cm]?[jt]s$/.exec(context.file.replace(/x$/, ''))?.[0] ?? '.js').replace(/x$/, '');
  const base = kebabCase(schedule.jobName ?? '') || kebabCase(path.posix.basename(context.file).replace(/\.[^.]*$/, '')) || 'scheduled';
  let file = `${jobsFolder}/${base}.job${extension}`;
  for (let index = 2; context.project.allFiles.has(file) || used.has(file); index++) file = `${jobsFolder}/${base}-${index}.job${extension}`;

  const sameFolder = path.posix.dirname(file) === path.posix.dirname(context.file);
  const body = taskBody(text, task, schedule, style);
  if (!body) return undefined;
  const imports = neededImports(context, program, body.scope, file, sameFolder);
  if (!imports) return undefined;
  used.add(file);

  const end = semicolon(style);
  const nl = style.newline;
  const typescript = style.typescript;
  const lines: string[] = [];
  if (program.body[0]?.type === 'ExpressionStatement' && program.body[0].directive === 'use strict' && moduleSystemOf(context.file, program) === 'cjs') lines.push(`${quoted(style, 'use strict')}${end}`, '');
  const when = schedule.when ? ` (${schedule.when})` : schedule.expression ? ` (${quoted(style, schedule.expression)})` : '';
  lines.push(
    `// Runs the job ${context.file} schedules with ${schedule.library}${when} once, then exits: the platform's`,
    '// scheduler starts it on that schedule, so it runs once per schedule instead of once in every replica.',
    '// Close what the job opens (database connections) so that the process can exit.',
  );
  if (imports.length > 0) lines.push('', ...imports);
  lines.push('', `async function run(${body.parameters})${typescript ? ': Promise<void>' : ''} {`, ...body.lines, '}', '');
  lines.push(`run(${body.argument}).catch((error${typescript ? ': unknown' : ''}) => {`, `${style.indent}console.error(error)${end}`, `${style.indent}process.exitCode = 1${end}`, `})${end}`, '');
  return { file, appRoot, text: lines.join(nl), typescript };
}

interface TaskBody {
  lines: string[];
  parameters: string;
  argument: string;
  /** The code moved to the job file, whose free names must be importable. */
  scope: Node;
}

function taskBody(text: string, task: Node, schedule: CronSchedule, style: SourceStyle): TaskBody | undefined {
  const end = semicolon(style);
  if (task.type === 'Identifier' || (task.type === 'MemberExpression' && isPlainMember(task))) {
    return { lines: [`${style.indent}await ${text.slice(task.range[0], task.range[1])}()${end}`], parameters: '', argument: '', scope: task };
  }
  if (task.type !== 'ArrowFunctionExpression' && task.type !== 'FunctionExpression') return undefined;
  if (usesOwnReceiver(task)) return undefined;
  const fn = task as FunctionNode;
  // node-cron and node-schedule give the task the time it fires; cron gives its onComplete; setInterval the arguments after the delay.
  if (fn.params.length > 1 || (fn.params.length === 1 && (schedule.library === 'cron' || schedule.library === 'setInterval' || fn.params[0].type !== 'Identifier'))) return undefined;
  const parameter = fn.params[0];
  // TypeScript typed it from the scheduler's callback type; on a function of its own it needs the type written.
  const annotation = style.typescript && parameter?.type === 'Identifier' && !parameter.typeAnnotation ? ': Date' : '';
  const parameters = parameter ? text.slice(parameter.range[0], parameter.range[1]) + annotation : '';
  const argument = fn.params.length === 1 ? 'new Date()' : '';
  if (fn.body.type !== 'BlockStatement') {
    return { lines: [`${style.indent}await ${text.slice(fn.body.range[0], fn.body.range[1])}${end}`], parameters, argument, scope: fn };
  }
  const inner = text.slice(fn.body.range[0] + 1, fn.body.range[1] - 1);
  const rawLines = inner.split(/\r?\n/);
  // The block's own lines, re-indented to one level, unless a multi-line template literal would change with them.
  let multilineTemplate = false;
  visit(fn.body, (node) => {
    if (node.type === 'TemplateLiteral' && text.slice(node.range[0], node.range[1]).includes('\n')) multilineTemplate = true;
  });
  const lines = rawLines.filter((line, index) => !((index === 0 || index === rawLines.length - 1) && line.trim() === ''));
  if (lines.length === 0) return { lines: [], parameters, argument, scope: fn };
  // A one-line body (`function () { Backup.run(); }`) has no indentation of its own to keep.
  const common = lines.length === 1 ? lines[0].length - lines[0].trimStart().length : lines.filter((line) => line.trim() !== '').reduce((shortest, line) => Math.min(shortest, /^[ \t]*/.exec(line)![0].length), Number.POSITIVE_INFINITY);
  const reindented = multilineTemplate ? lines : lines.map((line) => (line.trim() === '' ? '' : style.indent + line.slice(common).trimEnd()));
  return { lines: reindented, parameters, argument, scope: fn };
}

function isPlainMember(node: Node): boolean {
  if (node.type === 'Identifier') return true;
  return node.type === 'MemberExpression' && !node.computed && isPlainMember(node.object);
}

/** `this` and `arguments` of a `function` task mean something only where it is scheduled. */
function usesOwnReceiver(task: Node): boolean {
  let uses = false;
  visit(task, (node) => {
    if (node.type === 'ThisExpression' || (node.type === 'Identifier' && node.name === 'arguments') || node.type === 'MetaProperty') uses = true;
  });
  return uses;
}

/**
 * The import statements the moved code needs, copied from the module (relative paths rewritten for the
 * job file's folder), keeping only the names it uses. Undefined when it uses anything else of the module
 * (a variable, a function declared there, a parameter of an enclosing function): that cannot move.
 */
function neededImports(context: RuleContext, program: TSESTree.Program, scope: Node, jobFile: string, sameFolder: boolean): string[] | undefined {
  const text = context.sourceText;
  const local = scope.type === 'Identifier' || scope.type === 'MemberExpression' ? new Set<string>() : declaredNames(scope);
  const free = new Set<string>();
  let movable = true;
  visit(scope, (node, parent) => {
    if (node.type !== 'Identifier' || local.has(node.name) || !isReference(node, parent)) return;
    if (MODULE_LOCALS.has(node.name) && !sameFolder) movable = false;
    free.add(node.name);
  });
  if (!movable) return undefined;

  const bindings = topLevelBindings(program);
  const outer = enclosingDeclarations(scope);
  const statements = new Map<Node, Set<string>>();
  for (const name of free) {
    if (outer.has(name)) return undefined;
    const binding = bindings.get(name);
    if (!binding) continue; // a global
    if (!binding.importStatement) return undefined;
    const names = statements.get(binding.importStatement) ?? new Set<string>();
    names.add(name);
    statements.set(binding.importStatement, names);
  }
  return [...statements]
    .sort(([a], [b]) => a.range[0] - b.range[0])
    .map(([statement, names]) => copyImport(text, statement, names, context.file, jobFile))
    .filter((line): line is string => line !== undefined);
}

interface TopLevelBinding {
  /** The import or require statement that binds it; undefined for any other declaration. */
  importStatement?: Node;
}

function topLevelBindings(program: TSESTree.Program): Map<string, TopLevelBinding> {
  const bindings = new Map<string, TopLevelBinding>();
  for (const statement of program.body) {
    const declaration = (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration ? statement.declaration : statement;
    if (declaration.type === 'ImportDeclaration') {
      for (const specifier of declaration.specifiers) bindings.set(specifier.local.name, { importStatement: declaration });
      continue;
    }
    if (declaration.type === 'VariableDeclaration') {
      const imports = declaration.declarations.length === 1 && !!declaration.declarations[0].init && requireOf(declaration.declarations[0].init) !== undefined;
      for (const name of declaredNames(declaration)) bindings.set(name, { importStatement: imports ? declaration : undefined });
      continue;
    }
    if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration' || declaration.type === 'TSEnumDeclaration') && declaration.id) {
      bindings.set(declaration.id.name, {});
    }
    if (declaration.type === 'TSImportEqualsDeclaration') bindings.set(declaration.id.name, {});
  }
  return bindings;
}

/** `require('x')`, `require('x').y`. */
function requireOf(node: Node): string | undefined {
  let current = node;
  while (current.type === 'MemberExpression') current = current.object;
  return requiredModule(current);
}

/** Names declared by the functions around the moved code: it would lose them in another file. */
function enclosingDeclarations(scope: Node): Set<string> {
  const names = new Set<string>();
  for (let current = scope.parent; current; current = current.parent) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') {
      for (const name of declaredNames(current)) names.add(name);
    }
  }
  // The scheduled task's own declarations are inside `scope`; those of sibling callbacks are not its concern.
  for (const name of scope.type === 'Identifier' || scope.type === 'MemberExpression' ? [] : declaredNames(scope)) names.delete(name);
  return names;
}

function relativeSpecifier(specifier: string, from: string, to: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const target = path.posix.join(path.posix.dirname(from), specifier);
  const relative = path.posix.relative(path.posix.dirname(to), target);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** The import statement again, with only `names` and its module path seen from the job file. */
function copyImport(text: string, statement: Node, names: Set<string>, from: string, to: string): string | undefined {
  const literal = importLiteral(statement);
  if (!literal) return undefined;
  const source = text.slice(literal.range[0], literal.range[1]);
  const quote = source[0];
  const specifier = relativeSpecifier(String(literal.value), from, to);
  const moved = `${quote}${specifier}${quote}`;
  const end = text.slice(statement.range[0], statement.range[1]).trimEnd().endsWith(';') ? ';' : '';
  if (statement.type === 'ImportDeclaration') {
    const kept = statement.specifiers.filter((specifier) => names.has(specifier.local.name));
    const defaults = kept.filter((specifier) => specifier.type !== 'ImportSpecifier').map((specifier) => text.slice(specifier.range[0], specifier.range[1]));
    const named = kept.filter((specifier) => specifier.type === 'ImportSpecifier').map((specifier) => text.slice(specifier.range[0], specifier.range[1]));
    const clause = [...defaults, ...(named.length > 0 ? [`{ ${named.join(', ')} }`] : [])].join(', ');
    return `import ${statement.importKind === 'type' ? 'type ' : ''}${clause} from ${moved}${end}`;
  }
  if (statement.type === 'VariableDeclaration') {
    const declarator = statement.declarations[0];
    const init = declarator.init!;
    const initText = text.slice(init.range[0], literal.range[0]) + moved + text.slice(literal.range[1], init.range[1]);
    let target = text.slice(declarator.id.range[0], declarator.id.range[1]);
    if (declarator.id.type === 'ObjectPattern') {
      const kept = declarator.id.properties.filter((property) => property.type === 'Property' && property.value.type === 'Identifier' && names.has(property.value.name));
      target = `{ ${kept.map((property) => text.slice(property.range[0], property.range[1])).join(', ')} }`;
    }
    return `${statement.kind} ${target} = ${initText}${end}`;
  }
  return undefined;
}

function importLiteral(statement: Node): TSESTree.StringLiteral | undefined {
  if (statement.type === 'ImportDeclaration') return statement.source;
  if (statement.type !== 'VariableDeclaration') return undefined;
  let current: Node | null | undefined = statement.declarations[0]?.init;
  while (current?.type === 'MemberExpression') current = current.object;
  if (current?.type !== 'CallExpression') return undefined;
  const [argument] = current.arguments;
  return argument?.type === 'Literal' && typeof argument.value === 'string' ? (argument as TSESTree.StringLiteral) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The Kubernetes CronJob

/** A Kubernetes schedule: five fields, or a 6-field expression whose seconds are 0; `@daily` and friends as they are. */
function kubernetesSchedule(expression: string | undefined): string | undefined {
  if (!expression) return undefined;
  const trimmed = expression.trim();
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(trimmed)) return trimmed === '@midnight' ? '@daily' : trimmed;
  const fields = trimmed.split(/\s+/);
  if (fields.length === 6 && fields[0] === '0') return fields.slice(1).join(' ');
  return fields.length === 5 ? fields.join(' ') : undefined;
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function kubernetesName(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  // CronJob names are at most 52 characters (the controller appends a suffix for each Job).
  return (cleaned || 'job').slice(0, 52).replace(/-+$/, '');
}

function cronJobManifest(context: RuleContext, schedule: CronSchedule, job: JobEntryPoint): TextEdit | undefined {
  const when = kubernetesSchedule(schedule.expression);
  if (!when) return undefined;
  const name = kubernetesName(path.posix.basename(job.file).replace(/\.job\.[cm]?[jt]s$/, ''));
  const prefix = job.appRoot ? `${job.appRoot}/` : '';
  const file = `${prefix}k8s/${name}-cronjob.yaml`;
  if (context.project.allFiles.has(file)) return undefined;
  const manifest = context.project.packages.get(job.appRoot) ?? context.project.packages.get('');
  const image = `${kubernetesName((manifest?.name ?? (path.posix.basename(job.appRoot) || 'app')).replace(/^@/, ''))}:latest`;
  const relative = job.file.slice(prefix.length);
  const command = job.typescript ? compiledPath(context, job, relative) : relative;
  const lines = [
    `# Runs ${relative} on the schedule ${context.file} gave ${schedule.library}, once per schedule instead of once`,
    '# in every replica. Set the image to the one the app\'s Deployment runs and give the container the same',
    '# environment (env, envFrom) as the app.',
    ...(schedule.library === 'setInterval' ? [`# setInterval counted ${schedule.when ?? 'its period'} from the app's start; the CronJob runs at those times of the clock.`] : []),
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  schedule: ${yamlString(when)}`,
    ...(schedule.timeZone ? [`  timeZone: ${yamlString(schedule.timeZone)}`] : []),
    '  # A run still going when the next one is due is not started twice.',
    '  concurrencyPolicy: Forbid',
    '  jobTemplate:',
    '    spec:',
    '      backoffLimit: 2',
    '      template:',
    '        spec:',
    '          restartPolicy: Never',
    '          containers:',
    `            - name: ${name}`,
    `              image: ${image} # placeholder: the app's image`,
    ...(job.typescript ? ['              # The compiled job file: adjust it to the build\'s output folder.'] : []),
    `              command: [${yamlString('node')}, ${yamlString(command)}]`,
    '',
  ];
  return { file, range: [0, 0], text: lines.join('\n') };
}

/** Where the TypeScript build puts the job: `src/jobs/x.job.ts` → `dist/jobs/x.job.js`, the output folder read from `main` or the start script. */
function compiledPath(context: RuleContext, job: JobEntryPoint, relative: string): string {
  const manifest = context.project.packages.get(job.appRoot) ?? context.project.packages.get('');
  const hint = [manifest?.main, manifest?.scripts.start].find((value) => value && /(^|\s|\/)(dist|build|out|lib)\//.test(value));
  const outDir = hint ? /(?:^|\s|\.\/)(dist|build|out|lib)\//.exec(hint)?.[1] ?? 'dist' : 'dist';
  return `${outDir}/${relative.replace(/^src\//, '').replace(/\.([cm]?)ts$/, '.$1js')}`;
}

/**
 * A timer's period as a cron expression, when the clock has one for it: a number of minutes that divides an hour
 * (15 minutes: at minutes 0, 15, 30 and 45), of hours that divides a day, a day, a week. Undefined otherwise
 * (seconds, 7 minutes, 5 hours): a CronJob could only run such a job at uneven intervals.
 */
export function cronExpressionForPeriod(milliseconds: number | undefined): string | undefined {
  if (milliseconds === undefined || !Number.isInteger(milliseconds) || milliseconds <= 0 || milliseconds % 60_000 !== 0) return undefined;
  const minutes = milliseconds / 60_000;
  if (minutes < 60) return 60 % minutes === 0 ? (minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`) : undefined;
  if (minutes % 60 !== 0) return undefined;
  const hours = minutes / 60;
  if (hours < 24) return 24 % hours === 0 ? (hours === 1 ? '0 * * * *' : `0 */${hours} * * *`) : undefined;
  if (hours === 24) return '0 0 * * *';
  return hours === 24 * 7 ? '0 0 * * 0' : undefined;
}
