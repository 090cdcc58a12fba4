/**
 * Writes a synthetic TypeScript workspace for the graph benchmark: MODULES modules in folders of 50,
 * each importing three others (static, type-only, and every tenth a dynamic import), through relative
 * paths and a tsconfig `paths` alias, with a few package and core-module imports and planted cycles.
 * Deterministic (a fixed-seed generator), so every run measures the same tree.
 *
 *   node --import tsx bench/syntheticWorkspace.ts [MODULES] [DIR]   → prints the folder it wrote
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const FOLDER_SIZE = 50;
const PACKAGES = ['express', 'pg', 'ioredis', 'lodash'];
const CORE_MODULES = ['node:fs', 'node:path', 'node:http', 'events'];

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

export interface SyntheticWorkspace {
  root: string;
  modules: number;
  /** Workspace-relative path of module `index`. */
  fileOf(index: number): string;
}

function fileOf(index: number): string {
  return `src/area${Math.floor(index / FOLDER_SIZE)}/module${index}.ts`;
}

function relativeSpecifier(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to).replace(/\.ts$/, '');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Writes the workspace into `root` (created when missing) or a new temporary folder. */
export function writeSyntheticWorkspace(modules: number, root?: string): SyntheticWorkspace {
  const target = root ?? mkdtempSync(path.join(tmpdir(), `cloudward-graph-${modules}-`));
  const random = generator(modules);
  mkdirSync(target, { recursive: true });
  writeFileSync(
    path.join(target, 'package.json'),
    JSON.stringify({ name: 'synthetic', version: '1.0.0', private: true, dependencies: Object.fromEntries(PACKAGES.map((name) => [name, '*'])) }, null, 2),
  );
  writeFileSync(
    path.join(target, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, baseUrl: '.', paths: { '@app/*': ['src/*'] } }, include: ['src'] }, null, 2),
  );
  for (let index = 0; index < modules; index++) {
    const file = fileOf(index);
    mkdirSync(path.join(target, path.posix.dirname(file)), { recursive: true });
    const lines: string[] = [];
    const targets = new Set<number>();
    // Mostly forward imports (a layered tree), one in thirty backward: cycles, as real code has them.
    while (targets.size < Math.min(3, modules - 1)) {
      const backward = random() < 1 / 30;
      const candidate = backward ? Math.floor(random() * index) : index + 1 + Math.floor(random() * Math.min(200, modules));
      if (candidate !== index && candidate < modules && candidate >= 0) targets.add(candidate);
      else if (index === modules - 1) targets.add(Math.floor(random() * index));
    }
    let position = 0;
    for (const other of targets) {
      const viaAlias = random() < 0.3;
      const specifier = viaAlias ? `@app/${fileOf(other).slice('src/'.length).replace(/\.ts$/, '')}` : relativeSpecifier(file, fileOf(other));
      if (position === 1 && index % 4 === 0) lines.push(`import type { Shape${other} } from '${specifier}';`);
      else if (position === 2 && index % 10 === 0) lines.push(`export const load${other} = () => import('${specifier}');`);
      else lines.push(`import { value${other} } from '${specifier}';`);
      position++;
    }
    if (index % 7 === 0) lines.push(`import { readFileSync } from '${CORE_MODULES[index % CORE_MODULES.length]}';`);
    if (index % 11 === 0) lines.push(`import lib${index} from '${PACKAGES[index % PACKAGES.length]}';`);
    lines.push('', `export interface Shape${index} { id: number; name: string }`, `export const value${index} = ${index};`);
    for (let filler = 0; filler < 8; filler++) lines.push(`export function work${index}_${filler}(input: Shape${index}): number { return input.id * ${filler} + value${index}; }`);
    writeFileSync(path.join(target, file), `${lines.join('\n')}\n`);
  }
  return { root: target, modules, fileOf };
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 5000);
  const written = writeSyntheticWorkspace(count, process.argv[3]);
  console.log(written.root);
}
