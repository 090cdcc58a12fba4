import rule from '../../../src/engine/rules/module-level-user-state';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    {
      name: 'a response cache keyed by URL is the same for every user',
      code: "const NodeCache = require('node-cache');\nconst cache = new NodeCache({ stdTTL: 60 });\napp.get('/products', (req, res) => {\n  cache.set(req.originalUrl, products);\n  res.json(products);\n});",
    },
    {
      name: 'a container only read by handlers',
      code: "const users = {};\napp.get('/users/:id', (req, res) => res.json(users[req.params.id]));",
    },
    {
      name: 'filled at start-up, outside any handler',
      code: "const sessions = new Map();\nfor (const row of seed) sessions.set(row.id, row);\nmodule.exports = sessions;",
    },
    {
      name: 'a per-request object is not module state',
      code: "app.post('/login', (req, res) => {\n  const sessions = {};\n  sessions[req.body.user] = Date.now();\n  res.end();\n});",
    },
    {
      name: 'a local variable shadows the module-level map',
      code: "const clients = new Map();\nio.on('connection', (socket) => {\n  const clients = new Map();\n  clients.set(socket.id, socket);\n});",
    },
    {
      name: 'a counter keyed by route is not per-user',
      code: "const hits = {};\napp.use((req, res, next) => {\n  hits[req.path] = (hits[req.path] || 0) + 1;\n  next();\n});",
    },
    {
      name: 'a token cache filled through a database client is not a handler',
      code: "const tokens = new Map();\npool.connect((err, client) => {\n  tokens.set('service', client.processID);\n});",
    },
    {
      name: 'tests keep fixtures in memory',
      filename: 'test/sessions.test.js',
      code: "const sessions = {};\napp.post('/login', (req, res) => { sessions[req.body.token] = req.body.user; });",
    },
  ],
  invalid: [
    {
      name: 'a socket.io presence list keyed by socket id (CommonJS)',
      code: "const io = require('socket.io')(server);\nlet online = {};\nio.on('connection', function (socket) {\n  socket.on('user set', function (user) {\n    online[socket.id] = user;\n  });\n});",
      errors: [
        {
          messageId: 'state',
          message: "online (object) keeps per-user state in this process's memory: other replicas never see it and a restart loses it",
          line: 2,
          column: 5,
          related: ['written by a handler: online[socket.id] = user'],
        },
      ],
    },
    {
      name: 'a session Map filled at login (ESM)',
      filename: 'src/auth.mjs',
      code: "import crypto from 'node:crypto';\nconst sessions = new Map();\nexport function login(req, res) {\n  const token = crypto.randomUUID();\n  sessions.set(token, req.body.username);\n  res.json({ token });\n}",
      errors: [{ message: /^sessions \(Map\) keeps per-user state/, line: 2, column: 7, related: ['written by a handler: sessions.set(token, req.body.username)'] }],
    },
    {
      name: 'a list of users pushed from a socket handler',
      code: "let username = [];\nio.on('connection', (socket) => {\n  socket.on('update user', (usr) => { username.push({ userName: usr }); });\n});",
      errors: [{ message: /^username \(array\) keeps per-user state/, line: 1, column: 5 }],
    },
    {
      name: 'node-cache keyed by the session id (TypeScript)',
      filename: 'src/cart.ts',
      code: "import NodeCache from 'node-cache';\nconst store = new NodeCache();\nrouter.post('/cart', (req: Request, res: Response) => {\n  store.set(req.sessionID, req.body.items);\n  res.sendStatus(204);\n});",
      errors: [{ message: /^store \(node-cache\) keeps per-user state/, line: 2, column: 7 }],
    },
    {
      name: 'lru-cache keyed by the authenticated user in Koa, exported',
      filename: 'src/tokens.js',
      code: "const { LRUCache } = require('lru-cache');\nexport const refresh = new LRUCache({ max: 500 });\nrouter.post('/refresh', async (ctx) => {\n  refresh.set(ctx.user.id, ctx.request.body.token);\n});",
      errors: [{ message: /^refresh \(lru-cache\) keeps per-user state/, line: 2, column: 14 }],
    },
    {
      name: 'chat rooms created by a route handler',
      code: "const rooms = new Map();\napp.post('/rooms', (req, res) => {\n  const { roomId } = req.body;\n  if (!rooms.has(roomId)) rooms.set(roomId, new Map([['users', new Map()]]));\n  res.json([...rooms]);\n});",
      errors: [{ message: /^rooms \(Map\) keeps per-user state/, line: 1, column: 7 }],
    },
    {
      name: 'reported once per container, at its declaration',
      code: "const clients = new Set();\nwss.on('connection', (ws) => {\n  clients.add(ws);\n  clients.add(ws);\n});",
      errors: [{ message: /^clients \(Set\) keeps per-user state/, line: 1, column: 7 }],
    },
  ],
});
