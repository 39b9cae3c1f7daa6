// A latency nobody measured reads as such, never as 0: the link inspector's p50/p90/p99, the
// run's counters (and the compare table and exports that share their rule), and mesh names that
// read right for the implicit mesh `mesh`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { edgeLatencyText, firstMeasuredEnd, runLatencyMeasured, NOT_MEASURED } from '../../src/ui/measuredLatency';
import { meshLabel, meshPhrase, meshTitle } from '../../src/ui/topology/meshName';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, type EdgeInspect, type SeriesBucket } from '../../src/workers/protocol';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

const bucket = (t: number, latencyCount: number): SeriesBucket => ({ t, sent: 10, ok: 10, failed: 0, causes: {}, latencyCount, latencySum: latencyCount * 2, p50: latencyCount ? 2 : 0, p90: latencyCount ? 3 : 0, p99: latencyCount ? 4 : 0, clients: {}, tries: {} });

type EdgeLatency = Pick<EdgeInspect, 'ok' | 'latencyCount' | 'latencyMs' | 'simTime'>;

describe('a link latency in the inspector', () => {
  it('during the warm-up says so, with the ok calls it leaves out, and prints no duration', () => {
    const edge: EdgeLatency = { ok: 412, latencyCount: 0, latencyMs: null, simTime: 3000 };
    const t = edgeLatencyText(edge, 5000);
    expect(t.measured).toBe(false);
    expect(t.text).toBe(`${NOT_MEASURED} warming up (5 s)`);
    expect(t.title).toContain('first 5 s (412 ok so far are left out)');
    expect(t.text).not.toMatch(/µs|ms/);
  });

  it('after the warm-up with ok calls but none measured (all sent in the warm-up) says none measured, not 0 µs', () => {
    // Zeros where the quantiles would be: what an empty histogram reads, which must not print.
    const edge: EdgeLatency = { ok: 40, latencyCount: 0, latencyMs: { p50: 0, p90: 0, p99: 0, mean: 0 }, simTime: 5200 };
    const t = edgeLatencyText(edge, 5000);
    expect(t.measured).toBe(false);
    expect(t.text).toBe(`${NOT_MEASURED} none measured yet`);
    expect(t.title).toContain('40 ok in the warm-up are left out');
    expect(t.text).not.toContain('µs');
  });

  it('with no ok call at all says so', () => {
    const t = edgeLatencyText({ ok: 0, latencyCount: 0, latencyMs: null, simTime: 9000 }, 0);
    expect(t).toEqual({ measured: false, text: `${NOT_MEASURED} no ok call yet`, title: 'No latency yet: no call on this link has ended ok' });
  });

  it('with calls measured prints the three quantiles and how many calls they are over', () => {
    const t = edgeLatencyText({ ok: 1500, latencyCount: 1234, latencyMs: { p50: 1.2, p90: 3.4, p99: 8, mean: 2 }, simTime: 9000 }, 5000);
    expect(t.measured).toBe(true);
    expect(t.text).toBe('1.20 ms / 3.40 ms / 8.00 ms');
    expect(t.title).toBe('over 1,234 ok calls sent after the warm-up (5 s), retries included');
  });

  it('as mm1 (warm-up 5 s) sends it: ok calls but no count and no latency at 3 s, both at 8 s', () => {
    let clock = 0;
    const host = new SimHost(() => (clock += 1e-6));
    const r = host.load(text('mm1'));
    if (!r.ok) throw new Error('mm1 did not load');
    expect(r.info.warmupMs).toBe(5000);
    const edge = r.info.topology.edges[0].id;
    host.advance(3000, 1e9);
    const early = host.inspectEdge(edge)!;
    expect(early.ok).toBeGreaterThan(100);
    expect(early.latencyCount).toBe(0);
    expect(early.latencyMs).toBeNull();
    expect(edgeLatencyText(early, r.info.warmupMs).text).toBe(`${NOT_MEASURED} warming up (5 s)`);
    host.advance(8000, 1e9);
    const later = host.inspectEdge(edge)!;
    // Only calls sent after 5 s count: fewer than the ok calls since time zero.
    expect(later.latencyCount).toBeGreaterThan(0);
    expect(later.latencyCount).toBeLessThan(later.ok);
    const t = edgeLatencyText(later, r.info.warmupMs);
    expect(t.measured).toBe(true);
    expect(t.text).toMatch(/^[\d.,]+ (µs|ms) \/ [\d.,]+ (µs|ms) \/ [\d.,]+ (µs|ms)$/);
  });
});

describe("the run's latency counters", () => {
  it('hold a measurement once a closed bucket ending by then measured one, not before it ends', () => {
    const series = { buckets: [bucket(0, 0), bucket(1000, 0), bucket(2000, 7), bucket(3000, 9)], bucketMs: 1000 };
    expect(firstMeasuredEnd(series.buckets, 1000)).toBe(3000);
    expect(runLatencyMeasured(0, series, 2999)).toBe(false);
    expect(runLatencyMeasured(0, series, 3000)).toBe(true);
  });

  it('after a seek back into the warm-up, later buckets still held do not count', () => {
    const later = { buckets: [bucket(0, 0), bucket(1000, 5)], bucketMs: 1000 };
    expect(runLatencyMeasured(0, later, 800)).toBe(false);
  });

  it('a mean above 0 proves a count (an empty histogram reads 0), before any bucket closes', () => {
    expect(runLatencyMeasured(2.5, { buckets: [], bucketMs: 1000 }, 400)).toBe(true);
    expect(runLatencyMeasured(0, { buckets: [], bucketMs: 1000 }, 400)).toBe(false);
  });

  it('mm1 inside its warm-up: ok requests ended, the counters read 0 and are not measured; after it they are', () => {
    let clock = 0;
    const host = new SimHost(() => (clock += 1e-6));
    const r = host.load(text('mm1'));
    if (!r.ok) throw new Error('mm1 did not load');
    const f = host.advance(3000, 1e9);
    expect(f.counters[Counter.ok]).toBeGreaterThan(100);
    expect(f.counters[Counter.p50]).toBe(0);
    expect(runLatencyMeasured(f.counters[Counter.mean], host.seriesSince(-1, 0), f.simTime)).toBe(false);
    const g = host.advance(8000, 1e9);
    const series = host.seriesSince(-1, 0);
    expect(runLatencyMeasured(0, series, g.simTime)).toBe(true);
    expect(runLatencyMeasured(g.counters[Counter.mean], series, g.simTime)).toBe(true);
  });
});

describe('mesh names', () => {
  it('the implicit mesh (a scenario without `meshes`) reads "the service mesh", never "mesh mesh"', () => {
    expect(meshTitle('mesh')).toBe('The service mesh: one control plane and one CA; its proxies trust each other');
    expect(meshLabel('mesh')).toBe('service mesh');
    expect(meshPhrase('mesh')).toBe('the service mesh');
    for (const s of [meshTitle('mesh'), meshLabel('mesh'), meshPhrase('mesh')]) expect(s).not.toMatch(/mesh\s+mesh/i);
  });

  it('a named mesh is called by its name', () => {
    expect(meshTitle('payments')).toBe('Service mesh “payments”: one control plane and one CA; its proxies trust each other');
    expect(meshLabel('payments')).toBe('mesh · payments');
  });
});
