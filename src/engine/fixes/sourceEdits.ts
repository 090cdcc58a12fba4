import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { TextEdit } from '../types';
import { quoted, type SourceStyle } from './sourceStyle';

/**
 * Placement and import helpers for fixes that insert whole statements: where a module's imports end,
 * which module system a file uses, which names are free, and how the statement around a node is indented.
 * Read once the file has been walked (`Program:exit`), when every node has its `parent`.
 */

type Node = TSESTree.Node;

export type ModuleSystem = 'esm' | 'cjs';

export function programOf(node: Node): TSESTree.Program | undefined {
  let current: Node | undefined = node;
  while (current && current.type !== 'Program') current = current.parent;
  return current?.type === 'Program' ? current : undefined;
}

/** `.mjs`/`.mts` and files with `import`/`export` are ES modules; TypeScript is written with `import` whatever it compiles to. */
export function moduleSystemOf(file: string, program: TSESTree.Program): ModuleSystem {
  if (/\.m[jt]s$/.test(file)) return 'esm';
  if (/\.c[jt]s$/.test(file)) return 'cjs';
  const usesEsm = program.body.some((statement) => ['ImportDeclaration', 'ExportNamedDeclaration', 'ExportDefaultDeclaration', 'ExportAllDeclaration'].includes(statement.type));
  if (usesEsm) return 'esm';
  if (/\.tsx?$/.test(file) && !program.body.some((statement) => isRequireStatement(statement))) return 'esm';
  return 'cjs';
}

/** `var` in files that never use `const`/`let` (code older than ES2015 keeps its own look). */
export function declarationKeyword(text: string): 'const' | 'var' {
  return /\b(const|let)\s+[\w${[]/.test(text) || !/\bvar\s+[\w${[]/.test(text) ? 'const' : 'var';
}

/** Code that never uses arrow functions and declares with `var` only gets `function` expressions from fixes too. */
export function usesArrows(text: string): boolean {
  return declarationKeyword(text) === 'const' || text.includes('=>');
}

export function semicolon(style: SourceStyle): string {
  return style.semicolons ? ';' : '';
}

// ---------------------------------------------------------------------------------------------
// Imports

export interface ImportRequest {
  module: string;
  /** The export wanted: a named export, or 'default'. */
  member: string;
  /** Local names to bind it to, in order of preference (the first free one is taken). */
  names: string[];
  /** CommonJS reaches a default export as `require(m).default` (packages compiled from ES modules), or as the module itself. */
  commonJsDefault?: 'property' | 'module';
  /** A CommonJS package whose default import is the module object (`import winston from 'winston'; winston.format`). */
  membersOnDefault?: boolean;
}

export interface ImportPlan {
  /** The expression to use in code for each request, in order. */
  references: string[];
  /** The import statements to add (none when the file already imports everything); see `insertAfterImports`. */
  statements: string[];
}

/**
 * How code refers to each requested export: through an import the file already has, or through a new
 * import statement. Undefined when every candidate name is taken.
 */
export function planImports(file: string, text: string, program: TSESTree.Program, style: SourceStyle, requests: ImportRequest[]): ImportPlan | undefined {
  const system = moduleSystemOf(file, program);
  const taken = declaredNames(program);
  const references: string[] = [];
  const statements: string[] = [];
  const keyword = declarationKeyword(text);
  for (const request of requests) {
    const existing = existingReference(program, request);
    if (existing) {
      references.push(existing);
      continue;
    }
    const name = request.names.find((candidate) => !taken.has(candidate));
    if (!name) return undefined;
    taken.add(name);
    references.push(name);
    statements.push(importStatement(system, style, keyword, request, name));
  }
  return { references, statements };
}

function importStatement(system: ModuleSystem, style: SourceStyle, keyword: string, request: ImportRequest, name: string): string {
  const source = quoted(style, request.module);
  const end = semicolon(style);
  if (system === 'esm') {
    if (request.member === 'default') return `import ${name} from ${source}${end}`;
    return `import { ${request.member === name ? name : `${request.member} as ${name}`} } from ${source}${end}`;
  }
  if (request.member === 'default') {
    return request.commonJsDefault === 'property' ? `${keyword} ${name} = require(${source}).default${end}` : `${keyword} ${name} = require(${source})${end}`;
  }
  return `${keyword} { ${request.member === name ? name : `${request.member}: ${name}`} } = require(${source})${end}`;
}

/** A top-level import or require of the module that already gives access to the member. */
export function existingReference(program: TSESTree.Program, request: ImportRequest): string | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.source.value === request.module && statement.importKind !== 'type') {
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportDefaultSpecifier' && request.member === 'default') return specifier.local.name;
        if (specifier.type === 'ImportDefaultSpecifier' && request.membersOnDefault) return `${specifier.local.name}.${request.member}`;
        if (specifier.type === 'ImportNamespaceSpecifier' && request.member !== 'default') return `${specifier.local.name}.${request.member}`;
        if (specifier.type === 'ImportSpecifier' && specifier.importKind !== 'type') {
          const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
          if (imported === request.member) return specifier.local.name;
        }
      }
    }
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      if (!declarator.init) continue;
      const required = requiredModule(declarator.init);
      if (required === request.module && declarator.id.type === 'Identifier') {
        if (request.member !== 'default') return `${declarator.id.name}.${request.member}`;
        return request.commonJsDefault === 'property' ? `${declarator.id.name}.default` : declarator.id.name;
      }
      if (required === request.module && declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) {
          if (property.type === 'Property' && !property.computed && property.key.type === 'Identifier' && property.key.name === request.member && property.value.type === 'Identifier') {
            return property.value.name;
          }
        }
      }
      // const RedisStore = require('connect-redis').default
      const init = declarator.init;
      if (init.type === 'MemberExpression' && !init.computed && init.property.type === 'Identifier' && declarator.id.type === 'Identifier' && requiredModule(init.object) === request.module) {
        const property = init.property.name;
        if (property === request.member || (request.member === 'default' && property === 'default')) return declarator.id.name;
      }
    }
  }
  return undefined;
}

