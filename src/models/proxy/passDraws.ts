// A pass's draws (issue 14.4): Sidecar.pass's CPU time, handling latency and, with a loopback, its
// pod's loopback, from the proxy's record (proxyRecords.ts), each returned to `pass` as it is
// drawn. The same values, bit for bit, as `drawInto` on each, in the same order.
import { drawInto } from '../../sim-engine';
import { exp } from '../../sim-engine/detmath';
import { normalValue } from '../../sim-engine/ziggurat';
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

// Sidecar.pass walks the record's draws one DRAW_SLOT apart: cpu, latency, loopback.
if (Rec.cpu !== 0 || Rec.latency !== L.SLOT || Rec.loopback !== 2 * L.SLOT) throw new Error('passDraws: Rec layout changed');

/** Where `passEncoded` has `drawInto` write its draw, ms; read straight after. */
const other = new Float64Array(1);

/**
 * How the first `n` (2: CPU and latency; 3: and the loopback; no other count) of the proxy
 * record's draws at `o` of `f` are drawn: 0 when each is lognormal (the default: calibration.ts;
 * `passLognormal` takes each), 1 when each is encoded there but not all lognormal
 * (`passEncoded`), 2 when one is `DrawCode.custom` (the proxy draws through its samplers). Reads only.
 */
export function passKinds(f: Float64Array, o: number, n: number): number {
  // NOTE: issue 14.4: the kinds read once a pass, not again at each draw (16 instructions a
  // draw); the tests written out for n of 2 or 3 (a loop's exit mispredicted as n changed).
  const a = f[o];
  const b = f[o + L.SLOT];
  const c = n === 3 ? f[o + 2 * L.SLOT] : L.lognormal;
  if (a === L.lognormal && b === L.lognormal && c === L.lognormal) return 0;
  return a === L.custom || b === L.custom || c === L.custom ? 2 : 1;
}

/**
 * The record's `j`th pass draw (0: CPU, 1: latency, 2: loopback) at `o` of `f`, ms, when it is
 * lognormal (`passKinds` 0): drawInto's value, bit for bit; advances that draw's stream state in
 * the record.
 *
 * NOTE: issue 14.4: inlined into `pass` (a double returned from a call V8 does not inline would be
 * a fresh heap number): the ziggurat's fast path (`normalValue`, its tail out of line) and `exp`,
 * drawInto's arithmetic for that kind, the value kept in registers. V8 counts some 510 bytecodes a
 * draw with what it inlines, so `pass` loops over it rather than taking three copies (its budget
 * is 920).
 */
export function passLognormal(f: Float64Array, o: number, j: number): number {
  const p = o + j * L.SLOT;
  return Math.min(L.MAX_DRAW, exp(f[p + 1] + f[p + 2] * normalValue(f, p + 3)));
}

/** As passLognormal, for a draw of any encoded kind (`passKinds` 1; not `DrawCode.custom`), through `drawInto`. */
export function passEncoded(f: Float64Array, o: number, j: number): number {
  drawInto(f, o + j * L.SLOT, other, 0);
  return other[0];
}
