import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { buildGraph, changeAffectsGraph, GraphSession, nodeFileSystem } from '../../../src/engine';
import { temporaryWorkspace } from '../../support/workspace';
import { comparable, importEdges, tsPathsFixture } from './support';

/** Module stems imports may point at: some exist in the fixture, some only after a step creates them. */
const TARGETS = ['src/main', 'src/lib/db', 'src/lib/storage', 'src/config/settings', 'src/util/helper', 'src/util/log', 'src/cycle/a', 'src/orphan', 'src/missing', 'src/lib/nothing', 'src/extra/x', 'src/new'];
/** Files a step may create or delete; `src/missing/index.ts` competes with `src/missing.ts`, `helper.js` with `helper.ts`. */
const CREATABLE = ['src/missing.ts', 'src/missing/index.ts', 'src/lib/nothing.ts', 'src/extra/x.ts', 'src/new.ts', 'src/util/helper.js', 'src/data.json'];
const EXISTING = ['src/main.ts', 'src/lib/db.ts', 'src/util/log.ts', 'src/cycle/b.ts', 'src/orphan.ts', 'src/broken.ts', 'scripts/seed.js'];

type Import = { target: string; form: 'relative' | 'alias'; kind: 'static' | 'type' | 'dynamic' | 'require' };
type Step =
  | { op: 'write'; file: string; imports: Import[] }
  | { op: 'delete'; file: string }
  | { op: 'touch'; file: string }
  | { op: 'write-json'; file: string }
  | { op: 'write-log'; file: string };

function specifier(from: string, target: string, form: Import['form']): string {
  if (form === 'alias' && target.startsWith('src/lib/')) return `@lib/${target.slice('src/lib/'.length)}`;
  if (form === 'alias' && target === 'src/config/settings') return '@config';
  const relative = path.posix.relative(path.posix.dirname(from), target);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

function sourceOf(file: string, imports: Import[]): string {
  const lines = imports.map((entry, index) => {
    const name = specifier(file, entry.target, entry.form);
    if (file.endsWith('.js') || entry.kind === 'require') return `const m${index} = require('${name}');`;
    if (entry.kind === 'type') return `import type { T${index} } from '${name}';`;
    if (entry.kind === 'dynamic') return `export const load${index} = () => import('${name}');`;
    return `import * as m${index} from '${name}';`;
  });
  return `${lines.join('\n')}\nexport const value = ${imports.length};\n`;
}

const importArbitrary = fc.record({
  target: fc.constantFrom(...TARGETS),
  form: fc.constantFrom('relative' as const, 'alias' as const),
  kind: fc.constantFrom('static' as const, 'type' as const, 'dynamic' as const, 'require' as const),
});

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('write' as const), file: fc.constantFrom(...EXISTING, ...CREATABLE.filter((file) => !file.endsWith('.json'))), imports: fc.array(importArbitrary, { maxLength: 4 }) }),
  fc.record({ op: fc.constant('delete' as const), file: fc.constantFrom(...EXISTING, ...CREATABLE, 'src/config/defaults.json') }),
  fc.record({ op: fc.constant('touch' as const), file: fc.constantFrom(...EXISTING) }),
  fc.record({ op: fc.constant('write-json' as const), file: fc.constant('src/data.json') }),
);
/** What a running app writes beside its code: created once, then changed at every line it logs. */
const withLogs: fc.Arbitrary<Step> = fc.oneof(stepArbitrary, fc.record({ op: fc.constant('write-log' as const), file: fc.constantFrom('logs/app.log', 'src/uploads/a.png') }));

/** As a file watcher reports a step: the path, and whether the file was created, changed or deleted. */
function watched(root: string, step: Step): { file: string; change: 'created' | 'changed' | 'deleted' }[] {
  const existed = existsSync(path.join(root, step.file));
  if (step.op === 'write-log') {
    mkdirSync(path.dirname(path.join(root, step.file)), { recursive: true });
    appendFileSync(path.join(root, step.file), 'a line\n');
    return [{ file: step.file, change: existed ? 'changed' : 'created' }];
  }
  return apply(root, step).map((file) => ({ file, change: step.op === 'delete' ? 'deleted' : existed ? 'changed' : 'created' }));
}

function apply(root: string, step: Step): string[] {
  const absolute = path.join(root, step.file);
  if (step.op === 'delete') {
    if (!existsSync(absolute)) return [];
    rmSync(absolute);
    return [absolute];
  }
  if (step.op === 'write-log') throw new Error('write-log steps are applied by watched()');
  if (step.op === 'touch') {
    // Saved again without a change: the content hash says there is nothing to do.
    if (existsSync(absolute)) appendFileSync(absolute, '');
    return [absolute];
  }
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, step.op === 'write-json' ? '{ "generated": true }\n' : sourceOf(step.file, step.imports));
  return [step.file];
}

/** Applies each batch to a copy of the fixture, updates a session with the paths `changesOf` gives, and compares with a cold build. */
async function updatesMatchColdBuilds(batches: Step[][], changesOf: (root: string, batch: Step[], session: GraphSession) => string[]): Promise<void> {
  const workspace = temporaryWorkspace({}, tsPathsFixture);
  try {
    const session = await GraphSession.open(workspace.root, { fs: nodeFileSystem });
    for (const batch of batches) {
      const updated = await session.update(changesOf(workspace.root, batch, session));
      const cold = await buildGraph(workspace.root, { fs: nodeFileSystem });
      assert.deepEqual(comparable(updated), comparable(cold), JSON.stringify(batch));
    }
  } finally {
    workspace.dispose();
  }
}

