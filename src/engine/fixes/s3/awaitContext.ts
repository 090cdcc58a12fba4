import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { applicationRoot } from '../../core/project';
import { propertyName } from '../../core/scope';
import type { RuleContext, TextEdit } from '../../types';
import type { SourceStyle } from '../sourceStyle';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Where an `await` can take the place of a synchronous call, and what has to change for it. */
export interface AwaitContext {
  /** Edits that make the surrounding function async (empty when it already is); shared by every call in it. */
  edits: TextEdit[];
  /** For titles: why the function may become async. */
  reason?: string;
}

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head']);
/** Schedulers that ignore what their callback returns, and (node-cron) handle a rejected promise as a failed run. */
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/**
 * An `await` in place of a blocking call is only safe where nobody relies on the function returning after the
 * work is done: in an async function, in an Express route handler (made async; with Express 4 its body is
 * wrapped so a rejection still reaches `next`, as a thrown error did), in a timer or cron callback whose return
 * value is ignored, and at the top level of an ES module. A function whose callers use its result
 * synchronously cannot become async without changing them, so there is no fix there.
 */
export function awaitContext(context: RuleContext, style: SourceStyle, call: Node): AwaitContext | undefined {
  const fn = enclosingFunction(call);
  if (!fn) return /\.m[jt]s$/.test(context.file) ? { edits: [] } : undefined;
  if (fn.async) return { edits: [] };
  if (fn.generator) return undefined;
  const parent = fn.parent;
  if (parent?.type !== 'CallExpression' || !parent.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  if (isExpressRoute(context, parent) && fn.params.length >= 2 && fn.params.length <= 3) return routeHandler(context, style, fn);
  if (isScheduler(context, parent)) return { edits: [makeAsync(fn)], reason: 'scheduled callback' };
  return undefined;
}

export function enclosingFunction(node: Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') return current;
    if (current.type === 'PropertyDefinition' || current.type === 'StaticBlock') return undefined;
    current = current.parent;
  }
  return undefined;
}

function makeAsync(fn: FunctionNode): TextEdit {
  // A method shorthand's function starts at its parameters: `async` goes before the key.
  const parent = fn.parent;
  if (parent && (parent.type === 'Property' || parent.type === 'MethodDefinition') && parent.value === fn && (parent.type === 'MethodDefinition' || parent.method)) {
    return { range: [parent.key.range[0], parent.key.range[0]], text: 'async ' };
  }
  return { range: [fn.range[0], fn.range[0]], text: 'async ' };
}

function isExpressRoute(context: RuleContext, call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== 'MemberExpression') return false;
  const method = propertyName(call.callee.property, call.callee.computed);
  if (!method || !ROUTE_METHODS.has(method)) return false;
  const resolved = context.resolve(call.callee);
  // An app or router made by express: `express()`, `express.Router()`, `app.route('/x')`.
  return resolved?.module === 'express' && resolved.path.includes('()');
}

function isScheduler(context: RuleContext, call: TSESTree.CallExpression): boolean {
  const resolved = context.resolve(call.callee);
  if (!resolved) return call.callee.type === 'Identifier' && TIMERS.has(call.callee.name);
  const last = resolved.path[resolved.path.length - 1];
  if (resolved.module === 'timers') return TIMERS.has(last ?? '');
  if (resolved.module === 'node-cron') return last === 'schedule';
  if (resolved.module === 'node-schedule') return last === 'scheduleJob';
  return false;
}

/** The major version of Express the app depends on, when its manifest says. */
function expressMajor(context: RuleContext): number | undefined {
  const manifest = context.project.packages.get(applicationRoot(context.project, context.file));
  const range = manifest?.dependencies.express ?? manifest?.devDependencies.express;
  const major = range ? /(\d+)/.exec(range)?.[1] : undefined;
  return major === undefined ? undefined : Number(major);
}

/**
 * Express 5 passes a rejected promise to the error handlers; Express 4 ignores it (an unhandled rejection),
 * where a thrown error became a 500. So for Express 4, or when the version is unknown, the body goes into a
 * try/catch that calls `next`.
 */
