// The compare view's logic as plain functions: the figures table against the CLI's `compare`
// on the same pair, where two runs first differ, the compare link, and the overlaid charts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../src/cli/compare';
import { faultLabel, faultNames, listInjected } from '../../src/ui/compare/injectedFaults';
import { diffRows, formatDiffValue, gatewayCpuMs, paneFigures, hopsNote, LATENCY_NOTE, latencyNote, ratioOf, unsharedServices, type DiffRow, type PaneFigures } from '../../src/ui/compare/diff';
import { divergenceHeadline, failedApart, firstDivergence, p99Apart, P99_APART, P99_FEW_APART, P99_MIN_SAMPLES, P99_STEADY_SAMPLES, sharedLinks, triesApart } from '../../src/ui/compare/divergence';
import { decodeCompareLink, encodeCompareLink, isCompareLink } from '../../src/ui/compare/link';
import { overlayGeometry } from '../../src/ui/compare/overlay';
import { READY_PAIRS, noPair } from '../../src/ui/compare/pairs';
import { sideName } from '../../src/ui/compare/pairOpening';
import { pairMomentBound } from '../../src/ui/compare/pairLink';
import { scenarioNameIn } from '../../src/ui/scenarios/catalog';
import { runLatencyMeasured } from '../../src/ui/measuredLatency';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, type LiveAction, type SeriesBucket } from '../../src/workers/protocol';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/** Runs a shipped scenario in the worker's host to `toMs` (its end by default), as a pane does. */
function run(name: string, seed?: number, toMs?: number) {
  const host = new SimHost(() => 0);
  const r = host.load(text(name), seed);
  if (!r.ok) throw new Error(`${name} did not load`);
  let f = host.seekTo(toMs ?? r.info.durationMs, Number.POSITIVE_INFINITY);
  while (!f.done && f.simTime < (toMs ?? r.info.durationMs)) f = host.seekTo(toMs ?? r.info.durationMs, Number.POSITIVE_INFINITY);
  const series = host.seriesSince(-1, 0);
  const summary = host.summary();
  const latencyMeasured = runLatencyMeasured(summary.latencyMs.mean, series, f.simTime);
  const figures: PaneFigures = paneFigures(summary, latencyMeasured);
  // The summary's sidecars are the frame's counters (the counter strip's), at the same moment.
  expect([figures.proxyCpuMs, figures.proxyPasses, figures.proxies]).toEqual([f.counters[Counter.proxyCpuMs], f.counters[Counter.proxyPasses], f.counters[Counter.proxies]]);
  return { info: r.info, frame: f, figures, series };
}

const row = (rows: DiffRow[], key: string) => rows.find((r) => r.key === key)!;

const bucket = (t: number, over: Partial<SeriesBucket> = {}): SeriesBucket => ({ t, sent: 10, ok: 10, failed: 0, causes: {}, latencyCount: 10, latencySum: 20, p50: 2, p90: 4, p99: 8, clients: {}, tries: {}, ...over });

