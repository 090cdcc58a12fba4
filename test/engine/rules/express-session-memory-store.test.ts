import rule from '../../../src/engine/rules/express-session-memory-store';
import { RuleTester } from '../../support/ruleTester';

const DEFAULT_STORE =
  "express-session has no store: the session store defaults to MemoryStore, so sessions live in this process's memory, vanish on restart and are unknown to the other replicas";

RuleTester.run(rule, {
  valid: [
    {
      name: 'connect-redis store',
      code: "const session = require('express-session');\nconst RedisStore = require('connect-redis')(session);\napp.use(session({ store: new RedisStore({ client }), secret: process.env.SECRET }));",
    },
    {
      name: 'a store imported from another module',
      code: "const session = require('express-session');\nconst redisStore = require('./helpers/redisStore');\napp.use(session({ store: redisStore, secret: process.env.SECRET, resave: false }));",
    },
    {
      name: 'connect-mongo MongoStore.create (ESM)',
      filename: 'src/app.mjs',
      code: "import session from 'express-session';\nimport MongoStore from 'connect-mongo';\napp.use(session({ secret: s, store: MongoStore.create({ mongoUrl: process.env.MONGO_URL }) }));",
    },
    {
      name: 'cookie-session keeps the state in the cookie',
      code: "const session = require('cookie-session');\napp.use(session({ name: 'session', keys: [process.env.KEY] }));",
    },
    {
      name: 'koa-session defaults to a cookie store',
      code: "const session = require('koa-session');\napp.use(session({ key: 'koa.sess', maxAge: 86400000 }, app));",
    },
    {
      name: 'options built elsewhere are not judged',
      code: "const session = require('express-session');\napp.use(session(config.get('session')));",
    },
    {
      name: 'options that spread a base object may carry a store',
      code: "const session = require('express-session');\nconst base = require('./session-options');\napp.use(session({ ...base, secret: process.env.SECRET }));",
    },
    {
      name: 'the store is assigned to the options object before use',
      code: "const session = require('express-session');\nconst options = { secret: process.env.SECRET, resave: false };\nif (app.get('env') === 'production') options.store = new RedisStore({ client });\napp.use(session(options));",
    },
    {
      name: 'a MemoryStore only when an environment variable says so',
      code: "const session = require('express-session');\nconst store = process.env.REDIS_URL ? new RedisStore({ client }) : new session.MemoryStore();\napp.use(session({ store, secret: s }));",
    },
    {
      name: 'a local function called session',
      code: "function session(options) { return (req, res, next) => next(); }\napp.use(session({ secret: 'x' }));",
    },
    {
      name: 'tests are not runtime code',
      filename: 'test/session.test.js',
      code: "const session = require('express-session');\napp.use(session({ secret: 'test' }));",
    },
  ],
  invalid: [
    {
      name: 'express-session without a store (CommonJS)',
      code: "const session = require('express-session');\napp.use(\n  session({\n    secret: 'keyboard cat',\n    resave: false,\n  }),\n);",
      errors: [{ messageId: 'defaultStore', message: DEFAULT_STORE, line: 3, column: 3, endLine: 6, endColumn: 5 }],
    },
    {
      name: 'TypeScript default import with options in a const',
      filename: 'src/server.ts',
      code: "import session from 'express-session';\nconst options: session.SessionOptions = { secret: process.env.SECRET as string, saveUninitialized: false };\nexport const sessionMiddleware = session(options);",
      errors: [{ messageId: 'defaultStore', line: 3, column: 34 }],
    },
    {
      name: 'require called inline, no options at all',
      code: "app.use(require('express-session')());",
      errors: [{ messageId: 'defaultStore', line: 1, column: 9 }],
    },
    {
      name: 'an explicit MemoryStore from express-session, named import',
      filename: 'src/app.ts',
      code: "import session, { MemoryStore } from 'express-session';\nconst store = new MemoryStore();\napp.use(session({ store, secret: process.env.SECRET! }));",
      errors: [{ messageId: 'memoryStore', message: "express-session MemoryStore keeps sessions in this process's memory: they vanish on restart and are unknown to the other replicas", line: 2, column: 15 }],
    },
    {
      name: 'the memorystore package is still process memory',
      code: "const session = require('express-session');\nconst MemoryStore = require('memorystore')(session);\nmodule.exports = session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: process.env.SECRET });",
      errors: [{ messageId: 'memoryStore', message: /^memorystore keeps sessions/, line: 3, column: 35 }],
    },
    {
      name: 'Express 3 bundled session middleware',
      code: "var express = require('express');\nvar app = express();\napp.use(express.session({ secret: 'legacy' }));",
      errors: [{ messageId: 'defaultStore', message: /^express\.session has no store/, line: 3, column: 9 }],
    },
    {
      name: 'aliased namespace import and an explicit session.MemoryStore',
      filename: 'src/main.ts',
      code: "import * as expressSession from 'express-session';\napp.use(expressSession({ secret: s, store: new expressSession.MemoryStore() }));",
      errors: [{ messageId: 'memoryStore', line: 2, column: 44 }],
    },
  ],
});
