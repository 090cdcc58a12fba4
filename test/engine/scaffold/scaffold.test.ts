import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { nodeFileSystem } from '../../../src/engine';
import { scaffoldDockerfile, ScaffoldError, type ScaffoldResult } from '../../../src/engine/scaffold';
import { legacyShop, temporaryWorkspace } from '../../support/workspace';
import { dockerfileProblems, hadolintAvailable, hadolintProblems } from './lint';

const TODAY = '2026-06-01';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every Dockerfile a test generates, for the hadolint pass at the end. */
const generated: { name: string; text: string }[] = [];

async function scaffold(files: Record<string, string>, options: { app?: string } = {}): Promise<ScaffoldResult> {
  const workspace = temporaryWorkspace(files);
  try {
    const result = await scaffoldDockerfile(workspace.root, { fs: nodeFileSystem }, { ...options, today: TODAY });
    const dockerfile = result.files[0].text;
    assert.deepEqual(dockerfileProblems(dockerfile), [], `dockerfile-utils finds problems in:\n${dockerfile}`);
    generated.push({ name: result.stack.appName, text: dockerfile });
    return result;
  } finally {
    workspace.dispose();
  }
}

function lines(text: string): string[] {
  return text.split('\n');
}

const EXPRESS_TS = `import express from 'express';
import { router } from './routes';

const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ ok: true });
});
app.use('/api', router);

const port = Number(process.env.PORT) || 8080;
app.listen(port, () => console.log(\`listening on \${port}\`));
`;

