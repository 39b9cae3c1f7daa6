// Where a fault lies on the timeline: the band of its planned length, from its start to its end
// as planned (its `for`, or the run's end for one that lasts until cleared), and the part of it
// the run has already been through; and the lane under the track each band is drawn in. Pure.
import { formatClock } from '../format';
import { FAULT_TYPES } from '../faults/faultForm';
import { faultName, faultWhere } from '../faults/faultName';
import type { FaultStatus } from '../../workers/protocol';

/** A fault's marks on the timeline, simulated ms. */
export interface FaultBand {
  /** Its start. */
  fromMs: number;
  /** Its end: when it ended, else when its duration runs out, else the run's end (it lasts until cleared); its start for a one-shot fault. */
  toMs: number;
  /** How far the run has been through it (its start up to now, at most its end); null before it starts. */
  doneToMs: number | null;
  /** It lasts until cleared (no duration, not ended): its band runs to the run's end, drawn fading out. */
  open: boolean;
}

/**
 * The band a fault takes on the timeline at `nowMs` of a run of `durationMs`. A person's fault
 * injected for 10 s at 10 s takes 10 s to 20 s from the moment it is injected, as a scenario's
 * fault with a duration does (it was a tick at its start until the run played on), and its start
 * up to now is the part already run. Pure.
 */
export function faultBand(f: Pick<FaultStatus, 'type' | 'startMs' | 'endMs' | 'untilMs' | 'pending'>, nowMs: number, durationMs: number): FaultBand {
  const fromMs = Math.min(durationMs, Math.max(0, f.startMs));
  const oneShot = FAULT_TYPES.find((t) => t.type === f.type)?.oneShot === true;
  const planned = f.endMs ?? f.untilMs ?? (oneShot ? fromMs : durationMs);
  const toMs = Math.min(durationMs, Math.max(fromMs, planned));
  const open = f.endMs === null && f.untilMs === null && !oneShot;
  return { fromMs, toMs, doneToMs: f.pending ? null : Math.min(toMs, Math.max(fromMs, nowMs)), open };
}

/** A band's reach on the track, CSS px: its left end and its right end (with the width it has at least). */
export interface BandSpan {
  from: number;
  to: number;
}

/**
 * Most lanes of fault bands under the track: past them the rest share the last, so the timeline
 * stays at most that tall (6 px a lane). Six: a workshop adding six faults at one moment saw three
 * lanes, four of the bands drawn over one another in the last (timelinesix.spec).
 */
export const MAX_FAULT_LANES = 6;

/**
 * The lane of each band under the timeline's track, so faults that overlap in time read apart
 * (they were drawn on the track itself, one smear from the first one's start on). Bands are taken
 * by their left end (ties in the order given) and each goes in the first lane whose last band
 * ends at least `gap` px before it, as a fault takes the first row free over its span; a band
 * that finds none opens a new lane while there are fewer than `maxLanes`, else shares the last
 * one. Pure.
 */
export function faultLanes(spans: readonly BandSpan[], maxLanes = MAX_FAULT_LANES, gap = 2): number[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].from - spans[b].from || a - b);
  /** Per lane, the right end of its rightmost band. */
  const ends: number[] = [];
  const lanes = new Array<number>(spans.length).fill(0);
  for (const i of order) {
    const s = spans[i];
    let lane = ends.findIndex((end) => s.from >= end + gap);
    if (lane < 0) lane = Math.min(ends.length, Math.max(1, maxLanes) - 1);
    ends[lane] = Math.max(ends[lane] ?? -Infinity, s.to);
    lanes[i] = lane;
  }
  return lanes;
}

/** A band's title, its kind in the form's words: "HTTP errors on payments, 10.0 s to 25.0 s", "… from 5.00 s until cleared", "… at 12.0 s". Pure. */
export function faultBandTitle(f: { type: string; target: string }, b: FaultBand): string {
  const what = `${faultName(f.type)} ${faultWhere(f.type, f.target)}`;
  if (b.open) return `${what}, from ${formatClock(b.fromMs)} until cleared`;
  if (b.toMs === b.fromMs) return `${what} at ${formatClock(b.fromMs)}`;
  return `${what}, ${formatClock(b.fromMs)} to ${formatClock(b.toMs)}`;
}
