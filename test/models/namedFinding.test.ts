import { describe, expect, it } from 'vitest';
import { namedFinding, type Finding } from '../../src/models/lint';

const data = { services: [{ name: 'web' }, { name: 'orders' }], gateways: [{ name: 'edge', routes: [{ service: 'web' }] }] };

const base: Finding = {
  code: 'MS006',
  rule: 'mtls-mismatch',
  severity: 'error',
  resource: { kind: 'Service', name: 'orders', file: 's.yaml', line: 12 },
  field: 'services.1.mtls',
  message: 'orders (services.1) accepts only mutual TLS',
  figure: { text: 'every call fails', values: {} },
  fix: 'set gateways.0.mesh: mesh, or set services.1.mtls: PERMISSIVE',
  simulated: false,
};

describe('namedFinding: a lint finding as people read it', () => {
  it('writes the field and the places its message and fix quote by name; an unnamed route keeps its index', () => {
    expect(namedFinding(data, base)).toMatchObject({ field: 'services.orders.mtls', message: 'orders (services.orders) accepts only mutual TLS', fix: 'set gateways.edge.mesh: mesh, or set services.orders.mtls: PERMISSIVE' });
    expect(namedFinding(data, { ...base, field: 'gateways.0.routes.0.policy.timeout' }).field).toBe('gateways.edge.routes.0.policy.timeout');
    // A copy: the finding the rules made (and --json prints) keeps its index paths.
    expect(base.field).toBe('services.1.mtls');
  });

  it("keeps a manifest's own path and names the scenario field it was found at", () => {
    const f = namedFinding(data, { ...base, field: 'spec.http[0].timeout', scenarioField: 'services.0.calls.0.policy.timeout' });
    expect(f).toMatchObject({ field: 'spec.http[0].timeout', scenarioField: 'services.web.calls.0.policy.timeout' });
  });
});
