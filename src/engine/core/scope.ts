import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FoldedValue, ModulePath } from '../types';

type Node = TSESTree.Node;

/**
 * What a name stands for, as far as a single file can tell without type information.
 * `init` + `path` describe destructuring: `const { promises: { writeFile } } = require('fs')`
 * binds `writeFile` to init `require('fs')` with path ['promises', 'writeFile'].
 */
type Binding =
  | { kind: 'import'; module: string; path: string[] }
  | { kind: 'value'; init: Node; path: string[]; reassigned: boolean }
  | { kind: 'opaque' };

const MAX_DEPTH = 24;

/** Node's built-ins are the same module with or without `node:`, and `fs/promises` is `fs.promises`. */
export function normalizeModule(specifier: string): ModulePath {
  const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  const slash = bare.indexOf('/');
  if (!bare.startsWith('@') && slash > 0) {
    const head = bare.slice(0, slash);
    if (BUILTINS_WITH_SUBPATHS.has(head)) {
      return { module: head, path: bare.slice(slash + 1).split('/') };
    }
  }
  return { module: bare, path: [] };
}
const BUILTINS_WITH_SUBPATHS = new Set(['fs', 'dns', 'stream', 'timers', 'readline', 'path', 'util']);

/** The node types that open a scope: the walk must leave them through `exit`. */
export const SCOPE_NODE_TYPES: ReadonlySet<string> = new Set([
  'Program', 'FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'BlockStatement', 'CatchClause',
  'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'ClassBody',
]);

function isScopeNode(node: Node): boolean {
  return SCOPE_NODE_TYPES.has(node.type);
}

/** Lexical bindings tracked during the single walk of a file, so rules can resolve callees and fold constants. */
export class ScopeTracker {
  private readonly scopes: Map<string, Binding>[] = [];
  /**
   * `resolve` results while the walk stays at one node: every rule listening on a call asks for its callee, so
   * the same question comes a dozen times in a row. Emptied whenever the walk moves (the scopes may change then);
   * the results are frozen, as callers share them.
   */
  private readonly resolved = new Map<Node, ModulePath | undefined>();