export function requiredModule(node: Node): string | undefined {
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal' && typeof node.arguments[0].value === 'string') {
    return node.arguments[0].value;
  }
  return undefined;
}

function isRequireStatement(statement: Node): boolean {
  if (statement.type === 'ExpressionStatement') return requireRoot(statement.expression) !== undefined;
  if (statement.type === 'VariableDeclaration') return statement.declarations.some((declarator) => !!declarator.init && requireRoot(declarator.init) !== undefined);
  return false;
}

/** The `require('x')` call inside `require('x')`, `require('x').y`, `require('x')(z)`. */
function requireRoot(node: Node): string | undefined {
  let current = node;
  while (current.type === 'MemberExpression' || (current.type === 'CallExpression' && current.callee.type !== 'Identifier')) {
    current = current.type === 'MemberExpression' ? current.object : current.callee;
  }
  return requiredModule(current);
}

function importedModule(statement: Node): string | undefined {
  if (statement.type === 'ImportDeclaration') return String(statement.source.value);
  if (statement.type === 'ExpressionStatement') return requireRoot(statement.expression);
  if (statement.type === 'VariableDeclaration' && statement.declarations[0]?.init) return requireRoot(statement.declarations[0].init);
  return undefined;
}

/**
 * Removes a name from the import or require that binds it (`{ MemoryStore }`), or the whole statement when it
 * was the only name, once the code no longer uses it. Undefined when the name is bound another way.
 */
export function removeImportedName(text: string, program: TSESTree.Program, name: string): TextEdit | undefined {
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      const specifier = statement.specifiers.find((candidate) => candidate.local.name === name);
      if (!specifier) continue;
      if (statement.specifiers.length === 1) return removeStatement(text, statement);
      const named = statement.specifiers.filter((candidate) => candidate.type === 'ImportSpecifier');
      if (specifier.type === 'ImportSpecifier' && named.length === 1) {
        // import session, { MemoryStore } from 'x' → import session from 'x'
        const open = text.lastIndexOf('{', specifier.range[0]);
        const close = text.indexOf('}', specifier.range[1]);
        const comma = text.lastIndexOf(',', open);
        if (open < 0 || close < 0 || comma < statement.range[0]) return undefined;
        return { range: [comma, close + 1], text: '' };
      }
      return removeListElement(specifier, statement.specifiers);
    }
    if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) continue;
    const [declarator] = statement.declarations;
    if (!declarator.init || requiredModule(declarator.init) === undefined) continue;
    if (declarator.id.type === 'Identifier' && declarator.id.name === name) return removeStatement(text, statement);
    if (declarator.id.type !== 'ObjectPattern') continue;
    const properties = declarator.id.properties;
    const property = properties.find((candidate) => candidate.type === 'Property' && candidate.value.type === 'Identifier' && candidate.value.name === name);
    if (!property) continue;
    if (properties.length === 1) return removeStatement(text, statement);
    return removeListElement(property, properties);
  }
  return undefined;
}

