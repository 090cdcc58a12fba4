/** The CLI's view of the outside world, so run() is testable in process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Progress is drawn on stderr only when it is a terminal. */
  stderrIsTerminal: boolean;
  signal?: AbortSignal;
}
