import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { SERVICE_SCHEMES } from '../rules/support/serviceSchemes';

type Node = TSESTree.Node;

const CLIENT_HOST_VARIABLE: Record<string, string> = {
  pg: 'PGHOST',
  'pg-pool': 'PGHOST',
  mysql: 'MYSQL_HOST',
  mysql2: 'MYSQL_HOST',
  'mysql2/promise': 'MYSQL_HOST',
  mariadb: 'MARIADB_HOST',
  mssql: 'MSSQL_HOST',
  tedious: 'MSSQL_HOST',
  redis: 'REDIS_HOST',
  ioredis: 'REDIS_HOST',
  memcached: 'MEMCACHED_HOST',
  nodemailer: 'SMTP_HOST',
  amqplib: 'AMQP_HOST',
  mongoose: 'MONGODB_HOST',
  mongodb: 'MONGODB_HOST',
  sequelize: 'DB_HOST',
  knex: 'DB_HOST',
  typeorm: 'DB_HOST',
  kafkajs: 'KAFKA_HOST',
  '@elastic/elasticsearch': 'ELASTICSEARCH_HOST',
};

/** `mongoUrl` → MONGO_URL, `base-url` → BASE_URL. */
export function screamingCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The name the code already gives the value: the const it initialises or the property it sets. */
function ownName(literal: Node): string | undefined {
  const parent = literal.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'Property' && parent.value === literal && !parent.computed && parent.key.type === 'Identifier') return parent.key.name;
  return undefined;
}

const DESCRIPTIVE = /(URL|URI|DSN|HOST|ENDPOINT|ADDRESS|CONNECTION_STRING)$/;

/** The variable for a URL: the code's own descriptive name if it has one (MONGO_URL), else one by scheme. */
export function urlVariable(literal: Node, url: string): string {
  const own = ownName(literal);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase() ?? '';
  if (own) {
    const candidate = screamingCase(own);
    if (DESCRIPTIVE.test(candidate) && candidate !== 'URL' && candidate !== 'HOST') return candidate;
  }
  return SERVICE_SCHEMES[scheme]?.variable ?? (own && screamingCase(own) !== 'URL' ? `${screamingCase(own)}_URL`.replace(/_URL_URL$/, '_URL') : 'SERVICE_URL');
}

/** The variable for a client's `host` option: the code's own descriptive const name, else one per client library. */
export function hostVariable(literal: Node, clientModule: string): string {
  const own = ownName(literal);
  if (own && own !== 'host' && own !== 'hostname' && own !== 'server') {
    const candidate = screamingCase(own);
    if (DESCRIPTIVE.test(candidate)) return candidate;
  }
  return CLIENT_HOST_VARIABLE[clientModule] ?? `${screamingCase(clientModule.replace(/^@[^/]+\//, ''))}_HOST`;
}

/** MONGODB_URL → mongodbUrl: the key a config module holds a variable's value under. */
export function configKey(variable: string): string {
  const words = variable.toLowerCase().split(/_+/).filter((word) => word !== '');
  return words.map((word, index) => (index === 0 ? word : word[0].toUpperCase() + word.slice(1))).join('') || 'value';
}

/** Names too generic to stand alone as an environment variable: the client or the settings around them say more. */
const GENERIC_SECRET = /^(PASSWORD|PASS|PASSWD|PWD|SECRET|SECRET_KEY|KEY|TOKEN|API_KEY|APIKEY|API_SECRET|ACCESS_TOKEN|AUTH_TOKEN|PRIVATE_KEY|CLIENT_SECRET|CONSUMER_SECRET|SECRET_ACCESS_KEY|ACCESS_KEY|ACCESS_KEY_ID|CREDENTIAL|CREDENTIALS)$/;

const SECRET_WORD = /(^|_)(PASSWORD|PASSWD|PASS|PWD|SECRET|KEY|TOKEN|CREDENTIALS?|PASSPHRASE)$/;

/** The code's own name for a secret when it says what the secret is for (`smtpPassword` → SMTP_PASSWORD), not only that it is one. */
export function descriptiveSecretName(literal: Node): string | undefined {
  const own = assignedName(literal);
  if (!own) return undefined;
  const candidate = screamingCase(own);
  return SECRET_WORD.test(candidate) && !GENERIC_SECRET.test(candidate) ? candidate : undefined;
}

/** The name a literal is given: the variable it initialises, the property or class field it sets, the `x.name =` it is assigned to. */
export function assignedName(literal: Node): string | undefined {
  let node: Node = literal;
  while (node.parent && (node.parent.type === 'TSAsExpression' || node.parent.type === 'TSSatisfiesExpression' || node.parent.type === 'TSNonNullExpression')) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent.type === 'Property' || parent.type === 'PropertyDefinition') && parent.value === node && !parent.computed) return keyName(parent.key);
  if (parent.type === 'AssignmentExpression' && parent.right === node) {
    if (parent.left.type === 'Identifier') return parent.left.name;
    if (parent.left.type === 'MemberExpression' && !parent.left.computed) return keyName(parent.left.property);
  }
  return undefined;
}

