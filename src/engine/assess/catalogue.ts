/**
 * What the inventory knows about npm packages and URL schemes: which backing service a package talks to,
 * which of its calls make a client (and so where the service is configured), frameworks and cloud SDKs.
 * Pure data: the walk-time collector (core/inventoryFacts.ts) and the assessment both read it.
 */

export const SERVICE_KINDS = ['database', 'cache', 'queue', 'mail', 'object-store', 'search', 'http-api'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface ServicePackage {
  /** The service's display name; packages with the same name are the same service (`pg` and `postgres:` URLs). */
  service: string;
  kind: ServiceKind;
  /**
   * Callee paths (member names joined by '.', '' for the module itself) whose call or `new` makes a client
   * and so says where the service is: `Pool` for `new Pool({...})`, `connect` for `mongoose.connect(url)`.
   */
  clients: string[];
  /** What a client made without arguments uses: the environment (pg reads PG*), or a local default (redis → localhost). */
  withoutArguments?: 'environment' | 'local-default';
  /** A file database inside the app's folder (sqlite, NeDB...): there is nothing to externalise, it has to move. */
  embedded?: boolean;
  /** An ORM or query builder: the service is the SQL database it drives. */
  orm?: boolean;
}

const sql = (service: string, clients: string[], extra: Partial<ServicePackage> = {}): ServicePackage => ({ service, kind: 'database', clients, ...extra });

/** npm package → service. Keys are package names (`@scope/name` or `name`), never subpaths. */
export const SERVICE_PACKAGES: Readonly<Record<string, ServicePackage>> = {
  // SQL
  pg: sql('PostgreSQL', ['Pool', 'Client', 'native.Pool', 'native.Client'], { withoutArguments: 'environment' }),
  'pg-pool': sql('PostgreSQL', [''], { withoutArguments: 'environment' }),
  'pg-promise': sql('PostgreSQL', ['()']),
  postgres: sql('PostgreSQL', [''], { withoutArguments: 'environment' }),
  '@neondatabase/serverless': sql('PostgreSQL', ['Pool', 'Client', 'neon']),
  mysql: sql('MySQL', ['createConnection', 'createPool', 'createPoolCluster']),
  mysql2: sql('MySQL', ['createConnection', 'createPool', 'createPoolCluster', 'promise.createConnection', 'promise.createPool']),
  mariadb: sql('MySQL', ['createConnection', 'createPool']),
  mssql: sql('SQL Server', ['connect', 'ConnectionPool']),
  tedious: sql('SQL Server', ['Connection']),
  oracledb: sql('Oracle Database', ['getConnection', 'createPool']),
  sequelize: sql('SQL database', ['', 'Sequelize'], { orm: true }),
  knex: sql('SQL database', ['', 'knex'], { orm: true }),
  typeorm: sql('SQL database', ['createConnection', 'DataSource'], { orm: true }),
  '@prisma/client': sql('SQL database', ['PrismaClient'], { orm: true, withoutArguments: 'environment' }),
  'objection': sql('SQL database', [], { orm: true }),
  bookshelf: sql('SQL database', [], { orm: true }),
  '@mikro-orm/core': sql('SQL database', ['MikroORM.init'], { orm: true }),
  'drizzle-orm': sql('SQL database', [], { orm: true }),
  // Document and other databases
  mongodb: { service: 'MongoDB', kind: 'database', clients: ['MongoClient', 'MongoClient.connect', 'connect'] },
  mongoose: { service: 'MongoDB', kind: 'database', clients: ['connect', 'createConnection'] },
  mongojs: { service: 'MongoDB', kind: 'database', clients: [''] },
  monk: { service: 'MongoDB', kind: 'database', clients: [''] },
  'cassandra-driver': { service: 'Cassandra', kind: 'database', clients: ['Client'] },
  'neo4j-driver': { service: 'Neo4j', kind: 'database', clients: ['driver'] },
  couchbase: { service: 'Couchbase', kind: 'database', clients: ['connect', 'Cluster'] },
  nano: { service: 'CouchDB', kind: 'database', clients: [''] },
  '@aws-sdk/client-dynamodb': { service: 'DynamoDB', kind: 'database', clients: ['DynamoDBClient', 'DynamoDB'], withoutArguments: 'environment' },
  dynamoose: { service: 'DynamoDB', kind: 'database', clients: [] },
  // Embedded file databases
  sqlite3: sql('SQLite file', ['Database', 'verbose.().Database', 'cached.Database'], { embedded: true }),
  'better-sqlite3': sql('SQLite file', [''], { embedded: true }),
  sqlite: sql('SQLite file', ['open'], { embedded: true }),
  lowdb: { service: 'JSON file database', kind: 'database', clients: ['', 'Low', 'LowSync'], embedded: true },
  nedb: { service: 'NeDB file', kind: 'database', clients: [''], embedded: true },
  '@seald-io/nedb': { service: 'NeDB file', kind: 'database', clients: [''], embedded: true },
  'nedb-promises': { service: 'NeDB file', kind: 'database', clients: ['create', 'Datastore'], embedded: true },
  lokijs: { service: 'LokiJS file', kind: 'database', clients: [''], embedded: true },
  level: { service: 'LevelDB file', kind: 'database', clients: ['', 'Level'], embedded: true },
  leveldown: { service: 'LevelDB file', kind: 'database', clients: [''], embedded: true },
  // Caches
  redis: { service: 'Redis', kind: 'cache', clients: ['createClient', 'createCluster'], withoutArguments: 'local-default' },
  '@redis/client': { service: 'Redis', kind: 'cache', clients: ['createClient', 'createCluster'], withoutArguments: 'local-default' },
  ioredis: { service: 'Redis', kind: 'cache', clients: ['', 'Cluster', 'Redis'], withoutArguments: 'local-default' },
  memcached: { service: 'Memcached', kind: 'cache', clients: [''] },
  memjs: { service: 'Memcached', kind: 'cache', clients: ['Client.create'] },
  // Queues and messaging
  amqplib: { service: 'RabbitMQ', kind: 'queue', clients: ['connect'] },
  'amqp-connection-manager': { service: 'RabbitMQ', kind: 'queue', clients: ['connect'] },
  kafkajs: { service: 'Kafka', kind: 'queue', clients: ['Kafka'] },
  'node-rdkafka': { service: 'Kafka', kind: 'queue', clients: ['Producer', 'KafkaConsumer'] },
  nats: { service: 'NATS', kind: 'queue', clients: ['connect'] },
  mqtt: { service: 'MQTT broker', kind: 'queue', clients: ['connect'] },
  bull: { service: 'Redis', kind: 'queue', clients: [''] },
  bullmq: { service: 'Redis', kind: 'queue', clients: ['Queue', 'Worker'] },
  'bee-queue': { service: 'Redis', kind: 'queue', clients: [''] },
  kue: { service: 'Redis', kind: 'queue', clients: ['createQueue'] },
  agenda: { service: 'MongoDB', kind: 'queue', clients: ['', 'Agenda'] },
  '@aws-sdk/client-sqs': { service: 'Amazon SQS', kind: 'queue', clients: ['SQSClient', 'SQS'], withoutArguments: 'environment' },
  'sqs-consumer': { service: 'Amazon SQS', kind: 'queue', clients: ['Consumer.create'] },
  '@google-cloud/pubsub': { service: 'Google Pub/Sub', kind: 'queue', clients: ['PubSub'], withoutArguments: 'environment' },
  '@azure/service-bus': { service: 'Azure Service Bus', kind: 'queue', clients: ['ServiceBusClient'] },
  // Mail
  nodemailer: { service: 'SMTP mail', kind: 'mail', clients: ['createTransport'] },
  '@sendgrid/mail': { service: 'SendGrid', kind: 'mail', clients: ['setApiKey'] },
  'mailgun-js': { service: 'Mailgun', kind: 'mail', clients: [''] },
  'mailgun.js': { service: 'Mailgun', kind: 'mail', clients: ['client'] },
  postmark: { service: 'Postmark', kind: 'mail', clients: ['ServerClient'] },
  '@aws-sdk/client-ses': { service: 'Amazon SES', kind: 'mail', clients: ['SESClient', 'SES'], withoutArguments: 'environment' },
  emailjs: { service: 'SMTP mail', kind: 'mail', clients: ['SMTPClient', 'server.connect'] },
  // Object stores
  '@aws-sdk/client-s3': { service: 'Amazon S3', kind: 'object-store', clients: ['S3Client', 'S3'], withoutArguments: 'environment' },
  '@aws-sdk/lib-storage': { service: 'Amazon S3', kind: 'object-store', clients: [] },
  'multer-s3': { service: 'Amazon S3', kind: 'object-store', clients: [] },
  '@google-cloud/storage': { service: 'Google Cloud Storage', kind: 'object-store', clients: ['Storage'], withoutArguments: 'environment' },
  '@azure/storage-blob': { service: 'Azure Blob Storage', kind: 'object-store', clients: ['BlobServiceClient', 'BlobServiceClient.fromConnectionString'] },
  minio: { service: 'MinIO (S3-compatible)', kind: 'object-store', clients: ['Client'] },
  cloudinary: { service: 'Cloudinary', kind: 'object-store', clients: ['config', 'v2.config'] },
  // Search
  '@elastic/elasticsearch': { service: 'Elasticsearch', kind: 'search', clients: ['Client'] },
  elasticsearch: { service: 'Elasticsearch', kind: 'search', clients: ['Client'] },
  '@opensearch-project/opensearch': { service: 'OpenSearch', kind: 'search', clients: ['Client'] },
  algoliasearch: { service: 'Algolia', kind: 'search', clients: [''] },
  meilisearch: { service: 'Meilisearch', kind: 'search', clients: ['MeiliSearch', 'Meilisearch'] },
  // Third-party HTTP APIs with their own SDKs
  stripe: { service: 'Stripe API', kind: 'http-api', clients: [''] },
  twilio: { service: 'Twilio API', kind: 'http-api', clients: [''] },
  braintree: { service: 'Braintree API', kind: 'http-api', clients: ['connect', 'BraintreeGateway'] },
  'paypal-rest-sdk': { service: 'PayPal API', kind: 'http-api', clients: ['configure'] },
  '@paypal/checkout-server-sdk': { service: 'PayPal API', kind: 'http-api', clients: [] },
  '@slack/web-api': { service: 'Slack API', kind: 'http-api', clients: ['WebClient'] },
  '@octokit/rest': { service: 'GitHub API', kind: 'http-api', clients: ['Octokit'] },
  openai: { service: 'OpenAI API', kind: 'http-api', clients: ['', 'OpenAI'] },
  '@sentry/node': { service: 'Sentry', kind: 'http-api', clients: ['init'] },
  googleapis: { service: 'Google APIs', kind: 'http-api', clients: [] },
};

/** Generic HTTP clients: the service is the host of the URL they are called with. */
export const HTTP_CLIENT_PACKAGES: ReadonlySet<string> = new Set(['axios', 'got', 'node-fetch', 'request', 'request-promise', 'request-promise-native', 'superagent', 'needle', 'undici', 'ky', 'bent', 'phin', 'cross-fetch', 'isomorphic-fetch']);

/** URL scheme → service, for connection strings in code and config. */
export const URL_SCHEMES: Readonly<Record<string, { service: string; kind: ServiceKind }>> = {
  mongodb: { service: 'MongoDB', kind: 'database' },
  'mongodb+srv': { service: 'MongoDB', kind: 'database' },
  postgres: { service: 'PostgreSQL', kind: 'database' },
  postgresql: { service: 'PostgreSQL', kind: 'database' },
  mysql: { service: 'MySQL', kind: 'database' },
  mariadb: { service: 'MySQL', kind: 'database' },
  mssql: { service: 'SQL Server', kind: 'database' },
  sqlserver: { service: 'SQL Server', kind: 'database' },
  redis: { service: 'Redis', kind: 'cache' },
  rediss: { service: 'Redis', kind: 'cache' },
  memcached: { service: 'Memcached', kind: 'cache' },
  amqp: { service: 'RabbitMQ', kind: 'queue' },
  amqps: { service: 'RabbitMQ', kind: 'queue' },
  kafka: { service: 'Kafka', kind: 'queue' },
  nats: { service: 'NATS', kind: 'queue' },
  mqtt: { service: 'MQTT broker', kind: 'queue' },
  mqtts: { service: 'MQTT broker', kind: 'queue' },
  smtp: { service: 'SMTP mail', kind: 'mail' },
  smtps: { service: 'SMTP mail', kind: 'mail' },
  s3: { service: 'Amazon S3', kind: 'object-store' },
  gs: { service: 'Google Cloud Storage', kind: 'object-store' },
};

/** A connection string: a known scheme followed by `://`. */
export const CONNECTION_STRING = new RegExp(`^(${Object.keys(URL_SCHEMES).map((scheme) => scheme.replace('+', '\\+')).join('|')})://`, 'i');

/** Server frameworks, by package; the first found names the app's stack. */
export const FRAMEWORKS: Readonly<Record<string, string>> = {
  express: 'Express',
  koa: 'Koa',
  fastify: 'Fastify',
  '@nestjs/core': 'NestJS',
  '@hapi/hapi': 'hapi',
  hapi: 'hapi',
  restify: 'restify',
  next: 'Next.js',
  nuxt: 'Nuxt',
  '@remix-run/node': 'Remix',
  sails: 'Sails',
  loopback: 'LoopBack',
  '@loopback/core': 'LoopBack',
  '@feathersjs/feathers': 'Feathers',
  '@adonisjs/core': 'AdonisJS',
  'apollo-server': 'Apollo Server',
  '@apollo/server': 'Apollo Server',
  'apollo-server-express': 'Apollo Server',
  polka: 'Polka',
  connect: 'Connect',
  'socket.io': 'Socket.IO',
  meteor: 'Meteor',
};

/** Provider SDKs: which cloud the code is tied to. */
export function cloudProvider(packageName: string): string | undefined {
  if (packageName === 'aws-sdk' || packageName.startsWith('@aws-sdk/') || packageName.startsWith('@aws-lambda-powertools/') || packageName === 'dynamoose' || packageName.startsWith('aws-xray-sdk')) return 'AWS';
  if (packageName.startsWith('@google-cloud/') || packageName === 'googleapis' || packageName.startsWith('firebase')) return 'Google Cloud';
  if (packageName.startsWith('@azure/') || packageName === 'azure-storage' || packageName === 'azure-sb') return 'Azure';
  return undefined;
}

/** Products that a SaaS offering replaces outright: evidence for "repurchase". */
export const REPURCHASABLE: Readonly<Record<string, string>> = {
  ghost: 'Ghost (Ghost(Pro))',
  '@strapi/strapi': 'Strapi (Strapi Cloud)',
  strapi: 'Strapi (Strapi Cloud)',
  keystone: 'KeystoneJS',
  '@keystone-6/core': 'KeystoneJS',
  nodebb: 'NodeBB (hosted forums)',
  'parse-server': 'Parse Server (hosted Parse back ends)',
  'node-red': 'Node-RED (FlowFuse)',
};

/** `postgres://user:secret@db:5432/app` → `postgres://user:***@db:5432/app`; never shows a password. */
export function maskCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@:\s]*):([^/@\s]*)@/i, (_whole, scheme: string, user: string) => `${scheme}${user}:***@`);
}
