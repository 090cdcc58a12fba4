import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isProcessEnv } from '../core/environment';
import { applicationRoot } from '../core/project';
import { parseSource } from '../parsers/javascript';
import type { ProjectInfo } from '../types';
import { detectStyle, type SourceStyle } from './sourceStyle';

type Node = TSESTree.Node;

/**
 * How the project already gathers its settings: a plain object built from `process.env`, a convict schema,
 * an envalid `cleanEnv` spec or a zod schema parsed from `process.env`.
 */
export type ConfigModuleKind = 'object' | 'convict' | 'envalid' | 'zod';

export interface ConfigModule {
  kind: ConfigModuleKind;
  /** Relative POSIX path. */
  file: string;
  text: string;
  program: TSESTree.Program;
  style: SourceStyle;
  /** Written with import/export rather than require/module.exports. */
  esm: boolean;
  /** The named export consumers read (`env`); undefined for the default export or `module.exports`. */
  exportName?: string;
  /** The name a consumer that does not import the module yet binds it to. */
  bindingName: string;
  /** The object literal that holds the settings: the object itself, the convict schema, the envalid spec, the zod shape. */
  entries: TSESTree.ObjectExpression;
  /** envalid and zod: how a validator is written here (`str` → `str`, `envalid.str`; zod → `z`). */
  validator: (name: string) => string;
  /** envalid validators imported by destructuring: where a missing one is added. */
  validatorImport?: { names: Set<string>; after: Node };
  /** convict: the module calls `validate()`, so a secret without a default stops the app at start-up. */
  validates: boolean;
}

/** The files a config module may live in, relative to an application's root. */
export const CONFIG_MODULE_FILE = /(^|\/)(config|env)(\/index)?\.[cm]?[jt]s$/;

const CANDIDATE_BASES = ['config/index', 'config', 'src/config/index', 'src/config', 'lib/config/index', 'lib/config', 'env', 'src/env'];
const CANDIDATE_EXTENSIONS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts'];

const cache = new WeakMap<ProjectInfo, Map<string, ConfigModule | null>>();

/** The config module of the application a file belongs to, if it has one Cloudward can extend. */
export function findConfigModule(project: ProjectInfo, sourceFile: string): ConfigModule | undefined {
  const root = applicationRoot(project, sourceFile);
  let byRoot = cache.get(project);
  if (!byRoot) {
    byRoot = new Map();
    cache.set(project, byRoot);
  }
  if (!byRoot.has(root)) byRoot.set(root, locate(project, root) ?? null);
  return byRoot.get(root) ?? undefined;
}

function locate(project: ProjectInfo, root: string): ConfigModule | undefined {
  for (const base of CANDIDATE_BASES) {
    for (const extension of CANDIDATE_EXTENSIONS) {
      const file = root ? `${root}/${base}${extension}` : `${base}${extension}`;
      const text = project.configTexts?.get(file);
      if (text === undefined) continue;
      const module = readConfigModule(file, text);
      if (module) return module;
    }
  }
  return undefined;
}