function keyName(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/** Client packages → the variable their password is read from (the libpq name for pg, like PGHOST). */
const CREDENTIAL_VARIABLE: Record<string, string> = {
  pg: 'PGPASSWORD',
  'pg-pool': 'PGPASSWORD',
  'pg-promise': 'PGPASSWORD',
  mysql: 'MYSQL_PASSWORD',
  mysql2: 'MYSQL_PASSWORD',
  'mysql2/promise': 'MYSQL_PASSWORD',
  mariadb: 'MARIADB_PASSWORD',
  mssql: 'MSSQL_PASSWORD',
  tedious: 'MSSQL_PASSWORD',
  oracledb: 'ORACLE_PASSWORD',
  mongoose: 'MONGODB_PASSWORD',
  mongodb: 'MONGODB_PASSWORD',
  '@nestjs/mongoose': 'MONGODB_PASSWORD',
  redis: 'REDIS_PASSWORD',
  ioredis: 'REDIS_PASSWORD',
  amqplib: 'AMQP_PASSWORD',
  'amqplib/callback_api': 'AMQP_PASSWORD',
  nodemailer: 'SMTP_PASSWORD',
  'nodemailer-smtp-transport': 'SMTP_PASSWORD',
  emailjs: 'SMTP_PASSWORD',
  sequelize: 'DB_PASSWORD',
  'sequelize-typescript': 'DB_PASSWORD',
  knex: 'DB_PASSWORD',
  typeorm: 'DB_PASSWORD',
  '@nestjs/typeorm': 'DB_PASSWORD',
  '@nestjs/sequelize': 'DB_PASSWORD',
  '@mikro-orm/core': 'DB_PASSWORD',
  kafkajs: 'KAFKA_PASSWORD',
  'cassandra-driver': 'CASSANDRA_PASSWORD',
  '@elastic/elasticsearch': 'ELASTICSEARCH_PASSWORD',
  elasticsearch: 'ELASTICSEARCH_PASSWORD',
  ldapjs: 'LDAP_PASSWORD',
  'basic-ftp': 'FTP_PASSWORD',
  ftp: 'FTP_PASSWORD',
  ssh2: 'SSH_PASSWORD',
  'node-ssh': 'SSH_PASSWORD',
  mqtt: 'MQTT_PASSWORD',
  imap: 'IMAP_PASSWORD',
  imapflow: 'IMAP_PASSWORD',
  'neo4j-driver': 'NEO4J_PASSWORD',
};

const ACCOUNT_SUFFIX = /^(.+?)_(USER|USERNAME|USER_NAME|LOGIN|ACCOUNT|HOST|HOSTNAME|SERVER|PORT|DATABASE|DB|NAME|URL)$/;

/**
 * The variable a hard-coded credential is read from: the code's own descriptive name (`smtpPassword`), the prefix of
 * the variables its neighbours already read (`user: process.env.MAIL_USER` → MAIL_PASSWORD), else one per client
 * (`nodemailer` → SMTP_PASSWORD, `passport-github2` clientSecret → GITHUB_CLIENT_SECRET).
 */
export function credentialVariable(literal: Node, client: string, option: string, environmentNameOf: (node: Node) => string | undefined): string {
  const own = descriptiveSecretName(literal);
  if (own) return own;
  const suffix = /secret/i.test(option) ? screamingCase(option).replace(/^.*?(CLIENT_SECRET|CONSUMER_SECRET)$/, '$1') : 'PASSWORD';
  const prefix = neighbourPrefix(literal, environmentNameOf);
  if (prefix) return `${prefix}_${suffix}`;
  if (suffix !== 'PASSWORD') return `${oauthProvider(client)}_${suffix}`;
  return CREDENTIAL_VARIABLE[client] ?? 'DB_PASSWORD';
}

/** `{ user: process.env.MAIL_USER, pass: '…' }` → MAIL; one level of nesting (`auth: { … }`) is looked through. */
function neighbourPrefix(literal: Node, environmentNameOf: (node: Node) => string | undefined): string | undefined {
  const property = literal.parent?.type === 'Property' ? literal.parent : undefined;
  let object: Node | undefined = property?.parent;
  for (let depth = 0; depth < 2 && object?.type === 'ObjectExpression'; depth++) {
    for (const sibling of object.properties) {
      if (sibling.type !== 'Property' || sibling === property) continue;
      const name = environmentNameOf(sibling.value);
      const match = name === undefined ? undefined : ACCOUNT_SUFFIX.exec(name);
      if (match) return match[1];
    }
    object = object.parent?.type === 'Property' ? object.parent.parent : undefined;
  }
  return undefined;
}

/** `passport-google-oauth20` → GOOGLE, `passport-github2` → GITHUB, a NestJS `GoogleStrategy` class → GOOGLE. */
function oauthProvider(client: string): string {
  const name = client
    .replace(/^passport-/, '')
    .replace(/Strategy$/, '')
    .replace(/[-_]?(oauth\d*|strategy)$/i, '')
    .replace(/\d+$/, '');
  const provider = screamingCase(name);
  return provider === '' || provider === 'PASSPORT' ? 'OAUTH' : provider;
}

/** Issued-credential kinds (as `knownTokenKind` labels them) → the variable their SDKs conventionally read. */
const TOKEN_VARIABLE: Record<string, string> = {
  'Stripe secret key': 'STRIPE_SECRET_KEY',
  'AWS access key': 'AWS_ACCESS_KEY_ID',
  'GitHub token': 'GITHUB_TOKEN',
  'Slack token': 'SLACK_TOKEN',
  'Slack webhook URL': 'SLACK_WEBHOOK_URL',
  'Google API key': 'GOOGLE_API_KEY',
  'SendGrid API key': 'SENDGRID_API_KEY',
  'Mailgun API key': 'MAILGUN_API_KEY',
  'OpenAI API key': 'OPENAI_API_KEY',
  'npm token': 'NPM_TOKEN',
  'GitLab token': 'GITLAB_TOKEN',
  'Telegram bot token': 'TELEGRAM_BOT_TOKEN',
  'private key': 'PRIVATE_KEY',
};

/** SDK packages that take their key as an argument → the variable their documentation reads it from. */
const SDK_KEY_VARIABLE: Record<string, string> = {
  stripe: 'STRIPE_SECRET_KEY',
  '@sendgrid/mail': 'SENDGRID_API_KEY',
  '@sendgrid/client': 'SENDGRID_API_KEY',
  openai: 'OPENAI_API_KEY',
  '@anthropic-ai/sdk': 'ANTHROPIC_API_KEY',
  twilio: 'TWILIO_AUTH_TOKEN',
  'mailgun-js': 'MAILGUN_API_KEY',
  'mailgun.js': 'MAILGUN_API_KEY',
  '@mailchimp/mailchimp_marketing': 'MAILCHIMP_API_KEY',
  algoliasearch: 'ALGOLIA_API_KEY',
  '@slack/web-api': 'SLACK_TOKEN',
  '@octokit/rest': 'GITHUB_TOKEN',
  octokit: 'GITHUB_TOKEN',
};

/** AWS SDK option names → the variables the SDK itself reads. */
const AWS_OPTIONS: Record<string, string> = { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY', sessionToken: 'AWS_SESSION_TOKEN' };

/**
 * The variable an API key is read from: the code's descriptive name (`GITHUB_TOKEN`), the SDK it is passed to
 * (`require('stripe')('sk_…')` → STRIPE_SECRET_KEY, `{ secretAccessKey }` of the AWS SDK → AWS_SECRET_ACCESS_KEY),
 * the kind of token its shape shows, or the section it sits in (`stripe: { secretKey }` → STRIPE_SECRET_KEY).
 * `clientModule` is the package of the call the literal (or its options object) is passed to.
 */
export function apiKeyVariable(literal: Node, value: string, tokenKind: string | undefined, clientModule: string | undefined): string {
  const own = descriptiveSecretName(literal);
  if (own) return own;
  const name = assignedName(literal);
  const client = clientModule?.replace(/^node:/, '');
  // accessKeyId/secretAccessKey are the AWS SDK's option names (S3-compatible clients borrow them): its own variables.
  if (name && AWS_OPTIONS[name]) return AWS_OPTIONS[name];
  if (client && !name && SDK_KEY_VARIABLE[client]) return SDK_KEY_VARIABLE[client];
  if (tokenKind === 'OpenAI API key' && value.startsWith('sk-ant-')) return 'ANTHROPIC_API_KEY';
  if (tokenKind && TOKEN_VARIABLE[tokenKind]) return TOKEN_VARIABLE[tokenKind];
  const generic = name ? screamingCase(name) : 'API_KEY';
  const section = sectionName(literal) ?? (client ? screamingCase(client.replace(/^@[^/]+\//, '')) : undefined);
  if (section && !generic.startsWith(`${section}_`)) return `${section}_${generic}`;
  return generic === 'SECRET' ? 'APP_SECRET' : generic;
}

/** `stripe: { secretKey: '…' }` → STRIPE: the key of the object the literal's property sits in, or the class of its field. */
function sectionName(literal: Node): string | undefined {
  if (literal.parent?.type === 'PropertyDefinition') {
    const owner = literal.parent.parent?.parent;
    const className = owner && (owner.type === 'ClassDeclaration' || owner.type === 'ClassExpression') ? owner.id?.name : undefined;
    return className ? screamingCase(className) : undefined;
  }
  const object = literal.parent?.type === 'Property' ? literal.parent.parent : undefined;
  const holder = object?.type === 'ObjectExpression' ? object.parent : undefined;
  if (holder?.type !== 'Property' || holder.computed) return undefined;
  const key = keyName(holder.key);
  return key ? screamingCase(key) || undefined : undefined;
}

/** Variables a file's fixes would use for two different values: one variable must not silently merge them. */
export function ambiguousVariables(choices: Iterable<{ variable: string; value: string }>): Set<string> {
  const values = new Map<string, Set<string>>();
  for (const { variable, value } of choices) values.set(variable, (values.get(variable) ?? new Set()).add(value));
  return new Set([...values].filter(([, distinct]) => distinct.size > 1).map(([variable]) => variable));
}
