import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { applicationRoot } from '../../core/project';
import { isProcessEnv } from '../../core/environment';
import { propertyName } from '../../core/scope';
import type { RuleContext } from '../../types';
import { quoted, type SourceStyle } from '../sourceStyle';

type Node = TSESTree.Node;

/** A piece of a path: constant text, code evaluated at run time, or the folder it starts from. */
type Piece = { text: string } | { code: string; pure: boolean } | { base: 'file-folder' | 'app-root' };

export interface ObjectKey {
  /** The key as a JavaScript expression: a string literal, or a template literal when parts are computed. */
  code: string;
  /** The key with `<…>` for computed parts, for titles. */
  display: string;
  /** The constant file extension (`csv`), when the key ends with one. */
  extension?: string;
  /** The key's text when no part of it is computed. */
  constant?: string;
}

const PATH_JOINERS = new Set(['join', 'resolve']);
const MAX_DEPTH = 12;

/**
 * The object key that takes the place of a local path: the path relative to the app's folder, which is what
 * the app's own links and folder names were relative to (`path.join(__dirname, '..', 'public', 'uploads', name)`
 * in routes/ becomes `public/uploads/${name}`). Computed parts stay the same expressions, evaluated once as before.
 * Undefined when the path cannot be turned into a key faithfully: it is read from the environment, is wholly
 * computed (a parameter: every caller passes its own), or climbs out of the app's folder.
 */