/**
 * The edits that remove imports only the code in `removed` used: after an edit replaces that code, an
 * import nothing else refers to would be left behind.
 */
export function importsLeftUnused(text: string, program: TSESTree.Program, removed: [number, number], replacement = ''): TextEdit[] {
  const names = new Set(importedNames(program));
  const total = new Map<string, number>();
  const inRemoved = new Map<string, number>();
  visit(program, (node, parent) => {
    if (node.type !== 'Identifier' || !names.has(node.name) || !isReference(node, parent)) return;
    total.set(node.name, (total.get(node.name) ?? 0) + 1);
    if (node.range[0] >= removed[0] && node.range[1] <= removed[1]) inRemoved.set(node.name, (inRemoved.get(node.name) ?? 0) + 1);
  });
  const edits: TextEdit[] = [];
  for (const [name, count] of inRemoved) {
    if (new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(replacement)) continue;
    // The only reference left is the import's own binding.
    if ((total.get(name) ?? 0) - count !== 1) continue;
    const edit = removeImportedName(text, program, name);
    if (edit) edits.push(edit);
  }
  return edits;
}

/** An identifier that names a binding (`fs` in `fs.x`, `{ fs }`), not a property name (`x.fs`, `{ fs: 1 }`). */
export function isReference(node: TSESTree.Identifier, parent: Node | undefined): boolean {
  if (!parent) return true;
  if (parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return false;
  // A shorthand `{ fs }` has a key and a value node of its own: the value is the reference.
  if ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && parent.key === node && !parent.computed) return false;
  if (parent.type === 'ImportSpecifier' && parent.imported === node) return false;
  if (parent.type === 'ExportSpecifier' && parent.exported === node) return false;
  if ((parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement') && parent.label === node) return false;
  if (parent.type === 'TSQualifiedName' && parent.right === node) return false;
  if (parent.type === 'TSPropertySignature' && parent.key === node) return false;
  return true;
}

/** Names bound by the file's top-level imports and requires. */
function importedNames(program: TSESTree.Program): string[] {
  const names: string[] = [];
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') names.push(...statement.specifiers.map((specifier) => specifier.local.name));
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      if (!declarator.init || requiredModule(declarator.init) === undefined) continue;
      if (declarator.id.type === 'Identifier') names.push(declarator.id.name);
      if (declarator.id.type === 'ObjectPattern') {
        for (const property of declarator.id.properties) if (property.type === 'Property' && property.value.type === 'Identifier') names.push(property.value.name);
      }
    }
  }
  return names;
}

function removeStatement(text: string, statement: Node): TextEdit {
  const start = lineStart(text, statement.range[0]);
  const end = text.indexOf('\n', statement.range[1]);
  return { range: [start, end === -1 ? text.length : end + 1], text: '' };
}

/** Removes one element of a comma-separated list with the separator on its side. */
function removeListElement(element: Node, list: readonly Node[]): TextEdit {
  const index = list.indexOf(element);
  if (index < list.length - 1) return { range: [element.range[0], list[index + 1].range[0]], text: '' };
  return { range: [list[index - 1].range[1], element.range[1]], text: '' };
}

function isImportLike(statement: Node): boolean {
  if (statement.type === 'ImportDeclaration' || statement.type === 'TSImportEqualsDeclaration') return true;
  if (statement.type === 'ExpressionStatement' && statement.directive !== undefined) return true;
  return isRequireStatement(statement) && (statement.type !== 'VariableDeclaration' || statement.declarations.every((declarator) => !!declarator.init && requireRoot(declarator.init) !== undefined));
}