describe('metrics-diff figures', () => {
  const a = run('retry-storm');
  const b = run('retry-storm-fixed', a.info.seed);
  const rows = diffRows(a.figures, b.figures);
  const cli = compareRuns(a.figures.summary, b.figures.summary);

  it('gives the CLI compare figures for retry-storm against retry-storm-fixed at the end of the runs', () => {
    expect(a.figures.summary.traceHash).toBe('9562ddebce6ca1ed');
    expect(b.figures.summary.traceHash).toBe('d47dac3b3f358b97');
    for (const q of ['p50', 'p90', 'p99', 'mean'] as const) {
      expect(row(rows, q).a).toBe(a.figures.summary.latencyMs[q]);
      expect(row(rows, q).b).toBe(b.figures.summary.latencyMs[q]);
      expect(row(rows, q).ratio).toBe(cli.ratios[q]);
    }
    expect(row(rows, 'p99').a).toBe(558);
    expect(row(rows, 'p99').b).toBe(202.5);
    expect(row(rows, 'failed').a).toBeCloseTo(568 / 1648, 12);
    expect(row(rows, 'failed').b).toBeCloseTo(597 / 1648, 12);
    expect(row(rows, 'failed').ratio).toBeCloseTo(cli.ratios.failedShare!, 12);
    expect(row(rows, 'retries').ratio).toBeCloseTo(cli.ratios.retries!, 12);
    // Each shared service's load, as req/s over the 40 s: payments 16,814 against 2,800 tries.
    expect(row(rows, 'svc:payments').a).toBeCloseTo(16814 / 40, 9);
    expect(row(rows, 'svc:payments').b).toBeCloseTo(2800 / 40, 9);
    for (const n of ['web', 'orders', 'payments']) expect(row(rows, `svc:${n}`).ratio).toBeCloseTo(cli.ratios.services[n]!, 12);
  });

  it('lists each failure cause as a share of the requests sent, and requests per second over the simulated time', () => {
    expect(row(rows, 'cause:http-5xx').a).toBeCloseTo(568 / 1648, 12);
    expect(row(rows, 'cause:http-5xx').label).toBe('  http-5xx');
    expect(row(rows, 'rps').a).toBeCloseTo(1648 / 40, 9);
    expect(row(rows, 'rps').ratio).toBe(1);
  });

  it('counts tries per user request over every hop, so the storm shows several times the fixed load', () => {
    const storm = row(rows, 'tries');
    expect(storm.a! / storm.b!).toBeGreaterThan(2.5);
    expect(storm.ratio).toBeCloseTo(storm.b! / storm.a!, 12);
  });

  it('gives sidecar CPU from the frame counters, in vCPU and per 1000 req/s per proxy', () => {
    const cpu = row(rows, 'proxyCpu');
    expect(cpu.a).toBeCloseTo(a.frame.counters[Counter.proxyCpuMs] / 40_000, 12);
    expect(row(rows, 'proxyCpu1000').a).toBeCloseTo((2 * a.frame.counters[Counter.proxyCpuMs]) / a.frame.counters[Counter.proxyPasses], 12);
  });

  it('has no latency figure before an ok request, and no ratio over a zero', () => {
    const early = diffRows(run('retry-storm', undefined, 0).figures, run('retry-storm-fixed', 5, 0).figures);
    expect(row(early, 'p99').a).toBeNull();
    expect(row(early, 'p99').ratio).toBeNull();
    expect(ratioOf(0, 5)).toBeNull();
    expect(ratioOf(2, 5)).toBe(2.5);
    expect(ratioOf(null, 5)).toBeNull();
  });

  it('gives no latency figure while every ok request fell in the warm-up (mm1, warm-up 5 s, at 3 s), and gives it after', () => {
    const early = run('mm1', undefined, 3000);
    const late = run('mm1', undefined, 8000);
    expect(early.figures.summary.requests.ok).toBeGreaterThan(100);
    expect(early.figures.summary.latencyMs.p50).toBe(0);
    expect(early.figures.latencyMeasured).toBe(false);
    expect(late.figures.latencyMeasured).toBe(true);
    const rows = diffRows(early.figures, late.figures);
    for (const q of ['p50', 'p90', 'p99', 'mean']) {
      expect(row(rows, q).a).toBeNull();
      expect(row(rows, q).b).toBe(late.figures.summary.latencyMs[q as 'p50']);
      expect(row(rows, q).ratio).toBeNull();
      expect(formatDiffValue(row(rows, q), row(rows, q).a)).toBe('—');
    }
    expect(row(rows, 'p50').b).toBeGreaterThan(0);
  });

  it('names the services only one run has (gateway-only has its edge gateway, not a service)', () => {
    const g = run('gateway-only', undefined, 1000);
    const m = run('mesh-only', 11, 1000);
    expect(unsharedServices(g.figures.summary, m.figures.summary)).toEqual({ onlyA: [], onlyB: [] });
    expect(diffRows(g.figures, m.figures).filter((r) => r.section === 'services').map((r) => r.key)).toEqual(['svc:frontend', 'util:frontend', 'svc:catalog', 'util:catalog', 'svc:inventory', 'util:inventory']);
  });
});

