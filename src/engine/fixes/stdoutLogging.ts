import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../core/scope';
import type { Fix, RuleContext, TextEdit } from '../types';
import { appDependencies, majorVersion } from './redisClient';
import { importsLeftUnused, insertAfterImports, lineStart, planImports, programOf, type ImportRequest } from './sourceEdits';
import { detectStyle } from './sourceStyle';

type Node = TSESTree.Node;

/**
 * Fixes that send logs to stdout instead of a file: a winston File transport becomes a Console transport
 * (keeping the options a Console transport has), a pino destination becomes file descriptor 1, a log stream
 * becomes `process.stdout`. Nothing is dropped silently: options that only mean something for a file are
 * named in the fix title, and a file transport is removed only beside one that already writes the same
 * logs to stdout.
 */

/** Options of winston 3's Console transport (the rest — filename, maxsize, rotation — only mean something for files). */
const CONSOLE_OPTIONS_3 = new Set(['level', 'silent', 'format', 'handleExceptions', 'handleRejections', 'eol', 'stderrLevels', 'consoleWarnLevels', 'forceConsole', 'debugStdout', 'name']);
/** winston 2's Console transport. */
const CONSOLE_OPTIONS_2 = new Set([
  'level', 'silent', 'colorize', 'timestamp', 'json', 'stringify', 'prettyPrint', 'depth', 'humanReadableUnhandledException', 'showLevel', 'formatter', 'stderrLevels',
  'debugStdout', 'label', 'handleExceptions', 'eol', 'align', 'name',
]);
/** npm log levels, most severe first (winston's default). */
const NPM_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'];

function title(display: string, dropped: string[] = []): string {
  return `Log to stdout instead of ${display}${dropped.length > 0 ? ` (drops the file options ${dropped.join(', ')})` : ''}`;
}

function optionsLiteral(node: Node | undefined): TSESTree.ObjectExpression | undefined | null {
  if (!node) return undefined;
  return node.type === 'ObjectExpression' && node.properties.every((property) => property.type === 'Property' && propertyName(property.key, property.computed) !== undefined) ? node : null;
}

function keyOf(property: TSESTree.ObjectLiteralElement): string {
  return property.type === 'Property' ? (propertyName(property.key, property.computed) ?? '') : '';
}

/** The object literal again with only `kept` properties (and `added` ones), in its own single- or multi-line layout. */
function rebuildObject(text: string, object: TSESTree.ObjectExpression, kept: TSESTree.ObjectLiteralElement[], added: string[], newline: string): string {
  const parts = [...kept.map((property) => text.slice(property.range[0], property.range[1])), ...added];
  if (parts.length === 0) return '';
  const first = object.properties[0];
  const multiline = first !== undefined && text.slice(object.range[0], first.range[0]).includes('\n');
  if (!multiline) return `{ ${parts.join(', ')} }`;
  const indent = text.slice(lineStart(text, first.range[0]), first.range[0]);
  const closing = text.slice(lineStart(text, object.range[1] - 1), object.range[1] - 1);
  const trailingComma = /,\s*}$/.test(text.slice(object.range[0], object.range[1]));
  return `{${newline}${parts.map((part) => indent + part).join(`,${newline}`)}${trailingComma ? ',' : ''}${newline}${/^[ \t]*$/.test(closing) ? closing : ''}}`;
}

function levelRank(object: TSESTree.ObjectExpression | undefined | null): number {
  const level = object?.properties.find((property) => keyOf(property) === 'level');
  if (!level || level.type !== 'Property') return Number.POSITIVE_INFINITY; // inherits the logger's level: the most verbose
  const value = level.value;
  const index = value.type === 'Literal' && typeof value.value === 'string' ? NPM_LEVELS.indexOf(value.value) : -1;
  return index === -1 ? Number.POSITIVE_INFINITY : index;
}

/** `new winston.transports.Console(...)` among the transports (written by the user, or this fix's pick). */
function isConsoleTransport(node: Node | null): boolean {
  if (node?.type !== 'NewExpression') return false;
  const callee = node.callee;
  return (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'Console') || (callee.type === 'Identifier' && callee.name === 'Console');
}

export interface WinstonTransport {
  construction: TSESTree.NewExpression;
  display: string;
}

/**
 * A winston file transport → a Console transport. Among several file transports of one `transports` array
 * the most verbose one becomes the Console transport and the others are removed (their logs are a subset of
 * its); beside an existing Console transport a file transport is removed.
 */
