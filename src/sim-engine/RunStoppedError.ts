/**
 * A run stopped because its scenario cannot be run to the end: bad input found while running
 * (the clock cannot advance, requests pile up past what memory holds), never a bug. Hosts
 * show its message to the person who wrote the scenario; the CLI exits 2. The run cannot go
 * on after it. Subclasses say what stopped it.
 */
export class RunStoppedError extends Error {
  constructor(
    message: string,
    /** The simulated time the run stopped at, in ms. */
    readonly atMs: number,
  ) {
    super(message);
    this.name = 'RunStoppedError';
  }
}

/** Simulated milliseconds as messages print them: exact, with the unit. */
export function formatSimTime(ms: number): string {
  return ms >= 1000 ? `t = ${+(ms / 1000).toFixed(6)} s` : `t = ${+ms.toFixed(6)} ms`;
}
