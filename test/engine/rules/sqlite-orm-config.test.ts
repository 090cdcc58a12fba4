import rule from '../../../src/engine/rules/sqlite-orm-config';
import { RuleTester } from '../../support/ruleTester';

RuleTester.run(rule, {
  valid: [
    {
      name: 'SQLite only for development and tests in a knexfile',
      filename: 'knexfile.js',
      code: "module.exports = {\n  development: { client: 'sqlite3', connection: { filename: './dev.sqlite3' }, useNullAsDefault: true },\n  test: { client: 'sqlite3', connection: { filename: ':memory:' } },\n  production: { client: 'pg', connection: process.env.DATABASE_URL },\n};",
    },
    { name: 'a development config file', filename: 'src/config/dev.js', code: "const knex = require('knex');\nmodule.exports = { db: knex({ client: 'sqlite3', connection: { filename: './.dev.sqlite' } }) };" },
    { name: 'Sequelize SQLite without storage lives in memory', code: "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize({ dialect: 'sqlite', logging: false });" },
    { name: 'TypeORM in-memory database', filename: 'src/app.module.ts', code: "TypeOrmModule.forRoot({ type: 'sqlite', database: ':memory:', synchronize: true });" },
    { name: 'the dialect comes from the environment', code: "const sequelize = new Sequelize({ dialect: process.env.DB_DIALECT || 'sqlite', storage: './db.sqlite' });" },
    {
      name: 'SQLite chosen only when NODE_ENV is not production',
      code: "const config = process.env.NODE_ENV === 'production' ? { client: 'pg', connection: process.env.DATABASE_URL } : { client: 'sqlite3', connection: { filename: './dev.db' } };",
    },
    { name: 'type sqlite without a database is not an ORM config', code: "const field = { type: 'sqlite', label: 'SQLite' };" },
    { name: 'Sequelize in-memory URL', code: "const { Sequelize } = require('sequelize');\nconst db = new Sequelize('sqlite::memory:');" },
  ],
  invalid: [
    {
      name: 'knexfile with SQLite in production',
      filename: 'knexfile.js',
      code: "module.exports = {\n  production: {\n    client: 'sqlite3',\n    connection: { filename: './database.sqlite' },\n  },\n};",
      errors: [
        {
          messageId: 'sqlite',
          message: 'knex is configured for SQLite in the file ./database.sqlite: each replica gets its own copy and a replaced container loses it',
          line: 3,
          column: 5,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'knex called with a better-sqlite3 client (ESM)',
      filename: 'src/db.mjs',
      code: "import knex from 'knex';\nexport const db = knex({ client: 'better-sqlite3', connection: { filename: './data.sqlite3' }, useNullAsDefault: true });",
      errors: [{ message: /^knex is configured for SQLite in the file \.\/data\.sqlite3/, line: 2, column: 26 }],
    },
    {
      name: 'Sequelize with storage built from a parameter',
      filename: 'src/database/db.js',
      code: "const Sequelize = require('sequelize');\nmodule.exports = (dbPath) => new Sequelize({ dialect: 'sqlite', logging: false, storage: './' + dbPath });",
      errors: [{ message: /^Sequelize is configured for SQLite in the file \.\/<dbPath>:/, line: 2, column: 46 }],
    },
    {
      name: 'Sequelize positional form and a SQLite URL',
      code: "const { Sequelize } = require('sequelize');\nconst a = new Sequelize('database', 'user', 'password', { host: 'localhost', dialect: 'sqlite', storage: 'database.sqlite' });\nconst b = new Sequelize('sqlite:./shop.sqlite');",
      errors: [
        { message: /^Sequelize is configured for SQLite in the file \.\/database\.sqlite/, line: 2, column: 78 },
        { message: /^Sequelize is configured for SQLite in the file \.\/shop\.sqlite/, line: 3, column: 25 },
      ],
    },
    {
      name: 'TypeORM module options in a NestJS module (TypeScript)',
      filename: 'src/app.module.ts',
      code: "import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\n@Module({\n  imports: [TypeOrmModule.forRoot({\n    type: 'sqlite',\n    database: 'db.sqlite',\n    synchronize: true,\n  })],\n})\nexport class AppModule {}",
      errors: [{ message: 'TypeORM is configured for SQLite in the file ./db.sqlite: each replica gets its own copy and a replaced container loses it', line: 5, column: 5 }],
    },
    {
      name: 'a typed DataSource options constant',
      filename: 'src/data-source.ts',
      code: "import { DataSource, DataSourceOptions } from 'typeorm';\nconst options: DataSourceOptions = { type: 'better-sqlite3', database: 'data/app.db', entities: [] };\nexport default new DataSource(options);",
      errors: [{ message: /^TypeORM is configured for SQLite in the file \.\/data\/app\.db/, line: 2, column: 38 }],
    },
    {
      name: 'Sequelize 7 SqliteDialect class',
      filename: 'src/sequelize.ts',
      code: "import { Sequelize } from '@sequelize/core';\nimport { SqliteDialect } from '@sequelize/sqlite3';\nexport const sequelize = new Sequelize({ dialect: SqliteDialect, storage: './database.sqlite' });",
      errors: [{ message: /^Sequelize is configured for SQLite in the file \.\/database\.sqlite/, line: 3, column: 42 }],
    },
  ],
});
