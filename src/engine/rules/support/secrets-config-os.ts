/**
 * Shared helpers of the hardcoded-secret, baked-config, os-coupling and raw-socket-ipc rules:
 * what a secret-like name or value is, where a value passed to a secret sink comes from
 * (literal, environment fallback, NODE_ENV branch), which options objects a call receives,
 * and what a shell command line runs.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { externalizeFix } from '../../fixes/externalizeConfig';
import { requiredFallbackFix } from '../../fixes/requireFallback';
import { ambiguousVariables } from '../../fixes/variableNames';
import { isImportMetaEnv, isProcessEnv, readsEnvironment } from '../../core/environment';
import { propertyName } from '../../core/scope';
import type { Fix, ProjectInfo, ReportDescriptor, RuleContext } from '../../types';
import { propertyValue } from './storage-logging';

type Node = TSESTree.Node;

// ───────────────────────────── names ─────────────────────────────

/**
 * `signing`: a key the application itself signs or encrypts with (session, JWT, cookie, webhook secrets):
 * whatever literal is there is the key in effect, placeholder or not.
 * `credential`: a password, token or key for another service: a placeholder there cannot work,
 * so only a real-looking value is a leaked secret.
 */
export type SecretKind = 'signing' | 'credential';

const NOT_A_SECRET_SUFFIX =
  /(id|ids|name|names|field|label|length|len|min|max|header|param|path|file|dir|url|uri|type|expiry|expires|expiresin|expiration|ttl|timeout|age|prefix|suffix|regex|pattern|placeholder|message|msg|hint|required|enabled|policy|rotation|version|algorithm|algorithms|algo|format|encoding|hash|hashed|salt|saltrounds|rounds|count|strength|mode|location|provider|source|env|var|variable|store|storage|cookie|options|config|settings|list|field|column|table|collection|query|method|strategy|scheme|endpoint|host|port|user|username|login|email)$/;

/** What kind of secret a variable, property or environment variable name holds, if any. */
export function secretKindOfName(name: string): SecretKind | undefined {
  const raw = name.trim();
  if (raw === '' || raw === 'PWD') return undefined;
  const flat = raw.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (flat === '' || NOT_A_SECRET_SUFFIX.test(flat) && !/(secret|password|passwd|token|apikey|privatekey)$/.test(flat)) return undefined;
  if (/(client|consumer|app|api|oauth)secret$/.test(flat)) return 'credential';
  if (/(secret|secretkey|secretorkey|jwtkey|jwtprivatekey|sessionkey|cookiekey|signingkey|signkey|encryptionkey|enckey|cryptokey|hmackey|masterkey|appkey|passphrase)$/.test(flat)) return 'signing';
  if (/(password|passwd|apikey|accesstoken|authtoken|apitoken|bearertoken|refreshtoken|secretaccesskey|privatekey|licensekey|accesskey|token)$/.test(flat)) return 'credential';
  // DB_PASS, MAIL_PASS, smtpPass, db_pwd: `pass`/`pwd` as a word of their own, not `bypass` or `compass`.
  if (/(^|[_\-.\s])(pass|pwd)$/i.test(raw) || /[a-z0-9](Pass|Pwd)$/.test(raw) || /^pass$/i.test(raw)) return 'credential';
  return undefined;
}

// ───────────────────────────── values ─────────────────────────────

const PLACEHOLDER_WORDS = /(change[\s_-]?(me|it|this)|replace[\s_-]?(me|this)|placeholder|example|dummy|sample|fake|xxx|\*\*\*|\.\.\.|todo|fixme|tbd|insert[\s_-]?your|put[\s_-]?your|goes[\s_-]?here|your[\s_-]|^your|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[A-Z_]+%)/i;
const GENERIC_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'secret', 'apikey', 'key', 'token', 'accesstoken', 'authtoken', 'clientsecret', 'secretkey', 'secretaccesskey', 'accesskeyid', 'privatekey', 'test', 'none', 'null', 'undefined', 'nil', 'na', 'tbd', 'default', 'string', 'required', 'secretvalue']);

/** Empty or whitespace-only: nothing is set. */
export function isBlank(value: string): boolean {
  return value.trim() === '';
}

/** A value that only stands in for a real one: `your-api-key`, `<password>`, `changeme`, `xxx`, a generic word. */
export function isPlaceholderValue(value: string, name?: string): boolean {
  const text = value.trim();
  if (text === '') return true;
  if (PLACEHOLDER_WORDS.test(text)) return true;
  const flat = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (flat === '' || GENERIC_WORDS.has(flat)) return true;
  if (name !== undefined && flat === name.toLowerCase().replace(/[^a-z0-9]/g, '')) return true;
  return /^(.)\1+$/.test(flat);
}

/** `process.env.JWT_SECRET`, `$DB_PASSWORD`, `DB_PASSWORD`: the name of a variable written where its value should be. */
export function isVariableReference(value: string): boolean {
  const text = value.trim();
  return /^(process\.env\.|import\.meta\.env\.|env\.)[A-Za-z_][\w]*$/.test(text) || /^\$\{?[A-Z][A-Z0-9_]{2,}\}?$/.test(text) || /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(text);
}

/** A file written for a developer's machine or the tests (`config/development.js`, `env/local.json`, `settings.test.yml`). */
export function isLocalEnvironmentFile(file: string): boolean {
  // One test of the whole path (asked for every file): the name's last part before one data or code extension.
  return LOCAL_ENVIRONMENT_FILE.test(file);
}
const LOCAL_ENVIRONMENT_FILE = /(?:^|[/._-])(development|dev|develop|local|test|testing)(?:\.(json|jsonc|json5|ya?ml|[cm]?[jt]s))?$/i;

