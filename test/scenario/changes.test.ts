import { describe, expect, it } from 'vitest';
import { changedPolicy, validateScenario } from '../../src/scenario';

/** A small meshed shop: a gateway to frontend, frontend calls payments, a TCP db. */
const base = () => ({
  name: 'shop',
  duration: '60s',
  meshes: [{ name: 'a' }, { name: 'b' }],
  clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
  gateways: [{ name: 'api', routes: [{ service: 'frontend' }] }],
  services: [
    { name: 'frontend', serviceTime: '1ms', sidecar: true, mesh: 'a', calls: [{ service: 'payments' }, { service: 'db' }] },
    { name: 'payments', serviceTime: '1ms', sidecar: true, mesh: 'a' },
    { name: 'db', serviceTime: '1ms', sidecar: true, mesh: 'a', protocol: 'tcp' },
    { name: 'legacy', serviceTime: '1ms' },
  ],
});

const problemsOf = (changes: unknown[], extra: Record<string, unknown> = {}) => {
  const r = validateScenario({ ...base(), ...extra, changes });
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};

/** An empty policy patch (a new user's live change {"policy": {}} was listed as "change 3", changing nothing); replace: true with {} is a change, to the defaults. */
const NOTHING = 'changes nothing: give at least one field to change (e.g. timeout or retries), or "replace": true to go back to the defaults';

describe('scenario changes', () => {
  it('accepts each kind of change, with durations in ms and patch as the default', () => {
    const r = validateScenario({
      ...base(),
      changes: [
        { type: 'policy', at: '20s', service: 'payments', policy: { timeout: '1s' } },
        { type: 'policy', at: '21s', service: 'payments', from: 'frontend', policy: { retries: { attempts: 0 } }, replace: true },
        { type: 'gateway-route', at: '22s', gateway: 'api', policy: { timeout: '2s' } },
        { type: 'mtls', at: '23s', service: 'payments', mode: 'STRICT' },
        { type: 'sidecar-mode', at: '24s', service: 'frontend', mode: 'L4' },
        { type: 'trusts', at: '25s', mesh: 'a', trusts: ['b'] },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.changes.map((c) => c.at)).toEqual([20_000, 21_000, 22_000, 23_000, 24_000, 25_000]);
    expect(r.scenario.changes[0]).toMatchObject({ replace: false, policy: { timeout: 1000 } });
  });

  it('names the field, the limit and why for each bad change', () => {
    expect(
      problemsOf([
        { type: 'policy', service: 'paymnt', policy: {} },
        { type: 'policy', service: 'payments', from: 'db', policy: {} },
        { type: 'policy', service: 'db', policy: { timeout: '1s' } },
        { type: 'gateway-route', gateway: 'api', route: 3, service: 'payments' },
        { type: 'gateway-route', gateway: 'api' },
        { type: 'mtls', service: 'legacy', mode: 'STRICT' },
        { type: 'trusts', mesh: 'a', trusts: ['a', 'c'] },
        { type: 'policy', at: '61s', service: 'payments', policy: {} },
        { type: 'policy', service: 'payments', policy: {}, replace: true },
      ]),
    ).toEqual([
      'changes.0.service: unknown service "paymnt" (services: frontend, payments, db, legacy)',
      `changes.0.policy: ${NOTHING}`,
      'changes.1.from: "db" does not call "payments" (it calls: none); a change edits a route the file has, it cannot add one',
      `changes.1.policy: ${NOTHING}`,
      'changes.2.policy.timeout: L7 policies do not apply to a TCP service ("db" has "protocol": "tcp"); only circuitBreaker, connectTimeout, maxConnectionDuration and loadBalancer do',
      'changes.3.route: gateway "api" has routes 0 to 0, not 3',
      'changes.3.service: gateway "api" has no link to "payments" (its routes and canaries name: frontend); a change can send only where the file\'s routes or canaries already do',
      'changes.4: changes nothing: give a `service`, a `canary` or a `policy`',
      'changes.5.service: "legacy" has no sidecar, and its sidecar is what enforces peer authentication; a change cannot add a sidecar (that is a redeploy)',
      'changes.6.trusts.0: "a" is the mesh itself; it always trusts its own CA',
      'changes.6.trusts.1: unknown mesh "c" (meshes: a, b)',
      'changes.7.at: is at 1m 01s, when the run is over (duration 1m 00s)',
      `changes.7.policy: ${NOTHING}`,
    ]);
  });

  it('refuses an unknown type or field at its path, as the schema does for faults', () => {
    const p = problemsOf([{ type: 'restart', service: 'payments' }, { type: 'mtls', service: 'payments', mode: 'STRICT', extra: 1 }]);
    expect(p.some((x) => x.startsWith('changes.0.type:'))).toBe(true);
    expect(p.some((x) => x.startsWith('changes.1') && x.includes('extra'))).toBe(true);
  });

  it('a change-spread figure must name a change the scenario has', () => {
    const narrative = [{ at: '0s', title: 'x', text: 'y.', figure: { measure: 'change-spread', label: 'spread', change: 1 } }];
    expect(problemsOf([{ type: 'mtls', service: 'payments', mode: 'STRICT' }], { narrative })).toEqual(['narrative.0.figure.change: the scenario has changes 0 to 0, not 1']);
    expect(problemsOf([], { narrative: [{ ...narrative[0], figure: { measure: 'change-spread', label: 'spread' } }] })).toEqual(['narrative.0.figure.change: change-spread needs the number of the change it times (its index in `changes`)']);
  });

  it('patches a policy field by field, or replaces it', () => {
    expect(changedPolicy({ timeout: 1000, connectTimeout: 5 }, { timeout: 2000 }, false)).toEqual({ timeout: 2000, connectTimeout: 5 });
    expect(changedPolicy({ timeout: 1000, connectTimeout: 5 }, { timeout: 2000 }, true)).toEqual({ timeout: 2000 });
    expect(changedPolicy(undefined, { timeout: 2000 }, false)).toEqual({ timeout: 2000 });
  });
});