/** Reads a candidate file as a config module; undefined when it is not one of the shapes Cloudward knows. */
export function readConfigModule(file: string, text: string): ConfigModule | undefined {
  const parsed = parseSource(file, text);
  if (!parsed.ok) return undefined;
  const program = parsed.program;
  const imports = importedNames(program);
  const bindings = topLevelBindings(program);
  const style = detectStyle(file, text);
  const esm = program.body.some((statement) => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'));
  for (const exported of exportedValues(program)) {
    const value = resolveBinding(exported.value, bindings);
    const shape = classify(value, imports, bindings, text);
    if (!shape) continue;
    const localName = exported.value.type === 'Identifier' ? exported.value.name : undefined;
    const bindingName = exported.name ?? localName ?? (shape.kind === 'envalid' || shape.kind === 'zod' ? 'env' : 'config');
    return {
      ...shape,
      file,
      text,
      program,
      style,
      esm,
      exportName: exported.name,
      bindingName,
      validates: shape.kind === 'convict' && /\.validate\s*\(/.test(text),
    };
  }
  return undefined;
}

type Shape = Pick<ConfigModule, 'kind' | 'entries' | 'validator' | 'validatorImport'>;

function classify(value: Node | undefined, imports: Imports, bindings: Map<string, Node>, text: string): Shape | undefined {
  if (!value) return undefined;
  const plain = (name: string) => name;
  if (value.type === 'ObjectExpression') {
    return readsProcessEnv(text, value) && value.properties.length > 0 ? { kind: 'object', entries: value, validator: plain } : undefined;
  }
  // Object.freeze({ ... })
  if (value.type === 'CallExpression' && calleeText(value.callee) === 'Object.freeze' && value.arguments[0]?.type === 'ObjectExpression') {
    return classify(value.arguments[0], imports, bindings, text);
  }
  if (value.type !== 'CallExpression') return undefined;
  const callee = calleeText(value.callee);
  const origin = callee === undefined ? undefined : originOf(callee, imports);
  if (origin === 'convict' || origin === 'convict:default') {
    const schema = resolveBinding(value.arguments[0] as Node | undefined, bindings);
    return schema?.type === 'ObjectExpression' && schema.properties.length > 0 ? { kind: 'convict', entries: schema, validator: plain } : undefined;
  }
  if (origin === 'envalid:cleanEnv') {
    const spec = resolveBinding(value.arguments[1] as Node | undefined, bindings);
    if (spec?.type !== 'ObjectExpression' || spec.properties.length === 0) return undefined;
    const namespace = callee!.includes('.') ? callee!.split('.')[0] : undefined;
    const locals = new Map([...imports.names].filter(([, source]) => source.startsWith('envalid:')).map(([local, source]) => [source.slice('envalid:'.length), local]));
    const anchor = imports.lastSpecifier.get('envalid');
    return {
      kind: 'envalid',
      entries: spec,
      validator: (name) => (namespace ? `${namespace}.${name}` : locals.get(name) ?? name),
      validatorImport: namespace || !anchor ? undefined : { names: new Set(locals.keys()), after: anchor },
    };
  }
  // z.object({ ... }).parse(process.env), or a schema const parsed so
  if (value.callee.type === 'MemberExpression' && !value.callee.computed && value.callee.property.type === 'Identifier' && value.callee.property.name === 'parse' && value.arguments[0] && isProcessEnv(value.arguments[0] as Node)) {
    const schema = resolveBinding(value.callee.object, bindings);
    if (schema?.type !== 'CallExpression' || schema.callee.type !== 'MemberExpression' || schema.callee.computed) return undefined;
    const object = schema.callee.object;
    const method = schema.callee.property.type === 'Identifier' ? schema.callee.property.name : '';
    const shape = schema.arguments[0];
    if (method !== 'object' || object.type !== 'Identifier' || !originOf(object.name, imports)?.startsWith('zod') || shape?.type !== 'ObjectExpression' || shape.properties.length === 0) return undefined;
    const z = object.name;
    return { kind: 'zod', entries: shape, validator: () => z };
  }
  return undefined;
}

interface Imports {
  /** Local name → `module` (default or namespace) or `module:exported` (a named import or destructured require). */
  names: Map<string, string>;
  /** The last destructured name of each module's import, where another name is added. */
  lastSpecifier: Map<string, Node>;
}

function importedNames(program: TSESTree.Program): Imports {
  const names = new Map<string, string>();
  const lastSpecifier = new Map<string, Node>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const source = String(statement.source.value);
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportSpecifier') {
          const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
          names.set(specifier.local.name, `${source}:${imported}`);
          lastSpecifier.set(source, specifier);
        } else {
          names.set(specifier.local.name, source);
        }
      }
      continue;
    }
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const source = declarator.init ? requiredModule(declarator.init) : undefined;
      if (!source) continue;
      if (declarator.id.type === 'Identifier') names.set(declarator.id.name, source);
      else if (declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) {
          if (property.type !== 'Property' || property.key.type !== 'Identifier' || property.value.type !== 'Identifier') continue;
          names.set(property.value.name, `${source}:${property.key.name}`);
          lastSpecifier.set(source, property);
        }
      }
    }
  }
  return { names, lastSpecifier };
}

/** `require('x')` → x; `require('x').y` → x:y. */
function requiredModule(node: Node): string | undefined {
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
    return String(node.arguments[0].value);
  }
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const source = requiredModule(node.object);
    return source ? `${source}:${node.property.name}` : undefined;
  }
  return undefined;
}

/** What a callee text (`convict`, `cleanEnv`, `envalid.cleanEnv`) was imported as. */
function originOf(callee: string, imports: Imports): string | undefined {
  const [head, member] = callee.split('.');
  const source = imports.names.get(head);
  if (!source) return undefined;
  if (member === undefined) return source;
  return source.includes(':') ? undefined : `${source}:${member}`;
}

function calleeText(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.property.type === 'Identifier') return `${node.object.name}.${node.property.name}`;
  return undefined;
}

function topLevelBindings(program: TSESTree.Program): Map<string, Node> {
  const bindings = new Map<string, Node>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type === 'Identifier' && declarator.init) bindings.set(declarator.id.name, declarator.init);
    }
  }
  return bindings;
}

