import { describe, expect, it } from 'vitest';
import { DRAW_SLOT, DrawCode, deepCopy, drawAt, drawInto, encodeDraw, sampler, streamAt, streamFor, type Distribution } from '../../src/sim-engine';

const draw = (next: () => number, n: number) => Array.from({ length: n }, () => next());

describe('draws encoded in a block (encodeDraw, drawAt, streamAt)', () => {
  const cases: Distribution[] = [
    { type: 'constant', value: 0.25 },
    { type: 'exponential', mean: 2 },
    { type: 'normal', mean: 5, stddev: 2 },
    { type: 'lognormal', median: 0.15, sigma: 0.55 },
    { type: 'lognormal', median: 1, sigma: 3 },
    { type: 'pareto', scale: 1, shape: 1.5 },
    { type: 'uniform', min: 1, max: 3 },
  ];
  for (const d of cases) {
    it(`drawAt gives streamFor's sampler's values bit for bit: ${JSON.stringify(d)}, 200,000 draws`, () => {
      // At an odd offset of a block shared with other state, as a proxy record lays it out.
      const f = new Float64Array(3 * DRAW_SLOT);
      const p = DRAW_SLOT + 2;
      encodeDraw(d, f, p);
      streamAt(9, 'same', f, p + 3);
      const reference = sampler(d, streamFor(9, 'same'));
      expect(draw(() => drawAt(f, p), 200_000)).toEqual(draw(reference, 200_000));
    });
  }

  it("drawInto writes drawAt's draws to the slot it is given and nowhere else", () => {
    const d: Distribution = { type: 'lognormal', median: 0.15, sigma: 0.55 };
    const [f, g] = [new Float64Array(DRAW_SLOT), new Float64Array(DRAW_SLOT)];
    for (const b of [f, g]) {
      encodeDraw(d, b, 0);
      streamAt(4, 'into', b, 3);
    }
    const out = new Float64Array(3);
    const into = draw(() => (drawInto(f, 0, out, 1), out[1]), 10_000);
    expect(into).toEqual(draw(() => drawAt(g, 0), 10_000));
    expect([out[0], out[2]]).toEqual([0, 0]);
  });

  it('shares one stream between drawAt and a sampler over streamAt: interleaved they draw one sequence', () => {
    const d: Distribution = { type: 'lognormal', median: 0.35, sigma: 0.5 };
    const f = new Float64Array(DRAW_SLOT);
    encodeDraw(d, f, 0);
    const s = sampler(d, streamAt(3, 'pod/a-0', f, 3));
    const reference = sampler(d, streamFor(3, 'pod/a-0'));
    let i = 0;
    expect(draw(() => (i++ % 3 ? drawAt(f, 0) : s()), 5000)).toEqual(draw(reference, 5000));
  });

  it('a snapshot of block and sampler together keeps them one stream, apart from the original', () => {
    const d: Distribution = { type: 'exponential', mean: 1 };
    const f = new Float64Array(DRAW_SLOT);
    encodeDraw(d, f, 0);
    const state = { f, s: sampler(d, streamAt(7, 'x', f, 3)) };
    draw(state.s, 100);
    const copy = deepCopy(state).value as typeof state;
    expect(copy.f).not.toBe(f);
    const fromCopy = [copy.s(), drawAt(copy.f, 0), copy.s(), drawAt(copy.f, 0)];
    const fromOriginal = [state.s(), drawAt(f, 0), state.s(), drawAt(f, 0)];
    expect(fromCopy).toEqual(fromOriginal);
    expect(draw(copy.s, 10)).toEqual(draw(state.s, 10));
  });

  it('marks a distribution left to its owner as custom, and drawAt gives NaN for it', () => {
    const f = new Float64Array(DRAW_SLOT);
    encodeDraw(null, f, 0);
    expect(f[0]).toBe(DrawCode.custom);
    expect(drawAt(f, 0)).toBeNaN();
  });
});
