import rule from '../../../src/engine/rules/local-ipc-socket';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'a TCP port', code: "const app = require('express')();\napp.listen(process.env.PORT || 3000);" },
    { name: 'a socket path given at run time', code: "const http = require('http');\nconst sock = process.argv[2];\nhttp.createServer(app).listen(sock);" },
    { name: 'listen of something that is not a server', code: "const bus = require('event-bus');\nbus.listen('/orders/created');" },
    { name: 'node-ipc network server is side-port-server territory', code: "const ipc = require('node-ipc');\nipc.serveNet(8000, 'udp4');" },
    { name: 'a socket path from the environment', code: "const Docker = require('dockerode');\nnew Docker({ socketPath: process.env.DOCKER_SOCKET });" },
    { name: 'test files', filename: 'test/ipc.test.js', code: "const ipc = require('node-ipc');\nipc.serve();" },
  ],
  invalid: [
    {
      name: 'express behind nginx on a Unix socket',
      code: "var express = require('express');\nvar app = express();\napp.listen('/tmp/node.sock');",
      errors: [{ messageId: 'listen', message: 'the server listens on the local socket /tmp/node.sock: it only reaches processes on the same machine; listen on a TCP port the platform routes to', line: 3, column: 12 }],
    },
    {
      name: 'net server on a named pipe through a const',
      code: "const net = require('net');\nconst PIPE = '\\\\\\\\.\\\\pipe\\\\shop';\nnet.createServer(onConnection).listen(PIPE);",
      errors: [{ messageId: 'listen', message: /^the server listens on the local socket \\\\\.\\pipe\\shop/, line: 3, column: 39 }],
    },
    {
      name: 'node-ipc server',
      code: "const ipc = require('node-ipc');\nipc.config.id = 'myIpcServer';\nipc.serve();\nipc.server.start();",
      errors: [{ messageId: 'nodeIpc', message: 'node-ipc serve talks over a local socket between processes of one machine: replicas on other nodes never see it; use HTTP or a message broker between services', line: 3, column: 1 }],
    },
    {
      name: 'Docker daemon socket of the host (ESM)',
      filename: 'src/docker.mjs',
      code: "import Docker from 'dockerode';\nexport default new Docker({ socketPath: '/var/run/docker.sock' });",
      errors: [{ messageId: 'connect', message: "new Docker connects to the local socket /var/run/docker.sock: the process behind it is on the old host, not in the container's network; reach it as a service over TCP", line: 2, column: 41 }],
    },
    {
      name: 'socket-named constant and an options object with a path (TypeScript)',
      filename: 'src/server.ts',
      code: "import http from 'node:http';\nconst DOCKER_SOCKET = '/var/run/docker.sock';\nhttp.createServer(handler).listen({ path: '/run/app/app.sock' });",
      errors: [
        { messageId: 'declared', message: /^DOCKER_SOCKET names the local socket \/var\/run\/docker\.sock/, line: 2, column: 23 },
        { messageId: 'listen', message: /local socket \/run\/app\/app\.sock/, line: 3, column: 35 },
      ],
    },
  ],
});
