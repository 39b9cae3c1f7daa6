import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario';
import { scenarioFindings } from '../../src/cli/lint';
import { textLocator } from '../../src/models/lint/locate';
import { poissonAtLeast } from '../../src/models/lint/retryOverflowRules';

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
  it("says a gateway route's retries at 40 req/s × 50% failing fill Envoy's max_retries 3: 1.21 in flight per replica, ~12% refused, maxRetries 7 for under 0.1%", () => {
    const [f, ...rest] = lintOf(gw());
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'retry-overflow', severity: 'info', field: 'gateways.0.routes.0.policy.circuitBreaker.maxRetries', resource: { kind: 'Gateway', name: 'egress', file: 's.yaml' } });
    expect(f.figure.values).toMatchObject({ retriesPerS: 30, inFlight: 1.207, maxRetries: 3, refusedShare: 0.122, replicas: 2, maxRetriesFor01pct: 7 });
    expect(f.message).toMatch(/egress -> partner retries up to 2 times, and the http-abort fault \(50% 503 from 10 s for 30 s\) fails 50%/);
    expect(f.message).toMatch(/Envoy's default for a gateway.*upstream_rq_retry_overflow/);
    expect(f.fix).toBe('Set gateways.0.routes.0.policy.circuitBreaker.maxRetries: 7 (under 0.1% refused at this load), or a retry budget (policy.retries.budget), if the upstream can take the retries');
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

  it('reads the Poisson tail right', () => {
    expect(poissonAtLeast(1, 0)).toBe(1);
    expect(poissonAtLeast(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(poissonAtLeast(2, 3)).toBeCloseTo(1 - 5 * Math.exp(-2), 12);
  });
});
