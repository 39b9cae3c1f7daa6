import { afterEach, describe, expect, it, vi } from 'vitest';
import { failuresGeometry, latencyGeometry, MARGIN, throughputGeometry, timeAt, valueScale, valueTicks, VALUE_TICK_GAP_PX } from '../../src/ui/charts/geometry';
import { bindCharts, mergeBatch, POLL_MS, seriesStore, shouldPoll, type SeriesApi, type SeriesState } from '../../src/ui/charts/seriesStore';
import { createAppStore } from '../../src/ui/state/store';
import { toEventFilter } from '../../src/ui/eventlog/filter';
import type { SeriesBucket } from '../../src/workers/protocol';

const bucket = (t: number, over: Partial<SeriesBucket> = {}): SeriesBucket => ({
  t,
  sent: 10,
  ok: 10,
  failed: 0,
  causes: {},
  latencyCount: 10,
  latencySum: 20,
  p50: 2,
  p90: 4,
  p99: 8,
  clients: {},
  tries: {},
  ...over,
});
const size = { width: 400, height: 120 };

describe('chart geometry', () => {
  it("labels the value axis no closer than a label's height: retry-storm's throughput (0 to 80 req/s) in 1024x768's short drawer reads 0, 40, 80", () => {
    // The charts drawer at 1024x768 leaves a 92 px chart, 60 px of plot: five labels 15 px apart ran together.
    const short = valueScale(80, { width: 250, height: 92 });
    const ticks = valueTicks(short);
    expect(ticks).toEqual([0, 40, 80]);
    for (let i = 1; i < ticks.length; i++) expect(Math.abs(short(ticks[i]) - short(ticks[i - 1]))).toBeGreaterThanOrEqual(VALUE_TICK_GAP_PX);
    // A chart tall enough keeps d3's three-or-so nice ticks.
    expect(valueTicks(valueScale(80, { width: 400, height: 227 }))).toEqual([0, 20, 40, 60, 80]);
    expect(valueTicks(valueScale(1000, { width: 250, height: 92 }))).toEqual([0, 500, 1000]);
  });

  it('puts the whole run across the plot and reads a click back as simulated time, clamped to the run', () => {
    expect(timeAt(MARGIN.left, 60_000, size)).toBe(0);
    expect(timeAt(size.width - MARGIN.right, 60_000, size)).toBe(60_000);
    expect(timeAt(MARGIN.left + (size.width - MARGIN.left - MARGIN.right) / 2, 60_000, size)).toBe(30_000);
    expect(timeAt(0, 60_000, size)).toBe(0);
    expect(timeAt(10_000, 60_000, size)).toBe(60_000);
  });

  it('draws p50, p90 and p99 at each bucket middle, leaving a gap for a second with no ok request, and a lone second as a tick across it', () => {
    const g = latencyGeometry([bucket(0), bucket(1000), bucket(2000, { latencyCount: 0, p50: 0, p90: 0, p99: 0 }), bucket(3000, { p99: 12 })], 1000, 4000, size);
    expect(g.series.map((s) => s.key)).toEqual(['p50', 'p90', 'p99']);
    // Two separate pieces: M...M (a gap) rather than one polyline through zero.
    expect(g.series[2].path.match(/M/g)).toHaveLength(2);
    expect(g.series[2].last).toBe(12);
    expect(g.y.domain()[1]).toBeGreaterThanOrEqual(12);
    const [x0, y0] = g.series[0].path.match(/-?[\d.]+/g)!.map(Number);
    expect(x0).toBeCloseTo(g.x(500), 3);
    expect(y0).toBeCloseTo(g.y(2), 3);
    // The second alone after the gap is a level line from its start to its end (a line through
    // one point draws nothing): 3 s to 4 s at 12 ms.
    const lone = g.series[2].path.slice(g.series[2].path.lastIndexOf('M'));
    expect(lone).toBe(`M${g.x(3000)},${g.y(12)}H${g.x(4000)}`);
  });

  it('scales the latency axis to the data: a 10 s p99 (a retry storm behind a timeout) tops a 10,000 ms axis and stays inside the plot', () => {
    const g = latencyGeometry([bucket(0, { p99: 226 }), bucket(10_000, { p50: 900, p90: 4000, p99: 9_870 }), bucket(25_000, { p99: 830 })], 1000, 40_000, size);
    expect(g.y.domain()).toEqual([0, 10_000]);
    const ys = g.series[2].path.match(/-?[\d.]+/g)!.map(Number).filter((_, i) => i % 2 === 1);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(MARGIN.top);
    expect(Math.max(...ys)).toBeLessThanOrEqual(size.height - MARGIN.bottom);
    // retry-storm's own figures (p99 830 ms at 25 s) give a 0-1,000 ms axis: 830 ms is drawn, not cut.
    expect(latencyGeometry([bucket(0, { p99: 226 }), bucket(25_000, { p99: 830 })], 1000, 40_000, size).y.domain()).toEqual([0, 1000]);
  });

  it('gives throughput per second whatever the bucket width', () => {
    const g = throughputGeometry([bucket(0, { ok: 40, failed: 10 })], 2000, 10_000, size);
    expect(g.series.map((s) => [s.key, s.last])).toEqual([
      ['ok', 20],
      ['failed', 5],
    ]);
  });

  it('stacks failures by cause in the order they first appear, with their totals', () => {
    const g = failuresGeometry([bucket(0, { failed: 3, causes: { timeout: 3 } }), bucket(1000, { failed: 5, causes: { 'queue-full': 4, timeout: 1 } })], 1000, 2000, size);
    expect(g.layers.map((l) => [l.cause, l.total])).toEqual([
      ['timeout', 4],
      ['queue-full', 4],
    ]);
    expect(g.y.domain()[1]).toBeGreaterThanOrEqual(5);
    expect(g.layers[1].path).toMatch(/^M/);
  });
});

