import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ModulePath, ReportDescriptor, RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import { describeDatabaseFile, foldBoolean, memberPath, objectLiteral, propertyValue } from './support/state-jobs-db';

type Node = TSESTree.Node;
type Construction = TSESTree.CallExpression | TSESTree.NewExpression;

const NEDB_MODULES = new Set(['nedb', '@seald-io/nedb', 'nedb-promises', 'nedb-promise', 'nedb-core', '@yetzt/nedb', 'tingodb']);
const LOWDB_FILE_ADAPTERS = new Set(['JSONFile', 'JSONFileSync', 'TextFile', 'TextFileSync', 'DataFile', 'DataFileSync', 'JSONFilePreset', 'JSONFileSyncPreset']);

interface Match {
  driver: string;
  kind: 'SQLite' | 'lowdb JSON' | 'NeDB' | 'LevelDB' | 'LokiJS';
  /** The argument naming the file, or the options object holding it. */
  file?: Node;
  /** A NeDB/lokijs options object that decides between memory and disk. */
  options?: TSESTree.ObjectExpression;
}

/** `sqlite3.verbose().Database` and `sqlite3.Database` are the same class. */
function sqlite3Member(resolved: ModulePath): string[] {
  const path = [...memberPath(resolved)];
  while (path[0] === 'verbose' && path[1] === '()') path.splice(0, 2);
  return path;
}

function recognise(context: RuleContext, node: Construction): Match | undefined {
  const resolved = context.resolve(node.callee);
  if (!resolved) return undefined;
  const path = memberPath(resolved);
  const [first] = node.arguments;
  const argument = first && first.type !== 'SpreadElement' ? first : undefined;
  const module = resolved.module;

  if (module === 'sqlite3') {
    const member = sqlite3Member(resolved);
    const isDatabase = (member.length === 1 && member[0] === 'Database') || (member.length === 2 && member[0] === 'cached' && member[1] === 'Database');
    return isDatabase && node.type === 'NewExpression' ? { driver: 'sqlite3', kind: 'SQLite', file: argument } : undefined;
  }
  if (module === 'better-sqlite3' && path.length === 0) return { driver: 'better-sqlite3', kind: 'SQLite', file: argument };
  if (module === 'sqlite' && path.length === 1 && path[0] === 'DatabaseSync' && node.type === 'NewExpression') return { driver: 'node:sqlite', kind: 'SQLite', file: argument };
  if (module === 'sqlite' && path.length === 1 && path[0] === 'open' && node.type === 'CallExpression') {
    // The `sqlite` wrapper: open({ filename, driver: sqlite3.Database })
    const options = objectLiteral(context, argument);
    return options ? { driver: 'sqlite', kind: 'SQLite', file: propertyValue(options, 'filename') } : undefined;
  }
  if (module.startsWith('lowdb/adapters/') && path.length === 0 && node.type === 'NewExpression') {
    const adapter = module.slice('lowdb/adapters/'.length);
    return adapter.startsWith('File') ? { driver: `lowdb ${adapter}`, kind: 'lowdb JSON', file: argument } : undefined;
  }
  if ((module === 'lowdb' || module === 'lowdb/node') && path.length === 1 && LOWDB_FILE_ADAPTERS.has(path[0])) {
    const isPreset = path[0].endsWith('Preset');
    if (isPreset ? node.type !== 'CallExpression' : node.type !== 'NewExpression') return undefined;
    return { driver: `lowdb ${path[0]}`, kind: 'lowdb JSON', file: argument };
  }
  if (NEDB_MODULES.has(module)) {
    const isConstruction = (node.type === 'NewExpression' && path.length === 0) || (node.type === 'CallExpression' && path.length === 1 && path[0] === 'create');
    if (!isConstruction) return undefined;
    const options = objectLiteral(context, argument);
    if (options) return { driver: module, kind: 'NeDB', file: propertyValue(options, 'filename'), options };
    return { driver: module, kind: 'NeDB', file: argument };
  }
  if (module === 'lokijs' && path.length === 0 && node.type === 'NewExpression') {
    const second = node.arguments[1];
    return { driver: 'lokijs', kind: 'LokiJS', file: argument, options: second && second.type !== 'SpreadElement' ? objectLiteral(context, second) : undefined };
  }
  if (module === 'level' && ((path.length === 0 && node.type === 'CallExpression') || (path.length === 1 && path[0] === 'Level' && node.type === 'NewExpression'))) {
    return { driver: 'level', kind: 'LevelDB', file: argument };
  }
  if ((module === 'leveldown' || module === 'rocksdb') && path.length === 0) return { driver: module, kind: 'LevelDB', file: argument };
  if (module === 'classic-level' && path.length === 1 && path[0] === 'ClassicLevel' && node.type === 'NewExpression') return { driver: 'classic-level', kind: 'LevelDB', file: argument };
  return undefined;
}

export default createSourceRule(
  {
    id: 'embedded-file-database',
    // The drivers below by module name, and LokiJS's saveDatabase().
    triggers: /sqlite|nedb|tingodb|lowdb|lokijs|level|rocksdb|saveDatabase/,
    category: 'embedded-db',
    defaultSeverity: 'error',
    description: 'An embedded database that keeps its data in a local file (SQLite, lowdb, NeDB, LevelDB, LokiJS), which replicas cannot share and a container loses when it is replaced.',
    messages: {
      file: '{{driver}} keeps a {{kind}} database in the file {{file}}: each replica gets its own copy and a replaced container loses it',
    },
    strategies: ['rehost', 'replatform', 'refactor'],
    effort: 16,
    fixable: false,
  },
  (context) => {
    // lokijs only writes its file when autosave is on or saveDatabase is called somewhere in the file.
    const lokiPending: ReportDescriptor[] = [];
    let lokiSaves = false;

    const check = (node: Construction) => {
      if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed && node.callee.property.type === 'Identifier' && node.callee.property.name === 'saveDatabase') {
        lokiSaves = true;
      }
      const match = recognise(context, node);
      if (!match) return;
      if (match.kind === 'NeDB' && match.options && foldBoolean(context, propertyValue(match.options, 'inMemoryOnly')) === true) return;
      if (!match.file) return; // no file name: NeDB and better-sqlite3 then keep everything in memory
      const file = describeDatabaseFile(context, match.file);
      if (file.inMemory) return;
      const descriptor: ReportDescriptor = { node, messageId: 'file', data: { driver: match.driver, kind: match.kind, file: file.text } };
      if (match.kind === 'LokiJS') {
        const persists = match.options && (foldBoolean(context, propertyValue(match.options, 'autosave')) === true || foldBoolean(context, propertyValue(match.options, 'autoload')) === true);
        if (!persists) {
          lokiPending.push(descriptor);
          return;
        }
      }
      context.report(descriptor);
    };

    return {
      CallExpression: (node) => check(node as TSESTree.CallExpression),
      NewExpression: (node) => check(node as TSESTree.NewExpression),
      'Program:exit'() {
        if (lokiSaves) for (const descriptor of lokiPending) context.report(descriptor);
      },
    };
  },
);
