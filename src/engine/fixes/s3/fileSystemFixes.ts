import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../../core/scope';
import type { RuleContext, TextEdit } from '../../types';
import { awaitContext, enclosingFunction } from './awaitContext';
import { quoted, type SourceStyle } from '../sourceStyle';
import { objectKeyFor, type ObjectKey } from './objectKey';
import { programOf, s3Names, WRITE_STREAM_HELPER, type S3Need, type S3SetupPlan } from './setup';

type Node = TSESTree.Node;

/** A fix's own edits and what it needs declared in the module; `completeS3Fix` adds the rest. */
export interface PartialS3Fix {
  title: string;
  edits: TextEdit[];
  needs: S3Need[];
}

const FILE_SYSTEM_MODULES = new Set(['fs', 'fs-extra', 'graceful-fs']);
const UTF8 = new Set(['utf8', 'utf-8']);

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  gif: 'image/gif',
  htm: 'text/html',
  html: 'text/html',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  webp: 'image/webp',
  xml: 'application/xml',
};

type Form = 'sync' | 'callback' | 'promise';

/** `fs.writeFileSync` → sync, `fs.writeFile(.., cb)` → callback, `fs.promises.writeFile`/`fs/promises`/fs-extra without a callback → promise. */
function formOf(context: RuleContext, call: TSESTree.CallExpression, base: string, fixedArguments: number): { form: Form; operation: string } | undefined {
  const callee = context.resolve(call.callee);
  if (!callee || !FILE_SYSTEM_MODULES.has(callee.module)) return undefined;
  const promises = callee.path.length === 2 && callee.path[0] === 'promises';
  if (callee.path.length !== 1 && !promises) return undefined;
  const operation = callee.path[callee.path.length - 1];
  if (operation === `${base}Sync` && !promises) return { form: 'sync', operation };
  if (operation !== base) return undefined;
  if (promises) return { form: 'promise', operation };
  const last = call.arguments[call.arguments.length - 1];
  if (call.arguments.length > fixedArguments && last && isCallbackLike(last)) {
    // fs-extra's callback is optional: a name there may be the options (`fse.outputFile(file, data, options)`).
    if (callee.module === 'fs-extra' && last.type !== 'FunctionExpression' && last.type !== 'ArrowFunctionExpression' && !/^(cb|callback|done|next)$|Callback$/i.test(calleeName(last))) return undefined;
    return { form: 'callback', operation };
  }
  // fs-extra returns a promise when no callback is given; plain fs requires the callback.
  return callee.module === 'fs-extra' ? { form: 'promise', operation } : undefined;
}

function calleeName(node: Node): string {
  return node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier' ? node.property.name : '';
}

function isCallbackLike(node: Node): boolean {
  return node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'Identifier' || node.type === 'MemberExpression';
}

/** The options argument of a write or read: absent, or only a text encoding. Anything else (a mode, `flag: 'a'`) has no S3 equivalent. */
function encodingOf(node: Node | undefined): { encoding?: string } | undefined {
  if (!node) return {};
  if (node.type === 'Literal' && typeof node.value === 'string') return { encoding: node.value.toLowerCase() };
  if (node.type !== 'ObjectExpression') return undefined;
  let encoding: string | undefined;
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.computed) return undefined;
    const name = propertyName(property.key, false);
    const value = property.value;
    if (name === 'encoding' && value.type === 'Literal' && typeof value.value === 'string') encoding = value.value.toLowerCase();
    else if (name === 'flag' && value.type === 'Literal' && (value.value === 'w' || value.value === 'r')) continue;
    else return undefined;
  }
  return { encoding };
}

function putObject(client: string, key: ObjectKey, body: string, style: SourceStyle): string {
  const type = key.extension ? CONTENT_TYPES[key.extension] : undefined;
  const contentType = type ? `, ContentType: ${quoted(style, type)}` : '';
  return `${client}.send(new PutObjectCommand({ Bucket: process.env.S3_BUCKET, Key: ${key.code}, Body: ${body}${contentType} }))`;
}

/**
 * `fs.writeFile`/`writeFileSync`/`promises.writeFile` → `PutObjectCommand`; `createWriteStream` → a stream that
 * uploads with `Upload`. The data, the callback and the code around stay as they are: only the call's head,
 * its path and its tail are replaced, so the code inside them keeps its text (and other fixes can edit it).
 */
