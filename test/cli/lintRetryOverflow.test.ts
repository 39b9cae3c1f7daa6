import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario';
import { scenarioFindings } from '../../src/cli/lint';
import { textLocator } from '../../src/models/lint/locate';
import { erlangB, poissonAtLeast, refusedShareOf } from '../../src/models/lint/retryOverflowRules';
import { runScenario } from '../../src/models';
import type { Scenario } from '../../src/scenario';
import { GW50 } from '../trialN11Files';

const lintOf = (text: string) => {
  const p = parseScenarioText(text, 'yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return scenarioFindings(p.scenario, textLocator('s.yaml', text)).filter((f) => f.code === 'MS016');
};

/** Trial N11's gw50.yaml cut to the egress path: 40 req/s, a partner failing 50% (60 ms median), 2 retries at the gateway. */
const gw = (policy = '{ timeout: 1s, retries: { attempts: 2, perTryTimeout: 300ms, retryOn: [5xx] } }', percent = 50) => `name: gw50
duration: 20s
clients:
  - { name: shoppers, type: open, rate: 40, target: checkout }
services:
  - name: checkout
    replicas: 2
    concurrency: 32
    serviceTime: 4ms
    calls: [ { service: egress } ]
  - name: partner
    external: true
    replicas: 2
    concurrency: 16
    serviceTime: { type: lognormal, median: 60ms, sigma: 0.5 }
gateways:
  - name: egress
    replicas: 2
    routes:
      - service: partner
        policy: ${policy}
faults:
  - { type: http-abort, service: partner, percent: ${percent}, status: 503, at: 10s, for: 30s }
`;

describe('MS016 retry-overflow', () => {
  it("says a gateway route's retries at 40 req/s × 50% failing fill Envoy's max_retries 3: 1.21 in flight per replica, ~6.2% refused on a network with no latency (the run: 29 of 829, 3.5%), maxRetries 6 for under 0.1%", () => {
    const [f, ...rest] = lintOf(gw());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'retry-overflow', severity: 'info', field: 'gateways.0.routes.0.policy.circuitBreaker.maxRetries', resource: { kind: 'Gateway', name: 'egress', file: 's.yaml' } });
    expect(f.figure.values).toMatchObject({ retriesPerS: 30, inFlight: 1.207, wireMs: 0, maxRetries: 3, refusedShare: 0.062, replicas: 2, maxRetriesFor01pct: 6 });
    expect(f.message).toMatch(/egress -> partner retries up to 2 times, and the http-abort fault \(50% 503 from 10 s for 30 s\) fails 50%/);
    expect(f.message).toMatch(/each holding its slot about 80.5 ms \(12.5 ms backoff, 68 ms at partner\)/);
    expect(f.message).toMatch(/Envoy's default for a gateway.*upstream_rq_retry_overflow/);
    expect(f.fix).toBe('Set gateways.0.routes.0.policy.circuitBreaker.maxRetries: 6 (under 0.1% refused at this load), or a retry budget (policy.retries.budget), if the upstream can take the retries');
  });

  it("counts the wire both ways and a latency fault in a retry's time (session 42): N11's gw50 (internet, 40 ms one way) predicts 20.8%, and its run refuses 57 of 300 (19.0%) at 20 s; +40 ms each way predicts 32.8%, the run 279 of 815 (34.2%) at 40 s", () => {
    const lint = (text: string) => {
      const p = parseScenarioText(text, 'yaml');
      if (!p.ok) throw new Error(JSON.stringify(p.problems));
      return { s: p.scenario, f: scenarioFindings(p.scenario, textLocator('gw50.yaml', text)).filter((x) => x.code === 'MS016') };
    };
    const measured = (s: Scenario, durationMs: number) => {
      const e = runScenario(s, { durationMs }).summary.edges['egress->partner'];
      return { made: e.retries, refused: e.retryOverflows };
    };
    const base = lint(GW50);
    expect(base.f).toHaveLength(1);
    expect(base.f[0].figure.values).toMatchObject({ inFlight: 2.507, lifeMs: 167.152, wireMs: 86.663, refusedShare: 0.208, maxRetriesFor01pct: 9 });
    expect(base.f[0].message).toMatch(/about 167.2 ms \(12.5 ms backoff, 68 ms at partner, 86.7 ms on the wire both ways\)/);
    expect(measured(base.s, 20_000)).toEqual({ made: 243, refused: 57 });
    const delayed = lint(GW50.replace('faults:\n', 'faults:\n  - { type: latency, service: partner, delay: 40ms, at: 10s, for: 30s }\n'));
    expect(delayed.f[0].figure.values).toMatchObject({ wireMs: 166.663, refusedShare: 0.328 });
    expect(delayed.f[0].message).toMatch(/166.7 ms on the wire both ways, 80 ms of it the latency fault \(40 ms each way from 10 s for 30 s\)/);
    expect(measured(delayed.s, 40_000)).toEqual({ made: 536, refused: 279 });
    // The fix it proposes holds: at maxRetries 9 the run refuses none.
    const fixed = lint(GW50.replace('retryOn: [5xx] } }', 'retryOn: [5xx] }, circuitBreaker: { maxRetries: 9 } }'));
    expect(fixed.f).toEqual([]);
    expect(measured(fixed.s, 40_000).refused).toBe(0);
  });

  it('is quiet at 10% failing (0.09% refused), with maxRetries raised to 7, with a retry budget, and for a sidecar at Istio’s unlimited default', () => {
    expect(lintOf(gw(undefined, 10))).toEqual([]);
    expect(lintOf(gw('{ timeout: 1s, retries: { attempts: 2, perTryTimeout: 300ms, retryOn: [5xx] }, circuitBreaker: { maxRetries: 7 } }'))).toEqual([]);
    expect(lintOf(gw('{ timeout: 1s, retries: { attempts: 2, perTryTimeout: 300ms, retryOn: [5xx], budget: { percent: 20 } } }'))).toEqual([]);
    const sidecar = gw().replace('calls: [ { service: egress } ]', 'sidecar: true\n    calls: [ { service: partner, policy: { retries: { attempts: 2, retryOn: [5xx] } } } ]');
    expect(lintOf(sidecar)).toEqual([]);
  });

  it('speaks for a sidecar whose policy sets maxRetries 1', () => {
    const sidecar = gw().replace('calls: [ { service: egress } ]', 'sidecar: true\n    calls: [ { service: partner, policy: { retries: { attempts: 2, retryOn: [5xx] }, circuitBreaker: { maxRetries: 1 } } } ]');
    const [f] = lintOf(sidecar);
    expect(f).toMatchObject({ field: 'services.0.calls.0.policy.circuitBreaker.maxRetries', resource: { kind: 'Service', name: 'checkout' } });
    expect(f.message).toMatch(/checkout's sidecar replica \(2\) against circuitBreaker.maxRetries 1: /);
  });

  it("reads Erlang's loss formula right, and a call's later retries reuse its slot", () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(2, 3)).toBeCloseTo(4 / 3 / (1 + 2 + 2 + 4 / 3), 12);
    // 10 first retries/s, 100 ms each, 1.5 retries a call: 1.5 offered; share = B / (B + (1 − B) × 1.5).
    const r = refusedShareOf(10, 100, 1.5, 3);
    expect(r.offered).toBeCloseTo(1.5, 12);
    expect(r.share).toBeCloseTo(erlangB(1.5, 3) / (erlangB(1.5, 3) + (1 - erlangB(1.5, 3)) * 1.5), 12);
  });

  it('reads the Poisson tail right', () => {
    expect(poissonAtLeast(1, 0)).toBe(1);
    expect(poissonAtLeast(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(poissonAtLeast(2, 3)).toBeCloseTo(1 - 5 * Math.exp(-2), 12);
  });
});
