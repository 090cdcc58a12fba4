import rule from '../../../src/engine/rules/missing-container-image';
import { RuleTester } from '../../support/ruleTester';

const server = "const app = require('express')();\napp.listen(process.env.PORT);\n";

RuleTester.runWorkspace(rule, {
  valid: [
    { name: 'a Dockerfile beside the app', files: { 'package.json': '{}', 'server.js': server, Dockerfile: 'FROM node:20\n' } },
    { name: 'a Containerfile in a docker/ folder', files: { 'package.json': '{}', 'server.js': server, 'docker/Containerfile': 'FROM node:20\n' } },
    { name: 'a library that never listens', files: { 'package.json': '{}', 'index.js': 'module.exports = (a, b) => a + b;\n' } },
    { name: 'a root Dockerfile builds a package of a monorepo', files: { 'packages/api/package.json': '{}', 'packages/api/server.js': server, 'Dockerfile.api': 'FROM node:20\n' } },
  ],
  invalid: [
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
