import rule from '../../../src/engine/rules/hardcoded-service-url';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'env override with ||', code: "mongoose.connect(process.env.MONGO_URL || 'mongodb://localhost/app');" },
    { name: 'env override with ?? in a const', code: "const url = process.env.DATABASE_URL ?? 'postgres://localhost:5432/db';\nnew Pool({ connectionString: url });" },
    { name: 'destructuring default from process.env', code: "const { REDIS_URL = 'redis://127.0.0.1:6379' } = process.env;" },
    { name: 'public third-party API', code: "fetch('https://api.stripe.com/v1/charges');" },
    { name: 'prose that mentions a URL', code: "console.log('connect to mongodb://localhost to debug');" },
    { name: 'tests may use local services', filename: 'test/db.test.js', code: "mongoose.connect('mongodb://localhost/test');" },
    { name: 'host option of an unknown library', code: "const widget = require('widget');\nwidget.create({ host: 'localhost' });" },
    { name: 'host option read from env', code: "const { Pool } = require('pg');\nnew Pool({ host: process.env.PGHOST || 'localhost' });" },
    { name: 'a literal type is not configuration', filename: 'src/types.ts', code: "export type LocalDb = 'mongodb://localhost/app';" },
    { name: 'after the fix: the fallback is not reported again', code: "const DB = process.env.MONGODB_URL ?? 'mongodb://localhost/app';" },
  ],
  invalid: [
    {
      name: 'constant folded: one finding at the literal, the connect call as evidence',
      code: "const mongoose = require('mongoose');\nconst DB = 'mongodb://localhost/app';\nmongoose.connect(DB);",
      errors: [{ messageId: 'url', message: 'MongoDB endpoint mongodb://localhost/app is hard-coded: each environment needs its own, set through an environment variable', line: 2, column: 12, related: ['used by mongoose.connect'] }],
      output: "const mongoose = require('mongoose');\nconst DB = process.env.MONGODB_URL ?? 'mongodb://localhost/app';\nmongoose.connect(DB);",
      outputFiles: { '.env.example': 'MONGODB_URL=mongodb://localhost/app\n' },
    },
    {
      name: 'credentials are masked in the message',
      code: "new Sequelize('postgres://admin:s3cret@10.0.0.5:5432/shop');",
      errors: [{ message: /^PostgreSQL endpoint postgres:\/\/admin:\*\*\*@10\.0\.0\.5:5432\/shop is hard-coded/ }],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nnew Sequelize(requireEnv('DATABASE_URL'));",
      outputFiles: { '.env.example': 'DATABASE_URL=\n' },
    },
    {
      name: 'internal HTTP API on a private address, in a template literal',
      filename: 'src/client.ts',
      code: 'const base = `http://192.168.1.20:8080/api`;\nexport const get = (p: string) => fetch(base + p);',
      errors: [{ message: /^HTTP service endpoint http:\/\/192\.168\.1\.20:8080\/api is hard-coded/, line: 1, column: 14 }],
      output: 'const base = process.env.BASE_URL ?? `http://192.168.1.20:8080/api`;\nexport const get = (p: string) => fetch(base + p);',
      outputFiles: { '.env.example': 'BASE_URL=http://192.168.1.20:8080/api\n' },
    },
    {
      name: 'redis client url option',
      code: "const redis = require('redis');\nredis.createClient({ url: 'redis://127.0.0.1:6379' });",
      errors: [{ message: /^Redis endpoint redis:\/\/127\.0\.0\.1:6379 is hard-coded/ }],
      output: "const redis = require('redis');\nredis.createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });",
      outputFiles: { '.env.example': 'REDIS_URL=redis://127.0.0.1:6379\n' },
    },
    {
      name: 'host option of a pg Pool',
      code: "const { Pool } = require('pg');\nconst pool = new Pool({ host: 'localhost', port: 5432 });",
      errors: [{ messageId: 'host', message: 'PostgreSQL host localhost is hard-coded in the pg options: set it through an environment variable', line: 2, column: 31 }],
      output: "const { Pool } = require('pg');\nconst pool = new Pool({ host: process.env.PGHOST ?? 'localhost', port: 5432 });",
      outputFiles: { '.env.example': 'PGHOST=localhost\n' },
    },
    {
      name: 'nodemailer host from a const',
      code: "import nodemailer from 'nodemailer';\nconst SMTP_HOST = 'mail.corp';\nnodemailer.createTransport({ host: SMTP_HOST, port: 25 });",
      errors: [{ messageId: 'host', line: 2, column: 19, related: ['used by nodemailer.createTransport'] }],
      output: "import nodemailer from 'nodemailer';\nconst SMTP_HOST = process.env.SMTP_HOST ?? 'mail.corp';\nnodemailer.createTransport({ host: SMTP_HOST, port: 25 });",
      outputFiles: { '.env.example': 'SMTP_HOST=mail.corp\n' },
    },
    {
      name: 'concatenation keeps its meaning: the fallback is parenthesised',
      code: "const amqp = require('amqplib');\namqp.connect('amqp://10.0.0.9' + ':5672');",
      errors: [{ message: /^RabbitMQ endpoint amqp:\/\/10\.0\.0\.9 is hard-coded/, line: 2, column: 14 }],
      output: "const amqp = require('amqplib');\namqp.connect((process.env.AMQP_URL ?? 'amqp://10.0.0.9') + ':5672');",
      outputFiles: { '.env.example': 'AMQP_URL=amqp://10.0.0.9\n' },
    },
    {
      name: 'a secret URL in TypeScript: required variable, helper after the imports, double quotes kept',
      filename: 'src/db.ts',
      code: 'import { MongoClient } from "mongodb";\n\nexport const client = new MongoClient("mongodb://app:pw@db.internal/app");\n',
      errors: [{ message: /^MongoDB endpoint mongodb:\/\/app:\*\*\*@db\.internal\/app is hard-coded/, line: 3, column: 39 }],
      output:
        'import { MongoClient } from "mongodb";\n\nfunction requireEnv(name: string): string {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nexport const client = new MongoClient(requireEnv("MONGODB_URL"));\n',
      outputFiles: { '.env.example': 'MONGODB_URL=\n' },
    },
    {
      name: 'a JSX attribute is reported without a fix',
      filename: 'src/App.jsx',
      code: 'export const Link = () => <a href="http://localhost:3000/admin">admin</a>;',
      errors: [{ message: /^HTTP service endpoint http:\/\/localhost:3000\/admin is hard-coded/, column: 35 }],
      output: null,
    },
    {
      name: 'knex connection nested options',
      code: "const knex = require('knex')({ client: 'mysql2', connection: { host: '10.1.2.3', user: 'app' } });",
      errors: [{ messageId: 'host', line: 1, column: 70 }],
      output: "const knex = require('knex')({ client: 'mysql2', connection: { host: process.env.DB_HOST ?? '10.1.2.3', user: 'app' } });",
      outputFiles: { '.env.example': 'DB_HOST=10.1.2.3\n' },
    },
  ],
});
