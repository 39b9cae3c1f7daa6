// Where a pause stands: playing moves the run in frames of wall time times the speed, to whole
// microseconds (SimHost.advance), so a pause landed on moments like 8000.003 ms and a link
// written then carried `t=8000.003ms`. A pause runs on to a round moment just after, which a
// link then carries as it is (`t=8001ms`). Pure.
import { formatClock, formatSimTime } from '../format';

/** One screen frame at 60 Hz, wall ms: a pause never runs on more than a frame's share of simulated time. */
const FRAME_MS = 1000 / 60;
/** Farthest a pause runs on, simulated ms: a whole ms, too little for a dot to move visibly at 0.1x or faster. */
const MOST_AHEAD_MS = 1;
/** The round steps a pause may stand on, coarsest first, in whole microseconds. */
const STEPS_US = [1_000_000, 100_000, 10_000, 1000, 100, 10, 1] as const;

/**
 * The moment a pause at `ms` stands on, at speed `factor` (simulated ms per wall ms; Infinity at
 * max): the roundest time at or after `ms` (whole seconds, tenths, hundredths, whole ms, then
 * tenths of a ms and finer) that is at most a ms on, and at most one screen frame's share of
 * simulated time at this speed (at 0.01x a frame is 0.17 ms: a tenth of a ms then), and at which
 * the clock and the moment read as they do at `ms` (formatClock, formatSimTime: the clock a
 * person read when pressing Pause stays as it was, and so do the link labels, which step on a
 * tenth of a second, always a new clock reading). `ms` itself when it already is round or no
 * step fits. Never before `ms`: the run only goes forward, and every event up to the moment
 * returned is run, as a link's seek to it runs them. Pure.
 */
export function pauseMoment(ms: number, factor: number): number {
  if (!Number.isFinite(ms) || ms < 0) return ms;
  const most = Math.min(MOST_AHEAD_MS, Number.isFinite(factor) && factor > 0 ? FRAME_MS * factor : MOST_AHEAD_MS);
  // In microseconds: a play's moments are whole ones (8000.003 * 1000 is 8000002.999999999).
  const near = Math.round(ms * 1000);
  const us = Math.abs(ms * 1000 - near) < 1e-6 ? near : ms * 1000;
  for (const step of STEPS_US) {
    const c = (Math.ceil(us / step) * step) / 1000;
    if (c >= ms && c - ms <= most && formatClock(c) === formatClock(ms) && formatSimTime(c) === formatSimTime(ms)) return c;
  }
  return ms;
}
