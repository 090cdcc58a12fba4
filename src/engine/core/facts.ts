import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceFacts } from '../types';

/**
 * Facts about a file that app-level rules need whichever rules are switched on:
 * the file that calls `listen` on a server is an application entry point.
 */
export function collectFacts(node: TSESTree.Node, facts: SourceFacts): void {
  if (
    node.type === 'CallExpression' &&
    facts.listens === undefined &&
    node.callee.type === 'MemberExpression' &&
    !node.callee.computed &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'listen' &&
    node.arguments.length > 0
  ) {
    facts.listens = { range: node.range };
  }
}
