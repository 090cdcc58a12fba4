import rule from '../../../src/engine/rules/listen-fixed-port';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'port from the environment with a fallback', code: "const app = require('express')();\napp.listen(process.env.PORT || 3000);" },
    { name: 'fallback held in a const', code: "const app = require('express')();\nconst PORT = process.env.PORT ?? 8080;\napp.listen(PORT);" },
    { name: 'all interfaces', code: "const http = require('http');\nhttp.createServer(handler).listen(Number(process.env.PORT), '0.0.0.0');" },
    { name: 'a module that is not a server', code: "const bus = require('event-bus');\nbus.listen(3000);" },
    { name: 'not a port', code: "const app = require('express')();\napp.listen(handle);" },
    { name: 'test files may listen anywhere', filename: 'test/server.test.js', code: "const app = require('../app');\napp.listen(3000);" },
  ],
  invalid: [
    {
      name: 'literal port on an express app',
      code: "const express = require('express');\nconst app = express();\napp.listen(3000, () => {});",
      errors: [{ messageId: 'port', message: 'server listens on fixed port 3000: the platform assigns the port through the PORT environment variable', line: 3, column: 12, endColumn: 16 }],
      output: "const express = require('express');\nconst app = express();\napp.listen(Number(process.env.PORT ?? 3000), () => {});",
      outputFiles: { '.env.example': 'PORT=3000\n' },
    },
    {
      name: 'port folded from a const, reported at the literal with the call as evidence',
      code: "const app = require('./app');\nconst PORT = 8080;\napp.listen(PORT);",
      errors: [{ messageId: 'port', line: 2, column: 14, related: ['the server listens here'] }],
      output: "const app = require('./app');\nconst PORT = Number(process.env.PORT ?? 8080);\napp.listen(PORT);",
      outputFiles: { '.env.example': 'PORT=8080\n' },
    },
    {
      name: 'loopback only, with a fixed port',
      filename: 'src/server.ts',
      code: "import http from 'node:http';\nconst server = http.createServer();\nserver.listen(8080, '127.0.0.1');",
      errors: [
        { messageId: 'port', line: 3, column: 15 },
        { messageId: 'loopback', message: 'server binds to 127.0.0.1 only: nothing outside the container can reach it', line: 3, column: 21 },
      ],
      output: "import http from 'node:http';\nconst server = http.createServer();\nserver.listen(Number(process.env.PORT ?? 8080), '0.0.0.0');",
      outputFiles: { '.env.example': 'PORT=8080\n' },
    },
    {
      name: 'options object (net style) with double quotes',
      code: 'const net = require("net");\nnet.createServer().listen({ port: process.env.PORT, host: "localhost" });',
      errors: [{ messageId: 'loopback', line: 2, column: 59 }],
      output: 'const net = require("net");\nnet.createServer().listen({ port: process.env.PORT, host: "0.0.0.0" });',
    },
    {
      name: 'koa app created with new',
      code: "const Koa = require('koa');\nnew Koa().listen('3000');",
      errors: [{ messageId: 'port', line: 2, column: 18 }],
      output: "const Koa = require('koa');\nnew Koa().listen(Number(process.env.PORT ?? '3000'));",
      outputFiles: { '.env.example': 'PORT=3000\n' },
    },
  ],
});