export function writeToS3(context: RuleContext, plan: S3SetupPlan | undefined, call: TSESTree.CallExpression): PartialS3Fix | undefined {
  const names = plan && s3Names(plan);
  if (!plan || !names || !programOf(call)) return undefined;
  const { style } = plan;
  const client = names.client;
  const text = context.sourceText;

  if (isCreateWriteStream(context, call)) {
    const [path, options, ...extra] = call.arguments;
    if (!path || path.type === 'SpreadElement' || extra.length > 0 || (options && !isUtf8Only(options))) return undefined;
    if (!streamUsesOnlyWritable(context, call)) return undefined;
    const key = objectKeyFor(context, style, path);
    if (!key) return undefined;
    return {
      title: `Stream to S3 (Upload, key ${key.display})`,
      edits: [{ range: call.range, text: `${WRITE_STREAM_HELPER}(${key.code})` }],
      needs: ['writeStream'],
    };
  }

  const write = formOf(context, call, 'writeFile', 2) ?? formOf(context, call, 'outputFile', 2);
  if (!write) return undefined;
  const args = call.arguments;
  const [path, data] = args;
  if (!path || !data || path.type === 'SpreadElement' || data.type === 'SpreadElement') return undefined;
  const callback = write.form === 'callback' ? args[args.length - 1] : undefined;
  const options = args.slice(2, callback ? args.length - 1 : args.length);
  if (options.length > 1 || options.some((option) => option.type === 'SpreadElement')) return undefined;
  const encoding = encodingOf(options[0] as Node | undefined);
  // A string written in another encoding (`'base64'`) would need decoding first: not guessed here.
  if (!encoding || (encoding.encoding !== undefined && !UTF8.has(encoding.encoding))) return undefined;
  const key = objectKeyFor(context, style, path);
  if (!key) return undefined;

  const head = putObject(client, key, '\u0000', style);
  const [before, after] = head.split('\u0000');
  const title = `Write to S3 (PutObjectCommand, key ${key.display})`;
  const dataEnd = data.range[1];
  switch (write.form) {
    case 'promise':
      return { title, edits: [{ range: [call.range[0], data.range[0]], text: before }, { range: [dataEnd, call.range[1]], text: after }], needs: ['PutObjectCommand'] };
    case 'callback': {
      if (!isStatementLike(call) || !callback || callback.type === 'SpreadElement') return undefined;
      const callbackText = text.slice(callback.range[0], callback.range[1]);
      // A named callback gets the outcome as fs gave it; an inline one keeps its text, behind a step that turns the outcome into its error argument.
      const inline = callback.type === 'FunctionExpression' || callback.type === 'ArrowFunctionExpression';
      if (inline && callback.params.length > 1) return undefined;
      const edits: TextEdit[] = [{ range: [call.range[0], data.range[0]], text: before }];
      if (inline) {
        edits.push({ range: [dataEnd, callback.range[0]], text: `${after}.then(() => null, (error) => error).then(` });
        edits.push({ range: [callback.range[1], call.range[1]], text: ')' });
      } else {
        edits.push({ range: [dataEnd, call.range[1]], text: `${after}.then(() => ${callbackText}(null), ${callbackText})` });
      }
      return { title, edits, needs: ['PutObjectCommand'] };
    }
    case 'sync': {
      if (!isStatementLike(call)) return undefined;
      const where = awaitContext(context, style, call);
      if (!where) return undefined;
      return {
        title: where.reason ? `${title}; the ${where.reason} becomes async` : title,
        edits: [...where.edits, { range: [call.range[0], data.range[0]], text: `await ${before}` }, { range: [dataEnd, call.range[1]], text: after }],
        needs: ['PutObjectCommand'],
      };
    }
  }
}

/** The call's value is not used: a statement, or the body of an arrow function (whose caller gets a promise now, not undefined). */
function isStatementLike(call: Node): boolean {
  const parent = call.parent;
  return parent?.type === 'ExpressionStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === call);
}

function isCreateWriteStream(context: RuleContext, call: TSESTree.CallExpression): boolean {
  const callee = context.resolve(call.callee);
  return !!callee && FILE_SYSTEM_MODULES.has(callee.module) && callee.path.length === 1 && callee.path[0] === 'createWriteStream';
}

function isUtf8Only(node: Node): boolean {
  const encoding = encodingOf(node);
  return !!encoding && (encoding.encoding === undefined || UTF8.has(encoding.encoding));
}

/**
 * The replacement is a Writable, not an fs.WriteStream: code that uses what only a file stream has (`close()`,
 * `path`, `bytesWritten`, `fd`, the 'open'/'ready' events) or appends (`flags: 'a'`) keeps the file.
 */
