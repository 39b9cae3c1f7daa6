import { describe, expect, it } from 'vitest';
import { ConnPool, IDLE_STRIDE } from '../../../src/models/envoy/connPool';

/** A tiny deterministic generator (xorshift32): the test's operations, the same every run. */
function xorshift(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

describe("a pool's idle stacks, one flat array of per-host segments", () => {
  it('pushes, pops, closes by age and grows like one plain stack per host, over 20,000 random operations on 3 hosts, stacks reaching depth 9 or more', () => {
    const hosts = 3;
    const pool = new ConnPool(hosts);
    const plain: number[][][] = Array.from({ length: hosts }, () => []);
    const next = xorshift(12345);
    let deepest = 0;
    for (let step = 0; step < 20_000; step++) {
      const i = Math.floor(next() * hosts);
      const op = next();
      if (op < 0.5) {
        const c = [step, step + 0.5, Math.floor(next() * 10)];
        pool.pushIdle(i, c[0], c[1], c[2]);
        plain[i].push(c);
      } else if (op < 0.95) {
        if (plain[i].length === 0) continue;
        const top = pool.top(i);
        expect([pool.lines[top], pool.lines[top + 1], pool.lines[top + 2]]).toEqual(plain[i].pop());
        pool.popIdle(i);
      } else if (op < 0.98) {
        // Age: close those open 40 steps or more, or opened before a random cut.
        const before = step - Math.floor(next() * 80);
        const closed = pool.closeIdleOpened(i, before, step, 40);
        const kept = plain[i].filter((c) => !(c[0] < before || step - c[0] >= 40));
        expect(closed).toBe(plain[i].length - kept.length);
        plain[i] = kept;
      } else {
        expect(pool.clearIdle(i)).toBe(plain[i].length);
        plain[i] = [];
      }
      deepest = Math.max(deepest, plain[i].length);
      for (let h = 0; h < hosts; h++) {
        expect(pool.idleCount(h)).toBe(plain[h].length);
      }
    }
    for (let h = 0; h < hosts; h++) expect(pool.idleOf(h)).toEqual(plain[h].flat());
    expect(deepest).toBeGreaterThanOrEqual(9);
    expect(pool.stride).toBeGreaterThan(2 + 2 * IDLE_STRIDE);
  });

  it("keeps each host's busy count beside its idle count, apart from the other hosts'", () => {
    const pool = new ConnPool(2);
    pool.addBusy(1, 1);
    pool.addBusy(1, 1);
    pool.addBusy(0, 1);
    pool.addBusy(1, -1);
    pool.pushIdle(1, 5, 6, 7);
    expect([pool.busy(0), pool.busy(1), pool.idleCount(0), pool.idleCount(1)]).toEqual([1, 1, 0, 1]);
  });
});