describe('the series on the UI side', () => {
  const s0: SeriesState = { epoch: 3, bucketMs: 1000, buckets: [bucket(0), bucket(1000)] };
  it('appends a batch that continues the buckets, and only that', () => {
    expect(mergeBatch(s0, { epoch: 3, bucketMs: 1000, from: 2, buckets: [bucket(2000)] }).buckets.map((b) => b.t)).toEqual([0, 1000, 2000]);
    // An answer that crossed a newer one (it starts where we no longer are) is dropped.
    expect(mergeBatch(s0, { epoch: 3, bucketMs: 1000, from: 1, buckets: [bucket(1000)] })).toBe(s0);
  });
  it('starts again from a new epoch (a reset or a seek back in the worker)', () => {
    const next = mergeBatch(s0, { epoch: 4, bucketMs: 1000, from: 0, buckets: [bucket(0)] });
    expect(next).toEqual({ epoch: 4, bucketMs: 1000, buckets: [bucket(0)] });
  });
});

describe('asking the worker for the series', () => {
  afterEach(() => void vi.useRealTimers());
  it('asks while the run plays, and while paused only once after each frame (a seek, a step)', () => {
    expect(shouldPoll('playing', 7, 'a', { seq: 7, info: 'a' })).toBe(true);
    expect(shouldPoll('paused', 7, 'a', { seq: 7, info: 'a' })).toBe(false);
    expect(shouldPoll('ready', 7, 'a', { seq: 7, info: 'a' })).toBe(false);
    expect(shouldPoll('done', 7, 'a', { seq: 7, info: 'a' })).toBe(false);
    expect(shouldPoll('paused', 8, 'a', { seq: 7, info: 'a' })).toBe(true);
    expect(shouldPoll('paused', 7, 'b', { seq: 7, info: 'a' })).toBe(true);
  });
  it('leaves a paused worker alone: one ask after the run stops moving, none in the 10 s after; twenty in 10 s of play', async () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const info = { title: 'x' } as unknown as NonNullable<ReturnType<typeof store.getState>['info']>;
    store.setState((d) => {
      d.info = info;
      d.status = 'paused';
      d.stats.seq = 5;
    });
    let asks = 0;
    const worker = {
      seriesSince: async (epoch: number, from: number) => {
        asks++;
        return { epoch: 1, bucketMs: 1000, from: epoch === 1 ? from : 0, buckets: [] };
      },
    } as unknown as SeriesApi;
    bindCharts(worker, store);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(asks).toBe(1);
    expect(seriesStore.getState().epoch).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asks).toBe(1);
    // A seek's frame: asked at once, then quiet again.
    store.setState((d) => void (d.stats.seq = 6));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asks).toBe(2);
    store.setState((d) => void (d.status = 'playing'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asks).toBe(22);
  });
});

describe("the event log's filter", () => {
  const actors = ['shoppers', 'frontend', 'frontend-db', 'dataplane'];
  const kinds = ['', 'Send', 'Arrive'];
  it('matches actors by part of their name, kinds by name and requests by number', () => {
    expect(toEventFilter({ actor: 'Front', kind: 'Arrive', request: '#42' }, actors, kinds)).toEqual({ ok: true, filter: { actors: [1, 2], kind: 2, request: 42 } });
    expect(toEventFilter({ actor: '', kind: '', request: '' }, actors, kinds)).toEqual({ ok: true, filter: {} });
  });
  it('names the field of a filter it cannot use', () => {
    expect(toEventFilter({ actor: 'paymnt', kind: '', request: '' }, actors, kinds)).toEqual({ ok: false, field: 'actor', message: 'actor: no actor\'s name contains "paymnt"' });
    expect(toEventFilter({ actor: '', kind: '', request: '1.5' }, actors, kinds)).toEqual({ ok: false, field: 'request', message: 'request: must be a request number (1, 2, ...), got "1.5"' });
  });
});
