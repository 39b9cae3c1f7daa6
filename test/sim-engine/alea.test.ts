import seedrandomAlea from 'seedrandom/lib/alea.js';
import { describe, expect, it } from 'vitest';
import alea, { slotOf } from '../../src/sim-engine/alea';
import { sampler, streamFor, type Distribution } from '../../src/sim-engine';

const draw = (rng: () => number, n: number) => Array.from({ length: n }, () => rng());

describe("alea: the engine's Alea, its state in a shared block", () => {
  it("draws exactly seedrandom's Alea numbers for the same seed, over 100 seeds and 10,000 draws each", () => {
    for (let k = 0; k < 100; k++) {
      const seed = `meshsim/${k}/svc-${k * 7}/sidecar`;
      expect(draw(alea(seed), 10_000)).toEqual(draw(seedrandomAlea(seed), 10_000));
    }
  });

  it("saves and restores its state as seedrandom's does: a generator from a saved state goes on with the same draws", () => {
    const a = alea('meshsim/1/frontend', { state: true });
    const b = seedrandomAlea('meshsim/1/frontend', { state: true });
    draw(a, 777);
    draw(b, 777);
    expect(a.state()).toEqual(b.state());
    const resumed = alea('', { state: a.state() });
    expect(draw(resumed, 1000)).toEqual(draw(a, 1000));
  });

  it('keeps 2,000 streams made one after another independent: each draws what it draws alone', () => {
    const many = Array.from({ length: 2000 }, (_, i) => streamFor(5, `s${i}`));
    const interleaved = Array.from({ length: 3 }, () => many.map((r) => r()));
    for (const i of [0, 511, 512, 1999]) {
      const alone = streamFor(5, `s${i}`);
      expect(interleaved.map((row) => row[i])).toEqual(draw(alone, 3));
    }
  });

  it('gives streamFor a slot and any other function none', () => {
    expect(slotOf(streamFor(1, 'x'))).not.toBeNull();
    expect(slotOf(() => 0.5)).toBeNull();
  });
});

describe('samplers on a stream slot', () => {
  // The lognormal of an Envoy pass and a wide one (its tail reaches the ziggurat's base layer).
  const cases: Distribution[] = [
    { type: 'exponential', mean: 2 },
    { type: 'normal', mean: 5, stddev: 2 },
    { type: 'lognormal', median: 0.15, sigma: 0.55 },
    { type: 'lognormal', median: 1, sigma: 3 },
    { type: 'pareto', scale: 1, shape: 1.5 },
    { type: 'uniform', min: 1, max: 3 },
  ];
  for (const d of cases) {
    it(`draw the same values as over the stream's closure, wedges and tails included: ${JSON.stringify(d)}, 400,000 draws`, () => {
      // A plain wrapper has no slot, so sampler() takes the closure path.
      const closure = streamFor(9, 'same');
      const viaClosure = sampler(d, () => closure());
      const viaSlot = sampler(d, streamFor(9, 'same'));
      expect(draw(viaSlot, 400_000)).toEqual(draw(viaClosure, 400_000));
    });
  }

  it('share the stream with a direct draw: a sampler and rng() on one stream interleave as one sequence', () => {
    const a = streamFor(4, 'shared');
    const b = streamFor(4, 'shared');
    const sa = sampler({ type: 'exponential', mean: 1 }, a);
    const sb = sampler({ type: 'exponential', mean: 1 }, () => b());
    const seq = (s: () => number, r: () => number) => Array.from({ length: 3000 }, (_, i) => (i % 3 ? s() : r()));
    expect(seq(sa, a)).toEqual(seq(sb, b));
  });
});
