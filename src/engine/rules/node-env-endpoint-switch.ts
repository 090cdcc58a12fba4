import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../core/scope';
import type { RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import { EnvironmentBindings, fileEnvironmentBindings, endpointOf, isOverriddenByEnvironment, objectLiteralOf, unwrap } from './support/secrets-config-os';

type Node = TSESTree.Node;

interface Endpoint {
  shown: string;
  literal: Node;
}

/** Endpoint literals written in a branch of code, following `const`s it names (a settings object, a URL constant). */
function endpointsIn(context: RuleContext, env: EnvironmentBindings, root: Node): Endpoint[] {
  const found: Endpoint[] = [];
  const seen = new Set<Node>();
  const visit = (node: Node, depth: number): void => {
    if (depth > 40 || seen.has(node)) return;
    seen.add(node);
    if (node.type === 'Literal' || node.type === 'TemplateLiteral') {
      const value = node.type === 'Literal' ? (typeof node.value === 'string' ? node.value : undefined) : node.expressions.length === 0 ? node.quasis[0].value.cooked ?? undefined : undefined;
      if (value === undefined) return;
      const property = node.parent?.type === 'Property' && node.parent.value === node ? node.parent : undefined;
      const shown = endpointOf(value, property ? propertyName(property.key, property.computed) : undefined);
      if (shown && !isOverriddenByEnvironment(env, node)) found.push({ shown, literal: node });
      return;
    }
    if (node.type === 'Identifier') {
      const definition = context.definition(node);
      const object = definition && objectLiteralOf(context, node);
      if (object) visit(object, depth + 1);
      else if (definition && (definition.type === 'Literal' || definition.type === 'TemplateLiteral')) visit(definition, depth + 1);
      return;
    }
    // A nested test of the deploy environment is judged on its own.
    if ((node.type === 'IfStatement' || node.type === 'ConditionalExpression') && env.productionBranch(node.test)) return;
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'ClassDeclaration') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent' || !value || typeof value !== 'object') continue;
      if (node.type === 'Property' && key === 'key') continue;
      if (node.type === 'MemberExpression' && key === 'property' && !node.computed) continue;
      if (Array.isArray(value)) {
        for (const child of value) if (child && typeof child.type === 'string') visit(child as Node, depth + 1);
      } else if (typeof (value as Node).type === 'string') {
        visit(value as Node, depth + 1);
      }
    }
  };
  visit(root, 0);
  return found;
}


export default createSourceRule(
  {
    id: 'node-env-endpoint-switch',
    category: 'baked-config',
    defaultSeverity: 'warning',
    description: 'A NODE_ENV switch (if, ternary, switch or an env-keyed map) chooses a deployed environment\'s host or URL in code.',
    messages: {
      switch: 'this NODE_ENV switch picks the {{environment}} endpoint {{endpoint}}{{more}} in code: each environment\'s settings belong in its own environment variables, not in a branch baked into the image',
    },
    strategies: ['replatform', 'refactor'],
    effort: 1,
    fixable: false,
    triggers: /prod/i,
  },
  (context) => {
    const env = fileEnvironmentBindings(context);
    const report = (at: Node, environment: string, branches: (Node | null | undefined)[]) => {
      const endpoints = branches.flatMap((branch) => (branch ? endpointsIn(context, env, branch) : []));
      if (endpoints.length === 0) return;
      const more = endpoints.length > 1 ? ` (and ${endpoints.length - 1} more)` : '';
      context.report({ node: at, messageId: 'switch', data: { environment, endpoint: endpoints[0].shown, more }, related: [{ node: endpoints[0].literal, message: 'the endpoint' }] });
    };
    const deployedName = (test: Node): string => {
      const inner = unwrap(test);
      if (inner.type === 'BinaryExpression') {
        for (const side of [inner.left, inner.right]) if (side.type === 'Literal' && typeof side.value === 'string' && /^(production|prod|staging|stage|stg|uat|preprod|live|qa)$/i.test(side.value)) return side.value;
      }
      return 'production';
    };
    return {
      VariableDeclarator: (node) => env.declare(node),
      // On exit: every node inside has its parent set by then.
      'IfStatement:exit'(node) {
        const statement = node as TSESTree.IfStatement;
        const branch = env.productionBranch(statement.test);
        if (branch) report(statement.test, deployedName(statement.test), [statement[branch]]);
      },
      'ConditionalExpression:exit'(node) {
        const conditional = node as TSESTree.ConditionalExpression;
        const branch = env.productionBranch(conditional.test);
        if (branch) report(conditional.test, deployedName(conditional.test), [conditional[branch]]);
      },
      'SwitchStatement:exit'(node) {
        const statement = node as TSESTree.SwitchStatement;
        if (!env.isDeployName(statement.discriminant)) return;
        const kinds = statement.cases.map((switchCase) => env.isDeployedCase(statement, switchCase));
        statement.cases.forEach((switchCase, index) => {
          const deployed = kinds[index] === true || (switchCase.test === null && !kinds.includes(true));
          if (!deployed) return;
          const environment = switchCase.test?.type === 'Literal' ? String(switchCase.test.value) : 'production';
          report(switchCase.test ?? switchCase, environment, switchCase.consequent);
        });
      },
      'MemberExpression:exit'(node) {
        // ({ production: 'https://api.shop.com', development: 'http://localhost:3000' })[process.env.NODE_ENV]
        const member = node as TSESTree.MemberExpression;
        if (!member.computed || !env.isDeployName(member.property)) return;
        const object = objectLiteralOf(context, member.object);
        if (!object) return;
        for (const property of object.properties) {
          if (property.type !== 'Property') continue;
          const key = propertyName(property.key, property.computed);
          if (key && /^(production|prod|staging|stage|stg|uat|preprod|live)$/i.test(key)) report(member, key, [property.value]);
        }
      },
    };
  },
);
