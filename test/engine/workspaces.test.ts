import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeWorkspace, nodeFileSystem } from '../../src/engine';
import { legacyShop, repositoryRoot } from '../support/workspace';

/**
 * Realistic legacy apps with planted blockers (each folder's README lists them): Cloudward must find
 * exactly these, by file, line and category — no false alarm, nothing missed.
 */
const EXPECTED: Record<string, string[]> = {
  [legacyShop]: [
    '.env:4 hardcoded-secret',
    'app.js:16 local-fs-read-data',
    'app.js:20 in-memory-session-state',
    'app.js:21 hardcoded-secret',
    'db.js:5 hardcoded-endpoint',
    'jobs/nightly-report.js:8 local-scheduler',
    'jobs/nightly-report.js:10 local-fs-write',
    'lib/cache.js:7 embedded-db',
    'lib/logger.js:7 file-logging',
    'lib/mailer.js:6 hardcoded-endpoint',
    'routes/uploads.js:12 local-fs-write',
    'server.js:10 fixed-port',
    'server.js:13 missing-container-image',
    'server.js:13 missing-graceful-shutdown',
    'server.js:13 missing-health-endpoint',
  ],
  [path.join(repositoryRoot, 'test/fixtures/workspaces/koa-inventory-ts')]: [
    'src/jobs/stockSync.ts:6 local-scheduler',
    'src/lib/cache.ts:3 hardcoded-endpoint',
    'src/lib/db.ts:7 hardcoded-secret',
    'src/lib/images.ts:8 os-coupling',
    'src/lib/logger.ts:3 file-logging',
    'src/routes/index.ts:12 local-fs-write',
  ],
  [path.join(repositoryRoot, 'test/fixtures/workspaces/express3-orders')]: [
    'app.js:13 baked-config',
    'app.js:22 hardcoded-secret',
    'app.js:22 in-memory-session-state',
    'app.js:30 local-scheduler',
    'app.js:36 missing-container-image',
    'app.js:36 missing-graceful-shutdown',
    'app.js:36 missing-health-endpoint',
    'lib/log.js:6 file-logging',
    'routes/orders.js:6 hardcoded-endpoint',
    'routes/orders.js:11 embedded-db',
    'routes/orders.js:16 local-fs-read-data',
    'routes/orders.js:33 local-fs-write',
  ],
};

describe('realistic legacy apps: exactly the planted blockers (unit)', () => {
  for (const [root, expected] of Object.entries(EXPECTED)) {
    it(path.relative(repositoryRoot, root), async () => {
      const result = await analyzeWorkspace(root, { fs: nodeFileSystem });
      const found = result.findings.map((finding) => `${finding.file}:${finding.line} ${finding.category}`).sort();
      assert.deepEqual(found, [...expected].sort(), result.findings.map((finding) => `${finding.file}:${finding.line} [${finding.ruleId}] ${finding.message}`).join('\n'));
    });
  }
});
