import { describe, expect, it } from 'vitest';
import { planFill } from '../../src/workers/backfill';

const at = (ms: number) => ({ ms, ev: ms * 10 });

describe('planFill', () => {
  it('splits the widest gap in its middle, counting the gap from the newest snapshot to where the run stands', () => {
    // 2 simulated ms per wall ms: gaps over 100 wall ms of running (200 simulated ms) are worth it.
    expect(planFill([at(0), at(1_000), at(1_400)], at(2_000), 2, 100)).toEqual({ from: 0, atMs: 500 });
    expect(planFill([at(0), at(400), at(1_000)], at(2_200), 2, 100)).toEqual({ from: 2, atMs: 1_600 });
  });

  it('leaves gaps of fillWallMs of running or less alone, and has nothing to split without snapshots or a known speed', () => {
    expect(planFill([at(0), at(200), at(400)], at(600), 2, 100)).toBeNull();
    expect(planFill([at(0), at(200), at(401)], at(600), 2, 100)).toEqual({ from: 1, atMs: 300.5 });
    expect(planFill([], at(5_000), 2, 100)).toBeNull();
    expect(planFill([at(0)], at(5_000), 0, 100)).toBeNull();
    expect(planFill([at(0)], at(5_000), Number.NaN, 100)).toBeNull();
  });

  it('a snapshot ahead of where the run stands still bounds its gap (a seek forward restores it)', () => {
    expect(planFill([at(0), at(3_000)], at(1_000), 1, 100)).toEqual({ from: 0, atMs: 1_500 });
  });

  it("given the run's end, splits the gap from the newest snapshot to the end too, ahead of where the run stands", () => {
    expect(planFill([at(0), at(1_000)], at(1_000), 1, 100, 5_000)).toEqual({ from: 1, atMs: 3_000 });
    expect(planFill([at(0), at(4_000)], at(1_000), 1, 100, 5_000)).toEqual({ from: 0, atMs: 2_000 });
    // An end before where the run stands (it cannot be) counts as where it stands.
    expect(planFill([at(0)], at(1_000), 1, 100, 500)).toEqual({ from: 0, atMs: 500 });
  });
});
