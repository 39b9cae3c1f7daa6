import { describe, expect, it } from 'vitest';
import { FILL_EVENTS, FILL_RUN_EVENTS, eventsPerSimMs, planFill, runEvents } from '../../src/workers/backfill';

/** A point of a run of 10 events a simulated ms. */
const at = (ms: number) => ({ ms, ev: ms * 10 });

describe('planFill', () => {
  it('splits the gap holding the most events in its middle, counting the gap from the newest snapshot to where the run stands', () => {
    // Gaps of 10,000, 4,000 and 6,000 events: over 2,000 is worth splitting.
    expect(planFill([at(0), at(1_000), at(1_400)], at(2_000), 10, 2_000)).toEqual({ from: 0, atMs: 500 });
    expect(planFill([at(0), at(400), at(1_000)], at(2_200), 10, 2_000)).toEqual({ from: 2, atMs: 1_600 });
  });

  it('weighs gaps by their events, not their simulated time: a short busy gap goes before a long quiet one', () => {
    // 0-10 s holds 5,000 events, 10-12 s holds 20,000 (a burst).
    const kept = [{ ms: 0, ev: 0 }, { ms: 10_000, ev: 5_000 }, { ms: 12_000, ev: 25_000 }];
    expect(planFill(kept, kept[2], 12.5, 4_000)).toEqual({ from: 1, atMs: 11_000 });
  });

  it('leaves gaps of fillEvents or fewer alone, and has nothing to split without snapshots', () => {
    expect(planFill([at(0), at(200), at(400)], at(600), 10, 2_000)).toBeNull();
    expect(planFill([at(0), at(200), at(401)], at(600), 10, 2_000)).toEqual({ from: 1, atMs: 300.5 });
    expect(planFill([], at(5_000), 10, 2_000)).toBeNull();
  });

  it('does not depend on how fast the machine runs: nothing in it is wall time, so the plans at load 1 and load 20 are the same', () => {
    // The points a run leaves are the run's own (simulated ms, events); session 16's rule took a
    // speed in simulated ms per wall ms, 20 times lower at load 20, and split 20 times as much.
    const kept = [at(0), at(10_000), at(12_000), at(30_000)];
    const plans: unknown[] = [];
    let k = kept;
    for (let i = 0; i < 50; i++) {
      const p = planFill(k, at(30_000), 10, FILL_EVENTS, 60_000);
      if (p === null) break;
      plans.push(p);
      k = [...k, at(p.atMs)].sort((a, b) => a.ms - b.ms);
    }
    // 600,000 events to 60 s in gaps of 100,000, 20,000, 180,000 and 300,000 events: split in
    // halves until none holds over 50,000 (1 + 0 + 3 + 7 fills).
    expect(FILL_EVENTS).toBe(50_000);
    expect(plans.length).toBe(11);
    const evs = [...k.map((p) => p.ev), 600_000];
    const gaps = evs.slice(1).map((e, i) => e - evs[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(FILL_EVENTS);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(20_000);
  });

  it('a snapshot ahead of where the run stands still bounds its gap (a seek forward restores it)', () => {
    expect(planFill([at(0), at(3_000)], at(1_000), 10, 1_000)).toEqual({ from: 0, atMs: 1_500 });
  });

  it("given the run's end, splits the gap from the newest snapshot to the end too, its events estimated at the run's rate", () => {
    expect(planFill([at(0), at(1_000)], at(1_000), 10, 1_000, 5_000)).toEqual({ from: 1, atMs: 3_000 });
    expect(planFill([at(0), at(4_000)], at(1_000), 10, 1_000, 5_000)).toEqual({ from: 0, atMs: 2_000 });
    // An end before where the run stands (it cannot be) counts as where it stands.
    expect(planFill([at(0)], at(1_000), 10, 1_000, 500)).toEqual({ from: 0, atMs: 500 });
    // 4 s to the end at 10 events a ms: 40,000 events, not over 40,000.
    expect(planFill([at(0), at(1_000)], at(1_000), 10, 40_000, 5_000)).toBeNull();
  });

  it("before the run's rate is known (it has not moved), plans the first eighth of the run: a short replay that tells it", () => {
    expect(planFill([{ ms: 0, ev: 12 }], { ms: 0, ev: 12 }, 0, FILL_EVENTS, 120_000)).toEqual({ from: 0, atMs: 15_000 });
  });
});

describe('the run size', () => {
  it("takes the events a simulated ms from the furthest point known past zero", () => {
    expect(eventsPerSimMs([{ ms: 0, ev: 40 }, { ms: 2_000, ev: 10_000 }, { ms: 1_000, ev: 3_000 }])).toBe(5);
    expect(eventsPerSimMs([{ ms: 0, ev: 40 }])).toBe(0);
  });

  it('counts events to the furthest point and estimates the rest; Infinity when the rate is unknown', () => {
    expect(runEvents([at(0), at(3_000)], at(1_000), 10, 5_000)).toBe(50_000);
    expect(runEvents([at(0)], { ms: 5_000, ev: 51_234 }, 10, 5_000)).toBe(51_234);
    expect(runEvents([{ ms: 0, ev: 7 }], { ms: 0, ev: 7 }, 0, 5_000)).toBe(Number.POSITIVE_INFINITY);
  });

  it("the shipped light runs get no fill: hello-mesh's 99,788 events are under FILL_RUN_EVENTS; Istio's full load test's 2,261,805 are over", () => {
    expect(99_788).toBeLessThanOrEqual(FILL_RUN_EVENTS);
    expect(2_261_805).toBeGreaterThan(FILL_RUN_EVENTS);
  });
});
