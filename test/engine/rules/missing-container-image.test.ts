import rule from '../../../src/engine/rules/missing-container-image';
import { RuleTester } from '../../support/ruleTester';

const server = "const app = require('express')();\napp.listen(process.env.PORT);\n";

RuleTester.runWorkspace(rule, {
  valid: [
    { name: 'a Dockerfile beside the app', files: { 'package.json': '{}', 'server.js': server, Dockerfile: 'FROM node:20\n' } },
    { name: 'a Containerfile in a docker/ folder', files: { 'package.json': '{}', 'server.js': server, 'docker/Containerfile': 'FROM node:20\n' } },
    { name: 'a library that never listens', files: { 'package.json': '{}', 'index.js': 'module.exports = (a, b) => a + b;\n' } },
    { name: 'a root Dockerfile builds a package of a monorepo', files: { 'packages/api/package.json': '{}', 'packages/api/server.js': server, 'Dockerfile.api': 'FROM node:20\n' } },
    { name: 'a server started only by a test is not an app', files: { 'package.json': '{}', 'test/server.test.js': server } },
  ],
  invalid: [
    {
      name: "express-generator's bin/www is the entry point",
      files: { 'package.json': '{"scripts":{"start":"node ./bin/www"}}', 'app.js': "module.exports = require('express')();\n", 'bin/www': "#!/usr/bin/env node\nvar app = require('../app');\nvar http = require('http');\nhttp.createServer(app).listen(process.env.PORT || '3000');\n" },
      errors: [{ file: 'bin/www', messageId: 'missing', line: 4, column: 1 }],
    },
    {
      name: 'a TypeScript NestJS-style bootstrap',
      files: { 'package.json': '{}', 'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n" },
      errors: [{ file: 'src/main.ts', line: 5, column: 9 }],
    },
    {
      name: 'a docker-compose file alone builds no image of this app',
      files: { 'package.json': '{}', 'server.js': server, 'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n' },
      errors: [{ file: 'server.js', line: 2 }],
    },
    {
      name: 'once per entry point, at the listen call',
      files: { 'package.json': '{}', 'server.js': server, 'lib/util.js': 'module.exports = {};\n' },
      errors: [{ file: 'server.js', messageId: 'missing', message: 'server.js starts a server but the workspace has no Dockerfile: there is no container image to deploy', line: 2, column: 1 }],
    },
    {
      name: 'each app of a monorepo on its own',
      files: {
        'packages/api/package.json': '{}',
        'packages/api/src/main.ts': "import http from 'node:http';\nhttp.createServer().listen(8080);\n",
        'packages/web/package.json': '{}',
        'packages/web/server.js': server,
        'packages/web/Dockerfile': 'FROM node:20\n',
      },
      errors: [{ file: 'packages/api/src/main.ts', message: /but packages\/api\/ has no Dockerfile/, line: 2 }],
    },
  ],
});
