import { describe, expect, it } from 'vitest';
import { changeSchema, validateScenario, type Scenario } from '../../src/scenario';
import { scenarioFindings } from '../../src/cli/lint';

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

  it('trips on a timed change that reaches no request, with the change that would act as the fix; not on one that acts', () => {
    const noop = { type: 'policy', at: '3s', service: 'back', policy: { timeout: '1s' } };
    expect(ms010(behindGateway(false, [noop])).map((x) => x.field)).toEqual(['services.0.policy.timeout', 'changes.0.policy.timeout']);
    // The change on gw's own route (changes.1) acts: only changes.0 is flagged.
    const onChange = ms010(behindGateway(false, [noop, { type: 'gateway-route', at: '4s', gateway: 'gw', policy: { timeout: '1s' } }])).filter((x) => x.field.startsWith('changes.'));
    expect(onChange.map((x) => [x.field, x.resource.name])).toEqual([['changes.0.policy.timeout', 'back']]);
    expect(onChange[0].message).toBe(
      "changes.0: back's timeout is overridden on its only path: gateway gw sets its own timeout for back (2 s). This change will not alter any request. Envoy applies the route policy of the proxy that sends the request, and a caller's own route policy overrides the callee's field by field",
    );
    expect(onChange[0].fix).toBe('Make the change on the route that owns it: {"type":"gateway-route","gateway":"gw","route":0,"policy":{"timeout":1000},"at":3000}');
    expect(changeSchema.safeParse(JSON.parse(onChange[0].fix.slice(onChange[0].fix.indexOf('{')))).success).toBe(true);
  });
});
