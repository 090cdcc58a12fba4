export class CancelledError extends Error {
  constructor() {
    super('Analysis cancelled');
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * Pauses in a long run on one thread, so the events waiting meanwhile (a Cancel, a worker's message) get in at
 * least every `intervalMs`.
 */
export class EventBreaks {
  private last = performance.now();

  constructor(private readonly intervalMs = 50) {}

  /** The run has gone `intervalMs` without a pause. */
  get due(): boolean {
    return performance.now() - this.last >= this.intervalMs;
  }

  /** Lets the waiting events run, and starts the interval again. */
  async take(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}
