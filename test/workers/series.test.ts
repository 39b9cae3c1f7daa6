import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText, type LessonFigure } from '../../src/scenario';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, EDGE_STRIDE, EdgeField, type Frame, type SeriesBucket } from '../../src/workers/protocol';
import { bucketWidth } from '../../src/workers/series';
import { measureFigure, vcpuPer1000, type RunTotals } from '../../src/workers/figures';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8');

/** A host with `name` loaded, its wall clock so slow that budgets never run out. */
function host(name: string, seed?: number) {
  let t = 0;
  const h = new SimHost(() => (t += 1e-6));
  const r = h.load(text(name), seed);
  if (!r.ok) throw new Error(`${name} did not load`);
  return { h, info: r.info };
}

const totalsOf = (f: Frame): RunTotals => {
  const c = f.counters;
  return { simTime: f.simTime, ok: c[Counter.ok], failed: c[Counter.failed], mean: c[Counter.mean], p50: c[Counter.p50], p90: c[Counter.p90], p99: c[Counter.p99], proxyCpuMs: c[Counter.proxyCpuMs], proxyPasses: c[Counter.proxyPasses] };
};

/** Runs to `ms` in slices, collecting the series incrementally as the app does. */
function runCollecting(h: SimHost, ms: number, sliceMs = 3700) {
  const buckets: SeriesBucket[] = [];
  let epoch = 0;
  let frame = h.advance(0, 1e9);
  while (frame.simTime < ms && !frame.done) {
    frame = h.advance(Math.min(sliceMs, ms - frame.simTime), 1e9);
    const batch = h.seriesSince(epoch, buckets.length);
    if (batch.epoch !== epoch) buckets.length = 0;
    epoch = batch.epoch;
    expect(batch.from).toBe(buckets.length);
    buckets.push(...batch.buckets);
  }
  return { buckets, frame, epoch };
}

describe('per-second series in the worker', () => {
  it('buckets add up to the counters, come only once each, and close when their second is over', () => {
    const { h } = host('hello-mesh.json');
    const { buckets, frame } = runCollecting(h, 20_000);
    expect(buckets).toHaveLength(20);
    expect(buckets.map((b) => b.t)).toEqual(Array.from({ length: 20 }, (_, i) => i * 1000));
    const c = frame.counters;
    expect(buckets.reduce((t, b) => t + b.ok, 0)).toBeLessThanOrEqual(c[Counter.ok]);
    // Every request that ended before 20 s is in a bucket, and none twice.
    const ended = buckets.reduce((t, b) => t + b.ok + b.failed, 0);
    expect(ended).toBe(c[Counter.ok] + c[Counter.failed]);
    expect(buckets.reduce((t, b) => t + b.sent, 0)).toBe(c[Counter.sent]);
    for (const b of buckets) {
      expect(Object.values(b.causes).reduce((t, n) => t + n, 0)).toBe(b.failed);
      if (b.latencyCount > 0) expect(b.p50).toBeLessThanOrEqual(b.p99);
    }
    // A second call with nothing new gives nothing.
    expect(h.seriesSince(1, 20).buckets).toEqual([]);
  });

  it('starts a new epoch from zero on reset, so the UI drops what it had', () => {
    const { h } = host('hello-mesh.json');
    const first = runCollecting(h, 5000);
    h.reset();
    h.advance(2000, 1e9);
    const again = h.seriesSince(first.epoch, first.buckets.length);
    expect(again.epoch).not.toBe(first.epoch);
    expect(again.from).toBe(0);
    expect(again.buckets.map((b) => b.t)).toEqual([0, 1000]);
    // The run is deterministic: the same seconds hold the same counts.
    expect(again.buckets.map((b) => b.ok)).toEqual(first.buckets.slice(0, 2).map((b) => b.ok));
  });

  it("each bucket keeps every edge's calls and tries at its end, the same however the run was played (slices, a budget cut short, one event at a time)", () => {
    // retry-storm to 12 s: payments fails from 10 s, so tries pass calls there.
    const whole = runCollecting(host('retry-storm.json').h, 12_000, 12_000).buckets;
    const sliced = runCollecting(host('retry-storm.json').h, 12_000, 130).buckets;
    // A clock so fast that each advance stops wherever its budget runs out, events of one instant split.
    let t = 0;
    const cut = new SimHost(() => (t += 0.37));
    if (!cut.load(text('retry-storm.json')).ok) throw new Error('did not load');
    const parts: SeriesBucket[] = [];
    for (let i = 0; i < 200_000 && cut.advance(0, 0).simTime < 12_000; i++) {
      cut.advance(12_000, 1);
      parts.push(...cut.seriesSince(parts.length === 0 ? 0 : 1, parts.length).buckets);
    }
    expect(whole).toHaveLength(12);
    const edges = (bs: SeriesBucket[]) => bs.map((b) => [b.edgesAtMs, Array.from(b.edges ?? [])]);
    expect(whole.map((b) => b.edgesAtMs)).toEqual(Array.from({ length: 12 }, (_, i) => (i + 1) * 1000));
    expect(edges(sliced)).toEqual(edges(whole));
    expect(edges(parts.slice(0, 12))).toEqual(edges(whole));
    // Cumulative, and the same counts as a frame's at that moment.
    const h = host('retry-storm.json').h;
    const f = h.advance(7000, 1e9);
    const at7 = whole[6].edges!;
    for (let e = 0; e < at7.length / 2; e++) {
      expect(at7[2 * e]).toBe(f.edges[e * EDGE_STRIDE + EdgeField.calls]);
      expect(at7[2 * e + 1]).toBe(f.edges[e * EDGE_STRIDE + EdgeField.attempts]);
    }
  });

  it('uses one-second buckets up to 20,000 s and wider ones beyond', () => {
    expect(bucketWidth(200_000)).toBe(1000);
    expect(bucketWidth(20_000_000)).toBe(1000);
    expect(bucketWidth(20_000_001)).toBe(2000);
    expect(bucketWidth(8760 * 3600 * 1000)).toBe(1577 * 1000);
  });
});

