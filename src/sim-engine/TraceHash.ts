/**
 * A running 64-bit hash (two 32-bit lanes) over the sequence of processed events.
 * Same scenario and seed give the same hash, in Node and in the browser, because the engine
 * uses only IEEE-exact arithmetic and its own elementary functions (detmath.ts): engines'
 * Math.log/exp/sin/cos may differ in the last bit (Node 20's V8 and Chromium 156's do).
 */
export class TraceHash {
  private h1 = 0x811c9dc5 | 0;
  private h2 = 0x9747b28c | 0;
  private readonly f64 = new Float64Array(1);
  private readonly u32 = new Uint32Array(this.f64.buffer);

  /** Folds one processed event into the hash. NOTE: hot path, five multiplies per word. */
  add(time: number, kind: number, target: number, a: number): void {
    this.f64[0] = time;
    this.mix(this.u32[0]);
    this.mix(this.u32[1]);
    this.mix(kind);
    this.mix(target);
    this.mix(a);
  }

  private mix(word: number): void {
    let k = Math.imul(word | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    let h = this.h1 ^ k;
    h = (h << 13) | (h >>> 19);
    this.h1 = (Math.imul(h, 5) + 0xe6546b64) | 0;
    this.h2 = Math.imul(this.h2 ^ word ^ this.h1, 0x85ebca6b) | 0;
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
