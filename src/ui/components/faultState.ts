import type { FaultStatus } from '../../workers/protocol';
import { formatSimTime } from '../format';

/**
 * Where a fault is in its life, in words, with its end when it has a duration ("from 12.0 s to
 * 17.0 s", then "…, ended"; "active since 12.0 s" for one that lasts until cleared). Pure.
 */
export function faultState(f: FaultStatus, cleared: boolean): { key: 'active' | 'ending' | 'pending' | 'ended' | 'cancelled'; text: string } {
  const t = formatSimTime;
  if (f.pending) {
    if (cleared) return { key: 'cancelled', text: 'cancelled' };
    return { key: 'pending', text: `starts at ${t(f.startMs)}${f.untilMs === null ? '' : `, ends at ${t(f.untilMs)}`}` };
  }
  if (f.endMs !== null) return { key: 'ended', text: f.endMs === f.startMs ? `at ${t(f.startMs)}` : `from ${t(f.startMs)} to ${t(f.endMs)}, ended` };
  if (cleared) return { key: 'ending', text: 'ends at the next step' };
  if (f.untilMs !== null) return { key: 'active', text: `from ${t(f.startMs)} to ${t(f.untilMs)}` };
  return { key: 'active', text: `active since ${t(f.startMs)}` };
}
