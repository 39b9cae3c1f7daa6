import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { alternativeChange, callersOf, changeReach } from '../../src/models/policyReach';
import { runScenario } from '../../src/models';
import { changeSchema, parseScenarioText, validateScenario, type ChangeInput, type Scenario } from '../../src/scenario';

const shipped = (name: string): Scenario => {
  const r = parseScenarioText(readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8'));
  if (!r.ok) throw new Error(`${name} is invalid`);
  return r.scenario;
};
const make = (input: Record<string, unknown>): Scenario => {
  const r = validateScenario({ name: 'reach', duration: '10s', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
};
const change = (c: ChangeInput) => changeSchema.parse(c);
const noRetries = { type: 'policy', service: 'web', policy: { retries: { attempts: 0 } } } as const;

/** A service `x` called by gateway `gw` (whose route sets its own retries) and by service `y` (no call policy). */
const twoCallers = () =>
  make({
    clients: [
      { name: 'outside', type: 'open', rate: 10, target: 'gw' },
      { name: 'inside', type: 'open', rate: 10, target: 'y' },
    ],
    gateways: [{ name: 'gw', routes: [{ service: 'x', policy: { retries: { attempts: 2, retryOn: ['5xx'] } } }] }],
    services: [
      { name: 'x', sidecar: true, serviceTime: { type: 'constant', value: '1ms' }, policy: { retries: { attempts: 1, retryOn: ['5xx'] } } },
      { name: 'y', sidecar: true, serviceTime: { type: 'constant', value: '1ms' }, calls: [{ service: 'x' }] },
    ],
  });

describe('where a policy change reaches (changeReach)', () => {
  it("retry-storm: retries 0 on web is overridden on its only path by gateway api's route (2 retries on 5xx), and the same field on api's route acts", () => {
    const s = shipped('retry-storm');
    const r = changeReach(s, change(noRetries))!;
    expect(r.reach).toBe('none');
    expect(r.fields).toEqual(['retries']);
    expect(r.callers.map((c) => [c.route.caller, c.route.kind, c.status, c.overridden])).toEqual([['api', 'gateway', 'overridden', [{ field: 'retries', value: 'attempts 2 on 5xx' }]]]);
    expect(r.callers[0].route.routePath).toBe('gateways.0.routes.0.policy');
    expect(r.warning).toBe("web's retries are overridden on its only path: gateway api sets its own retries for web (attempts 2 on 5xx). This change will not alter any request.");
    expect(r.alternatives).toEqual([{ caller: 'api', fields: ['retries'], target: { type: 'gateway-route', gateway: 'api', route: 0 } }]);
    const alt = alternativeChange(r.alternatives[0], noRetries.policy);
    expect(alt).toEqual({ type: 'gateway-route', gateway: 'api', route: 0, policy: { retries: { attempts: 0 } } });
    const r2 = changeReach(s, changeSchema.parse(alt))!;
    expect([r2.reach, r2.warning, r2.callers.map((c) => [c.route.caller, c.status, c.acting])]).toEqual(['all', null, [['api', 'acts', ['retries']]]]);
  });

  it('retry-storm, run: the overridden change leaves every request as it was (16,814 requests at payments); the alternative on api\'s route cuts them to 6,400', () => {
    const s = shipped('retry-storm');
    const at = (changes: Scenario['changes']) => runScenario({ ...s, changes }).summary.services;
    const base = at([]);
    const noop = at([change({ ...noRetries, at: '5s' })]);
    const alt = at([change({ ...(alternativeChange(changeReach(s, change(noRetries))!.alternatives[0], noRetries.policy) as ChangeInput), at: '5s' })]);
    expect([base.payments.requests, base.web.requests]).toEqual([16814, 2816]);
    expect([noop.payments.requests, noop.web.requests]).toEqual([16814, 2816]);
    // The gateway stops retrying web: a third of the tries at payments during the outage.
    expect([alt.payments.requests, alt.web.requests]).toEqual([6400, 1648]);
  });

  it('acts on some paths only: x is called by gateway gw (its route sets retries: overridden) and by y (no call policy: acts)', () => {
    const s = twoCallers();
    expect(callersOf(s, 'x').map((c) => `${c.kind} ${c.caller} ${c.routePath} l7=${c.l7}`)).toEqual(['gateway gw gateways.0.routes.0.policy l7=true', 'service y services.1.calls.0.policy l7=true']);
    const r = changeReach(s, change({ type: 'policy', service: 'x', policy: { retries: { attempts: 0 } } }))!;
    expect(r.reach).toBe('some');
    expect(r.callers.map((c) => [c.route.caller, c.status])).toEqual([
      ['gw', 'overridden'],
      ['y', 'acts'],
    ]);
    expect(r.warning).toBe("x's retries are overridden on 1 of 2 paths: gateway gw sets its own retries for x (attempts 2 on 5xx). It acts only through y's sidecar.");
    expect(r.alternatives.map((a) => a.target)).toEqual([{ type: 'gateway-route', gateway: 'gw', route: 0 }]);
  });

  it('judges field by field: a timeout on x acts through the gateway too, since its route sets retries only', () => {
    const r = changeReach(twoCallers(), change({ type: 'policy', service: 'x', policy: { timeout: '300ms', retries: { attempts: 0 } } }))!;
    expect(r.fields).toEqual(['retries', 'timeout']);
    expect(r.callers.map((c) => [c.route.caller, c.status, c.acting, c.overridden.map((o) => o.field)])).toEqual([
      ['gw', 'acts', ['timeout'], ['retries']],
      ['y', 'acts', ['retries', 'timeout'], []],
    ]);
    expect([r.reach, r.warning]).toEqual(['all', null]);
  });

  it("a call's own policy (from) and a caller without a proxy: y's call acts; hello-mesh's frontend is called only by a client with no proxy", () => {
    const fromY = changeReach(twoCallers(), change({ type: 'policy', service: 'x', from: 'y', policy: { retries: { attempts: 0 } } }))!;
    expect(fromY.callers.map((c) => [c.route.caller, c.status])).toEqual([['y', 'acts']]);
    const hello = changeReach(shipped('hello-mesh'), change({ type: 'policy', service: 'frontend', policy: { retries: { attempts: 0 } } }))!;
    expect([hello.reach, hello.callers.map((c) => [c.route.caller, c.status, c.notApplied])]).toEqual(['none', [['shoppers', 'not-applied', ['retries']]]]);
    expect(hello.warning).toBe("frontend's retries are not applied on its only path: client shoppers has no proxy, so it applies no retries. This change will not alter any request.");
  });

  it('retries 0 where no one retries is "already in force": gateway-only\'s edge retries only when told to', () => {
    const r = changeReach(shipped('gateway-only'), change({ type: 'policy', service: 'frontend', policy: { retries: { attempts: 0 } } }))!;
    expect(r.callers.map((c) => [c.route.caller, c.status])).toEqual([['edge', 'unchanged']]);
    expect(r.warning).toBe("frontend's retries are already in force on its only path: gateway edge already runs the same for frontend. This change will not alter any request.");
  });

  it("a caller without a proxy runs no retries, so Istio's default 2 set on its callee is 'not applied' there, not 'already in force': gateway-only's frontend -> inventory (trial N6 F2)", () => {
    const r = changeReach(shipped('gateway-only'), change({ type: 'policy', service: 'inventory', policy: { retries: { attempts: 2 } } }))!;
    expect([r.reach, r.callers.map((c) => [c.route.caller, c.status, c.notApplied])]).toEqual(['none', [['frontend', 'not-applied', ['retries']]]]);
    expect(r.warning).toBe("inventory's retries are not applied on its only path: service frontend has no proxy, so it applies no retries. This change will not alter any request.");
  });

  it("a TCP callee's timeout is not applied by any caller, not \"already in force\": l4-vs-l7's postgres (orders' L7 sidecar and etl-job without a proxy)", () => {
    const r = changeReach(shipped('l4-vs-l7'), change({ type: 'policy', service: 'postgres', policy: { timeout: '1ms' } }))!;
    expect([r.reach, r.callers.map((c) => [c.route.caller, c.status, c.notApplied])]).toEqual(['none', [['orders', 'not-applied', ['timeout']], ['etl-job', 'not-applied', ['timeout']]]]);
    expect(r.warning).toBe("postgres' timeout is not applied on every path: postgres speaks TCP, and proxies apply timeout to HTTP only (orders' sidecar, etl-job (no proxy)). This change will not alter any request.");
  });

  it("a client without a proxy overrides nothing with its own policy (meshed clients only apply one): x's timeout is not applied there", () => {
    const s = make({
      clients: [{ name: 'plain', type: 'open', rate: 10, target: 'x', policy: { timeout: '2s' } }],
      services: [{ name: 'x', sidecar: true, serviceTime: { type: 'constant', value: '1ms' }, policy: { timeout: '1s' } }],
    });
    const r = changeReach(s, change({ type: 'policy', service: 'x', policy: { timeout: '5ms' } }))!;
    expect(r.callers.map((c) => [c.route.caller, c.status, c.overridden, c.notApplied])).toEqual([['plain', 'not-applied', [], ['timeout']]]);
    expect(r.alternatives).toEqual([]);
    expect(r.warning).toBe("x's timeout is not applied on its only path: client plain has no proxy, so it applies no timeout. This change will not alter any request.");
  });

  it("an L4 sidecar's own timeout for x is not in force, so x's timeout is 'not applied' there (no alternative on y's call, which would do nothing either); its own circuitBreaker, which L4 applies, overrides x's", () => {
    const s = make({
      clients: [{ name: 'cl', type: 'open', rate: 10, target: 'y' }],
      services: [
        { name: 'x', sidecar: true, serviceTime: { type: 'constant', value: '1ms' }, policy: { timeout: '1s' } },
        { name: 'y', sidecar: { mode: 'L4' }, serviceTime: { type: 'constant', value: '1ms' }, calls: [{ service: 'x', policy: { timeout: '2s', circuitBreaker: { maxConnections: 5 } } }] },
      ],
    });
    const t = changeReach(s, change({ type: 'policy', service: 'x', policy: { timeout: '5ms' } }))!;
    expect([t.callers.map((c) => [c.route.caller, c.status, c.notApplied]), t.alternatives]).toEqual([[['y', 'not-applied', ['timeout']]], []]);
    expect(t.warning).toBe("x's timeout is not applied on its only path: y's sidecar works at L4 for x, so it applies no timeout. This change will not alter any request.");
    const cb = changeReach(s, change({ type: 'policy', service: 'x', policy: { circuitBreaker: { maxConnections: 1 } } }))!;
    expect(cb.callers.map((c) => [c.route.caller, c.status])).toEqual([['y', 'overridden']]);
  });

  it('other change types have no policy reach (null)', () => {
    expect(changeReach(shipped('retry-storm'), change({ type: 'mtls', service: 'web', mode: 'STRICT' }))).toBeNull();
    expect(changeReach(shipped('retry-storm'), change({ type: 'gateway-route', gateway: 'api', canary: [] }))).toBeNull();
  });
});
