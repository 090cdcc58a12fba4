import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CancelledError, nodeFileSystem, scaffoldDockerfile, ScaffoldError, type DockerStack, type ScaffoldResult } from '../engine';
import { resolvesInsideRoot } from './insideRoot';
import { resolveFolder, type CliIo } from './io';

export const DOCKERFILE_USAGE = `Usage: cloudward dockerfile [DIR] [--write] [--force] [--app PATH]

Derives a Dockerfile and a .dockerignore for the Node.js app in DIR (default: the current folder) from
its code: Node.js version, package manager, build step, start command, port, health route, native
modules and the settings it reads. Prints them; what was detected goes to stderr.

Options:
  --write      write the files into DIR; an existing file is kept
  --force      with --write, overwrite existing files
  --app PATH   in a workspace with several apps, the folder (inside DIR) of the one to package
  -h, --help   show this help

Exit codes: 0 done, 2 usage error or no Node.js app in DIR.
`;

interface DockerfileArguments {
  directory: string;
  write: boolean;
  force: boolean;
  app?: string;
}

function parse(argv: readonly string[]): DockerfileArguments | { help: true } | { error: string } {
  const result: DockerfileArguments = { directory: '.', write: false, force: false };
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '-h' || argument === '--help') return { help: true };
    if (argument === '--write') result.write = true;
    else if (argument === '--force') result.force = true;
    else if (argument === '--app' || argument.startsWith('--app=')) {
      const value = argument === '--app' ? argv[++index] : argument.slice('--app='.length);
      if (value === undefined || value === '') return { error: '--app needs a value' };
      result.app = value;
    } else if (argument.startsWith('-') && argument !== '-') return { error: `unknown option '${argument}'` };
    else positional.push(argument);
  }
  if (positional.length > 1) return { error: `expected one folder, got ${positional.length}: ${positional.join(' ')}` };
  if (result.force && !result.write) return { error: '--force only applies with --write' };
  result.directory = positional[0] ?? '.';
  return result;
}

function summary(stack: DockerStack): string {
  const rows: [string, string][] = [
    ['app', stack.context ? `${stack.appName} (${stack.context}/${stack.app ? `${stack.app}/` : ''}, built from ${stack.context}/)` : stack.app ? `${stack.appName} (${stack.app}/)` : stack.appName],
    ['base image', `${stack.node.image} (${stack.node.source})`],
    ['packages', `${stack.packageManager.name}${stack.packageManager.berry ? ' 2+' : ''} (${stack.packageManager.source})${stack.workspaces ? `, workspaces: ${stack.workspaces.packages.join(', ') || 'none'}` : ''}`],
    ['build', stack.build ? `${stack.build.command} (${stack.build.source})` : 'none'],
    ['start', `${stack.start.argv.join(' ')} (${stack.start.source})`],
    ['port', `${stack.port.value} (${stack.port.source})`],
    ['health', stack.health ? `${stack.health.path} (${stack.health.file}:${stack.health.line})` : 'no health route found: no HEALTHCHECK'],
    ['native', stack.nativeModules.length > 0 ? stack.nativeModules.join(', ') : 'none'],
    ['settings', stack.environment.length > 0 ? stack.environment.map((variable) => variable.name).join(', ') : 'none found'],
  ];
  const lines = rows.map(([name, value]) => `  ${name.padEnd(10)}  ${value}`);
  return `cloudward: Dockerfile derived from:\n${lines.join('\n')}\n`;
}

async function writeFiles(root: string, shownRoot: string, result: ScaffoldResult, force: boolean, io: CliIo): Promise<boolean> {
  let ok = true;
  for (const file of result.files) {
    const target = path.join(root, ...file.path.split('/'));
    const shown = shownRoot === '.' ? file.path : `${shownRoot}/${file.path}`;
    if (!(await resolvesInsideRoot(root, target))) {
      io.stderr(`cloudward: not writing ${shown}: it is a link to a place outside the folder\n`);
      ok = false;
      continue;
    }
    try {
      await fs.writeFile(target, file.text, { flag: force ? 'w' : 'wx' });
      io.stdout(`${file.exists && force ? 'overwrote' : 'wrote'} ${shown}\n`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        io.stdout(`kept ${shown}: it already exists (--force overwrites it)\n`);
      } else {
        io.stderr(`cloudward: cannot write ${shown}: ${(error as Error).message}\n`);
        ok = false;
      }
    }
  }
  return ok;
}

/** `cloudward dockerfile`: prints, or writes, the Dockerfile and .dockerignore derived from DIR. */
export async function runDockerfile(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(argv);
  if ('help' in parsed) {
    io.stdout(DOCKERFILE_USAGE);
    return 0;
  }
  if ('error' in parsed) {
    io.stderr(`cloudward: ${parsed.error}\n\n${DOCKERFILE_USAGE}`);
    return 2;
  }
  const root = await resolveFolder(io, parsed.directory);
  if (!root) return 2;
  let result: ScaffoldResult;
  try {
    result = await scaffoldDockerfile(root, { fs: nodeFileSystem, signal: io.signal }, { app: parsed.app });
  } catch (error) {
    if (error instanceof ScaffoldError) {
      io.stderr(`cloudward: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CancelledError) {
      io.stderr('cloudward: cancelled\n');
      return 2;
    }
    io.stderr(`cloudward: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
  io.stderr(summary(result.stack));
  for (const note of result.notes) io.stderr(`cloudward: note: ${note}\n`);
  if (!parsed.write) {
    io.stdout(result.files.map((file) => `==> ${file.path} <==\n${file.text}`).join('\n'));
    return 0;
  }
  const shownRoot = path.relative(io.cwd, root).split(path.sep).join('/') || '.';
  return (await writeFiles(root, shownRoot, result, parsed.force, io)) ? 0 : 2;
}