function resolveBinding(node: Node | undefined, bindings: Map<string, Node>): Node | undefined {
  let current = node;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression') current = current.expression;
    else if (current.type === 'Identifier' && bindings.has(current.name)) current = bindings.get(current.name);
    else break;
  }
  return current;
}

/** The values a module exports: `module.exports = x`, `export default x`, `export const env = …`, `exports.env = …`. */
function exportedValues(program: TSESTree.Program): { name?: string; value: Node }[] {
  const values: { name?: string; value: Node }[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration' && statement.declaration.type !== 'FunctionDeclaration' && statement.declaration.type !== 'ClassDeclaration') {
      values.push({ value: statement.declaration as Node });
    } else if (statement.type === 'ExportNamedDeclaration') {
      if (statement.declaration?.type === 'VariableDeclaration') {
        for (const declarator of statement.declaration.declarations) {
          if (declarator.id.type === 'Identifier' && declarator.init) values.push({ name: declarator.id.name, value: declarator.id });
        }
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          if (specifier.local.type !== 'Identifier' || specifier.exported.type !== 'Identifier') continue;
          values.push(specifier.exported.name === 'default' ? { value: specifier.local } : { name: specifier.exported.name, value: specifier.local });
        }
      }
    } else if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression' && statement.expression.operator === '=') {
      const target = statement.expression.left;
      if (isModuleExports(target)) values.push({ value: statement.expression.right });
      else if (target.type === 'MemberExpression' && !target.computed && target.property.type === 'Identifier' && (isModuleExports(target.object) || (target.object.type === 'Identifier' && target.object.name === 'exports'))) {
        values.push({ name: target.property.name, value: statement.expression.right });
      }
    }
  }
  return values;
}

function isModuleExports(node: Node): boolean {
  return node.type === 'MemberExpression' && !node.computed && node.object.type === 'Identifier' && node.object.name === 'module' && node.property.type === 'Identifier' && node.property.name === 'exports';
}

function readsProcessEnv(text: string, node: Node): boolean {
  return /\bprocess\.env\b/.test(text.slice(node.range[0], node.range[1]));
}

// ───────────────────────────── keys ─────────────────────────────

export interface ExistingKey {
  keys: string[];
  /** An object property that is only `process.env.NAME`, without a default: the value node, where the old value becomes its default. */
  bare?: Node;
}

/**
 * Where the module already holds a variable: the object property whose value reads `process.env.NAME`,
 * the convict entry with `env: 'NAME'`, the envalid/zod key NAME.
 */
