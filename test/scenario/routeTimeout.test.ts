import { describe, expect, it } from 'vitest';
import { formatProblems, validateScenario } from '../../src/scenario';
import { scenarioJsonSchema } from '../../src/scenario/jsonSchema';

/** A gateway in front of a meshed service that calls another: every place a route policy goes. */
function withTimeouts(t: unknown): Record<string, unknown> {
  return {
    name: 't',
    clients: [{ name: 'users', type: 'open', rate: 1, target: 'api' }, { name: 'meshed', type: 'open', rate: 1, target: 'a', sidecar: true, policy: { timeout: t } }],
    gateways: [{ name: 'api', routes: [{ service: 'a', policy: { timeout: t } }] }],
    services: [
      { name: 'a', sidecar: true, serviceTime: '1ms', calls: [{ service: 'b', policy: { timeout: t } }] },
      { name: 'b', sidecar: true, serviceTime: '1ms', policy: { timeout: t } },
    ],
  };
}

describe('a route policy timeout of 0 means no timeout', () => {
  it('is accepted as 0 ms at a gateway route, a call, a service and a meshed client, written 0 or "0s"', () => {
    for (const t of [0, '0s', '0ms']) {
      const r = validateScenario(withTimeouts(t));
      expect(r.ok ? '' : formatProblems(r.problems), String(t)).toBe('');
      if (!r.ok) continue;
      expect(r.scenario.gateways[0].routes[0].policy?.timeout).toBe(0);
      expect(r.scenario.services[0].calls[0].policy?.timeout).toBe(0);
      expect(r.scenario.services[1].policy?.timeout).toBe(0);
      expect(r.scenario.clients[1].policy?.timeout).toBe(0);
    }
  });

  it('still refuses a negative timeout at its field (-1 ms, "-5s")', () => {
    const r = validateScenario(withTimeouts(-1));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatProblems(r.problems)).toContain('gateways.0.routes.0.policy.timeout: must not be negative, got -1');
    const s = validateScenario(withTimeouts('-5s'));
    if (!s.ok) expect(formatProblems(s.problems)).toContain('services.1.policy.timeout: must not be negative, got "-5s"');
    expect(s.ok).toBe(false);
  });

  it("the JSON Schema's policy.timeout says that 0 turns it off and that unset is 15 s at a gateway, none at a sidecar", () => {
    const policy = (scenarioJsonSchema().$defs as any).policy;
    const d: string = policy.properties.timeout.description;
    expect(policy.properties.timeout.$ref).toBe('#/$defs/duration');
    expect(d).toContain('0 ("0s") turns it off at a gateway or a sidecar');
    expect(d).toContain('15 s at a gateway');
    expect(d).toContain("none at a sidecar (Istio's default)");
  });
});
