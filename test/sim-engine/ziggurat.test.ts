import { describe, expect, it } from 'vitest';
import { streamAt, streamFor } from '../../src/sim-engine';
import { exponentialAt, exponentialInto, exponentialZiggurat, normalAt, normalInto, normalValue, normalZiggurat } from '../../src/sim-engine/ziggurat';

const N = 400_000;

function draw(make: (rng: () => number) => () => number, name: string, n = N): Float64Array {
  const next = make(streamFor(42, name));
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = next();
  return xs;
}

/** Kolmogorov-Smirnov distance between the sample and a CDF. */
function ks(xs: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(xs).sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  }
  return d;
}

/** The standard normal CDF. */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  // Numerical Recipes' erfc, fractional error below 1.2e-7 everywhere.
  const erfc =
    t *
    Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

// The 0.1% critical KS distance for n draws is 1.95 / sqrt(n): about 0.0031 for 400k.
const KS_CRITICAL = 1.95 / Math.sqrt(N);

describe('ziggurat samplers', () => {
  it('exponential follows 1 - exp(-x) (Kolmogorov-Smirnov at 0.1%)', () => {
    expect(ks(draw(exponentialZiggurat, 'zig-exp'), (x) => 1 - Math.exp(-x))).toBeLessThan(KS_CRITICAL);
  });

  it('normal follows the standard normal CDF (Kolmogorov-Smirnov at 0.1%)', () => {
    expect(ks(draw(normalZiggurat, 'zig-norm'), phi)).toBeLessThan(KS_CRITICAL);
  });

  it('exponential puts the right mass in the tail beyond the base layer (x > 7.697)', () => {
    const xs = draw(exponentialZiggurat, 'zig-exp-tail', 4_000_000);
    const beyond = xs.filter((x) => x > 7.697117470131487).length;
    // Expected 4e6 * exp(-7.697) = 1819, standard deviation 43.
    expect(Math.abs(beyond - 4e6 * Math.exp(-7.697117470131487))).toBeLessThan(4 * 43);
    expect(Math.max(...xs.filter((x) => x > 12))).toBeGreaterThan(12);
  });

  it('normal puts the right mass in both tails beyond the base layer (|z| > 3.4426) and is symmetric', () => {
    const xs = draw(normalZiggurat, 'zig-norm-tail', 4_000_000);
    const upper = xs.filter((x) => x > 3.442619855899).length;
    const lower = xs.filter((x) => x < -3.442619855899).length;
    const expected = 4e6 * (1 - phi(3.442619855899));
    // About 1152 each side, standard deviation 34.
    expect(Math.abs(upper - expected)).toBeLessThan(4 * 34);
    expect(Math.abs(lower - expected)).toBeLessThan(4 * 34);
  });

  it('successive draws are uncorrelated (layer and position come from separate bits)', () => {
    for (const [make, name] of [
      [exponentialZiggurat, 'zig-exp-lag'],
      [normalZiggurat, 'zig-norm-lag'],
    ] as const) {
      const xs = draw(make, name);
      let m = 0;
      for (const x of xs) m += x / xs.length;
      let num = 0;
      let den = 0;
      for (let i = 0; i < xs.length; i++) {
        den += (xs[i] - m) ** 2;
        if (i > 0) num += (xs[i] - m) * (xs[i - 1] - m);
      }
      // Standard error of a lag-1 correlation is 1 / sqrt(n) = 0.0016.
      expect(Math.abs(num / den)).toBeLessThan(0.0064);
    }
  });

  it("exponentialInto and normalInto write the closures' draws bit for bit to the slot they are given and nowhere else; the At forms return them (1M draws, tails included)", () => {
    for (const [into, at, make, name] of [
      [exponentialInto, exponentialAt, exponentialZiggurat, 'zig-exp-into'],
      [normalInto, normalAt, normalZiggurat, 'zig-norm-into'],
    ] as const) {
      const n = 1_000_000;
      const reference = draw(make, name, n);
      const [s, t] = [new Float64Array(6), new Float64Array(4)];
      streamAt(42, name, s, 2);
      streamAt(42, name, t, 0);
      const out = new Float64Array(3);
      const written = new Float64Array(n);
      const returned = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        into(s, 2, out, 1);
        written[i] = out[1];
        returned[i] = at(t, 0);
      }
      // The first index where either differs (-1: none). Compared by Object.is in a loop, since
      // toEqual over two 1M-element arrays took 15 s of the suite.
      const firstDiff = (xs: Float64Array) => xs.findIndex((x, i) => !Object.is(x, reference[i]));
      expect(firstDiff(written), `${name}: written`).toBe(-1);
      expect(firstDiff(returned), `${name}: returned`).toBe(-1);
      expect([out[0], out[2], s[0], s[1]]).toEqual([0, 0, 0, 0]);
      // The tails beyond the base layer were taken too (about 455 and 574 in a million).
      expect(reference.some((x) => Math.abs(x) > (name === 'zig-exp-into' ? 7.697117470131487 : 3.442619855899))).toBe(true);
    }
  });

  it("normalValue returns the closure's draws bit for bit, the tails' too, and advances only its stream (1M draws)", () => {
    const n = 1_000_000;
    const reference = draw(normalZiggurat, 'zig-norm-value', n);
    const s = new Float64Array(7);
    streamAt(42, 'zig-norm-value', s, 2);
    const returned = new Float64Array(n);
    for (let i = 0; i < n; i++) returned[i] = normalValue(s, 2);
    expect(returned.findIndex((x, i) => !Object.is(x, reference[i]))).toBe(-1);
    expect([s[0], s[1], s[6]]).toEqual([0, 0, 0]);
    expect(reference.some((x) => Math.abs(x) > 3.442619855899)).toBe(true);
  });
});