  enter(node: Node): void {
    if (this.resolved.size > 0) this.resolved.clear();
    switch (node.type) {
      case 'VariableDeclarator':
        this.declareVariable(node);
        return;
      case 'AssignmentExpression':
        if (node.left.type === 'Identifier') this.markReassigned(node.left.name);
        return;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') this.markReassigned(node.argument.name);
        return;
    }
    if (!isScopeNode(node)) return;
    const scope = new Map<string, Binding>();
    this.scopes.push(scope);
    switch (node.type) {
      case 'Program':
        this.hoist(node.body, scope);
        break;
      case 'BlockStatement':
        this.hoist(node.body, scope);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.type === 'FunctionExpression' && node.id) scope.set(node.id.name, { kind: 'opaque' });
        for (const parameter of node.params) this.declarePattern(parameter, scope, undefined, [], false);
        break;
      case 'CatchClause':
        if (node.param) this.declarePattern(node.param, scope, undefined, [], false);
        break;
    }
  }

  exit(node: Node): void {
    if (this.resolved.size > 0) this.resolved.clear();
    if (isScopeNode(node)) this.scopes.pop();
  }

  private hoist(statements: readonly Node[], scope: Map<string, Binding>): void {
    for (const statement of statements) {
      const declaration =
        statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
          ? statement.declaration
          : statement;
      if (!declaration) continue;
      if (declaration.type === 'ImportDeclaration') {
        this.declareImport(declaration, scope);
      } else if ((declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id) {
        scope.set(declaration.id.name, { kind: 'opaque' });
      }
    }
  }

  private declareImport(declaration: TSESTree.ImportDeclaration, scope: Map<string, Binding>): void {
    const target = normalizeModule(String(declaration.source.value));
    for (const specifier of declaration.specifiers) {
      let path = target.path;
      if (specifier.type === 'ImportSpecifier') {
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
        path = [...target.path, imported];
      }
      scope.set(specifier.local.name, { kind: 'import', module: target.module, path });
    }
  }

  private declareVariable(declarator: TSESTree.VariableDeclarator): void {
    const scope = this.scopes[this.scopes.length - 1];
    if (!scope) return;
    this.declarePattern(declarator.id, scope, declarator.init ?? undefined, [], false);
  }

  private declarePattern(pattern: Node, scope: Map<string, Binding>, init: Node | undefined, path: string[], _nested: boolean): void {
    switch (pattern.type) {
      case 'Identifier':
        scope.set(pattern.name, init ? { kind: 'value', init, path, reassigned: false } : { kind: 'opaque' });
        return;
      case 'ObjectPattern':
        for (const property of pattern.properties) {
          if (property.type === 'RestElement') {
            this.declarePattern(property.argument, scope, undefined, [], true);
            continue;
          }
          const key = propertyName(property.key, property.computed);
          this.declarePattern(property.value, scope, key === undefined ? undefined : init, key === undefined ? [] : [...path, key], true);
        }
        return;
      case 'ArrayPattern':
        for (const element of pattern.elements) if (element) this.declarePattern(element, scope, undefined, [], true);
        return;
      case 'AssignmentPattern':
        // A default value makes the binding depend on run-time data.
        this.declarePattern(pattern.left, scope, undefined, [], true);
        return;
      case 'RestElement':
        this.declarePattern(pattern.argument, scope, undefined, [], true);
        return;
      case 'TSParameterProperty':
        this.declarePattern(pattern.parameter, scope, undefined, [], true);
        return;
    }
  }

  private markReassigned(name: string): void {
    const binding = this.lookup(name);
    if (binding?.kind === 'value') binding.reassigned = true;
  }

  private lookup(name: string): Binding | undefined {
    for (let index = this.scopes.length - 1; index >= 0; index--) {
      const binding = this.scopes[index].get(name);
      if (binding) return binding;
    }
    return undefined;
  }

  /** The expression a never-reassigned variable was initialised with (`path.join(os.tmpdir(), f)` for `file`). */
  definition(identifier: Node): Node | undefined {
    if (identifier.type !== 'Identifier') return undefined;
    const binding = this.lookup(identifier.name);
    if (!binding || binding.kind !== 'value' || binding.reassigned || binding.path.length > 0) return undefined;
    return binding.init;
  }

  isUnshadowedGlobal(name: string): boolean {
    return this.lookup(name) === undefined;
  }

  resolve(node: Node): ModulePath | undefined {
    if (this.resolved.has(node)) return this.resolved.get(node);
    const found = this.resolveAt(node, 0);
    if (found) {
      Object.freeze(found);
      Object.freeze(found.path);
    }
    this.resolved.set(node, found);
    return found;
  }

  private resolveAt(node: Node, depth: number): ModulePath | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'Identifier': {
        const binding = this.lookup(node.name);
        if (!binding || binding.kind === 'opaque') return undefined;
        if (binding.kind === 'import') return { module: binding.module, path: binding.path };
        const base = this.resolveAt(binding.init, depth + 1);
        return base && { module: base.module, path: [...base.path, ...binding.path] };
      }
      case 'MemberExpression': {
        const key = propertyName(node.property, node.computed);
        if (key === undefined) return undefined;
        const base = this.resolveAt(node.object, depth + 1);
        return base && { module: base.module, path: [...base.path, key] };
      }
      case 'CallExpression': {
        const required = this.requiredModule(node);
        if (required) return required;
        const base = this.resolveAt(node.callee, depth + 1);
        return base && { module: base.module, path: [...base.path, '()'] };
      }
      case 'NewExpression': {
        const base = this.resolveAt(node.callee, depth + 1);
        return base && { module: base.module, path: [...base.path, '()'] };
      }
      case 'ImportExpression':
        return node.source.type === 'Literal' && typeof node.source.value === 'string' ? normalizeModule(node.source.value) : undefined;
      case 'AwaitExpression':
        return this.resolveAt(node.argument, depth + 1);
      case 'ChainExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.resolveAt(node.expression, depth + 1);
      default:
        return undefined;
    }
  }

  /** `require('x')` with the global `require`. */
  requiredModule(call: TSESTree.CallExpression): ModulePath | undefined {
    if (call.callee.type !== 'Identifier' || call.callee.name !== 'require' || !this.isUnshadowedGlobal('require')) return undefined;
    const [specifier] = call.arguments;
    return specifier?.type === 'Literal' && typeof specifier.value === 'string' ? normalizeModule(specifier.value) : undefined;
  }

  fold(node: Node, depth = 0): FoldedValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean') {
          return { value: node.value, origins: [node], via: [] };
        }
        return undefined;
      case 'TemplateLiteral': {
        let value = node.quasis[0].value.cooked ?? '';
        const origins: Node[] = [node];
        const via: Node[] = [];
        for (let index = 0; index < node.expressions.length; index++) {
          const part = this.fold(node.expressions[index], depth + 1);
          if (!part) return undefined;
          value += String(part.value) + (node.quasis[index + 1].value.cooked ?? '');
          via.push(...part.via);
        }
        return { value, origins, via };
      }
      case 'BinaryExpression': {
        if (node.operator !== '+') return undefined;
        const left = this.fold(node.left, depth + 1);
        const right = left && this.fold(node.right, depth + 1);
        if (!left || !right) return undefined;
        const value =
          typeof left.value === 'number' && typeof right.value === 'number' ? left.value + right.value : String(left.value) + String(right.value);
        return { value, origins: [...left.origins, ...right.origins], via: [...left.via, ...right.via] };
      }
      case 'Identifier': {
        const binding = this.lookup(node.name);
        if (!binding || binding.kind !== 'value' || binding.reassigned) return undefined;
        const target = binding.path.length === 0 ? binding.init : this.propertyOf(binding.init, binding.path, depth + 1);
        const folded = target && this.fold(target, depth + 1);
        return folded && { ...folded, via: [node, ...folded.via] };
      }
      case 'MemberExpression': {
        const key = propertyName(node.property, node.computed);
        if (key === undefined) return undefined;
        const target = this.propertyOf(node.object, [key], depth + 1);
        return target && this.fold(target, depth + 1);
      }
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
        return this.fold(node.expression, depth + 1);
      default:
        return undefined;
    }
  }

  /** The expression at `path` inside an object literal that `node` evaluates to, if it is one. */
  private propertyOf(node: Node, path: string[], depth: number): Node | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let current: Node | undefined = this.objectLiteral(node, depth);
    for (let index = 0; index < path.length && current; index++) {
      if (current.type !== 'ObjectExpression') return undefined;
      let found: Node | undefined;
      for (const property of current.properties) {
        if (property.type === 'Property' && !property.computed && propertyName(property.key, false) === path[index]) found = property.value;
      }
      current = found && (index < path.length - 1 ? this.objectLiteral(found, depth + 1) : found);
    }
    return current;
  }

  private objectLiteral(node: Node, depth: number): Node | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (node.type === 'ObjectExpression') return node;
    if (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression') return this.objectLiteral(node.expression, depth + 1);
    if (node.type === 'Identifier') {
      const binding = this.lookup(node.name);
      if (!binding || binding.kind !== 'value' || binding.reassigned) return undefined;
      return binding.path.length === 0 ? this.objectLiteral(binding.init, depth + 1) : this.propertyOf(binding.init, binding.path, depth + 1);
    }
    if (node.type === 'MemberExpression') {
      const key = propertyName(node.property, node.computed);
      return key === undefined ? undefined : this.propertyOf(node.object, [key], depth + 1);
    }
    return undefined;
  }
}

export function propertyName(key: Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}
