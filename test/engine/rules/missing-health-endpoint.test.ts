import rule from '../../../src/engine/rules/missing-health-endpoint';
import { RuleTester } from '../../support/ruleTester';

const manifest = '{ "name": "shop" }\n';
const listen = "const express = require('express');\nconst app = express();\n";
const WHY = "// For the platform's liveness and readiness probes; registered first, so no other middleware runs for them.";
/** `listen` with the route the fix adds right after the app is created. */
const withRoute = (route = "app.get('/healthz', (req, res) => res.send('ok'));") => `${listen}\n${WHY}\n${route}\n\n`;

RuleTester.runWorkspace(rule, {
  valid: [
    {
      name: 'express app.get("/health")',
      files: { 'package.json': manifest, 'server.js': `${listen}app.get('/health', (req, res) => res.sendStatus(200));\napp.listen(process.env.PORT);\n` },
    },
    {
      name: 'a router in another file, mounted under /api, path through a const',
      files: {
        'package.json': manifest,
        'src/server.ts': "import express from 'express';\nimport { router } from './routes/system';\nconst app = express();\napp.use('/api', router);\napp.listen(Number(process.env.PORT));\n",
        'src/routes/system.ts': "import { Router } from 'express';\nconst STATUS_PATH = '/v1/status';\nexport const router = Router();\nrouter.get(STATUS_PATH, (_req, res) => { res.json({ ok: true }); });\n",
      },
    },
    {
      name: 'koa-router named route and router.route chains',
      files: {
        'package.json': manifest,
        'a/package.json': manifest,
        'a/app.js': "const Koa = require('koa');\nconst Router = require('@koa/router');\nconst router = new Router();\nrouter.get('health', '/healthz', (ctx) => { ctx.body = 'ok'; });\nnew Koa().use(router.routes()).listen(3000);\n",
        'b/package.json': manifest,
        'b/app.js': `${listen}const router = express.Router();\nrouter.route('/readyz').get((req, res) => res.end());\napp.use(router);\napp.listen(3000);\n`,
      },
    },
    {
      name: 'fastify route object and a plugin registered under /health',
      files: {
        'package.json': manifest,
        'a/package.json': manifest,
        'a/server.mjs': "import Fastify from 'fastify';\nconst app = Fastify();\napp.route({ method: 'GET', url: '/livez', handler: async () => 'ok' });\nawait app.listen({ port: 3000 });\n",
        'b/package.json': manifest,
        'b/server.mjs': "import Fastify from 'fastify';\nimport health from './health.mjs';\nconst app = Fastify();\napp.register(health, { prefix: '/health' });\nawait app.listen({ port: 3000 });\n",
      },
    },
    {
      name: 'hapi route array, started with server.start()',
      files: {
        'package.json': manifest,
        'index.js': "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: process.env.PORT });\nserver.route([{ method: 'GET', path: '/healthz', handler: () => 'ok' }]);\nserver.start();\n",
      },
    },
    {
      name: 'NestJS controller decorated with @Controller("health")',
      files: {
        'package.json': manifest,
        'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
        'src/health/health.controller.ts': "import { Controller, Get } from '@nestjs/common';\n\n@Controller('health')\nexport class HealthController {\n  @Get()\n  check() {\n    return { status: 'ok' };\n  }\n}\n",
      },
    },
    {
      name: 'plain http comparing req.url, terminus health checks, express-healthcheck',
      files: {
        'package.json': manifest,
        'a/package.json': manifest,
        'a/health.js': "const http = require('http');\nhttp.createServer((req, res) => {\n  if (req.url === '/health') return res.end('ok');\n  res.statusCode = 404;\n  res.end();\n}).listen(process.env.PORT);\n",
        'b/package.json': manifest,
        'b/index.js': "const http = require('http');\nconst { createTerminus } = require('@godaddy/terminus');\nconst server = http.createServer(require('./app'));\ncreateTerminus(server, { healthChecks: { '/healthcheck': () => Promise.resolve() } });\nserver.listen(process.env.PORT);\n",
        'c/package.json': manifest,
        'c/index.js': `${listen}app.use('/ops/check', require('express-healthcheck')());\napp.listen(process.env.PORT);\n`,
      },
    },
    {
      name: 'a raw TCP server is probed over TCP, and a Next.js API route file serves /api/health',
      files: {
        'package.json': manifest,
        'a/package.json': manifest,
        'a/tcp.js': "const net = require('net');\nnet.createServer((socket) => socket.end()).listen(7000);\n",
        'b/package.json': manifest,
        'b/server.js': "const next = require('next');\nconst http = require('http');\nconst handle = next({}).getRequestHandler();\nhttp.createServer(handle).listen(3000);\n",
        'b/pages/api/health.ts': 'export default function handler(req, res) { res.status(200).end(); }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'no route at all: once per entry point, at the listen call',
      files: { 'package.json': manifest, 'server.js': `${listen}app.get('/', (req, res) => res.send('hi'));\napp.listen(process.env.PORT);\n` },
      errors: [
        {
          file: 'server.js',
          messageId: 'missing',
          message: "the workspace defines no health route (/health, /healthz, /ready, ...) for this server: the platform's liveness and readiness probes have nothing cheap to call",
          line: 4,
          column: 1,
        },
      ],
      output: { 'server.js': `${withRoute()}app.get('/', (req, res) => res.send('hi'));\napp.listen(process.env.PORT);\n` },
    },
    {
      name: 'calling another service\'s health route does not define one',
      files: {
        'package.json': manifest,
        'server.js': `${listen}const axios = require('axios');\nconst http = require('http');\napp.get('/', async (req, res) => res.json((await axios.get('/health')).data));\nhttp.get('http://inventory/healthz', (r) => r.resume());\naxios.get('/status', { timeout: 500 });\napp.listen(process.env.PORT);\n`,
      },
      errors: [{ file: 'server.js', messageId: 'missing', line: 8, column: 1 }],
      output: { 'server.js': `${withRoute()}const axios = require('axios');\nconst http = require('http');\napp.get('/', async (req, res) => res.json((await axios.get('/health')).data));\nhttp.get('http://inventory/healthz', (r) => r.resume());\naxios.get('/status', { timeout: 500 });\napp.listen(process.env.PORT);\n` },
    },
    {
      name: 'a resource\'s status and express settings are not health routes',
      files: {
        'package.json': manifest,
        'app.js': `${listen}app.set('port', 3000);\napp.get('/orders/:id/status', (req, res) => res.json({}));\napp.patch('/health', (req, res) => res.end());\napp.listen(app.get('port'));\n`,
      },
      errors: [{ file: 'app.js', messageId: 'missing', line: 6, column: 1 }],
      output: { 'app.js': `${withRoute()}app.set('port', 3000);\napp.get('/orders/:id/status', (req, res) => res.json({}));\napp.patch('/health', (req, res) => res.end());\napp.listen(app.get('port'));\n` },
    },
    {
      name: 'a health route only in a test or only in another application does not count',
      files: {
        'packages/api/package.json': manifest,
        'packages/api/server.js': `${listen}app.listen(process.env.PORT);\n`,
        'packages/api/test/health.test.js': "const request = require('supertest');\nconst app = require('express')();\napp.get('/health', (req, res) => res.end());\n",
        'packages/admin/package.json': manifest,
        'packages/admin/server.js': `${listen}app.get('/healthz', (req, res) => res.end());\napp.listen(process.env.PORT);\n`,
      },
      errors: [{ file: 'packages/api/server.js', messageId: 'missing', message: /^packages\/api\/ defines no health route/, line: 3, column: 1 }],
      output: { 'packages/api/server.js': `${withRoute()}app.listen(process.env.PORT);\n` },
    },
    {
      name: 'jQuery in the browser bundle of the same app (TypeScript server)',
      files: {
        'package.json': manifest,
        'src/index.ts': "import express from 'express';\nconst app = express();\napp.use(express.static('public'));\napp.listen(Number(process.env.PORT ?? 3000));\n",
        'public/js/main.js': "$.get('/status', function (data) { render(data); });\n",
      },
      errors: [{ file: 'src/index.ts', messageId: 'missing', line: 4, column: 1 }],
      output: {
        'src/index.ts': `import express from 'express';\nconst app = express();\n\n${WHY}\napp.get('/healthz', (_req, res) => res.send('ok'));\n\napp.use(express.static('public'));\napp.listen(Number(process.env.PORT ?? 3000));\n`,
      },
    },
    {
      name: 'a hapi server without a health route',
      files: {
        'package.json': manifest,
        'index.js': "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: process.env.PORT });\nserver.route({ method: 'GET', path: '/', handler: () => 'hello' });\nserver.start();\n",
      },
      errors: [{ file: 'index.js', messageId: 'missing', line: 4, column: 1 }],
      output: {
        'index.js': "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ port: process.env.PORT });\n\n// For the platform's liveness and readiness probes.\nserver.route({ method: 'GET', path: '/healthz', handler: () => 'ok' });\n\nserver.route({ method: 'GET', path: '/', handler: () => 'hello' });\nserver.start();\n",
      },
    },
    {
      name: 'the app is created in another module than the one that listens (the example shop): the route goes where the app is created',
      files: {
        'package.json': manifest,
        'app.js': "'use strict';\n\nconst express = require('express');\n\nconst app = express();\n\napp.use(express.json());\n\nmodule.exports = app;\n",
        'server.js': "const app = require('./app');\n\napp.listen(3000);\n",
      },
      errors: [{ file: 'server.js', messageId: 'missing', line: 3, column: 1 }],
      output: {
        'app.js': `'use strict';\n\nconst express = require('express');\n\nconst app = express();\n\n${WHY}\napp.get('/healthz', (req, res) => res.send('ok'));\n\napp.use(express.json());\n\nmodule.exports = app;\n`,
      },
    },
    {
      name: 'koa (ES module, double quotes, no semicolons, four spaces): a middleware answering before the others',
      files: {
        'package.json': manifest,
        'src/app.mjs': 'import Koa from "koa"\n\nexport const app = new Koa()\napp.use(async (ctx) => {\n    ctx.body = "hello"\n})\n',
        'src/index.mjs': 'import { app } from "./app.mjs"\napp.listen(Number(process.env.PORT))\n',
      },
      errors: [{ file: 'src/index.mjs', messageId: 'missing', line: 2, column: 1 }],
      output: {
        'src/app.mjs': [
          'import Koa from "koa"',
          '',
          'export const app = new Koa()',
          '',
          WHY,
          'app.use(async (ctx, next) => {',
          '    if (ctx.path === "/healthz") {',
          '        ctx.body = "ok"',
          '        return',
          '    }',
          '    await next()',
          '})',
          '',
          'app.use(async (ctx) => {',
          '    ctx.body = "hello"',
          '})',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'fastify (TypeScript)',
      files: {
        'package.json': manifest,
        'src/server.ts': "import Fastify from 'fastify';\n\nconst server = Fastify({ logger: true });\n\nserver.listen({ port: 3000 });\n",
      },
      errors: [{ file: 'src/server.ts', messageId: 'missing', line: 5, column: 1 }],
      output: {
        'src/server.ts': "import Fastify from 'fastify';\n\nconst server = Fastify({ logger: true });\n\n// For the platform's liveness and readiness probes.\nserver.get('/healthz', async () => 'ok');\n\nserver.listen({ port: 3000 });\n",
      },
    },
    {
      name: 'plain http and NestJS get no fix: a route there means rewriting the handler or adding a controller and a module',
      files: {
        'a/package.json': manifest,
        'a/server.js': "const http = require('http');\nhttp.createServer((req, res) => res.end('hi')).listen(8080);\n",
        'b/package.json': manifest,
        'b/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
      },
      errors: [
        { file: 'a/server.js', messageId: 'missing', line: 2, column: 1 },
        { file: 'b/src/main.ts', messageId: 'missing', line: 5, column: 9 },
      ],
      output: null,
    },
    {
      name: 'two express apps in the application and none in the entry point: no guess',
      files: {
        'package.json': manifest,
        'public-app.js': "const express = require('express');\nconst app = express();\nmodule.exports = app;\n",
        'admin-app.js': "const express = require('express');\nconst admin = express();\nmodule.exports = admin;\n",
        'server.js': "const app = require('./public-app');\napp.listen(3000);\n",
      },
      errors: [{ file: 'server.js', messageId: 'missing', line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'Express 3 mounts its router at the first route, so a route above the middleware would bypass them: no fix',
      files: {
        'package.json': '{ "name": "orders", "dependencies": { "express": "3.4.8" } }\n',
        'app.js': "var express = require('express');\nvar app = express();\napp.use(express.bodyParser());\napp.get('/orders', function (req, res) { res.send([]); });\napp.listen(3000);\n",
      },
      errors: [{ file: 'app.js', messageId: 'missing', line: 5, column: 1 }],
      output: null,
    },
    {
      name: 'Express 4 code from before ES2015 (var, no arrows) gets a function expression',
      files: {
        'package.json': '{ "name": "orders", "dependencies": { "express": "^4.17.1" } }\n',
        'app.js': "var express = require('express');\nvar app = express();\napp.get('/orders', function (req, res) { res.send([]); });\napp.listen(3000);\n",
      },
      errors: [{ file: 'app.js', messageId: 'missing', line: 4, column: 1 }],
      output: {
        'app.js': `var express = require('express');\nvar app = express();\n\n${WHY}\napp.get('/healthz', function (req, res) {\n  res.send('ok');\n});\n\napp.get('/orders', function (req, res) { res.send([]); });\napp.listen(3000);\n`,
      },
    },
  ],
});
