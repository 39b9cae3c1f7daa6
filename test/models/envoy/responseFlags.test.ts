import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../../src/models';
import { flagsOfFailures, responseFlagOf } from '../../../src/models/envoy/responseFlags';
import { scenario } from '../helpers';

const free = { cpuPerPass: '0ms', passLatency: '0ms' };

/** Ten requests a second for 1 s from a meshed client to `svc`, run to the end. */
function run(svc: Record<string, unknown>, client: Record<string, unknown> = {}) {
  const s = scenario({
    name: 'flags',
    duration: '999ms',
    network: { latency: '1ms', samePod: '0ms' },
    clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc', sidecar: free, ...client }],
    services: [{ name: 'svc', serviceTime: '1ms', sidecar: free, ...svc }],
  });
  const w = new World(s, s.seed);
  w.runUntil(10_000);
  return summarize(w, 0);
}

describe("status codes and Envoy's response flags", () => {
  it('a route timeout is a 504 in httpErrors, flagged UT', () => {
    const s = run({ serviceTime: '100ms', policy: { timeout: '50ms' } });
    expect(s.failures).toEqual({ timeout: 10 });
    expect(s.httpErrors).toEqual({ '504': 10 });
    expect(s.edges['c->svc'].httpErrors).toEqual({ '504': 10 });
    expect(s.edges['c->svc'].responseFlags).toEqual({ UT: 10 });
  });

  it("the app's own 500s carry no flag, and URX is added when the retries ran out", () => {
    const s = run({ errorRate: 1, policy: { retries: { attempts: 2, retryOn: ['5xx'], backoff: { base: '1ms' } } } });
    const e = s.edges['c->svc'];
    expect(e.failures).toEqual({ 'http-5xx': 10 });
    expect(e.httpErrors).toEqual({ '500': 10 });
    expect(e.responseFlags).toEqual({ URX: 10 });
    expect(e.retries).toBe(20);
  });

  it('a connect failure is a 503 with its own cause, flagged UF', () => {
    const s = scenario({
      name: 'refused',
      duration: '999ms',
      network: { latency: '1ms', samePod: '0ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc', sidecar: free, policy: { retries: { attempts: 0 } } }],
      services: [{ name: 'svc', serviceTime: '1ms' }],
    });
    const w = new World(s, s.seed);
    w.network.hosts[w.services[0].hosts[0]].up = false;
    w.runUntil(10_000);
    const e = summarize(w, 0).edges['c->svc'];
    expect(e.failures).toEqual({ 'connect-refused': 10 });
    expect(e.httpErrors).toEqual({ '503': 10 });
    expect(e.responseFlags).toEqual({ UF: 10 });
  });

  it("a client's own timeout is the downstream leaving first: DC, and no status", () => {
    const s = run({ serviceTime: '100ms' }, { timeout: '50ms' });
    expect(s.edges['c->svc'].failures).toEqual({ timeout: 10 });
    expect(s.edges['c->svc'].responseFlags).toEqual({ DC: 10 });
    expect(s.edges['c->svc'].httpErrors).toEqual({});
  });

  it('maps each cause to the flag in access logs: UT, UO, UH, UF (connect and TLS), UC, FI, NR; none for the app', () => {
    expect(
      ['timeout', 'overflow', 'no-healthy-upstream', 'connect-refused', 'connect-timeout', 'tls-unknown-ca', 'tls-expired-cert', 'reset', 'fault-abort', 'no-route', 'http-5xx', 'queue-full'].map(
        responseFlagOf,
      ),
    ).toEqual(['UT', 'UO', 'UH', 'UF', 'UF', 'UF', 'UF', 'UC', 'FI', 'NR', '', '']);
    expect(flagsOfFailures({ timeout: 3, 'connect-refused': 2, 'connect-timeout': 1, 'http-5xx': 4 })).toEqual({ UT: 3, UF: 3 });
  });
});