/** Bits of information per character of the value. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const character of value) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    entropy -= share * Math.log2(share);
  }
  return entropy;
}

/** A machine-generated key or token: long, no spaces, letters and digits mixed, and varied. */
export function isHighEntropyToken(value: string): boolean {
  if (value.length < 16 || value.length > 4096 || /\s/.test(value)) return false;
  if (!/^[A-Za-z0-9+/=_\-.:~!@#$%^&*]+$/.test(value)) return false;
  if (/^(https?|[a-z]+):\/\//i.test(value) || value.startsWith('/') || /^\d+$/.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return shannonEntropy(value) >= 3.3;
}

interface TokenPattern {
  label: string;
  pattern: RegExp;
  /** The part that must look random for the value not to be a placeholder. */
  random?: (match: RegExpExecArray) => string;
}

const TOKEN_PATTERNS: TokenPattern[] = [
  { label: 'Stripe secret key', pattern: /^(?:sk|rk)_(?:live|test)_([0-9A-Za-z]{16,})$/, random: (match) => match[1] },
  { label: 'AWS access key', pattern: /^(?:AKIA|ASIA)([0-9A-Z]{16})$/, random: (match) => match[1] },
  { label: 'GitHub token', pattern: /^(?:gh[pousr]_([0-9A-Za-z]{30,})|github_pat_([0-9A-Za-z_]{40,}))$/, random: (match) => match[1] ?? match[2] },
  { label: 'Slack token', pattern: /^xox[abposr]-([0-9A-Za-z-]{10,})$/, random: (match) => match[1] },
  { label: 'Slack webhook URL', pattern: /^https:\/\/hooks\.slack\.com\/services\/T[0-9A-Z]+\/B[0-9A-Z]+\/([0-9A-Za-z]{16,})$/, random: (match) => match[1] },
  { label: 'Google API key', pattern: /^AIza([0-9A-Za-z_-]{35})$/, random: (match) => match[1] },
  { label: 'SendGrid API key', pattern: /^SG\.([\w-]{16,})\.([\w-]{30,})$/, random: (match) => match[2] },
  { label: 'Mailgun API key', pattern: /^key-([0-9a-f]{32})$/, random: (match) => match[1] },
  { label: 'OpenAI API key', pattern: /^sk-(?:proj-|ant-(?:api\d+-)?)?([0-9A-Za-z_-]{20,})$/, random: (match) => match[1] },
  { label: 'npm token', pattern: /^npm_([0-9A-Za-z]{36})$/, random: (match) => match[1] },
  { label: 'GitLab token', pattern: /^glpat-([0-9A-Za-z_-]{20,})$/, random: (match) => match[1] },
  { label: 'Telegram bot token', pattern: /^\d{8,10}:(AA[0-9A-Za-z_-]{33})$/, random: (match) => match[1] },
  { label: 'private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----[\s\S]{40,}/ },
];

const SHORTEST_TOKEN = 15;

/** The kind of a value shaped like an issued credential (`sk_live_…`, `AKIA…`, `ghp_…`, `xoxb-…`, a PEM private key). */
export function knownTokenKind(value: string): string | undefined {
  const text = value.trim();
  // The shortest issued credential above (a Slack token) has 15 characters; most literals are shorter.
  if (text.length < SHORTEST_TOKEN) return undefined;
  for (const { label, pattern, random } of TOKEN_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const part = random ? random(match) : text;
    if (isPlaceholderValue(part) || /example|dummy|sample|test_?key|your|xxxx/i.test(part)) return undefined;
    if (random && !(/[0-9]/.test(part) && /[A-Za-z]/.test(part))) return undefined;
    return label;
  }
  return undefined;
}

const CREDENTIAL_URL = /^([a-z][a-z0-9+.-]*):\/\/([^:@/\s]*):([^@/\s]+)@([^/?#\s]+)/i;
const URL_SERVICES: Record<string, string> = {
  mongodb: 'MongoDB', 'mongodb+srv': 'MongoDB', postgres: 'PostgreSQL', postgresql: 'PostgreSQL', mysql: 'MySQL', mariadb: 'MariaDB',
  mssql: 'SQL Server', sqlserver: 'SQL Server', redis: 'Redis', rediss: 'Redis', amqp: 'RabbitMQ', amqps: 'RabbitMQ', smtp: 'SMTP', smtps: 'SMTP',
  ftp: 'FTP', sftp: 'SFTP', ldap: 'LDAP', ldaps: 'LDAP', nats: 'NATS', mqtt: 'MQTT', mqtts: 'MQTT', neo4j: 'Neo4j', couchdb: 'CouchDB', http: 'HTTP', https: 'HTTP',
};

/** A connection URL that carries a real password (`postgres://app:s3cret@db/shop`); the password is never returned. */
export function urlWithPassword(value: string): { service: string; user: string } | undefined {
  const match = CREDENTIAL_URL.exec(value.trim());
  if (!match) return undefined;
  const service = URL_SERVICES[match[1].toLowerCase()];
  const password = decodeURIComponentSafe(match[3]);
  if (!service || password.includes('$') || isPlaceholderValue(password, 'password')) return undefined;
  return { service, user: match[2] };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ───────────────────────────── environment ─────────────────────────────

/** `process.env.X`, `process.env['X']`, `import.meta.env.X` → 'X'. */
export function environmentVariableOf(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type !== 'MemberExpression' || !(isProcessEnv(inner.object) || isImportMetaEnv(inner.object))) return undefined;
  return propertyName(inner.property, inner.computed);
}

/** Strips TypeScript-only wrappers and parentheses-free chains that do not change a value. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'TSTypeAssertion' || current.type === 'ChainExpression') {
      current = current.expression;
    } else {
      return current;
    }
  }
}

const DEPLOY_ENVIRONMENT_VARIABLES = new Set(['NODE_ENV', 'APP_ENV', 'ENV', 'ENVIRONMENT', 'DEPLOY_ENV', 'STAGE', 'ENVIRONMENT_NAME', 'RUN_ENV', 'MODE', 'REACT_APP_ENV', 'REACT_APP_NODE_ENV', 'VITE_ENV']);
const DEPLOYED = /^(production|prod|staging|stage|stg|uat|preprod|pre-prod|preproduction|live|qa)$/i;
const LOCAL = /^(development|dev|develop|local|test|testing|ci|e2e)$/i;

/** What a name bound from the environment stands for. */
interface EnvironmentBinding {
  /** It is `process.env` itself (`const env = process.env`). */
  environmentObject?: boolean;
  /** The environment variable it reads (`JWT_SECRET` for `const { JWT_SECRET } = process.env`). */
  variable?: string;
  /** It holds the deploy environment's name (`const env = process.env.NODE_ENV || 'development'`). */
  deployName?: boolean;
  /** It holds a test of the deploy environment (`const isProd = process.env.NODE_ENV === 'production'`): true in production. */
  productionTest?: boolean;
}

/**
 * The file's environment bindings, one for all the rules that read them: each feeds it from its own
 * `VariableDeclarator` listener (so it is fed whichever of them run), and a declarator is read once.
 */
export function fileEnvironmentBindings(context: Pick<RuleContext, 'perFile'>): EnvironmentBindings {
  return context.perFile('environment-bindings', () => new EnvironmentBindings());
}

/**
 * Per-file record of names bound from `process.env`, fed from the rules' `VariableDeclarator` listeners.
 * Names are matched without scoping: environment-derived names (`NODE_ENV`, `JWT_SECRET`, `isProd`) are distinctive.
 */
export class EnvironmentBindings {
  private readonly bindings = new Map<string, EnvironmentBinding>();
  /** The declarator read last: the rules sharing these bindings each pass it on, one after the other. */
  private lastDeclared: Node | undefined;

  declare(node: Node): void {
    if (node === this.lastDeclared) return;
    this.lastDeclared = node;
    if (node.type !== 'VariableDeclarator' || !node.init) return;
    const init = unwrap(node.init);
    if (node.id.type === 'Identifier') {
      if (this.isEnvironmentObject(init)) {
        this.bindings.set(node.id.name, { environmentObject: true });
        return;
      }
      const binding = this.describe(init);
      if (binding) this.bindings.set(node.id.name, binding);
      return;
    }
    if (node.id.type === 'ObjectPattern' && this.isEnvironmentObject(init)) {
      for (const property of node.id.properties) {
        if (property.type !== 'Property') continue;
        const key = propertyName(property.key, property.computed);
        const local = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
        if (key && local.type === 'Identifier') this.bindings.set(local.name, { variable: key, deployName: DEPLOY_ENVIRONMENT_VARIABLES.has(key) });
      }
    }
  }

  private describe(init: Node): EnvironmentBinding | undefined {
    const variable = environmentVariableOf(init);
    if (variable) return { variable, deployName: DEPLOY_ENVIRONMENT_VARIABLES.has(variable) };
    if (init.type === 'LogicalExpression') {
      const left = this.describe(unwrap(init.left));
      if (left?.variable) return left;
    }
    if (isAppEnvCall(init)) return { deployName: true };
    const test = this.productionBranch(init);
    if (test) return { productionTest: test === 'consequent' };
    return undefined;
  }

  /** `process.env`, `import.meta.env`, or a name bound to one of them. */
  private isEnvironmentObject(node: Node): boolean {
    const inner = unwrap(node);
    if (isProcessEnv(inner) || isImportMetaEnv(inner)) return true;
    return inner.type === 'Identifier' && !!this.bindings.get(inner.name)?.environmentObject;
  }

  lookup(node: Node): EnvironmentBinding | undefined {
    const inner = unwrap(node);
    return inner.type === 'Identifier' ? this.bindings.get(inner.name) : undefined;
  }

  /**
   * The environment variable (or configuration key) an expression reads: `process.env.X`, a name bound from it,
   * `env.X` of `const env = process.env`, and `configService.get('X')` / `config.get('X')`.
   */
  variableOf(node: Node): string | undefined {
    const inner = unwrap(node);
    const direct = environmentVariableOf(inner) ?? this.lookup(inner)?.variable;
    if (direct !== undefined) return direct;
    if (inner.type === 'MemberExpression' && this.isEnvironmentObject(inner.object)) return propertyName(inner.property, inner.computed);
    return configurationKeyOf(inner);
  }

  /** True when the expression reads the environment, directly or through a bound name. */
  readsEnvironment(node: Node): boolean {
    if (readsEnvironment(node)) return true;
    let found = false;
    visitIdentifiers(node, (identifier) => {
      if (this.bindings.has(identifier.name)) found = true;
    });
    return found;
  }

  /** Whether an expression holds the deploy environment's name (`process.env.NODE_ENV`, `env`, `app.get('env')`). */
  isDeployName(node: Node): boolean {
    const inner = unwrap(node);
    const variable = environmentVariableOf(inner);
    if (variable) return DEPLOY_ENVIRONMENT_VARIABLES.has(variable);
    if (isAppEnvCall(inner)) return true;
    if (inner.type === 'LogicalExpression') return this.isDeployName(inner.left);
    return !!this.lookup(inner)?.deployName;
  }

  /**
   * For a test of the deploy environment, the branch that runs in a deployed environment:
   * `NODE_ENV === 'production'` → consequent, `NODE_ENV !== 'production'` or `=== 'development'` → alternate.
   */
  productionBranch(test: Node): 'consequent' | 'alternate' | undefined {
    const inner = unwrap(test);
    if (inner.type === 'UnaryExpression' && inner.operator === '!') {
      const branch = this.productionBranch(inner.argument);
      return branch && (branch === 'consequent' ? 'alternate' : 'consequent');
    }
    if (inner.type === 'Identifier' || inner.type === 'MemberExpression') {
      const binding = this.lookup(inner);
      if (binding?.productionTest !== undefined) return binding.productionTest ? 'consequent' : 'alternate';
      if (inner.type === 'MemberExpression' && isImportMetaEnv(inner.object)) {
        const key = propertyName(inner.property, inner.computed);
        if (key === 'PROD') return 'consequent';
        if (key === 'DEV') return 'alternate';
      }
      return undefined;
    }
    if (inner.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(inner.operator)) return undefined;
    const [name, literal] = this.isDeployName(inner.left) ? [inner.left, inner.right] : this.isDeployName(inner.right) ? [inner.right, inner.left] : [undefined, undefined];
    if (!name || !literal || literal.type !== 'Literal' || typeof literal.value !== 'string') return undefined;
    const deployed = DEPLOYED.test(literal.value) ? true : LOCAL.test(literal.value) ? false : undefined;
    if (deployed === undefined) return undefined;
    const equal = inner.operator === '===' || inner.operator === '==';
    return equal === deployed ? 'consequent' : 'alternate';
  }

  /** `case 'production':` of a `switch` on the deploy environment: true for deployed environments, false for local ones. */
  isDeployedCase(switchStatement: TSESTree.SwitchStatement, switchCase: TSESTree.SwitchCase): boolean | undefined {
    if (!this.isDeployName(switchStatement.discriminant)) return undefined;
    const test = switchCase.test;
    if (!test) return undefined;
    if (test.type !== 'Literal' || typeof test.value !== 'string') return undefined;
    return DEPLOYED.test(test.value) ? true : LOCAL.test(test.value) ? false : undefined;
  }
}

/** `this.configService.get('JWT_SECRET')`, `config.get('jwtSecret')`: the key a configuration service is asked for. */
export function configurationKeyOf(node: Node): string | undefined {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression' || node.callee.computed) return undefined;
  if (node.callee.property.type !== 'Identifier' || node.callee.property.name !== 'get') return undefined;
  const receiver = node.callee.object;
  const name = receiver.type === 'Identifier' ? receiver.name : receiver.type === 'MemberExpression' && !receiver.computed && receiver.property.type === 'Identifier' ? receiver.property.name : undefined;
  if (!name || !/^(config|configService|configuration|settings|nconf|convict)$/i.test(name)) return undefined;
  const [key] = node.arguments;
  return key?.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
}

/** `app.get('env')` of Express. */
function isAppEnvCall(node: Node): boolean {
  return (
    node.type === 'CallExpression' &&
    node.callee.type === 'MemberExpression' &&
    !node.callee.computed &&
    node.callee.property.type === 'Identifier' &&
    node.callee.property.name === 'get' &&
    node.arguments.length === 1 &&
    node.arguments[0].type === 'Literal' &&
    node.arguments[0].value === 'env'
  );
}

function visitIdentifiers(node: Node, visit: (identifier: TSESTree.Identifier) => void, depth = 0): void {
  if (depth > 12) return;
  if (node.type === 'Identifier') {
    visit(node);
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || !value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const child of value) if (child && typeof child.type === 'string') visitIdentifiers(child as Node, visit, depth + 1);
    } else if (typeof (value as Node).type === 'string') {
      if (node.type === 'MemberExpression' && key === 'property' && !node.computed) continue;
      if (node.type === 'Property' && key === 'key' && !node.computed) continue;
      visitIdentifiers(value as Node, visit, depth + 1);
    }
  }
}

// ───────────────────────────── where a value comes from ─────────────────────────────

export interface SecretSource {
  /** The string literal (or template without expressions) the value is written as. */
  literal: Node;
  value: string;
  /** Set when the literal is only a fallback: the environment variable it stands in for, or the text of what it backs up. */
  fallbackFor?: string;
  /** The fallback stands in for an environment variable (rather than a config value). */
  environmentFallback?: boolean;
}

function stringValue(node: Node): string | undefined {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/**
 * The string literals an expression passed where a secret is expected can evaluate to,
 * followed through `const`s, `||`/`??` fallbacks, conditionals, arrays, `Buffer.from` and `TextEncoder.encode`.
 * A literal only used outside deployed environments (`NODE_ENV === 'production' ? env : 'dev'`) is left out.
 */
export function secretSources(context: RuleContext, env: EnvironmentBindings, node: Node, depth = 0): SecretSource[] {
  if (depth > 10) return [];
  const inner = unwrap(node);
  const direct = stringValue(inner);
  if (direct !== undefined) return [{ literal: inner, value: direct }];
  switch (inner.type) {
    case 'Identifier': {
      if (env.lookup(inner)) return [];
      const folded = context.fold(inner);
      if (folded && typeof folded.value === 'string' && folded.origins.length === 1 && stringValue(folded.origins[0]) !== undefined) {
        return [{ literal: folded.origins[0], value: folded.value }];
      }
      const definition = context.definition(inner);
      return definition ? secretSources(context, env, definition, depth + 1) : [];
    }
    case 'MemberExpression': {
      const folded = context.fold(inner);
      if (folded && typeof folded.value === 'string' && folded.origins.length === 1 && stringValue(folded.origins[0]) !== undefined) {
        return [{ literal: folded.origins[0], value: folded.value }];
      }
      return [];
    }
    case 'LogicalExpression': {
      if (inner.operator === '&&') return secretSources(context, env, inner.right, depth + 1);
      const left = secretSources(context, env, inner.left, depth + 1);
      const variable = env.variableOf(inner.left);
      const fromEnvironment = variable !== undefined || env.readsEnvironment(inner.left);
      const right = secretSources(context, env, inner.right, depth + 1).map((source) => ({
        ...source,
        fallbackFor: source.fallbackFor ?? variable ?? describeExpression(context, inner.left),
        environmentFallback: source.environmentFallback ?? fromEnvironment,
      }));
      return [...left, ...right];
    }
    case 'ConditionalExpression': {
      const production = env.productionBranch(inner.test);
      if (production) return secretSources(context, env, inner[production], depth + 1);
      const fromEnvironment = env.readsEnvironment(inner.test);
      const variable = fromEnvironment ? env.variableOf(inner.test) ?? describeExpression(context, inner.test) : undefined;
      return [inner.consequent, inner.alternate].flatMap((branch) =>
        secretSources(context, env, branch, depth + 1).map((source) =>
          fromEnvironment && env.readsEnvironment(branch) === false ? { ...source, fallbackFor: source.fallbackFor ?? variable, environmentFallback: true } : source,
        ),
      );
    }
    case 'ArrayExpression':
      return inner.elements.flatMap((element) => (element && element.type !== 'SpreadElement' ? secretSources(context, env, element, depth + 1) : []));
    case 'CallExpression': {
      const [first] = inner.arguments;
      if (first && first.type !== 'SpreadElement' && isValuePreservingCall(inner)) return secretSources(context, env, first, depth + 1);
      return [];
    }
    default:
      return [];
  }
}

/** `Buffer.from(x)`, `String(x)`, `new TextEncoder().encode(x)`, `x.trim()`: the secret is still `x`. */
function isValuePreservingCall(call: TSESTree.CallExpression): boolean {
  const callee = call.callee;
  if (callee.type === 'Identifier') return callee.name === 'String';
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  const method = callee.property.name;
  if (method === 'from' && callee.object.type === 'Identifier' && callee.object.name === 'Buffer') return true;
  if (method === 'encode' && callee.object.type === 'NewExpression' && callee.object.callee.type === 'Identifier' && callee.object.callee.name === 'TextEncoder') return true;
  return false;
}

export function describeExpression(context: RuleContext, node: Node): string {
  const text = context.sourceText.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/** A fallback literal the `secret-env-fallback` rule reports (the environment variable's name says it is a secret). */
export function isSecretEnvironmentFallback(source: SecretSource): boolean {
  return !!source.environmentFallback && source.fallbackFor !== undefined && secretKindOfName(source.fallbackFor) !== undefined;
}

// ───────────────────────────── options objects ─────────────────────────────

/** The object literal an expression evaluates to: itself, or the initialiser of a `const`. */
export function objectLiteralOf(context: RuleContext, node: Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!node || depth > 6) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'ObjectExpression') return inner;
  if (inner.type === 'Identifier') return objectLiteralOf(context, context.definition(inner), depth + 1);
  return undefined;
}

/** The value at a path of nested object literals (`auth.pass`), following `const`s at each step. */
export function optionAt(context: RuleContext, node: Node | undefined, path: string[]): Node | undefined {
  let current: Node | undefined = node;
  for (const key of path) {
    current = propertyValue(objectLiteralOf(context, current), key);
    if (!current) return undefined;
  }
  return current;
}

/** `x.name(...)` → 'name'. */
export function calledMethod(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** The module a `require('x')`, `import('x')` or bare module-specifier expression names. */
export function requiredSpecifier(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'CallExpression' && inner.callee.type === 'Identifier' && inner.callee.name === 'require') {
    const [argument] = inner.arguments;
    return argument && argument.type === 'Literal' && typeof argument.value === 'string' ? argument.value : undefined;
  }
  if (inner.type === 'ImportExpression' && inner.source.type === 'Literal' && typeof inner.source.value === 'string') return inner.source.value;
  return undefined;
}

/**
 * Dependencies by the folder of the asking file, and by the folder of the package.json that answered, per
 * project: several rules ask for every file, and the files of a package's many folders share one set.
 */
const dependenciesByFolder = new WeakMap<ProjectInfo, { byFileFolder: Map<string, ReadonlySet<string>>; byManifestFolder: Map<string, ReadonlySet<string>> }>();

/** The packages the application of a file depends on: its nearest package.json above it. */
export function applicationDependencies(context: Pick<RuleContext, 'project' | 'file'>): ReadonlySet<string> {
  const fileFolder = context.file.includes('/') ? context.file.slice(0, context.file.lastIndexOf('/')) : '';
  let known = dependenciesByFolder.get(context.project);
  if (!known) dependenciesByFolder.set(context.project, (known = { byFileFolder: new Map(), byManifestFolder: new Map() }));
  let dependencies = known.byFileFolder.get(fileFolder);
  if (!dependencies) known.byFileFolder.set(fileFolder, (dependencies = nearestDependencies(context.project, fileFolder, known.byManifestFolder)));
  return dependencies;
}

function nearestDependencies(project: ProjectInfo, fileFolder: string, byManifestFolder: Map<string, ReadonlySet<string>>): ReadonlySet<string> {
  let folder = fileFolder;
  for (;;) {
    const manifest = project.packages.get(folder);
    if (manifest) {
      let dependencies = byManifestFolder.get(folder);
      if (!dependencies) byManifestFolder.set(folder, (dependencies = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)])));
      return dependencies;
    }
    if (folder === '') return NO_DEPENDENCIES;
    folder = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '';
  }
}

const NO_DEPENDENCIES: ReadonlySet<string> = new Set();

// ───────────────────────────── shell commands ─────────────────────────────

/** Commands every Linux container has (coreutils/busybox, the shell), and Node's own tools. */
const CONTAINER_COMMANDS = new Set([
  'sh', 'bash', 'ls', 'cat', 'echo', 'printf', 'cp', 'mv', 'rm', 'mkdir', 'rmdir', 'touch', 'chmod', 'chown', 'ln', 'pwd', 'test', 'true', 'false', 'sleep', 'date', 'env',
  'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'grep', 'egrep', 'sed', 'awk', 'find', 'xargs', 'tar', 'gzip', 'gunzip', 'zcat', 'kill', 'uname', 'whoami', 'id',
  'hostname', 'which', 'getent', 'groups', 'sync', 'df', 'du', 'tee', 'basename', 'dirname', 'mktemp', 'nproc', 'stat', 'md5sum', 'sha256sum', 'base64', 'expr', 'seq', 'yes', 'nice', 'timeout',
  'node', 'nodejs', 'npm', 'npx', 'yarn', 'pnpm', 'corepack',
]);
/** Shell words that are not programs. */
const SHELL_BUILTINS = new Set(['cd', 'export', 'set', 'unset', 'source', '.', 'exit', 'exec', 'eval', 'ulimit', 'umask', 'wait', 'trap', 'alias', 'command', 'builtin', 'type', 'read', 'shift', 'return', 'local', 'declare', 'typeset', 'readonly', 'if', 'then', 'else', 'fi', 'for', 'do', 'done', 'while', '[', '[[']);

/** The first program of a shell command line that a plain Linux container does not have (`git` in `cd /srv && git pull`). */
export function hostProgramOfCommandLine(commandLine: string): string | undefined {
  for (const segment of commandLine.split(/&&|\|\||;|\||\n|`|\$\(/)) {
    const words = segment.trim().split(/\s+/).filter((word) => word !== '');
    let index = 0;
    while (index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index])) index++;
    const word = words[index];
    if (!word) continue;
    const program = hostProgram(word);
    if (program) return program;
    // `sh /home/deploy/run.sh`: the script on the host is what the command needs.
    const script = words[index + 1];
    if (/^(sh|bash|zsh|dash)$/.test(word) && script && /^\/(home|root|opt|srv|var|etc|usr\/local|Users|mnt)\//.test(script)) return script;
  }
  return undefined;
}

/** The program a spawned executable name stands for, unless every container has it or it ships with the app (`./bin/x`). */
export function hostProgram(executable: string): string | undefined {
  const word = executable.trim().replace(/^["']|["']$/g, '');
  if (word === '' || word.startsWith('-') || word.startsWith('$') || word.startsWith('<') || SHELL_BUILTINS.has(word)) return undefined;
  if (word.startsWith('./') || word.startsWith('../')) return undefined;
  const base = word.split(/[\\/]/).pop() ?? word;
  if (/\.(exe|cmd|bat|ps1|vbs)$/i.test(base)) return base;
  const name = base;
  if (word.startsWith('/')) {
    if (/^\/(usr\/)?(local\/)?s?bin\//.test(word)) return CONTAINER_COMMANDS.has(name) ? undefined : word;
    return word;
  }
  if (/^[A-Za-z]:[\\/]/.test(word)) return word;
  if (CONTAINER_COMMANDS.has(name) || !/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name)) return undefined;
  return name;
}

// ───────────────────────────── secret sinks ─────────────────────────────

export type SinkKind = 'session' | 'jwt' | 'credential';

/** A place the code passes a secret to: the value expression, what it is for (for messages), and the call that takes it. */
export interface SecretSink {
  kind: SinkKind;
  value: Node;
  /** `express-session secret`, `jsonwebtoken.sign secret`, `mysql2 password`. */
  what: string;
  /** The call, `new` or assignment that receives the value, named as related evidence. */
  at: Node;
}

/** The resolved callee of a call or `new`, with a leading `default` (ESM interop) dropped. */
function resolvedCallee(context: RuleContext, call: TSESTree.CallExpression | TSESTree.NewExpression): { module: string; path: string[] } | undefined {
  const target = context.resolve(call.callee);
  if (!target) return undefined;
  const path = target.path[0] === 'default' ? target.path.slice(1) : target.path;
  return { module: target.module, path };
}

function objectArguments(call: TSESTree.CallExpression | TSESTree.NewExpression): Node[] {
  return call.arguments.filter((argument): argument is TSESTree.Expression => argument.type !== 'SpreadElement');
}

function sinksAtPaths(context: RuleContext, call: TSESTree.CallExpression | TSESTree.NewExpression, kind: SinkKind, what: string, paths: string[][]): SecretSink[] {
  const sinks: SecretSink[] = [];
  for (const argument of objectArguments(call)) {
    if (!objectLiteralOf(context, argument)) continue;
    for (const path of paths) {
      const value = optionAt(context, argument, path);
      if (value) sinks.push({ kind, value, what: `${what} ${path[path.length - 1]}`, at: call });
    }
  }
  return sinks;
}

const SESSION_MODULES: Record<string, string[][]> = {
  'express-session': [['secret']],
  'cookie-session': [['secret'], ['keys']],
  'client-sessions': [['secret']],
};
const FASTIFY_PLUGINS: Record<string, { kind: SinkKind; paths: string[][] }> = {
  '@fastify/cookie': { kind: 'session', paths: [['secret']] },
  'fastify-cookie': { kind: 'session', paths: [['secret']] },
  '@fastify/session': { kind: 'session', paths: [['secret']] },
  'fastify-session': { kind: 'session', paths: [['secret']] },
  '@fastify/secure-session': { kind: 'session', paths: [['secret'], ['key']] },
  'fastify-secure-session': { kind: 'session', paths: [['secret'], ['key']] },
  '@fastify/jwt': { kind: 'jwt', paths: [['secret']] },
  'fastify-jwt': { kind: 'jwt', paths: [['secret']] },
};

/** Credential-taking entry points of database, cache, queue, mail and directory clients: the module → callee paths. */
const CREDENTIAL_CLIENTS: Record<string, string[]> = {
  pg: ['Pool', 'Client', 'native.Pool', 'native.Client'],
  'pg-pool': [''],
  'pg-promise': ['()'],
  mysql: ['createConnection', 'createPool', 'createPoolCluster'],
  mysql2: ['createConnection', 'createPool', 'createPoolCluster'],
  'mysql2/promise': ['createConnection', 'createPool', 'createPoolCluster'],
  mariadb: ['createConnection', 'createPool', 'createPoolCluster'],
  mssql: ['connect', 'ConnectionPool'],
  tedious: ['Connection'],
  oracledb: ['getConnection', 'createPool'],
  mongoose: ['connect', 'createConnection'],
  mongodb: ['MongoClient', 'MongoClient.connect'],
  redis: ['createClient', 'createCluster'],
  ioredis: ['', 'Cluster', 'Redis', 'Redis.Cluster'],
  amqplib: ['connect'],
  'amqplib/callback_api': ['connect'],
  nodemailer: ['createTransport'],
  'nodemailer-smtp-transport': [''],
  emailjs: ['SMTPClient', 'server.connect'],
  sequelize: ['', 'Sequelize'],
  'sequelize-typescript': ['Sequelize'],
  knex: ['', 'knex'],
  typeorm: ['createConnection', 'createConnections', 'DataSource'],
  '@nestjs/typeorm': ['TypeOrmModule.forRoot'],
  '@nestjs/sequelize': ['SequelizeModule.forRoot'],
  '@nestjs/mongoose': ['MongooseModule.forRoot'],
  '@mikro-orm/core': ['MikroORM.init'],
  kafkajs: ['Kafka'],
  'cassandra-driver': ['Client'],
  '@elastic/elasticsearch': ['Client'],
  elasticsearch: ['Client'],
  ldapjs: ['createClient'],
  'basic-ftp': ['Client.().access'],
  ftp: ['().connect'],
  ssh2: ['Client.().connect'],
  'node-ssh': ['NodeSSH.().connect'],
  mqtt: ['connect'],
  imap: [''],
  imapflow: ['ImapFlow'],
  'neo4j-driver': ['driver'],
};
const CREDENTIAL_PATHS: string[][] = [
  ['password'], ['pass'], ['passwd'], ['auth', 'pass'], ['auth', 'password'], ['authentication', 'options', 'password'], ['connection', 'password'],
  ['credentials', 'password'], ['sasl', 'password'], ['redisOptions', 'password'], ['options', 'password'],
];
/** Calls that take a password as a positional argument: module → callee path → argument index. */
const POSITIONAL_CREDENTIALS: Record<string, Record<string, number>> = {
  sequelize: { '': 2, Sequelize: 2 },
  'sequelize-typescript': { Sequelize: 2 },
  redis: { 'createClient.().auth': 0 },
  ldapjs: { 'createClient.().bind': 1 },
  'neo4j-driver': { 'auth.basic': 1 },
  'cassandra-driver': { 'auth.PlainTextAuthProvider': 1 },
};
const NOT_OAUTH_STRATEGIES = new Set(['passport-local', 'passport-jwt', 'passport-http-bearer', 'passport-anonymous', 'passport-custom', 'passport-headerapikey', 'passport-strategy']);

function joinPath(path: string[]): string {
  return path.join('.');
}

/** The secrets a call or `new` receives, of every kind: asked by each secret rule of every call, answered once. */
export function sinksOfCall(context: RuleContext, call: TSESTree.CallExpression | TSESTree.NewExpression): readonly SecretSink[] {
  return context.shared('sinksOfCall', call, () => computeSinksOfCall(context, call));
}

function computeSinksOfCall(context: RuleContext, call: TSESTree.CallExpression | TSESTree.NewExpression): SecretSink[] {
  const target = resolvedCallee(context, call);
  const sinks: SecretSink[] = [];
  const method = calledMethod(call);
  if (target) {
    const { module, path } = target;
    const joined = joinPath(path);
    const sessionPaths = SESSION_MODULES[module];
    if (sessionPaths && (path.length === 0 || (path.length === 1 && path[0] !== '()'))) sinks.push(...sinksAtPaths(context, call, 'session', module, sessionPaths));
    // Express 3 / Connect 2 built-ins: express.session({ secret }), express.cookieParser('secret'), express.cookieSession({ secret })
    if ((module === 'express' || module === 'connect') && (joined === 'session' || joined === 'cookieSession')) sinks.push(...sinksAtPaths(context, call, 'session', `${module}.${joined}`, [['secret'], ['keys']]));
    if ((module === 'express' || module === 'connect') && joined === 'cookieParser') {
      const [secret] = call.arguments;
      if (secret && secret.type !== 'SpreadElement') sinks.push({ kind: 'session', value: secret, what: `${module}.cookieParser secret`, at: call });
    }
    if (module === 'cookie-parser' && path.length === 0) {
      const [secret] = call.arguments;
      if (secret && secret.type !== 'SpreadElement') sinks.push({ kind: 'session', value: secret, what: 'cookie-parser secret', at: call });
    }
    if (module.startsWith('iron-session')) sinks.push(...sinksAtPaths(context, call, 'session', 'iron-session', [['password']]));
    if ((module === 'jsonwebtoken' && (joined === 'sign' || joined === 'verify')) || (module === 'jwt-simple' && (joined === 'encode' || joined === 'decode'))) {
      const secret = call.arguments[1];
      if (secret && secret.type !== 'SpreadElement') sinks.push({ kind: 'jwt', value: secret, what: `${module}.${joined} secret`, at: call });
    }
    if ((module === 'express-jwt' || module === 'koa-jwt') && (path.length === 0 || joined === 'expressjwt')) sinks.push(...sinksAtPaths(context, call, 'jwt', module, [['secret']]));
    if (module === '@nestjs/jwt' && (joined === 'JwtModule.register' || joined === 'JwtService')) sinks.push(...sinksAtPaths(context, call, 'jwt', joined, [['secret'], ['privateKey']]));
    if (module === 'jose' && joined === 'jwtVerify') {
      const key = call.arguments[1];
      if (key && key.type !== 'SpreadElement') sinks.push({ kind: 'jwt', value: key, what: 'jose.jwtVerify key', at: call });
    }
    if (module === 'jose' && path[0] === 'SignJWT' && path[path.length - 1] === 'sign') {
      const key = call.arguments[0];
      if (key && key.type !== 'SpreadElement') sinks.push({ kind: 'jwt', value: key, what: 'jose SignJWT key', at: call });
    }
    const clientPaths = CREDENTIAL_CLIENTS[module];
    if (clientPaths && clientPaths.includes(joined)) sinks.push(...sinksAtPaths(context, call, 'credential', module, CREDENTIAL_PATHS));
    const positional = POSITIONAL_CREDENTIALS[module]?.[joined];
    if (positional !== undefined) {
      const argument = call.arguments[positional];
      if (argument && argument.type !== 'SpreadElement' && call.arguments.length > positional) sinks.push({ kind: 'credential', value: argument, what: `${module} password`, at: call });
    }
    if (module.startsWith('passport-') && !NOT_OAUTH_STRATEGIES.has(module) && call.type === 'NewExpression') {
      sinks.push(...sinksAtPaths(context, call, 'credential', module, [['clientSecret'], ['consumerSecret']]));
    }
  }
  // fastify.register(require('@fastify/jwt'), { secret })
  if (method === 'register' && call.arguments.length >= 2) {
    const [plugin, options] = call.arguments;
    const pluginModule = plugin.type === 'SpreadElement' ? undefined : requiredSpecifier(plugin) ?? context.resolve(plugin)?.module;
    const known = pluginModule ? FASTIFY_PLUGINS[pluginModule] : undefined;
    if (known && options.type !== 'SpreadElement') {
      for (const path of known.paths) {
        const value = optionAt(context, options, path);
        if (value) sinks.push({ kind: known.kind, value, what: `${pluginModule} ${path.join('.')}`, at: call });
      }
    }
  }
  // hapi: server.auth.strategy('session', 'cookie', { cookie: { password } }) / ('jwt', 'jwt', { key })
  if (method === 'strategy' && call.callee.type === 'MemberExpression' && call.callee.object.type === 'MemberExpression' && propertyName(call.callee.object.property, call.callee.object.computed) === 'auth') {
    const scheme = call.arguments[1];
    const options = call.arguments[2];
    if (scheme?.type === 'Literal' && options && options.type !== 'SpreadElement') {
      if (scheme.value === 'cookie') {
        for (const path of [['cookie', 'password'], ['password']]) {
          const value = optionAt(context, options, path);
          if (value) sinks.push({ kind: 'session', value, what: 'hapi cookie password', at: call });
        }
      } else if (scheme.value === 'jwt') {
        for (const path of [['key'], ['keys']]) {
          const value = optionAt(context, options, path);
          if (value) sinks.push({ kind: 'jwt', value, what: `hapi jwt ${path[0]}`, at: call });
        }
      }
    }
  }
  // NestJS: this.jwtService.sign(payload, { secret })
  if (call.type === 'CallExpression' && method && /^(sign|signAsync|verify|verifyAsync)$/.test(method) && call.callee.type === 'MemberExpression') {
    const receiver = context.sourceText.slice(call.callee.object.range[0], call.callee.object.range[1]);
    if (/jwtService$/i.test(receiver) && call.arguments[1]) sinks.push(...sinksAtPaths(context, { ...call, arguments: [call.arguments[1]] } as TSESTree.CallExpression, 'jwt', 'JwtService', [['secret'], ['privateKey']]).map((sink) => ({ ...sink, at: call })));
  }
  // `jwt.sign(payload, 'secret')` where `jwt` is never imported in the file (a global or a parameter).
  if (!target && call.type === 'CallExpression' && method && /^(sign|verify)$/.test(method) && call.callee.type === 'MemberExpression' && call.callee.object.type === 'Identifier') {
    const receiver = call.callee.object;
    if (/^(jwt|JWT|jsonwebtoken|jsonWebToken|Jwt)$/.test(receiver.name) && !context.resolve(receiver) && !context.definition(receiver)) {
      const secret = call.arguments[1];
      if (secret && secret.type !== 'SpreadElement') sinks.push({ kind: 'jwt', value: secret, what: `${receiver.name}.${method} secret`, at: call });
    }
  }
  // NestJS Passport strategies: class X extends PassportStrategy(Strategy) { constructor() { super({ clientSecret, secretOrKey }) } }
  if (call.type === 'CallExpression' && call.callee.type === 'Super') {
    const heritage = enclosingClass(call)?.superClass;
    if (heritage?.type === 'CallExpression' && context.resolve(heritage.callee)?.module === '@nestjs/passport') {
      sinks.push(...sinksAtPaths(context, call, 'credential', 'PassportStrategy', [['clientSecret'], ['consumerSecret']]));
    }
  }
  return sinks;
}

function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  let current: Node | undefined = node.parent;
  while (current) {
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') return current;
    current = current.parent;
  }
  return undefined;
}

/** `opts.secretOrKey = '…'` (passport-jwt) and `app.keys = ['…']` (Koa). */
export function sinksOfAssignment(context: RuleContext, assignment: TSESTree.AssignmentExpression): SecretSink[] {
  if (assignment.operator !== '=' || assignment.left.type !== 'MemberExpression') return [];
  const key = propertyName(assignment.left.property, assignment.left.computed);
  if (key === 'secretOrKey') return [{ kind: 'jwt', value: assignment.right, what: 'passport-jwt secretOrKey', at: assignment }];
  if (key === 'keys') {
    const receiver = context.resolve(assignment.left.object);
    if (receiver && receiver.module === 'koa' && receiver.path[receiver.path.length - 1] === '()') return [{ kind: 'session', value: assignment.right, what: 'Koa app.keys', at: assignment }];
  }
  return [];
}

const HOST_KEYS = new Set(['host', 'hostname', 'server', 'port', 'database', 'dialect', 'connectString', 'connectionString', 'service', 'dbName']);
const PASSWORD_KEYS = new Set(['password', 'pass', 'passwd', 'pwd']);

/** `secretOrKey: '…'` anywhere (passport-jwt options), and passwords of connection-settings objects (`{ host, user, password }`). */
export function sinksOfProperty(property: TSESTree.Property): SecretSink[] {
  const key = propertyName(property.key, property.computed);
  if (!key || property.parent?.type !== 'ObjectExpression') return [];
  if (key === 'secretOrKey') return [{ kind: 'jwt', value: property.value, what: 'passport-jwt secretOrKey', at: property }];
  if (!PASSWORD_KEYS.has(key)) return [];
  const object = property.parent;
  const holder = object.parent?.type === 'Property' && object.parent.parent?.type === 'ObjectExpression' ? object.parent.parent : undefined;
  const hasHost = (candidate: TSESTree.ObjectExpression | undefined) =>
    !!candidate && candidate.properties.some((sibling) => sibling.type === 'Property' && HOST_KEYS.has(propertyName(sibling.key, sibling.computed) ?? ''));
  // Labels of a connection form ({ host: 'Host', password: 'Mot de passe' }) are prose, not passwords.
  const value = property.value;
  if (value.type === 'Literal' && typeof value.value === 'string' && /\s/.test(value.value.trim())) return [];
  if (hasHost(object) || hasHost(holder)) return [{ kind: 'credential', value: property.value, what: `connection settings ${key}`, at: property }];
  return [];
}

// ───────────────────────────── shared listener set of the sink rules ─────────────────────────────

function describeSink(context: RuleContext, sink: SecretSink): string {
  if (sink.at.type === 'CallExpression' || sink.at.type === 'NewExpression') {
    const text = context.sourceText.slice(sink.at.callee.range[0], sink.at.callee.range[1]).replace(/\s+/g, '');
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  }
  return sink.what;
}

/**
 * Listeners of a rule that reports the literals reaching secret sinks of some kinds: messages `literal` and `fallback`
 * with `{{what}}` (the option) and `{{source}}` (what the literal backs up). Fallbacks of secret-named environment
 * variables are left to `secret-env-fallback`; credentials skip placeholders (they cannot authenticate anyway).
 */
export function sinkRuleListeners(
  context: RuleContext,
  kinds: SinkKind[],
  extra?: (sink: (sinks: readonly SecretSink[]) => void, env: EnvironmentBindings) => Record<string, (node: Node) => void>,
  /**
   * The required environment variable a fix reads a literal secret of each sink kind from (rules that declare fixable):
   * a name, or a function of the sink and the literal. A fallback of an environment variable is fixed by making that
   * variable required.
   */
  fixVariables: Partial<Record<SinkKind, string | ((sink: SecretSink, literal: Node) => string | undefined)>> = {},
): Record<string, (node: Node) => void> {
  const env = fileEnvironmentBindings(context);
  const pending = new Map<Node, ReportDescriptor>();
  /** The sink each literal with a fix goes to: its variable is chosen at the end, when the literal's surroundings are known. */
  const fixSinkOf = new Map<Node, SecretSink>();
  /** Literals that back up an environment variable (by name), for rules that fix. */
  const fallbackOf = new Map<Node, string>();
  /**
   * Session and cookie signing keys: express-session wants cookie-parser's secret to be its own, so two literals
   * become one SESSION_SECRET; two different passwords or JWT keys are never merged into one variable.
   */
  const sharedKeys = new Set<Node>();
  /** Literals reported through a connection-settings object only: a client call naming them later says more. */
  const byShape = new Set<Node>();
  const check = (sinks: readonly SecretSink[]) => {
    for (const sink of sinks) {
      if (!kinds.includes(sink.kind)) continue;
      const fromCall = sink.at.type === 'CallExpression' || sink.at.type === 'NewExpression';
      for (const source of secretSources(context, env, sink.value)) {
        if (isBlank(source.value) || isSecretEnvironmentFallback(source)) continue;
        if (pending.has(source.literal) && !(fromCall && byShape.has(source.literal))) continue;
        if (fromCall) byShape.delete(source.literal);
        else if (!pending.has(source.literal)) byShape.add(source.literal);
        if (sink.kind === 'credential' && (isPlaceholderValue(source.value, 'password') || source.value.length < 3)) continue;
        const outside = source.literal.range[0] < sink.at.range[0] || source.literal.range[1] > sink.at.range[1];
        const related = outside ? [{ node: sink.at, message: `used by ${describeSink(context, sink)}` }] : [];
        const chooser = fixVariables[sink.kind];
        if (chooser && source.fallbackFor === undefined) fixSinkOf.set(source.literal, sink);
        else fixSinkOf.delete(source.literal);
        if (sink.kind === 'session') sharedKeys.add(source.literal);
        if (chooser && source.fallbackFor !== undefined && source.environmentFallback) fallbackOf.set(source.literal, source.fallbackFor);
        else fallbackOf.delete(source.literal);
        pending.set(
          source.literal,
          source.fallbackFor !== undefined
            ? { node: source.literal, messageId: 'fallback', data: { what: sink.what, source: source.fallbackFor }, related }
            : { node: source.literal, messageId: 'literal', data: { what: sink.what }, related },
        );
      }
    }
  };
  const listeners: Record<string, (node: Node) => void> = {
    VariableDeclarator: (node) => env.declare(node),
    CallExpression: (node) => check(sinksOfCall(context, node as TSESTree.CallExpression)),
    NewExpression: (node) => check(sinksOfCall(context, node as TSESTree.NewExpression)),
    AssignmentExpression: (node) => check(sinksOfAssignment(context, node as TSESTree.AssignmentExpression)),
    Property: (node) => check(sinksOfProperty(node as TSESTree.Property)),
    'Program:exit': () => {
      // Fixes are built here, when every node's parent is known (a fix looks at where its literal sits).
      const fixVariableOf = new Map<Node, string>();
      for (const [literal, sink] of fixSinkOf) {
        const chooser = fixVariables[sink.kind]!;
        const variable = typeof chooser === 'string' ? chooser : chooser(sink, literal);
        if (variable && literal.parent?.type !== 'ArrayExpression') fixVariableOf.set(literal, variable);
      }
      const ambiguous = ambiguousVariables(
        [...fixVariableOf].filter(([literal]) => !sharedKeys.has(literal)).map(([literal, variable]) => ({ variable, value: context.sourceText.slice(literal.range[0], literal.range[1]) })),
      );
      for (const descriptor of [...pending.values()].sort((a, b) => a.node!.range[0] - b.node!.range[0])) {
        const literal = descriptor.node!;
        const variable = fixVariableOf.get(literal);
        const fallback = fallbackOf.get(literal);
        const fixes = variable !== undefined
          ? (ambiguous.has(variable) ? [] : secretFix(context, literal, variable))
          : fallback !== undefined
            ? optional(requiredFallbackFix(context, literal, fallback, (node) => readsEnvironmentVariable(env, node, fallback)))
            : [];
        context.report({ ...descriptor, fixes });
      }
    },
  };
  if (extra) {
    for (const [selector, listener] of Object.entries(extra(check, env))) {
      const previous = listeners[selector];
      listeners[selector] = previous ? (node) => { previous(node); listener(node); } : listener;
    }
  }
  return listeners;
}

function optional<T>(value: T | undefined): T[] {
  return value === undefined ? [] : [value];
}

/** `process.env.X`, `env.X` of an alias, or a name destructured from the environment: X read directly, not through a configuration service. */
export function readsEnvironmentVariable(env: EnvironmentBindings, node: Node, variable: string): boolean {
  const inner = unwrap(node);
  return configurationKeyOf(inner) === undefined && env.variableOf(inner) === variable;
}

/** Replaces one string literal by a required environment variable; lists of keys (`app.keys = [...]`) are left to a person. */
function secretFix(context: RuleContext, literal: Node, variable: string | undefined): Fix[] {
  if (!variable || literal.type !== 'Literal' || typeof literal.value !== 'string' || literal.parent?.type === 'ArrayExpression') return [];
  return [externalizeFix(context, { literal, variable, secret: true })];
}

/** For a literal that is the fallback of an environment read, the environment variable (`JWT_SECRET` in `process.env.JWT_SECRET || 'x'`). */
export function fallbackVariable(env: EnvironmentBindings, literal: Node): string | undefined {
  let child: Node = literal;
  let parent = literal.parent;
  while (parent) {
    if (parent.type === 'LogicalExpression' && parent.operator !== '&&' && parent.right === child) return env.variableOf(parent.left);
    if (parent.type === 'ConditionalExpression' && parent.alternate === child) return env.variableOf(parent.test);
    if (parent.type === 'AssignmentPattern' && parent.right === child) {
      const property = parent.parent;
      const pattern = property?.parent;
      const declarator = pattern?.parent;
      if (property?.type === 'Property' && pattern?.type === 'ObjectPattern' && declarator?.type === 'VariableDeclarator' && declarator.init && env.readsEnvironment(declarator.init)) {
        return propertyName(property.key, property.computed);
      }
      return undefined;
    }
    if (parent.type !== 'TSAsExpression' && parent.type !== 'TSNonNullExpression' && parent.type !== 'TSSatisfiesExpression') return undefined;
    child = parent;
    parent = parent.parent;
  }
  return undefined;
}

const SIGNING_NAME_PREFIXES = '(jwt|session|cookie|token|accesstoken|refreshtoken|auth|nextauth|app|api|client|consumer|oauth|webhook|signing|encryption|hmac|master|csrf|express|koa|passport|github|google|facebook|twitter|stripe|paypal|aws|slack|discord|spotify|linkedin|microsoft|azure|auth0|okta|mailgun|sendgrid|twilio)?';
const SIGNING_NAME = new RegExp(`^(${SIGNING_NAME_PREFIXES}secret(key)?|(secret|jwt|jwtprivate|session|cookie|signing|encryption|hmac|master|app)key|passphrase|secretorkey)$`);

/**
 * A name that really denotes a secret key (`secret`, `jwtSecret`, `SESSION_SECRET`, `githubSecret`, `SECRET_KEY`),
 * not merely a name ending in the word (`hardcoded-secret`, `topSecret`): a word-like value under it is reported.
 */
export function isSigningSecretName(name: string): boolean {
  return SIGNING_NAME.test(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/** A signing-secret-like literal for a name-based finding: a short phrase at most, no prose, no placeholder. */
export function looksLikeSigningSecret(value: string, name: string): boolean {
  const text = value.trim();
  if (text.length < 6 || text.length > 512 || isPlaceholderValue(text, name) || isVariableReference(text)) return false;
  const words = text.split(/\s+/);
  if (words.length > 2) return false;
  if (/^[A-Z][a-z]+[.!?]?$/.test(words[0]) && (words.length > 1 || !/[0-9_\-]/.test(text))) return false;
  if (/^(https?|[a-z]+):\/\//i.test(text) || text.startsWith('/') || text.startsWith('./')) return false;
  return true;
}

// ───────────────────────────── configuration data files ─────────────────────────────

/** A string value of a JSON or YAML document, with the keys that lead to it and its offsets in the text. */
export interface ConfigValue {
  path: string[];
  value: string;
  range: [number, number];
}

/** String values of a JSON document (comments tolerated); undefined when the text is not JSON. */
export function jsonStringValues(text: string): ConfigValue[] | undefined {
  const values: ConfigValue[] = [];
  let index = 0;
  const skipSpace = () => {
    for (;;) {
      while (index < text.length && /\s/.test(text[index])) index++;
      if (text.startsWith('//', index)) {
        const end = text.indexOf('\n', index);
        index = end < 0 ? text.length : end + 1;
      } else if (text.startsWith('/*', index)) {
        const end = text.indexOf('*/', index + 2);
        if (end < 0) throw new Error('unterminated comment');
        index = end + 2;
      } else {
        return;
      }
    }
  };
  const readString = (): { value: string; range: [number, number] } => {
    const quote = text[index];
    const start = index;
    index++;
    let value = '';
    while (index < text.length && text[index] !== quote) {
      if (text[index] === '\\') {
        const next = text[index + 1];
        if (next === 'u') {
          value += String.fromCharCode(parseInt(text.slice(index + 2, index + 6), 16));
          index += 6;
          continue;
        }
        value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next === 'b' ? '\b' : next === 'f' ? '\f' : next;
        index += 2;
        continue;
      }
      value += text[index++];
    }
    if (index >= text.length) throw new Error('unterminated string');
    index++;
    return { value, range: [start + 1, index - 1] };
  };
  const readValue = (path: string[], depth: number): void => {
    if (depth > 64) throw new Error('too deep');
    skipSpace();
    const character = text[index];
    if (character === '{') {
      index++;
      skipSpace();
      while (text[index] !== '}') {
        skipSpace();
        let key: string;
        if (text[index] === '"' || text[index] === "'") key = readString().value;
        else {
          const match = /^[A-Za-z_$][\w$-]*/.exec(text.slice(index));
          if (!match) throw new Error('bad key');
          key = match[0];
          index += key.length;
        }
        skipSpace();
        if (text[index] !== ':') throw new Error('expected :');
        index++;
        readValue([...path, key], depth + 1);
        skipSpace();
        if (text[index] === ',') index++;
        skipSpace();
        if (index >= text.length) throw new Error('unterminated object');
      }
      index++;
    } else if (character === '[') {
      index++;
      let item = 0;
      skipSpace();
      while (text[index] !== ']') {
        readValue([...path, String(item++)], depth + 1);
        skipSpace();
        if (text[index] === ',') index++;
        skipSpace();
        if (index >= text.length) throw new Error('unterminated array');
      }
      index++;
    } else if (character === '"' || character === "'") {
      const { value, range } = readString();
      values.push({ path, value, range });
    } else {
      const match = /^[^\s,}\]]+/.exec(text.slice(index));
      if (!match) throw new Error('bad value');
      index += match[0].length;
    }
  };
  try {
    readValue([], 0);
    skipSpace();
    return index >= text.length ? values : undefined;
  } catch {
    return undefined;
  }
}

/** String and plain scalar values of a YAML document's block mappings (flow collections and block scalars skipped). */
export function yamlStringValues(text: string): ConfigValue[] {
  const values: ConfigValue[] = [];
  const stack: { indent: number; key: string }[] = [];
  let offset = 0;
  let blockIndent = -1;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const content = line.replace(/\r$/, '');
    const indent = content.length - content.trimStart().length;
    const trimmed = content.trim();
    if (blockIndent >= 0) {
      if (trimmed === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || trimmed === '...') continue;
    const match = /^(-\s+)?(?:(["']?)([^"':#][^:#]*?|[^"']+)\2\s*:(?:\s+|$))?(.*)$/.exec(trimmed);
    if (!match) continue;
    const keyIndent = indent + (match[1]?.length ?? 0);
    while (stack.length > 0 && stack[stack.length - 1].indent >= keyIndent) stack.pop();
    const key = match[3];
    let rest = match[4];
    if (key === undefined) continue;
    if (rest === '' ) {
      stack.push({ indent: keyIndent, key });
      continue;
    }
    if (/^[|>][-+0-9]*$/.test(rest)) {
      blockIndent = keyIndent;
      continue;
    }
    let start = lineStart + content.length - rest.length;
    let value: string;
    const quoted = /^(["'])(.*?)\1\s*(#.*)?$/.exec(rest);
    if (quoted) {
      value = quoted[2];
      start += 1;
    } else {
      if (/^[[{&*!]/.test(rest)) continue;
      rest = rest.replace(/\s+#.*$/, '');
      value = rest.trim();
    }
    values.push({ path: [...stack.map((entry) => entry.key), key], value, range: [start, start + value.length] });
  }
  return values;
}

/** String values of a configuration data file by its extension; undefined when it cannot be read as such. */
export function configValues(file: string, text: string): ConfigValue[] | undefined {
  if (/\.ya?ml$/i.test(file)) return yamlStringValues(text);
  if (/\.json[c5]?$/i.test(file)) return jsonStringValues(text);
  return undefined;
}

/** Configuration data files: JSON/YAML under a config folder or named like configuration, credentials or a service-account key. */
export const CONFIG_DATA_FILE =
  /(^|\/)(config|configs|conf|settings|env|environments|secrets|credentials)\/[^/]+\.(json|jsonc|json5|ya?ml)$|(^|\/)(config|settings|secrets?|credentials?|keys|appsettings|database|db|default|production|prod|staging)([._-][\w.-]*)?\.(json|jsonc|json5|ya?ml)$|(^|\/)[^/]*(service[-_]?account|adminsdk|credentials|gcp[-_]key|google[-_]key)[^/]*\.json$/i;

/** Data files that look like configuration but are not the application's settings. */
export function isNotSettingsFile(file: string): boolean {
  const base = file.split('/').pop() ?? file;
  return (
    /^(package|package-lock|composer|tsconfig.*|jsconfig.*|\.eslintrc.*|\.prettierrc.*|\.babelrc|lerna|nx|turbo|renovate|tslint|firebase|app|manifest|angular|vercel|now|netlify|openapi.*|swagger.*)\.(json|jsonc|json5|ya?ml)$/i.test(base) ||
    /^custom-environment-variables\./i.test(base) ||
    /(^|[._-])(example|sample|template|dist|schema|defaults?\.example)([._-]|\.(json|jsonc|json5|ya?ml)$)/i.test(base) ||
    /(^|\/)(\.github|\.vscode|\.idea|locales?|i18n|translations|lang|fixtures|mocks?|__mocks__|cypress|e2e)\//i.test(file)
  );
}

/** The deployed environment a file is named for (`config/production.json` → production). */
export function deployedEnvironmentOfFile(file: string): string | undefined {
  // Asked of every relative import: most name none of the environments.
  if (!/prod|stag|uat|live/i.test(file)) return undefined;
  const base = (file.split('/').pop() ?? file).replace(/\.(json|jsonc|json5|ya?ml|[cm]?[jt]s)$/i, '');
  const match = /(?:^|[._-])(production|prod|staging|stage|uat|preprod|live)$/i.exec(base);
  return match ? match[1].toLowerCase() : undefined;
}

/** The deployed environment a top-level section is named for (`production` in sequelize's config.json). */
export function deployedEnvironmentOfKey(key: string): string | undefined {
  return DEPLOYED.test(key) && !/^qa$/i.test(key) ? key.toLowerCase() : undefined;
}

// ───────────────────────────── endpoints in configuration ─────────────────────────────

const ENDPOINT_URL = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/\s]*)@)?(\[[^\]]+\]|[^/:?#,\s]+)/i;
const ENDPOINT_SCHEMES = new Set([...Object.keys(URL_SERVICES), 'ws', 'wss', 'memcached', 'kafka', 'cassandra', 'bolt', 'mysqlx', 'grpc', 'tcp', 'nats']);
const HOST_KEY = /^(host|hostname|server|address|endpoint|domain)$|[a-z](Host|Hostname|Server|Endpoint)$|_(HOST|HOSTNAME|SERVER|ENDPOINT)$/;
const UNSPECIFIED_HOSTS = new Set(['0.0.0.0', '::', '[::]', '*', '']);

/**
 * The printable form (credentials masked) of a value that names a network endpoint:
 * a URL with a host, or a host name under a host-like key.
 */
export function endpointOf(value: string, key?: string): string | undefined {
  const text = value.trim();
  if (text.length > 300 || /\s/.test(text)) return undefined;
  const url = ENDPOINT_URL.exec(text);
  if (url) {
    const host = url[3];
    if (!ENDPOINT_SCHEMES.has(url[1].toLowerCase()) || UNSPECIFIED_HOSTS.has(host) || /[${}<>]/.test(host) || /(^|\.)(example\.(com|org|net)|your[-_]?domain\.[a-z]+)$/i.test(host) || isPlaceholderValue(host)) return undefined;
    const shown = url[2] ? text.replace(`${url[2]}@`, `${url[2].split(':')[0]}:***@`) : text;
    return shown.length > 80 ? `${shown.slice(0, 77)}…` : shown;
  }
  if (key !== undefined && HOST_KEY.test(key) && /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$/.test(text) && !UNSPECIFIED_HOSTS.has(text) && !/^\d+$/.test(text) && !isPlaceholderValue(text, key)) {
    return text;
  }
  return undefined;
}

/** The constant text a command expression starts with: all of it when it folds, else the literal head (`ffmpeg -i ` of `` `ffmpeg -i ${file}` ``). */
export function leadingText(context: RuleContext, node: Node, depth = 0): { text: string; literal: Node } | undefined {
  if (depth > 8) return undefined;
  const inner = unwrap(node);
  const folded = context.fold(inner);
  if (folded && typeof folded.value === 'string' && folded.origins.length > 0) return { text: folded.value, literal: folded.origins[0] };
  if (inner.type === 'TemplateLiteral') {
    const head = inner.quasis[0].value.cooked ?? '';
    return head.trim() === '' ? undefined : { text: head, literal: inner };
  }
  if (inner.type === 'BinaryExpression' && inner.operator === '+') return leadingText(context, inner.left, depth + 1);
  if (inner.type === 'Identifier') {
    const definition = context.definition(inner);
    return definition ? leadingText(context, definition, depth + 1) : undefined;
  }
  return undefined;
}

/** Every module a file imports or requires, with the node naming it, fed from the listeners below. */
export function moduleImportListeners(onModule: (specifier: string, node: Node) => void): Record<string, (node: Node) => void> {
  return {
    ImportDeclaration(node) {
      const declaration = node as TSESTree.ImportDeclaration;
      if (declaration.importKind === 'type') return;
      onModule(String(declaration.source.value), declaration.source);
    },
    ImportExpression(node) {
      const expression = node as TSESTree.ImportExpression;
      if (expression.source.type === 'Literal' && typeof expression.source.value === 'string') onModule(expression.source.value, expression.source);
    },
    CallExpression(node) {
      const call = node as TSESTree.CallExpression;
      if (call.callee.type !== 'Identifier' || call.callee.name !== 'require') return;
      const [argument] = call.arguments;
      if (argument?.type === 'Literal' && typeof argument.value === 'string') onModule(argument.value, argument);
    },
    TSImportEqualsDeclaration(node) {
      const declaration = node as TSESTree.TSImportEqualsDeclaration;
      if (declaration.importKind !== 'type' && declaration.moduleReference.type === 'TSExternalModuleReference' && declaration.moduleReference.expression.type === 'Literal') {
        onModule(String(declaration.moduleReference.expression.value), declaration.moduleReference.expression);
      }
    },
  };
}

const CONTAINER_FILE = /(^|\/)(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile|Containerfile)$/;
/** Package names a program is installed under. */
const PROGRAM_PACKAGES: Record<string, string[]> = {
  convert: ['imagemagick', 'ImageMagick', 'graphicsmagick-imagemagick-compat'],
  magick: ['imagemagick'],
  identify: ['imagemagick'],
  mogrify: ['imagemagick'],
  gm: ['graphicsmagick'],
  soffice: ['libreoffice'],
  libreoffice: ['libreoffice'],
  unoconv: ['unoconv'],
  wkhtmltopdf: ['wkhtmltopdf', 'wkhtmltox'],
  wkhtmltoimage: ['wkhtmltopdf', 'wkhtmltox'],
  ffprobe: ['ffmpeg'],
  gs: ['ghostscript'],
  pdftoppm: ['poppler-utils', 'poppler'],
  pdftocairo: ['poppler-utils', 'poppler'],
  python3: ['python3', 'python'],
  python: ['python3', 'python'],
};

/** True when a Dockerfile of the workspace installs the program (or starts from an image named after it). */
export function imageInstalls(context: Pick<RuleContext, 'project'>, program: string): boolean {
  const texts = context.project.configTexts;
  if (!texts) return false;
  const base = (program.split('/').pop() ?? program).replace(/\.exe$/i, '');
  const names = [base, ...(PROGRAM_PACKAGES[base] ?? [])].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(^|[^\\w-])(${names.join('|')})([^\\w-]|$)`, 'i');
  for (const [file, text] of texts) {
    if (!CONTAINER_FILE.test(file)) continue;
    for (const line of text.split('\n')) {
      const instruction = line.trim();
      if (/^(RUN|FROM|COPY|ADD)\s/i.test(instruction) && pattern.test(instruction.replace(/^\S+\s+/, ''))) return true;
    }
  }
  return false;
}

/**
 * Like `isEnvironmentFallback`, but a conditional on the deploy environment (`NODE_ENV === 'production' ? a : b`)
 * is a switch between literals, not an override: only `||`/`??` beside an environment read, a conditional on another
 * variable, or a destructuring default from `process.env` make a literal a fallback.
 */
export function isOverriddenByEnvironment(env: EnvironmentBindings, literal: Node): boolean {
  let child: Node = literal;
  let parent = literal.parent;
  while (parent) {
    if (parent.type === 'LogicalExpression') {
      const other = parent.left === child ? parent.right : parent.left;
      if (env.readsEnvironment(other)) return true;
    } else if (parent.type === 'ConditionalExpression') {
      if (parent.test === child) return false;
      if (env.productionBranch(parent.test)) return false;
      if (env.readsEnvironment(parent.test)) return true;
    } else if (parent.type === 'AssignmentPattern') {
      return fallbackVariable(env, literal) !== undefined;
    } else if (parent.type !== 'TemplateLiteral' && parent.type !== 'BinaryExpression' && parent.type !== 'TSAsExpression' && parent.type !== 'TSNonNullExpression') {
      return false;
    }
    child = parent;
    parent = parent.parent;
  }
  return false;
}

/** Absolute folders the workspace's Dockerfiles create in the image: WORKDIR, VOLUME and COPY/ADD destinations. */
export function imagePaths(context: Pick<RuleContext, 'project'>): string[] {
  const texts = context.project.configTexts;
  if (!texts) return [];
  const paths: string[] = [];
  for (const [file, text] of texts) {
    if (!CONTAINER_FILE.test(file)) continue;
    for (const line of text.split('\n')) {
      const instruction = /^\s*(WORKDIR|VOLUME|COPY|ADD)\s+(.*)$/i.exec(line);
      if (!instruction) continue;
      const words = instruction[2].replace(/[[\]",]/g, ' ').split(/\s+/).filter((word) => word !== '' && !word.startsWith('--'));
      const targets = /^(COPY|ADD)$/i.test(instruction[1]) ? words.slice(-1) : words;
      for (const target of targets) if (target.startsWith('/') && target.length > 1) paths.push(target.replace(/\/+$/, ''));
    }
  }
  return paths;
}
