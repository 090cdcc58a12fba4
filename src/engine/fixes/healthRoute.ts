import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleContext } from '../types';
import type { Framework } from './appFramework';
import { textBasis } from './editBasis';
import { appDependencies, majorVersion } from './redisClient';
import { enclosingStatement, insertAfter, semicolon, usesArrows } from './sourceEdits';
import { detectStyle, quoted } from './sourceStyle';

export const HEALTH_PATH = '/healthz';

/** Frameworks with a route or middleware of a line or two; plain Node servers and NestJS (a controller and a module) get none. */
export const HEALTH_ROUTE_FRAMEWORKS: ReadonlySet<Framework> = new Set(['express', 'koa', 'fastify', 'hapi']);

/**
 * A `/healthz` route answering `ok`, registered right after the app is created, so no other middleware
 * (sessions, body parsing, authentication) runs for the platform's probes.
 */
export function healthRouteFix(context: RuleContext, declarator: TSESTree.VariableDeclarator, framework: Framework): Fix | undefined {
  if (!HEALTH_ROUTE_FRAMEWORKS.has(framework) || declarator.id.type !== 'Identifier') return undefined;
  const statement = enclosingStatement(declarator)?.statement;
  if (!statement) return undefined;
  const text = context.sourceText;
  // Express 3 mounts its router where the first route is added: a route above the middleware would skip them for every route.
  if (framework === 'express' && (majorVersion(appDependencies(context.project, context.file).express) ?? 4) < 4) return undefined;
  const style = detectStyle(context.file, text);
  const end = semicolon(style);
  const arrows = usesArrows(text);
  const app = declarator.id.name;
  const path = quoted(style, HEALTH_PATH);
  const ok = quoted(style, 'ok');
  const why = "// For the platform's liveness and readiness probes; registered first, so no other middleware runs for them.";
  let lines: string[];
  switch (framework) {
    case 'express':
      lines = [
        why,
        arrows
          ? `${app}.get(${path}, (${style.typescript ? '_req' : 'req'}, res) => res.send(${ok}))${end}`
          : `${app}.get(${path}, function (req, res) {${style.newline}${style.indent}res.send(${ok})${end}${style.newline}})${end}`,
      ];
      break;
    case 'koa':
      lines = [
        why,
        `${app}.use(async (ctx, next) => {`,
        `${style.indent}if (ctx.path === ${path}) {`,
        `${style.indent.repeat(2)}ctx.body = ${ok}${end}`,
        `${style.indent.repeat(2)}return${end}`,
        `${style.indent}}`,
        `${style.indent}await next()${end}`,
        `})${end}`,
      ];
      break;
    case 'fastify':
      lines = ["// For the platform's liveness and readiness probes.", `${app}.get(${path}, async () => ${ok})${end}`];
      break;
    default:
      lines = ["// For the platform's liveness and readiness probes.", `${app}.route({ method: ${quoted(style, 'GET')}, path: ${path}, handler: () => ${ok} })${end}`];
      break;
  }
  // The finding sits at the entry point's `listen`, often in another file than the app: the edit names its file
  // and the text its offsets belong to, so an editor refuses it once that file has changed.
  const edit = insertAfter(text, statement, style, lines);
  return { title: `Add a ${HEALTH_PATH} route for the platform's probes (${framework})`, edits: [{ file: context.file, basis: textBasis(text), ...edit }] };
}
