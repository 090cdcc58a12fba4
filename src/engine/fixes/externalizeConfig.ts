import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { applicationRoot } from '../core/project';
import type { Fix, RuleContext, TextEdit } from '../types';
import { existingBinding, existingKey, findConfigModule, hasKey, importSpecifier, isEsmFile, keyReference, topLevelNames, type ConfigModule } from './configModule';
import { envExampleEdit } from './envExample';
import { detectStyle, quoted, type SourceStyle } from './sourceStyle';
import { configKey } from './variableNames';

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
  /** The expression to replace when it is more than the literal (the whole `process.env.X || 'secret'`); the literal by default. */
  target?: Node;
  /** Where only a direct read makes sense (a destructuring default, a `??=` statement): never through the config module. */
  direct?: boolean;
}

const REQUIRE_ENV = 'requireEnv';

/**
 * Replaces a literal by an environment variable: through the project's config module when it has one
 * (a key added there, the module imported), else `process.env.NAME ?? <old value>` for settings and
 * `requireEnv('NAME')` (a small helper added once per module) for secrets; NAME is listed in `.env.example`.
 */
export function externalizeFix(context: RuleContext, request: ExternalizeRequest): Fix {
  const program = programOf(request.literal);
  const module = request.direct || !program ? undefined : findConfigModule(context.project, context.file);
  const throughModule = module && module.file !== context.file && program ? configModuleFix(context, program, module, request) : undefined;
  if (throughModule) return throughModule;

  const style = detectStyle(context.file, context.sourceText);
  const { literal, variable } = request;
  const target = request.target ?? literal;
  const original = context.sourceText.slice(literal.range[0], literal.range[1]);
  let replacement = request.secret ? `${REQUIRE_ENV}(${quoted(style, variable)})` : `process.env.${variable} ?? ${original}`;
  if (request.numeric) replacement = `Number(${replacement})`;
  else if (!request.secret && needsParentheses(target)) replacement = `(${replacement})`;
  const edits: TextEdit[] = [{ range: target.range, text: replacement }];
  if (request.secret && program && !definesRequireEnv(context.sourceText)) edits.push(requireEnvHelper(context.sourceText, program, style));
  const dotenv = program ? dotenvLoadEdit(context, program, style) : undefined;
  if (dotenv) edits.push(dotenv);
  const example = envExampleEdit(context.project, context.file, variable, request.secret ? undefined : exampleValue(literal));
  if (example) edits.push(example);
  return {
    title: request.secret ? `Read ${variable} from the environment (required, no fallback)` : `Read ${variable} from the environment (default ${exampleValue(literal)})`,
    edits,
  };
}

function exampleValue(literal: Node): string {
  const value = literal.type === 'Literal' ? literal.value : literal.type === 'TemplateLiteral' ? literal.quasis[0].value.cooked : undefined;
  return String(value ?? '');
}

function definesRequireEnv(text: string): boolean {
  return new RegExp(`function ${REQUIRE_ENV}\\b`).test(text);
}

