import rule from '../../../src/engine/rules/log-to-file';
import { RuleTester } from '../../support/ruleTester';

const TAIL = 'on the local disk: the platform only collects stdout and stderr, and the file is lost with the container';

RuleTester.run(rule, {
  valid: [
    { name: 'winston Console transport only', code: "const { createLogger, transports } = require('winston');\nmodule.exports = createLogger({ transports: [new transports.Console()] });" },
    { name: 'winston Stream transport to stdout', code: "const winston = require('winston');\nwinston.createLogger({ transports: [new winston.transports.Stream({ stream: process.stdout })] });" },
    { name: 'winston File transport to /dev/stdout', code: "const winston = require('winston');\nnew winston.transports.File({ filename: '/dev/stdout' });" },
    { name: 'the log file is left to the deployment', code: "const winston = require('winston');\nnew winston.transports.File({ filename: process.env.LOG_FILE });" },
    { name: 'pino to stdout', code: "const pino = require('pino');\nconst logger = pino(pino.destination(1));\nconst other = pino({ level: 'info' });" },
    { name: 'pino/file without a destination writes to stdout', code: "import pino from 'pino';\nexport default pino({ transport: { target: 'pino/file' } });" },
    { name: 'pino-pretty to the terminal', filename: 'src/logger.ts', code: "import pino from 'pino';\nexport const logger = pino({ transport: { target: 'pino-pretty', options: { colorize: true } } });" },
    { name: 'morgan to the console', code: "const morgan = require('morgan');\napp.use(morgan('dev'));\napp.use(morgan('combined', { stream: { write: (line) => logger.info(line.trim()) } }));" },
    { name: 'a write stream that holds data, not logs', code: "const fs = require('fs');\nconst out = fs.createWriteStream('./exports/orders.csv');\nout.write('id,total\\n');" },
    { name: 'a log file under the OS temp folder', code: "const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nfs.createWriteStream(path.join(os.tmpdir(), 'debug.log'));" },
    { name: 'console.log wrapped without a file', code: "const original = console.log;\nconsole.log = function (...args) { original.apply(console, [new Date().toISOString(), ...args]); };" },
    { name: 'bunyan to stdout, and a route object with a path', code: "const bunyan = require('bunyan');\nbunyan.createLogger({ name: 'app', streams: [{ level: 'info', stream: process.stdout }] });\nconst routes = [{ path: '/users', method: 'POST' }];" },
    { name: 'log4js console appender', code: "const log4js = require('log4js');\nlog4js.configure({ appenders: { out: { type: 'stdout' } }, categories: { default: { appenders: ['out'], level: 'info' } } });" },
    { name: 'a local class named File', code: "class File { constructor(options) { this.options = options; } }\nconst transports = { File };\nnew transports.File({ filename: 'logs/app.log' });" },
    { name: 'test setup may log to a file', filename: 'test/setup.js', code: "const winston = require('winston');\nnew winston.transports.File({ filename: 'test.log' });" },
  ],
  invalid: [
    {
      name: 'winston File transport (CommonJS)',
      filename: 'lib/logger.js',
      code: "const winston = require('winston');\n\nmodule.exports = winston.createLogger({\n  transports: [new winston.transports.File({ filename: 'logs/app.log' })],\n});",
      errors: [{ messageId: 'file', message: `winston File transport writes logs to ./logs/app.log ${TAIL}`, line: 4, column: 16, endLine: 4, endColumn: 73 }],
    },
    {
      name: 'destructured transports, a folded log folder and a TypeScript ESM __dirname',
      filename: 'src/utils/logger.ts',
      code: "import { createLogger, transports } from 'winston';\nimport path from 'path';\nimport { fileURLToPath } from 'url';\nconst __dirname = path.dirname(fileURLToPath(import.meta.url));\nconst logDir = path.join(__dirname, '../../logs');\nexport const logger = createLogger({\n  transports: [\n    new transports.Console(),\n    new transports.File({ filename: path.join(logDir, 'error.log'), level: 'error' }),\n  ],\n});",
      errors: [{ message: `winston File transport writes logs to ./logs/error.log ${TAIL}`, line: 9, column: 5 }],
    },
    {
      name: 'an environment variable only chooses the folder: still a file',
      code: "const winston = require('winston');\nnew winston.transports.File({ filename: process.env.LOG_FILE || 'logs/error.log', level: 'error' });",
      errors: [{ message: /^winston File transport writes logs to \.\/logs\/error\.log /, line: 2, column: 1 }],
    },
    {
      name: 'winston-daily-rotate-file, imported and attached to winston',
      code: "import DailyRotateFile from 'winston-daily-rotate-file';\nconst winston = require('winston');\nrequire('winston-daily-rotate-file');\nconst a = new DailyRotateFile({ dirname: 'logs', filename: '%DATE%.log' });\nconst b = new (winston.transports.DailyRotateFile)({ filename: 'log/app-%DATE%.log' });",
      errors: [
        { message: /^winston DailyRotateFile transport writes logs to \.\/logs\/%DATE%\.log /, line: 4, column: 11 },
        { message: /^winston DailyRotateFile transport writes logs to \.\/log\/app-%DATE%\.log /, line: 5, column: 11 },
      ],
    },
    {
      name: 'winston 2: winston.add with the File class',
      code: "var winston = require('winston');\nwinston.add(winston.transports.File, { filename: 'somefile.log' });",
      errors: [{ message: /^winston File transport writes logs to \.\/somefile\.log /, line: 2, column: 1 }],
    },
    {
      name: 'pino destinations: pino.destination, a pino/file transport target and a string destination',
      filename: 'src/logger.mjs',
      code: "import pino from 'pino';\nexport const a = pino({}, pino.destination('./logs/server.log'));\nexport const b = pino.transport({ target: 'pino/file', options: { destination: `${process.cwd()}/app.log` } });\nexport const c = pino({ level: 'info' }, './c.log');",
      errors: [
        { message: /^pino\.destination writes logs to \.\/logs\/server\.log /, line: 2, column: 27 },
        { message: /^pino\/file writes logs to \.\/app\.log /, line: 3, column: 33 },
        { message: /^pino writes logs to \.\/c\.log /, line: 4, column: 42 },
      ],
    },
    {
      name: 'bunyan streams with a path, built in an array first',
      code: "const bunyan = require('bunyan');\nconst streams = [\n  { level: 'info', stream: process.stdout },\n  { level: 'error', path: './logs/error.log' },\n];\nmodule.exports = bunyan.createLogger({ name: 'app', streams });",
      errors: [{ message: /^bunyan writes logs to \.\/logs\/error\.log /, line: 4, column: 21 }],
    },
    {
      name: 'log4js file and dateFile appenders (v2 object and v1 array)',
      code: "const log4js = require('log4js');\nlog4js.configure({\n  appenders: { out: { type: 'stdout' }, app: { type: 'dateFile', filename: 'logs/server.log' } },\n  categories: { default: { appenders: ['out', 'app'], level: 'debug' } },\n});\nconst legacy = { appenders: [{ type: 'file', filename: 'default.log' }] };",
      errors: [
        { message: /^log4js dateFile appender writes logs to \.\/logs\/server\.log /, line: 3, column: 48 },
        { message: /^log4js file appender writes logs to \.\/default\.log /, line: 6, column: 32 },
      ],
    },
    {
      name: 'morgan access log through fs.createWriteStream, once',
      filename: 'src/middleware/morganLogger.js',
      code: "const morgan = require('morgan');\nconst fs = require('fs');\nconst path = require('path');\nconst accessLogStream = fs.createWriteStream(path.join(__dirname, 'access.txt'), { flags: 'a' });\nmodule.exports = morgan('combined', { stream: accessLogStream });",
      errors: [{ message: `morgan through fs.createWriteStream writes logs to ./src/middleware/access.txt ${TAIL}`, line: 4, column: 25 }],
    },
    {
      name: 'console redirected to a file stream',
      code: "var fs = require('fs');\nvar util = require('util');\nvar logFile = fs.createWriteStream(__dirname + '/debug.txt', { flags: 'w' });\nconsole.log = function (d) {\n  logFile.write(util.format(d) + '\\n');\n  process.stdout.write(util.format(d) + '\\n');\n};",
      errors: [{ message: /^console \(redirected to a file stream\) writes logs to \.\/src\/debug\.txt /, line: 3, column: 15 }],
    },
    {
      name: 'a write stream to a *.log file and one in a logs folder',
      code: "const { createWriteStream } = require('node:fs');\nconst errors = createWriteStream('./errors.log', { flags: 'a' });\nconst audit = createWriteStream(`${process.env.HOME}/logs/audit.txt`);",
      errors: [
        { message: /^createWriteStream writes logs to \.\/errors\.log /, line: 2, column: 16 },
        { message: /^createWriteStream writes logs to <HOME>\/logs\/audit\.txt /, line: 3, column: 15 },
      ],
    },
    {
      name: 'rotating-file-stream for morgan',
      code: "const rfs = require('rotating-file-stream');\nconst path = require('path');\nconst stream = rfs.createStream('access.log', { interval: '1d', path: path.join(__dirname, 'log') });\napp.use(morgan('combined', { stream }));",
      errors: [{ message: /^rotating-file-stream writes logs to \.\/src\/log\/access\.log /, line: 3, column: 16 }],
    },
  ],
});
