// A pass's draws taken in one call (issue 14.4): Sidecar.pass's CPU time, handling latency and,
// with a loopback, its pod's loopback, from the proxy's record (proxyRecords.ts), written to
// `passDraws`. The same values, bit for bit, as `drawInto` on each, in the same order.
import { drawInto } from '../../sim-engine';
import { exp } from '../../sim-engine/detmath';
import { normalInto } from '../../sim-engine/ziggurat';
import { Rec } from './proxyRecords';

/**
 * Literals (a module constant is a context load at each use: EventQueue.ts says why):
 * DrawCode.lognormal and DrawCode.custom, DRAW_SLOT, and drawInto's cap on a lognormal draw, ms.
 */
const enum L {
  lognormal = 4,
  custom = 6,
  SLOT = 7,
  MAX_DRAW = 8760 * 3_600_000,
}

// The loop below walks the record's draws one DRAW_SLOT apart: cpu, latency, loopback.
if (Rec.cpu !== 0 || Rec.latency !== L.SLOT || Rec.loopback !== 2 * L.SLOT) throw new Error('passDraws: Rec layout changed');

/** Where `drawPass` writes its draws, ms: CPU time at 0, handling latency at 1, loopback at 2. Read straight after. */
export const passDraws = new Float64Array(3);

/**
 * Draws the first `n` (2: CPU and latency; 3: and the loopback; no other count) of the proxy record's draws at
 * `o` of `f` into `passDraws`, in that order, when every one of them is encoded there, and
 * returns true; returns false, drawing nothing, when one is `DrawCode.custom` (the proxy draws
 * through its samplers). Each draw advances its own stream's state in the record.
 *
 * NOTE: issue 14.4: one call for a pass's draws, the lognormal draw (the default:
 * calibration.ts) inlined once in the loop: the ziggurat's fast path (`normalInto`, its tail out
 * of line) and `exp`, drawInto's arithmetic for that kind. V8 counts some 510 bytecodes a draw
 * with what it inlines, so three in `pass` would be over its budget (920); `claim` and each
 * draw were calls of their own (four a pass).
 */
export function drawPass(f: Float64Array, o: number, n: number): boolean {
  // NOTE: issue 14.4: the custom tests written out for n of 2 or 3 (a loop's exit mispredicted
  // as n changes from pass to pass: 750 instructions and 20 mispredicts a chain3 request).
  if (f[o] === L.custom || f[o + L.SLOT] === L.custom || (n === 3 && f[o + 2 * L.SLOT] === L.custom)) return false;
  for (let j = 0; j < n; j++) {
    const p = o + j * L.SLOT;
    if (f[p] === L.lognormal) {
      normalInto(f, p + 3, passDraws, j);
      passDraws[j] = Math.min(L.MAX_DRAW, exp(f[p + 1] + f[p + 2] * passDraws[j]));
    } else drawInto(f, p, passDraws, j);
  }
  return true;
}