function programOf(node: Node): TSESTree.Program | undefined {
  let current: Node | undefined = node;
  while (current && current.type !== 'Program') current = current.parent;
  return current?.type === 'Program' ? current : undefined;
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
function requireEnvHelper(text: string, program: TSESTree.Program, style: SourceStyle): TextEdit {
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
  const offset = afterImports(text, program);
  // Blank lines around the helper, without doubling one the file already has.
  const followedByBlank = /^\r?\n/.test(text.slice(offset));
  const helper = offset === 0 ? body.slice(nl.length) : body;
  return { range: [offset, offset], text: followedByBlank ? helper : `${helper}${nl}` };
}

/** The offset just after the leading block of imports, requires and directives. */
function afterImports(text: string, program: TSESTree.Program): number {
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

/**
 * `require('x')`, `require('x').y`, `require('dotenv').config()`: a module loaded at the top. A call with arguments
 * (`require('stripe')(key)`) already runs code with values the helpers after the imports may provide: it ends the block.
 */
function isRequireCall(node: Node): boolean {
  let current = node;
  while (current.type === 'MemberExpression' || (current.type === 'CallExpression' && current.callee.type !== 'Identifier')) {
    if (current.type === 'CallExpression' && current.arguments.length > 0) return false;
    current = current.type === 'MemberExpression' ? current.object : current.callee;
  }
  return current.type === 'CallExpression' && current.callee.type === 'Identifier' && current.callee.name === 'require';
}

// ───────────────────────────── dotenv ─────────────────────────────

const LOADS_DOTENV = /require\(\s*['"]dotenv['"]\s*\)\s*\.config\s*\(|['"]dotenv\/config['"]|from\s+['"]dotenv['"]|require\(\s*['"]dotenv\/config['"]\s*\)/;

/**
 * In an app that already depends on dotenv, its entry point loads `.env` before anything reads the environment:
 * `require('dotenv').config()` / `import 'dotenv/config'` is added at its top when missing. Never in an app without
 * the dependency (a fix does not add packages), and only in the entry point (package.json `main`).
 */
function dotenvLoadEdit(context: RuleContext, program: TSESTree.Program, style: SourceStyle): TextEdit | undefined {
  const root = applicationRoot(context.project, context.file);
  const manifest = context.project.packages.get(root);
  if (!manifest || !(manifest.dependencies.dotenv || manifest.devDependencies.dotenv)) return undefined;
  if (!isEntryPoint(root, context.file, manifest.main) || LOADS_DOTENV.test(context.sourceText)) return undefined;
  const semicolon = style.semicolons ? ';' : '';
  const line = isEsmFile(context.file, program, context.project)
    ? `import ${quoted(style, 'dotenv/config')}${semicolon}`
    : `require(${quoted(style, 'dotenv')}).config()${semicolon}`;
  // After a shebang and directives ('use strict'), before the first import.
  let offset = 0;
  if (context.sourceText.startsWith('#!')) offset = context.sourceText.indexOf('\n') + 1 || context.sourceText.length;
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.directive === undefined) break;
    const lineEnd = context.sourceText.indexOf('\n', statement.range[1]);
    offset = lineEnd === -1 ? context.sourceText.length : lineEnd + 1;
  }
  const nl = style.newline;
  const blankFollows = /^\r?\n/.test(context.sourceText.slice(offset));
  // Its own paragraph after the directives; at the very top, one more line of the import block.
  if (offset > 0) return { range: [offset, offset], text: `${nl}${line}${nl}${blankFollows ? '' : nl}` };
  const [first] = program.body;
  const beforeImport = first !== undefined && isImportLike(first) && first.range[0] === 0;
  return { range: [0, 0], text: `${line}${nl}${beforeImport || blankFollows ? '' : nl}` };
}

/** package.json `main`, or without one a conventional entry file (`server.js`, `index.js`, `src/main.ts`). */
function isEntryPoint(root: string, file: string, main: string | undefined): boolean {
  const relative = root ? file.slice(root.length + 1) : file;
  if (main) {
    const entry = path.posix.normalize(main).replace(/^\.\//, '');
    return entry === relative || entry === relative.replace(/\.[cm]?[jt]s$/, '') || `${entry}/index` === relative.replace(/\.[cm]?[jt]s$/, '');
  }
  return /^(src\/)?(index|server|app|main)\.[cm]?[jt]s$/.test(relative);
}

// ───────────────────────────── through the config module ─────────────────────────────

/**
 * The fix when the project has a config module: the setting is added there (an object property read from
 * `process.env`, a convict entry with `env`, an envalid validator, a zod field) unless it already holds the
 * variable, the consumer reads it from the module and imports it when it does not yet. Undefined when the module
 * cannot take it safely (the key name is taken, module systems differ, a convict schema that is never validated
 * cannot make a secret required): the caller then reads `process.env` directly.
 */
function configModuleFix(context: RuleContext, program: TSESTree.Program, module: ConfigModule, request: ExternalizeRequest): Fix | undefined {
  const consumerEsm = isEsmFile(context.file, program, context.project);
  const consumerTypeScript = /\.[cm]?tsx?$/.test(context.file);
  const moduleTypeScript = /\.[cm]?tsx?$/.test(module.file);
  // require() of an ES module fails on Node 20, and a TypeScript consumer of a CommonJS default export needs interop flags.
  if (!consumerEsm && module.esm && !(consumerTypeScript && moduleTypeScript)) return undefined;
  if (consumerEsm && !module.esm && (consumerTypeScript || module.exportName !== undefined)) return undefined;

  const { variable } = request;
  const edits: TextEdit[] = [];
  const existing = existingKey(module, variable);
  let keys = existing?.keys;
  if (!keys) {
    const key = module.kind === 'envalid' || module.kind === 'zod' ? variable : configKey(variable);
    if (hasKey(module, key)) return undefined;
    const added = entryEdits(module, key, request);
    if (!added) return undefined;
    edits.push(...added);
    keys = [key];
  }

  let binding = existingBinding(context.file, program, module);
  if (!binding) {
    binding = module.bindingName;
    if (topLevelNames(program).has(binding)) return undefined;
    edits.push(importEdit(context, program, module, binding, consumerEsm));
  }
  // The module reads the variable without a default: the value the code used so far becomes that default.
  if (existing?.bare && !request.secret) {
    const value = entryDefault(module, request);
    const read = module.text.slice(existing.bare.range[0], existing.bare.range[1]);
    edits.push({ file: module.file, range: existing.bare.range, text: request.numeric ? `Number(${read} ?? ${value})` : `${read} ?? ${value}` });
  }
  edits.unshift({ range: (request.target ?? request.literal).range, text: keyReference(module, binding, keys) });
  const example = envExampleEdit(context.project, context.file, variable, request.secret ? undefined : exampleValue(request.literal));
  if (example) edits.push(example);
  const where = `${binding === module.bindingName ? '' : `${binding} of `}${module.file}`;
  return {
    title: request.secret ? `Read ${variable} through ${where} (required, no fallback)` : `Read ${variable} through ${where} (default ${exampleValue(request.literal)})`,
    edits,
  };
}

/** `const config = require('./config');` / `import config from './config.js';` after the consumer's imports. */
function importEdit(context: RuleContext, program: TSESTree.Program, module: ConfigModule, binding: string, esm: boolean): TextEdit {
  const style = detectStyle(context.file, context.sourceText);
  const semicolon = style.semicolons ? ';' : '';
  const specifier = quoted(style, importSpecifier(context.file, module, esm, program));
  const named = module.exportName === undefined ? undefined : module.exportName === binding ? `{ ${binding} }` : `{ ${module.exportName}: ${binding} }`;
  const line = esm
    ? `import ${named ? named.replace(': ', ' as ') : binding} from ${specifier}${semicolon}`
    : `const ${named ?? binding} = require(${specifier})${semicolon}`;
  const nl = style.newline;
  const offset = afterImports(context.sourceText, program);
  if (offset > 0) return { range: [offset, offset], text: `${line}${nl}` };
  return { range: [0, 0], text: `${line}${nl}${/^\r?\n/.test(context.sourceText) ? '' : nl}` };
}

/** The old value written as a default in the module's own quotes (a number for a port). */
function entryDefault(module: ConfigModule, request: ExternalizeRequest): string {
  const literalValue = request.literal.type === 'Literal' ? request.literal.value : exampleValue(request.literal);
  if (request.numeric) return String(Number(literalValue));
  return typeof literalValue === 'number' ? String(literalValue) : quoted(module.style, String(literalValue));
}

/** The edits that add a key to the module, in its own style; undefined when that is not safe. */
function entryEdits(module: ConfigModule, key: string, request: ExternalizeRequest): TextEdit[] | undefined {
  const style = module.style;
  const literalValue = request.literal.type === 'Literal' ? request.literal.value : exampleValue(request.literal);
  const fallback = entryDefault(module, request);
  const isUrl = typeof literalValue === 'string' && /^https?:\/\//i.test(literalValue);
  const portDefault = request.numeric ? fallback : undefined;
  const { variable } = request;
  const edits: TextEdit[] = [];
  let value: string;
  switch (module.kind) {
    case 'object':
      if (request.secret) {
        value = `${REQUIRE_ENV}(${quoted(style, variable)})`;
        if (!definesRequireEnv(module.text)) edits.push({ ...requireEnvHelper(module.text, module.program, style), file: module.file });
      } else {
        value = request.numeric ? `Number(process.env.${variable} ?? ${portDefault})` : `process.env.${variable} ?? ${fallback}`;
      }
      break;
    case 'convict': {
      // A secret without a default only stops the app when the module validates its schema.
      if (request.secret && !module.validates) return undefined;
      const inner = `${indentOfEntries(module)}${style.indent}`;
      const lines = request.secret
        ? ['format: String', 'default: null', `env: ${quoted(style, variable)}`, 'sensitive: true']
        : [`format: ${request.numeric ? quoted(style, 'port') : 'String'}`, `default: ${portDefault ?? fallback}`, `env: ${quoted(style, variable)}`];
      value = `{${style.newline}${lines.map((line) => `${inner}${line},`).join(style.newline)}${style.newline}${indentOfEntries(module)}}`;
      break;
    }
    case 'envalid': {
      const validator = request.secret ? 'str' : request.numeric ? 'port' : isUrl ? 'url' : 'str';
      value = request.secret ? `${module.validator(validator)}()` : `${module.validator(validator)}({ default: ${portDefault ?? fallback} })`;
      if (module.validatorImport && !module.validatorImport.names.has(validator)) {
        edits.push({ file: module.file, range: [module.validatorImport.after.range[1], module.validatorImport.after.range[1]], text: `, ${validator}` });
      }
      break;
    }
    case 'zod': {
      const z = module.validator('z');
      value = request.secret
        ? `${z}.string().min(1)`
        : request.numeric
          ? `${z}.coerce.number().int().default(${portDefault})`
          : `${z}.string()${isUrl ? '.url()' : ''}.default(${fallback})`;
      break;
    }
  }
  edits.unshift(appendEntry(module, `${key}: ${value}`));
  return edits;
}

function indentOfEntries(module: ConfigModule): string {
  const last = module.entries.properties[module.entries.properties.length - 1];
  const lineStart = module.text.lastIndexOf('\n', last.range[0] - 1) + 1;
  return /^[ \t]*/.exec(module.text.slice(lineStart, last.range[0]))?.[0] ?? module.style.indent;
}

/** A new last entry, on its own line like the others, keeping the module's trailing-comma habit. */
function appendEntry(module: ConfigModule, entry: string): TextEdit {
  const properties = module.entries.properties;
  const last = properties[properties.length - 1];
  const indent = indentOfEntries(module);
  const nl = module.style.newline;
  const afterLast = module.text.slice(last.range[1], module.entries.range[1]);
  const comma = /^\s*,/.exec(afterLast);
  if (!module.text.slice(module.entries.range[0], module.entries.range[1]).includes('\n')) {
    return comma ? { file: module.file, range: [last.range[1] + comma[0].length, last.range[1] + comma[0].length], text: ` ${entry},` } : { file: module.file, range: [last.range[1], last.range[1]], text: `, ${entry}` };
  }
  if (comma) return { file: module.file, range: [last.range[1] + comma[0].length, last.range[1] + comma[0].length], text: `${nl}${indent}${entry},` };
  return { file: module.file, range: [last.range[1], last.range[1]], text: `,${nl}${indent}${entry}` };
}
