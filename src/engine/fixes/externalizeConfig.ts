import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleContext, TextEdit } from '../types';
import { envExampleEdit } from './envExample';
import { detectStyle, quoted, type SourceStyle } from './sourceStyle';

type Node = TSESTree.Node;

export interface ExternalizeRequest {
  /** The literal to replace. */
  literal: Node;
  /** The environment variable, e.g. MONGODB_URL. */
  variable: string;
  /** Secrets get no fallback: the app refuses to start without them, and `.env.example` gets no value. */
  secret: boolean;
  /** Wrap in Number(...) (ports). */
  numeric?: boolean;
}

const REQUIRE_ENV = 'requireEnv';

/**
 * Replaces a literal by an environment variable: `process.env.NAME ?? <old value>` for settings,
 * `requireEnv('NAME')` (a small helper added once per module) for secrets, and lists NAME in `.env.example`.
 */
export function externalizeFix(context: RuleContext, request: ExternalizeRequest): Fix {
  const style = detectStyle(context.file, context.sourceText);
  const { literal, variable } = request;
  const original = context.sourceText.slice(literal.range[0], literal.range[1]);
  let replacement = request.secret ? `${REQUIRE_ENV}(${quoted(style, variable)})` : `process.env.${variable} ?? ${original}`;
  if (request.numeric) replacement = `Number(${replacement})`;
  else if (!request.secret && needsParentheses(literal)) replacement = `(${replacement})`;
  const edits: TextEdit[] = [{ range: literal.range, text: replacement }];
  if (request.secret && !new RegExp(`function ${REQUIRE_ENV}\\b`).test(context.sourceText)) {
    edits.push(requireEnvHelper(context, style, literal));
  }
  const literalValue = literal.type === 'Literal' ? literal.value : literal.type === 'TemplateLiteral' ? literal.quasis[0].value.cooked : undefined;
  const example = envExampleEdit(context.project, context.file, variable, request.secret ? undefined : String(literalValue ?? ''));
  if (example) edits.push(example);
  return {
    title: request.secret ? `Read ${variable} from the environment (required, no fallback)` : `Read ${variable} from the environment (default ${literalValue})`,
    edits,
  };
}

/** `??` binds more loosely than `+`, `||`, `&&`, `?:` operands and member access. */
function needsParentheses(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'UnaryExpression':
    case 'AwaitExpression':
    case 'TSAsExpression':
      return true;
    case 'MemberExpression':
      return parent.object === node;
    case 'ConditionalExpression':
      return parent.test === node;
    default:
      return false;
  }
}

/** Inserted after the module's imports, so it is defined before any top-level use. */
function requireEnvHelper(context: RuleContext, style: SourceStyle, literal: Node): TextEdit {
  const semicolon = style.semicolons ? ';' : '';
  const nl = style.newline;
  const signature = style.typescript ? `function ${REQUIRE_ENV}(name: string): string {` : `function ${REQUIRE_ENV}(name) {`;
  const body = [
    '',
    signature,
    `${style.indent}const value = process.env[name]${semicolon}`,
    `${style.indent}if (!value) throw new Error(\`\${name} is not set: add it to the environment (see .env.example)\`)${semicolon}`,
    `${style.indent}return value${semicolon}`,
    '}',
    '',
  ].join(nl);
  const offset = afterImports(context.sourceText, literal);
  // Blank lines around the helper, without doubling one the file already has.
  const followedByBlank = /^\r?\n/.test(context.sourceText.slice(offset));
  const text = offset === 0 ? body.slice(nl.length) : body;
  return { range: [offset, offset], text: followedByBlank ? text : `${text}${nl}` };
}

/** The offset just after the leading block of imports, requires and directives, found on the tree the literal is in. */
function afterImports(text: string, literal: Node): number {
  let program: Node | undefined = literal;
  while (program && program.type !== 'Program') program = program.parent;
  if (!program || program.type !== 'Program') return 0;
  let end = 0;
  for (const statement of program.body) {
    if (!isImportLike(statement)) break;
    end = statement.range[1];
  }
  if (end === 0) return 0;
  const lineEnd = text.indexOf('\n', end);
  return lineEnd === -1 ? text.length : lineEnd + 1;
}

function isImportLike(statement: Node): boolean {
  if (statement.type === 'ImportDeclaration') return true;
  if (statement.type === 'ExpressionStatement') return statement.directive !== undefined || isRequireCall(statement.expression);
  if (statement.type === 'VariableDeclaration') return statement.declarations.every((declarator) => !!declarator.init && isRequireCall(declarator.init));
  return false;
}

/** `require('x')`, `require('x').y`, `require('x')()`: a module loaded at the top. */
function isRequireCall(node: Node): boolean {
  let current = node;
  while (current.type === 'MemberExpression' || (current.type === 'CallExpression' && current.callee.type !== 'Identifier')) {
    current = current.type === 'MemberExpression' ? current.object : current.callee;
  }
  return current.type === 'CallExpression' && current.callee.type === 'Identifier' && current.callee.name === 'require';
}
