import { spawnSync } from 'node:child_process';
import { format, validate } from 'dockerfile-utils';

/** dockerfile-utils' validator (the Dockerfile language server's linter) and formatter: every problem, as text. */
export function dockerfileProblems(text: string): string[] {
  const problems = validate(text).map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
  const edits = format(text, { insertSpaces: true, tabSize: 4 });
  for (const edit of edits) problems.push(`${edit.range.start.line + 1}: not formatted as dockerfile-utils formats it (${JSON.stringify(edit.newText)})`);
  return problems;
}

let hadolintPresent: boolean | undefined;

/** hadolint is not installable here; where it is on PATH it must find nothing at warning level or above. */
export function hadolintAvailable(): boolean {
  hadolintPresent ??= !spawnSync('hadolint', ['--version'], { encoding: 'utf8' }).error;
  return hadolintPresent;
}

export function hadolintProblems(text: string): string[] {
  const result = spawnSync('hadolint', ['--no-color', '--failure-threshold', 'warning', '-'], { input: text, encoding: 'utf8' });
  if (result.status === 0) return [];
  return `${result.stdout}${result.stderr}`.split('\n').filter(Boolean);
}