describe('tries and retries across architectures (gateway-only against mesh-only at 24 s, the compare link\'s pair)', () => {
  // The engine's counts at 24 s, seed 11 (a class's moment, four seconds after inventory-1 hangs):
  // gateway-only's router counts 2,425 + 2,427 + 2,431 + 2,417 calls on its four links and no
  // retry; mesh-only's 2,427 + 2,431 + 2,431 on three, and 10 retries to inventory; 2,435 user
  // requests sent in each.
  const g = run('gateway-only', undefined, 24_000);
  const m = run('mesh-only', 11, 24_000);
  const rows = diffRows(g.figures, m.figures);
  const names = ['A (gateway-only)', 'B (mesh-only)'] as const;

  it('runs the two shipped scenarios to the same 2,435 user requests', () => {
    expect(g.figures.summary.traceHash).toBe('638fc72d440b0ec0');
    expect(m.figures.summary.traceHash).toBe('f5b49e6bdd0b6101');
    expect(g.figures.summary.requests.sent).toBe(2435);
    expect(m.figures.summary.requests.sent).toBe(2435);
  });

  it('gives retries per user request beside the tries: none through the gateway, 10 in 2,435 through the mesh', () => {
    expect(row(rows, 'retries')).toMatchObject({ a: 0, b: 10, ratio: null });
    const per = row(rows, 'retriesPer');
    expect(per).toMatchObject({ a: 0, ratio: null, label: 'retries per user request, all hops' });
    expect(per.b).toBeCloseTo(10 / 2435, 12);
    expect([formatDiffValue(per, per.a), formatDiffValue(per, per.b)]).toEqual(['0.000', '0.004']);
  });

  it("says the gateway adds a hop: a request's path is 3 hops against 2 (shoppers -> edge -> frontend -> catalog), and tries per user request 0.75x", () => {
    expect(row(rows, 'links')).toMatchObject({ a: 3, b: 2, label: "hops on a request's path" });
    expect(row(rows, 'links').ratio).toBeCloseTo(2 / 3, 12);
    expect(row(rows, 'links').texts).toBeUndefined();
    const tries = row(rows, 'tries');
    expect(tries.a).toBeCloseTo((2425 + 2427 + 2431 + 2417) / 2435, 12);
    expect(tries.b).toBeCloseTo((2427 + 2431 + 2431 + 10) / 2435, 12);
    expect([formatDiffValue(tries, tries.a), formatDiffValue(tries, tries.b), tries.ratio!.toFixed(2)]).toEqual(['3.984', '2.998', '0.75']);
    expect(tries.note).toMatch(/so under stacked retries attempts are more than retries \+ hops/);
    expect(tries.sub).toBe("first attempts + retries; a retry redoes the calls below");
    // The rows read in order: retries, per user request, the hops, then the tries they sum to.
    expect(rows.filter((r) => r.section === 'load').map((r) => r.key)).toEqual(['rps', 'retries', 'retriesPer', 'links', 'tries', 'gatewayCpu', 'gatewayCpu1000', 'proxyCpu', 'proxyCpu1000']);
  });

  it("gives each layer's CPU: the gateway's 1,320 ms over 24 s against the mesh's sidecars' 4,282 ms", () => {
    // The gateway's workers hold only its own CPU per request (lognormal, median 0.5 ms, sigma 0.4:
    // a mean of 0.54 ms), so its busy time over 2,432 requests is 0.54 ms each.
    const gw = row(rows, 'gatewayCpu');
    expect(gw.a).toBeCloseTo(1320.028 / 24_000, 6);
    // B has no gateway: no value, no ratio, and the table says why (trial N15, 5: not 0.000 and 0.00x).
    expect(gw.b).toBeNull();
    expect(gw.ratio).toBeNull();
    expect(gw.texts).toEqual([null, '— no gateway']);
    expect(gw.label).toBe('gateway CPU, in all');
    expect(row(rows, 'gatewayCpu1000').a).toBeCloseTo(1320.028 / 2432, 5);
    expect(row(rows, 'gatewayCpu1000').a).toBeCloseTo(0.5 * Math.exp(0.4 ** 2 / 2), 2);
    expect(row(rows, 'gatewayCpu1000').b).toBeNull();
    expect(row(rows, 'proxyCpu')).toMatchObject({ a: null, ratio: null, texts: ['— no sidecars', null] });
    expect(row(rows, 'proxyCpu').b).toBeCloseTo(4282.0995 / 24_000, 6);
    expect([formatDiffValue(gw, gw.a), formatDiffValue(gw, gw.b)]).toEqual(['0.055 vCPU', '—']);
    // The gateway's CPU is its utilisation times its 2 × 16 workers.
    expect(gatewayCpuMs(g.figures.summary)).toBeCloseTo(g.figures.summary.gateways.edge.utilization * 32 * 24_000, 6);
    expect(gatewayCpuMs({ ...g.figures.summary, gateways: {} })).toBe(0);
  });

  it("says under the table that latency is end to end over a path of 3 hops against 2, and marks the latency rows", () => {
    expect(latencyNote(rows, names)).toEqual({
      hops: true,
      // gateway-only fails 5.4% of its requests at 24 s, mesh-only none: over 5 points, so ‡ too.
      mixed: expect.stringContaining('‡ Latency counts ok requests only, and A failed 5.4% of the requests it sent, B 0.0%: '),
      text: `† Latency is end to end: a request's path is 3 hops in A (gateway-only) and 2 in B (mesh-only), so latency B/A counts 1 hop more in A as well as each layer's cost; the gateway and sidecar CPU rows give each layer's cost. ${LATENCY_NOTE}`,
    });
    const storm = diffRows(run('retry-storm', undefined, 24_000).figures, run('retry-storm-fixed', 5, 24_000).figures);
    // The failed shares 3.1 points apart: within 5, so no ‡ note (okSets.ts).
    const failed = storm.find((r) => r.key === 'failed')!;
    expect(failed.b! - failed.a!).toBeCloseTo(0.0309, 3);
    expect(latencyNote(storm, names)).toEqual({ hops: false, text: LATENCY_NOTE, mixed: null });
  });

  it('notes under the table that the hops differ, and says nothing where they are the same (retry-storm against its fix)', () => {
    expect(hopsNote(rows, names)).toBe("A request's path is 3 hops in A (gateway-only) and 2 in B (mesh-only), so attempts per user request differ by the hops as well: retries per user request compare the retries.");
    const storm = diffRows(run('retry-storm', undefined, 24_000).figures, run('retry-storm-fixed', 5, 24_000).figures);
    expect(row(storm, 'links')).toMatchObject({ a: 4, b: 4 });
    expect(hopsNote(storm, names)).toBeNull();
    // Before any call there is no path to compare.
    expect(hopsNote(diffRows(run('gateway-only', undefined, 0).figures, run('mesh-only', 11, 0).figures), names)).toBeNull();
  });
});

