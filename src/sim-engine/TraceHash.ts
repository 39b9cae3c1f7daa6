/**
 * A running 64-bit hash (two 32-bit lanes) over the sequence of processed events.
 * Same scenario and seed give the same hash, in Node and in the browser, because the engine
 * uses only IEEE-exact arithmetic and its own elementary functions (detmath.ts): engines'
 * Math.log/exp/sin/cos may differ in the last bit (Node 20's V8 and Chromium 156's do).
 */
export class TraceHash {
  /**
   * The two lanes, and a time's two 32-bit halves through `f64` and `u32`. Read and written by
   * `add` and, with the same steps written out, by `Simulation.runUntil` (issue 14.4: there the
   * steps are the kernel loop's own code, outside V8's inlining budget); nothing else may touch them.
   */
  h1 = 0x811c9dc5 | 0;
  h2 = 0x9747b28c | 0;
  readonly f64 = new Float64Array(1);
  readonly u32 = new Uint32Array(this.f64.buffer);

  /**
   * Folds one processed event into the hash: four 32-bit words (the time's two halves, kind
   * and target packed, a) into two lanes. NOTE: hot path, one multiply per word per lane; each
   * step is a bijection of the lane for a fixed word and of the word for a fixed lane, so any
   * single change to the sequence changes the hash, and the digest does the final mixing.
   * `Simulation.runUntil` writes these steps out: change both together.
   */
  add(time: number, kind: number, target: number, a: number): void {
    this.f64[0] = time;
    const lo = this.u32[0];
    const hi = this.u32[1];
    const kt = (kind << 24) ^ target;
    let h = this.h1;
    let g = this.h2;
    h = Math.imul(((h << 5) | (h >>> 27)) ^ lo, 0x9e3779b1);
    g = Math.imul(((g << 13) | (g >>> 19)) ^ hi, 0x85ebca6b);
    h = Math.imul(((h << 5) | (h >>> 27)) ^ hi, 0x9e3779b1);
    g = Math.imul(((g << 13) | (g >>> 19)) ^ kt, 0x85ebca6b);
    h = Math.imul(((h << 5) | (h >>> 27)) ^ kt, 0x9e3779b1);
    g = Math.imul(((g << 13) | (g >>> 19)) ^ a, 0x85ebca6b);
    h = Math.imul(((h << 5) | (h >>> 27)) ^ a, 0x9e3779b1);
    g = Math.imul(((g << 13) | (g >>> 19)) ^ lo, 0x85ebca6b);
    this.h1 = h;
    this.h2 = g;
  }

  /** The hash as 16 hex digits. Does not change the running state. */
  digest(): string {
    let a = this.h1 ^ (this.h2 >>> 16);
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a ^= a >>> 16;
    let b = this.h2 ^ (this.h1 >>> 15);
    b = Math.imul(b ^ (b >>> 16), 0x7feb352d);
    b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
    b ^= b >>> 16;
    return hex(a) + hex(b);
  }
}

function hex(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}
