import { run, type CliIo } from '../../src/cli/main';
import { repositoryRoot } from './workspace';

/** Runs the CLI in process and collects what it printed. */
export async function cli(argv: string[], cwd = repositoryRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd, stderrIsTerminal: false };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
