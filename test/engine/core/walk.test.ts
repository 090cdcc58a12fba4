import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { walk } from '../../../src/engine/core/walk';
import { isSourceFile, parseSource } from '../../../src/engine/parsers/javascript';
import { repositoryRoot } from '../../support/workspace';

function program(code: string, file = 'src/app.ts'): TSESTree.Program {
  const parsed = parseSource(file, code);
  assert.ok(parsed.ok);
  return parsed.program;
}

function visited(root: TSESTree.Node, runtimeOnly: boolean): { entered: string[]; left: string[] } {
  const entered: string[] = [];
  const left: string[] = [];
  walk(root, (node) => entered.push(node.type === 'Literal' ? `Literal ${String(node.value)}` : node.type), (node) => left.push(node.type), { runtimeOnly, exitTypes: new Set(['CallExpression']) });
  return { entered, left };
}

const TYPED = `
interface Options { url: 'mongodb://types-only' }
type Port = 3000;
declare const injected: string;
declare module 'legacy' { export const host: 'db.internal'; }
declare function overload(a: string): void;
abstract class Store { abstract save(key: string): void; declare kind: 'x'; [key: string]: unknown; field: number = 1; }
export interface Exported { a: 'exported-type' }
const client = connect<Options>('mongodb://runtime' as unknown as string, (x: Port): void => undefined);
enum Mode { Fast = 'fast' }
`;

describe('walk', () => {
  it('visits every node, and sets parent on each, by default', () => {
    const root = program(TYPED);
    const { entered } = visited(root, false);
    for (const type of ['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSTypeAnnotation', 'TSDeclareFunction', 'Literal mongodb://types-only', 'Literal mongodb://runtime']) assert.ok(entered.includes(type), type);
  });

  it('skips what only describes types when runtimeOnly, and still visits the code', () => {
    const { entered, left } = visited(program(TYPED), true);
    for (const type of ['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSTypeAnnotation', 'TSDeclareFunction', 'TSTypeParameterInstantiation', 'TSModuleDeclaration', 'TSAbstractMethodDefinition', 'TSIndexSignature', 'Literal mongodb://types-only', 'Literal db.internal', 'Literal exported-type', 'Literal x', 'Literal 3000']) {
      assert.ok(!entered.includes(type), `${type} was visited`);
    }
    for (const type of ['Literal mongodb://runtime', 'ArrowFunctionExpression', 'TSAsExpression', 'TSEnumDeclaration', 'Literal fast', 'PropertyDefinition', 'Literal 1', 'ClassDeclaration']) assert.ok(entered.includes(type), `${type} was not visited`);
    // `declare const injected` is skipped, `const client` is not.
    assert.equal(entered.filter((type) => type === 'VariableDeclaration').length, 1);
    assert.deepEqual(left, ['CallExpression']);
  });

  it('sets the parents of all children of a node once it is entered: later siblings have theirs, deeper nodes not yet', () => {
    const root = program('first();\nfunction later() { inner(); }\n', 'src/app.js');
    const [first, later] = root.body as [TSESTree.ExpressionStatement, TSESTree.FunctionDeclaration];
    let seen = false;
    walk(root, (node) => {
      if (node !== first) return;
      seen = true;
      assert.equal((later as { parent?: TSESTree.Node }).parent, root);
      assert.equal((later.body.body[0] as { parent?: TSESTree.Node }).parent, undefined);
    }, () => undefined);
    assert.ok(seen);
  });

  it('lists in linked every node it gave a parent: all it entered below the root, and the type-only nodes it skipped', () => {
    const root = program('interface Shape { x: 1 }\nconst shape = make(1);\n');
    const linked: TSESTree.Node[] = [];
    const entered: TSESTree.Node[] = [];
    walk(root, (node) => entered.push(node), () => undefined, { runtimeOnly: true, linked });
    assert.equal(root.body[0].type, 'TSInterfaceDeclaration');
    assert.ok(!entered.includes(root.body[0]));
    assert.deepEqual(new Set(linked), new Set([root.body[0], ...entered.filter((node) => node !== root)]));
    assert.equal(linked.length, new Set(linked).size);
  });

  it('sets parent before a node is entered', () => {
    const root = program('call(a.b, [c]);', 'src/app.js');
    walk(root, (node) => {
      if (node !== root) assert.ok((node as { parent?: TSESTree.Node }).parent, `${node.type} has no parent`);
    }, () => undefined);
  });

  it('enters and leaves in the order of a plain recursive walk over the visitor keys, with or without types, on the example and fixture workspaces', () => {
    const typeKeys = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeArguments', 'superTypeParameters', 'implements']);
    const always = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction', 'TSIndexSignature', 'TSAbstractMethodDefinition', 'TSAbstractPropertyDefinition', 'TSAbstractAccessorProperty']);
    const whenDeclared = new Set(['VariableDeclaration', 'ClassDeclaration', 'TSModuleDeclaration', 'TSEnumDeclaration', 'PropertyDefinition']);
    const exitTypes = new Set(['CallExpression', 'FunctionDeclaration', 'Program']);
    const expected = (root: TSESTree.Node, runtimeOnly: boolean): string[] => {
      const events: string[] = [];
      const visit = (node: TSESTree.Node, parent: TSESTree.Node | undefined) => {
        if (parent && runtimeOnly && (always.has(node.type) || (whenDeclared.has(node.type) && (node as { declare?: boolean }).declare === true))) return;
        events.push(`enter ${node.type} ${node.range.join('-')} under ${parent ? parent.range.join('-') : 'none'}`);
        for (const key of (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? []) {
          if (runtimeOnly && typeKeys.has(key)) continue;
          const child = (node as unknown as Record<string, unknown>)[key];
          for (const each of Array.isArray(child) ? child : [child]) if (each && typeof (each as TSESTree.Node).type === 'string') visit(each as TSESTree.Node, node);
        }
        if (exitTypes.has(node.type)) events.push(`exit ${node.type} ${node.range.join('-')}`);
      };
      visit(root, undefined);
      return events;
    };
    const files: string[] = [];
    const collect = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.name === 'node_modules') continue;
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) collect(full);
        else if (isSourceFile(entry.name)) files.push(full);
      }
    };
    // JavaScript apps, and TypeScript with every kind of type-only node (the engine's own core).
    for (const folder of ['examples/legacy-shop', 'test/fixtures/workspaces', 'src/engine/core']) collect(path.join(repositoryRoot, folder));
    let compared = 0;
    for (const file of files) {
      for (const runtimeOnly of [false, true]) {
        const parsed = parseSource(file, readFileSync(file, 'utf8'));
        assert.ok(parsed.ok, file);
        const events: string[] = [];
        walk(parsed.program, (node) => {
          const parent = (node as { parent?: TSESTree.Node }).parent;
          events.push(`enter ${node.type} ${node.range.join('-')} under ${node === parsed.program ? 'none' : parent!.range.join('-')}`);
        }, (node) => events.push(`exit ${node.type} ${node.range.join('-')}`), { runtimeOnly, exitTypes });
        assert.deepEqual(events, expected(parsed.program, runtimeOnly), `${file}, runtimeOnly ${runtimeOnly}`);
        compared += events.length;
      }
    }
    assert.ok(files.length > 40 && compared > 40_000, `${files.length} files, ${compared} events`);
  });
});
