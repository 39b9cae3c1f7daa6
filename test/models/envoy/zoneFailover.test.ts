import { describe, expect, it } from 'vitest';
import { World } from '../../../src/models';
import { scenarioFile } from '../helpers';

/** p-quantile of `xs` (nearest rank). */
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

describe('scenarios/zone-failover.json: stay in the zone, fail over, come back', () => {
  const s = scenarioFile('zone-failover.json');
  it.each([s.seed, 1, 2])('zone-b serves nothing before 20 s and after 45 s; from 22 s to 40 s it serves all, ~2 ms slower at p50, under 1 in 100 failing (seed %i)', (seed) => {
    const w = new World(s, seed);
    const ended: { ok: boolean; latency: number; at: number }[] = [];
    w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => ended.push({ ok: cause === 'ok', latency, at: w.sim.now }) };
    const payments = w.services.find((x) => x.name === 'payments')!;
    // Replicas 0 and 2 are in zone-a, 1 and 3 in zone-b (round robin over the zones).
    expect(payments.hosts.map((h) => w.network.hosts[h].zone)).toEqual(['zone-a', 'zone-b', 'zone-a', 'zone-b']);
    const zoneB = () => payments.replicas[1].served + payments.replicas[3].served;
    const zoneA = () => payments.replicas[0].served + payments.replicas[2].served;
    w.runUntil(20_000);
    expect(zoneB()).toBe(0);
    w.runUntil(22_000);
    const b22 = zoneB();
    const a22 = zoneA();
    w.runUntil(40_000);
    // During the outage every call is served in zone-b (200/s for 18 s).
    expect(zoneA() - a22).toBe(0);
    expect(zoneB() - b22).toBeGreaterThan(3400);
    w.runUntil(45_000);
    const b45 = zoneB();
    w.runUntil(60_000);
    expect(zoneB() - b45).toBe(0);

    const window = (from: number, to: number) => ended.filter((e) => e.at >= from && e.at < to);
    const lat = (from: number, to: number) => window(from, to).filter((e) => e.ok).map((e) => e.latency);
    const before = lat(5_000, 20_000);
    const during = lat(22_000, 40_000);
    const after = lat(45_000, 60_000);
    const p50 = [before, during, after].map((l) => q(l, 0.5));
    const p99 = [before, during, after].map((l) => q(l, 0.99));
    // The cross-zone round trip: 2 x (1.5 - 0.5) ms one way more, median.
    expect(p50[1] - p50[0]).toBeGreaterThan(1.6);
    expect(p50[1] - p50[0]).toBeLessThan(2.6);
    expect(Math.abs(p50[2] - p50[0])).toBeLessThan(0.3);
    expect(p99[1]).toBeGreaterThan(p99[0] + 1.5);
    expect(Math.abs(p99[2] - p99[0])).toBeLessThan(1);
    const outage = window(20_000, 40_000);
    expect(outage.filter((e) => !e.ok).length / outage.length).toBeLessThan(0.01);
  });
});
