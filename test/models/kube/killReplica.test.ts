import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../../src/models';
import { scenario } from '../helpers';

/**
 * A shipped scenario's file with its faults replaced by one kill (and `kubernetes` set when
 * given), run to its end; every request's fate with the time it ended.
 */
function killed(file: string, service: string, replica: number, kubernetes?: Record<string, string>) {
  const input = JSON.parse(readFileSync(fileURLToPath(new URL(`../../../scenarios/${file}`, import.meta.url)), 'utf8'));
  input.faults = [{ type: 'kill-replica', service, replica, at: '30s' }];
  if (kubernetes) input.kubernetes = kubernetes;
  const s = scenario(input);
  const w = new World(s, s.seed);
  const ended: { cause: string; at: number }[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause) => ended.push({ cause, at: w.sim.now }) };
  w.runUntil();
  const summary = summarize(w, 0);
  return { w, ended, summary, failed: ended.filter((e) => e.cause !== 'ok') };
}

const retries = (s: ReturnType<typeof summarize>) => Object.values(s.edges).reduce((n, e) => n + e.retries, 0);

describe('a killed pod leaves a Service as Kubernetes takes it out, not at once', () => {
  it('gateway-only (no sidecars): frontend keeps calling the dead catalog-0 through kube-proxy for 2 s, 101 requests fail connect-refused (2 before the change)', () => {
    const { summary, failed } = killed('gateway-only.json', 'catalog', 0);
    expect(summary.requests).toMatchObject({ sent: 6055, ok: 5943, failed: 103 });
    expect(summary.failures).toEqual({ 'connect-refused': 101, reset: 2 });
    expect(retries(summary)).toBe(0);
    // EndpointSlice 1 s after the kill, kube-proxy's rules 1 s after that: nothing refused later.
    const refused = failed.filter((e) => e.cause === 'connect-refused').map((e) => e.at);
    expect(Math.min(...refused)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...refused)).toBeLessThan(32_100);
  });

  it('mesh-only: the sidecars learn at the push after the EndpointSlice and retry the refusals, 4 fail (fewer than gateway-only 103)', () => {
    const mesh = killed('mesh-only.json', 'catalog', 0);
    expect(mesh.summary.requests).toMatchObject({ sent: 6055, ok: 6040, failed: 4 });
    expect(mesh.summary.failures).toEqual({ 'connect-refused': 1, reset: 3 });
    expect(retries(mesh.summary)).toBe(76);
    expect(killed('gateway-only.json', 'catalog', 0).summary.requests.failed).toBeGreaterThan(mesh.summary.requests.failed);
  });

  it('with kubernetes.endpointsDelay and kubeProxyMinSyncPeriod 0 a plain caller drops the pod at once: only the 2 requests it held fail', () => {
    const { summary } = killed('gateway-only.json', 'catalog', 0, { endpointsDelay: '0s', kubeProxyMinSyncPeriod: '0s' });
    expect(summary.failures).toEqual({ reset: 2 });
  });

  it('a gateway outside any mesh reads the EndpointSlice (as its controller feeds its Envoy by EDS): edge keeps sending to the dead frontend-0 for 1 s, 66 connect-refused, no retry', () => {
    const { summary, failed } = killed('gateway-only.json', 'frontend', 0);
    expect(summary.failures).toEqual({ 'connect-refused': 66, reset: 2 });
    expect(summary.edges['edge->frontend'].failures).toEqual({ 'connect-refused': 66, reset: 2 });
    expect(summary.edges['edge->frontend'].retries).toBe(0);
    const refused = failed.filter((e) => e.cause === 'connect-refused').map((e) => e.at);
    expect(Math.max(...refused)).toBeLessThan(31_100);
  });

  it('every request ends once, with a cause: ended = ok + failed, sent = ok + failed + in flight', () => {
    for (const [file, svc] of [['gateway-only.json', 'catalog'], ['gateway-only.json', 'frontend'], ['mesh-only.json', 'catalog']] as const) {
      const { summary, ended } = killed(file, svc, 0);
      const r = summary.requests;
      expect(ended.length).toBe(r.ok + r.failed);
      expect(r.sent).toBe(r.ok + r.failed + r.inFlight);
      expect(ended.every((e) => typeof e.cause === 'string' && e.cause.length > 0)).toBe(true);
    }
  });
});
