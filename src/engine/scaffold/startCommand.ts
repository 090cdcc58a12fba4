/**
 * How the container starts the app: the `node` command behind `scripts.start` (unwrapped from dev tools,
 * env assignments and process managers), `main`, or the entry point that calls `listen`.
 */

export interface StartInput {
  scripts: Record<string, string>;
  main?: string;
  /** Files (relative to the app folder) that exist, to check `npm start`'s `server.js` default. */
  hasFile(relative: string): boolean;
  /** The runtime file that calls `listen`, relative to the app folder. */
  entry?: string;
  /** Maps a TypeScript source file to the JavaScript the build emits (`src/index.ts` → `dist/index.js`). */
  compiled?(relative: string): string | undefined;
  /** True when the app has a build step (so TypeScript sources are compiled in the image). */
  built: boolean;
}

export interface StartCommand {
  /** The exec-form command: `["node", "server.js"]`, or `["npm", "start"]` when it cannot be unwrapped. */
  argv: string[];
  /** `scripts.start ("node server.js")`, `main (server.js)`, `entry point (src/index.js)`. */
  source: string;
  /** The file node runs, when known, relative to the app folder. */
  file?: string;
  notes: string[];
}

/** Scripts preferred over `start` when `start` runs a development tool. */
const PRODUCTION_SCRIPTS = ['start:prod', 'start:production', 'prod', 'production', 'serve:prod'];
const DEV_RUNNERS = new Set(['nodemon', 'ts-node', 'ts-node-dev', 'tsnd', 'tsx', 'babel-node', 'node-dev', 'supervisor', 'forever', 'pm2', 'pm2-runtime', 'pm2-docker']);
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;
/** Node flags for development only: the container runs without them. */
const DEV_FLAGS = /^--(inspect|inspect-brk|watch|watch-path|enable-source-maps-dev)(=.*)?$/;