describe('figures table values', () => {
  const row = (a: number | null, b: number | null, unit = 'tries'): DiffRow => ({ key: 'tries', label: 'tries per user request', unit, format: 'number', a, b, ratio: ratioOf(a, b), section: 'load' });
  it('reads both values of a row at one precision, set by the larger (5.1 beside 23.9, not 5.081)', () => {
    const r = row(5.081, 23.94);
    expect([formatDiffValue(r, r.a), formatDiffValue(r, r.b)]).toEqual(['5.1', '23.9']);
    const small = row(0.0341, 0.5, 'vCPU');
    expect([formatDiffValue(small, small.a), formatDiffValue(small, small.b)]).toEqual(['0.034 vCPU', '0.500 vCPU']);
    expect(formatDiffValue(r, null)).toBe('—');
  });
});

describe('where two runs first differ', () => {
  it('marks the first second in which one run has failed and the other has not', () => {
    const a = [bucket(0), bucket(1000, { failed: 3, causes: { timeout: 2, 'http-5xx': 1 } })];
    const b = [bucket(0), bucket(1000)];
    expect(firstDivergence(a, b, 1000, ['x', 'y'])).toEqual({ ms: 1000, kind: 'first-failure', text: '1.0 s – 2.0 s: first failures in x (3: timeout 2, http-5xx 1), none in y yet' });
    expect(firstDivergence(b, a, 1000, ['x', 'y'])?.text).toBe('1.0 s – 2.0 s: first failures in y (3: timeout 2, http-5xx 1), none in x yet');
  });

  it('does not count failures that start in both in one second', () => {
    const a = [bucket(0, { failed: 1, causes: { timeout: 1 } }), bucket(1000, { failed: 5, causes: { timeout: 5 } })];
    const b = [bucket(0, { failed: 2, causes: { timeout: 2 } }), bucket(1000)];
    expect(firstDivergence(a, b, 1000, ['x', 'y'])).toBeNull();
  });

  it('marks p99 more than 10% apart, not 10% or less, where both runs closed 1,000 ok requests or more in that second', () => {
    expect([P99_APART, P99_STEADY_SAMPLES, P99_FEW_APART, P99_MIN_SAMPLES]).toEqual([0.1, 1000, 1.6, 20]);
    const many = { latencyCount: 1000 };
    expect(firstDivergence([bucket(0, { ...many, p99: 10 })], [bucket(0, { ...many, p99: 11 })], 1000, ['x', 'y'])).toBeNull();
    expect(firstDivergence([bucket(0, { ...many, p99: 10 })], [bucket(0, { ...many, p99: 11.01 })], 1000, ['x', 'y'])?.kind).toBe('p99');
    expect(firstDivergence([bucket(0, { p99: 10, latencyCount: 0 })], [bucket(0, { ...many, p99: 50 })], 1000, ['x', 'y'])).toBeNull();
    expect(firstDivergence([bucket(0, many), bucket(1000, { latencyCount: 1204, p99: 20 })], [bucket(0, many), bucket(1000, { latencyCount: 1187, p99: 8 })], 1000, ['x', 'y'])).toEqual({
      ms: 1000,
      kind: 'p99',
      text: '1.0 s – 2.0 s: p99 20.0 ms in x, 8.0 ms in y (0.40x, more than 10% apart on 1,204 and 1,187 requests)',
    });
  });

  it('with fewer than 1,000 ok requests in a second, counts p99s apart only past 1.6x, and not at all under 20', () => {
    // gateway-only against mesh-only at 0 s: 259 ms on 96 requests, 226 ms on 98 (cold connections): chance, not a design.
    expect(p99Apart(bucket(0, { latencyCount: 96, p99: 259 }), bucket(0, { latencyCount: 98, p99: 225.5 }))).toBeNull();
    expect(p99Apart(bucket(0, { latencyCount: 999, p99: 10 }), bucket(0, { latencyCount: 5000, p99: 16 }))).toBeNull();
    expect(p99Apart(bucket(0, { latencyCount: 999, p99: 10 }), bucket(0, { latencyCount: 5000, p99: 16.01 }))).toBe('more than 1.6x apart on 999 and 5,000 requests');
    expect(p99Apart(bucket(0, { latencyCount: 19, p99: 10 }), bucket(0, { latencyCount: 500, p99: 900 }))).toBeNull();
    expect(p99Apart(bucket(0, { latencyCount: 20, p99: 10 }), bucket(0, { latencyCount: 500, p99: 900 }))).toBe('more than 1.6x apart on 20 and 500 requests');
  });

  it('marks a second whose failed shares are 10 points and 4 standard errors apart, when both runs failed before', () => {
    // config-rollout with a 5 ms timeout branched in at 15 s, at 16 s: 11 of 221 against 108 of 223.
    expect(failedApart(bucket(16_000, { ok: 210, failed: 11 }), bucket(16_000, { ok: 115, failed: 108 }))).toEqual(['5.0%', '48%']);
    // At 15 s, 11 of 210 against 29 of 209: 8.6 points, under 10.
    expect(failedApart(bucket(15_000, { ok: 199, failed: 11 }), bucket(15_000, { ok: 180, failed: 29 }))).toBeNull();
    // 10 of 20 against 0 of 20 is 50 points but 3.65 standard errors: chance is not ruled out.
    expect(failedApart(bucket(0, { ok: 10, failed: 10 }), bucket(0, { ok: 20, failed: 0 }))).toBeNull();
    expect(failedApart(bucket(0, { ok: 5, failed: 10 }), bucket(0, { ok: 500, failed: 0 }))).toBeNull();
    const a = [bucket(0, { failed: 2, causes: { timeout: 2 } }), bucket(1000, { ok: 210, failed: 11 })];
    const b = [bucket(0, { failed: 1, causes: { timeout: 1 } }), bucket(1000, { ok: 115, failed: 108 })];
    expect(firstDivergence(a, b, 1000, ['x', 'y'])).toEqual({ ms: 1000, kind: 'failed-share', text: '1.0 s – 2.0 s: 5.0% of requests failed in x, 48% in y' });
  });

  it("counts a link's tries apart at more than 1.6x and 4 standard errors, from the cumulative counts: 100 against 62 is not (1.61x, 3.0 se), 200 against 100 is (2x, 5.8 se); a bucket without counts is not compared", () => {
    const links = [{ name: 'a -> b', a: 0, b: 1 }];
    // Two floats a link: calls ended, then tries sent, counted since zero. B's link is its second.
    const at = (t: number, tries: number, prev = 0, second = false) => bucket(t, { edges: Float64Array.from(second ? [0, 0, 0, tries + prev] : [0, tries + prev]) });
    expect(triesApart(at(0, 100), null, at(0, 62, 0, true), null, links)).toBeNull();
    expect(triesApart(at(0, 200), null, at(0, 100, 0, true), null, links)).toEqual({ link: 'a -> b', a: 200, b: 100 });
    // The second bucket's tries are its count less the first's.
    expect(triesApart(at(1000, 200, 500), at(0, 500), at(1000, 100, 500, true), at(0, 500, 0, true), links)).toEqual({ link: 'a -> b', a: 200, b: 100 });
    expect(triesApart(bucket(0), null, at(0, 100, 0, true), null, links)).toBeNull();
  });

  it('finds the shipped pairs first differing at fixed seconds', () => {
    const at = (x: string, y: string) => {
      const a = run(x);
      const b = run(y, a.info.seed);
      return firstDivergence(a.series.buckets, b.series.buckets, a.series.bucketMs, [x, y]);
    };
    expect(at('retry-storm', 'retry-storm-fixed')).toEqual({ ms: 25_000, kind: 'p99', text: '25.0 s – 26.0 s: p99 844 ms in retry-storm, 217 ms in retry-storm-fixed (0.26x, more than 1.6x apart on 74 and 45 requests)' });
    // With the links both have, the storm's load shows at the fault's start, 15 s before its p99.
    const a = run('retry-storm');
    const b = run('retry-storm-fixed', a.info.seed);
    const links = sharedLinks(a.info.topology, b.info.topology);
    expect(links.map((l) => l.name)).toEqual(['shoppers -> api', 'web -> orders', 'orders -> payments', 'api -> web']);
    expect(firstDivergence(a.series.buckets, b.series.buckets, a.series.bucketMs, ['retry-storm', 'retry-storm-fixed'], links)).toEqual({
      ms: 10_000,
      kind: 'tries',
      text: '10.0 s – 11.0 s: orders -> payments carried 453 attempts in retry-storm, 82 in retry-storm-fixed (0.18x)',
    });
    expect(at('two-meshes-direct', 'two-meshes-via-gateway')).toEqual({ ms: 0, kind: 'first-failure', text: '0.0 s – 1.0 s: first failures in two-meshes-direct (63: tls-unknown-ca 63), none in two-meshes-via-gateway yet' });
    // Not at 0 s any more (p99 259 ms against 226 ms on 96 and 98 requests: chance), but where the lesson is.
    expect(at('gateway-only', 'mesh-only')).toEqual({ ms: 20_000, kind: 'first-failure', text: '20.0 s – 21.0 s: first failures in gateway-only (21: queue-full 21), none in mesh-only yet' });
  });
});

