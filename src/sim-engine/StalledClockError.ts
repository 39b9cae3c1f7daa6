import { RunStoppedError, formatSimTime } from './RunStoppedError';

/** One actor's share of the events sampled just before a stall, for messages. */
export interface StalledActor {
  /** The actor's name in the scenario's terms (a client, a service, a link `a -> b`). */
  readonly name: string;
  /** Events addressed to it among the last `sampled` events at the stalled time. */
  readonly events: number;
}

/**
 * Thrown by the kernel when `limit` events in a row happen at one simulated time: the clock
 * cannot advance, so the run would never end (a closed loop whose think time and service
 * time are both zero, for one). It is bad input, not a bug: hosts report its message to the
 * person who wrote the scenario (the CLI exits 2). The simulation cannot go on after it.
 */
export class StalledClockError extends RunStoppedError {
  /** The actors' names, the busiest first. */
  readonly actors: readonly string[];

  constructor(
    /** The simulated time the clock is stuck at, in ms. */
    atMs: number,
    /** The guard's count: events in a row at `atMs` before the run was stopped. */
    readonly limit: number,
    /** The actors of the last `sampled` events, the busiest first. */
    readonly counts: readonly StalledActor[],
    /** How many of the last events `counts` covers. */
    readonly sampled: number,
  ) {
    const who = counts.slice(0, 8).map((c) => `${c.name} (${Math.round((100 * c.events) / sampled)}%)`);
    const more = counts.length > 8 ? ` and ${counts.length - 8} more` : '';
    super(
      `the simulated clock stopped at ${formatSimTime(atMs)}: ${limit.toLocaleString('en-US')} events in a row happened at that time ` +
        `without time advancing, so the run would never end. The last ${sampled.toLocaleString('en-US')} were for ${who.join(', ')}${more}. ` +
        'A loop that takes no time does this: a closed-loop client with thinkTime 0 whose requests end in no time, ' +
        'answered by services with serviceTime 0 and no latency, or failed at once (a connection refused by a killed replica, ' +
        'an abort, a 429 from a rate limit). Give one step of it a duration above zero, such as a think time.',
      atMs,
    );
    this.name = 'StalledClockError';
    this.actors = counts.map((c) => c.name);
  }
}
