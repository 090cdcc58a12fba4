import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isEnvironmentFallback } from '../core/environment';
import { propertyName } from '../core/scope';
import { createSourceRule } from './support/createRule';
import { calledMethod, imagePaths, unwrap } from './support/secrets-config-os';
import { isProcessCall } from './host-binary-exec';

type Node = TSESTree.Node;

/** Folders of a server's own layout: home folders, system data, a drive letter, a network share. */
const HOST_PATH = /^(\/(home|Users)\/[^/\s]+\/|\/(var|etc|opt|srv|mnt|media|root|Volumes)\/[^/\s]|\/usr\/(local|share)\/[^/\s]|[A-Za-z]:[\\/]|\\\\[^\\\s]+\\[^\\\s]+)/;
/** Paths every Linux container has, or that platforms mount into it. */
const CONTAINER_PATH =
  /^(\/tmp(\/|$)|\/var\/tmp(\/|$)|\/dev\/|\/proc\/|\/sys\/|\/run\/secrets(\/|$)|\/var\/run\/secrets(\/|$)|\/etc\/(ssl\/certs|pki|ca-certificates)(\/|$)|\/etc\/(hosts|hostname|resolv\.conf|passwd|group|os-release|localtime|timezone|mime\.types)$|\/usr\/share\/(zoneinfo|ca-certificates|fonts)(\/|$)|\/home\/node(\/|$)|\/usr\/src\/app(\/|$)|\/usr\/local\/(bin\/node|lib\/node_modules)(\/|$))/;
const PATH_NAME = /(path|dir|directory|folder|file|root|dest|destination|location|home|cwd|cert|key|ca|socket|sock|log|upload|storage|cache|data|db|database|output|input|src|source|target|base|store|static|public|assets|media|images|backup|archive|share|mount|drive)/i;
/** Methods whose first argument is a route or a URL path, not a file. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'route', 'head', 'options', 'redirect', 'render', 'fetch', 'request', 'navigate', 'push', 'replace', 'open', 'href', 'url']);

function stringOf(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** Libraries whose destinations other rules report: log files (file-logging) and uploads (local-fs-write). */
const DESTINATION_MODULES = new Set(['pino', 'winston', 'log4js', 'bunyan', 'morgan', 'rotating-file-stream', 'winston-daily-rotate-file', 'file-stream-rotator', 'simple-node-logger', 'multer', '@koa/multer', 'koa-multer', 'formidable', 'express-fileupload', 'busboy', 'multiparty', 'koa-body', 'express-formidable']);
const FILE_SYSTEM_MODULES = new Set(['fs', 'fs-extra', 'graceful-fs', 'mz/fs']);
const WRITE_METHODS = /^(writeFile|appendFile|createWriteStream|mkdir|mkdtemp|copyFile|cp|rename|outputFile|outputJson|outputJSON|writeJson|writeJSON|ensureDir|ensureFile|mkdirp|mkdirs|copy|move)(Sync)?$/;

/**
 * A path another rule already reports: a log destination (`pino.destination('/var/log/…')`), an upload folder
 * (multer, express-fileupload `mv`), or the target of a file system write (`fs.writeFile('/var/www/…')`).
 */
function isReportedDestination(context: Parameters<Parameters<typeof createSourceRule>[1]>[0], literal: Node): boolean {
  let node: Node | undefined = literal.parent;
  for (let depth = 0; node && depth < 12; depth++, node = node.parent) {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression') continue;
    const target = context.resolve(node.callee);
    if (target && DESTINATION_MODULES.has(target.module)) return true;
    if (target && FILE_SYSTEM_MODULES.has(target.module) && WRITE_METHODS.test(target.path[target.path.length - 1] ?? '')) return true;
    if (node.type === 'CallExpression' && calledMethod(node) === 'mv') return true;
  }
  return false;
}

/** Where the literal is used as a file system location: an argument of a call, or a path-named variable or property. */
function usedAsPath(literal: Node): boolean {
  let node: Node = literal;
  while (node.parent && (node.parent.type === 'TSAsExpression' || node.parent.type === 'BinaryExpression' || node.parent.type === 'TemplateLiteral' || (node.parent.type === 'ConditionalExpression' && node.parent.test !== node) || node.parent.type === 'LogicalExpression' || node.parent.type === 'ArrayExpression')) node = node.parent;
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
    if (!parent.arguments.includes(node as TSESTree.CallExpressionArgument)) return false;
    const method = calledMethod(parent) ?? (parent.callee.type === 'Identifier' ? parent.callee.name : undefined);
    if (method && parent.arguments[0] === node && ROUTE_METHODS.has(method)) return false;
    if (parent.callee.type === 'MemberExpression' && parent.callee.object.type === 'Identifier' && parent.callee.object.name === 'console') return false;
    if (parent.callee.type === 'Identifier' && parent.callee.name === 'require') return false;
    return true;
  }
  const name =
    parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier'
      ? parent.id.name
      : (parent.type === 'Property' || parent.type === 'PropertyDefinition') && parent.value === node
        ? propertyName(parent.key, parent.computed)
        : parent.type === 'AssignmentExpression' && parent.right === node
          ? parent.left.type === 'Identifier'
            ? parent.left.name
            : parent.left.type === 'MemberExpression'
              ? propertyName(parent.left.property, parent.left.computed)
              : undefined
          : undefined;
  return name !== undefined && PATH_NAME.test(name);
}

export default createSourceRule(
  {
    id: 'absolute-host-path',
    category: 'os-coupling',
    defaultSeverity: 'warning',
    description: 'The code reads or writes an absolute path of the old server (/var/www/…, /etc/letsencrypt/…, /home/deploy/…, C:\\…, a network share) that does not exist in a container.',
    messages: {
      path: 'absolute host path {{path}}: it exists on the old server, not in a container; ship the files in the image, mount a volume or use object storage, and read the location from configuration',
    },
    strategies: ['rehost', 'replatform'],
    effort: 1,
    fixable: false,
  },
  (context) => {
    /** Folders the workspace's own image creates (WORKDIR /opt/app, VOLUME /var/lib/shop): container paths, not host paths. */
    const inImage = imagePaths(context);
    const check = (literal: Node) => {
      const value = stringOf(literal);
      if (value === undefined || !HOST_PATH.test(value) || CONTAINER_PATH.test(value) || /\s{2}|\n/.test(value)) return;
      // Unix sockets are local-ipc-socket's.
      if (/\.sock(et)?$/i.test(value)) return;
      if (inImage.some((folder) => value === folder || value.startsWith(`${folder}/`))) return;
      if (literal.type === 'TemplateLiteral' && (literal.quasis[0].value.cooked ?? '') === '') return;
      if (isEnvironmentFallback(literal) || !usedAsPath(literal) || isReportedDestination(context, literal)) return;
      // Programs started through child_process are host-binary-exec's.
      const parent = unwrap(literal).parent;
      if (parent?.type === 'CallExpression' && isProcessCall(context, parent)) return;
      const shown = value.length > 80 ? `${value.slice(0, 77)}…` : value;
      context.report({ node: literal, messageId: 'path', data: { path: shown } });
    };
    return {
      Literal: (node) => check(node),
      TemplateLiteral: (node) => check(node),
    };
  },
);
