// What the counters' clock says while a seek runs (SimClock.tsx).
import { formatMoment } from '../format';

/**
 * The seek's line under the clock: "seeking to 12.5 s · 40%", the share being how far the clock (`simMs`) got to the
 * target (`toMs`), from 0 (a seek back replays from the start) and at most 99% until it stands there. Pure; a target
 * at or under 0 reads 0%.
 */
export function seekLine(simMs: number, toMs: number): string {
  const share = toMs > 0 ? Math.max(0, Math.min(0.99, simMs / toMs)) : 0;
  return `seeking to ${formatMoment(toMs)} · ${Math.floor(share * 100)}%`;
}
