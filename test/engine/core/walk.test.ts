import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk } from '../../../src/engine/core/walk';
import { parseSource } from '../../../src/engine/parsers/javascript';

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

  it('sets parent before a node is entered', () => {
    const root = program('call(a.b, [c]);', 'src/app.js');
    walk(root, (node) => {
      if (node !== root) assert.ok((node as { parent?: TSESTree.Node }).parent, `${node.type} has no parent`);
    }, () => undefined);
  });
});
