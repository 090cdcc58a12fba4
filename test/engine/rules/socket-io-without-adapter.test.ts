import rule from '../../../src/engine/rules/socket-io-without-adapter';
import { RuleTester } from '../../support/ruleTester';

const chatServer = "const http = require('http').createServer(app);\nconst io = require('socket.io')(http);\nio.on('connection', (socket) => socket.broadcast.emit('joined'));\n";
const packageJson = (dependencies: Record<string, string>) => JSON.stringify({ name: 'chat', dependencies });
/** package.json as the fix leaves it: the packages added, in the layout jsonc-parser writes. */
const manifestWith = (dependencies: Record<string, string>) => `${JSON.stringify({ name: 'chat', dependencies }, null, 2)}`;
const REDIS_ENV = 'REDIS_URL=redis://localhost:6379\n';
/** The adapter set-up for a redis 4 client, at the given indentation. */
const redis4Adapter = (io = 'io', end = ';', indent = '  ') =>
  [
    `const pubClient = createClient({ url: process.env.REDIS_URL })${end}`,
    `const subClient = pubClient.duplicate()${end}`,
    '// Rooms and broadcasts reach the other replicas through Redis once both clients are connected.',
    'Promise.all([pubClient.connect(), subClient.connect()]).then(() => {',
    `${indent}${io}.adapter(createAdapter(pubClient, subClient))${end}`,
    `})${end}`,
  ].join('\n');

