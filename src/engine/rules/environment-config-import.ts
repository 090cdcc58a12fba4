import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RuleContext } from '../types';
import { createSourceRule } from './support/createRule';
import { EnvironmentBindings, fileEnvironmentBindings, deployedEnvironmentOfFile, moduleImportListeners, unwrap } from './support/secrets-config-os';

type Node = TSESTree.Node;

const DATA_FILE = /\.(json|jsonc|json5|ya?ml)$/i;

/** `__dirname`, `process.cwd()`, `import.meta.dirname`: the base of a path written next to the code. */
function isBase(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name === '__dirname';
  if (inner.type === 'MemberExpression') return inner.object.type === 'MetaProperty' && !inner.computed && inner.property.type === 'Identifier' && inner.property.name === 'dirname';
  return inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && inner.callee.object.type === 'Identifier' && inner.callee.object.name === 'process' && inner.callee.property.type === 'Identifier' && inner.callee.property.name === 'cwd';
}

/** The pieces of a module path: constant text, or a marker where the deploy environment's name goes. */
const ENVIRONMENT = '\u0000env';

function pieces(context: RuleContext, env: EnvironmentBindings, node: Node, depth = 0): string[] | undefined {
  if (depth > 8) return undefined;
  const inner = unwrap(node);
  if (isBase(inner)) return ['.'];
  if (env.isDeployName(inner)) return [ENVIRONMENT];
  const folded = context.fold(inner);
  if (folded && typeof folded.value === 'string') return [folded.value];
  if (inner.type === 'BinaryExpression' && inner.operator === '+') {
    const left = pieces(context, env, inner.left, depth + 1);
    const right = left && pieces(context, env, inner.right, depth + 1);
    return left && right ? [...left, ...right] : undefined;
  }
  if (inner.type === 'TemplateLiteral') {
    const result: string[] = [];
    for (let index = 0; index < inner.quasis.length; index++) {
      result.push(inner.quasis[index].value.cooked ?? '');
      const expression = inner.expressions[index];
      if (!expression) continue;
      const part = pieces(context, env, expression, depth + 1);
      if (!part) return undefined;
      result.push(...part);
    }
    return result;
  }
  if (inner.type === 'CallExpression' && context.resolve(inner.callee)?.module === 'path') {
    const parts: string[] = [];
    for (const argument of inner.arguments) {
      if (argument.type === 'SpreadElement') return undefined;
      const part = pieces(context, env, argument, depth + 1);
      if (!part) return undefined;
      parts.push(...(parts.length > 0 ? ['/'] : []), ...part);
    }
    return parts;
  }
  return undefined;
}

export default createSourceRule(
  {
    id: 'environment-config-import',
    category: 'baked-config',
    defaultSeverity: 'warning',
    description: 'The code requires a JSON or YAML settings file of one deployed environment by name (require(\'./config/production.json\'), or ./config/<NODE_ENV>.json), compiling that environment\'s configuration into the code path.',
    messages: {
      named: '{{specifier}} loads the {{environment}} settings by name: one environment\'s configuration is compiled into the code path and baked into the image; read these settings from environment variables',
      selected: '{{specifier}} loads settings files by NODE_ENV ({{files}}): each environment\'s configuration is baked into the image; read these settings from environment variables',
    },
    strategies: ['replatform', 'refactor'],
    effort: 1,
    fixable: false,
  },
  (context) => {
    const env = fileEnvironmentBindings(context);
    const folder = path.posix.dirname(context.file);
    const reported = new Set<Node>();

    const judgeStatic = (specifier: string, node: Node) => {
      if (!/^(\.{1,2}\/|\/)/.test(specifier) || reported.has(node)) return;
      const environment = deployedEnvironmentOfFile(specifier);
      if (!environment) return;
      const target = path.posix.normalize(path.posix.join(folder, specifier));
      const isData = DATA_FILE.test(specifier) || (!/\.[cm]?[jt]sx?$/.test(specifier) && ['.json', '.yml', '.yaml'].some((extension) => context.project.allFiles.has(`${target}${extension}`)) && !['.js', '.cjs', '.mjs', '.ts'].some((extension) => context.project.allFiles.has(`${target}${extension}`)));
      if (!isData) return;
      reported.add(node);
      context.report({ node, messageId: 'named', data: { specifier, environment } });
    };

    const imports = moduleImportListeners(judgeStatic);
    return {
      ...imports,
      VariableDeclarator: (node) => env.declare(node),
      CallExpression(node) {
        imports.CallExpression(node);
        const call = node as TSESTree.CallExpression;
        if (call.callee.type !== 'Identifier' || call.callee.name !== 'require') return;
        const [argument] = call.arguments;
        if (!argument || argument.type === 'SpreadElement' || (argument.type === 'Literal' && typeof argument.value === 'string')) return;
        const parts = pieces(context, env, argument);
        if (!parts) return;
        const shown = context.sourceText.slice(argument.range[0], argument.range[1]);
        const joined = parts.join('');
        if (!parts.includes(ENVIRONMENT)) {
          // require(__dirname + '/config/production.json')
          judgeStatic(joined.startsWith('/') ? `.${joined}` : joined, argument);
          return;
        }
        // require('./config/' + process.env.NODE_ENV + '.json'): the deployed environments' files it can load
        const [head, tail] = joined.split(ENVIRONMENT);
        if (!DATA_FILE.test(tail || '') && tail !== '') return;
        const base = path.posix.normalize(path.posix.join(folder, head.startsWith('/') ? `.${head}` : head));
        const prefix = head.endsWith('/') ? `${base.replace(/\/+$/, '')}/` : base;
        const files = [...context.project.allFiles].filter((file) => {
          if (!file.startsWith(prefix)) return false;
          const name = file.slice(prefix.length);
          return !name.includes('/') && DATA_FILE.test(name) && (tail === '' || name.endsWith(tail)) && deployedEnvironmentOfFile(name) !== undefined;
        });
        if (files.length === 0) return;
        context.report({ node: argument, messageId: 'selected', data: { specifier: shown.length > 60 ? `${shown.slice(0, 57)}…` : shown, files: files.map((file) => path.posix.basename(file)).join(', ') } });
      },
    };
  },
);