/**
 * The offset where new imports go: the start of the line after the leading block of imports, requires
 * and directives, skipping blank-line separated groups of them (`'use strict'`, a blank line, requires).
 */
export function importsEnd(text: string, program: TSESTree.Program): number {
  let end = 0;
  let packagesEnd = 0;
  let localAfterPackages = false;
  for (const statement of program.body) {
    if (!isImportLike(statement)) break;
    end = statement.range[1];
    const specifier = importedModule(statement);
    if (specifier === undefined) continue;
    if (specifier.startsWith('.')) localAfterPackages ||= packagesEnd > 0;
    else {
      packagesEnd = statement.range[1];
      localAfterPackages = false;
    }
  }
  // Packages are imported above the app's own modules: a new package import joins their group.
  if (localAfterPackages) end = packagesEnd;
  if (end === 0) return 0;
  const lineEnd = text.indexOf('\n', end);
  return lineEnd === -1 ? text.length : lineEnd + 1;
}

/** Only directives before it (`'use strict'`), so new imports open a block of their own. */
function onlyDirectivesBefore(program: TSESTree.Program, offset: number): boolean {
  return program.body.every((statement) => statement.range[1] > offset || (statement.type === 'ExpressionStatement' && statement.directive !== undefined));
}

/**
 * One insertion of whole statements after the file's imports, separated from the code below by a blank line
 * when it starts a block. `usedFrom` is where the code that uses them starts: a server created in the import
 * block itself (`const io = require('socket.io')(http)`) gets them above it.
 */
export function insertAfterImports(text: string, program: TSESTree.Program, style: SourceStyle, statements: string[], usedFrom = Number.POSITIVE_INFINITY): TextEdit {
  const nl = style.newline;
  const end = importsEnd(text, program);
  const offset = end > usedFrom ? lineStart(text, usedFrom) : end;
  const body = statements.join(nl) + nl;
  if (offset === 0) return { range: [0, 0], text: /^\s*$/.test(text) ? body : `${body}${nl}` };
  const atEnd = offset >= text.length && !text.endsWith('\n');
  if (onlyDirectivesBefore(program, offset)) return { range: [offset, offset], text: `${atEnd ? nl : ''}${nl}${body}` };
  return { range: [offset, offset], text: `${atEnd ? nl : ''}${body}` };
}

// ---------------------------------------------------------------------------------------------
// Names

/** Every name declared anywhere in a file or subtree (imports, variables, functions, classes, parameters). */
export function declaredNames(program: Node): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: Node | null | undefined) => {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        names.add(pattern.name);
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties) addPattern(property.type === 'RestElement' ? property.argument : property.value);
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) addPattern(element);
        return;
      case 'AssignmentPattern':
        addPattern(pattern.left);
        return;
      case 'RestElement':
        addPattern(pattern.argument);
        return;
      case 'TSParameterProperty':
        addPattern(pattern.parameter);
        return;
      default:
        return;
    }
  };
  visit(program, (node) => {
    switch (node.type) {
      case 'VariableDeclarator':
        addPattern(node.id);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.id) names.add(node.id.name);
        for (const parameter of node.params) addPattern(parameter);
        break;
      case 'ClassDeclaration':
      case 'ClassExpression':
        if (node.id) names.add(node.id.name);
        break;
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
      case 'ImportSpecifier':
        names.add(node.local.name);
        break;
      case 'CatchClause':
        addPattern(node.param);
        break;
      case 'TSImportEqualsDeclaration':
        names.add(node.id.name);
        break;
      default:
        break;
    }
  });
  return names;
}

/** The first candidate the file does not declare. */
export function freeName(program: TSESTree.Program, candidates: string[]): string | undefined {
  const taken = declaredNames(program);
  return candidates.find((candidate) => !taken.has(candidate));
}

/**
 * Walks a subtree without touching `parent` links (the runner's own walk owns them, and a rule's listener runs
 * before the nodes after it are linked): each node comes with the parent it was reached from.
 */
