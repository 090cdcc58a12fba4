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
  ],
  invalid: [
    {
      name: 'constant folded: one finding at the literal, the connect call as evidence',
      code: "const mongoose = require('mongoose');\nconst DB = 'mongodb://localhost/app';\nmongoose.connect(DB);",
      errors: [{ messageId: 'url', message: 'MongoDB endpoint mongodb://localhost/app is hard-coded: each environment needs its own, set through an environment variable', line: 2, column: 12, related: ['used by mongoose.connect'] }],
    },
    {
      name: 'credentials are masked in the message',
      code: "new Sequelize('postgres://admin:s3cret@10.0.0.5:5432/shop');",
      errors: [{ message: /^PostgreSQL endpoint postgres:\/\/admin:\*\*\*@10\.0\.0\.5:5432\/shop is hard-coded/ }],
    },
    {
      name: 'internal HTTP API on a private address, in a template literal',
      filename: 'src/client.ts',
      code: 'const base = `http://192.168.1.20:8080/api`;\nexport const get = (p: string) => fetch(base + p);',
      errors: [{ message: /^HTTP service endpoint http:\/\/192\.168\.1\.20:8080\/api is hard-coded/, line: 1, column: 14 }],
    },
    {
      name: 'redis client url option',
      code: "const redis = require('redis');\nredis.createClient({ url: 'redis://127.0.0.1:6379' });",
      errors: [{ message: /^Redis endpoint redis:\/\/127\.0\.0\.1:6379 is hard-coded/ }],
    },
    {
      name: 'host option of a pg Pool',
      code: "const { Pool } = require('pg');\nconst pool = new Pool({ host: 'localhost', port: 5432 });",
      errors: [{ messageId: 'host', message: 'PostgreSQL host localhost is hard-coded in the pg options: set it through an environment variable', line: 2, column: 31 }],
    },
    {
      name: 'nodemailer host from a const',
      code: "import nodemailer from 'nodemailer';\nconst SMTP_HOST = 'mail.corp';\nnodemailer.createTransport({ host: SMTP_HOST, port: 25 });",
      errors: [{ messageId: 'host', line: 2, column: 19, related: ['used by nodemailer.createTransport'] }],
    },
    {
      name: 'knex connection nested options',
      code: "const knex = require('knex')({ client: 'mysql2', connection: { host: '10.1.2.3', user: 'app' } });",
      errors: [{ messageId: 'host', line: 1, column: 70 }],
    },
  ],
});
