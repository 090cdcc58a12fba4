import { parentPort, workerData } from 'node:worker_threads';
import { isFileWorkerSetup, runFileWorker } from './fileWorker';
import { runScanWorker } from './scanSession';

/**
 * The worker thread entry (dist/scanWorker.js): a whole-workspace scan for the editor, or — started by a scan's
 * file pool with a `file-analysis` setup — the analysis of single files.
 */
if (!parentPort) throw new Error('scanWorker must run in a worker thread');
if (isFileWorkerSetup(workerData)) runFileWorker(parentPort, workerData);
else runScanWorker(parentPort);
