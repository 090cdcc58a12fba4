/**
 * A worker thread entry that runs the engine's worker from its TypeScript source (tsx's CommonJS hook), for
 * tests that start the analysis pool without a build: pass it as `workerScript`. workerData passes through.
 */
'use strict';
require('tsx/cjs');
require('../../src/engine/worker/scanWorker.ts');