function streamUsesOnlyWritable(context: RuleContext, call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  let name: string | undefined;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') name = parent.id.name;
  else if (parent?.type === 'AssignmentExpression' && parent.left.type === 'Identifier') name = parent.left.name;
  else if (parent?.type === 'MemberExpression' && parent.object === call) return !FILE_STREAM_ONLY.test(`.${propertyName(parent.property, parent.computed) ?? ''}`);
  if (!name) return true;
  const scope = enclosingFunction(call) ?? programOf(call);
  const scopeText = scope ? context.sourceText.slice(scope.range[0], scope.range[1]) : context.sourceText;
  return !new RegExp(`\\b${name}\\s*\\??\\.\\s*(close|path|bytesWritten|fd|pending)\\b`).test(scopeText) && !/['"](open|ready)['"]/.test(scopeText);
}

const FILE_STREAM_ONLY = /^\.(close|path|bytesWritten|fd|pending)$/;

/**
 * `readFileSync`/`readFile`/`promises.readFile` of a file the app writes → `GetObjectCommand`, the body as a
 * string (an encoding was given) or a Buffer (none was). Code that tells a missing file by `ENOENT` or checks
 * with `existsSync` first would silently take another path with S3's `NoSuchKey`: no fix there.
 */
export function readFromS3(context: RuleContext, plan: S3SetupPlan | undefined, call: TSESTree.CallExpression): PartialS3Fix | undefined {
  const names = plan && s3Names(plan);
  if (!plan || !names || !programOf(call)) return undefined;
  const read = formOf(context, call, 'readFile', 1);
  if (!read) return undefined;
  const { style } = plan;
  const args = call.arguments;
  const [path] = args;
  if (!path || path.type === 'SpreadElement') return undefined;
  const callback = read.form === 'callback' ? args[args.length - 1] : undefined;
  const options = args.slice(1, callback ? args.length - 1 : args.length);
  if (options.length > 1 || options.some((option) => option.type === 'SpreadElement')) return undefined;
  const encoding = encodingOf(options[0] as Node | undefined);
  if (!encoding) return undefined;
  const scope = enclosingFunction(call) ?? programOf(call);
  if (scope && /ENOENT|exists(Sync)?\s*\(/.test(context.sourceText.slice(scope.range[0], scope.range[1]))) return undefined;
  const key = objectKeyFor(context, style, path);
  if (!key) return undefined;

  const body = style.typescript ? 'object.Body!' : 'object.Body';
  const decode =
    encoding.encoding === undefined
      ? `.then((object) => ${body}.transformToByteArray()).then((bytes) => Buffer.from(bytes))`
      : `.then((object) => ${body}.transformToString(${UTF8.has(encoding.encoding) ? '' : quoted(style, encoding.encoding)}))`;
  const get = `${names.client}.send(new GetObjectCommand({ Bucket: process.env.S3_BUCKET, Key: ${key.code} }))${decode}`;
  const title = `Read from S3 (GetObjectCommand, key ${key.display})`;
  switch (read.form) {
    case 'promise':
      return { title, edits: [{ range: call.range, text: get }], needs: ['GetObjectCommand'] };
    case 'callback': {
      // Only a named callback: an inline one would have to be written twice or moved.
      if (!callback || (callback.type !== 'Identifier' && callback.type !== 'MemberExpression') || !isStatementLike(call)) return undefined;
      const name = context.sourceText.slice(callback.range[0], callback.range[1]);
      return { title, edits: [{ range: call.range, text: `${get}.then((data) => ${name}(null, data), ${name})` }], needs: ['GetObjectCommand'] };
    }
    case 'sync': {
      const where = awaitContext(context, style, call);
      if (!where) return undefined;
      const awaited = `await ${get}`;
      return {
        title: where.reason ? `${title}; the ${where.reason} becomes async` : title,
        edits: [...where.edits, { range: call.range, text: needsParentheses(call) ? `(${awaited})` : awaited }],
        needs: ['GetObjectCommand'],
      };
    }
  }
}

/** `await x` binds looser than member access, calls and most operators. */
function needsParentheses(node: Node): boolean {
  const parent = node.parent;
  switch (parent?.type) {
    case 'VariableDeclarator':
    case 'ReturnStatement':
    case 'ExpressionStatement':
    case 'ArrayExpression':
    case 'TemplateLiteral':
    case 'AssignmentExpression':
      return false;
    case 'CallExpression':
    case 'NewExpression':
      return parent.callee === node;
    case 'Property':
      return parent.value !== node;
    default:
      return true;
  }
}
