// Where a fault lies on the timeline: the band of its planned length, from its start to its end
// as planned (its `for`, or the run's end for one that lasts until cleared), and the part of it
// the run has already been through. Pure.
import { FAULT_TYPES } from '../faults/faultForm';
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