describe('lesson figures measured on screen', () => {
  const figureOf = (info: { narrative: { figure?: LessonFigure }[] }, i = 0) => info.narrative.flatMap((s) => (s.figure ? [s.figure] : []))[i];

  it("mm1's mean response time is 2 ms (M/M/1 at rho = 0.5), within 5%", () => {
    const { h, info } = host('mm1.json');
    const { buckets, frame } = runCollecting(h, 60_000, 20_000);
    const m = measureFigure(figureOf(info), buckets, 1000, totalsOf(frame), info.durationMs);
    expect(Math.abs(m.value - 2) / 2).toBeLessThan(0.05);
    expect(m.text).toMatch(/^[12]\.\d\d ms$/);
    expect(m.over).toBe('the whole run so far');
    expect(m.complete).toBe(false);
  });

  it('retry-storm shows 27 attempts per user request at payments from 11 s to 24 s (within 5%)', () => {
    const { h, info } = host('retry-storm.json');
    const { buckets, frame } = runCollecting(h, 25_000, 6000);
    const m = measureFigure(figureOf(info), buckets, 1000, totalsOf(frame), info.durationMs);
    expect(Math.abs(m.value - 27) / 27).toBeLessThan(0.05);
    expect(m.over).toBe('11 s – 24 s');
    expect(m.complete).toBe(true);
  });

  it("says a window is still running (so far), not yet begun (starts in), or has no requests yet, as the run goes through it", () => {
    const { h, info } = host('retry-storm.json');
    const before = runCollecting(h, 5000, 5000);
    const m5 = measureFigure(figureOf(info), before.buckets, 1000, totalsOf(before.frame), info.durationMs);
    expect(m5).toMatchObject({ text: '—', over: 'from 11 s (starts in 6 s)', complete: false });
    const mid = runCollecting(h, 20_000, 5000);
    const m20 = measureFigure(figureOf(info), [...before.buckets, ...mid.buckets], 1000, totalsOf(mid.frame), info.durationMs);
    expect(m20.over).toBe('11 s – 24 s, so far');
    expect(m20.complete).toBe(false);
    expect(m20.value).toBeGreaterThan(10);

    // control-plane-outage's step 5 measures 66 s to 80 s: at 66.5 s no second of it has closed.
    const cp = host('control-plane-outage.json');
    const at = runCollecting(cp.h, 66_500, 20_000);
    const m66 = measureFigure(figureOf(cp.info, 1), at.buckets, 1000, totalsOf(at.frame), cp.info.durationMs);
    expect(m66).toMatchObject({ text: '—', over: '66 s – 80 s: just opened; its first second is counted at 67 s', complete: false });
  });

  it('gateway-only shows a third of user requests failing while the replica hangs (21 s to 58 s)', () => {
    const { h, info } = host('gateway-only.json');
    const { buckets, frame } = runCollecting(h, 58_000, 10_000);
    const m = measureFigure(figureOf(info), buckets, 1000, totalsOf(frame), info.durationMs);
    expect(Math.abs(m.value - 1 / 3)).toBeLessThan(0.04);
    expect(m.text).toMatch(/^3\d\.\d%$/);
  });

  it("istio-load-test shows its proxies' 0.35 vCPU per 1000 req/s (within 10%) and its p90", () => {
    const { h, info } = host('istio-load-test.json');
    const { buckets, frame } = runCollecting(h, info.durationMs, 5000);
    const totals = totalsOf(frame);
    // Its proxy-cpu figure (the last step's; a step between measures the p90 the sidecars add).
    const cpu = measureFigure(info.narrative.find((st) => st.figure?.measure === 'proxy-cpu')!.figure!, buckets, 1000, totals, info.durationMs);
    expect(Math.abs(cpu.value - 0.35) / 0.35).toBeLessThan(0.1);
    expect(cpu.text).toMatch(/^0\.3\d vCPU$/);
    // The same as the lesson test's figure: each proxy's CPU over the time, at its 1000 req/s.
    const w = new World(parseOk(text('istio-load-test.json')), info.seed);
    w.runUntil();
    const perProxy = w.sidecars.map((sc) => sc.cpuMs(w.sim.now) / w.sim.now);
    expect(Math.abs(cpu.value - perProxy.reduce((a, b) => a + b, 0) / perProxy.length)).toBeLessThan(0.02);
    expect(vcpuPer1000(0, 0)).toBeNaN();
    const p90 = measureFigure(figureOf(info, 0), buckets, 1000, totals, info.durationMs);
    expect(p90.value).toBe(frame.counters[Counter.p90]);
  });

  it('a figure with nothing to measure yet reads —, and a client figure counts that client only', () => {
    const { h, info } = host('partial-adoption.json');
    const early = measureFigure(figureOf(info, 0), [], 1000, totalsOf(h.advance(0, 1e9)), info.durationMs);
    expect(early.text).toBe('—');
    const { buckets, frame } = runCollecting(h, 10_000, 5000);
    const analysts = measureFigure(figureOf(info, 0), buckets, 1000, totalsOf(frame), info.durationMs);
    expect(analysts.value).toBe(1);
    expect(analysts.text).toBe('100%');
  });
});

function parseOk(t: string) {
  const r = parseScenarioText(t);
  if (!r.ok) throw new Error('invalid');
  return r.scenario;
}
