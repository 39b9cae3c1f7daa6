// Session 54, F7 (F6's leftovers): a failed try's flag is stored as the router meets the failure (TraceRecord.failTry),
// as UT is when its timer ends it, not worked out from the cause on reading; and a try the server's listener reset at its
// drain's end (Router.upstreamReset) says so, with UC, rather than 'answered by the host'.
import { describe, expect, it } from 'vitest';
import { traces } from './tracedRun';
import { responseFlagOf } from '../../../src/models/envoy/responseFlags';
import { toOtlp } from '../../../src/models/spans/otlp';
import { WHERE, Where } from '../../../src/models/spans/TraceRecord';
import { rowFlags, trySpanFlags } from '../../../src/ui/inspector/spanFlags';
import type { Span, Trace } from '../../../src/models';
import { scenario, scenarioFile } from '../helpers';

const failedTries = (ts: Trace[]): Span[] => ts.flatMap((t) => t.spans.filter((s) => s.role === 'try' && s.error));
const DRAIN = WHERE[Where.drainReset];

// The drain's end (strictDrain.test's 'the end of a drain'): db answers in 2 s, 20 users send at 45 s and 92 s, STRICT at
// 48 s, so the plaintext connections' drains end at 93.2 s and 93.3 s with the 92 s requests on them.
const mesh = [{ name: 'm', controlPlane: { pushBase: '100ms', perProxy: '100ms' } }];
const slowDb = [{ name: 'db', replicas: 2, serviceTime: '2s', concurrency: 20, sidecar: true, mtls: 'PERMISSIVE' }];
const users = (target: string) => [{ name: 'users', type: 'closed', users: 20, thinkTime: { type: 'constant', value: '45s' }, target }];
const change = [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '48s' }];

describe("a try the server's listener reset at its drain's end", () => {
  it('through a gateway outside the mesh (an Envoy): 18 tries say the listener reset them, carry UC (row and OTLP export), none "answered by the host"', () => {
    const ts = traces(scenario({ name: 'drain-end-gw', duration: '100s', meshes: mesh, clients: users('api'), gateways: [{ name: 'api', routes: [{ service: 'db' }] }], services: slowDb, changes: change }));
    const reset = failedTries(ts).filter((s) => s.attrs['meshsim.failed'] === DRAIN);
    expect(reset.length).toBe(18);
    // The users' tries to the gateway get its 503 from further down: the gateway's flag, not theirs.
    const above = failedTries(ts).filter((s) => s.attrs['meshsim.cause'] === 'reset' && !reset.includes(s));
    expect(above.length).toBe(18);
    for (const s of above) expect([s.attrs['meshsim.failed'], s.attrs['meshsim.envoy.response_flags']]).toEqual(['further down', undefined]);
    for (const s of reset) {
      expect(s.attrs['meshsim.failed']).toBe(DRAIN);
      expect(s.attrs['meshsim.envoy.response_flags']).toBe('UC');
      expect(s.attrs['http.status_code']).toBe(503);
      expect(rowFlags(s, true)).toBe('UC');
      expect(s.start).toBeGreaterThanOrEqual(92_000);
      expect(Math.round(s.end)).toBeOneOf([93_200, 93_300]);
    }
    expect(DRAIN).toBe("reset by the server's listener as its drain time ended: the host had not answered; the connection closed under the request");
    expect(failedTries(ts).filter((s) => s.attrs['meshsim.failed'] === 'answered by the host')).toEqual([]);
    const t = ts.find((x) => x.spans.includes(reset[0]))!;
    const span = toOtlp([t], 100_000)
      .resourceSpans.flatMap((r) => r.scopeSpans.flatMap((x) => x.spans))
      .find((x) => x.attributes.some((a) => a.key === 'meshsim.failed' && 'stringValue' in a.value && a.value.stringValue === DRAIN))!;
    expect(span.attributes.find((a) => a.key === 'meshsim.envoy.response_flags')?.value).toEqual({ stringValue: 'UC' });
  });

  it('from a plain client (no sidecar): the same words and the stored UC, but its row shows no flag: no Envoy on its side', () => {
    const ts = traces(scenario({ name: 'drain-end-plain', duration: '100s', meshes: mesh, clients: users('db'), services: slowDb, changes: change }));
    const reset = failedTries(ts).filter((s) => s.attrs['meshsim.cause'] === 'reset');
    expect(reset.length).toBe(20);
    for (const s of reset) {
      expect(s.attrs['meshsim.failed']).toBe(DRAIN);
      expect(rowFlags(s, false)).toBe('');
      expect(trySpanFlags(s, false)).toBe('');
    }
  });
});

// The router-met failures each scenario's first 30 s has, with their stored flag (TLS failures are Envoy's UF too).
const MET: Record<string, string[]> = {
  'mesh-only.json': ['timeout UT'],
  'gateway-only.json': ['timeout UT'],
  'two-meshes-cert-expiry.json': ['tls-expired-cert UF'],
  'partial-adoption.json': ['tls-plaintext-rejected UF'],
  'idle-timeout-race.json': ['reset UC'],
  'zone-failover.json': ['connect-refused UF', 'reset UC'],
};

describe('a failed try carries the flag its router set as it met the failure', () => {
  it.each(Object.keys(MET))("%s: a try the router met (seen by the router, its timer) has its cause's flag; one answered by the host or further down has none", (file) => {
    const met = new Set<string>();
    for (const s of failedTries(traces(scenarioFile(file), 30_000))) {
      const cause = String(s.attrs['meshsim.cause']);
      const where = String(s.attrs['meshsim.failed']);
      const flag = s.attrs['meshsim.envoy.response_flags'];
      if (where === 'seen by the router' || where === DRAIN || where.startsWith('ended by the')) {
        expect(flag, `${cause} ${where}`).toBe(responseFlagOf(cause));
        expect(trySpanFlags(s)).toBe(flag);
        met.add(`${cause} ${flag}`);
      } else {
        expect(flag, `${cause} ${where}`).toBeUndefined();
        expect(trySpanFlags(s)).toBe('');
      }
    }
    expect([...met].sort()).toEqual(MET[file]);
  });
});

describe("a drained try's row", () => {
  it("says the listener's reset before its retry reason; a timed-out try's note stays its reason (which names the timer)", async () => {
    const { noteOf } = await import('../../../src/ui/inspector/waterfall');
    const ts = traces(scenario({ name: 'drain-end-gw', duration: '100s', meshes: mesh, clients: users('api'), gateways: [{ name: 'api', routes: [{ service: 'db', policy: { retries: { attempts: 2, retryOn: ['reset'] } } }] }], services: slowDb, changes: change }));
    const drained = failedTries(ts).filter((s) => s.attrs['meshsim.failed'] === DRAIN);
    expect(drained.length).toBeGreaterThan(0);
    for (const s of drained) expect(noteOf(s)).toBe(`${DRAIN}; ${String(s.attrs['meshsim.retry.reason'])}`);
    expect(drained.map(noteOf)).toContain("reset by the server's listener as its drain time ended: the host had not answered; the connection closed under the request; retry-on reset matched reset (HTTP 503, seen by the router); retry 1 of 2 after 24.93 ms backoff");
    const timed = failedTries(traces(scenarioFile('mesh-only.json'), 24_000)).find((s) => s.attrs['meshsim.retry.per_try_timeout_ms'] !== undefined)!;
    expect(noteOf(timed)).toBe(timed.attrs['meshsim.retry.reason']);
  });
});
