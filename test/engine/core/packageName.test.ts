import * as assert from 'node:assert/strict';
import { packageOf } from '../../../src/engine/core/packageName';

describe('package of a module specifier (unit)', () => {
  it('names the package: scoped, deep paths, the node: prefix', () => {
    for (const [specifier, name] of [
      ['@aws-sdk/client-s3/dist-cjs/index.js', '@aws-sdk/client-s3'],
      ['@aws-sdk/client-s3', '@aws-sdk/client-s3'],
      ['aws-sdk/clients/s3', 'aws-sdk'],
      ['lodash/fp', 'lodash'],
      ['firebase-admin', 'firebase-admin'],
      ['node:fs', 'fs'],
      ['node:fs/promises', 'fs'],
      ['@scope', '@scope'],
      ['', ''],
    ]) {
      assert.equal(packageOf(specifier), name, specifier);
    }
  });

  it('agrees with splitting at every slash, for specifiers built from slashes, at signs and names', () => {
    const pieces = ['', '@', 'a', 'node:', '/', '//', 'b-c', '.'];
    const split = (specifier: string) => {
      const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
      const parts = bare.split('/');
      return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    };
    let checked = 0;
    for (const a of pieces) for (const b of pieces) for (const c of pieces) for (const d of pieces) {
      const specifier = a + b + c + d;
      assert.equal(packageOf(specifier), split(specifier), JSON.stringify(specifier));
      checked++;
    }
    assert.equal(checked, pieces.length ** 4);
  });
});