describe('Dockerfile scaffold: stack detection and rendering (unit)', () => {
  it('npm with a lockfile, TypeScript, a health route, bcrypt and husky', async () => {
    const result = await scaffold({
      'package.json': json({
        name: 'orders-api',
        private: true,
        engines: { node: '>=20' },
        scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/server.js', dev: 'ts-node-dev src/server.ts', prepare: 'husky install' },
        dependencies: { bcrypt: '^5.1.1', express: '^4.19.2' },
        devDependencies: { husky: '^8.0.3', typescript: '^5.4.5', 'ts-node-dev': '^2.0.0' },
      }),
      'package-lock.json': json({ name: 'orders-api', lockfileVersion: 3, requires: true, packages: { '': { name: 'orders-api' }, 'node_modules/bcrypt': { version: '5.1.1', hasInstallScript: true } } }),
      'tsconfig.json': '{\n  // compiled to dist/\n  "compilerOptions": { "outDir": "./dist", "rootDir": "./src", "strict": true, },\n}\n',
      'src/server.ts': EXPRESS_TS,
      'src/routes.ts': "import { Router } from 'express';\nexport const router = Router();\nrouter.get('/orders', (_req, res) => res.json({ db: process.env.DATABASE_URL }));\n",
      '.env.example': 'DATABASE_URL=postgres://localhost:5432/orders\nJWT_SECRET=\n',
      '.gitignore': 'node_modules/\ndist/\n.env\nuploads/\n',
    });
    const { stack } = result;
    assert.equal(stack.node.image, 'node:22.22-bookworm-slim');
    assert.equal(stack.node.source, 'package.json engines.node ">=20"');
    assert.deepEqual({ name: stack.packageManager.name, lockfile: stack.packageManager.lockfile }, { name: 'npm', lockfile: 'package-lock.json' });
    assert.equal(stack.typescript, true);
    assert.deepEqual(stack.build, { command: 'npm run build', source: 'scripts.build ("tsc -p tsconfig.json")', outDir: 'dist' });
    assert.deepEqual(stack.start.argv, ['node', 'dist/server.js']);
    assert.equal(stack.entry, 'src/server.ts');
    assert.deepEqual(stack.port, { value: 8080, source: 'src/server.ts:11 reads PORT (default 8080)', fromEnvironment: true });
    assert.deepEqual(stack.health, { path: '/healthz', file: 'src/server.ts', line: 5 });
    assert.deepEqual(stack.nativeModules, ['bcrypt']);
    assert.equal(stack.dropPrepareScript, true);
    assert.deepEqual(
      stack.environment.map((variable) => `${variable.name}${variable.secret ? ' (secret)' : ''} ${variable.files.join(',')} ${variable.fallback ?? ''}`.trim()),
      ['DATABASE_URL .env.example,src/routes.ts postgres://localhost:5432/orders', 'JWT_SECRET (secret) .env.example'],
    );
    const dockerfile = lines(result.files[0].text);
    assert.ok(dockerfile.includes('COPY package.json package-lock.json ./'));
    assert.ok(dockerfile.includes('RUN npm ci'), 'the build needs the dev dependencies');
    assert.deepEqual(dockerfile.slice(dockerfile.indexOf('RUN npm run build \\'), dockerfile.indexOf('RUN npm run build \\') + 2), ['RUN npm run build \\', '    && npm prune --omit=dev']);
    assert.ok(dockerfile.includes('    && apt-get install -y --no-install-recommends python3 make g++ \\'));
    assert.ok(dockerfile.includes('ENV PORT=8080'));
    assert.ok(dockerfile.includes('EXPOSE 8080'));
    assert.ok(
      dockerfile.includes(
        `    CMD ["node", "-e", "require('http').get('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz',(r)=>process.exit(r.statusCode<400?0:1)).on('error',()=>process.exit(1))"]`,
      ),
    );
    assert.equal(dockerfile.at(-2), 'CMD ["node", "dist/server.js"]');
    assert.ok(dockerfile.includes('#   JWT_SECRET    secret  .env.example'));
    const dockerignore = lines(result.files[1].text);
    assert.equal(result.files[1].path, '.dockerignore');
    assert.ok(dockerignore.includes('dist'), 'the build output is rebuilt in the image');
    assert.ok(dockerignore.includes('**/uploads'));
    assert.ok(!dockerignore.includes('**/node_modules/'));
    assert.equal(dockerignore.filter((line) => line === '**/node_modules').length, 1, 'no duplicate of the standard lines');
  });

  it('Yarn 1 with express-generator bin/www, .nvmrc and a husky prepare script', async () => {
    const result = await scaffold({
      'package.json': json({
        name: 'shop-admin',
        version: '0.0.0',
        private: true,
        scripts: { start: 'node ./bin/www', prepare: 'husky install' },
        dependencies: { 'cookie-parser': '~1.4.4', express: '~4.16.1', morgan: '~1.9.1' },
        devDependencies: { husky: '^8.0.0' },
      }),
      'yarn.lock': '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\nexpress@~4.16.1:\n  version "4.16.4"\n',
      '.nvmrc': 'v18.19.0\n',
      'bin/www':
        "#!/usr/bin/env node\nvar app = require('../app');\nvar http = require('http');\nvar port = normalizePort(process.env.PORT || '3000');\napp.set('port', port);\nvar server = http.createServer(app);\nserver.listen(port);\nfunction normalizePort(val) {\n  var port = parseInt(val, 10);\n  if (isNaN(port)) return val;\n  return port >= 0 ? port : false;\n}\n",
      'app.js': "var express = require('express');\nvar app = express();\napp.get('/ping', function (req, res) { res.send('pong'); });\nmodule.exports = app;\n",
    });
    const { stack } = result;
    assert.equal(stack.node.image, 'node:18.19-bookworm-slim');
    assert.equal(stack.node.source, '.nvmrc (v18.19.0)');
    assert.deepEqual(result.notes.filter((note) => note.includes('end of life')), ['Node.js 18 reached its end of life on 2025-04-30: it gets no security fixes; move to 22']);
    assert.deepEqual({ name: stack.packageManager.name, berry: stack.packageManager.berry }, { name: 'yarn', berry: false });
    assert.equal(stack.build, undefined);
    assert.deepEqual(stack.start.argv, ['node', './bin/www']);
    assert.equal(stack.entry, 'bin/www', 'the extensionless start file is analysed too');
    assert.deepEqual(stack.port, { value: 3000, source: 'bin/www:7 reads PORT (default 3000)', fromEnvironment: true });
    assert.deepEqual(stack.health, { path: '/ping', file: 'app.js', line: 3 });
    assert.equal(stack.steps.install, 'npm pkg delete scripts.prepare \\\n    && yarn install --frozen-lockfile --production \\\n    && yarn cache clean');
    const dockerfile = result.files[0].text;
    assert.match(dockerfile, /\nCOPY package\.json yarn\.lock \.\/\nRUN npm pkg delete scripts\.prepare \\\n {4}&& yarn install --frozen-lockfile --production \\\n {4}&& yarn cache clean\n\nCOPY \. \.\n/);
    assert.doesNotMatch(dockerfile, /python3 make g\+\+/, 'no native module, no compilers');
  });

  it("Yarn 4 with Plug'n'Play and a TypeScript build", async () => {
    const result = await scaffold({
      'package.json': json({
        name: 'notifier',
        packageManager: 'yarn@4.5.1',
        scripts: { build: 'tsc', start: 'node build/index.js' },
        dependencies: { fastify: '^4.28.1' },
        devDependencies: { typescript: '^5.5.0' },
      }),
      'yarn.lock': '# This file is generated by running "yarn install" inside your project.\n\n__metadata:\n  version: 8\n  cacheKey: 10c0\n',
      '.yarnrc.yml': 'enableTelemetry: false\n',
      'tsconfig.json': json({ compilerOptions: { outDir: 'build', target: 'es2022', module: 'commonjs' }, include: ['src'] }),
      'src/index.ts': "import Fastify from 'fastify';\nconst app = Fastify();\napp.listen({ port: Number(process.env.PORT ?? 4000), host: '0.0.0.0' });\n",
    });
    const { stack } = result;
    assert.deepEqual(
      { name: stack.packageManager.name, berry: stack.packageManager.berry, pnp: stack.packageManager.plugAndPlay, pinned: stack.packageManager.pinned },
      { name: 'yarn', berry: true, pnp: true, pinned: 'yarn@4.5.1' },
    );
    assert.deepEqual(stack.steps, {
      setup: ['corepack enable'],
      env: ['YARN_NODE_LINKER=node-modules'],
      install: 'yarn install --immutable',
      build: 'yarn run build \\\n    && yarn workspaces focus --all --production',
    });
    assert.deepEqual(stack.manifests, ['package.json', 'yarn.lock', '.yarnrc.yml']);
    assert.deepEqual(stack.port, { value: 4000, source: 'src/index.ts:3 reads PORT (default 4000)', fromEnvironment: true });
    assert.equal(stack.entry, 'src/index.ts');
    const dockerfile = lines(result.files[0].text);
    assert.ok(dockerfile.includes('RUN corepack enable'));
    assert.ok(dockerfile.includes('ENV YARN_NODE_LINKER=node-modules'));
    assert.ok(dockerfile.includes('COPY package.json yarn.lock .yarnrc.yml ./'));
    assert.ok(lines(result.files[1].text).includes('.pnp.*'));
    assert.ok(lines(result.files[1].text).includes('build'));
  });

  it('pnpm without packageManager, a fixed port and sharp', async () => {
    const result = await scaffold({
      'package.json': json({
        name: 'thumbnails',
        engines: { node: '^20.12.0' },
        scripts: { start: 'node src/server.js' },
        dependencies: { fastify: '^4.0.0', sharp: '^0.33.4' },
      }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n\nsettings:\n  autoInstallPeers: true\n\nimporters:\n\n  .:\n    dependencies:\n      sharp:\n        specifier: ^0.33.4\n        version: 0.33.4\n",
      'src/server.js':
        "const fastify = require('fastify')({ logger: true });\nfastify.get('/health', async () => ({ status: 'ok' }));\nfastify.listen({ port: 4000, host: '0.0.0.0' }, (err) => { if (err) process.exit(1); });\n",
    });
    const { stack } = result;
    assert.equal(stack.node.image, 'node:20.20-bookworm-slim');
    assert.deepEqual({ name: stack.packageManager.name, lockfile: stack.packageManager.lockfile }, { name: 'pnpm', lockfile: 'pnpm-lock.yaml' });
    assert.deepEqual(stack.steps, { setup: ['npm install -g pnpm@10'], env: [], install: 'pnpm install --frozen-lockfile --prod', build: undefined });
    assert.deepEqual(stack.port, { value: 4000, source: 'src/server.js:3 listens on 4000, fixed in code', fromEnvironment: false });
    assert.deepEqual(stack.health, { path: '/health', file: 'src/server.js', line: 2 });
    assert.deepEqual(stack.nativeModules, ['sharp']);
    const dockerfile = lines(result.files[0].text);
    assert.ok(dockerfile.includes('RUN npm install -g pnpm@10'));
    assert.ok(dockerfile.includes("# src/server.js:3 listens on 4000, fixed in code: make it read PORT"));
    assert.ok(dockerfile.includes('CMD ["node", "src/server.js"]'));
  });

  it('npm workspaces: builds the app that listens with the root lockfile', async () => {
    const files = {
      'package.json': json({ name: 'platform', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'package-lock.json': json({ name: 'platform', lockfileVersion: 3, packages: { '': { workspaces: ['apps/*', 'packages/*'] } } }),
      'apps/api/package.json': json({
        name: '@platform/api',
        scripts: { build: 'tsc -p .', start: 'node dist/main.js' },
        dependencies: { '@platform/shared': '*', express: '^4.19.2' },
        devDependencies: { typescript: '^5.4.0' },
      }),
      'apps/api/tsconfig.json': json({ compilerOptions: { outDir: 'dist', rootDir: 'src' } }),
      'apps/api/src/main.ts': "import express from 'express';\nconst app = express();\napp.get('/api/health', (_req, res) => res.send('ok'));\napp.listen(process.env.PORT ?? 3001);\n",
      'apps/web/package.json': json({ name: '@platform/web', scripts: { build: 'vite build' }, dependencies: { react: '^18.3.0' } }),
      'apps/web/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')!);\n",
      'packages/shared/package.json': json({ name: '@platform/shared', main: 'index.js' }),
      'packages/shared/index.js': 'module.exports = { currency: (n) => n.toFixed(2) };\n',
    };
    const result = await scaffold(files);
    const { stack } = result;
    assert.equal(stack.app, 'apps/api');
    assert.equal(stack.appName, '@platform/api');
    assert.deepEqual(stack.workspaces, { packages: ['apps/api', 'apps/web', 'packages/shared'], source: 'package.json workspaces' });
    assert.deepEqual(stack.manifests, ['package.json', 'package-lock.json', 'apps/api/package.json', 'apps/web/package.json', 'packages/shared/package.json']);
    assert.deepEqual(stack.build, { command: 'npm run build --workspace=apps/api', source: 'scripts.build ("tsc -p .")', outDir: 'dist' });
    assert.deepEqual(stack.start.argv, ['node', 'dist/main.js']);
    assert.equal(stack.entry, 'apps/api/src/main.ts');
    assert.deepEqual(stack.port, { value: 3001, source: 'apps/api/src/main.ts:4 reads PORT (default 3001)', fromEnvironment: true });
    assert.deepEqual(stack.health, { path: '/api/health', file: 'apps/api/src/main.ts', line: 3 });
    assert.deepEqual(
      result.files.map((file) => [file.path, file.besidePath]),
      [
        ['apps/api/Dockerfile', 'apps/api/Dockerfile.cloudward'],
        ['apps/api/Dockerfile.dockerignore', 'apps/api/Dockerfile.cloudward.dockerignore'],
      ],
    );
    const dockerfile = lines(result.files[0].text);
    assert.ok(dockerfile.includes('#   docker build -f apps/api/Dockerfile -t platform/api .'));
    assert.ok(dockerfile.includes('COPY package.json package-lock.json ./'));
    assert.ok(dockerfile.includes('COPY packages/shared/package.json ./packages/shared/'));
    assert.ok(dockerfile.includes('WORKDIR /app/apps/api'));
    assert.ok(lines(result.files[1].text).includes('apps/api/dist'));
  });

  it('pnpm workspace with packageManager and two servers: the one with a start script, or the one asked for', async () => {
    const files = {
      'package.json': json({ name: 'monorepo', private: true, packageManager: 'pnpm@9.15.4+sha512.b2dc20e2fc72b3e18848459b37359a32064663e5627a51e4c74b2c29dd8e8e0491483c3abb40789cfd578bf362fb6ba8261b05f0387d76792ed6e23ea3b1b6a0' }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'pnpm-workspace.yaml': "packages:\n  - 'services/*'\n  - '!services/legacy'\n",
      'services/gateway/package.json': json({ name: 'gateway', scripts: { start: 'node index.js' }, dependencies: { koa: '^2.15.0' } }),
      'services/gateway/index.js': "const Koa = require('koa');\nconst app = new Koa();\napp.listen(process.env.PORT || 7000);\n",
      'services/metrics/package.json': json({ name: 'metrics', dependencies: {} }),
      'services/metrics/server.js': "require('http').createServer((req, res) => res.end()).listen(9100);\n",
      'services/legacy/package.json': json({ name: 'legacy' }),
    };
    const result = await scaffold(files);
    const { stack } = result;
    assert.equal(stack.app, 'services/gateway');
    assert.deepEqual(stack.workspaces, { packages: ['services/gateway', 'services/metrics'], source: 'pnpm-workspace.yaml' });
    assert.deepEqual(stack.steps.setup, ['npm install -g pnpm@9.15.4']);
    assert.deepEqual(stack.manifests, ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'services/gateway/package.json', 'services/metrics/package.json']);
    assert.deepEqual(stack.port, { value: 7000, source: 'services/gateway/index.js:3 reads PORT (default 7000)', fromEnvironment: true });
    assert.ok(result.notes.includes('other workspace packages start servers too (services/metrics): each needs its own image; pass the app\'s folder to generate it'));

    const metrics = await scaffold(files, { app: 'services/metrics' });
    assert.equal(metrics.stack.app, 'services/metrics');
    assert.deepEqual(metrics.stack.start, { argv: ['node', 'server.js'], source: "npm's default start (server.js)", file: 'server.js' });
    assert.equal(metrics.stack.port.value, 9100);
    assert.ok(lines(metrics.files[0].text).includes('WORKDIR /app/services/metrics'));
    await assert.rejects(scaffold(files, { app: 'services/nothing' }), ScaffoldError);
  });

  it('a server package beside a client, outside any workspace, is built from its own folder', async () => {
    const result = await scaffold({
      'package.json': json({ name: 'shop-client', private: true, scripts: { build: 'react-scripts build' }, dependencies: { react: '^17.0.2' } }),
      'package-lock.json': json({ lockfileVersion: 2, packages: {} }),
      'src/index.js': "import React from 'react';\n",
      'server/package.json': json({ name: 'shop-server', scripts: { start: 'node index.js' }, dependencies: { express: '^4.17.1' } }),
      'server/package-lock.json': json({ lockfileVersion: 2, packages: {} }),
      'server/index.js': "const app = require('express')();\napp.listen(process.env.PORT || 5000);\n",
    });
    const { stack } = result;
    assert.deepEqual({ context: stack.context, app: stack.app, appName: stack.appName, entry: stack.entry }, { context: 'server', app: '', appName: 'shop-server', entry: 'index.js' });
    assert.deepEqual(stack.manifests, ['package.json', 'package-lock.json']);
    assert.deepEqual(result.files.map((file) => file.path), ['server/Dockerfile', 'server/.dockerignore']);
    assert.ok(result.notes.includes('the server is the package in server/ (the root package starts nothing): the image is built from that folder'));
    assert.ok(lines(result.files[0].text).includes('#   docker build -t shop-server server'));
    assert.ok(lines(result.files[0].text).includes('CMD ["node", "index.js"]'));
  });

  it('no lockfile: npm install, main as the start command, a port from the environment', async () => {
    const result = await scaffold({
      'package.json': json({ name: 'hello', main: 'index.js', dependencies: {} }),
      'index.js': "const http = require('http');\nconst PORT = process.env.PORT ?? 5000;\nhttp.createServer((req, res) => res.end('hi')).listen(PORT);\n",
    });
    const { stack } = result;
    assert.deepEqual({ name: stack.packageManager.name, lockfile: stack.packageManager.lockfile, source: stack.packageManager.source }, { name: 'npm', lockfile: undefined, source: 'no lockfile' });
    assert.equal(stack.steps.install, 'npm install --omit=dev');
    assert.deepEqual(stack.start, { argv: ['node', 'index.js'], source: 'main (index.js)', file: 'index.js' });
    assert.deepEqual(stack.port, { value: 5000, source: 'index.js:3 reads PORT (default 5000)', fromEnvironment: true });
    assert.equal(stack.node.source, 'default: LTS 22');
    assert.equal(stack.health, undefined);
    const dockerfile = result.files[0].text;
    assert.match(dockerfile, /\nCOPY package\.json \.\/\n# No lockfile: versions are resolved at build time\. Commit one for repeatable images\.\nRUN npm install --omit=dev\n/);
    assert.doesNotMatch(dockerfile, /HEALTHCHECK/);
    assert.ok(result.notes.includes('no package-lock.json: versions are resolved at build time; commit a lockfile for repeatable images'));
  });

  it('an install script that runs a project file gets the sources before the install', async () => {
    const result = await scaffold({
      'package.json': json({ name: 'legacy', scripts: { start: 'nodemon app.js', postinstall: 'node scripts/copy-assets.js' }, dependencies: { express: '^4.0.0' }, devDependencies: { nodemon: '^3.0.0' } }),
      'package-lock.json': json({ lockfileVersion: 3, packages: {} }),
      'app.js': "const app = require('express')();\napp.listen(3000);\n",
      'scripts/copy-assets.js': "require('fs').cpSync('assets', 'public', { recursive: true });\n",
    });
    assert.equal(result.stack.copySourcesBeforeInstall, true);
    assert.deepEqual(result.stack.start.argv, ['node', 'app.js']);
    assert.ok(result.notes.includes('scripts.start ("nodemon app.js") starts through nodemon; the image runs node directly (the platform restarts and scales the container)'));
    const dockerfile = lines(result.files[0].text);
    assert.equal(dockerfile.filter((line) => line === 'COPY . .').length, 1);
    assert.ok(dockerfile.indexOf('COPY . .') < dockerfile.indexOf('RUN npm ci --omit=dev'));
  });

  it('refuses a folder without package.json', async () => {
    const workspace = temporaryWorkspace({ 'main.py': 'print(1)\n' });
    try {
      await assert.rejects(scaffoldDockerfile(workspace.root, { fs: nodeFileSystem }), /no package\.json in .*: Cloudward writes Dockerfiles for Node\.js apps/);
    } finally {
      workspace.dispose();
    }
  });

  it('renders exactly this Dockerfile and .dockerignore for examples/legacy-shop', async () => {
    const result = await scaffoldDockerfile(legacyShop, { fs: nodeFileSystem }, { today: TODAY });
    assert.deepEqual(dockerfileProblems(result.files[0].text), []);
    generated.push({ name: 'legacy-shop', text: result.files[0].text });
    assert.deepEqual(
      result.files.map((file) => ({ path: file.path, exists: file.exists })),
      [
        { path: 'Dockerfile', exists: false },
        { path: '.dockerignore', exists: false },
      ],
    );
    assert.equal(result.files[0].text, LEGACY_SHOP_DOCKERFILE);
    assert.equal(result.files[1].text, LEGACY_SHOP_DOCKERIGNORE);
    assert.equal(path.basename(legacyShop), 'legacy-shop');
  });

  it('every generated Dockerfile passes hadolint at warning level, where hadolint is on PATH', function () {
    if (!hadolintAvailable()) this.skip();
    assert.ok(generated.length >= 10);
    for (const { name, text } of generated) assert.deepEqual(hadolintProblems(text), [], `hadolint on the Dockerfile of ${name}`);
  });
});

const LEGACY_SHOP_DOCKERFILE = `# Dockerfile for legacy-shop, written by Cloudward from what it found in the code.
# Cloudward's docs/DOCKERFILE.md explains every line. Build and run it with:
#   docker build -t legacy-shop .
#   docker run --rm -p 3000:3000 legacy-shop

# Build stage: installs the dependencies; only /app leaves it.
# Node.js 22, the LTS line: the project names no version (engines.node or .nvmrc would pin one).
FROM node:22.22-bookworm-slim AS build
WORKDIR /app

# sqlite3: native code, compiled when no prebuilt binary fits; the compilers stay in this stage.
# hadolint ignore=DL3008
RUN apt-get update \\
    && apt-get install -y --no-install-recommends python3 make g++ \\
    && rm -rf /var/lib/apt/lists/*

# The manifests first: the install layer is rebuilt only when they change.
COPY package.json ./
# No lockfile: versions are resolved at build time. Commit one for repeatable images.
RUN npm install --omit=dev

COPY . .

# Runtime stage: the same Node.js image with the app and its production dependencies only.
FROM node:22.22-bookworm-slim

# tini runs as PID 1: it passes SIGTERM on to node and reaps orphaned child processes.
# hadolint ignore=DL3008
RUN apt-get update \\
    && apt-get install -y --no-install-recommends tini \\
    && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production
# server.js:13 listens on 3000, fixed in code: make it read PORT
# (Cloudward's listen-fixed-port fix) so the platform can choose the port.
ENV PORT=3000

# Settings the app reads from its environment. Set them when the container starts (docker run -e,
# or the platform's settings); secrets come from the platform's secret store, never from this file:
#   MAIL_PASSWORD  secret  lib/mailer.js
#   MAIL_USER              lib/mailer.js
#   REDIS_URL              lib/cache.js, default redis://localhost:6379

WORKDIR /app
# Owned by root: the node user can read the app but not rewrite it.
COPY --from=build /app ./

USER node
EXPOSE 3000
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "server.js"]
`;

const LEGACY_SHOP_DOCKERIGNORE = `# .dockerignore for legacy-shop, written by Cloudward: what \`docker build\` never sends to the build.

# Dependencies are installed inside the image, for its OS and CPU.
**/node_modules

# Version control and editor files.
.git
.vscode
.idea
**/.DS_Store

# Secrets and local settings: the container gets its configuration from the environment.
**/.env
**/.env.*
!**/.env.example

# Logs, test coverage and caches.
**/*.log
logs
coverage
.nyc_output
**/.eslintcache

# Docker's own files.
**/Dockerfile*
**/.dockerignore
**/docker-compose*.yml
**/docker-compose*.yaml
**/compose.yml
**/compose.yaml

# Also ignored by git (.gitignore): local data, uploads and generated files stay out of the image.
**/logs
**/reports
data/*.sqlite
public/uploads
`;
