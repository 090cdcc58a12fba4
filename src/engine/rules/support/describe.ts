import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RuleContext } from '../../types';
import { locate } from './storage-logging';

type Node = TSESTree.Node;

export interface PathDescription {
  /** Human-readable path, `./uploads/<file>` for `path.join(__dirname, 'uploads', file)`. */
  text: string;
  /** Under the OS temp folder, which is scratch space in a container too. */
  temporary: boolean;
}

/** Describes where a path expression points (one implementation for every rule: `locate`). */
export function describePath(context: RuleContext, node: Node): PathDescription {
  const location = locate(context, node);
  return { text: location.display, temporary: location.temporary };
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
