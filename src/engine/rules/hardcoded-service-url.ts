import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isEnvironmentFallback } from '../core/environment';
import { isLocalEnvironmentFile } from './support/secrets-config-os';
import { externalizeFix } from '../fixes/externalizeConfig';
import { hostVariable, urlVariable } from '../fixes/variableNames';
import type { ReportDescriptor, RuleContext } from '../types';
import { calleeText } from './support/describe';
import { createSourceRule } from './support/createRule';
import { isLocalOrPrivateHost } from './support/hosts';
import { SERVICE_SCHEMES } from './support/serviceSchemes';

type Node = TSESTree.Node;

/** Web URLs are only a blocker when they point at a developer machine or a private network. */
const WEB_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);

/** Client libraries whose options object names the server in `host`. */
const CLIENT_MODULES: Record<string, string> = {
  pg: 'PostgreSQL',
  'pg-pool': 'PostgreSQL',
  mysql: 'MySQL',
  mysql2: 'MySQL',
  'mysql2/promise': 'MySQL',
  mariadb: 'MariaDB',
  mssql: 'SQL Server',
  tedious: 'SQL Server',
  redis: 'Redis',
  ioredis: 'Redis',
  memcached: 'Memcached',
  nodemailer: 'SMTP',
  amqplib: 'RabbitMQ',
  sequelize: 'SQL database',
  knex: 'SQL database',
  typeorm: 'SQL database',
  mongoose: 'MongoDB',
  mongodb: 'MongoDB',
  cassandra: 'Cassandra',
  'cassandra-driver': 'Cassandra',
  '@elastic/elasticsearch': 'Elasticsearch',
  kafkajs: 'Kafka',
};
const HOST_KEYS = new Set(['host', 'hostname', 'server']);

const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/\s]*)@)?(\[[^\]]+\]|[^/:?#,\s]+)/i;

interface Endpoint {
  service: string;
  shown: string;
  /** A password in the URL makes the whole URL a secret. */
  hasPassword: boolean;
}

/** The service and a printable form (credentials masked) of a URL that pins a backing service. */
export function classifyUrl(value: string): Endpoint | undefined {
  const text = value.trim();
  if (/\s/.test(text)) return undefined;
  const match = URL_PATTERN.exec(text);
  if (!match) return undefined;
  const scheme = match[1].toLowerCase();
  const host = match[3];
  const service = SERVICE_SCHEMES[scheme]?.service ?? (WEB_SCHEMES.has(scheme) && isLocalOrPrivateHost(host) ? 'HTTP service' : undefined);
  if (!service || host.includes('$') || host.includes('<')) return undefined;
  // Only a password is masked; a bare user name (`root@host`) is shown as written.
  const shown = match[2]?.includes(':') ? text.replace(`${match[2]}@`, `${match[2].split(':')[0]}:***@`) : text;
  return { service, shown: shown.length > 80 ? `${shown.slice(0, 77)}…` : shown, hasPassword: !!match[2]?.includes(':') };
}

function isPropertyKey(node: Node): boolean {
  const parent = node.parent;
  return !!parent && parent.type === 'Property' && parent.key === node;
}

const LOCAL_ENVIRONMENT = /^(development|dev|develop|local|test|testing)$/i;

/**
 * Inside a branch that only runs on a developer's machine: `case 'development':`, `if (env === 'development')`,
 * `NODE_ENV === 'test' ? local : …`, or the `development` section of an environment-keyed config object.
 */
function inDevelopmentBranch(node: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'SwitchCase' && parent.test?.type === 'Literal' && LOCAL_ENVIRONMENT.test(String(parent.test.value))) return true;
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.consequent === child && comparesWithLocalEnvironment(parent.test)) return true;
    if (parent.type === 'Property' && parent.value === child && !parent.computed) {
      const key = parent.key.type === 'Identifier' ? parent.key.name : parent.key.type === 'Literal' ? String(parent.key.value) : '';
      if (LOCAL_ENVIRONMENT.test(key)) return true;
    }
  }
  return false;
}

function comparesWithLocalEnvironment(test: Node): boolean {
  if (test.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) return false;
  return [test.left, test.right].some((side) => side.type === 'Literal' && LOCAL_ENVIRONMENT.test(String(side.value)));
}

/** `type Url = 'mongodb://…'` and enum members are types and constants, not configuration read at run time. */
function isTypePosition(node: Node): boolean {
  return node.parent?.type === 'TSLiteralType';
}

/** Where an expression cannot stand in for the literal (string enums, JSX attribute strings need care). */
function canReplace(node: Node): boolean {
  const parent = node.parent;
  return parent?.type !== 'TSEnumMember' && parent?.type !== 'JSXAttribute';
}

