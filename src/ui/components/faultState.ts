import type { FaultStatus } from '../../workers/protocol';
import { formatClock } from '../format';
import { formatDuration } from '../../scenario/duration';

/**
 * A length under a second said beside a fault's times ("(10.0 ms)"), '' otherwise: a file's
 * `for: 10` is 10 ms (a bare number is milliseconds, docs/scenario-files.md), and "from 20.0 s to
 * 20.0 s" alone (the clock's words) hid that it lasted at all (new user, session 33). Pure.
 */
function shortLength(ms: number): string {
  return ms > 0 && ms < 1000 ? ` (${formatDuration(ms)})` : '';
}

/**
 * Where a fault is in its life, in words, with its end when it has a duration ("from 12.0 s to
 * 17.0 s", then "…, ended"; "active since 12.0 s" for one that lasts until cleared). Its times
 * are written as the clock writes them (cut down to the last digit, formatClock), so one injected
 * where the clock reads 4.16 s reads "active since 4.16 s" (rounded, it read 4.17 s, a time the
 * clock had not reached). Pure.
 */
export function faultState(f: FaultStatus, cleared: boolean): { key: 'active' | 'ending' | 'pending' | 'ended' | 'cancelled'; text: string } {
  const t = formatClock;
  if (f.pending) {
    if (cleared) return { key: 'cancelled', text: 'cancelled' };
    return { key: 'pending', text: `starts at ${t(f.startMs)}${f.untilMs === null ? '' : `, ends at ${t(f.untilMs)}${shortLength(f.untilMs - f.startMs)}`}` };
  }
  if (f.endMs !== null) return { key: 'ended', text: f.endMs === f.startMs ? `at ${t(f.startMs)}` : `from ${t(f.startMs)} to ${t(f.endMs)}${shortLength(f.endMs - f.startMs)}, ended` };
  if (cleared) return { key: 'ending', text: 'ends at the next step' };
  if (f.untilMs !== null) return { key: 'active', text: `from ${t(f.startMs)} to ${t(f.untilMs)}${shortLength(f.untilMs - f.startMs)}` };
  return { key: 'active', text: `active since ${t(f.startMs)}` };
}

/**
 * The fault list's one order, wherever faults are listed: by start time (a pending fault's
 * planned start), then the order they were added, which is their id (the worker numbers the
 * scenario's faults first, then each injection in the recipe's order, the same before and after
 * a seek). Pending, active and ended stay where they are and say so in their state, so a fault
 * keeps its place as the run plays, after a seek either way and in a branch's panes. Pure: a new
 * array.
 */
export function faultListOrder<F extends Pick<FaultStatus, 'id' | 'startMs'>>(faults: readonly F[]): F[] {
  return [...faults].sort((a, b) => a.startMs - b.startMs || a.id - b.id);
}
