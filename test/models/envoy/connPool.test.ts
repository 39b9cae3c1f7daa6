import { describe, expect, it } from 'vitest';
import { ConnPool, IDLE_STRIDE } from '../../../src/models/envoy/connPool';
import { streamFor } from '../../../src/sim-engine';

// A host's idle connections are a stack (the last used on top) kept partly in its idle slot line
// (the top two) and partly in ConnPool.idle (the rest): every operation must give what a plain
// array of triples gives.

describe('a connection pool host idle stack', () => {
  it('pops, pushes, clears and filters exactly as a plain stack of triples, over 20,000 random operations on 3 hosts', () => {
    const pool = new ConnPool(3);
    const ref: number[][] = [[], [], []];
    const rnd = streamFor(7, 'idle-stack');
    let deepest = 0;
    let t = 0;
    for (let step = 0; step < 20_000; step++) {
      const i = Math.floor(rnd() * 3);
      const r = ref[i];
      const op = rnd();
      t += 1;
      if (op < 0.45) {
        const opened = t - Math.floor(rnd() * 50);
        const served = Math.floor(rnd() * 9);
        pool.pushIdle(i, opened, t, served);
        r.push(opened, t, served);
      } else if (op < 0.9) {
        if (r.length === 0) continue;
        expect([pool.topOpenedAt(i), pool.topIdleSince(i), pool.topServed(i)]).toEqual(r.slice(-3));
        pool.popIdle(i);
        r.length -= IDLE_STRIDE;
      } else if (op < 0.93) {
        expect(pool.clearIdle(i)).toBe(r.length / IDLE_STRIDE);
        r.length = 0;
      } else {
        const max = 20 + Math.floor(rnd() * 20);
        const keep = (opened: number) => t - opened < max;
        let aged = false;
        for (let k = 0; k < r.length; k += IDLE_STRIDE) aged ||= !keep(r[k]);
        expect(pool.anyIdleAged(i, t, max)).toBe(aged);
        const kept: number[] = [];
        for (let k = 0; k < r.length; k += IDLE_STRIDE) if (keep(r[k])) kept.push(r[k], r[k + 1], r[k + 2]);
        expect(pool.filterIdle(i, keep)).toBe((r.length - kept.length) / IDLE_STRIDE);
        ref[i] = kept;
      }
      for (let h = 0; h < 3; h++) expect(pool.idleCount(h)).toBe(ref[h].length / IDLE_STRIDE);
      deepest = Math.max(deepest, r.length / IDLE_STRIDE);
    }
    // The stacks grew well past the two kept in the slot line.
    expect(deepest).toBeGreaterThanOrEqual(6);
  });
});