export function objectKeyFor(context: RuleContext, style: SourceStyle, path: Node): ObjectKey | undefined {
  const pieces = piecesOf(context, path, 0);
  if (!pieces) return undefined;
  const first = pieces[0];
  if (pieces.some((piece, index) => 'base' in piece && index > 0)) return undefined;
  const appRoot = applicationRoot(context.project, context.file);
  const fileFolder = posix.dirname(context.file) === '.' ? '' : posix.dirname(context.file);
  const start = first && 'base' in first ? (first.base === 'file-folder' ? posix.relative(appRoot, fileFolder) : '') : '';
  const rest = first && 'base' in first ? pieces.slice(1) : pieces;

  // Computed parts become placeholders, so the constant text around them can be split into folders and normalised.
  const codes: string[] = [];
  let flat = start === '' ? '' : `${start}/`;
  for (const piece of rest) {
    if ('code' in piece) {
      flat += `\u0000${codes.length}\u0000`;
      codes.push(piece.code);
    } else if ('text' in piece) {
      flat += piece.text;
    }
  }
  if (/^[A-Za-z]:[\\/]/.test(flat)) return undefined;
  const segments: string[] = [];
  for (const segment of flat.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      // `..` after a computed part cannot be resolved here; above the app's folder there is no key.
      if (segments.length === 0 || segments[segments.length - 1].includes('\u0000')) return undefined;
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const key = segments.join('/');
  const constantText = key.replace(/\u0000\d+\u0000/g, '');
  if (constantText.replace(/[/.\-_]/g, '') === '') return undefined;

  const display = key.replace(/\u0000(\d+)\u0000/g, (_, index: string) => `<${shortCode(codes[Number(index)])}>`);
  const extension = /\.([A-Za-z0-9]+)$/.exec(key)?.[1]?.toLowerCase();
  if (codes.length === 0) return { code: quoted(style, key), display, extension, constant: key };
  const template = key
    .split(/\u0000(\d+)\u0000/)
    .map((part, index) => (index % 2 === 1 ? `\${${codes[Number(part)]}}` : part.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')))
    .join('');
  return { code: `\`${template}\``, display, extension };
}

function shortCode(code: string): string {
  return code.length > 24 ? `${code.slice(0, 21)}…` : code;
}

function piecesOf(context: RuleContext, node: Node, depth: number): Piece[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const folded = context.fold(node);
  if (folded && typeof folded.value === 'string') return [{ text: folded.value }];
  const source = context.sourceText.slice(node.range[0], node.range[1]);
  switch (node.type) {
    case 'Identifier': {
      if (node.name === '__dirname') return [{ base: 'file-folder' }];
      const definition = context.definition(node);
      const defined = definition && piecesOf(context, definition, depth + 1);
      // A path held in a const (`const file = path.join(__dirname, 'data', `${id}.json`)`) is inlined, so the key
      // is built from its parts; only when those are plain names, which read the same wherever they are read again.
      // A mere name (`const fileName = `${id}.jpg``) stays a name.
      const isPath = defined && defined.some((piece) => 'base' in piece || ('text' in piece && piece.text.includes('/')));
      const inlinable = isPath && defined.every((piece) => !('code' in piece) || piece.pure);
      if (inlinable) return defined;
      if (defined && defined.some((piece) => 'base' in piece)) return undefined;
      return [{ code: source, pure: true }];
    }
    case 'MemberExpression': {
      if (node.object.type === 'MetaProperty' && propertyName(node.property, node.computed) === 'dirname') return [{ base: 'file-folder' }];
      // A folder chosen by the deployment is a setting, not part of a key.
      if (isProcessEnv(node.object)) return undefined;
      return [{ code: source, pure: isPlainReference(node) }];
    }
    case 'CallExpression': {
      const callee = context.resolve(node.callee);
      const name = callee?.path[callee.path.length - 1];
      if (callee?.module === 'path' && name && PATH_JOINERS.has(name)) {
        const pieces: Piece[] = [];
        for (const [index, argument] of node.arguments.entries()) {
          if (argument.type === 'SpreadElement') return undefined;
          const inner = piecesOf(context, argument, depth + 1);
          if (!inner) return undefined;
          const head = inner[0];
          // path.resolve restarts at an absolute part.
          if (name === 'resolve' && head && 'text' in head && head.text.startsWith('/')) pieces.length = 0;
          else if (index > 0) pieces.push({ text: '/' });
          pieces.push(...inner);
        }
        return pieces.length > 0 ? pieces : [{ base: 'app-root' }];
      }
      if (callee?.module === 'path' && name === 'dirname' && isModuleFileName(context, node.arguments[0])) return [{ base: 'file-folder' }];
      if ((callee?.module === 'process' && name === 'cwd') || isGlobalProcessCwd(node.callee)) return [{ base: 'app-root' }];
      if (callee?.module === 'os') return undefined;
      return [{ code: source, pure: false }];
    }
    case 'TemplateLiteral': {
      const pieces: Piece[] = [];
      for (const [index, quasi] of node.quasis.entries()) {
        if (quasi.value.cooked) pieces.push({ text: quasi.value.cooked });
        const expression = node.expressions[index];
        if (!expression) continue;
        const inner = piecesOf(context, expression, depth + 1);
        if (!inner) return undefined;
        pieces.push(...inner);
      }
      return pieces;
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return undefined;
      const left = piecesOf(context, node.left, depth + 1);
      const right = left && piecesOf(context, node.right, depth + 1);
      if (!left || !right) return undefined;
      // `__dirname + '/uploads/' + name`
      return [...left, ...right];
    }
    case 'LogicalExpression':
    case 'ConditionalExpression':
      // `process.env.DIR || './uploads'`: the folder is configurable, and a key cannot say which.
      return context.readsEnvironment(node) ? undefined : [{ code: source, pure: false }];
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
      return piecesOf(context, node.expression, depth + 1);
    default:
      return [{ code: source, pure: false }];
  }
}

/** `name`, `req.params.id`: reading it twice gives the same value. */
function isPlainReference(node: Node): boolean {
  if (node.type === 'Identifier') return true;
  if (node.type === 'ThisExpression') return true;
  return node.type === 'MemberExpression' && (!node.computed || node.property.type === 'Literal') && isPlainReference(node.object);
}

function isGlobalProcessCwd(node: Node): boolean {
  return (
    node.type === 'MemberExpression' &&
    node.object.type === 'Identifier' &&
    node.object.name === 'process' &&
    propertyName(node.property, node.computed) === 'cwd'
  );
}

/** `__filename`, or `fileURLToPath(import.meta.url)`. */
function isModuleFileName(context: RuleContext, node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'Identifier') {
    if (node.name === '__filename') return true;
    const definition = context.definition(node);
    return !!definition && isModuleFileName(context, definition);
  }
  if (node.type !== 'CallExpression') return false;
  const callee = context.resolve(node.callee);
  const argument = node.arguments[0];
  return (
    callee?.module === 'url' &&
    callee.path[callee.path.length - 1] === 'fileURLToPath' &&
    argument?.type === 'MemberExpression' &&
    argument.object.type === 'MetaProperty' &&
    propertyName(argument.property, argument.computed) === 'url'
  );
}
