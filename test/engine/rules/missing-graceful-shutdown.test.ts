import rule from '../../../src/engine/rules/missing-graceful-shutdown';
import { RuleTester } from '../../support/ruleTester';

const manifest = '{ "name": "shop" }\n';
const expressServer = "const express = require('express');\nconst app = express();\nconst server = app.listen(process.env.PORT);\n";
const WHY = '// Stop accepting connections and let in-flight requests finish before exiting; give up after 10 s.';
/** The handler the fix adds for a Node server, in the default style (single quotes, semicolons, two spaces). */
const handler = (server: string, indent = '') =>
  [
    "process.on('SIGTERM', () => {",
    `  ${WHY}`,
    `  ${server}.close(() => process.exit(0));`,
    '  setTimeout(() => process.exit(1), 10000).unref();',
    '});',
    '',
  ]
    .map((line) => (line ? indent + line : line))
    .join('\n');

RuleTester.runWorkspace(rule, {
  valid: [
    {
      name: 'express: SIGTERM closes the server returned by listen',
      files: {
        'package.json': manifest,
        'server.js': `${expressServer}process.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n});\n`,
      },
    },
    {
      name: 'the handler lives in another file of the same app, signals from an array',
      files: {
        'package.json': manifest,
        'src/index.js': "const app = require('./app');\nconst shutdown = require('./shutdown');\nconst server = app.listen(process.env.PORT);\nshutdown(server);\n",
        'src/shutdown.js': "module.exports = (server) => {\n  ['SIGINT', 'SIGTERM'].forEach((signal) => {\n    process.on(signal, () => server.close(() => process.exit(0)));\n  });\n};\n",
      },
    },
    {
      name: 'a named handler declared after its use (hoisted function)',
      files: {
        'package.json': manifest,
        'index.mjs': "import http from 'node:http';\nconst server = http.createServer((req, res) => res.end('ok'));\nserver.listen(8080);\nprocess.once('SIGTERM', onTerminate);\nfunction onTerminate() {\n  server.close();\n}\n",
      },
    },
    {
      name: 'NestJS enableShutdownHooks (TypeScript)',
      files: {
        'package.json': manifest,
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap(): Promise<void> {\n  const app = await NestFactory.create(AppModule);\n  app.enableShutdownHooks();\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
      },
    },
    {
      name: 'fastify with close-with-grace',
      files: {
        'package.json': manifest,
        'server.mjs': "import Fastify from 'fastify';\nimport closeWithGrace from 'close-with-grace';\nconst app = Fastify();\ncloseWithGrace({ delay: 500 }, async () => {\n  await app.close();\n});\nawait app.listen({ port: Number(process.env.PORT) });\n",
      },
    },
    {
      name: '@godaddy/terminus with its options in a const',
      files: {
        'package.json': manifest,
        'index.js': "const http = require('http');\nconst { createTerminus } = require('@godaddy/terminus');\nconst server = http.createServer(require('./app'));\nconst options = { signals: ['SIGTERM', 'SIGINT'], onSignal: () => Promise.resolve() };\ncreateTerminus(server, options);\nserver.listen(process.env.PORT);\n",
      },
    },
    {
      name: 'an imported shutdown function cannot be read, so it is trusted',
      files: {
        'package.json': manifest,
        'server.js': `${expressServer}const { gracefulShutdown } = require('./lib/lifecycle');\nprocess.on('SIGTERM', () => gracefulShutdown(server));\n`,
      },
    },
    {
      name: 'http-graceful-shutdown and a chained SIGINT/SIGTERM registration',
      files: {
        'package.json': manifest,
        'a/package.json': manifest,
        'a/server.js': `${expressServer}require('http-graceful-shutdown')(server);\n`,
        'b/package.json': manifest,
        'b/server.js': `${expressServer}process.on('SIGINT', () => server.close()).on('SIGTERM', () => server.close());\n`,
      },
    },
    {
      name: 'a service toolkit\'s gracefulShutdown with a callback that stops a stoppable server',
      files: {
        'package.json': manifest,
        'index.js': "const http = require('http');\nconst stoppable = require('stoppable');\nconst { gracefulShutdown } = require('@banzaicloud/service-tools');\nconst server = stoppable(http.createServer(require('./app')));\nserver.listen(process.env.PORT);\nasync function closeResources() {\n  await new Promise((resolve) => server.stop(resolve));\n}\ngracefulShutdown([closeResources]);\n",
      },
    },
    {
      name: 'tests and dev servers are not entry points',
      files: {
        'package.json': manifest,
        'test/app.test.js': "const app = require('../app');\nconst server = app.listen(0);\n",
        'dev.js': "const WebpackDevServer = require('webpack-dev-server');\nnew WebpackDevServer({}, compiler).listen(8080);\n",
      },
    },
  ],
  invalid: [
    {
      name: 'no handler at all: once per entry point, at the listen call',
      files: { 'package.json': manifest, 'server.js': expressServer, 'lib/util.js': 'module.exports = {};\n' },
      errors: [
        {
          file: 'server.js',
          messageId: 'missing',
          message: 'nothing in the workspace closes this server on SIGTERM: the platform stops containers with SIGTERM, so every deploy and scale-in drops in-flight requests',
          line: 3,
          column: 16,
        },
      ],
      output: { 'server.js': `${expressServer}\n${handler('server')}` },
    },
    {
      name: 'the SIGTERM handler closes only the database',
      files: {
        'package.json': manifest,
        'app.js': "require('./api/db');\nconst express = require('express');\nconst app = express();\nvar server = app.listen(3000);\n",
        'api/db.js': "var mongoose = require('mongoose');\nmongoose.connect(process.env.MONGO_URL);\nprocess.on('SIGTERM', function () {\n  mongoose.connection.close(function () {\n    process.exit(0);\n  });\n});\n",
      },
      errors: [
        {
          file: 'app.js',
          messageId: 'noClose',
          message: 'the SIGTERM handler at api/db.js:3 (process.on) exits without closing this server: every deploy and scale-in drops in-flight requests',
          line: 4,
          column: 14,
        },
      ],
      output: null,
    },
    {
      name: 'the server is closed on SIGINT only',
      files: {
        'package.json': manifest,
        'bin/www.js': "import app from '../server.js';\nlet server;\nserver = app.listen(process.env.PORT);\nprocess.on('SIGINT', () => {\n  server.close();\n});\n",
      },
      errors: [{ file: 'bin/www.js', messageId: 'sigintOnly', message: /closed on SIGINT only \(bin\/www\.js:4\)/, line: 3, column: 10 }],
      output: null,
    },
    {
      name: 'handlers that only exit: an arrow and process.exit itself',
      files: {
        'package.json': manifest,
        'a/package.json': manifest,
        'a/index.ts': "import express from 'express';\nconst app = express();\napp.listen(Number(process.env.PORT));\nprocess.on('SIGTERM', () => process.exit(0));\n",
        'b/package.json': manifest,
        'b/index.js': "const app = require('koa')();\napp.listen(8080);\nprocess.on('SIGTERM', process.exit);\n",
      },
      errors: [
        { file: 'a/index.ts', messageId: 'noClose', message: /^the SIGTERM handler at a\/index\.ts:4 /, line: 3, column: 1 },
        { file: 'b/index.js', messageId: 'noClose', line: 2, column: 1 },
      ],
      output: null,
    },
    {
      name: 'a handler in another application of the monorepo does not count',
      files: {
        'packages/api/package.json': manifest,
        'packages/api/src/main.ts': "import http from 'node:http';\nhttp.createServer().listen(8080);\n",
        'packages/web/package.json': manifest,
        'packages/web/server.js': `${expressServer}process.on('SIGTERM', () => server.close());\n`,
      },
      errors: [{ file: 'packages/api/src/main.ts', messageId: 'missing', message: /^nothing in packages\/api\/ closes this server/, line: 2, column: 1 }],
      output: { 'packages/api/src/main.ts': `import http from 'node:http';\nconst server = http.createServer().listen(8080);\n\n${handler('server')}` },
    },
    {
      name: 'the handler closes a variable the file never declares',
      files: {
        'package.json': manifest,
        'nodeApp.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\nprocess.on('SIGTERM', () => {\n  server.close();\n});\n",
      },
      errors: [{ file: 'nodeApp.js', messageId: 'noClose', line: 3, column: 1 }],
      output: null,
    },
    {
      name: 'a toolkit\'s gracefulShutdown that only shuts the database down',
      files: {
        'package.json': manifest,
        'server.js': `${expressServer}const db = require('./db');\nconst { gracefulShutdown } = require('@banzaicloud/service-tools');\ngracefulShutdown([db.shutdown]);\n`,
      },
      errors: [{ file: 'server.js', messageId: 'noClose', message: /^the SIGTERM handler at server\.js:6 \(@banzaicloud\/service-tools\) exits/, line: 3, column: 16 }],
      output: null,
    },
    {
      name: 'hapi starts with server.start() and handles no signal',
      files: {
        'package.json': manifest,
        'src/index.ts': "import Hapi from '@hapi/hapi';\n\nconst init = async () => {\n  const server = Hapi.server({ port: process.env.PORT });\n  await server.start();\n};\nprocess.on('unhandledRejection', () => process.exit(1));\ninit();\n",
      },
      errors: [{ file: 'src/index.ts', messageId: 'missing', line: 5, column: 9 }],
      output: {
        'src/index.ts': [
          "import Hapi from '@hapi/hapi';",
          '',
          'const init = async () => {',
          '  const server = Hapi.server({ port: process.env.PORT });',
          '  await server.start();',
          '',
          "  process.on('SIGTERM', () => {",
          `    ${WHY}`,
          '    server.stop({ timeout: 10000 }).then(() => process.exit(0), () => process.exit(1));',
          '  });',
          '};',
          "process.on('unhandledRejection', () => process.exit(1));",
          'init();',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'the result of listen is kept to close it, inside the callback that starts the server (the example shop)',
      files: {
        'package.json': manifest,
        'app.js': "const express = require('express');\nconst app = express();\nmodule.exports = app;\n",
        'server.js': "'use strict';\n\nconst app = require('./app');\nconst db = require('./db');\n\ndb.connect().then(() => {\n  app.listen(3000, () => {\n    console.log('listening');\n  });\n});\n",
      },
      errors: [{ file: 'server.js', messageId: 'missing', line: 7, column: 3 }],
      output: {
        'server.js': `'use strict';\n\nconst app = require('./app');\nconst db = require('./db');\n\ndb.connect().then(() => {\n  const server = app.listen(3000, () => {\n    console.log('listening');\n  });\n\n${handler('server', '  ')}});\n`,
      },
    },
    {
      name: 'ES module in its own style (double quotes, no semicolons, four spaces); a name already taken is not reused',
      files: {
        'package.json': manifest,
        'src/app.mjs': 'import express from "express"\nexport const app = express()\n',
        'src/index.mjs': 'import { app } from "./app.mjs"\n\nconst server = "api"\nif (process.env.START !== "0") {\n    app.listen(Number(process.env.PORT), () => console.log(server))\n}\n',
      },
      errors: [{ file: 'src/index.mjs', messageId: 'missing', line: 5, column: 5 }],
      output: {
        'src/index.mjs': [
          'import { app } from "./app.mjs"',
          '',
          'const server = "api"',
          'if (process.env.START !== "0") {',
          '    const httpServer = app.listen(Number(process.env.PORT), () => console.log(server))',
          '',
          '    process.on("SIGTERM", () => {',
          `        ${WHY}`,
          '        httpServer.close(() => process.exit(0))',
          '        setTimeout(() => process.exit(1), 10000).unref()',
          '    })',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'an app imported from a module that creates a fastify server is not a Node server: no fix',
      files: {
        'package.json': manifest,
        'app.js': "const fastify = require('fastify');\nmodule.exports = fastify();\n",
        'server.js': "const app = require('./app');\napp.listen({ port: 3000 });\n",
      },
      errors: [{ file: 'server.js', messageId: 'missing', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'fastify (ES module, top-level await): fastify.close() with a timeout fallback',
      files: {
        'package.json': manifest,
        'server.mjs': "import Fastify from 'fastify';\n\nconst fastify = Fastify({ logger: true });\nfastify.get('/', async () => ({ hello: 'world' }));\nawait fastify.listen({ port: Number(process.env.PORT), host: '0.0.0.0' });\n",
      },
      errors: [{ file: 'server.mjs', messageId: 'missing', line: 5, column: 7 }],
      output: {
        'server.mjs': [
          "import Fastify from 'fastify';",
          '',
          'const fastify = Fastify({ logger: true });',
          "fastify.get('/', async () => ({ hello: 'world' }));",
          "await fastify.listen({ port: Number(process.env.PORT), host: '0.0.0.0' });",
          '',
          "process.on('SIGTERM', () => {",
          `  ${WHY}`,
          '  fastify.close().then(() => process.exit(0), () => process.exit(1));',
          '  setTimeout(() => process.exit(1), 10000).unref();',
          '});',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'NestJS (TypeScript): enableShutdownHooks before listen',
      files: {
        'package.json': manifest,
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap(): Promise<void> {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
      },
      errors: [{ file: 'src/main.ts', messageId: 'missing', line: 6, column: 9 }],
      output: {
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap(): Promise<void> {\n  const app = await NestFactory.create(AppModule);\n\n  app.enableShutdownHooks();\n\n  await app.listen(3000);\n}\nvoid bootstrap();\n",
      },
    },
    {
      name: 'koa (TypeScript): the server listen returns is bound and closed',
      files: {
        'package.json': manifest,
        'src/server.ts': "import Koa from 'koa';\n\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.body = 'hi';\n});\napp.listen(3000); // started by npm start\n",
      },
      errors: [{ file: 'src/server.ts', messageId: 'missing', line: 7, column: 1 }],
      output: {
        'src/server.ts': `import Koa from 'koa';\n\nconst app = new Koa();\napp.use(async (ctx) => {\n  ctx.body = 'hi';\n});\nconst server = app.listen(3000); // started by npm start\n\n${handler('server')}`,
      },
    },
    {
      name: 'code from before ES2015 (var, no arrows) gets function expressions; http.createServer(app).listen is bound',
      files: {
        'package.json': manifest,
        'app.js': "var express = require('express');\nvar http = require('http');\nvar app = express();\n\nhttp.createServer(app).listen(app.get('port'), function () {\n  console.log('listening');\n});\n",
      },
      errors: [{ file: 'app.js', messageId: 'missing', line: 5, column: 1 }],
      output: {
        'app.js': [
          "var express = require('express');",
          "var http = require('http');",
          'var app = express();',
          '',
          "var server = http.createServer(app).listen(app.get('port'), function () {",
          "  console.log('listening');",
          '});',
          '',
          "process.on('SIGTERM', function () {",
          `  ${WHY}`,
          '  server.close(function () { process.exit(0); });',
          '  setTimeout(function () { process.exit(1); }, 10000).unref();',
          '});',
          '',
        ].join('\n'),
      },
    },
  ],
});
