// The person's own faults in one line under the scenario's title (trial N12, 5): a participant
// opening a teacher's link at 1024x768 saw "failed 58 · http-5xx" and no sign of the injected fault
// that made them above the fold, its only trace a mark on the timeline and the fault list far
// below the story. Pure.
import type { FaultStatus } from '../../workers/protocol';
import { faultOwner } from './faultOwner';
import { faultName, faultWhere } from './faultName';
import { formatClock } from '../format';

/** How many faults the line names one by one; the rest are counted ("and 2 more"). */
export const NAMED_FAULTS = 2;

/**
 * Seconds as the fault list writes them (formatClock, faultState.ts: cut down to the clock's last
 * digit, so the two agree), without the unit and trailing zeros: 4000 → "4", 10000 → "10", 4500 →
 * "4.5", 1999.998 → "1.99" (a moment a link wrote as 1999.998 ms), 11999.998 → "11.9".
 */
function seconds(ms: number): string {
  return formatClock(ms)
    .replace(/ s$/, '')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/**
 * One fault as the line names it: "HTTP errors on cart 40% → 500, 4–10 s"; one still lasting
 * with no end set, "…, from 4 s"; a one-shot (its end is its start), "…, at 4 s". The window is
 * when it acted or will (its end if ended, else when its `for` runs out). Pure.
 */
export function ownFaultWords(f: Pick<FaultStatus, 'type' | 'target' | 'amount' | 'startMs' | 'endMs' | 'untilMs'>): string {
  const what = `${faultName(f.type)} ${faultWhere(f.type, f.target)}${f.amount ? ` ${f.amount}` : ''}`;
  const end = f.endMs ?? f.untilMs;
  const when = end === null ? `from ${seconds(f.startMs)} s` : end <= f.startMs ? `at ${seconds(f.startMs)} s` : `${seconds(f.startMs)}–${seconds(end)} s`;
  return `${what}, ${when}`;
}

/**
 * The line for the run's faults the person injected (faultOwner 'yours', the worker's tag; the
 * scenario's own are its story, not said here): "This run includes 1 injected fault: HTTP errors on
 * cart 40% → 500, 4–10 s", naming the first NAMED_FAULTS in run order and counting the rest
 * ("…; and 2 more"). null when there are none. Pure; `faults` is not changed.
 */
export function ownFaultsLine(faults: readonly FaultStatus[]): string | null {
  const own = faults.filter((f) => faultOwner(f) === 'yours').sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  if (own.length === 0) return null;
  const named = own.slice(0, NAMED_FAULTS).map(ownFaultWords);
  const rest = own.length - named.length;
  const noun = own.length === 1 ? '1 injected fault' : `${own.length} injected faults`;
  return `This run includes ${noun}: ${named.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
}
