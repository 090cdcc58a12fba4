import { run } from './main';
import { loadTypescriptByRequireInDependencyCruiser } from './typescriptByRequire';

// The bundle's entry: wires the real process to run(), which stays testable in process.
const argv = process.argv.slice(2);
// Only `graph` loads dependency-cruiser; the hook is installed in the real process only, never by run().
if (argv[0] === 'graph') loadTypescriptByRequireInDependencyCruiser();
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
run(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  stderrIsTerminal: process.stderr.isTTY === true,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`cloudward: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
