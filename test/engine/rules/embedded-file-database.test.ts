import rule from '../../../src/engine/rules/embedded-file-database';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    { name: 'an in-memory SQLite database', code: "const sqlite3 = require('sqlite3').verbose();\nconst db = new sqlite3.Database(':memory:');" },
    { name: 'better-sqlite3 without a file name is a temporary database', code: "const Database = require('better-sqlite3');\nconst db = new Database();" },
    {
      name: 'NeDB in memory only',
      code: "const Datastore = require('@seald-io/nedb');\nconst users = new Datastore({ filename: 'users.db', inMemoryOnly: true });\nconst cache = new Datastore();",
    },
    { name: 'lowdb Memory adapter', code: "const low = require('lowdb');\nconst Memory = require('lowdb/adapters/Memory');\nconst db = low(new Memory());" },
    { name: 'lokijs that never saves', code: "const Loki = require('lokijs');\nconst db = new Loki('sandbox.db');\nconst items = db.addCollection('items');" },
    { name: 'a local class called Database', code: "class Database { constructor(file) { this.file = file; } }\nconst db = new Database('./data.sqlite');" },
    { name: 'a PostgreSQL pool is a network database', code: "const { Pool } = require('pg');\nconst pool = new Pool({ connectionString: process.env.DATABASE_URL });" },
    { name: 'tests use throw-away SQLite files', filename: 'test/db.test.js', code: "const sqlite3 = require('sqlite3');\nconst db = new sqlite3.Database('./test.sqlite');" },
  ],
  invalid: [
    {
      name: 'sqlite3 through require().verbose() (CommonJS)',
      filename: 'lib/cache.js',
      code: "const sqlite3 = require('sqlite3').verbose();\nconst db = new sqlite3.Database('./data/catalogue.sqlite');",
      errors: [
        {
          messageId: 'file',
          message: 'sqlite3 keeps a SQLite database in the file ./data/catalogue.sqlite: each replica gets its own copy and a replaced container loses it',
          line: 2,
          column: 12,
          endColumn: 59,
        },
      ],
    },
    {
      name: 'better-sqlite3 called without new, path built from __dirname (TypeScript)',
      filename: 'src/db.ts',
      code: "import Database from 'better-sqlite3';\nimport path from 'path';\nconst file = path.join(__dirname, '..', 'data', 'app.db');\nexport const db = Database(file, { verbose: console.log });",
      errors: [{ message: /^better-sqlite3 keeps a SQLite database in the file \.\/data\/app\.db:/, line: 4, column: 19 }],
    },
    {
      name: 'an environment override still names a file',
      code: "const sqlite3 = require('sqlite3');\nconst db = new sqlite3.Database(process.env.DB_FILE || './app.db');",
      errors: [{ message: /in the file \$DB_FILE \(default \.\/app\.db\):/, line: 2 }],
    },
    {
      name: 'lowdb v1 FileSync adapter (ESM)',
      filename: 'lib/db.mjs',
      code: "import low from 'lowdb';\nimport FileSync from 'lowdb/adapters/FileSync';\nconst adapter = new FileSync('db.json');\nexport default low(adapter);",
      errors: [{ message: 'lowdb FileSync keeps a lowdb JSON database in the file ./db.json: each replica gets its own copy and a replaced container loses it', line: 3, column: 17 }],
    },
    {
      name: 'lowdb v7 JSONFilePreset',
      filename: 'src/store.mjs',
      code: "import { JSONFilePreset } from 'lowdb/node';\nconst db = await JSONFilePreset('data/db.json', { posts: [] });",
      errors: [{ message: /^lowdb JSONFilePreset keeps a lowdb JSON database in the file \.\/data\/db\.json/, line: 2, column: 18 }],
    },
    {
      name: 'NeDB through Datastore.create and new Datastore',
      filename: 'models/userDB.js',
      code: "const path = require('path');\nconst Datastore = require('nedb-promises');\nconst NeDB = require('nedb');\nconst users = Datastore.create({ filename: path.join(__dirname, '../data/users.db'), autoload: true });\nconst files = new NeDB('datastore/files.json');",
      errors: [
        { message: /^nedb-promises keeps a NeDB database in the file \.\/data\/users\.db/, line: 4, column: 15 },
        { message: /^nedb keeps a NeDB database in the file \.\/datastore\/files\.json/, line: 5, column: 15 },
      ],
    },
    {
      name: 'LevelDB through level() and levelup(leveldown())',
      code: "const level = require('level');\nconst levelup = require('levelup');\nconst leveldown = require('leveldown');\nconst db = level('./mydb', { valueEncoding: 'json' });\nconst raw = levelup(leveldown('./raw'));",
      errors: [
        { message: /^level keeps a LevelDB database in the file \.\/mydb/, line: 4, column: 12 },
        { message: /^leveldown keeps a LevelDB database in the file \.\/raw/, line: 5, column: 21 },
      ],
    },
    {
      name: 'lokijs that autosaves',
      code: "const loki = require('lokijs');\nconst db = new loki('app.db', { autoload: true, autosave: true, autosaveInterval: 4000 });",
      errors: [{ message: /^lokijs keeps a LokiJS database in the file \.\/app\.db/, line: 2, column: 12 }],
    },
  ],
});
