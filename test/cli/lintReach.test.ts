import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeSchema, validateScenario, type Scenario } from '../../src/scenario';
import { scenarioFindings } from '../../src/cli/lint';
import { runScenario } from '../../src/models/run';
import { changeReach } from '../../src/models/policyReach';

// MS010: policy that no request feels, with one input that trips it and one that does not.

function scenario(data: Record<string, unknown>): Scenario {
  const r = validateScenario({ name: 't', duration: '10s', ...data });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}
const none = () => undefined;
const svc = (name: string, extra: Record<string, unknown> = {}) => ({ name, serviceTime: '1ms', sidecar: true, replicas: 2, concurrency: 16, ...extra });

/** users -> gateway gw -> back (the route sets a 2 s timeout), and, when `inner`, front -> back with no call policy. */
function behindGateway(inner: boolean, changes: unknown[] = []) {
  return scenario({
    clients: [{ name: 'users', type: 'open', rate: 50, target: 'gw' }, ...(inner ? [{ name: 'jobs', type: 'open', rate: 5, target: 'front' }] : [])],
    gateways: [{ name: 'gw', routes: [{ service: 'back', policy: { timeout: '2s' } }] }],
    services: [svc('back', { policy: { timeout: '500ms', retries: { attempts: 1 } } }), ...(inner ? [svc('front', { calls: [{ service: 'back' }] })] : [])],
    changes,
  });
}
const ms010 = (s: Scenario) => scenarioFindings(s, none).filter((f) => f.code === 'MS010');

describe('MS010 policy overridden on every path', () => {
  it("trips on back's own timeout, which gateway gw's route overrides on its only path, naming the field, the caller and why; not on its retries, which gw does not set", () => {
    const [f, ...rest] = ms010(behindGateway(false));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', rule: 'policy-overridden', field: 'services.0.policy.timeout', resource: { kind: 'Service', name: 'back' } });
    expect(f.message).toBe(
      "back's own timeout (500 ms) is overridden on every path, so no request uses it: gateway gw sets its own (2 s) at gateways.0.routes.0.policy.timeout. Envoy applies the route policy of the proxy that sends the request, and a caller's own route policy overrides the callee's field by field",
    );
    expect(f.figure).toEqual({ text: 'overridden on 1 of 1 path, used on none', values: { field: 'timeout', callers: 1, overriding: 'gw' } });
    expect(f.fix).toBe("Set timeout where it acts: on the callers' own routes (gateways.0.routes.0.policy.timeout), or drop it from back's policy");
  });

  it('does not trip when one caller (front, with no call policy) applies back\'s own timeout', () => {
    expect(ms010(behindGateway(true))).toEqual([]);
  });

  it("trips when the callers that do not override cannot apply it either: jobs calls back with no proxy", () => {
    const s = scenario({
      clients: [{ name: 'users', type: 'open', rate: 50, target: 'gw' }, { name: 'jobs', type: 'open', rate: 5, target: 'back' }],
      gateways: [{ name: 'gw', routes: [{ service: 'back', policy: { timeout: '2s' } }] }],
      services: [svc('back', { policy: { timeout: '500ms' } })],
    });
    const [f, ...rest] = ms010(s);
    expect(rest).toEqual([]);
    expect(f.message).toBe(
      "back's own timeout (500 ms) applies on no path, so no request uses it: client jobs has no proxy, so it applies no timeout; gateway gw sets its own (2 s) at gateways.0.routes.0.policy.timeout. Envoy applies the route policy of the proxy that sends the request, and a caller's own route policy overrides the callee's field by field",
    );
    expect(f.figure.text).toBe('overridden on 1 of 2 paths, used on none');
  });

  it("counts a plain caller as one that cannot apply the callee's connection fields, and the model agrees: its pool runs the same events with or without them (same trace hash)", () => {
    // A DestinationRule's connection pool is the client-side proxy's config; a plain caller's pool is its app's.
    const conn = { maxRequestsPerConnection: 1, maxConnectionDuration: '50ms', connectTimeout: '1ms', idleTimeout: '10ms' };
    const design = (policy?: Record<string, unknown>) =>
      scenario({ clients: [{ name: 'jobs', type: 'open', rate: 200, target: 'back' }], services: [svc('back', { sidecar: false, ...(policy ? { policy } : {}) })] });
    for (const [k, v] of Object.entries(conn)) {
      const r = changeReach(design(), { type: 'policy', at: 0, service: 'back', policy: { [k]: v }, replace: false });
      expect({ k, reach: r?.reach, callers: r?.callers.map((c) => `${c.route.caller} ${c.status}`) }).toEqual({ k, reach: 'none', callers: ['jobs not-applied'] });
    }
    const hash = (s: Scenario) => runScenario(s, { durationMs: 3000 }).world.sim.traceHash();
    expect(hash(design(conn))).toBe(hash(design()));
  });

  it('trips on a timed change that reaches no request, with the change that would act as the fix; not on one that acts', () => {
    const noop = { type: 'policy', at: '3s', service: 'back', policy: { timeout: '1s' } };
    expect(ms010(behindGateway(false, [noop])).map((x) => x.field)).toEqual(['services.0.policy.timeout', 'changes.0.policy.timeout']);
    // The change on gw's own route (changes.1) acts: only changes.0 is flagged.
    const onChange = ms010(behindGateway(false, [noop, { type: 'gateway-route', at: '4s', gateway: 'gw', policy: { timeout: '1s' } }])).filter((x) => x.field.startsWith('changes.'));
    expect(onChange.map((x) => [x.field, x.resource.name])).toEqual([['changes.0.policy.timeout', 'back']]);
    expect(onChange[0].message).toBe(
      "changes.0: back's timeout is overridden on its only path: gateway gw sets its own timeout for back (2 s). This change will not alter any request. Envoy applies the route policy of the proxy that sends the request, and a caller's own route policy overrides the callee's field by field",
    );
    // Written as the file writes it ("1s", "3s"), not in milliseconds.
    expect(onChange[0].fix).toBe('Make the change on the route that owns it: {"type":"gateway-route","gateway":"gw","route":0,"policy":{"timeout":"1s"},"at":"3s"}');
    expect(changeSchema.safeParse(JSON.parse(onChange[0].fix.slice(onChange[0].fix.indexOf('{')))).success).toBe(true);
  });

  it("writes a suggested change's durations as a scenario file does, whole seconds in s and the rest in ms, and it parses back to the same milliseconds", () => {
    const noop = { type: 'policy', at: '2500ms', service: 'back', policy: { timeout: '1.5s', retries: { attempts: 1, perTryTimeout: '250ms', backoff: { base: '40ms' } } } };
    const s = scenario({
      clients: [{ name: 'users', type: 'open', rate: 50, target: 'gw' }],
      gateways: [{ name: 'gw', routes: [{ service: 'back', policy: { timeout: '2s', retries: { attempts: 2 } } }] }],
      services: [svc('back')],
      changes: [noop],
    });
    const [f] = ms010(s).filter((x) => x.field.startsWith('changes.'));
    const json = f.fix.slice(f.fix.indexOf('{'));
    expect(json).toBe('{"type":"gateway-route","gateway":"gw","route":0,"policy":{"timeout":"1500ms","retries":{"attempts":1,"perTryTimeout":"250ms","backoff":{"base":"40ms"}}},"at":"2500ms"}');
    const back = changeSchema.parse(JSON.parse(json));
    expect(back).toMatchObject({ at: 2500, policy: { timeout: 1500, retries: { attempts: 1, perTryTimeout: 250, backoff: { base: 40 } } } });
  });
});