export function visit(root: Node, enter: (node: Node, parent: Node | undefined) => void): void {
  const keysOf = visitorKeys as Record<string, readonly string[] | undefined>;
  const stack: { node: Node; parent: Node | undefined }[] = [{ node: root, parent: undefined }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    enter(node, parent);
    for (const key of keysOf[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (let index = child.length - 1; index >= 0; index--) {
          const element = child[index] as Node | null;
          if (element && typeof element.type === 'string') stack.push({ node: element, parent: node });
        }
      } else if (child && typeof (child as Node).type === 'string') stack.push({ node: child as Node, parent: node });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Statements and lines

type StatementList = TSESTree.Program | TSESTree.BlockStatement | TSESTree.StaticBlock | TSESTree.SwitchCase | TSESTree.TSModuleBlock;

/** The statement, in a list of statements, that contains the node (an `export` around a declaration included). */
export function enclosingStatement(node: Node): { statement: Node; list: StatementList } | undefined {
  let current: Node = node;
  while (current.parent) {
    const parent = current.parent;
    if (parent.type === 'Program' || parent.type === 'BlockStatement' || parent.type === 'StaticBlock' || parent.type === 'TSModuleBlock') {
      return { statement: current, list: parent };
    }
    if (parent.type === 'SwitchCase' && parent.consequent.includes(current as TSESTree.Statement)) return { statement: current, list: parent };
    current = parent;
  }
  return undefined;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : text[end - 1] === '\r' ? end - 1 : end;
}

/** The whitespace that starts the line `offset` is on. */
export function indentationAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

/** True when only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
}

/** The start of the comment lines directly above a line (they belong to the statement below them). */
export function leadingCommentStart(text: string, start: number): number {
  let current = lineStart(text, start);
  for (;;) {
    if (current === 0) return current;
    const previousStart = lineStart(text, current - 1);
    const line = text.slice(previousStart, current).trim();
    if (!/^(\/\/|\/\*|\*)/.test(line) && !/\*\/$/.test(line)) return current;
    current = previousStart;
  }
}

/** The text of the comment lines directly above the statement that starts at `start`. */
export function commentAbove(text: string, start: number): string {
  return text.slice(leadingCommentStart(text, start), lineStart(text, start));
}

/**
 * Inserts lines before a statement (and the comments directly above it), at its indentation, with a blank
 * line after them and one before them unless a block or the file starts there.
 */
export function insertBefore(text: string, statement: Node, style: SourceStyle, lines: string[]): TextEdit | undefined {
  const start = statement.range[0];
  if (!startsLine(text, start)) return undefined;
  const indent = indentationAt(text, start);
  const at = leadingCommentStart(text, start);
  const nl = style.newline;
  const before = text.slice(0, at).replace(/[ \t]*\r?\n$/, '');
  const previousLine = before.slice(before.lastIndexOf('\n') + 1).trim();
  const needsBlankBefore = at > 0 && previousLine !== '' && !/[{(\[]$/.test(previousLine);
  const body = lines.map((line) => (line === '' ? '' : indent + line)).join(nl);
  return { range: [at, at], text: `${needsBlankBefore ? nl : ''}${body}${nl}${nl}` };
}

/** Inserts lines after a statement (and a comment ending its line), at its indentation, after a blank line. */
export function insertAfter(text: string, statement: Node, style: SourceStyle, lines: string[]): TextEdit {
  const indent = indentationAt(text, statement.range[0]);
  const nl = style.newline;
  const body = lines.map((line) => (line === '' ? '' : indent + line)).join(nl);
  const end = lineEnd(text, statement.range[1]);
  const at = /^\s*(\/\/.*)?$/.test(text.slice(statement.range[1], end)) ? end : statement.range[1];
  // A blank line after the new lines too, unless the block closes there.
  const codeFollows = /^\r?\n[ \t]*[^\s}\])]/.test(text.slice(at));
  return { range: [at, at], text: `${nl}${nl}${body}${codeFollows ? nl : ''}` };
}

/** Indents the lines of a multi-line block by one level of the file's indentation. */
export function indentLines(style: SourceStyle, lines: string[], levels = 1): string[] {
  return lines.map((line) => (line === '' ? '' : style.indent.repeat(levels) + line));
}
