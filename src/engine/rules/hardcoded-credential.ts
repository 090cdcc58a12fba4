import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isEnvironmentFallback } from '../core/environment';
import { externalizeFix } from '../fixes/externalizeConfig';
import { credentialVariable, urlVariable } from '../fixes/variableNames';
import { createSourceRule } from './support/createRule';
import { environmentVariableOf, sinkRuleListeners, urlWithPassword, type SecretSink } from './support/secrets-config-os';

type Node = TSESTree.Node;

function isModuleSpecifier(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'ImportDeclaration' || parent.type === 'ExportAllDeclaration' || parent.type === 'ExportNamedDeclaration' || parent.type === 'ImportExpression') return true;
  return parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'require';
}

/** The variable for a credential: `what` is `<client> <option>` (`mysql password`, `passport-github2 clientSecret`). */
function variableFor(sink: SecretSink, literal: Node): string {
  const split = sink.what.lastIndexOf(' ');
  let client = sink.what.slice(0, split);
  const option = sink.what.slice(split + 1);
  // NestJS: class GoogleStrategy extends PassportStrategy(Strategy) names the provider.
  if (client === 'PassportStrategy') {
    let node: Node | undefined = sink.at;
    while (node && node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') node = node.parent;
    client = node && (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id ? node.id.name : 'oauth';
  }
  return credentialVariable(literal, client, option, environmentVariableOf);
}

export default createSourceRule(
  {
    id: 'hardcoded-credential',
    category: 'hardcoded-secret',
    defaultSeverity: 'error',
    description: 'A password or client secret of a database, cache, queue, mail, directory or OAuth client is written in the code, as an option, a positional argument or inside a connection URL.',
    messages: {
      literal: 'the {{what}} is hard-coded: it ships with the code to every environment and cannot be rotated; read it from a required environment variable',
      fallback: 'the {{what}} falls back to a literal when {{source}} is unset: the credential ships with the code',
      url: 'the {{service}} connection URL carries the password of user {{user}}: it ships with the code; pass the URL (or the password) through an environment variable',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.5,
    fixable: true,
  },
  (context) =>
    sinkRuleListeners(
      context,
      ['credential'],
      () => {
        const checkUrl = (node: Node, value: string) => {
          const credentials = urlWithPassword(value);
          if (!credentials || isModuleSpecifier(node) || isEnvironmentFallback(node)) return;
          // The whole URL becomes the secret: the same variable (and edit) hardcoded-service-url offers for it.
          const fixes = node.parent?.type === 'TSEnumMember' || node.parent?.type === 'JSXAttribute' ? [] : [externalizeFix(context, { literal: node, variable: urlVariable(node, value), secret: true })];
          context.report({ node, messageId: 'url', data: { service: credentials.service, user: credentials.user || '(none)' }, fixes });
        };
        return {
          Literal(node) {
            const literal = node as TSESTree.Literal;
            if (typeof literal.value === 'string' && literal.value.includes('@')) checkUrl(literal, literal.value);
          },
          TemplateLiteral(node) {
            const template = node as TSESTree.TemplateLiteral;
            if (template.expressions.length === 0) checkUrl(template, template.quasis[0].value.cooked ?? '');
          },
        };
      },
      { credential: variableFor },
    ),
);
