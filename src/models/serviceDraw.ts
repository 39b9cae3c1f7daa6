// A service's time drawn from its draw record (drawRecords.ts) with the exponential case inline
// (issue 14.4): the same value, bit for bit, as `drawAt(f, p)`.
import { drawInto } from '../sim-engine';
import { exponentialInto } from '../sim-engine/ziggurat';

/** DrawCode.exponential as a literal (a module constant is a context load at each use: EventQueue.ts). */
const enum E {
  exponential = 2,
}

/** Where `drawServiceTimeInto` leaves its draw (ms), read straight after (as drawAt's slot). */
export const serviceDrawn = new Float64Array(1);
const drawn = serviceDrawn;

/**
 * `drawAt(f, p)`: one draw of the distribution encoded at `p` of `f`, in ms; advances its stream
 * at `p + 3`. NOTE: issue 14.4: the exponential case (a service's usual time) is drawInto's
 * arithmetic with the ziggurat's fast path (`exponentialInto`) inline, where `drawAt` calls
 * `drawInto` (too big for V8 to inline) and switches on the kind; other kinds go to `drawInto`.
 */
export function drawServiceTime(f: Float64Array, p: number): number {
  drawServiceTimeInto(f, p);
  return drawn[0];
}

/**
 * `drawServiceTime`'s draw left in `serviceDrawn[0]` rather than returned (the same draw).
 * NOTE: issue 14.4: where V8 does not inline it, a returned double is a fresh heap number (3 a
 * 3-hop request).
 */
export function drawServiceTimeInto(f: Float64Array, p: number): void {
  if (f[p] === E.exponential) {
    exponentialInto(f, p + 3, drawn, 0);
    drawn[0] = f[p + 1] * drawn[0];
  } else drawInto(f, p, drawn, 0);
}
