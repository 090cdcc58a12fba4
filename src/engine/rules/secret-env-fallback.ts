import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../core/scope';
import type { ReportDescriptor } from '../types';
import { createSourceRule } from './support/createRule';
import { requiredFallbackFix } from '../fixes/requireFallback';
import { fileEnvironmentBindings, configurationKeyOf, isBlank, isPlaceholderValue, readsEnvironmentVariable, secretKindOfName, secretSources, unwrap } from './support/secrets-config-os';

type Node = TSESTree.Node;

export default createSourceRule(
  {
    id: 'secret-env-fallback',
    // Only fallbacks of environment reads (process.env, import.meta.env, names bound to them) and of configuration
    // services (`config.get`, `configService.get`, settings, nconf, convict: configurationKeyOf) are reported.
    triggers: /env|config|settings|nconf/i,
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'An environment variable that holds a secret (JWT_SECRET, SESSION_SECRET, DB_PASSWORD, API_KEY, ...) falls back to a literal when it is unset.',
    messages: {
      fallback: '{{variable}} falls back to a hard-coded value when it is unset: production may silently run with a secret that ships with the code; make the variable required',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.25,
    fixable: true,
  },
  (context) => {
    const env = fileEnvironmentBindings(context);
    const pending = new Map<Node, ReportDescriptor>();

    const consider = (variable: string | undefined, fallback: Node) => {
      const kind = variable === undefined ? undefined : secretKindOfName(variable);
      if (!kind || !variable) return;
      for (const source of secretSources(context, env, fallback)) {
        if (isBlank(source.value) || pending.has(source.literal)) continue;
        if (kind === 'credential' && isPlaceholderValue(source.value, variable)) continue;
        pending.set(source.literal, { node: source.literal, messageId: 'fallback', data: { variable } });
      }
    };

    return {
      VariableDeclarator(node) {
        const declarator = node as TSESTree.VariableDeclarator;
        env.declare(declarator);
        // const { JWT_SECRET = 'secret' } = process.env
        if (declarator.id.type !== 'ObjectPattern' || !declarator.init || env.variableOf(unwrap(declarator.init)) !== undefined || !env.readsEnvironment(declarator.init)) return;
        for (const property of declarator.id.properties) {
          if (property.type !== 'Property' || property.value.type !== 'AssignmentPattern') continue;
          consider(propertyName(property.key, property.computed), property.value.right);
        }
      },
      LogicalExpression(node) {
        const logical = node as TSESTree.LogicalExpression;
        if (logical.operator === '&&') return;
        consider(env.variableOf(logical.left), logical.right);
      },
      ConditionalExpression(node) {
        // process.env.JWT_SECRET ? process.env.JWT_SECRET : 'secret'
        const conditional = node as TSESTree.ConditionalExpression;
        const variable = env.variableOf(conditional.test);
        if (variable !== undefined && env.variableOf(conditional.consequent) === variable) consider(variable, conditional.alternate);
      },
      CallExpression(node) {
        // this.configService.get('JWT_SECRET', 'secret')
        const call = node as TSESTree.CallExpression;
        const fallback = call.arguments[1];
        const key = configurationKeyOf(call);
        if (key !== undefined && fallback && fallback.type !== 'SpreadElement') consider(key, fallback);
      },
      AssignmentExpression(node) {
        // process.env.JWT_SECRET ??= 'secret'
        const assignment = node as TSESTree.AssignmentExpression;
        if (assignment.operator === '??=' || assignment.operator === '||=') consider(env.variableOf(assignment.left), assignment.right);
      },
      'Program:exit'() {
        // Built here, when every node's parent is known. A configuration service's default (`config.get('X', 'lit')`)
        // gets no fix: its own schema decides what is required.
        for (const descriptor of pending.values()) {
          const variable = String(descriptor.data!.variable);
          const fix = requiredFallbackFix(context, descriptor.node!, variable, (node) => readsEnvironmentVariable(env, node, variable));
          context.report({ ...descriptor, fixes: fix ? [fix] : [] });
        }
      },
    };
  },
);
