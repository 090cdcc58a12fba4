import * as assert from 'node:assert/strict';
import { gitignoreToDockerignore, pnpmWorkspacePackages, workspaceMatcher } from '../../../src/engine/scaffold/detect';
import { detectStartCommand, type StartInput } from '../../../src/engine/scaffold/startCommand';

function start(scripts: Record<string, string>, extra: Partial<StartInput> = {}) {
  return detectStartCommand({ scripts, hasFile: () => false, built: false, ...extra });
}

describe('Dockerfile scaffold: start command (unit)', () => {
  it('unwraps node commands from env assignments, cross-env, dotenv and chains', () => {
    assert.deepEqual(start({ start: 'node server.js' }).argv, ['node', 'server.js']);
    assert.deepEqual(start({ start: 'NODE_ENV=production node --max-old-space-size=512 ./bin/www' }).argv, ['node', '--max-old-space-size=512', './bin/www']);
    assert.deepEqual(start({ start: 'cross-env NODE_ENV=production node -r dotenv/config index.js' }).argv, ['node', '-r', 'dotenv/config', 'index.js']);
    assert.deepEqual(start({ start: 'dotenv -e .env -- node app.js' }).argv, ['node', 'app.js']);
    assert.deepEqual(start({ start: 'npm run migrate && node dist/index.js', migrate: 'knex migrate:latest' }).argv, ['node', 'dist/index.js']);
    assert.deepEqual(start({ start: 'node --inspect=0.0.0.0:9229 server.js' }).argv, ['node', 'server.js']);
    assert.deepEqual(start({ start: 'npm run serve', serve: 'node lib/server.js' }).argv, ['node', 'lib/server.js']);
  });

  it('replaces development runners by node, and prefers start:prod to a dev start', () => {
    assert.deepEqual(start({ start: 'nodemon --watch src src/index.js' }).argv, ['node', 'src/index.js']);
    assert.deepEqual(start({ start: 'pm2-runtime start app.js -i max' }).argv, ['node', 'app.js']);
    assert.deepEqual(start({ start: 'pm2-runtime start ecosystem.config.js' }).argv, ['npm', 'start'], 'the ecosystem file lists the apps');
    assert.deepEqual(start({ start: 'nest start', 'start:prod': 'node dist/main' }).argv, ['node', 'dist/main']);
    assert.deepEqual(start({ start: 'ts-node src/index.ts', 'start:prod': 'node build/index.js' }).argv, ['node', 'build/index.js']);
  });

  it('maps a TypeScript entry to its compiled file when there is a build, else runs npm start', () => {
    const compiled = (file: string) => file.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
    const built = start({ start: 'ts-node src/index.ts', build: 'tsc' }, { built: true, compiled });
    assert.deepEqual(built.argv, ['node', 'dist/index.js']);
    assert.ok(built.notes.includes('scripts.start ("ts-node src/index.ts") runs src/index.ts; the image runs the compiled dist/index.js'));
    const unbuilt = start({ start: 'tsx src/index.ts' });
    assert.deepEqual(unbuilt.argv, ['npm', 'start']);
  });

  it('falls back to npm start, server.js, main and the listening entry point', () => {
    const framework = start({ start: 'next start -p 3000' });
    assert.deepEqual(framework.argv, ['npm', 'start']);
    assert.match(framework.notes[0], /^scripts\.start runs `next start -p 3000`: the image runs `npm start`/);
    assert.deepEqual(start({}, { hasFile: (file) => file === 'server.js' }).argv, ['node', 'server.js']);
    assert.deepEqual(start({}, { main: 'lib/app.js' }).source, 'main (lib/app.js)');
    assert.deepEqual(start({ test: 'mocha' }, { entry: 'src/listen.js' }).argv, ['node', 'src/listen.js']);
    assert.deepEqual(start({}).argv, ['npm', 'start']);
  });
});

describe('Dockerfile scaffold: workspace files (unit)', () => {
  it('matches workspace globs and reads pnpm-workspace.yaml', () => {
    const matches = workspaceMatcher(['packages/*', 'apps/**', '!apps/legacy']);
    assert.deepEqual(['packages/a', 'packages/a/b', 'apps/web', 'apps/group/api', 'apps/legacy', 'tools/x'].map(matches), [true, false, true, true, false, false]);
    assert.deepEqual(pnpmWorkspacePackages("# comment\npackages:\n  - 'packages/*'\n  - \"apps/*\" # apps\n  - '!**/test/**'\ncatalog:\n  react: ^18\n"), ['packages/*', 'apps/*', '!**/test/**']);
  });

  it('turns .gitignore lines into .dockerignore lines, keeping the files the build copies', () => {
    const gitignore = '# deps\nnode_modules/\n/build\nlogs\n*.sqlite\ndata/*.db\npublic/uploads/\n!keep.log\npackage-lock.json\n\\#weird\n';
    assert.deepEqual(gitignoreToDockerignore(gitignore, '', new Set(['package-lock.json'])), ['**/node_modules', 'build', '**/logs', '**/*.sqlite', 'data/*.db', 'public/uploads', '!**/keep.log']);
    assert.deepEqual(gitignoreToDockerignore('tmp/\n/out\n', 'apps/api', new Set()), ['apps/api/**/tmp', 'apps/api/out']);
  });
});
