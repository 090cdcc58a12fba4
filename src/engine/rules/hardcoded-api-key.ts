import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../core/scope';
import { externalizeFix } from '../fixes/externalizeConfig';
import { requiredFallbackFix } from '../fixes/requireFallback';
import { ambiguousVariables, apiKeyVariable } from '../fixes/variableNames';
import type { Fix, ReportDescriptor, RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import {
  fileEnvironmentBindings,
  fallbackVariable,
  readsEnvironmentVariable,
  isHighEntropyToken,
  isLocalEnvironmentFile,
  isSigningSecretName,
  isPlaceholderValue,
  knownTokenKind,
  looksLikeSigningSecret,
  secretKindOfName,
  secretSources,
  sinksOfAssignment,
  sinksOfCall,
  sinksOfProperty,
  unwrap,
  type SecretSink,
} from './support/secrets-config-os';

type Node = TSESTree.Node;

const PASSWORD_NAME = /^(password|passwd|pass|pwd)$/i;

function stringOf(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Literal' && typeof inner.value === 'string') return inner.value;
  if (inner.type === 'TemplateLiteral' && inner.expressions.length === 0) return inner.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function isModuleSpecifier(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'ImportDeclaration' || parent.type === 'ExportAllDeclaration' || parent.type === 'ExportNamedDeclaration' || parent.type === 'ImportExpression') return true;
  return parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'require';
}

/** The name a literal is assigned to: a variable, property, class field or `x.name =` target. */
function assignedName(literal: Node): string | undefined {
  let node: Node = literal;
  while (node.parent && (node.parent.type === 'TSAsExpression' || node.parent.type === 'TSSatisfiesExpression' || node.parent.type === 'TSNonNullExpression')) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'Property' && parent.value === node) return propertyName(parent.key, parent.computed);
  if (parent.type === 'PropertyDefinition' && parent.value === node) return propertyName(parent.key, parent.computed);
  if (parent.type === 'AssignmentExpression' && parent.right === node) {
    if (parent.left.type === 'Identifier') return parent.left.name;
    if (parent.left.type === 'MemberExpression') return propertyName(parent.left.property, parent.left.computed);
  }
  return undefined;
}

/** The package of the call a literal is passed to, directly or inside its options object (`new OpenAI({ apiKey })`). */
function receivingModule(context: RuleContext, literal: Node): string | undefined {
  let node: Node = literal;
  for (let depth = 0; depth < 3 && node.parent; depth++) {
    const parent: Node = node.parent;
    if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
      const target = context.resolve(parent.callee);
      return target && !target.module.startsWith('.') ? target.module : undefined;
    }
    if (parent.type !== 'Property' && parent.type !== 'ObjectExpression') return undefined;
    node = parent;
  }
  return undefined;
}

/** Where an expression cannot stand in for the literal, or one variable would not do (a list of keys). */
function replaceable(literal: Node): boolean {
  const parent = literal.parent;
  return parent?.type !== 'TSEnumMember' && parent?.type !== 'JSXAttribute' && parent?.type !== 'ArrayExpression' && parent?.type !== 'TSLiteralType';
}

export default createSourceRule(
  {
    id: 'hardcoded-api-key',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'An API key, access token or signing key is written in the code: a value shaped like an issued credential (sk_live_, AKIA, ghp_, xoxb-, a PEM private key) or a key-like value assigned to a name such as apiKey, secretKey, accessToken or jwtSecret.',
    messages: {
      token: 'hard-coded {{kind}}: it ships with the code to every environment and cannot be rotated; revoke it and read the new one from a required environment variable',
      named: '{{name}} holds a hard-coded key: it ships with the code to every environment and cannot be rotated; read it from a required environment variable',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.5,
    fixable: true,
  },
  (context) => {
    const env = fileEnvironmentBindings(context);
    const candidates = new Map<Node, ReportDescriptor>();
    /** The fix of each candidate, decided while the scope of its call is known: a variable to read, or the variable it backs up. */
    const fixPlans = new Map<Node, { variable: string; value: string; fallback: boolean }>();
    /** Literals other secret rules report: the sink rules and secret-env-fallback. */
    const owned = new Set<Node>();

    const own = (sinks: readonly SecretSink[]) => {
      for (const sink of sinks) for (const source of secretSources(context, env, sink.value)) owned.add(source.literal);
    };

    const consider = (literal: Node, value: string) => {
      // Neither an issued token (15+ characters) nor a key under a secret name (6+) is shorter: most literals are.
      if (value.length < 6 || candidates.has(literal) || isModuleSpecifier(literal)) return;
      const variable = fallbackVariable(env, literal);
      if (variable !== undefined && secretKindOfName(variable)) return;
      const kind = knownTokenKind(value);
      if (kind) {
        candidates.set(literal, { node: literal, messageId: 'token', data: { kind } });
        if (variable !== undefined) fixPlans.set(literal, { variable, value, fallback: true });
        else if (replaceable(literal)) fixPlans.set(literal, { variable: apiKeyVariable(literal, value, kind, receivingModule(context, literal)), value, fallback: false });
        return;
      }
      if (variable !== undefined) return;
      const name = assignedName(literal);
      const nameKind = name === undefined ? undefined : secretKindOfName(name);
      if (!name || !nameKind || PASSWORD_NAME.test(name)) return;
      const accepted =
        !isPlaceholderValue(value, name) &&
        (nameKind === 'signing' ? (looksLikeSigningSecret(value, name) && isSigningSecretName(name) && !isLocalEnvironmentFile(context.file)) || isHighEntropyToken(value) : isHighEntropyToken(value));
      if (!accepted) return;
      candidates.set(literal, { node: literal, messageId: 'named', data: { name } });
      if (replaceable(literal)) fixPlans.set(literal, { variable: apiKeyVariable(literal, value, undefined, receivingModule(context, literal)), value, fallback: false });
    };

    const fixOf = (literal: Node, ambiguous: Set<string>): Fix[] => {
      const plan = fixPlans.get(literal);
      if (!plan || ambiguous.has(plan.variable)) return [];
      const fix = plan.fallback
        ? requiredFallbackFix(context, literal, plan.variable, (node) => readsEnvironmentVariable(env, node, plan.variable))
        : externalizeFix(context, { literal, variable: plan.variable, secret: true });
      return fix ? [fix] : [];
    };

    return {
      VariableDeclarator: (node) => env.declare(node),
      CallExpression: (node) => own(sinksOfCall(context, node as TSESTree.CallExpression)),
      NewExpression: (node) => own(sinksOfCall(context, node as TSESTree.NewExpression)),
      AssignmentExpression: (node) => own(sinksOfAssignment(context, node as TSESTree.AssignmentExpression)),
      Property: (node) => own(sinksOfProperty(node as TSESTree.Property)),
      Literal(node) {
        const value = stringOf(node);
        if (value !== undefined) consider(node, value);
      },
      TemplateLiteral(node) {
        const value = stringOf(node);
        if (value !== undefined) consider(node, value);
      },
      'Program:exit'() {
        const reported = [...candidates].filter(([literal]) => !owned.has(literal));
        const ambiguous = ambiguousVariables(reported.flatMap(([literal]) => {
          const plan = fixPlans.get(literal);
          return plan && !plan.fallback ? [plan] : [];
        }));
        for (const [literal, descriptor] of reported) context.report({ ...descriptor, fixes: fixOf(literal, ambiguous) });
      },
    };
  },
);
