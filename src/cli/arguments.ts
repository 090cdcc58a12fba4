import { REPORT_FORMATS, SEVERITIES } from '../engine';

export class UsageError extends Error {}

export type ParsedArguments =
  | { command: 'help' }
  | { command: 'version' }
  | {
      command: 'assess';
      directory: string;
      format: string;
      output?: string;
      failOn: string;
      config?: string;
      /** Report and fail only on findings whose fingerprint is not in this file. */
      baseline?: string;
      /** Record the current findings' fingerprints in this file. */
      writeBaseline?: string;
      /** Absolute base URL of the rule docs (SARIF helpUri, report links). */
      docsBaseUrl?: string;
      /** Worker threads for the analysis (0: the main thread only). */
      jobs?: number;
      /** Reuse per-file results across runs: `true` for the default cache file, or the file given. */
      cache?: string | true;
    };

const FAIL_ON = [...SEVERITIES, 'never'];
const VALUE_OPTIONS = new Set(['--format', '--output', '--fail-on', '--config', '--baseline', '--write-baseline', '--docs-base-url', '--jobs']);

export function parseArguments(argv: readonly string[]): ParsedArguments {
  if (argv.includes('-h') || argv.includes('--help') || argv.length === 0) return { command: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'assess') throw new UsageError(`unknown command '${command}'`);
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let index = 0; index < rest.length; index++) {
    const argument = rest[index];
    const [name, inlineValue] = argument.startsWith('--') && argument.includes('=') ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)] : [argument, undefined];
    if (VALUE_OPTIONS.has(name)) {
      const value = inlineValue ?? rest[++index];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      values[name] = value;
    } else if (name === '--cache') {
      // The file is optional, so it is only taken inline: `--cache DIR` would be ambiguous with the folder.
      if (inlineValue === '') throw new UsageError('--cache= needs a file name (or use --cache alone for the default)');
      values['--cache'] = inlineValue ?? '';
    } else if (argument.startsWith('-') && argument !== '-') {
      throw new UsageError(`unknown option '${argument}'`);
    } else positional.push(argument);
  }
  if (positional.length > 1) throw new UsageError(`expected one folder, got ${positional.length}: ${positional.join(' ')}`);
  const format = values['--format'] ?? 'text';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got '${format}'`);
  const failOn = values['--fail-on'] ?? 'error';
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got '${failOn}'`);
  const jobsText = values['--jobs'];
  if (jobsText !== undefined && !/^\d+$/.test(jobsText)) throw new UsageError(`--jobs must be a whole number (0 analyses on the main thread), got '${jobsText}'`);
  const docsBaseUrl = values['--docs-base-url'];
  if (docsBaseUrl !== undefined && !/^https?:\/\/[^/\s]+/i.test(docsBaseUrl)) throw new UsageError(`--docs-base-url must be an absolute http(s) URL, got '${docsBaseUrl}'`);
  return {
    command: 'assess',
    directory: positional[0] ?? '.',
    format,
    output: values['--output'],
    failOn,
    config: values['--config'],
    ...(values['--baseline'] !== undefined ? { baseline: values['--baseline'] } : {}),
    ...(values['--write-baseline'] !== undefined ? { writeBaseline: values['--write-baseline'] } : {}),
    ...(docsBaseUrl !== undefined ? { docsBaseUrl } : {}),
    ...(jobsText !== undefined ? { jobs: Number(jobsText) } : {}),
    ...(values['--cache'] !== undefined ? { cache: values['--cache'] || true } : {}),
  };
}