describe("the compare timeline's divergence line", () => {
  it('names the moment once and the window by its end: "First differ at 16.0 s (up to 17.0 s): ..." rather than "16.0 s: 16.0 s – 17.0 s: ..."', () => {
    expect(divergenceHeadline({ ms: 16_000, kind: 'failed-share', text: '16.0 s – 17.0 s: 5.0% of requests failed in x, 48% in y' })).toBe(
      'First differ at 16.0 s (up to 17.0 s): 5.0% of requests failed in x, 48% in y',
    );
    expect(divergenceHeadline({ ms: 0, kind: 'first-failure', text: '0.0 s – 1.0 s: first failures in two-meshes-direct (63: tls-unknown-ca 63), none in two-meshes-via-gateway yet' })).toBe(
      'First differ at 0.0 s (up to 1.0 s): first failures in two-meshes-direct (63: tls-unknown-ca 63), none in two-meshes-via-gateway yet',
    );
    // A text without its window keeps it whole after the moment.
    expect(divergenceHeadline({ ms: 20_000, kind: 'p99', text: 'p99 20.0 ms in x, 8.0 ms in y' })).toBe('First differ at 20.0 s: p99 20.0 ms in x, 8.0 ms in y');
  });
});

describe('a compare view with no pair', () => {
  it('has none when the link named no pair that opens or a side failed before both opened, and has one while both open or once one failed after', () => {
    expect(noPair([], { pair: null, status: 'ready' })).toBe(true);
    expect(noPair([{}], { pair: ['retry-storm', 'nope'], status: 'failed' })).toBe(true);
    expect(noPair([], { pair: ['retry-storm', 'retry-storm-fixed'], status: 'loading' })).toBe(false);
    expect(noPair([{}, {}], { pair: ['retry-storm', 'retry-storm-fixed'], status: 'failed' })).toBe(false);
  });
});

