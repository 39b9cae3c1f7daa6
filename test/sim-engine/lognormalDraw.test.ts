import { describe, expect, it } from 'vitest';
import { DRAW_SLOT, drawInto, encodeDraw, lognormalDraw, streamAt, type Distribution } from '../../src/sim-engine';

/** `n` draws of `d` from stream `name` through drawInto and through lognormalDraw, each from its own copy of the record. */
function both(d: Distribution, name: string, n: number): { into: Float64Array; written: Float64Array; f: Float64Array; g: Float64Array } {
  const f = new Float64Array(2 * DRAW_SLOT);
  const g = new Float64Array(2 * DRAW_SLOT);
  for (const b of [f, g]) {
    encodeDraw(d, b, DRAW_SLOT);
    streamAt(7, name, b, DRAW_SLOT + 3);
  }
  const into = new Float64Array(n);
  const written = new Float64Array(n);
  const out = new Float64Array(1);
  for (let i = 0; i < n; i++) {
    drawInto(f, DRAW_SLOT, out, 0);
    into[i] = out[0];
    written[i] = lognormalDraw(g, DRAW_SLOT);
  }
  return { into, written, f, g };
}

describe('lognormalDraw (the lognormal draw written out for the data plane)', () => {
  it("gives drawInto's lognormal draws bit for bit, the ziggurat's tails too, and leaves the record as drawInto does (1M draws)", () => {
    const { into, written, f, g } = both({ type: 'lognormal', median: 0.2, sigma: 0.6 }, 'lognormal-draw', 1_000_000);
    expect(written.findIndex((x, i) => !Object.is(x, into[i]))).toBe(-1);
    // The stream's state after the last draw, and the slot before the record untouched.
    expect([...g]).toEqual([...f]);
    expect(g.subarray(0, DRAW_SLOT).every((x) => x === 0)).toBe(true);
    // The normal's tail beyond R = 3.44 was drawn (about 570 in a million): |ln(x / 0.2)| > 0.6 R.
    expect(into.some((x) => Math.abs(Math.log(x / 0.2)) > 0.6 * 3.442619855899)).toBe(true);
  });

  it("takes drawInto's cap (a year in ms) and exp's limits past +-708 the same way", () => {
    const { into, written } = both({ type: 'lognormal', median: 1, sigma: 300 }, 'lognormal-wide', 20_000);
    expect(written.findIndex((x, i) => !Object.is(x, into[i]))).toBe(-1);
    expect(into.some((x) => x === 8760 * 3_600_000)).toBe(true);
    expect(into.some((x) => x === 0)).toBe(true);
  });
});
