import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isEnvironmentFallback } from '../core/environment';
import type { RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import {
  describeDatabaseFile,
  fileStem,
  findProperty,
  foldString,
  NON_PRODUCTION_ENVIRONMENTS,
  objectLiteral,
  propertyKey,
  propertyValue,
} from './support/state-jobs-db';

type Node = TSESTree.Node;

const SQLITE_CLIENTS = new Set(['sqlite3', 'sqlite', 'better-sqlite3']);
const SQLITE_TYPEORM_TYPES = new Set(['sqlite', 'better-sqlite3']);
const SEQUELIZE_MODULES = new Set(['sequelize', '@sequelize/core', 'sequelize-typescript']);

interface Setting {
  orm: string;
  /** The property that picks SQLite (`client`, `dialect`, `type`). */
  picker: TSESTree.Property;
  /** The node naming the database file, absent when the ORM then keeps the database in memory. */
  file?: Node;
}

/** knex `{ client: 'sqlite3', connection: { filename } }`, Sequelize `{ dialect: 'sqlite', storage }`, TypeORM/MikroORM `{ type: 'sqlite', database | dbName }`. */
function sqliteSetting(context: RuleContext, object: TSESTree.ObjectExpression): Setting | undefined {
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    const key = propertyKey(property);
    if (key !== 'client' && key !== 'dialect' && key !== 'type') continue;
    const value = foldString(context, property.value);
    if (key === 'client' && value !== undefined && SQLITE_CLIENTS.has(value)) {
      const connection = propertyValue(object, 'connection');
      const connectionObject = objectLiteral(context, connection);
      const file = connectionObject ? propertyValue(connectionObject, 'filename') : connection;
      return { orm: 'knex', picker: property, file };
    }
    if (key === 'dialect' && (value === 'sqlite' || isSequelizeSqliteDialect(context, property.value))) {
      return { orm: 'Sequelize', picker: property, file: propertyValue(object, 'storage') };
    }
    if (key === 'type' && value !== undefined && SQLITE_TYPEORM_TYPES.has(value)) {
      const database = findProperty(object, 'database').property;
      const dbName = findProperty(object, 'dbName').property;
      if (!database && !dbName) return undefined; // `type: 'sqlite'` alone is too common a pair of words to judge
      return { orm: database ? 'TypeORM' : 'MikroORM', picker: property, file: (database ?? dbName)!.value };
    }
  }
  return undefined;
}

/** Sequelize 7: `dialect: SqliteDialect` from `@sequelize/sqlite3`. */
function isSequelizeSqliteDialect(context: RuleContext, node: Node): boolean {
  const resolved = context.resolve(node);
  return resolved?.module === '@sequelize/sqlite3';
}

/** `development: { client: 'sqlite3' }` beside `production: { client: 'pg' }` only concerns a developer's machine. */
function underNonProductionKey(object: TSESTree.ObjectExpression): boolean {
  let current: Node | undefined = object;
  for (let depth = 0; depth < 4 && current; depth++) {
    const parent: Node | undefined = current.parent;
    if (parent?.type === 'Property' && parent.value === current) {
      const key = propertyKey(parent);
      if (key !== undefined && NON_PRODUCTION_ENVIRONMENTS.test(key)) return true;
      current = parent.parent;
      continue;
    }
    return false;
  }
  return false;
}

export default createSourceRule(
  {
    id: 'sqlite-orm-config',
    category: 'embedded-db',
    defaultSeverity: 'error',
    description: 'A knex, Sequelize, TypeORM or MikroORM configuration that stores the database in a local SQLite file.',
    messages: {
      sqlite: '{{orm}} is configured for SQLite in the file {{file}}: each replica gets its own copy and a replaced container loses it',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 8,
    fixable: false,
    triggers: /sqlite/i,
  },
  (context) => {
    const nonProductionFile = NON_PRODUCTION_ENVIRONMENTS.test(fileStem(context.file));
    return {
      ObjectExpression(node) {
        if (nonProductionFile) return;
        const object = node as TSESTree.ObjectExpression;
        const setting = sqliteSetting(context, object);
        if (!setting) return;
        // The walk has not reached the object's children yet, so an override on the value is read from the value itself.
        if (context.readsEnvironment(setting.picker.value) || isEnvironmentFallback(object)) return;
        if (underNonProductionKey(object)) return;
        if (!setting.file) return; // Sequelize's SQLite storage defaults to memory
        if (setting.file.type === 'ObjectExpression') return;
        const file = describeDatabaseFile(context, setting.file);
        if (file.inMemory) return;
        context.report({ node: setting.picker, messageId: 'sqlite', data: { orm: setting.orm, file: file.text } });
      },
      NewExpression(node) {
        // new Sequelize('sqlite:./db.sqlite')
        const construction = node as TSESTree.NewExpression;
        const resolved = context.resolve(construction.callee);
        if (!resolved || !SEQUELIZE_MODULES.has(resolved.module)) return;
        const [first] = construction.arguments;
        const url = first && first.type !== 'SpreadElement' ? foldString(context, first) : undefined;
        const match = url === undefined ? undefined : /^sqlite:(?:\/\/)?(.*)$/.exec(url);
        if (!match || !first || isEnvironmentFallback(first) || nonProductionFile) return;
        const file = match[1] === '' || match[1] === ':memory:' ? undefined : match[1];
        if (file) context.report({ node: first, messageId: 'sqlite', data: { orm: 'Sequelize', file } });
      },
    };
  },
);