describe('dependency graph: incremental updates (unit)', function () {
  this.timeout(600_000);

  it('after edits, new files and deletions, an update equals a cold build of the same tree (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(stepArbitrary, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (batches) =>
        updatesMatchColdBuilds(batches, (root, batch) => batch.flatMap((step) => apply(root, step))),
      ),
      { numRuns: 8, seed: 20261126, endOnFailure: true },
    );
  });

  it('given only the changes changeAffectsGraph keeps (no edit of a log or an upload), an update still equals a cold build (property)', async () => {
    let dropped = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(withLogs, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (batches) =>
        updatesMatchColdBuilds(batches, (root, batch, session) => {
          const events = batch.flatMap((step) => watched(root, step));
          const drawn = new Set(session.model.modules.map((module) => module.file));
          const kept = events.filter(({ file, change }) => changeAffectsGraph(path.relative(root, path.resolve(root, file)), change, drawn));
          dropped += events.length - kept.length;
          return kept.map(({ file }) => file);
        }),
      ),
      { numRuns: 8, seed: 20261127, endOnFailure: true },
    );
    assert.ok(dropped > 0, 'the runs edited a log or an upload, which the filter let pass');
  });

  it('changeAffectsGraph lets edits of what the graph does not draw pass, never a creation or a deletion', () => {
    const drawn = new Set(['src/config/defaults.json']);
    const table: [string, 'created' | 'changed' | 'deleted', boolean][] = [
      ['src/app.ts', 'changed', true],
      ['lib/db.mjs', 'changed', true],
      ['package.json', 'changed', true],
      ['tsconfig.build.json', 'changed', true],
      ['.gitignore', 'changed', true],
      ['src/config/defaults.json', 'changed', true],
      ['logs/app.log', 'changed', false],
      ['public/uploads/a.png', 'changed', false],
      ['README.md', 'changed', false],
      ['logs/app.log', 'created', true],
      ['public/uploads/a.png', 'deleted', true],
      ['node_modules/express/index.js', 'changed', false],
      ['node_modules/express/index.js', 'created', false],
      ['.git/index', 'changed', false],
    ];
    assert.deepEqual(table.map(([file, change]) => [file, change, changeAffectsGraph(file, change, drawn)]), table);
  });

  it('re-extracts only the changed file: a new import appears, a removed one goes, and the update is marked cached', async () => {
    const workspace = temporaryWorkspace({}, tsPathsFixture);
    try {
      const session = await GraphSession.open(workspace.root, { fs: nodeFileSystem });
      assert.ok(!importEdges(session.model).includes('src/orphan.ts -> src/util/helper.ts import'));
      writeFileSync(path.join(workspace.root, 'src/orphan.ts'), "import { helper } from './util/helper';\nexport const unused = helper('x');\n");
      const updated = await session.update([path.join(workspace.root, 'src/orphan.ts')]);
      assert.ok(importEdges(updated).includes('src/orphan.ts -> src/util/helper.ts import'));
      assert.deepEqual(updated.orphans, []);
      assert.equal(updated.stats.cached, true);
      // Saved again unchanged, or a package installed: nothing to redo, the same model comes back.
      assert.equal(await session.update(['src/orphan.ts', 'node_modules/express/package.json']), updated);
    } finally {
      workspace.dispose();
    }
  });

  it('a created file captures the imports that could not resolve before, a deleted one breaks them again', async () => {
    const workspace = temporaryWorkspace({}, tsPathsFixture);
    try {
      const session = await GraphSession.open(workspace.root, { fs: nodeFileSystem });
      writeFileSync(path.join(workspace.root, 'src/lib/nothing.ts'), 'export const nothing = 0;\n');
      const created = await session.update(['src/lib/nothing.ts']);
      assert.ok(importEdges(created).includes('src/broken.ts -> src/lib/nothing.ts import'));
      assert.deepEqual(created.unresolved, [{ from: 'module:src/broken.ts', specifier: './missing' }]);
      rmSync(path.join(workspace.root, 'src/lib/nothing.ts'));
      const deleted = await session.update(['src/lib/nothing.ts']);
      assert.deepEqual(deleted.unresolved?.map((entry) => entry.specifier), ['./missing', '@lib/nothing']);
      rmSync(path.join(workspace.root, 'src/cycle'), { recursive: true });
      const folderGone = await session.update(['src/cycle']);
      assert.deepEqual(folderGone.cycles, []);
      assert.ok(!folderGone.modules.some((module) => module.file.startsWith('src/cycle/')));
    } finally {
      workspace.dispose();
    }
  });

  it('a changed tsconfig rebuilds: a new alias resolves everywhere', async () => {
    const workspace = temporaryWorkspace({}, tsPathsFixture);
    try {
      const session = await GraphSession.open(workspace.root, { fs: nodeFileSystem });
      writeFileSync(
        path.join(workspace.root, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/nothing': ['src/orphan.ts'], '@lib/*': ['src/lib/*'], '@config': ['src/config/settings.ts'] } }, include: ['src'] }),
      );
      const updated = await session.update(['tsconfig.json']);
      assert.ok(importEdges(updated).includes('src/broken.ts -> src/orphan.ts import'));
      assert.deepEqual(comparable(updated), comparable(await buildGraph(workspace.root, { fs: nodeFileSystem })));
    } finally {
      workspace.dispose();
    }
  });
});
