import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleContext } from '../types';
import { externalizeFix } from './externalizeConfig';

type Node = TSESTree.Node;

const TRANSPARENT = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

/**
 * For a literal that only backs up an environment variable, the fix that makes the variable required instead:
 * `process.env.X || 'lit'`, `?? 'lit'` and `process.env.X ? process.env.X : 'lit'` become `requireEnv('X')` (or the
 * config module's key); a destructuring default `{ X = 'lit' } = process.env` becomes `{ X = requireEnv('X') }` and
 * `process.env.X ??= 'lit';` becomes `requireEnv('X');`. `readsVariable` says whether an expression reads X itself
 * from the environment (not from a configuration service, whose own schema decides what is required).
 */
export function requiredFallbackFix(context: RuleContext, literal: Node, variable: string, readsVariable: (node: Node) => boolean): Fix | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) return undefined;
  let child: Node = literal;
  let parent = literal.parent;
  while (parent && TRANSPARENT.has(parent.type)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  const request = { literal, variable, secret: true };
  let fix: Fix | undefined;
  if (parent.type === 'LogicalExpression' && parent.operator !== '&&' && parent.right === child && readsVariable(parent.left)) {
    fix = externalizeFix(context, { ...request, target: parent });
  } else if (parent.type === 'ConditionalExpression' && parent.alternate === child && readsVariable(parent.test) && readsVariable(parent.consequent)) {
    fix = externalizeFix(context, { ...request, target: parent });
  } else if (parent.type === 'AssignmentPattern' && parent.right === child && parent.parent?.type === 'Property' && parent.parent.parent?.type === 'ObjectPattern') {
    fix = externalizeFix(context, { ...request, target: child, direct: true });
  } else if (parent.type === 'AssignmentExpression' && (parent.operator === '??=' || parent.operator === '||=') && parent.right === child && readsVariable(parent.left) && parent.parent?.type === 'ExpressionStatement') {
    fix = externalizeFix(context, { ...request, target: parent, direct: true });
  }
  return fix && { ...fix, title: fix.title.replace(/^Read (\S+) (from the environment|through .*) \(required, no fallback\)$/, (_whole, name: string, where: string) => `Make ${name} required: drop the hard-coded fallback${where === 'from the environment' ? '' : ` and read it ${where}`}`) };
}
