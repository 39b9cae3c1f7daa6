import { beforeAll, describe, expect, it } from 'vitest';
import { actingDefault, changeProblems, formReachOf, reachApi, reachOf, scenarioOf } from '../../src/ui/changes/reach';
import { sourceOf } from '../../src/ui/changes/reachClient';
import { builtinScenarios, loadBuiltinTexts } from '../../src/ui/scenarios/catalog';
import { withBChange } from '../../src/ui/changes/branch';
import { decodeCompareLink } from '../../src/ui/compare/link';
import type { LiveAction } from '../../src/workers/protocol';

const POLICIES = [{ retries: { attempts: 0 } }, { retries: { attempts: 2 } }];
// The shipped texts but hello-mesh's are a chunk of their own (catalog.ts), loaded as the app does before reading them.
beforeAll(() => loadBuiltinTexts());

const shipped = (id: string) => scenarioOf(sourceOf({ kind: 'builtin', id }))!;

describe('the change form, where a change reaches', () => {
  it('starts every shipped scenario on a change that acts, where one can: retry-storm on orders (web is overridden by gateway api), config-rollout on 2 retries for payments', () => {
    const starts = Object.fromEntries(
      builtinScenarios().map((e) => {
        const s = shipped(e.id);
        const pick = actingDefault(s, s.services.map((v) => v.name), POLICIES);
        return [e.id, pick ? `${pick.target} ${JSON.stringify(pick.policy)}` : null];
      }),
    );
    expect(starts).toEqual({
      'hello-mesh': 'catalog {"retries":{"attempts":0}}',
      'config-rollout': 'payments {"retries":{"attempts":2}}',
      'control-plane-boundary': 'catalog {"retries":{"attempts":0}}',
      'control-plane-boundary-fixed': 'catalog {"retries":{"attempts":0}}',
      'control-plane-outage': 'orders {"retries":{"attempts":0}}',
      'gateway-and-mesh': 'catalog {"retries":{"attempts":0}}',
      'gateway-only': 'frontend {"retries":{"attempts":2}}',
      'idle-timeout-race': 'ledger {"retries":{"attempts":0}}',
      // No proxy anywhere: no policy change can act (the form says why).
      'istio-load-test-baseline': null,
      'istio-load-test-full': 'svc-000 {"retries":{"attempts":0}}',
      'istio-load-test': 'svc-00 {"retries":{"attempts":0}}',
      'l4-vs-l7': 'orders {"retries":{"attempts":2}}',
      'mesh-only': 'catalog {"retries":{"attempts":0}}',
      mm1: null,
      'partial-adoption': 'catalog {"retries":{"attempts":0}}',
      'partial-adoption-fixed': 'catalog {"retries":{"attempts":0}}',
      'retry-storm-fixed': 'payments {"retries":{"attempts":0}}',
      'retry-storm': 'orders {"retries":{"attempts":0}}',
      'third-party-direct': 'cart {"retries":{"attempts":0}}',
      'third-party-service': 'cart {"retries":{"attempts":0}}',
      // Its ledger is called through the bridge with no retries set: 2 retries there would act.
      'two-meshes-cert-expiry': 'ledger {"retries":{"attempts":2}}',
      'two-meshes-direct': 'checkout {"retries":{"attempts":0}}',
      'two-meshes-via-gateway': 'checkout {"retries":{"attempts":0}}',
      'zone-failover': 'payments {"retries":{"attempts":0}}',
    });
  });

  it("says retry-storm's retries 0 on web does nothing, and offers the same on gateway api's route 0, written as the person wrote it", () => {
    const r = reachOf(shipped('retry-storm'), [], 12_000, { type: 'policy', service: 'web', policy: { retries: { attempts: 0 } } })!;
    expect(r).toEqual({
      reach: 'none',
      warning: "web's retries are overridden on its only path: gateway api sets its own retries for web (attempts 2 on 5xx). This change will not alter any request.",
      alternative: { type: 'gateway-route', gateway: 'api', route: 0, policy: { retries: { attempts: 0 } } },
      alternativeLabel: "retries on gateway api's route 0",
      owner: "Who owns it: the proxy that sends a request applies its retries, so the caller's own route setting wins over the callee's (here gateway api's).",
    });
    // The alternative acts on every path: a gateway route's change still says where (trial N11, 9).
    expect(reachOf(shipped('retry-storm'), [], 12_000, r.alternative!)).toEqual({
      reach: 'all',
      warning: "Acts on every request gateway api's route 0 sends to web (retries), at once: a gateway is configured directly, not by a control plane.",
      alternative: null,
      alternativeLabel: null,
      owner: null,
    });
    // A service policy's that acts on every path says nothing, as before.
    expect(reachOf(shipped('retry-storm'), [], 12_000, { type: 'policy', service: 'payments', policy: { retries: { attempts: 0 } } })).toBeNull();
    // A change that does not read is the form's to report, not this.
    expect(reachOf(shipped('retry-storm'), [], 12_000, { type: 'policy', service: 'web', policy: { retries: { attempts: -1 } } })).toBeNull();
  });

  it('judges a change in the design as configured by then: config-rollout gives payments 2 retries on 5xx (10 ms backoff) at 20 s, so the same change at 25 s sets what already is', () => {
    const s = shipped('config-rollout');
    const change = { type: 'policy', service: 'payments', policy: { retries: { attempts: 2, retryOn: ['5xx'], backoff: { base: '10ms' } } } };
    expect(reachOf(s, [], 5000, change)).toBeNull();
    expect(reachOf(s, [], 25_000, change)?.warning).toBe("The change sets payments' policy to what it already is. This change will not alter any request.");
  });

  it("says a change the run has made is in force, judged as it was made, not that it changes nothing: hello-mesh's 2 ms timeout on catalog made at 10 s acts on both its callers", () => {
    const s = shipped('hello-mesh');
    const change = { type: 'policy', service: 'catalog', policy: { timeout: '2ms' } };
    const made: LiveAction = { kind: 'change', ms: 10_000, ev: 1234, change };
    // Before it is made, it acts everywhere: nothing to say.
    expect(formReachOf(s, [], 10_000, change)).toBeNull();
    // Made: the design now has it, so reachOf alone would call it a no-op.
    expect(reachOf(s, [made], 10_000, change)?.warning).toBe("The change sets catalog's policy to what it already is. This change will not alter any request.");
    expect(formReachOf(s, [made], 10_000, change)).toEqual({ reach: 'all', warning: '', alternative: null, alternativeLabel: null, owner: null, madeAtMs: 10_000 });
    // Its own `at` counts: made at 12 s, it is not in force at 11 s, and the form judges it as new.
    const later: LiveAction = { ...made, change: { ...change, at: '2s' } };
    expect(formReachOf(s, [later], 11_000, change)).toBeNull();
    expect(formReachOf(s, [later], 12_000, change)?.madeAtMs).toBe(12_000);
    // Another value is a new change, judged in the design with the first made.
    expect(formReachOf(s, [made], 10_000, { ...change, policy: { timeout: '3ms' } })).toBeNull();
  });

  it("says a change the run made that reached no request is in force and why: retry-storm's retries 0 on web, overridden by gateway api", () => {
    const change = { type: 'policy', service: 'web', policy: { retries: { attempts: 0 } } };
    const r = formReachOf(shipped('retry-storm'), [{ kind: 'change', ms: 12_000, ev: 1, change }], 13_000, change)!;
    expect(r.madeAtMs).toBe(12_000);
    expect(r.reach).toBe('none');
    expect(r.warning).toContain('gateway api sets its own retries for web (attempts 2 on 5xx)');
  });

  it("a branch's alternative link replaces B's change and goes to the branch point; A and the pair are kept", () => {
    const a: LiveAction[] = [];
    const mine: LiveAction = { kind: 'change', ms: 12_000, ev: 34_567, change: { type: 'policy', service: 'web', policy: { retries: { attempts: 0 } } } };
    const link = withBChange('?compare=retry-storm,retry-storm&t=30s&speed=1x', '', [...a, mine], mine, { type: 'gateway-route', gateway: 'api', route: 0, policy: { retries: { attempts: 0 } } });
    const d = decodeCompareLink(link, { scenarioIds: ['retry-storm'], defaultId: 'retry-storm', speedIds: ['1x'] });
    expect(d.problems).toEqual([]);
    expect(d.pair).toEqual(['retry-storm', 'retry-storm']);
    expect(d.tMs).toBe(12_000);
    expect(d.actionsA).toEqual([]);
    expect(d.actionsB).toEqual([{ ...mine, change: { type: 'gateway-route', gateway: 'api', route: 0, policy: { retries: { attempts: 0 } } } }]);
  });

  it('names what the run would refuse in the form\'s change, at its field, before a branch drops it: a timeout on a TCP service, retries "abc", a misspelt field', () => {
    const ref = (id: string) => sourceOf({ kind: 'builtin', id });
    expect(changeProblems(ref('l4-vs-l7'), { type: 'policy', service: 'postgres', policy: { timeout: '1ms' } })).toEqual([
      { path: 'change.policy.timeout', message: 'L7 policies do not apply to a TCP service ("postgres" has "protocol": "tcp"); only circuitBreaker, connectTimeout, maxConnectionDuration and loadBalancer do' },
    ]);
    expect(changeProblems(ref('retry-storm'), { type: 'policy', service: 'orders', policy: { retries: { attempts: 'abc' } } })).toEqual([{ path: 'change.policy.retries.attempts', message: 'must be a whole number, 0 or more, got "abc"' }]);
    expect(changeProblems(ref('retry-storm'), { type: 'policy', service: 'orders', policy: { retires: { attempts: 0 } } })).toEqual([{ path: 'change.policy.retires', message: 'unknown field; did you mean retries? (fields here: timeout, retries, loadBalancer, circuitBreaker, outlierDetection, healthyPanicThreshold, localityLbSetting, fault, connectTimeout, maxConnectionDuration, idleTimeout, protocol, h2UpgradePolicy, maxRequestsPerConnection, maxConcurrentStreams)' }]);
    expect(changeProblems(ref('retry-storm'), { type: 'policy', service: 'orders', policy: { retries: { attempts: -1 } } })).toEqual([{ path: 'change.policy.retries.attempts', message: 'must not be negative, got -1' }]);
    // What the run takes reads clean: the offered alternative too.
    expect(changeProblems(ref('retry-storm'), { type: 'policy', service: 'web', policy: { retries: { attempts: 0 } } })).toEqual([]);
    expect(changeProblems(ref('retry-storm'), { type: 'gateway-route', gateway: 'api', route: 0, policy: { retries: { attempts: 0 } } })).toEqual([]);
  });

  it("answers in its worker (reachApi) as on the page: retry-storm's form starts on orders, web's retries 0 reaches no request, and a branch lists only B's own change", () => {
    const src = sourceOf({ kind: 'builtin', id: 'retry-storm' });
    const s = shipped('retry-storm');
    expect(reachApi.actingDefault(src, s.services.map((v) => v.name), POLICIES)).toEqual({ target: 'orders', policy: POLICIES[0] });
    const change = { type: 'policy', service: 'web', policy: { retries: { attempts: 0 } } };
    expect(reachApi.formReachOf(src, [], 12_000, change)).toEqual(formReachOf(s, [], 12_000, change));
    expect(reachApi.formReachOf(src, [], 12_000, change)?.reach).toBe('none');
    const shared: LiveAction = { kind: 'change', ms: 5000, ev: 1, change: { type: 'policy', service: 'orders', policy: { retries: { attempts: 1 } } } };
    const mine: LiveAction = { kind: 'change', ms: 12_000, ev: 2, change };
    const found = reachApi.branchReaches(src, [shared], [shared, mine]);
    expect(found.map((f) => f.index)).toEqual([1]);
    expect(found[0].reach).toEqual(reachOf(s, [shared], 12_000, change));
    expect(reachApi.changeProblems(src, { ...change, policy: { retries: { attempts: -1 } } })).toEqual([{ path: 'change.policy.retries.attempts', message: 'must not be negative, got -1' }]);
    // An unknown built-in reads as nothing to say, never a throw.
    expect(reachApi.actingDefault(sourceOf({ kind: 'builtin', id: 'nope' }), ['web'], POLICIES)).toBeNull();
    expect(reachApi.branchReaches(undefined, [], [mine])).toEqual([]);
  });
});