function isModuleSpecifier(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'ImportDeclaration' || parent.type === 'ExportAllDeclaration' || parent.type === 'ExportNamedDeclaration' || parent.type === 'ImportExpression') return true;
  return parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'require';
}

/** The call or `new` an options object is passed to, through nested option objects (`{ connection: { host } }`). */
function receivingCall(property: TSESTree.Property): TSESTree.CallExpression | TSESTree.NewExpression | undefined {
  let object: Node | undefined = property.parent;
  for (let depth = 0; depth < 3 && object?.type === 'ObjectExpression'; depth++) {
    const holder: Node | undefined = object.parent;
    if (holder?.type === 'CallExpression' || holder?.type === 'NewExpression') return holder.arguments.includes(object as TSESTree.CallExpressionArgument) ? holder : undefined;
    if (holder?.type !== 'Property') return undefined;
    object = holder.parent;
  }
  return undefined;
}

export default createSourceRule(
  {
    id: 'hardcoded-service-url',
    category: 'hardcoded-endpoint',
    defaultSeverity: 'error',
    description: 'A backing-service URL or host (database, cache, queue, mail, internal API) fixed in code instead of read from the environment.',
    messages: {
      url: '{{service}} endpoint {{url}} is hard-coded: each environment needs its own, set through an environment variable',
      host: '{{service}} host {{host}} is hard-coded in the {{client}} options: set it through an environment variable',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 0.5,
    fixable: true,
  },
  (context) => {
    // Findings wait for the end of the file so every use of a constant can be named as related evidence.
    const pending = new Map<Node, ReportDescriptor>();

    // A development or test config file holds the developer's own services (config/development.js).
    if (isLocalEnvironmentFile(context.file)) return {};
    const checkString = (node: Node, value: string) => {
      // Every string is checked: the value first, as almost none is a URL and the checks of its place climb the tree.
      if (!value.includes('://')) return;
      const endpoint = classifyUrl(value);
      if (!endpoint) return;
      if (isPropertyKey(node) || isModuleSpecifier(node) || isTypePosition(node) || isEnvironmentFallback(node) || inDevelopmentBranch(node)) return;
      pending.set(node, {
        node,
        messageId: 'url',
        data: { service: endpoint.service, url: endpoint.shown },
        related: [],
        fixes: canReplace(node) ? [externalizeFix(context, { literal: node, variable: urlVariable(node, value), secret: endpoint.hasPassword })] : [],
      });
    };

    const noteUses = (call: TSESTree.CallExpression | TSESTree.NewExpression) => {
      // Only literals already pending can be named; folding every argument of every call is not free.
      if (pending.size === 0) return;
      for (const argument of call.arguments) {
        const folded = argument.type === 'SpreadElement' ? undefined : context.fold(argument);
        if (!folded || folded.via.length === 0) continue;
        for (const origin of folded.origins) {
          const descriptor = pending.get(origin);
          descriptor?.related?.push({ node: call, message: `used by ${calleeText(context, call.callee)}` });
        }
      }
    };

    return {
      Literal(node) {
        const literal = node as TSESTree.Literal;
        if (typeof literal.value === 'string') checkString(literal, literal.value);
      },
      TemplateLiteral(node) {
        const template = node as TSESTree.TemplateLiteral;
        if (template.expressions.length === 0) checkString(template, template.quasis[0].value.cooked ?? '');
      },
      Property(node) {
        const property = node as TSESTree.Property;
        if (property.computed || property.key.type !== 'Identifier' || !HOST_KEYS.has(property.key.name)) return;
        checkHostOption(context, property, pending);
      },
      CallExpression: (node) => noteUses(node as TSESTree.CallExpression),
      NewExpression: (node) => noteUses(node as TSESTree.NewExpression),
      'Program:exit'() {
        for (const descriptor of pending.values()) context.report(descriptor);
      },
    };
  },
);

function checkHostOption(context: RuleContext, property: TSESTree.Property, pending: Map<Node, ReportDescriptor>): void {
  const folded = context.fold(property.value);
  if (!folded || typeof folded.value !== 'string' || !isLocalOrPrivateHost(folded.value)) return;
  const call = receivingCall(property);
  const client = call && context.resolve(call.callee);
  const service = client && CLIENT_MODULES[client.module];
  if (!call || !client || !service) return;
  const literal = folded.origins[0];
  if (isEnvironmentFallback(literal)) return;
  pending.set(literal, {
    node: literal,
    messageId: 'host',
    data: { service, host: folded.value, client: client.module },
    related: folded.via.length > 0 ? [{ node: call, message: `used by ${calleeText(context, call.callee)}` }] : [],
    fixes: literal.type === 'Literal' ? [externalizeFix(context, { literal, variable: hostVariable(literal, client.module), secret: false })] : [],
  });
}
