import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleContext, TextEdit } from '../types';
import { envExampleEdit } from './envExample';
import { addDependenciesEdit } from './packageDependencies';
import { appDependencies, majorVersion, REDIS_URL_EXAMPLE, REDIS_URL_VARIABLE, redisClientExpression, redisDependency, redisImport, redisLibrary } from './redisClient';
import { declarationKeyword, enclosingStatement, freeName, insertAfter, insertAfterImports, planImports, programOf, semicolon, usesArrows } from './sourceEdits';
import { detectStyle, quoted } from './sourceStyle';

type Node = TSESTree.Node;

/** @socket.io/redis-adapter 8 needs socket.io 4.3.1 or later. */
const ADAPTER_RANGE = '^8.3.0';

/** The name code uses for the server: `const io = new Server(...)`, `io = ...`, `this.io = ...`. */
function serverReference(text: string, creation: Node): string | undefined {
  const parent = creation.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === creation && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression' && parent.right === creation && parent.operator === '=') {
    const target = parent.left;
    if (target.type === 'Identifier') return target.name;
    if (target.type === 'MemberExpression' && !target.computed && target.object.type === 'ThisExpression') return text.slice(target.range[0], target.range[1]);
  }
  return undefined;
}

/**
 * Links the replicas' socket.io servers through Redis: a pub and a sub client read from REDIS_URL are
 * created right after the server, `io.adapter(createAdapter(pub, sub))` installs the adapter (after both
 * clients connected, with redis 4 and later), and the packages are added to package.json.
 */
export function socketAdapterFix(context: RuleContext, creation: TSESTree.CallExpression | TSESTree.NewExpression): Fix | undefined {
  const text = context.sourceText;
  const program = programOf(creation);
  const io = serverReference(text, creation);
  const statement = enclosingStatement(creation)?.statement;
  if (!program || !io || !statement) return undefined;
  const dependencies = appDependencies(context.project, context.file);
  const socketIoMajor = majorVersion(dependencies['socket.io']);
  if (socketIoMajor !== undefined && socketIoMajor < 4) return undefined;
  const style = detectStyle(context.file, text);
  const library = redisLibrary(dependencies);
  const imports = planImports(context.file, text, program, style, [{ module: '@socket.io/redis-adapter', member: 'createAdapter', names: ['createAdapter', 'createRedisAdapter'] }, redisImport(library)]);
  const pub = freeName(program, ['pubClient', 'redisPubClient']);
  const sub = freeName(program, ['subClient', 'redisSubClient']);
  if (!imports || !pub || !sub) return undefined;
  const [createAdapter, clientFactory] = imports.references;
  const keyword = declarationKeyword(text);
  const end = semicolon(style);
  const lines = [`${keyword} ${pub} = ${redisClientExpression(library, clientFactory, (value) => quoted(style, value))}${end}`, `${keyword} ${sub} = ${pub}.duplicate()${end}`];
  const install = `${io}.adapter(${createAdapter}(${pub}, ${sub}))${end}`;
  if (library === 'redis4') {
    lines.push(
      '// Rooms and broadcasts reach the other replicas through Redis once both clients are connected.',
      `Promise.all([${pub}.connect(), ${sub}.connect()]).then(${usesArrows(text) ? '() =>' : 'function ()'} {`,
      `${style.indent}${install}`,
      `})${end}`,
    );
  } else {
    lines.push(install);
  }
  const edits: TextEdit[] = [];
  if (imports.statements.length > 0) edits.push(insertAfterImports(text, program, style, imports.statements, statement.range[0]));
  edits.push(insertAfter(text, statement, style, lines));
  const manifest = addDependenciesEdit(context.project, context.file, { '@socket.io/redis-adapter': ADAPTER_RANGE, ...redisDependency(dependencies) });
  if (manifest) edits.push(manifest);
  const example = envExampleEdit(context.project, context.file, REDIS_URL_VARIABLE, REDIS_URL_EXAMPLE);
  if (example) edits.push(example);
  return { title: `Share rooms and broadcasts between replicas through Redis (@socket.io/redis-adapter, ${REDIS_URL_VARIABLE} from the environment)`, edits };
}