describe('the compare link', () => {
  const ctx = { scenarioIds: ['hello-mesh', 'retry-storm', 'retry-storm-fixed'], defaultId: 'hello-mesh', speedIds: ['1', '10'] };
  const kill: LiveAction = { kind: 'inject', ms: 12000, ev: 345, fault: { type: 'kill-replica', service: 'payments', replica: 0 } };

  it('reads back what it writes: the pair, the seed, each pane\'s faults, the moment and the speed', () => {
    const search = encodeCompareLink({ a: { id: 'retry-storm', actions: [kill] }, b: { id: 'retry-storm-fixed', actions: [{ ...kill, ev: 300 }] }, seed: 7, tMs: 12345.5, speedId: '10' });
    expect(search).toMatch(/^\?compare=retry-storm,retry-storm-fixed&seed=7&faults=[\w-]+&faultsB=[\w-]+&t=12345\.5ms&speed=10$/);
    expect(isCompareLink(search)).toBe(true);
    expect(isCompareLink('?scenario=retry-storm')).toBe(false);
    const d = decodeCompareLink(search, ctx);
    expect(d.problems).toEqual([]);
    expect(d).toMatchObject({ pair: ['retry-storm', 'retry-storm-fixed'], seed: 7, tMs: 12345.5, speedId: '10', actionsA: [kill], actionsB: [{ ...kill, ev: 300 }] });
  });

  it("writes the pair's moment as the single view does, short only before both panes' next events and actions: 2466.6666666666665 ms is 2466.667ms", () => {
    const at = 2466.666_666_666_666_5;
    const pane = (simTime: number, nextEventMs: number, done = false, actions: LiveAction[] = []) => ({ latest: { simTime, nextEventMs, done } as never, actions });
    const t = (tBeforeMs: number) => new URLSearchParams(encodeCompareLink({ a: { id: 'retry-storm', actions: [] }, b: { id: 'retry-storm-fixed', actions: [] }, seed: null, tMs: at, tBeforeMs, speedId: '1' })).get('t');
    // Both panes at the moment: below the sooner next event.
    expect(pairMomentBound(at, [pane(at, 2470), pane(at, 2466.9)])).toBe(2466.9);
    expect(t(pairMomentBound(at, [pane(at, 2470), pane(at, 2466.9)]))).toBe('2466.667ms');
    // B's next event inside the microsecond: exact, as before.
    expect(t(pairMomentBound(at, [pane(at, 2470), pane(at, 2466.6670000001 - 0.0005)]))).toBe('2466.6666666666665ms');
    // A pane ahead of the moment (playing) keeps it exact; one that ended before it does not count.
    expect(pairMomentBound(at, [pane(at, 2470), pane(2480, 2490)])).toBe(at);
    expect(pairMomentBound(at, [pane(at, 2470), pane(2000, Number.POSITIVE_INFINITY, true)])).toBe(2470);
    // An action of B just after the moment bounds it too.
    expect(pairMomentBound(at, [pane(at, 2470), pane(at, 2470, false, [{ ...kill, ms: 2466.6668 }])])).toBe(2466.6668);
    // Without a bound (old callers), exact.
    expect(t(at)).toBe('2466.6666666666665ms');
  });

  it('names an unknown scenario at the compare parameter, with the scenarios there are, and opens no pair', () => {
    const d = decodeCompareLink('?compare=retry-storm,no-such-mesh', ctx);
    expect(d.pair).toBeNull();
    expect(d.problems).toEqual([{ path: 'compare', message: 'unknown scenario "no-such-mesh" for B (scenarios: hello-mesh, retry-storm, retry-storm-fixed); pick a pair below' }]);
    expect(decodeCompareLink('?compare=retry-strom,retry-storm-fixed', ctx).problems[0].message).toMatch(/^unknown scenario "retry-strom" for A; did you mean retry-storm\? \(scenarios: /);
    expect(decodeCompareLink('?compare=retry-storm', ctx).problems[0]).toEqual({ path: 'compare', message: 'must name two scenarios, A and B, as compare=a,b (scenarios: hello-mesh, retry-storm, retry-storm-fixed), got "retry-storm"' });
  });

  it('reports bad parameters at their names: B\'s faults at faultsB, a stray parameter, a bad speed', () => {
    const d = decodeCompareLink('?compare=retry-storm,retry-storm-fixed&faultsB=%%%&layout=x&speed=warp', ctx);
    expect(d.pair).toEqual(['retry-storm', 'retry-storm-fixed']);
    expect(d.problems.map((p) => p.path).sort()).toEqual(['faultsB', 'layout', 'speed']);
    expect(d.problems.find((p) => p.path === 'faultsB')!.message).toBe('is not base64url text (letters, digits, - and _); none were injected in B');
    expect(d.problems.find((p) => p.path === 'layout')!.message).toBe('is not a compare link parameter (they are: compare, seed, faults, faultsB, t, speed, scope, from, to, data, dataB, cols); left out');
  });

  it('offers the ready-made pairs of issue 12, gateway-only vs gateway-and-mesh on shoppers (trial N13), and the before/after twins of partial adoption, control-plane reach and a third party (session 44) before two meshes, in DOMAIN.md order', () => {
    expect(READY_PAIRS.map((p) => `${p.a} vs ${p.b}`)).toEqual(['gateway-only vs mesh-only', 'gateway-only vs gateway-and-mesh', 'retry-storm vs retry-storm-fixed', 'partial-adoption vs partial-adoption-fixed', 'control-plane-boundary vs control-plane-boundary-fixed', 'third-party-direct vs third-party-service', 'two-meshes-direct vs two-meshes-via-gateway', 'istio-load-test-baseline vs istio-load-test']);
  });
});

describe('faults into both panes', () => {
  it('names the nodes a fault acts on, to check each pane has them', () => {
    expect(faultNames({ type: 'kill-replica', service: 'payments', replica: 0 })).toEqual(['payments']);
    expect(faultNames({ type: 'latency', from: 'web', to: 'orders', delay: '100ms' })).toEqual(['web', 'orders']);
    expect(faultNames({ type: 'partition', between: [['a'], ['b', 'c']] })).toEqual(['a', 'b', 'c']);
    expect(faultNames({ type: 'packet-loss', rate: 0.1 })).toEqual([]);
    // The kind in the inject form's words, as the single view's fault list names it.
    expect(faultLabel({ type: 'gateway-capacity', gateway: 'edge', factor: 0.25 })).toBe('shrink gateway capacity on edge');
    expect(faultLabel({ type: 'latency', from: 'web', to: 'orders' })).toBe('add latency on web → orders');
  });
});

describe('faults a link carries, listed once', () => {
  it('lists A\'s injections with whether B has the same one, then those only B has, in time order', () => {
    const kill: LiveAction = { kind: 'inject', ms: 2000, ev: 100, fault: { type: 'kill-service', service: 'orders' } };
    const edge: LiveAction = { kind: 'inject', ms: 1000, ev: 50, fault: { type: 'gateway-capacity', gateway: 'edge', factor: 0.25 } };
    const onlyB: LiveAction = { kind: 'inject', ms: 3000, ev: 90, fault: { type: 'kill-service', service: 'ledger' } };
    const clear: LiveAction = { kind: 'clear', ms: 2500, ev: 120, id: 0 };
    // B pins its own event counts: the same fault at the same time is the same injection.
    const list = listInjected([kill, edge, clear], [{ ...kill, ev: 80 }, onlyB]);
    expect(list).toEqual([
      { n: 1, label: 'shrink gateway capacity on edge', atMs: 1000, hit: [true, false], notes: [] },
      { n: 2, label: 'kill a service on orders', atMs: 2000, hit: [true, true], notes: [] },
      { n: 3, label: 'kill a service on ledger', atMs: 3000, hit: [false, true], notes: [] },
    ]);
  });
});

describe('overlaid charts', () => {
  it('draws both runs on one value scale, keyed A- and B-', () => {
    const g = overlayGeometry([[bucket(0, { p99: 10 })], [bucket(0, { p99: 40 })]], 1000, 10_000, { width: 400, height: 120 }, [{ key: 'p99', value: (b) => b.p99 }], 'ms');
    expect(g.series.map((s) => s.key)).toEqual(['A-p99', 'B-p99']);
    expect(g.y.domain()[1]).toBeGreaterThanOrEqual(40);
    expect(g.unit).toBe('ms');
  });
});

describe("what a side is called before its run loads", () => {
  it("a link's packed scenario goes by the name its text gives, JSON or YAML, not 'the opened scenario'", () => {
    expect(sideName({ kind: 'inline', text: text('config-rollout') })).toBe('config-rollout');
    expect(sideName({ kind: 'inline', text: 'name: my-mesh # the team\'s\ntitle: "A mesh of mine"\nduration: 10s\n' })).toBe('my-mesh');
    expect(scenarioNameIn('name: "quoted-one"\n')).toBe('quoted-one');
    // Nested names (a service's) are not the scenario's.
    expect(scenarioNameIn('title: t\nservices:\n  - name: api\n')).toBeNull();
    // Without a name: the file's, and only with neither the words.
    expect(sideName({ kind: 'inline', text: '{"title": "no name"}', fileName: 'mine.json' })).toBe('mine.json');
    expect(sideName({ kind: 'inline', text: 'not a scenario' })).toBe('the opened scenario');
    expect(sideName({ kind: 'builtin', id: 'retry-storm' })).toBe('retry-storm');
  });
});
