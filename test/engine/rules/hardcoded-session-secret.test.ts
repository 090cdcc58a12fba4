import rule from '../../../src/engine/rules/hardcoded-session-secret';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'secret from a required environment variable', code: "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false }));" },
    { name: 'secret from the config module', code: "import session from 'express-session';\nimport config from './config';\napp.use(session({ secret: config.sessionSecret }));" },
    { name: 'a generated secret', code: "const session = require('express-session');\nconst crypto = require('crypto');\napp.use(session({ secret: crypto.randomBytes(32).toString('hex') }));" },
    { name: 'a fallback of a secret-named variable is secret-env-fallback\'s', code: "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET || 'keyboard cat' }));" },
    { name: 'a local function named session', code: "function session(options) { return options; }\nsession({ secret: 'keyboard cat' });" },
    { name: 'a development-only literal behind a NODE_ENV test', code: "const session = require('express-session');\napp.use(session({ secret: process.env.NODE_ENV === 'production' ? process.env.SESSION_SECRET : 'dev' }));" },
    { name: 'tests may use fixed secrets', filename: 'test/app.test.js', code: "const session = require('express-session');\napp.use(session({ secret: 'test' }));" },
    { name: 'an empty secret is not a secret', code: "const cookieParser = require('cookie-parser');\napp.use(cookieParser(''));" },
  ],
  invalid: [
    {
      name: 'express-session secret literal (legacy-shop)',
      code: "const session = require('express-session');\napp.use(\n  session({\n    secret: 'keyboard cat',\n    resave: false,\n  }),\n);",
      errors: [{ messageId: 'literal', message: 'express-session secret is hard-coded: every environment signs its sessions with the same known key; read it from a required environment variable', line: 4, column: 13, endColumn: 27 }],
      output: "const session = require('express-session');\n\nfunction requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\napp.use(\n  session({\n    secret: requireEnv('SESSION_SECRET'),\n    resave: false,\n  }),\n);",
      outputFiles: { '.env.example': 'SESSION_SECRET=\n' },
    },
    {
      name: 'secret folded from a const, with the session call as evidence',
      filename: 'src/app.ts',
      code: "import session from 'express-session';\nconst SESSION_SECRET = 's3cr3t-session';\napp.use(session({ secret: SESSION_SECRET }));",
      errors: [{ messageId: 'literal', line: 2, column: 24, related: ['used by session'] }],
      output: "import session from 'express-session';\n\nfunction requireEnv(name: string): string {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nconst SESSION_SECRET = requireEnv('SESSION_SECRET');\napp.use(session({ secret: SESSION_SECRET }));",
      outputFiles: { '.env.example': 'SESSION_SECRET=\n' },
    },
    {
      name: 'options object held in a const, secrets in an array',
      code: "const session = require('express-session');\nconst options = { secret: ['old-key', 'new-key'], resave: false };\napp.use(session(options));",
      errors: [
        { messageId: 'literal', line: 2, column: 28 },
        { messageId: 'literal', line: 2, column: 39 },
      ],
    },
    {
      name: 'cookie-parser and cookie-session keys',
      code: "app.use(require('cookie-parser')('my secret string'));\nconst cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 'sess', keys: ['k1-abc'] }));",
      errors: [
        { messageId: 'literal', message: /^cookie-parser secret is hard-coded/, line: 1, column: 34 },
        { messageId: 'literal', message: /^cookie-session keys is hard-coded/, line: 3, column: 46 },
      ],
      output: "function requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\napp.use(require('cookie-parser')(requireEnv('SESSION_SECRET')));\nconst cookieSession = require('cookie-session');\napp.use(cookieSession({ name: 'sess', keys: ['k1-abc'] }));",
      outputFiles: { '.env.example': 'SESSION_SECRET=\n' },
    },
    {
      name: 'fallback of a variable whose name is not a secret',
      code: "const session = require('express-session');\napp.use(session({ secret: process.env.SESS || 'abc123' }));",
      errors: [{ messageId: 'fallback', message: 'express-session secret falls back to a literal when SESS is unset: production may silently sign its sessions with a known key', line: 2, column: 47 }],
      output: "const session = require('express-session');\n\nfunction requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\napp.use(session({ secret: requireEnv('SESS') }));",
      outputFiles: { '.env.example': "SESS=\n" },
    },
    {
      name: 'Koa app.keys',
      code: "const Koa = require('koa');\nconst app = new Koa();\napp.keys = ['im a newer secret', 'i like turtle'];",
      errors: [
        { messageId: 'literal', message: /^Koa app\.keys is hard-coded/, line: 3, column: 13 },
        { messageId: 'literal', line: 3, column: 34 },
      ],
    },
    {
      name: 'Express 3 built-in session and cookie parser',
      code: "var express = require('express');\napp.use(express.cookieParser('cookie-s3cret'));\napp.use(express.session({ secret: 'orders-s3cr3t-2013' }));",
      errors: [
        { messageId: 'literal', message: /^express\.cookieParser secret is hard-coded/, line: 2, column: 30 },
        { messageId: 'literal', message: /^express\.session secret is hard-coded/, line: 3, column: 35 },
      ],
      output: "var express = require('express');\n\nfunction requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\napp.use(express.cookieParser(requireEnv('SESSION_SECRET')));\napp.use(express.session({ secret: requireEnv('SESSION_SECRET') }));",
      outputFiles: { '.env.example': 'SESSION_SECRET=\n' },
    },
    {
      name: 'fastify cookie plugin secret',
      code: "const fastify = require('fastify')();\nfastify.register(require('@fastify/cookie'), { secret: 'my-secret' });",
      errors: [{ messageId: 'literal', message: /^@fastify\/cookie secret is hard-coded/, line: 2, column: 56 }],
      output: "const fastify = require('fastify')();\n\nfunction requireEnv(name) {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set: add it to the environment (see .env.example)`);\n  return value;\n}\n\nfastify.register(require('@fastify/cookie'), { secret: requireEnv('SESSION_SECRET') });",
      outputFiles: { '.env.example': 'SESSION_SECRET=\n' },
    },
  ],
});
