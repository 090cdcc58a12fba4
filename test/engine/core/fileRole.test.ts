import * as assert from 'node:assert/strict';
import { classifyFile } from '../../../src/engine/core/fileRole';

describe('file roles (unit)', () => {
  it('declaration files of every TypeScript spelling are declarations, wherever they sit', () => {
    for (const file of ['index.d.ts', 'lib/types.d.mts', 'lib/types.d.cts', 'src/styles.d.css.ts', 'test/globals.d.ts', 'scripts/env.d.ts']) {
      assert.equal(classifyFile(file), 'declaration', file);
    }
  });

  it('files that only look like declarations keep their role', () => {
    for (const [file, role] of [
      ['src/build.ts', 'runtime'],
      ['src/d.ts', 'runtime'],
      ['src/odd.ts', 'runtime'],
      ['src/types.d.js', 'runtime'],
      ['src/app.d.tsx', 'runtime'],
      ['test/app.test.ts', 'test'],
      ['webpack.config.js', 'build'],
    ] as const) {
      assert.equal(classifyFile(file), role, file);
    }
  });
});
