const started = Date.now();

/** `[integration +12.3s] ...` on stdout: the runner's own lines, told apart from the tests' output. */
export function log(...parts: unknown[]): void {
  console.log(`[integration +${((Date.now() - started) / 1000).toFixed(1)}s]`, ...parts);
}

export function elapsedSeconds(): number {
  return (Date.now() - started) / 1000;
}
