import { posix } from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RuleContext } from '../../types';

type Node = TSESTree.Node;

export interface PathDescription {
  /** Human-readable path, `./uploads/<file>` for `path.join(__dirname, 'uploads', file)`. */
  text: string;
  /** Under the OS temp folder, which is scratch space in a container too. */
  temporary: boolean;
}

const PATH_BUILDERS = new Set(['join', 'resolve', 'normalize']);

/** Describes where a path expression points, folding what is constant and naming what is not. */
export function describePath(context: RuleContext, node: Node): PathDescription {
  const parts = pathParts(context, node, 0);
  const temporary = parts.some((part) => part === TEMP_MARKER) || /^\/(tmp|var\/tmp)(\/|$)/.test(parts[0] ?? '');
  const fileFolder = posix.dirname(context.file);
  const text = joinParts(parts.map((part) => (part === TEMP_MARKER ? '<tmpdir>' : part === SOURCE_FOLDER ? fileFolder : part)));
  return { text, temporary };
}

const TEMP_MARKER = '\u0000tmp';
/** `__dirname`: the folder of the analysed file, shown relative to the workspace. */
const SOURCE_FOLDER = '\u0000dirname';
/** `process.cwd()`: taken to be the workspace root, where the app is started from. */
const HERE = '.';
const UNKNOWN = '<…>';

function pathParts(context: RuleContext, node: Node, depth: number): string[] {
  if (depth > 8) return [UNKNOWN];
  const folded = context.fold(node);
  if (folded && typeof folded.value === 'string') return [folded.value];
  switch (node.type) {
    case 'Identifier':
      if (node.name === '__dirname') return [SOURCE_FOLDER];
      {
        const definition = context.definition(node);
        const defined = definition && pathParts(context, definition, depth + 1);
        return defined && !(defined.length === 1 && defined[0] === UNKNOWN) ? defined : [`<${node.name}>`];
      }
    case 'MemberExpression': {
      if (node.object.type === 'MetaProperty' && node.property.type === 'Identifier' && node.property.name === 'dirname') return [SOURCE_FOLDER];
      const property = node.property.type === 'Identifier' && !node.computed ? node.property.name : '…';
      return [`<${property}>`];
    }
    case 'CallExpression': {
      const callee = context.resolve(node.callee);
      if (callee?.module === 'os' && callee.path[0] === 'tmpdir') return [TEMP_MARKER];
      if (callee?.module === 'process' && callee.path[0] === 'cwd') return [HERE];
      if (node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.object.name === 'process' && node.callee.property.type === 'Identifier' && node.callee.property.name === 'cwd') return [HERE];
      if (callee?.module === 'path' && PATH_BUILDERS.has(callee.path[callee.path.length - 1] ?? '')) {
        return node.arguments.flatMap((argument) => pathParts(context, argument, depth + 1));
      }
      return [UNKNOWN];
    }
    case 'TemplateLiteral': {
      let text = '';
      const leading: string[] = [];
      node.quasis.forEach((quasi, index) => {
        text += quasi.value.cooked ?? '';
        const expression = node.expressions[index];
        if (!expression) return;
        const inner = pathParts(context, expression, depth + 1);
        if (index === 0 && text === '' && isBase(inner[0])) leading.push(inner[0]);
        else text += joinParts(inner);
      });
      return leading.length > 0 ? [...leading, text.replace(/^\/+/, '')] : [text];
    }
    case 'BinaryExpression':
      if (node.operator === '+') {
        const left = pathParts(context, node.left, depth + 1);
        const right = pathParts(context, node.right, depth + 1);
        if (left.length === 1 && isBase(left[0])) return [...left, ...right.map((part, index) => (index === 0 ? part.replace(/^\/+/, '') : part))];
        return [joinParts(left) + joinParts(right)];
      }
      return [UNKNOWN];
    default:
      return [UNKNOWN];
  }
}

function isBase(part: string | undefined): boolean {
  return part === HERE || part === TEMP_MARKER || part === SOURCE_FOLDER;
}

function joinParts(parts: string[]): string {
  let result = '';
  for (const part of parts) {
    if (part.startsWith('/') || /^[A-Za-z]:[\\/]/.test(part)) result = part;
    else if (result === '' || result.endsWith('/')) result += part;
    else result += `/${part}`;
  }
  const collapsed = result === '' ? '.' : posix.normalize(result).replace(/\/$/, '');
  if (collapsed === '.') return '.';
  if (collapsed.startsWith('/') || collapsed.startsWith('./') || collapsed.startsWith('../') || collapsed.startsWith('<') || /^[A-Za-z]:/.test(collapsed)) return collapsed;
  return `./${collapsed}`;
}

/** The source text of a callee, shortened for a message (`fs.promises.writeFile`). */
export function calleeText(context: RuleContext, node: Node): string {
  const text = context.sourceText.slice(node.range[0], node.range[1]).replace(/\s+/g, '');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A string literal written back with the quote style of the literal it replaces. */
export function quoteLike(original: string, value: string): string {
  const quote = original.startsWith('"') ? '"' : original.startsWith('`') ? '`' : "'";
  return `${quote}${value.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`)}${quote}`;
}