export function winstonTransportFix(context: RuleContext, transport: WinstonTransport, isFileTransport: (node: Node) => boolean): Fix | undefined {
  const { construction, display } = transport;
  const text = context.sourceText;
  const list = construction.parent?.type === 'ArrayExpression' ? construction.parent : undefined;
  if (list) {
    const elements = list.elements;
    const consoleExists = elements.some((element) => isConsoleTransport(element));
    const files = elements.filter((element): element is TSESTree.NewExpression => element?.type === 'NewExpression' && isFileTransport(element));
    const kept = files.reduce((best, element) => (levelRank(optionsLiteral(element.arguments[0])) > levelRank(optionsLiteral(best.arguments[0])) ? element : best), files[0]);
    if (consoleExists || (files.length > 1 && kept !== construction)) {
      const index = elements.indexOf(construction);
      const next = elements[index + 1];
      const previous = elements[index - 1];
      const range: [number, number] = next ? [construction.range[0], next.range[0]] : previous ? [previous.range[1], construction.range[1]] : construction.range;
      const reason = consoleExists ? 'the Console transport already writes these logs to stdout' : 'the Console transport made from the most verbose file transport writes them to stdout';
      return { title: `Remove the file transport for ${display}: ${reason}`, edits: [{ range, text: '' }] };
    }
  }
  return consoleTransportFix(context, construction, display, text);
}

function consoleTransportFix(context: RuleContext, construction: TSESTree.NewExpression, display: string, text: string): Fix | undefined {
  const program = programOf(construction);
  if (!program) return undefined;
  const style = detectStyle(context.file, text);
  const major = majorVersion(appDependencies(context.project, context.file).winston) ?? 3;
  const options = optionsLiteral(construction.arguments[0]);
  if (options === null || construction.arguments.length > 1) return undefined;

  const edits: TextEdit[] = [];
  const imports: ImportRequest[] = [];
  const callee = construction.callee;
  let consoleClass: string;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && /^(File|DailyRotateFile)$/.test(callee.property.name)) {
    consoleClass = `${text.slice(callee.object.range[0], callee.object.range[1])}.Console`;
  } else {
    imports.push({ module: 'winston', member: 'transports', names: ['transports', 'winstonTransports'], membersOnDefault: true });
    consoleClass = '';
  }
  const wantsFormat = major >= 3 && !options?.properties.some((property) => keyOf(property) === 'format') && loggerFormatUnset(construction);
  if (wantsFormat) imports.push({ module: 'winston', member: 'format', names: ['format', 'winstonFormat'], membersOnDefault: true });
  const plan = planImports(context.file, text, program, style, imports);
  if (!plan) return undefined;
  if (!consoleClass) consoleClass = `${plan.references[0]}.Console`;
  const format = wantsFormat ? plan.references[plan.references.length - 1] : undefined;
  if (plan.statements.length > 0) edits.push(insertAfterImports(text, program, style, plan.statements));

  const allowed = major >= 3 ? CONSOLE_OPTIONS_3 : CONSOLE_OPTIONS_2;
  const properties = options?.properties ?? [];
  const kept = properties.filter((property) => allowed.has(keyOf(property)));
  const dropped = properties.filter((property) => !allowed.has(keyOf(property))).map(keyOf).filter((key) => key !== 'filename' && key !== 'dirname');
  const added: string[] = [];
  if (format) added.push(`format: ${format}.json()`);
  // winston 2's File transport writes JSON by default, its Console transport text: keep the JSON.
  if (major < 3 && !properties.some((property) => keyOf(property) === 'json')) added.push('json: true');
  // `import DailyRotateFile from 'winston-daily-rotate-file'` is left unused once its construction is replaced.
  edits.push(...importsLeftUnused(text, program, callee.range, consoleClass));
  const argument = options ? rebuildObject(text, options, kept, added, style.newline) : added.length > 0 ? `{ ${added.join(', ')} }` : '';
  const argumentsRange: [number, number] = options ? options.range : [construction.range[1] - 1, construction.range[1] - 1];
  if (!options && text[construction.range[1] - 1] !== ')') {
    // `new winston.transports.File` without parentheses
    edits.push({ range: callee.range, text: `${consoleClass}(${argument})` });
  } else {
    edits.push({ range: callee.range, text: consoleClass }, { range: argumentsRange, text: argument });
  }
  return { title: title(display, dropped), edits };
}

/** The logger the transport is given to (`createLogger({ transports: [...] })`) sets no format of its own. */
function loggerFormatUnset(construction: TSESTree.NewExpression): boolean {
  const list = construction.parent;
  const property = list?.type === 'ArrayExpression' ? list.parent : undefined;
  const options = property?.type === 'Property' && propertyName(property.key, property.computed) === 'transports' ? property.parent : undefined;
  if (options?.type !== 'ObjectExpression') return false;
  return !options.properties.some((entry) => entry.type === 'SpreadElement' || keyOf(entry) === 'format');
}

/** winston 2: `winston.add(winston.transports.File, { filename })` → `winston.add(winston.transports.Console, { json: true })`. */
export function winstonAddFix(context: RuleContext, call: TSESTree.CallExpression, display: string): Fix | undefined {
  const text = context.sourceText;
  const [transport, optionsNode] = call.arguments;
  if (transport?.type !== 'MemberExpression' || transport.computed || transport.property.type !== 'Identifier' || call.arguments.length > 2) return undefined;
  const options = optionsLiteral(optionsNode);
  if (options === null) return undefined;
  const major = majorVersion(appDependencies(context.project, context.file).winston) ?? 2;
  const allowed = major >= 3 ? CONSOLE_OPTIONS_3 : CONSOLE_OPTIONS_2;
  const properties = options?.properties ?? [];
  const kept = properties.filter((property) => allowed.has(keyOf(property)));
  const dropped = properties.filter((property) => !allowed.has(keyOf(property))).map(keyOf).filter((key) => key !== 'filename' && key !== 'dirname');
  const added = major < 3 && !properties.some((property) => keyOf(property) === 'json') ? ['json: true'] : [];
  const style = detectStyle(context.file, text);
  const edits: TextEdit[] = [{ range: transport.property.range, text: 'Console' }];
  if (options) edits.push({ range: options.range, text: rebuildObject(text, options, kept, added, style.newline) || '{}' });
  return { title: title(display, dropped), edits };
}

