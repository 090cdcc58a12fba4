// node scripts/check-installed-cli.mjs INSTALLED_EXTENSION_DIR [WORKSPACE]
//
// The .vsix ships dist/cli.js with its runtime node_modules (typescript, dependency-cruiser), minus what
// .vscodeignore leaves out. This runs the installed copy's CLI (assess on worker threads, graph, dockerfile)
// and the repository's dist/cli.js from the same build on one workspace, and fails unless the installed
// copy runs and prints the same results: a file the CLI or its workers load at run time that the package
// left out makes it fail or differ. The installed copy must sit outside the repository, or Node would find
// a missing package in the repository's node_modules instead.
import { execFileSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import * as path from 'node:path';

const repositoryRoot = path.resolve(import.meta.dirname, '..');
const [installedArgument, workspaceArgument = path.join(repositoryRoot, 'examples/legacy-shop')] = process.argv.slice(2);
if (!installedArgument) {
  console.error('usage: node scripts/check-installed-cli.mjs INSTALLED_EXTENSION_DIR [WORKSPACE]');
  process.exit(2);
}
const installed = path.resolve(installedArgument);
const workspace = path.resolve(workspaceArgument);
if (!path.relative(repositoryRoot, installed).startsWith('..')) {
  console.error(`${installed} is inside the repository: its node_modules would hide what the package lacks`);
  process.exit(2);
}

const commands = [
  { name: 'assess (2 worker threads)', args: ['assess', workspace, '--format', 'json', '--fail-on', 'never', '--jobs', '2'], json: true },
  { name: 'graph', args: ['graph', workspace, '--format', 'json'], json: true },
  { name: 'dockerfile', args: ['dockerfile', workspace], json: false },
];

/** Timings (durationMs, buildMs, ...) differ from run to run; everything else must not. */
function withoutTimings(value) {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !/Ms$/.test(key)).map(([key, inner]) => [key, withoutTimings(inner)]));
  }
  return value;
}

function run(cli, args) {
  // Run from a neutral folder so that nothing resolves relative to the working directory.
  return execFileSync(process.execPath, [cli, ...args], { cwd: path.dirname(cli), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

let failed = false;
for (const command of commands) {
  let fromPackage;
  try {
    fromPackage = run(path.join(installed, 'dist/cli.js'), command.args);
  } catch (error) {
    // A minified bundle's source line would flood the log: keep the message and the stack.
    const reason = String(error.stderr || error.message).split('\n').filter((line) => line.length < 300 && line.trim() !== '^').join('\n');
    console.error(`FAIL ${command.name}: the installed CLI failed (exit ${error.status}):\n${reason}`);
    failed = true;
    continue;
  }
  const fromRepository = run(path.join(repositoryRoot, 'dist/cli.js'), command.args);
  const [packaged, reference] = command.json
    ? [withoutTimings(JSON.parse(fromPackage)), withoutTimings(JSON.parse(fromRepository))]
    : [fromPackage, fromRepository];
  if (!isDeepStrictEqual(packaged, reference)) {
    console.error(`FAIL ${command.name}: the installed CLI's output differs from the repository's dist/cli.js`);
    failed = true;
    continue;
  }
  const shape = command.name.startsWith('assess')
    ? `${packaged.summary.parsed}/${packaged.summary.files} files parsed, ${packaged.findings.length} findings`
    : command.name === 'graph'
      ? `${packaged.modules.length} modules, ${packaged.edges.length} edges`
      : `${fromPackage.split('\n').length} lines`;
  if (command.name.startsWith('assess') && (packaged.findings.length === 0 || packaged.summary.parsed !== packaged.summary.files)) {
    console.error(`FAIL ${command.name}: expected every file parsed and findings on ${workspace}: ${shape}`);
    failed = true;
    continue;
  }
  if (command.name === 'graph' && packaged.edges.length === 0) {
    console.error(`FAIL graph: no edges on ${workspace}`);
    failed = true;
    continue;
  }
  console.log(`ok ${command.name}: same as the repository's CLI (${shape})`);
}
process.exit(failed ? 1 : 0);
