import { describe, expect, it } from 'vitest';
import { CALLS_ONLY_HIDE, CALLS_ONLY_LIFT, TICK_ROOM_PX, axisEnd, callsOnlyAtFirst, layoutWaterfall, noteOf, placeTickLabels, ticks } from '../../../src/ui/inspector/waterfall';
import type { Span, Trace } from '../../../src/workers/protocol';

function span(id: number, parent: number, role: Span['role'], start: number, end: number, attrs: Span['attrs'] = {}, error = false): Span {
  return { id, parent, name: `${role} ${id}`, role, kind: 1, service: 's', start, end, error, attrs };
}

// A request from 100 ms to 200 ms: a call with two tries (the first failed and was retried), a
// backoff between them, and a span still open.
const trace: Trace = {
  id: 7,
  client: 'c',
  start: 100,
  end: 200,
  fate: 'http-5xx',
  status: 503,
  sampled: false,
  spans: [
    span(0, -1, 'request', 100, 200, { 'meshsim.cause': 'http-5xx' }, true),
    span(1, 0, 'call', 100, 200),
    span(2, 1, 'try', 150, 200, { 'meshsim.retry.reason': 'attempts exhausted: 2 tries = 1 + 1 retry' }, true),
    span(3, 1, 'try', 100, 140, { 'meshsim.retry.reason': 'retry-on 5xx matched' }, true),
    span(4, 1, 'backoff', 140, 150),
    span(5, 3, 'proxy', 100, 100, { 'meshsim.proxy.queue_ms': 0.25, 'meshsim.proxy.cpu_ms': 0.5 }),
    span(6, 2, 'network', 150, NaN),
  ],
};

