import { describe, expect, it } from 'vitest';
import { streamAt } from '../../../src/sim-engine';
import { ConnPool } from '../../../src/models/envoy/connPool';
import { LoadBalancer } from '../../../src/models/envoy/loadBalancer';
import { OutlierDetector } from '../../../src/models/envoy/outlierDetector';
import type { CompiledPolicy } from '../../../src/models/proxy/policy';

// The balancer's one-level shortcut (locality off: loadBalancer.ts onlyLevel, issue 14.4) must pick
// exactly what the level tables (PriorityLoad) pick. With locality on but no localities set, every
// host is level 0 and the tables run: the same hosts, the same panics, the same draws.

/** Only the fields a pick reads. */
function policy(lb: CompiledPolicy['lb'], panicThreshold: number, localityLb: boolean): CompiledPolicy {
  return { lb, panicThreshold, localityLb, localityFailover: null, localityDistribute: null } as unknown as CompiledPolicy;
}

/** A deterministic generator for the test's own choices (not the balancer's stream). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('load balancer with locality off (one level, no level tables)', () => {
  it('picks the same hosts and counts the same panics as the level tables, over 3,000 random host states', () => {
    const pick = lcg(7);
    let checked = 0;
    let panics = 0;
    let none = 0;
    for (let round = 0; round < 3000; round++) {
      const n = [1, 2, 3, 5, 8, 150][round % 6];
      const lb = (['least-request', 'random', 'round-robin'] as const)[Math.floor(round / 6) % 3];
      const threshold = [0, 0.5, 50, 100][Math.floor(round / 18) % 4];
      const known = new Uint8Array(n);
      const until = new Float64Array(n);
      const active = new Int32Array(n);
      // A healthy share that rounds to 0 without panic (150 hosts, one healthy, threshold 0.5) is left to the tables.
      const oneHealthy = n === 150 && round % 5 === 0;
      for (let i = 0; i < n; i++) {
        known[i] = oneHealthy || pick() < 0.8 ? 1 : 0;
        until[i] = oneHealthy ? (i === 0 ? 0 : 1e9) : pick() < 0.3 ? 1e9 : 0;
        active[i] = Math.floor(pick() * 4);
      }
      const make = () => {
        const od = new OutlierDetector(n);
        od.ejectedUntil.set(until);
        od.ejectedCount = until.filter((u) => u > 0).length; // as eject() keeps it
        const s = new Float64Array(4);
        streamAt(round, 'lb', s, 0);
        const pool = new ConnPool(n);
        for (let i = 0; i < n; i++) pool.addActive(i, active[i]);
        return new LoadBalancer(known, od, pool, s, 0, new Int32Array(1));
      };
      const fast = make();
      const tables = make();
      const pFast = policy(lb, threshold, false);
      const pTables = policy(lb, threshold, true);
      for (let k = 0; k < 4; k++) {
        const a = fast.pick(pFast, { now: 100 }, k);
        expect(tables.pick(pTables, { now: 100 }, k)).toBe(a);
        if (a < 0) none++;
        checked++;
      }
      expect(fast.panics).toBe(tables.panics);
      panics += fast.panics;
    }
    expect(checked).toBe(12_000);
    // The states reached every branch: picks in panic, picks with no host, and ordinary picks.
    expect(panics).toBeGreaterThan(100);
    expect(none).toBeGreaterThan(100);
    expect(checked - none).toBeGreaterThan(5000);
  });
});
