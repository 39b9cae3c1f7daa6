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
});
