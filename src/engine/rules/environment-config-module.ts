import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../core/scope';
import { createSourceRule } from './support/createRule';
import { EnvironmentBindings, deployedEnvironmentOfFile, endpointOf, isOverriddenByEnvironment } from './support/secrets-config-os';

type Node = TSESTree.Node;

/** A module named for a deployed environment in a configuration place: `config/production.js`, `env/prod.ts`, `config.staging.js`, `keys_prod.js`. */
function isEnvironmentConfigModule(file: string): boolean {
  if (!deployedEnvironmentOfFile(file)) return false;
  const base = file.split('/').pop() ?? file;
  return /(^|\/)(config|configs|conf|settings|env|environments?|keys)\//i.test(file) || /^(config|settings|env|environment|keys|database|db)[._-]/i.test(base);
}

export default createSourceRule(
  {
    id: 'environment-config-module',
    category: 'baked-config',
    defaultSeverity: 'warning',
    description: 'A configuration module written for one deployed environment (config/production.js, env/staging.ts) fixes that environment\'s hosts and URLs in code.',
    messages: {
      module: '{{file}} fixes the {{environment}} endpoint {{endpoint}}{{more}} in code: the image carries one environment\'s configuration; read these settings from environment variables',
    },
    strategies: ['replatform', 'refactor'],
    effort: 1,
    fixable: false,
  },
  (context) => {
    if (!isEnvironmentConfigModule(context.file)) return {};
    const env = new EnvironmentBindings();
    const found: { node: Node; shown: string }[] = [];
    const check = (node: Node, value: string | undefined) => {
      if (value === undefined) return;
      const property = node.parent?.type === 'Property' && node.parent.value === node ? node.parent : undefined;
      const shown = endpointOf(value, property ? propertyName(property.key, property.computed) : undefined);
      if (!shown || isOverriddenByEnvironment(env, node)) return;
      found.push({ node, shown });
    };
    return {
      VariableDeclarator: (node) => env.declare(node),
      Literal(node) {
        const literal = node as TSESTree.Literal;
        if (typeof literal.value === 'string') check(literal, literal.value);
      },
      TemplateLiteral(node) {
        const template = node as TSESTree.TemplateLiteral;
        if (template.expressions.length === 0) check(template, template.quasis[0].value.cooked ?? undefined);
      },
      'Program:exit'() {
        const [first] = found;
        if (!first) return;
        const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
        context.report({ node: first.node, messageId: 'module', data: { file: context.file, environment: deployedEnvironmentOfFile(context.file) ?? 'production', endpoint: first.shown, more } });
      },
    };
  },
);