// MS011: a client's policy with no proxy to apply it (the schema: "meshed clients only").
describe('MS011 client policy without a proxy', () => {
  const ms011 = (s: Scenario) => scenarioFindings(s, none).filter((f) => f.code === 'MS011');
  const base = (client: Record<string, unknown>) =>
    scenario({
      clients: [{ name: 'users', type: 'open', rate: 50, target: 'gw' }, { name: 'jobs', type: 'open', rate: 5, ...client }],
      gateways: [{ name: 'gw', routes: [{ service: 'back' }] }],
      services: [svc('back')],
    });

  it("trips on a client without a sidecar whose policy targets a service, naming the field, and the client's own timeout as where its timeout acts", () => {
    const [f, ...rest] = ms011(base({ target: 'back', policy: { timeout: '2s', retries: { attempts: 3 } } }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ code: 'MS011', severity: 'warning', rule: 'client-policy-without-proxy', field: 'clients.1.policy', resource: { kind: 'Client', name: 'jobs' } });
    expect(f.message).toBe(
      "clients.1.policy: client jobs's policy (timeout, retries) has no proxy to apply it (set sidecar: true, or move its timeout to clients.1.timeout, the client's own wait, and drop the rest (retries): no proxy between jobs and back applies them). A route policy is applied by the proxy that sends the request, and jobs sends without a sidecar, so no request uses it",
    );
    expect(f.fix).toBe("Set sidecar: true on client jobs, or move its timeout to clients.1.timeout, the client's own wait, and drop the rest (retries): no proxy between jobs and back applies them");
    expect(f.figure).toEqual({ text: '2 fields, no proxy', values: { client: 'jobs', target: 'back', fields: 'timeout, retries' } });
  });

  it("names the gateway's route policy when the client targets a gateway, and says drop it for a service target without a timeout", () => {
    expect(ms011(base({ target: 'gw', policy: { retries: { attempts: 1 } } }))[0].message).toContain(
      "has no proxy to apply it (set sidecar: true, or move it to gateway gw's route policy (gateways.0.routes.0.policy), which the gateway's Envoy applies)",
    );
    expect(ms011(base({ target: 'back', policy: { retries: { attempts: 1 } } }))[0].message).toContain('(set sidecar: true, or drop it: no proxy between jobs and back applies it)');
  });

  it('does not trip on a meshed client (L7 or L4 sidecar) or on a client without a policy', () => {
    expect(ms011(base({ target: 'back', sidecar: true, policy: { timeout: '2s' } }))).toEqual([]);
    expect(ms011(base({ target: 'back', sidecar: { mode: 'L4' }, policy: { connectTimeout: '1s' } }))).toEqual([]);
    expect(ms011(base({ target: 'back' }))).toEqual([]);
  });

  it('trips on no shipped scenario (neither does MS010)', () => {
    const dir = join(__dirname, '../../scenarios');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json');
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const f of files) {
      const r = validateScenario(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.problems)}`);
      expect(scenarioFindings(r.scenario, none).filter((x) => x.code === 'MS011' || x.code === 'MS010').map((x) => `${f} ${x.code} ${x.field}`)).toEqual([]);
    }
  });
});
