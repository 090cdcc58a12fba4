import rule from '../../../src/engine/rules/missing-graceful-shutdown';
import { RuleTester } from '../../support/ruleTester';

const manifest = '{ "name": "shop" }\n';
const expressServer = "const express = require('express');\nconst app = express();\nconst server = app.listen(process.env.PORT);\n";

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
    },
    {
      name: 'the server is closed on SIGINT only',
      files: {
        'package.json': manifest,
        'bin/www.js': "import app from '../server.js';\nlet server;\nserver = app.listen(process.env.PORT);\nprocess.on('SIGINT', () => {\n  server.close();\n});\n",
      },
      errors: [{ file: 'bin/www.js', messageId: 'sigintOnly', message: /closed on SIGINT only \(bin\/www\.js:4\)/, line: 3, column: 10 }],
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
    },
    {
      name: 'the handler closes a variable the file never declares',
      files: {
        'package.json': manifest,
        'nodeApp.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\nprocess.on('SIGTERM', () => {\n  server.close();\n});\n",
      },
      errors: [{ file: 'nodeApp.js', messageId: 'noClose', line: 3, column: 1 }],
    },
    {
      name: 'a toolkit\'s gracefulShutdown that only shuts the database down',
      files: {
        'package.json': manifest,
        'server.js': `${expressServer}const db = require('./db');\nconst { gracefulShutdown } = require('@banzaicloud/service-tools');\ngracefulShutdown([db.shutdown]);\n`,
      },
      errors: [{ file: 'server.js', messageId: 'noClose', message: /^the SIGTERM handler at server\.js:6 \(@banzaicloud\/service-tools\) exits/, line: 3, column: 16 }],
    },
    {
      name: 'hapi starts with server.start() and handles no signal',
      files: {
        'package.json': manifest,
        'src/index.ts': "import Hapi from '@hapi/hapi';\n\nconst init = async () => {\n  const server = Hapi.server({ port: process.env.PORT });\n  await server.start();\n};\nprocess.on('unhandledRejection', () => process.exit(1));\ninit();\n",
      },
      errors: [{ file: 'src/index.ts', messageId: 'missing', line: 5, column: 9 }],
    },
  ],
});
