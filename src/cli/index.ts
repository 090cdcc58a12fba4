import { run } from './main';

// The bundle's entry: wires the real process to run(), which stays testable in process.
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
run(process.argv.slice(2), {
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
