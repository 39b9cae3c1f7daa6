// A pass's draws (issue 14.4): Sidecar.pass's CPU time, handling latency and, with a loopback, its
// pod's loopback, from the proxy's record (proxyRecords.ts), each returned to `pass` as it is
// drawn. The same values, bit for bit, as `drawInto` on each, in the same order.
import { DRAW_SLOT, DrawCode, drawInto } from '../../sim-engine';
import { Rec } from './proxyRecords';

/**
 * Literals (a module constant is a context load at each use: EventQueue.ts says why):
 * DrawCode.lognormal and DrawCode.custom.
 */
const enum L {
  lognormal = 4,
  custom = 6,
}

/**
 * What Sidecar.pass reads of a proxy record (Rec's offsets), as literals where used (Rec is an
 * object: a context load, a map check and a field load at each use). The distance between its
 * pass draws (cpu, latency, loopback) is DRAW_SLOT: the `j`th draw's record is at `o + j *
 * PassRec.SLOT` (drawn with `lognormalDraw` when `passKinds` is 0); then the CPU taken and the
 * workers' free-at times.
 */
export const enum PassRec {
  SLOT = 7,
  cpuTaken = 21,
  freeAt = 22,
}

// Sidecar.pass walks the record's draws one DRAW_SLOT apart: cpu, latency, loopback.
if (DRAW_SLOT !== PassRec.SLOT || Rec.cpu !== 0 || Rec.latency !== PassRec.SLOT || Rec.loopback !== 2 * PassRec.SLOT || Rec.cpuTaken !== PassRec.cpuTaken || Rec.freeAt !== PassRec.freeAt || DrawCode.lognormal !== L.lognormal || DrawCode.custom !== L.custom) {
  throw new Error('passDraws: Rec layout or DrawCode changed');
}

/** Where `passEncoded` has `drawInto` write its draw, ms; read straight after. */
const other = new Float64Array(1);

/**
 * The base of Sidecar: what kind its pass's draws are. NOTE: issue 14.4: a method, not a module
 * function: V8 guards each inlined call of a module function (a bundle's module functions are
 * mutable variables: a load, a compare and a branch, once a pass); a method is found through the
 * receiver's map, already checked. Counted (session 44, callgrind, chain3, as a method of Sidecar):
 * -99 instructions a request. It holds nothing.
 */
export class PassDraws {
  /**
   * How the first `n` (2: CPU and latency; 3: and the loopback; no other count) of the proxy
   * record's draws at `o` of `f` are drawn: 0 when each is lognormal (the default: calibration.ts;
   * Sidecar.pass takes each through `lognormalDraw`), 1 when each is encoded there but not all
   * lognormal (`passEncoded`), 2 when one is `DrawCode.custom` (the proxy draws through its
   * samplers). Reads only.
   */
  protected passKinds(f: Float64Array, o: number, n: number): number {
    // NOTE: issue 14.4: the kinds read once a pass, not again at each draw (16 instructions a
    // draw); the tests written out for n of 2 or 3 (a loop's exit mispredicted as n changed).
    const a = f[o];
    const b = f[o + PassRec.SLOT];
    const c = n === 3 ? f[o + 2 * PassRec.SLOT] : L.lognormal;
    if (a === L.lognormal && b === L.lognormal && c === L.lognormal) return 0;
    return a === L.custom || b === L.custom || c === L.custom ? 2 : 1;
  }
}

/**
 * The record's `j`th pass draw (0: CPU, 1: latency, 2: loopback) at `o` of `f`, ms, for a draw of
 * any encoded kind (`passKinds` 1; not `DrawCode.custom`), through `drawInto`.
 */
export function passEncoded(f: Float64Array, o: number, j: number): number {
  drawInto(f, o + j * PassRec.SLOT, other, 0);
  return other[0];
}
