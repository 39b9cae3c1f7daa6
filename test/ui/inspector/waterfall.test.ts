import { describe, expect, it } from 'vitest';
import { layoutWaterfall, noteOf, ticks } from '../../../src/ui/inspector/waterfall';
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
    span(2, 1, 'try', 150, 200, { 'meshsim.retry.reason': 'attempts exhausted: 2 tries = 1 + 1 retries' }, true),
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
    // The open network span runs to now (230 ms), which stretches the axis past the request's end.
    expect(l.t0).toBe(100);
    expect(l.t1).toBe(230);
    const first = l.rows.find((r) => r.span.id === 3)!;
    expect(first.x).toBeCloseTo(0, 12);
    expect(first.w).toBeCloseTo(40 / 130, 12);
    const open = l.rows.find((r) => r.span.id === 6)!;
    expect(open.open).toBe(true);
    expect(open.ms).toBe(80);
    // A zero-length proxy pass keeps a sliver.
    expect(l.rows.find((r) => r.span.id === 5)!.w).toBe(0.002);
  });

  it('leaves out the roles asked, with their children', () => {
    const l = layoutWaterfall(trace, 230, new Set(['try']));
    expect(l.rows.map((r) => r.span.id)).toEqual([0, 1, 4]);
  });

  it('says why a try was retried or not, a failure and where, and a pass its queue and CPU', () => {
    expect(noteOf(trace.spans[2])).toBe('attempts exhausted: 2 tries = 1 + 1 retries');
    expect(noteOf(trace.spans[0])).toBe('http-5xx');
    expect(noteOf(span(9, 0, 'call', 0, 1, { 'meshsim.cause': 'reset', 'meshsim.failed': 'further down' }, true))).toBe('reset (further down)');
    expect(noteOf(trace.spans[5])).toBe('queue 0.25 ms, cpu 0.50 ms');
  });

  it('ticks the axis at round steps of 1, 2 or 5', () => {
    expect(ticks(794.3).map((t) => t.label)).toEqual(['0 ms', '200 ms', '400 ms', '600 ms']);
    expect(ticks(3500).map((t) => t.label)).toEqual(['0 ms', '1 s', '2 s', '3 s']);
    expect(ticks(1.2).map((t) => t.label)).toEqual(['0 ms', '0.5 ms', '1 ms']);
    expect(ticks(794.3)[1].x).toBeCloseTo(200 / 794.3, 12);
  });
});