describe('layoutWaterfall', () => {
  it('puts spans in tree order, children by start, each bar at its share of the request time', () => {
    const l = layoutWaterfall(trace, 230);
    expect(l.rows.map((r) => r.span.id)).toEqual([0, 1, 3, 5, 4, 2, 6]);
    expect(l.rows.map((r) => r.depth)).toEqual([0, 1, 2, 3, 2, 2, 3]);
    // The axis fits the request (100 ms, made round: 0-100 ms); the open network span runs on to
    // now (230 ms), its bar cut at the axis's end and marked.
    expect(l.t0).toBe(100);
    expect(l.t1).toBe(200);
    const first = l.rows.find((r) => r.span.id === 3)!;
    expect(first.x).toBeCloseTo(0, 12);
    expect(first.w).toBeCloseTo(40 / 100, 12);
    expect(first.runsOn).toBeUndefined();
    const open = l.rows.find((r) => r.span.id === 6)!;
    expect(open.open).toBe(true);
    expect(open.ms).toBe(80);
    expect(open.runsOn).toBe(true);
    expect(open.x + open.w).toBeCloseTo(1, 12);
    // A zero-length proxy pass keeps a sliver.
    expect(l.rows.find((r) => r.span.id === 5)!.w).toBe(0.002);
  });

  it('leaves out the roles asked, with their children', () => {
    const l = layoutWaterfall(trace, 230, new Set(['try']));
    expect(l.rows.map((r) => r.span.id)).toEqual([0, 1, 4]);
  });

  it('says why a try was retried or not, a failure and where, and a pass its queue and CPU', () => {
    expect(noteOf(trace.spans[2])).toBe('attempts exhausted: 2 tries = 1 + 1 retry');
    expect(noteOf(trace.spans[0])).toBe('http-5xx');
    expect(noteOf(span(9, 0, 'call', 0, 1, { 'meshsim.cause': 'reset', 'meshsim.failed': 'further down' }, true))).toBe('reset (further down)');
    expect(noteOf(trace.spans[5])).toBe('queue 0.25 ms, cpu 0.50 ms');
  });

  it("fits the axis to the request's own span, made round by d3's nice (T3's 398.9 ms request: 0-400 ms, not 0-2 s)", () => {
    expect(axisEnd(398.9)).toBe(400);
    expect(axisEnd(398.9, 2)).toBe(400);
    expect(axisEnd(230)).toBe(250);
    expect(axisEnd(1.2)).toBeCloseTo(1.2, 12);
    expect(axisEnd(0)).toBe(0);
    // A hop of the first try runs on to 2 s after the request ended at 398.9 ms.
    const long: Trace = {
      ...trace,
      start: 0,
      end: 398.9,
      spans: [span(0, -1, 'request', 0, 398.9), span(1, 0, 'call', 0, 398.9), span(2, 1, 'try', 0, 250, {}, true), span(3, 2, 'server', 5, 2000), span(4, 1, 'try', 275, 398.9)],
    };
    const l = layoutWaterfall(long, 3000);
    expect(l.t1).toBe(400);
    expect(l.ticks.map((t) => t.label)).toEqual(['0 ms', '100 ms', '200 ms', '300 ms', '400 ms']);
    expect(l.rows.find((r) => r.span.id === 0)!.w).toBeCloseTo(398.9 / 400, 12);
    const server = l.rows.find((r) => r.span.id === 3)!;
    expect(server.runsOn).toBe(true);
    expect(server.ms).toBe(1995);
    expect(server.x + server.w).toBeCloseTo(1, 12);
  });

  it('ticks the axis at round steps of 1, 2 or 5', () => {
    expect(ticks(794.3).map((t) => t.label)).toEqual(['0 ms', '200 ms', '400 ms', '600 ms']);
    expect(ticks(3500).map((t) => t.label)).toEqual(['0 ms', '1 s', '2 s', '3 s']);
    expect(ticks(1.2).map((t) => t.label)).toEqual(['0 ms', '0.5 ms', '1 ms']);
    expect(ticks(794.3)[1].x).toBeCloseTo(200 / 794.3, 12);
  });

  it('gives a narrow axis fewer ticks, as many as it has room for', () => {
    // retry-storm's 740 ms request in the inspector at 1024x768: 4 labels over ~150 px ran together.
    expect(ticks(740.3, 2).map((t) => t.label)).toEqual(['0 ms', '500 ms']);
    expect(ticks(740.3, 1).map((t) => t.label)).toEqual(['0 ms']);
    expect(layoutWaterfall(trace, 230, new Set(), 2).ticks.map((t) => t.label)).toEqual(['0 ms', '50 ms', '100 ms']);
  });

  it('places each label after its tick, ending at it near the axis end, and leaves out one with no room', () => {
    const four = ticks(740.3); // 0, 200, 400, 600 ms over 740.3 ms
    expect(TICK_ROOM_PX).toBe(48);
    // 300 px: every label after its tick (600 ms at 243-291 px).
    expect(placeTickLabels(four, 300).map((t) => `${t.label}${t.end ? '|' : ''}`)).toEqual(['0 ms', '200 ms', '400 ms', '600 ms']);
    // 250 px: 600 ms (at 203 px) fits neither after its tick nor before it, beside 400 ms (135-183 px): left out.
    expect(placeTickLabels(four, 250).map((t) => t.label)).toEqual(['0 ms', '200 ms', '400 ms']);
    // A tick near the end with room before it: its label ends at it (900 ms at 270 px, 222-270 px).
    expect(placeTickLabels([{ x: 0, label: '0 ms' }, { x: 0.9, label: '900 ms' }], 300)).toEqual([{ x: 0, label: '0 ms', end: false }, { x: 0.9, label: '900 ms', end: true }]);
    // Each label kept clears the one before it, and the inspector's 149 px axis at 1024x768 keeps two.
    expect(placeTickLabels(ticks(740.3, Math.floor(149 / TICK_ROOM_PX)), 149).map((t) => t.label)).toEqual(['0 ms', '500 ms']);
    for (const w of [100, 149, 200, 250, 265, 300, 400]) {
      const placed = placeTickLabels(ticks(740.3, Math.floor(w / TICK_ROOM_PX)), w);
      const spans = placed.map((t) => (t.end ? [t.x * w - TICK_ROOM_PX, t.x * w] : [t.x * w, t.x * w + TICK_ROOM_PX]));
      spans.forEach((s, i) => {
        expect(s[1]).toBeLessThanOrEqual(w);
        if (i > 0) expect(s[0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
      });
    }
  });
});

// A call tried three times: two failed with 503 (0.4 ms and 120 ms), a backoff after each, the last
// failed too (attempts exhausted), each try with a proxy pass under it.
const retried: Trace = {
  ...trace,
  start: 100,
  end: 400,
  spans: [
    span(0, -1, 'request', 100, 400, { 'meshsim.cause': 'http-5xx' }, true),
    span(1, 0, 'call', 100, 400, {}, true),
    span(2, 1, 'try', 100, 100.4, { 'http.status_code': 503 }, true),
    span(3, 2, 'proxy', 100, 100.1),
    span(4, 1, 'backoff', 100.4, 125),
    span(5, 1, 'try', 125, 245, { 'http.status_code': 503 }, true),
    span(6, 5, 'proxy', 125, 126),
    span(7, 1, 'backoff', 245, 280),
    span(8, 1, 'try', 280, 400, { 'http.status_code': 503, 'meshsim.retry.reason': 'attempts exhausted: 3 tries = 1 + 2 retries' }, true),
    span(9, 8, 'proxy', 280, 281),
  ],
};

describe('layoutWaterfall folded', () => {
  it("folds a call's earlier failed attempts and the backoffs between them into one row, the last attempt shown", () => {
    const l = layoutWaterfall(retried, 400, undefined, 4, new Set());
    expect(l.rows.map((r) => r.span.id)).toEqual([0, 1, 2, 8, 9]);
    const fold = l.rows[2].fold!;
    expect(fold).toMatchObject({ call: 1, count: 2, label: '2 attempts failed', detail: '503 · 0.40-120.0 ms', start: 100, end: 280, open: false });
    expect([...fold.spans]).toEqual([2, 4, 5, 7]);
    expect(l.rows[2].depth).toBe(2);
    expect(l.rows[2].x).toBeCloseTo(0, 12);
    expect(l.rows[2].w).toBeCloseTo(180 / 300, 12);
  });

  it('unfolds a call asked for: its fold row, then every attempt as before', () => {
    const l = layoutWaterfall(retried, 400, undefined, 4, new Set([1]));
    expect(l.rows.map((r) => r.span.id)).toEqual([0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(l.rows[2].fold?.open).toBe(true);
    expect(l.rows[3].fold).toBeUndefined();
  });

  it('folds nothing without a set, nor a call whose earlier attempt succeeded or that was tried once', () => {
    expect(layoutWaterfall(retried, 400).rows).toHaveLength(10);
    const ok = { ...retried, spans: retried.spans.map((s) => (s.id === 5 ? { ...s, error: false } : s)) };
    expect(layoutWaterfall(ok, 400, undefined, 4, new Set()).rows.some((r) => r.fold)).toBe(false);
    expect(layoutWaterfall(trace, 230, undefined, 4, new Set()).rows.find((r) => r.fold)?.fold?.label).toBe('1 attempt failed');
  });
});

// A request retried at two layers: the client's call to a (two tries, the first failed) and, in a's
// last try, a's call to b (two tries, the first failed); a serves between the try and its call.
const twoLayers: Trace = {
  ...trace,
  spans: [
    span(0, -1, 'request', 100, 400, { 'meshsim.cause': 'http-5xx' }, true),
    span(1, 0, 'call', 100, 400, {}, true),
    span(2, 1, 'try', 100, 150, { 'http.status_code': 503 }, true),
    span(3, 1, 'try', 160, 400, {}, true),
    span(4, 3, 'proxy', 160, 161),
    span(5, 3, 'server', 161, 399, {}, true),
    span(6, 5, 'app', 161, 170),
    span(7, 5, 'call', 170, 399, {}, true),
    span(8, 7, 'try', 170, 200, { 'http.status_code': 503 }, true),
    span(9, 7, 'try', 210, 399, {}, true),
  ],
};

describe('calls and attempts only', () => {
  it("leaves out the detail rows and lifts a service's serves row: its call shown at its depth", () => {
    const l = layoutWaterfall(twoLayers, 400, CALLS_ONLY_HIDE, 4, new Set(), CALLS_ONLY_LIFT);
    expect(l.rows.map((r) => (r.fold ? `fold ${r.fold.call}` : r.span.id))).toEqual([0, 1, 'fold 1', 3, 7, 'fold 7', 9]);
    // The lifted call at the serves row's depth (3), its fold and last try under it.
    expect(l.rows.map((r) => r.depth)).toEqual([0, 1, 2, 2, 3, 4, 4]);
    // Without the lift the serves row is there and its call one deeper.
    expect(layoutWaterfall(twoLayers, 400, CALLS_ONLY_HIDE, 4, new Set()).rows.map((r) => r.span.id)).toEqual([0, 1, 2, 3, 5, 7, 8, 9]);
  });

  it('starts ticked for a request retried at two layers or more, not at one or none', () => {
    expect(callsOnlyAtFirst(twoLayers, 400)).toBe(true);
    expect(callsOnlyAtFirst(retried, 400)).toBe(false);
    const once = { ...twoLayers, spans: twoLayers.spans.map((s) => (s.id === 8 ? { ...s, error: false } : s)) };
    expect(callsOnlyAtFirst(once, 400)).toBe(false);
  });
});

