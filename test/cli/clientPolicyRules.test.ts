import { describe, expect, it } from 'vitest';
import { policySchema, validateScenario, type Policy, type Scenario } from '../../src/scenario';
import { scenarioFindings } from '../../src/cli/lint';
import { L7_ONLY_FIELDS } from '../../src/models/lint/clientPolicyRules';
import { compilePolicy } from '../../src/models/proxy/policy';
import { runScenario } from '../../src/models/run';

// MS011 with an L4 sidecar at the client: its policy's L7 fields act in no router, as with no proxy.

function scenario(data: Record<string, unknown>): Scenario {
  const r = validateScenario({ name: 't', duration: '10s', ...data });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}
const none = () => undefined;
const svc = (name: string, extra: Record<string, unknown> = {}) => ({ name, serviceTime: '1ms', sidecar: true, replicas: 2, concurrency: 16, ...extra });
/** users -> gateway gw -> back, and client jobs as given. */
const withJobs = (client: Record<string, unknown>) =>
  scenario({
    clients: [{ name: 'users', type: 'open', rate: 50, target: 'gw' }, { name: 'jobs', type: 'open', rate: 5, ...client }],
    gateways: [{ name: 'gw', routes: [{ service: 'back' }] }],
    services: [svc('back')],
  });
const ms011 = (s: Scenario) => scenarioFindings(s, none).filter((f) => f.code === 'MS011');
const L4 = { mode: 'L4' };

describe('MS011 client policy with an L4 sidecar', () => {
  it("trips on an L4 client's retries and timeout to a service, naming the client, the fields and why, and leaves its connectTimeout, which L4 applies, out", () => {
    const [f, ...rest] = ms011(withJobs({ target: 'back', sidecar: L4, policy: { retries: { attempts: 3 }, timeout: '2s', connectTimeout: '1s' } }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'MS011', severity: 'warning', rule: 'client-policy-without-proxy', field: 'clients.1.policy', resource: { kind: 'Client', name: 'jobs' } });
    expect(f.message).toBe(
      "clients.1.policy: client jobs's sidecar is an L4 proxy (sidecar.mode: L4), which does not apply its policy's timeout and retries (set sidecar.mode: L7, or move its timeout to clients.1.timeout, the client's own wait, and drop the rest (retries): no L7 proxy between jobs and back applies them). They act in the HTTP router of the proxy that sends the request, and an L4 proxy only carries TCP with mutual TLS: no request uses them, as with no proxy (jobs's proxy tries each request once and sets no route timeout). Its connectTimeout does act at L4",
    );
    expect(f.figure).toEqual({ text: '2 L7 fields, an L4 proxy', values: { client: 'jobs', target: 'back', fields: 'timeout, retries' } });
    expect(f.fix).toBe("Set sidecar.mode: L7 on client jobs (or sidecar: true), or move its timeout to clients.1.timeout, the client's own wait, and drop the rest (retries): no L7 proxy between jobs and back applies them");
  });

  it("names gateway gw's route policy as where an L4 client's retries and outlier detection act, and says drop it for a lone retries to a service", () => {
    const [toGateway] = ms011(withJobs({ target: 'gw', sidecar: L4, policy: { retries: { attempts: 3 }, outlierDetection: {} } }));
    expect(toGateway.message).toContain("does not apply its policy's retries and outlierDetection (set sidecar.mode: L7, or move them to gateway gw's route policy (gateways.0.routes.0.policy), which the gateway's Envoy applies)");
    expect(toGateway.figure.values).toEqual({ client: 'jobs', target: 'gw', fields: 'retries, outlierDetection' });
    const [lone] = ms011(withJobs({ target: 'back', sidecar: L4, policy: { retries: { attempts: 3 } } }));
    expect(lone.message).toContain("does not apply its policy's retries (set sidecar.mode: L7, or drop it: no L7 proxy between jobs and back applies it). It acts in the HTTP router");
    expect(lone.message).toContain("(jobs's proxy tries each request once)");
  });

  it("trips on retries equal to Istio's default too: an L4 proxy retries nothing, where an L7 one would have retried twice anyway", () => {
    expect(ms011(withJobs({ target: 'back', sidecar: L4, policy: { retries: { attempts: 2 } } })).map((f) => f.figure.values.fields)).toEqual(['retries']);
  });

  it('does not trip on an L4 client whose policy holds only what L4 applies (connection limits and timeouts, load balancer), nor on an L7 client', () => {
    expect(ms011(withJobs({ target: 'back', sidecar: L4, policy: { connectTimeout: '1s', circuitBreaker: { maxConnections: 10 }, loadBalancer: 'random', idleTimeout: '30s' } }))).toEqual([]);
    expect(ms011(withJobs({ target: 'back', sidecar: { mode: 'L7' }, policy: { retries: { attempts: 3 }, timeout: '2s' } }))).toEqual([]);
    expect(ms011(withJobs({ target: 'back', sidecar: true, policy: { fault: { abort: { percent: 10 } } } }))).toEqual([]);
  });
});

