import rule from '../../../src/engine/rules/side-port-server';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'a TCP service with no HTTP server', code: "const net = require('net');\nconst server = net.createServer((socket) => socket.end('hello'));\nserver.listen(9000);" },
    { name: 'HTTP only', code: "const express = require('express');\nconst http = require('http');\nconst app = express();\nhttp.createServer(app).listen(process.env.PORT || 3000);" },
    { name: 'a net server on a Unix socket is local-ipc-socket\'s', code: "const app = require('express')();\nconst net = require('net');\nnet.createServer(handler).listen('/tmp/app.sock');\napp.listen(3000);" },
    { name: 'a TCP client, not a server', code: "const app = require('express')();\nconst net = require('net');\nnet.connect(6379, 'cache');\napp.listen(3000);" },
    { name: 'an ephemeral UDP port for sending', code: "const app = require('express')();\nconst dgram = require('dgram');\nconst socket = dgram.createSocket('udp4');\nsocket.bind(0);\napp.listen(3000);" },
    { name: 'an internal helper on an ephemeral port', code: "const http = require('http');\nhttp.createServer(h).listen(8080);\nconst proxy = require('net').createServer(pipe);\nproxy.listen(0, '127.0.0.1');" },
    { name: 'multicast sockets are udp-multicast-broadcast\'s', code: "const http = require('http');\nhttp.createServer(h).listen(8080);\nconst s = require('dgram').createSocket('udp4');\ns.bind(1234, () => s.addMembership('224.0.0.114'));" },
  ],
  invalid: [
    {
      name: 'TCP server beside the HTTP server (FireSense)',
      code: "const express = require('express');\nconst http = require('http');\nconst net = require('net');\nconst server = http.createServer(express());\nconst port = { TCP: 9000, web: 8080 };\nserver.listen(port.web);\nconst netServer = net.createServer((socket) => socket.write('hi'));\nnetServer.listen(port.TCP, '0.0.0.0');",
      errors: [{ messageId: 'tcp', message: 'a raw TCP server listens on port 9000 beside the HTTP server: the platform routes HTTP(S) to one port only; expose this protocol as its own service or move it onto HTTP/WebSocket', line: 8, column: 1 }],
    },
    {
      name: 'chained createServer().listen() beside express (ESM)',
      filename: 'src/server.mjs',
      code: "import express from 'express';\nimport { createServer } from 'node:net';\nconst app = express();\ncreateServer(onConnection).listen(4001);\napp.listen(3000);",
      errors: [{ messageId: 'tcp', message: /^a raw TCP server listens on port 4001/, line: 4, column: 1 }],
    },
    {
      name: 'TLS server beside Koa (TypeScript)',
      filename: 'src/index.ts',
      code: "import Koa from 'koa';\nimport tls from 'tls';\nconst app = new Koa();\nconst secure = tls.createServer(options, onSocket);\nsecure.listen({ port: 8443 });\napp.listen(3000);",
      errors: [{ messageId: 'tcp', message: /^a raw TLS server listens on port 8443/, line: 5, column: 1 }],
    },
    {
      name: 'UDP listener beside HTTP',
      code: "const http = require('http');\nhttp.createServer(h).listen(8080);\nconst dgram = require('dgram');\nconst syslog = dgram.createSocket('udp4');\nsyslog.bind(514);",
      errors: [{ messageId: 'udp', message: /^a UDP socket listens on port 514 beside the HTTP server/, line: 5, column: 1 }],
    },
    {
      name: 'port from the environment is still a second port',
      code: "const app = require('express')();\nconst net = require('net');\nnet.createServer(h).listen(process.env.TCP_PORT);\napp.listen(3000);",
      errors: [{ messageId: 'tcp', message: /^a raw TCP server listens on port process\.env\.TCP_PORT/, line: 3, column: 1 }],
    },
  ],
});
