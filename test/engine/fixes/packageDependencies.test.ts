import * as assert from 'node:assert/strict';
import { applyTextEdits } from '../../../src/engine/fixes/combine';
import { addDependenciesEdit } from '../../../src/engine/fixes/packageDependencies';
import type { PackageManifest, ProjectInfo } from '../../../src/engine/types';

function projectWith(files: Record<string, string>): ProjectInfo {
  const packages = new Map<string, PackageManifest>();
  for (const file of Object.keys(files).filter((name) => name.endsWith('package.json'))) {
    packages.set(file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '', { dependencies: {}, devDependencies: {}, scripts: {} });
  }
  return { allFiles: new Set(Object.keys(files)), packages, configTexts: new Map(Object.entries(files)) };
}

function added(manifest: string, dependencies: Record<string, string>, sourceFile = 'src/app.js'): string | undefined {
  const edit = addDependenciesEdit(projectWith({ 'package.json': manifest }), sourceFile, dependencies);
  return edit && applyTextEdits(manifest, [edit]);
}

describe('package.json dependency edits (unit)', () => {
  it('adds to a sorted dependencies list in order, keeping the indentation', () => {
    const manifest = '{\n    "name": "shop",\n    "dependencies": {\n        "express": "^4.18.2",\n        "mongoose": "^8.0.0"\n    }\n}\n';
    assert.equal(
      added(manifest, { 'connect-redis': '^7.1.1', redis: '^4.7.0' }),
      '{\n    "name": "shop",\n    "dependencies": {\n        "connect-redis": "^7.1.1",\n        "express": "^4.18.2",\n        "mongoose": "^8.0.0",\n        "redis": "^4.7.0"\n    }\n}\n',
    );
  });

  it('creates the dependencies object when the manifest has none', () => {
    const result = added('{\n  "name": "shop"\n}\n', { '@aws-sdk/client-s3': '^3.600.0' });
    assert.deepEqual(JSON.parse(result ?? ''), { name: 'shop', dependencies: { '@aws-sdk/client-s3': '^3.600.0' } });
  });

  it('changes nothing for packages already listed as dependencies or devDependencies', () => {
    const manifest = '{"dependencies":{"redis":"^4.0.0"},"devDependencies":{"connect-redis":"^7.0.0"}}';
    assert.equal(addDependenciesEdit(projectWith({ 'package.json': manifest }), 'app.js', { redis: '^4.7.0', 'connect-redis': '^7.1.1' }), undefined);
  });

  it('is idempotent: a second application adds nothing', () => {
    const once = added('{"dependencies":{"express":"4.18.2"}}', { redis: '^4.7.0' }) ?? '';
    assert.equal(added(once, { redis: '^4.7.0' }), undefined);
  });

  it('edits the manifest of the app the source file belongs to, and only the changed span', () => {
    const project = projectWith({ 'package.json': '{"workspaces":["packages/*"]}', 'packages/api/package.json': '{\n  "dependencies": {}\n}\n' });
    const edit = addDependenciesEdit(project, 'packages/api/src/server.js', { redis: '^4.7.0' });
    assert.equal(edit?.file, 'packages/api/package.json');
    assert.ok(edit && edit.range[0] > 0, 'the edit starts inside the file, not at 0');
  });

  it('leaves a manifest that is not JSON alone', () => {
    assert.equal(addDependenciesEdit(projectWith({ 'package.json': '{ "name": "shop", }' }), 'app.js', { redis: '^4.7.0' }), undefined);
  });
});