/** Splits a command line into words, honouring quotes; good enough for package.json scripts. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of command.matchAll(pattern)) words.push(match[1] ?? match[2] ?? match[3]);
  return words;
}

/** The segments of `a && b ; c`: the last one is what keeps running. */
function segments(script: string): string[] {
  return script
    .split(/&&|\|\||;/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Drops `VAR=value`, `cross-env`, `env`, `dotenv -e .env --` prefixes. */
function stripPrefixes(words: string[]): string[] {
  let index = 0;
  for (;;) {
    const word = words[index];
    if (word === undefined) return [];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) index++;
    else if (word === 'cross-env' || word === 'env' || word === 'npx' || word === 'exec') index++;
    else if (word === 'dotenv' || word === 'dotenv-cli') {
      const separator = words.indexOf('--', index);
      if (separator < 0) return [];
      index = separator + 1;
    } else return words.slice(index);
  }
}

type Resolved = { argv: string[]; file?: string; via?: string } | { npm: true; reason: string };

function nodeCommand(words: string[]): { argv: string[]; file?: string } {
  const rest = words.slice(1).filter((word) => !DEV_FLAGS.test(word));
  // The first word that is not a flag (or a flag's value) is the script node runs.
  let file: string | undefined;
  for (let index = 0; index < rest.length; index++) {
    const word = rest[index];
    if (word.startsWith('-')) {
      if (/^(-r|--require|--import|--loader|--experimental-loader|-e|--eval|--env-file|--title)$/.test(word)) index++;
      continue;
    }
    file = word;
    break;
  }
  return { argv: ['node', ...rest], file };
}

/** The file a dev runner (`nodemon src/index.js`, `ts-node src/index.ts`, `pm2-runtime start app.js`) runs. */
function runnerFile(words: string[]): string | undefined {
  for (let index = 1; index < words.length; index++) {
    const word = words[index];
    if (word.startsWith('-')) {
      if (/^(-w|--watch|-e|--ext|-i|--ignore|-x|--exec|--name|-r|--require|--project|-P|--delay|--instances|--config)$/.test(word)) index++;
      continue;
    }
    if (word === 'start' || word === 'watch' || word === 'run') continue;
    // pm2's ecosystem.config.js lists the apps: it is not one of them.
    if (/(^|\/)ecosystem\b|\.config\.[cm]?js$|\.(json|ya?ml)$/.test(word)) return undefined;
    if (SCRIPT_FILE.test(word) || word.includes('/') || word === '.') return word;
  }
  return undefined;
}

function resolveScript(input: StartInput, name: string, depth: number): Resolved | undefined {
  const script = input.scripts[name];
  if (script === undefined || depth > 3) return undefined;
  const parts = segments(script);
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  const words = stripPrefixes(shellWords(last));
  const [program] = words;
  if (!program) return undefined;
  if (program === 'node' || program === 'node.exe') return nodeCommand(words);
  if (program === 'npm' || program === 'yarn' || program === 'pnpm') {
    const target = words[1] === 'run' || words[1] === 'run-script' ? words[2] : words[1] === 'start' ? 'start' : program === 'npm' ? undefined : words[1];
    if (target && target !== name) return resolveScript(input, target, depth + 1) ?? { npm: true, reason: `scripts.${name} runs \`${last}\`` };
    return { npm: true, reason: `scripts.${name} runs \`${last}\`` };
  }
  if (DEV_RUNNERS.has(program)) {
    const file = runnerFile(words);
    if (file) return { argv: ['node', file], file, via: program };
    return { npm: true, reason: `scripts.${name} runs ${program} without a file Cloudward can see` };
  }
  return { npm: true, reason: `scripts.${name} runs \`${last}\`` };
}

/** `dist` → `dist/index.js` is node's own resolution; a `.ts` file needs its compiled twin. */
function finalize(input: StartInput, resolved: { argv: string[]; file?: string; via?: string }, source: string, notes: string[]): StartCommand | undefined {
  let { argv, file } = resolved;
  if (file && TYPESCRIPT_FILE.test(file)) {
    const compiled = input.built ? input.compiled?.(file) : undefined;
    if (!compiled) {
      notes.push(`${source} runs the TypeScript file ${file} directly: add a build step that compiles it, or the image runs it through npm start`);
      return undefined;
    }
    argv = argv.map((word) => (word === file ? compiled : word));
    notes.push(`${source} runs ${file}; the image runs the compiled ${compiled}`);
    file = compiled;
  }
  if (resolved.via) notes.push(`${source} starts through ${resolved.via}; the image runs node directly (the platform restarts and scales the container)`);
  return { argv, source, file, notes };
}

export function detectStartCommand(input: StartInput): StartCommand {
  const notes: string[] = [];
  const start = input.scripts.start;
  const candidates = start !== undefined ? ['start', ...PRODUCTION_SCRIPTS] : PRODUCTION_SCRIPTS;
  let fallbackReason: string | undefined;
  for (const name of candidates) {
    if (input.scripts[name] === undefined) continue;
    const resolved = resolveScript(input, name, 0);
    if (!resolved) continue;
    const source = `scripts.${name} ("${input.scripts[name]}")`;
    if ('npm' in resolved) {
      fallbackReason ??= resolved.reason;
      continue;
    }
    // A dev runner in `start` loses to an explicit production script.
    if (name === 'start' && resolved.via && PRODUCTION_SCRIPTS.some((script) => input.scripts[script] !== undefined)) continue;
    const command = finalize(input, resolved, source, notes);
    if (command) return command;
  }
  if (fallbackReason && start !== undefined) {
    notes.push(`${fallbackReason}: the image runs \`npm start\`; replace CMD with the node command if you can, so signals reach node directly`);
    return { argv: ['npm', 'start'], source: `scripts.start ("${start}")`, notes };
  }
  if (start === undefined && input.hasFile('server.js')) {
    return { argv: ['node', 'server.js'], source: "npm's default start (server.js)", file: 'server.js', notes };
  }
  if (input.main) {
    const command = finalize(input, { argv: ['node', input.main], file: input.main }, `main (${input.main})`, notes);
    if (command) return command;
  }
  if (input.entry) {
    const command = finalize(input, { argv: ['node', input.entry], file: input.entry }, `entry point (${input.entry} calls listen)`, notes);
    if (command) return command;
  }
  notes.push('no start script, main or listening entry point was found: the image runs `npm start`; set scripts.start');
  return { argv: ['npm', 'start'], source: 'fallback', notes };
}
