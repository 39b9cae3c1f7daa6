import { describe, expect, it } from 'vitest';
import { exp, fdlibmExp, log } from '../../src/sim-engine/detmath';
import { streamFor } from '../../src/sim-engine';

// The engine's own elementary functions exist so the browser and the CLI compute the same
// bits (engines' Math.* may differ in the last place). In Node they equal V8's fdlibm ports.
describe('deterministic math', () => {
  const rng = streamFor(1, 'detmath');
  const inputs = (n: number, f: (u: number) => number) => Array.from({ length: n }, () => f(rng()));

  it('log equals Math.log bit for bit over 100k inputs across many magnitudes', () => {
    expect(inputs(100_000, (u) => Math.pow(10, 40 * u - 20)).filter((x) => log(x) !== Math.log(x))).toEqual([]);
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(Number.isNaN(log(-1))).toBe(true);
  });

  it('the fdlibm exp that builds the table equals Math.exp bit for bit over 100k inputs', () => {
    expect(inputs(100_000, (u) => 80 * u - 40).filter((x) => fdlibmExp(x) !== Math.exp(x))).toEqual([]);
    expect(fdlibmExp(0)).toBe(1);
  });

  it('the table exp stays within one unit in the last place of Math.exp over its whole range', () => {
    const ulp = (y: number) => 2 ** (Math.floor(Math.log2(y)) - 52);
    const worst = inputs(200_000, (u) => 1416 * u - 708).reduce((w, x) => Math.max(w, Math.abs(exp(x) - Math.exp(x)) / ulp(Math.exp(x))), 0);
    expect(worst).toBeLessThanOrEqual(1);
    expect(exp(0)).toBe(1);
    expect(exp(1000)).toBe(Infinity);
    expect(exp(-1000)).toBe(0);
    expect(Number.isNaN(exp(NaN))).toBe(true);
    expect(exp(-Infinity)).toBe(0);
  });
  it("the table exp gives the same bits as it did before its constants became literals (issue 14.4): a fingerprint of 200k values over (-745, 710)", () => {
    // The draws of every run go through exp: a change of one bit anywhere changes trace hashes.
    // Fingerprint computed with 43e2b5a's exp (module constants, two tables).
    const f64 = new Float64Array(1);
    const u32 = new Uint32Array(f64.buffer);
    let h1 = 0x811c9dc5 | 0;
    let h2 = 0;
    for (let i = 0; i < 200_000; i++) {
      f64[0] = exp(-745 + ((i * 0.6180339887498949) % 1) * 1455);
      h1 = Math.imul(h1 ^ u32[0], 0x01000193);
      h2 = Math.imul(h2 ^ u32[1], 0x01000193);
    }
    expect([(h1 >>> 0).toString(16), (h2 >>> 0).toString(16)]).toEqual(['a7a0db43', '8f94d16d']);
  });
});