function routeHandler(context: RuleContext, style: SourceStyle, fn: FunctionNode): AwaitContext | undefined {
  const edits: TextEdit[] = [makeAsync(fn)];
  const major = expressMajor(context);
  if (major !== undefined && major >= 5) return { edits, reason: 'route handler' };
  const body = fn.body;
  if (body.type !== 'BlockStatement' || body.body.length === 0) return undefined;
  const text = context.sourceText;
  const open = body.range[0];
  const close = body.range[1] - 1;
  const oneLine = !text.slice(open, close).includes('\n');
  const firstLineStart = text.indexOf('\n', open) + 1;
  const closeLineStart = text.lastIndexOf('\n', close) + 1;
  // A body over several lines is re-indented into the try block: its first statement on a line of its own, the closing brace too.
  if (!oneLine && (firstLineStart === 0 || firstLineStart > body.body[0].range[0] || text.slice(closeLineStart, close).trim() !== '')) return undefined;
  const params = fn.params;
  let next: string;
  if (params.length === 3) {
    if (params[2].type !== 'Identifier') return undefined;
    next = params[2].name;
  } else {
    if (/\bnext\b/.test(text.slice(fn.range[0], fn.range[1])) || params.some((param) => param.type !== 'Identifier' || !!param.typeAnnotation)) return undefined;
    next = 'next';
    const last = params[params.length - 1];
    edits.push({ range: [last.range[1], last.range[1]], text: `, ${next}` });
  }
  const nl = style.newline;
  const indent = style.indent;
  const base = text.slice(closeLineStart, close);
  const semicolon = style.semicolons ? ';' : '';
  if (oneLine) {
    // `(req, res) => { a(); b(); }` → `async (req, res, next) => { try { a(); b(); } catch (error) { next(error); } }`
    const gap = text.slice(body.body[body.body.length - 1].range[1], close);
    edits.push({ range: [open + 1, open + 1], text: ' try {' });
    edits.push({ range: [close, close], text: `${gap === '' ? ' ' : ''}} catch (error) { ${next}(error)${semicolon} }${gap === '' ? '' : ' '}` });
    return { edits, reason: 'route handler' };
  }
  edits.push({ range: [open + 1, open + 1], text: `${nl}${base}${indent}try {` });
  for (const lineStart of lineStarts(text, firstLineStart, closeLineStart, untouchable(body))) edits.push({ range: [lineStart, lineStart], text: indent });
  edits.push({ range: [closeLineStart, closeLineStart], text: `${base}${indent}} catch (error) {${nl}${base}${indent}${indent}${next}(error)${semicolon}${nl}${base}${indent}}${nl}` });
  return { edits, reason: 'route handler' };
}

/** Starts of non-blank lines in [from, to), except those inside template literals (whose text would change). */
function lineStarts(text: string, from: number, to: number, inside: [number, number][]): number[] {
  const starts: number[] = [];
  for (let offset = from; offset < to; ) {
    const end = text.indexOf('\n', offset);
    const lineEnd = end === -1 || end > to ? to : end;
    const blank = text.slice(offset, lineEnd).trim() === '';
    if (!blank && !inside.some(([start, stop]) => start < offset && offset < stop)) starts.push(offset);
    offset = lineEnd + 1;
  }
  return starts;
}

/** Template literals below a node: a line that starts inside one must keep its exact text. */
function untouchable(root: Node): [number, number][] {
  const ranges: [number, number][] = [];
  const visit = (node: Node, depth: number) => {
    if (depth > 200) return;
    if (node.type === 'TemplateLiteral' || (node.type === 'Literal' && typeof node.value === 'string')) ranges.push(node.range);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof (child as Node).type === 'string') visit(child as Node, depth + 1);
      } else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') {
        visit(value as Node, depth + 1);
      }
    }
  };
  visit(root, 0);
  return ranges;
}
