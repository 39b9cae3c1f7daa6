import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ownershipOf } from '../../src/models/ownership';
import { parseScenarioText } from '../../src/scenario';
import { SimHost } from '../../src/workers/SimHost';
import { RetryCostMeter, causeShare, hopEdges, retryEdges, triesPerCall } from '../../src/ui/ownership/cost';
import type { SeriesBucket } from '../../src/workers/series';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

describe('the measured cost of a feature owned twice', () => {
  it("retry-storm: the gateway's and sidecars' retries cause about 27 tries at payments per request in the last second while it fails (and over the worst 5 s), 1 before", () => {
    const parsed = parseScenarioText(text('retry-storm'));
    if (!parsed.ok) throw new Error('invalid');
    const o = ownershipOf(parsed.scenario);
    let t = 0;
    const h = new SimHost(() => (t += 1e-6));
    const r = h.load(text('retry-storm'));
    if (!r.ok) throw new Error('did not load');
    const topo = r.info.topology;
    expect(hopEdges(topo, o.paths[0]).map((e) => `${topo.nodes[topo.edges[e].from].name}->${topo.nodes[topo.edges[e].to].name}`)).toEqual(['shoppers->api', 'api->web', 'web->orders', 'orders->payments']);
    const { first, last } = retryEdges(topo, o.paths, o.overlaps.find((x) => x.feature === 'retries')!);
    const meter = new RetryCostMeter();
    const runTo = (ms: number) => {
      while (true) {
        const f = h.advance(500, 1e9);
        meter.sample(f);
        if (f.simTime >= ms) return;
      }
    };
    runTo(9_000);
    const before = meter.measure(first, last);
    expect(before.now).toBeCloseTo(1, 1);
    runTo(20_000);
    const during = meter.measure(first, last);
    expect(Math.abs(during.now - 27) / 27).toBeLessThan(0.1);
    expect(Math.abs(during.worst - 27) / 27).toBeLessThan(0.1);
    // Over the run so far: 9 s at 1 try and 10 s at 27, between the two.
    expect(during.run).toBeGreaterThan(8);
    expect(during.run).toBeLessThan(18);
    runTo(35_000);
    const after = meter.measure(first, last);
    expect(after.now).toBeCloseTo(1, 1);
    expect(after.worst).toBeGreaterThan(25);
  });

  it('tries per call compare two cumulative counts, and say NaN with no calls', () => {
    // Two edges of five floats each: calls, failed, attempts, failedHere, tlsFailed.
    const a = Float64Array.from([10, 0, 10, 0, 0, 10, 0, 30, 0, 0]);
    const b = Float64Array.from([20, 0, 20, 0, 0, 20, 0, 300, 0, 0]);
    expect(triesPerCall(a, b, 0, 1)).toBe(27);
    expect(triesPerCall(null, b, 0, 1)).toBe(15);
    expect(triesPerCall(b, b, 0, 1)).toBeNaN();
  });

  it('a seek back starts the worst figure again; "now" is the frame\'s last simulated second; the worst window keeps both its ends', () => {
    const m = new RetryCostMeter();
    // Cumulative counts, and the last second's (Frame.recent) as the worker counts them.
    const frame = (t: number, calls: number, tries: number, recent: [number, number] = [calls, tries]) =>
      ({ simTime: t, edges: Float64Array.from([calls, 0, calls, 0, 0, 0, 0, tries, 0, 0]), recent: Float64Array.from([recent[0], 0, recent[0], 0, 0, 0, 0, recent[1], 0, 0]), recentFromMs: t - 1000, recentToMs: t }) as never;
    m.sample(frame(0, 0, 0));
    m.sample(frame(1000, 10, 270));
    // A window shorter than 5 s is not yet a worst: it reads high while a failure begins.
    expect(m.measure(0, 1)).toMatchObject({ now: 27, nowFromMs: 0, nowToMs: 1000, worst: NaN });
    m.sample(frame(5000, 20, 360, [2, 30]));
    expect(m.measure(0, 1)).toMatchObject({ now: 15, worst: 18, worstFromMs: 0, worstAt: 5000 });
    m.sample(frame(500, 5, 5));
    m.sample(frame(5500, 10, 10, [1, 1]));
    expect(m.measure(0, 1)).toMatchObject({ now: 1, worst: 1, worstFromMs: 500, worstAt: 5500 });
    // A span far past 5 s (a seek or a link's jump between two frames) is no worst 5 s.
    m.sample(frame(0, 0, 0));
    m.sample(frame(11_000, 20, 40, [2, 110]));
    expect(m.measure(0, 1)).toMatchObject({ now: 55, worst: NaN, run: 2 });
  });

  it('a failure cause is counted over the user requests ended', () => {
    const b = (ok: number, failed: number, causes: Record<string, number>) => ({ ok, failed, causes }) as SeriesBucket;
    expect(causeShare([b(90, 10, { timeout: 6, overflow: 4 }), b(100, 0, {})], ['timeout'])).toEqual({ share: 0.03, ended: 200 });
    expect(causeShare([], ['timeout']).share).toBeNaN();
  });
});