RuleTester.runWorkspace(rule, {
  valid: [
    {
      name: 'a Redis adapter set up in the same file',
      files: {
        'package.json': packageJson({ 'socket.io': '^4.7.0', '@socket.io/redis-adapter': '^8.0.0' }),
        'server.js':
          "const { Server } = require('socket.io');\nconst { createAdapter } = require('@socket.io/redis-adapter');\nconst io = new Server();\nio.adapter(createAdapter(pub, sub));\nio.listen(Number(process.env.PORT));\n",
      },
    },
    {
      name: 'the adapter is installed in another file of the app',
      files: {
        'package.json': packageJson({ 'socket.io': '^2.3.0', 'socket.io-redis': '^5.2.0' }),
        'src/socketApi.js': "const socketio = require('socket.io');\nconst io = socketio();\nmodule.exports = { io };\n",
        'src/adapter.js': "module.exports = (io, redisAdapter) => io.adapter(redisAdapter({ host: process.env.REDIS_HOST }));\n",
      },
    },
    {
      name: 'an adapter package among the dependencies, wired where we cannot see',
      files: { 'package.json': packageJson({ 'socket.io': '^4.0.0', '@socket.io/mongo-adapter': '^0.3.0' }), 'server.js': chatServer },
    },
    {
      name: 'NestJS gateway with a Redis IoAdapter installed in main.ts',
      files: {
        'package.json': packageJson({ '@nestjs/websockets': '^10.0.0' }),
        'src/events.gateway.ts': "import { WebSocketGateway } from '@nestjs/websockets';\n@WebSocketGateway()\nexport class EventsGateway {}\n",
        'src/main.ts': "const app = await NestFactory.create(AppModule);\napp.useWebSocketAdapter(new RedisIoAdapter(app));\nawait app.listen(process.env.PORT ?? 3000);\n",
      },
    },
    {
      name: 'a socket.io client is not a server',
      files: { 'package.json': packageJson({ 'socket.io-client': '^4.0.0' }), 'worker.js': "const io = require('socket.io-client');\nconst socket = io(process.env.HUB_URL);\n" },
    },
    {
      name: 'a server created only in tests',
      files: { 'package.json': packageJson({ 'socket.io': '^4.0.0' }), 'test/socket.test.js': "const { Server } = require('socket.io');\nconst io = new Server(3001);\n" },
    },
  ],
  invalid: [
    {
      name: 'require(socket.io)(server) with no adapter anywhere',
      files: { 'package.json': packageJson({ 'socket.io': '^4.0.0' }), 'src/server/index.js': chatServer, 'src/server/rooms.js': 'module.exports = {};\n' },
      errors: [
        {
          file: 'src/server/index.js',
          messageId: 'noAdapter',
          message: 'socket.io server has no adapter in the workspace: rooms, broadcasts and connected sockets stay inside this replica, so clients on other replicas miss them',
          line: 2,
          column: 12,
        },
      ],
      output: {
        'src/server/index.js': [
          "const http = require('http').createServer(app);",
          "const { createAdapter } = require('@socket.io/redis-adapter');",
          "const { createClient } = require('redis');",
          "const io = require('socket.io')(http);",
          '',
          redis4Adapter(),
          '',
          "io.on('connection', (socket) => socket.broadcast.emit('joined'));",
          '',
        ].join('\n'),
        'package.json': manifestWith({ '@socket.io/redis-adapter': '^8.3.0', redis: '^4.7.0', 'socket.io': '^4.0.0' }),
        '.env.example': REDIS_ENV,
      },
    },
    {
      name: 'ESM new Server, TypeScript',
      files: {
        'package.json': packageJson({ 'socket.io': '^4.0.0' }),
        'src/app.ts': "import { createServer } from 'http';\nimport { Server } from 'socket.io';\nconst httpServer = createServer();\nexport const io = new Server(httpServer, { cors: { origin: '*' } });\n",
      },
      errors: [{ file: 'src/app.ts', messageId: 'noAdapter', line: 4, column: 19 }],
      output: {
        'src/app.ts': [
          "import { createServer } from 'http';",
          "import { Server } from 'socket.io';",
          "import { createAdapter } from '@socket.io/redis-adapter';",
          "import { createClient } from 'redis';",
          'const httpServer = createServer();',
          "export const io = new Server(httpServer, { cors: { origin: '*' } });",
          '',
          redis4Adapter(),
          '',
        ].join('\n'),
        'package.json': manifestWith({ '@socket.io/redis-adapter': '^8.3.0', redis: '^4.7.0', 'socket.io': '^4.0.0' }),
        '.env.example': REDIS_ENV,
      },
    },
    {
      name: 'legacy socket.io 0.9 listen on an Express 2 app',
      files: { 'package.json': packageJson({ 'socket.io': '0.9.16' }), 'app.js': "var app = require('express').createServer();\nvar io = require('socket.io').listen(app);\n" },
      errors: [{ file: 'app.js', messageId: 'noAdapter', line: 2, column: 10 }],
      output: null,
    },
    {
      name: 'only the cluster adapter, which stays on one host',
      files: {
        'package.json': packageJson({ 'socket.io': '^4.0.0', '@socket.io/cluster-adapter': '^0.2.0' }),
        'worker.js': "const { Server } = require('socket.io');\nconst { createAdapter } = require('@socket.io/cluster-adapter');\nconst io = new Server(server);\nio.adapter(createAdapter());\n",
      },
      errors: [{ file: 'worker.js', messageId: 'clusterOnly', message: /^socket\.io server only uses @socket\.io\/cluster-adapter in the workspace/, line: 3, column: 12 }],
      output: null,
    },
    {
      name: 'each app of a monorepo is judged on its own',
      files: {
        'packages/chat/package.json': packageJson({ 'socket.io': '^4.0.0', '@socket.io/redis-adapter': '^8.0.0' }),
        'packages/chat/server.js': "const io = require('socket.io')(server);\nio.adapter(require('@socket.io/redis-adapter').createAdapter(pub, sub));\n",
        'packages/games/package.json': packageJson({ 'socket.io': '^4.0.0' }),
        'packages/games/server.js': "const socketIo = require('socket.io');\nconst io = socketIo(server);\n",
      },
      errors: [{ file: 'packages/games/server.js', message: /^socket\.io server has no adapter in packages\/games\/:/, line: 2, column: 12 }],
      output: {
        'packages/games/server.js': [
          "const socketIo = require('socket.io');",
          "const { createAdapter } = require('@socket.io/redis-adapter');",
          "const { createClient } = require('redis');",
          'const io = socketIo(server);',
          '',
          redis4Adapter(),
          '',
        ].join('\n'),
        'packages/games/package.json': manifestWith({ '@socket.io/redis-adapter': '^8.3.0', redis: '^4.7.0', 'socket.io': '^4.0.0' }),
        'packages/games/.env.example': REDIS_ENV,
      },
    },
    {
      name: 'NestJS gateway without an adapter',
      files: {
        'package.json': packageJson({ '@nestjs/websockets': '^10.0.0', '@nestjs/platform-socket.io': '^10.0.0' }),
        'src/chat.gateway.ts': "import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';\n@WebSocketGateway({ cors: true })\nexport class ChatGateway {\n  @WebSocketServer() server;\n}\n",
      },
      errors: [{ file: 'src/chat.gateway.ts', message: /^NestJS @WebSocketGateway \(socket\.io\) has no adapter in the workspace/, line: 2, column: 1 }],
      output: null,
    },
    {
      name: 'the app\'s redis 3 client needs no connect(); a Redis URL already in .env.example is not added twice',
      files: {
        'package.json': packageJson({ 'socket.io': '^4.5.0', redis: '^3.1.2' }),
        '.env.example': 'REDIS_URL=redis://cache:6379\n',
        'chat.js': "const { Server } = require('socket.io');\n\nmodule.exports = function attach(server) {\n  const io = new Server(server);\n  io.on('connection', (socket) => socket.join('lobby'));\n  return io;\n};\n",
      },
      errors: [{ file: 'chat.js', messageId: 'noAdapter', line: 4, column: 14 }],
      output: {
        'chat.js': [
          "const { Server } = require('socket.io');",
          "const { createAdapter } = require('@socket.io/redis-adapter');",
          "const { createClient } = require('redis');",
          '',
          'module.exports = function attach(server) {',
          '  const io = new Server(server);',
          '',
          '  const pubClient = createClient({ url: process.env.REDIS_URL });',
          '  const subClient = pubClient.duplicate();',
          '  io.adapter(createAdapter(pubClient, subClient));',
          '',
          "  io.on('connection', (socket) => socket.join('lobby'));",
          '  return io;',
          '};',
          '',
        ].join('\n'),
        // The list was not alphabetical: the package is appended.
        'package.json': manifestWith({ 'socket.io': '^4.5.0', redis: '^3.1.2', '@socket.io/redis-adapter': '^8.3.0' }),
      },
    },
    {
      name: 'ioredis in an ES module without semicolons, the server kept on this',
      files: {
        'package.json': packageJson({ 'socket.io': '^4.7.0', ioredis: '^5.3.0' }),
        'src/realtime.mjs': 'import { Server } from "socket.io"\n\nexport class Realtime {\n    start(httpServer) {\n        this.io = new Server(httpServer)\n    }\n}\n',
      },
      errors: [{ file: 'src/realtime.mjs', messageId: 'noAdapter', line: 5, column: 19 }],
      output: {
        'src/realtime.mjs': [
          'import { Server } from "socket.io"',
          'import { createAdapter } from "@socket.io/redis-adapter"',
          'import Redis from "ioredis"',
          '',
          'export class Realtime {',
          '    start(httpServer) {',
          '        this.io = new Server(httpServer)',
          '',
          '        const pubClient = new Redis(process.env.REDIS_URL ?? "redis://localhost:6379")',
          '        const subClient = pubClient.duplicate()',
          '        this.io.adapter(createAdapter(pubClient, subClient))',
          '    }',
          '}',
          '',
        ].join('\n'),
        'package.json': manifestWith({ 'socket.io': '^4.7.0', ioredis: '^5.3.0', '@socket.io/redis-adapter': '^8.3.0' }),
        '.env.example': REDIS_ENV,
      },
    },
    {
      name: 'socket.io 2 predates @socket.io/redis-adapter: no fix',
      files: { 'package.json': packageJson({ 'socket.io': '^2.4.1' }), 'server.js': chatServer },
      errors: [{ file: 'server.js', messageId: 'noAdapter', line: 2, column: 12 }],
      output: null,
    },
  ],
});