/** `pino.destination('./app.log')`, `{ dest: './app.log' }`, pino/file's `destination`: file descriptor 1 is stdout. */
export function stdoutDescriptorFix(destination: Node, display: string): Fix {
  return { title: title(display), edits: [{ range: destination.range, text: '1' }] };
}

/** `pino(options, './app.log')` → `pino(options)`; `pino('./app.log')` → `pino()`: pino writes to stdout by default. */
export function removeArgumentFix(call: TSESTree.CallExpression, argument: Node, display: string): Fix | undefined {
  const index = call.arguments.indexOf(argument as TSESTree.CallExpressionArgument);
  if (index === -1 || index !== call.arguments.length - 1) return undefined;
  const start = index === 0 ? argument.range[0] : call.arguments[index - 1].range[1];
  return { title: title(display), edits: [{ range: [start, argument.range[1]], text: '' }] };
}

/** A write stream that only carries logs (morgan's, a console's, `*.log`) → `process.stdout`, which is a writable stream too. */
export function processStdoutFix(context: RuleContext, stream: Node, display: string): Fix {
  const program = programOf(stream);
  const unused = program ? importsLeftUnused(context.sourceText, program, stream.range) : [];
  return { title: title(display), edits: [{ range: stream.range, text: 'process.stdout' }, ...unused] };
}

/** bunyan's levels by name; a stream without a level logs from info. */
const BUNYAN_LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

function bunyanLevel(stream: TSESTree.ObjectExpression): number | undefined {
  const level = stream.properties.find((property) => keyOf(property) === 'level');
  if (!level || level.type !== 'Property') return BUNYAN_LEVELS.info;
  const value = level.value;
  if (value.type === 'Literal' && typeof value.value === 'number') return value.value;
  if (value.type === 'Literal' && typeof value.value === 'string') return BUNYAN_LEVELS[value.value.toLowerCase()];
  return undefined;
}

/**
 * bunyan `{ level: 'error', path: './logs/error.log' }` → `{ level: 'error', stream: process.stdout }` when it is
 * the only file stream and none writes to stdout yet; beside a stdout stream that logs the same levels or more,
 * the file stream is removed.
 */
export function bunyanStreamFix(context: RuleContext, path: TSESTree.Property, display: string): Fix | undefined {
  const stream = path.parent;
  const list = stream?.parent;
  if (stream?.type !== 'ObjectExpression' || list?.type !== 'ArrayExpression') return undefined;
  const text = context.sourceText;
  const siblings = list.elements.filter((element): element is TSESTree.ObjectExpression => element?.type === 'ObjectExpression' && element !== stream);
  const writesToFile = (object: TSESTree.ObjectExpression) => object.properties.some((property) => keyOf(property) === 'path');
  const writesToStdout = (object: TSESTree.ObjectExpression) =>
    object.properties.some((property) => keyOf(property) === 'stream' && property.type === 'Property' && text.slice(property.value.range[0], property.value.range[1]) === 'process.stdout');
  const own = bunyanLevel(stream);
  const stdout = siblings.find(writesToStdout);
  if (stdout) {
    const level = bunyanLevel(stdout);
    if (own === undefined || level === undefined || level > own) return undefined;
    const elements = list.elements;
    const index = elements.indexOf(stream);
    const next = elements[index + 1];
    const previous = elements[index - 1];
    const range: [number, number] = next ? [stream.range[0], next.range[0]] : [previous!.range[1], stream.range[1]];
    return { title: `Remove the bunyan stream for ${display}: the stream to stdout already writes these logs`, edits: [{ range, text: '' }] };
  }
  if (siblings.some(writesToFile)) return undefined;
  // A rotating file stream (`type: 'rotating-file'`, period, count) has no stdout counterpart: no fix.
  const type = stream.properties.find((property) => keyOf(property) === 'type');
  const typeValue = type?.type === 'Property' && type.value.type === 'Literal' ? type.value.value : undefined;
  if (type && typeValue !== 'file') return undefined;
  const edits: TextEdit[] = [{ range: path.range, text: 'stream: process.stdout' }];
  if (type) {
    const index = stream.properties.indexOf(type);
    const next = stream.properties[index + 1];
    edits.push({ range: next ? [type.range[0], next.range[0]] : [stream.properties[index - 1].range[1], type.range[1]], text: '' });
  }
  return { title: title(display), edits };
}