export function existingKey(module: ConfigModule, variable: string): ExistingKey | undefined {
  if (module.kind === 'envalid' || module.kind === 'zod') {
    return module.entries.properties.some((property) => property.type === 'Property' && keyOf(property) === variable) ? { keys: [variable] } : undefined;
  }
  let bare: Node | undefined;
  const search = (object: TSESTree.ObjectExpression, prefix: string[], depth: number): string[] | undefined => {
    if (depth > 6) return undefined;
    for (const property of object.properties) {
      if (property.type !== 'Property') continue;
      const key = keyOf(property);
      if (key === undefined) continue;
      const value = property.value;
      if (module.kind === 'convict') {
        if (value.type !== 'ObjectExpression') continue;
        const env = value.properties.find((inner) => inner.type === 'Property' && keyOf(inner) === 'env');
        if (env?.type === 'Property' && env.value.type === 'Literal' && env.value.value === variable) return [...prefix, key];
        const nested = search(value, [...prefix, key], depth + 1);
        if (nested) return nested;
      } else if (value.type === 'ObjectExpression') {
        const nested = search(value, [...prefix, key], depth + 1);
        if (nested) return nested;
      } else if (new RegExp(`\\bprocess\\.env(\\.${variable}\\b|\\[\\s*['"\`]${variable}['"\`]\\s*\\])`).test(module.text.slice(value.range[0], value.range[1]))) {
        if (/^process\.env(\.\w+|\[\s*['"`]\w+['"`]\s*\])$/.test(module.text.slice(value.range[0], value.range[1]))) bare = value;
        return [...prefix, key];
      }
    }
    return undefined;
  };
  const keys = search(module.entries, [], 0);
  return keys && { keys, bare };
}

/** True when a top-level key is taken (by another setting). */
export function hasKey(module: ConfigModule, key: string): boolean {
  return module.entries.properties.some((property) => property.type === 'Property' && keyOf(property) === key);
}

function keyOf(property: TSESTree.Property): string | undefined {
  if (property.computed) return undefined;
  if (property.key.type === 'Identifier') return property.key.name;
  if (property.key.type === 'Literal') return String(property.key.value);
  return undefined;
}

/** How a consumer reads a key: `config.db.url`, `config.get('db.url')`, `env.MONGODB_URL`. */
export function keyReference(module: ConfigModule, binding: string, keys: string[]): string {
  if (module.kind === 'convict') return `${binding}.get(${quote(module.style, keys.join('.'))})`;
  return binding + keys.map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${quote(module.style, key)}]`)).join('');
}

function quote(style: SourceStyle, value: string): string {
  return `${style.quote}${value.replace(/\\/g, '\\\\').split(style.quote).join(`\\${style.quote}`)}${style.quote}`;
}

// ───────────────────────────── consumers ─────────────────────────────

/** The module system a consumer file is written in. */
export function isEsmFile(file: string, program: TSESTree.Program, project: ProjectInfo): boolean {
  if (program.body.some((statement) => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'))) return true;
  if (/\.m[jt]s$/.test(file)) return true;
  if (/\.c[jt]s$/.test(file) || program.body.some(isTopLevelRequire)) return false;
  if (/\.tsx?$/.test(file)) return true;
  const manifest = project.configTexts?.get(applicationRoot(project, file) ? `${applicationRoot(project, file)}/package.json` : 'package.json');
  return manifest !== undefined && /"type"\s*:\s*"module"/.test(manifest);
}

function isTopLevelRequire(statement: Node): boolean {
  if (statement.type === 'VariableDeclaration') return statement.declarations.some((declarator) => !!declarator.init && requiredModule(declarator.init) !== undefined);
  return statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression' && requiredModule(statement.expression) !== undefined;
}

/** The specifier a consumer imports the config module by. */
export function importSpecifier(consumer: string, module: ConfigModule, esm: boolean, program: TSESTree.Program): string {
  let relative = path.posix.relative(path.posix.dirname(consumer), module.file);
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const typescript = /\.[cm]?tsx?$/.test(consumer);
  const explicitExtensions = esm && (!typescript || program.body.some((statement) => statement.type === 'ImportDeclaration' && /^\.{1,2}\/.*\.[cm]?js$/.test(String(statement.source.value))));
  if (explicitExtensions) return relative.replace(/\.([cm]?)ts$/, '.$1js');
  return relative.replace(/\/index\.[cm]?[jt]s$/, '').replace(/\.[cm]?[jt]s$/, '');
}

/** Whether a specifier written in `consumer` names the config module's file. */
export function namesModule(consumer: string, specifier: string, module: ConfigModule): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(consumer), specifier));
  const withoutExtension = module.file.replace(/\.[cm]?[jt]s$/, '');
  const candidates = [target, target.replace(/\.([cm]?)js$/, '.$1ts')];
  return candidates.some((candidate) => candidate === module.file || candidate === withoutExtension || `${candidate}/index` === withoutExtension);
}

/** The name the consumer already binds the module's export to, if it imports it. */
export function existingBinding(consumer: string, program: TSESTree.Program, module: ConfigModule): string | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.importKind !== 'type' && namesModule(consumer, String(statement.source.value), module)) {
      for (const specifier of statement.specifiers) {
        if (module.exportName === undefined && specifier.type === 'ImportDefaultSpecifier') return specifier.local.name;
        if (module.exportName !== undefined && specifier.type === 'ImportSpecifier' && specifier.imported.type === 'Identifier' && specifier.imported.name === module.exportName) return specifier.local.name;
      }
    }
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init;
      if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier' || init.callee.name !== 'require' || init.arguments[0]?.type !== 'Literal') continue;
      if (!namesModule(consumer, String(init.arguments[0].value), module)) continue;
      if (module.exportName === undefined && declarator.id.type === 'Identifier') return declarator.id.name;
      if (module.exportName !== undefined && declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) {
          if (property.type === 'Property' && property.key.type === 'Identifier' && property.key.name === module.exportName && property.value.type === 'Identifier') return property.value.name;
        }
      }
    }
  }
  return undefined;
}

/** Names declared at the top of a file (imports, variables, functions, classes). */
export function topLevelNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: Node) => {
    if (pattern.type === 'Identifier') {
      names.add(pattern.name);
    } else if (pattern.type === 'ObjectPattern') {
      for (const property of pattern.properties) addPattern(property.type === 'Property' ? property.value : property.argument);
    } else if (pattern.type === 'ArrayPattern') {
      for (const element of pattern.elements) if (element) addPattern(element);
    } else if (pattern.type === 'AssignmentPattern') {
      addPattern(pattern.left);
    } else if (pattern.type === 'RestElement') {
      addPattern(pattern.argument);
    }
  };
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === 'ImportDeclaration') for (const specifier of declaration.specifiers) names.add(specifier.local.name);
    else if (declaration.type === 'VariableDeclaration') for (const declarator of declaration.declarations) addPattern(declarator.id);
    else if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) names.add(declaration.id.name);
  }
  return names;
}
