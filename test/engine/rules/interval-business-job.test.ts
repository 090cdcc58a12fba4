import rule from '../../../src/engine/rules/interval-business-job';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    {
      name: 'a function of the app named like a read is not business work',
      code: "var stats = require('./lib/stats');\nsetInterval(function () { stats.collectMetrics(); }, 10000);",
    },
    {
      name: 'a keep-awake ping writes nothing',
      code: "const http = require('http');\nsetInterval(function () {\n  http.get(process.env.APP_URL);\n}, 300000);",
    },
    {
      name: 'refreshing a local cache from the database is per-replica work',
      code: "let products = [];\nsetInterval(async () => {\n  products = await Product.find({ active: true });\n}, 60 * 1000);",
    },
    {
      name: 'pruning an in-memory store',
      code: "const store = new Map();\nfunction prune() { for (const [key, entry] of store) if (entry.expires < Date.now()) store.delete(key); }\nsetInterval(prune, 60000);",
    },
    {
      name: 'a per-connection heartbeat inside a socket handler',
      code: "io.on('connection', (socket) => {\n  const timer = setInterval(() => Presence.updateOne({ id: socket.id }, { seen: Date.now() }), 5000);\n  socket.on('disconnect', () => clearInterval(timer));\n});",
    },
    {
      name: 'a lowercase object with update is not a model',
      code: "const hash = require('crypto').createHash('sha1');\nsetInterval(() => { hash.update(String(Date.now())); }, 1000);",
    },
    {
      name: 'a game loop updating a class is not a model write',
      code: "class World { static update(dt) {} }\nsetInterval(() => World.update(1 / 60), 16);",
    },
    {
      name: 'a function imported from elsewhere is not followed',
      code: "const { cleanup } = require('./jobs');\nsetInterval(cleanup, 3600000);",
    },
    {
      name: 'an environment switch picks the one instance that runs jobs',
      code: "if (process.env.RUN_JOBS) {\n  setInterval(() => Session.deleteMany({ expires: { $lt: new Date() } }), 60000);\n}",
    },
    {
      name: 'tests are not runtime code',
      filename: 'src/jobs.spec.ts',
      code: "setInterval(() => User.deleteMany({}), 1000);",
    },
  ],
  invalid: [
    {
      name: 'a data-changing function of the app module (Express 3 callback style)',
      code: "var orders = require('./routes/orders');\nsetInterval(function () {\n  orders.purgeExpired(function (err) {});\n}, 60 * 60 * 1000);",
      errors: [{ messageId: 'interval', line: 2, column: 1 }],
    },
    {
      name: 'a same-file function that deletes documents (CommonJS)',
      filename: 'jobs/notificationCleaner.js',
      code: "const Notification = require('../models/Notification');\nconst cleanOldNotifications = async () => {\n  await Notification.deleteMany({ createdAt: { $lt: new Date(Date.now() - 180000) } });\n};\nsetInterval(cleanOldNotifications, 2 * 60 * 1000);",
      errors: [{ messageId: 'interval', message: 'setInterval runs cleanOldNotifications every 2 min in every replica: Notification.deleteMany happens once per running copy of the app', line: 5, column: 1 }],
    },
    {
      name: 'an inline callback that sends mail, with a delay in a const',
      code: "const DAY = 24 * 60 * 60 * 1000;\nsetInterval(async () => {\n  const due = await Invoice.find({ due: true });\n  for (const invoice of due) await transporter.sendMail({ to: invoice.email });\n}, DAY);",
      errors: [{ message: 'setInterval runs a timer callback every 1 day in every replica: transporter.sendMail happens once per running copy of the app', line: 2, column: 1 }],
    },
    {
      name: 'a function declaration two calls deep, inside the listen callback',
      code: "function expire() { return Order.update({ status: 'pending' }, { status: 'expired' }); }\nfunction tick() { expire(); }\napp.listen(process.env.PORT, () => {\n  setInterval(tick, 15 * 60 * 1000);\n});",
      errors: [{ message: /^setInterval runs tick every 15 min in every replica: Order\.update happens/, line: 4, column: 3 }],
    },
    {
      name: 'raw SQL that deletes rows (TypeScript)',
      filename: 'src/cleanup.ts',
      code: "import { pool } from './db';\nsetInterval(async (): Promise<void> => {\n  await pool.query(`DELETE FROM sessions WHERE expires < now()`);\n}, 3_600_000);",
      errors: [{ message: 'setInterval runs a timer callback every 1 h in every replica: the SQL "DELETE FROM sessions …" happens once per running copy of the app', line: 2, column: 1 }],
    },
    {
      name: 'timers module setInterval with a Prisma write',
      filename: 'src/jobs.mjs',
      code: "import { setInterval as every } from 'node:timers';\nevery(() => prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } }), 30000);",
      errors: [{ message: /^setInterval runs a timer callback every 30 s in every replica: prisma\.session\.deleteMany happens/, line: 2, column: 1 }],
    },
    {
      name: 'a delay that cannot be folded is shown as written',
      code: "setInterval(() => Token.destroy({ where: { revoked: true } }), config.sweepMs);",
      errors: [{ message: /^setInterval runs a timer callback every config\.sweepMs in every replica: Token\.destroy happens/, line: 1, column: 1 }],
    },
  ],
});
