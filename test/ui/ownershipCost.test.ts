import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ownershipOf } from '../../src/models/ownership';
import { parseScenarioText } from '../../src/scenario';
import { SimHost } from '../../src/workers/SimHost';
import { RetryCostMeter, causeShare, hopEdges, retryEdges, triesPerCall, worstWindow } from '../../src/ui/ownership/cost';
import type { SeriesBucket } from '../../src/workers/series';
import { EDGE_STRIDE, EdgeField } from '../../src/workers/protocol';

/** Edges' counts as a frame holds them (EDGE_STRIDE floats an edge), from each edge's [calls, attempts]; the rest 0. */
function edgesOf(rows: [number, number][]): Float64Array {
  const out = new Float64Array(rows.length * EDGE_STRIDE);
  rows.forEach(([calls, attempts], e) => {
    out[e * EDGE_STRIDE + EdgeField.calls] = calls;
    out[e * EDGE_STRIDE + EdgeField.attempts] = attempts;
  });
  return out;
}

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
    const buckets: SeriesBucket[] = [];
    const runTo = (ms: number) => {
      while (true) {
        const f = h.advance(500, 1e9);
        meter.sample(f);
        buckets.push(...h.seriesSince(buckets.length === 0 ? 0 : 1, buckets.length).buckets);
        if (f.simTime >= ms) return;
      }
    };
    runTo(9_000);
    const before = meter.measure(first, last, buckets);
    expect(before.now).toBeCloseTo(1, 1);
    runTo(20_000);
    const during = meter.measure(first, last, buckets);
    expect(Math.abs(during.now - 27) / 27).toBeLessThan(0.1);
    expect(Math.abs(during.worst - 27) / 27).toBeLessThan(0.1);
    // Over the run so far: 9 s at 1 try and 10 s at 27, between the two.
    expect(during.run).toBeGreaterThan(8);
    expect(during.run).toBeLessThan(18);
    runTo(35_000);
    const after = meter.measure(first, last, buckets);
    expect(after.now).toBeCloseTo(1, 1);
    expect(after.worst).toBeGreaterThan(25);
  });

  it('tries per call compare two cumulative counts, and say NaN with no calls', () => {
    // Two edges: 10 then 20 calls; edge 1's attempts 30 then 300.
    const a = edgesOf([[10, 10], [10, 30]]);
    const b = edgesOf([[20, 20], [20, 300]]);
    expect(triesPerCall(a, b, 0, 1)).toBe(27);
    expect(triesPerCall(null, b, 0, 1)).toBe(15);
    expect(triesPerCall(b, b, 0, 1)).toBeNaN();
  });

  it('"now" is the frame\'s last simulated second; the worst 5 s is the series\' worst whole window ended by the moment shown, with both its ends', () => {
    const m = new RetryCostMeter();
    // Cumulative counts, and the last second's (Frame.recent) as the worker counts them.
    const frame = (t: number, calls: number, tries: number, recent: [number, number] = [calls, tries]) =>
      ({ simTime: t, edges: edgesOf([[calls, calls], [0, tries]]), recent: edgesOf([[recent[0], recent[0]], [0, recent[1]]]), recentFromMs: t - 1000, recentToMs: t }) as never;
    // Buckets of a second, each with edge 0's calls and edge 1's tries at its end (two floats an edge).
    const bucket = (i: number, calls: number, tries: number) => ({ t: i * 1000, edgesAtMs: (i + 1) * 1000, edges: Float64Array.from([calls, calls, 0, tries]) }) as unknown as SeriesBucket;
    // 10 calls a second; 1 try a call up to 5 s, 27 from 5 s to 7 s, 3 after.
    const cum: [number, number][] = [];
    for (let i = 0, c = 0, tr = 0; i < 12; i++) {
      c += 10;
      tr += 10 * (i < 5 ? 1 : i < 7 ? 27 : 3);
      cum.push([c, tr]);
    }
    const series = cum.map(([c, tr], i) => bucket(i, c, tr));
    m.sample(frame(4000, 40, 40, [10, 10]));
    // Before a whole 5 s has ended: no worst.
    expect(m.measure(0, 1, series.slice(0, 4))).toMatchObject({ now: 1, nowFromMs: 3000, nowToMs: 4000, worst: NaN, run: 1 });
    // Buckets past the moment shown are not counted (the series may run ahead of the frame).
    expect(m.measure(0, 1, series).worst).toBeNaN();
    m.sample(frame(12_000, 120, 0, [10, 30]));
    // 2 s at 27 and 3 at 3: the window 5 s to 10 s has (54 + 9) / 5 = 12.6, the most (2 s to 7 s: 11.4).
    expect(m.measure(0, 1, series)).toMatchObject({ now: 3, worst: 12.6, worstFromMs: 5000, worstAt: 10_000 });
    expect(worstWindow(series, 0, 1, 6000)).toEqual({ v: (4 + 27) / 5, fromMs: 1000, toMs: 6000 });
    // A gap in the counts (a series begun late) leaves out the windows that need them: 1 s to
    // 6 s needs the counts at 1 s.
    const gap = series.map((b, i) => (i === 0 ? ({ ...b, edges: undefined, edgesAtMs: undefined } as SeriesBucket) : b));
    expect(worstWindow(gap, 0, 1, 12_000)).toEqual({ v: 12.6, fromMs: 5000, toMs: 10_000 });
    expect(worstWindow(gap, 0, 1, 6000)).toEqual({ v: 1, fromMs: 0, toMs: 5000 });
    expect(worstWindow([], 0, 1, 6000).v).toBeNaN();
  });

  it('a failure cause is counted over the user requests ended', () => {
    const b = (ok: number, failed: number, causes: Record<string, number>) => ({ ok, failed, causes }) as SeriesBucket;
    expect(causeShare([b(90, 10, { timeout: 6, overflow: 4 }), b(100, 0, {})], ['timeout'])).toEqual({ share: 0.03, ended: 200 });
    expect(causeShare([], ['timeout']).share).toBeNaN();
  });
});