describe('L7_ONLY_FIELDS', () => {
  // One value per policy field that differs from every default, so that each one changes what an
  // L7 proxy compiles.
  const sample: Policy = policySchema.parse({
    timeout: '2s',
    retries: { attempts: 4, perTryTimeout: '500ms' },
    loadBalancer: 'random',
    circuitBreaker: { maxConnections: 7 },
    outlierDetection: { consecutive5xx: 2 },
    healthyPanicThreshold: 30,
    localityLbSetting: { failover: [{ from: 'region-1', to: 'region-2' }] },
    fault: { abort: { percent: 10 } },
    connectTimeout: '1s',
    maxConnectionDuration: '5m',
    idleTimeout: '30s',
    protocol: 'HTTP/2',
    h2UpgradePolicy: 'UPGRADE',
    maxRequestsPerConnection: 3,
    maxConcurrentStreams: 9,
  });
  const callee = scenario({ clients: [{ name: 'c', type: 'open', rate: 1, target: 'back' }], services: [svc('back')] }).services[0];
  const compiled = (route: Policy | undefined, l7: boolean) => JSON.stringify(compilePolicy(callee, route, l7, true), (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));

  it('has a sample for every field of a policy', () => {
    expect(Object.keys(sample).sort()).toEqual(Object.keys(policySchema.shape).sort());
  });

  it('is exactly the policy fields that change nothing an L4 proxy compiles (compilePolicy with l7 false), each of which an L7 proxy applies', () => {
    const keys = Object.keys(sample) as (keyof Policy)[];
    const ignoredAtL4 = keys.filter((k) => compiled({ [k]: sample[k] } as Policy, false) === compiled(undefined, false));
    expect(ignoredAtL4.sort()).toEqual([...L7_ONLY_FIELDS].sort());
    for (const k of L7_ONLY_FIELDS) expect(compiled({ [k]: sample[k] } as Policy, true), k).not.toBe(compiled(undefined, true));
  });

  it('a caller without any proxy applies no field of its own route policy (compilePolicy with meshed false): what MS011 flags a plain client\'s whole policy for', () => {
    const plain = (route: Policy | undefined) => JSON.stringify(compilePolicy(callee, route, false, false), (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    const keys = Object.keys(sample) as (keyof Policy)[];
    // connectTimeout, maxConnectionDuration, idleTimeout and the connection limits acted here before.
    expect(keys.filter((k) => plain({ [k]: sample[k] } as Policy) !== plain(undefined))).toEqual([]);
    expect(JSON.parse(plain(sample))).toMatchObject({ connectTimeout: 10_000, maxConnectionDuration: 'Infinity', idleTimeout: 3_600_000, maxRequestsPerConnection: 'Infinity' });
  });

  it('a plain client whose policy recycles every connection after one request and 50 ms runs the same events as one with no policy (same trace hash), as MS011 says', () => {
    const run = (policy?: Record<string, unknown>) => {
      const s = scenario({ clients: [{ name: 'jobs', type: 'open', rate: 200, target: 'back', ...(policy ? { policy } : {}) }], services: [svc('back', { sidecar: false })] });
      return runScenario(s, { durationMs: 3000 }).world.sim.traceHash();
    };
    const bare = run();
    expect(run({ maxRequestsPerConnection: 1, maxConnectionDuration: '50ms', connectTimeout: '1ms', idleTimeout: '10ms' })).toBe(bare);
    // MS011 names all four fields.
    expect(ms011(withJobs({ target: 'back', policy: { maxRequestsPerConnection: 1, maxConnectionDuration: '50ms', connectTimeout: '1ms', idleTimeout: '10ms' } })).map((f) => f.figure.values.fields)).toEqual(['connectTimeout, maxConnectionDuration, idleTimeout, maxRequestsPerConnection']);
  });
});
