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
