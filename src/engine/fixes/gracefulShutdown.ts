import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleContext, TextEdit } from '../types';
import { NODE_SERVER_FRAMEWORKS, type Framework } from './appFramework';
import { declarationKeyword, enclosingStatement, freeName, insertAfter, insertBefore, programOf, semicolon, usesArrows } from './sourceEdits';
import { detectStyle, quoted, type SourceStyle } from './sourceStyle';

type Node = TSESTree.Node;

/** How long in-flight requests get before the process exits anyway; platforms wait 30 s by default before SIGKILL. */
const GRACE_MS = 10000;

/** `app`, `server`, `this.server`: a receiver the handler can name again. */
function simpleReference(text: string, node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'ThisExpression' && node.property.type === 'Identifier') return text.slice(node.range[0], node.range[1]);
  return undefined;
}

function handler(style: SourceStyle, arrows: boolean, body: string[]): string[] {
  const end = semicolon(style);
  return [`process.on(${quoted(style, 'SIGTERM')}, ${arrows ? '() =>' : 'function ()'} {`, ...body.map((line) => `${style.indent}${line}`), `})${end}`];
}

export interface ShutdownTarget {
  /** The `listen(...)` (or hapi `start()`) call that starts the server. */
  call: TSESTree.CallExpression;
  /** What the receiver is; undefined when it could not be resolved (then the server is assumed to be a Node server). */
  framework?: Framework;
  /** The receiver is itself a Node server (`http.createServer(app)`), which `listen` returns. */
  receiverIsServer: boolean;
}

/**
 * A SIGTERM handler that stops the server taking connections, lets in-flight requests finish and exits,
 * with a timeout fallback: `server.close()` for Node servers (binding `const server = app.listen(...)` when the
 * result was not kept), `fastify.close()`, hapi's `server.stop()`, NestJS's `app.enableShutdownHooks()`.
 * Inserted right after the statement that starts the server (before it for NestJS).
 */
export function gracefulShutdownFix(context: RuleContext, target: ShutdownTarget): Fix | undefined {
  const { call } = target;
  const text = context.sourceText;
  const program = programOf(call);
  const located = enclosingStatement(call);
  if (!program || !located || call.callee.type !== 'MemberExpression') return undefined;
  const statement = located.statement;
  const style = detectStyle(context.file, text);
  const end = semicolon(style);
  const receiver = simpleReference(text, call.callee.object);
  const framework = target.framework ?? 'node-server';
  const arrows = usesArrows(text);
  const callback = (body: string) => (arrows ? `() => ${body}` : `function () { ${body}${end} }`);
  const exitAfterGrace = `setTimeout(${callback('process.exit(1)')}, ${GRACE_MS}).unref()${end}`;
  const why = '// Stop accepting connections and let in-flight requests finish before exiting; give up after 10 s.';

  if (framework === 'nest') {
    if (!receiver) return undefined;
    const edit = insertBefore(text, statement, style, [`${receiver}.enableShutdownHooks()${end}`]);
    return edit && { title: 'Close the NestJS app on SIGTERM (enableShutdownHooks)', edits: [edit] };
  }
  if (framework === 'fastify' || framework === 'hapi') {
    if (!receiver) return undefined;
    const close = framework === 'fastify' ? `${receiver}.close()` : `${receiver}.stop({ timeout: ${GRACE_MS} })`;
    const lines = handler(style, arrows, [why, `${close}.then(${callback('process.exit(0)')}, ${callback('process.exit(1)')})${end}`, ...(framework === 'fastify' ? [exitAfterGrace] : [])]);
    return { title: `Close the server on SIGTERM (${receiver}.${framework === 'fastify' ? 'close' : 'stop'}() and exit)`, edits: [insertAfter(text, statement, style, lines)] };
  }
  if (!NODE_SERVER_FRAMEWORKS.has(framework)) return undefined;

  const edits: TextEdit[] = [];
  let server: string | undefined;
  const parent = call.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === call && parent.id.type === 'Identifier') server = parent.id.name;
  else if (target.receiverIsServer && receiver) server = receiver;
  else if (parent?.type === 'ExpressionStatement' && parent === statement) {
    // app.listen(...) returns the http.Server: keep it to close it.
    server = freeName(program, ['server', 'httpServer', 'appServer']);
    if (!server) return undefined;
    edits.push({ range: [call.range[0], call.range[0]], text: `${declarationKeyword(text)} ${server} = ` });
  }
  if (!server) return undefined;
  edits.push(insertAfter(text, statement, style, handler(style, arrows, [why, `${server}.close(${callback('process.exit(0)')})${end}`, exitAfterGrace])));
  return { title: `Close the server on SIGTERM (${server}.close() and exit)`, edits };
}
