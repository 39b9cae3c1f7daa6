// Session 53, F6 (F5's found-and-left): a try its router's own per-try timer ended said 'meshsim.failed: answered by
// the host', and its [UT] was read from the retry reason's words. The router's timer now ends the try itself
// (TraceRecord.timedOut): the words say which timer, after how long, and that the host had not answered; the span
// carries the timer's length and the flag the router set (UT), in the OTLP export too.
import { describe, expect, it } from 'vitest';
import { traces } from './tracedRun';
import { toOtlp } from '../../../src/models/spans/otlp';
import { trySpanFlags } from '../../../src/ui/inspector/spanFlags';
import type { Span, Trace } from '../../../src/models';
import { scenario, scenarioFile } from '../helpers';

const tries = (ts: Trace[]): Span[] => ts.flatMap((t) => t.spans.filter((s) => s.role === 'try'));

const PER_TRY_250 = 'ended by the per-try timeout of 250 ms after the request went out: the host had not answered; the router reset the upstream request';

describe('a try its router timed out', () => {
  it('mesh-only at 24 s (inventory-0 hung): a per-try-timed-out try says its 250 ms timer ended it, carries UT and 250 ms, and none says "answered by the host"', () => {
    const ts = traces(scenarioFile('mesh-only.json'), 24_000);
    const timed = tries(ts).filter((s) => s.attrs['meshsim.retry.per_try_timeout_ms'] !== undefined);
    expect(timed.length).toBeGreaterThan(0);
    for (const s of timed) {
      expect(s.attrs['meshsim.failed']).toBe(PER_TRY_250);
      expect(s.attrs['meshsim.retry.per_try_timeout_ms']).toBe(250);
      expect(s.attrs['meshsim.envoy.response_flags']).toBe('UT');
      expect(s.attrs['meshsim.cause']).toBe('timeout');
      expect(s.attrs['http.status_code']).toBe(504);
      expect(s.error).toBe(true);
      // The timer starts when the request is on its connection, so the try lasts at least its 250 ms.
      expect(s.end - s.start).toBeGreaterThanOrEqual(250 - 1e-9);
      expect(s.name).toMatch(/^try \d -> inventory-0$/);
      // The row's flag is read from that attribute, not from the retry reason's words.
      expect(trySpanFlags(s)).toBe('UT');
      expect(trySpanFlags({ ...s, attrs: { ...s.attrs, 'meshsim.retry.reason': 'anything' } })).toBe('UT');
    }
    // Every timeout try the hung replica caused is the router's own: no 'timeout' try reads as answered.
    expect(tries(ts).filter((s) => s.attrs['meshsim.cause'] === 'timeout' && s.attrs['meshsim.failed'] === 'answered by the host')).toEqual([]);
    // Its retry reason names the conditions in the route's own order: retryOn [5xx, gateway-error, reset, connect-failure].
    expect(String(timed[0].attrs['meshsim.retry.reason'])).toMatch(/^retry-on 5xx, gateway-error, reset matched timeout \(HTTP 504: this router's per-try timeout of 250 ms fired\)/);
  });

  it('the OTLP export carries the timer and the flag as attributes of the try span', () => {
    const ts = traces(scenarioFile('mesh-only.json'), 24_000);
    const t = ts.find((x) => x.spans.some((s) => s.role === 'try' && s.attrs['meshsim.retry.per_try_timeout_ms'] !== undefined))!;
    const spans = toOtlp([t], 24_000).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const span = spans.find((s) => s.attributes.some((a) => a.key === 'meshsim.retry.per_try_timeout_ms'))!;
    const attr = (k: string) => span.attributes.find((a) => a.key === k)?.value;
    expect(attr('meshsim.retry.per_try_timeout_ms')).toEqual({ intValue: '250' });
    expect(attr('meshsim.envoy.response_flags')).toEqual({ stringValue: 'UT' });
    expect(attr('meshsim.failed')).toEqual({ stringValue: PER_TRY_250 });
    expect(span.status).toEqual({ code: 2, message: 'timeout' });
  });

  // front's sidecar calls back (300 ms a request) under a route timeout of 100 ms, no retries; with one connection
  // and its pending queue, a second request waits for the connection and its route timer fires there.
  const routeTimed = (maxConnections?: number) =>
    scenario({
      name: 'route-timeout',
      seed: 3,
      duration: '3s',
      clients: [{ name: 'c', type: 'open', rate: 20, target: 'front' }],
      services: [
        { name: 'front', sidecar: true, concurrency: 64, serviceTime: '1ms', calls: [{ service: 'back' }] },
        {
          name: 'back',
          sidecar: true,
          concurrency: 64,
          serviceTime: '300ms',
          policy: { timeout: '100ms', retries: { attempts: 0 }, ...(maxConnections ? { circuitBreaker: { maxConnections } } : {}) },
        },
      ],
    });

  it('a route timeout of 100 ms that fires on a request the host had says the route timeout ended it, after 100 ms, and UT', () => {
    const timed = tries(traces(routeTimed(), 3000)).filter((s) => s.attrs['meshsim.route.timeout_ms'] !== undefined);
    expect(timed.length).toBeGreaterThan(0);
    const s = timed[0];
    expect(s.attrs['meshsim.failed']).toBe("ended by the route timeout of 100 ms (the whole call's, its tries included): the host had not answered; the router reset the upstream request");
    expect(s.attrs['meshsim.route.timeout_ms']).toBe(100);
    expect(s.attrs['meshsim.retry.per_try_timeout_ms']).toBeUndefined();
    expect(trySpanFlags(s)).toBe('UT');
    expect(s.end - s.start).toBeCloseTo(100, 6);
  });

  it('a route timeout that fires while the try waits for a connection says so, not that the host had it', () => {
    const waited = tries(traces(routeTimed(1), 3000)).filter((s) => String(s.attrs['meshsim.failed']).includes('while it waited'));
    expect(waited.length).toBeGreaterThan(0);
    expect(waited[0].attrs['meshsim.failed']).toBe("ended by the route timeout of 100 ms (the whole call's, its tries included) while it waited for a connection");
    expect(trySpanFlags(waited[0])).toBe('UT');
  });
});
