import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../core/scope';
import { externalizeFix } from '../fixes/externalizeConfig';
import { screamingCase, urlVariable } from '../fixes/variableNames';
import type { Fix, RuleContext, TextEdit } from '../types';
import { createSourceRule } from './support/createRule';
import { fileEnvironmentBindings, deployedEnvironmentOfFile, endpointOf, isOverriddenByEnvironment, urlWithPassword } from './support/secrets-config-os';

type Node = TSESTree.Node;

/** A module named for a deployed environment in a configuration place: `config/production.js`, `env/prod.ts`, `config.staging.js`, `keys_prod.js`. */
function isEnvironmentConfigModule(file: string): boolean {
  if (!deployedEnvironmentOfFile(file)) return false;
  const base = file.split('/').pop() ?? file;
  return /(^|\/)(config|configs|conf|settings|env|environments?|keys)\//i.test(file) || /^(config|settings|env|environment|keys|database|db)[._-]/i.test(base);
}

interface Endpoint {
  node: Node;
  shown: string;
  value: string;
  /** The keys that lead to the literal in the module's objects (`db.host`). */
  path: string[];
}

/** `db: { host: '…' }` → ['db', 'host']; stops at anything that is not an object property. */
function keyPath(node: Node): string[] {
  const keys: string[] = [];
  let current: Node | undefined = node;
  while (current?.parent?.type === 'Property' && current.parent.value === current) {
    const key = propertyName(current.parent.key, current.parent.computed);
    if (key === undefined) break;
    keys.unshift(key);
    current = current.parent.parent?.type === 'ObjectExpression' ? current.parent.parent : undefined;
  }
  return keys;
}

/** The variable of an endpoint: by URL scheme or its own name for URLs, the key path for hosts (`db.host` → DB_HOST). */
function endpointVariable(endpoint: Endpoint): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint.value)) return urlVariable(endpoint.node, endpoint.value);
  const name = screamingCase(endpoint.path.join('_'));
  return name === '' ? 'SERVICE_HOST' : /(HOST|HOSTNAME|SERVER|ENDPOINT|ADDRESS|DOMAIN)$/.test(name) ? name : `${name}_HOST`;
}

/**
 * One fix for the whole module: every endpoint literal becomes `process.env.NAME ?? <the literal>` (a URL with a
 * password: a required variable), so the module keeps its values where nothing is set and each environment can
 * override them. No fix when two endpoints would share a variable.
 */
function moduleFix(context: RuleContext, endpoints: Endpoint[]): Fix[] {
  const variables = endpoints.map((endpoint) => ({ endpoint, variable: endpointVariable(endpoint) }));
  const byName = new Map<string, Set<string>>();
  for (const { endpoint, variable } of variables) byName.set(variable, (byName.get(variable) ?? new Set()).add(endpoint.value));
  if ([...byName.values()].some((values) => values.size > 1) || endpoints.some((endpoint) => endpoint.node.type !== 'Literal' && endpoint.node.type !== 'TemplateLiteral')) return [];
  const edits: TextEdit[] = [];
  for (const { endpoint, variable } of variables) {
    const fix = externalizeFix(context, { literal: endpoint.node, variable, secret: urlWithPassword(endpoint.value) !== undefined, direct: true });
    for (const edit of fix.edits) if (!edits.some((taken) => taken.file === edit.file && taken.range[0] === edit.range[0] && taken.range[1] === edit.range[1] && taken.text === edit.text)) edits.push(edit);
  }
  const names = [...byName.keys()];
  return [{ title: `Let the environment override ${names.length === 1 ? names[0] : `${names.length} endpoints (${names.join(', ')})`}, keeping these values as defaults`, edits }];
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
    fixable: true,
  },
  (context) => {
    if (!isEnvironmentConfigModule(context.file)) return {};
    const env = fileEnvironmentBindings(context);
    const found: Endpoint[] = [];
    const check = (node: Node, value: string | undefined) => {
      if (value === undefined) return;
      const property = node.parent?.type === 'Property' && node.parent.value === node ? node.parent : undefined;
      const shown = endpointOf(value, property ? propertyName(property.key, property.computed) : undefined);
      if (!shown || isOverriddenByEnvironment(env, node)) return;
      found.push({ node, shown, value, path: keyPath(node) });
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
        context.report({ node: first.node, messageId: 'module', data: { file: context.file, environment: deployedEnvironmentOfFile(context.file) ?? 'production', endpoint: first.shown, more }, fixes: moduleFix(context, found) });
      },
    };
  },
);
