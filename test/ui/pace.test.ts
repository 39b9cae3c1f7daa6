import { describe, expect, it } from 'vitest';
import { NEW_PACE, samplePace, speedText, type Pace } from '../../src/ui/sim/pace';

/** Samples every `stepMs` of wall time for `ms`, the run going at `rate` simulated ms per wall ms. */
function run(p: Pace, from: number, ms: number, rate: number, factor: number, stepMs = 250): { p: Pace; at: number; firstFlip: number } {
  let at = from;
  let firstFlip = NaN;
  const was = p.behind;
  for (; at < from + ms; ) {
    at += stepMs;
    p = samplePace(p, at, p.simMs + rate * stepMs, factor);
    if (p.behind !== was && Number.isNaN(firstFlip)) firstFlip = at - from;
  }
  return { p, at, firstFlip };
}

describe('a pace meter', () => {
  it("says a run at 0.02× is behind its chosen 0.1× after its mean falls under half and stays there 3 s, not before", () => {
    const start = samplePace(NEW_PACE, 0, 0, 0.1);
    const slow = run(start, 0, 10_000, 0.02, 0.1);
    expect(slow.p.behind).toBe(true);
    // The first sample sets the mean at 0.02 at once: under 0.05 from 250 ms, said 3 s later.
    expect(slow.firstFlip).toBe(3250);
    expect(slow.p.achieved).toBeCloseTo(0.02, 10);
    expect(speedText(slow.p.achieved)).toBe('0.02×');
  });

  it('keeps quiet through a second-long stall in a run that keeps up', () => {
    let r = run(samplePace(NEW_PACE, 0, 0, 0.1), 0, 5000, 0.1, 0.1);
    r = run(r.p, r.at, 1000, 0, 0.1);
    r = run(r.p, r.at, 5000, 0.1, 0.1);
    expect(r.p.behind).toBe(false);
    expect(r.firstFlip).toBeNaN();
  });

  it('goes 2 s after the smoothed speed is back at 80% or more, not at the first fast sample', () => {
    const slow = run(samplePace(NEW_PACE, 0, 0, 0.1), 0, 10_000, 0.01, 0.1);
    expect(slow.p.behind).toBe(true);
    const back = run(slow.p, slow.at, 10_000, 0.1, 0.1);
    expect(back.p.behind).toBe(false);
    // From 0.01 to 0.08 with a 2 s time constant takes 2 s × ln(9/2) = 3.0 s (at 250 ms steps: 3.25 s), then 2 s.
    expect(back.firstFlip).toBe(5250);
  });

  it('is never behind at max, and starts afresh after the clock moves back', () => {
    expect(run(samplePace(NEW_PACE, 0, 0, Infinity), 0, 10_000, 0.001, Infinity).p.behind).toBe(false);
    const slow = run(samplePace(NEW_PACE, 0, 0, 0.1), 0, 10_000, 0.01, 0.1).p;
    expect(samplePace(slow, 10_250, 0, 0.1)).toEqual({ ...NEW_PACE, wallMs: 10_250, simMs: 0 });
  });

  it('says a speed to two figures', () => {
    expect([speedText(0.0007123), speedText(0.0213), speedText(0.25), speedText(1.53), speedText(12.4)]).toEqual(['0.00071×', '0.021×', '0.25×', '1.5×', '12×']);
  });
});
