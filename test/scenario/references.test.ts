import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario';

const base = {
  name: 'refs',
  duration: '10s',
  clients: [{ name: 'c', type: 'open', rate: 10, target: 'a' }],
  services: [{ name: 'a', sidecar: true, serviceTime: '1ms' }],
};
const problems = (extra: Record<string, unknown>) => {
  const r = validateScenario({ ...base, ...extra });
  return r.ok ? [] : r.problems;
};

describe('references between meshes, faults and services', () => {
  it('the implicit mesh can be named "mesh" by faults, partitions and gateways', () => {
    expect(
      problems({
        faults: [
          { type: 'control-plane-outage', mesh: 'mesh', at: '1s' },
          { type: 'partition', between: [['a'], ['control-plane:mesh']], at: '2s' },
        ],
        gateways: [{ name: 'gw', mesh: 'mesh', routes: [{ service: 'a' }] }],
      }),
    ).toEqual([]);
  });

  it('refuses a fault on a mesh when nothing has a sidecar, so there is no mesh to act on', () => {
    const why = 'there is no mesh to act on: no service, client or gateway has a sidecar, and `meshes` is empty';
    expect(
      problems({
        services: [{ name: 'a', serviceTime: '1ms' }],
        faults: [
          { type: 'ca-outage', at: '1s' },
          { type: 'expire-certificates', at: '1s' },
          { type: 'partition', between: [['a'], ['control-plane']], at: '2s' },
        ],
      }),
    ).toEqual([
      { path: 'faults.0.mesh', message: why },
      { path: 'faults.1.mesh', message: why },
      { path: 'faults.2.between.1.0', message: why },
    ]);
  });

  it('expire-certificates takes a gateway as its service (its own identities), and a name that is neither says so', () => {
    const bridged = {
      meshes: [{ name: 'retail' }, { name: 'payments' }],
      services: [
        { name: 'a', sidecar: true, mesh: 'retail', serviceTime: '1ms', calls: [{ service: 'bridge' }] },
        { name: 'ledger', sidecar: true, mesh: 'payments', serviceTime: '1ms' },
      ],
      gateways: [{ name: 'bridge', bridge: { from: 'retail', to: 'payments' }, routes: [{ service: 'ledger' }] }],
    };
    expect(problems({ ...bridged, faults: [{ type: 'expire-certificates', service: 'bridge', at: '1s' }] })).toEqual([]);
    expect(problems({ ...bridged, faults: [{ type: 'expire-certificates', service: 'ledger', at: '1s' }] })).toEqual([]);
    expect(problems({ ...bridged, faults: [{ type: 'expire-certificates', service: 'bridg', at: '1s' }] })).toEqual([
      { path: 'faults.0.service', message: 'unknown service or gateway "bridg"; did you mean bridge? (services and gateways: a, ledger, bridge)' },
    ]);
  });

  it('refuses a circuit-breaker limit of 0, which would refuse every request; maxPendingRequests 0 is allowed (no pending at a gateway, unset at a sidecar)', () => {
    const why = 'must be at least 1 (0 would refuse every request; leave it out for no limit), got 0';
    expect(problems({ services: [{ name: 'a', sidecar: true, serviceTime: '1ms', policy: { circuitBreaker: { maxPendingRequests: 0, maxRequests: 0, maxRetries: 0 } } }] })).toEqual([
      { path: 'services.0.policy.circuitBreaker.maxRequests', message: why },
    ]);
  });

  it('refuses a certificate on a service without a sidecar, and a denied boundary nobody has', () => {
    expect(
      problems({
        services: [{ name: 'a', serviceTime: '1ms', certificate: { ttl: '1h' } }],
        meshes: [{ name: 'm', controlPlane: { denyBoundaries: ['payments-lob'] } }],
      }),
    ).toEqual([
      { path: 'services.0.certificate', message: 'a workload certificate is its sidecar\'s; "a" has none (add "sidecar": true, or leave certificate out)' },
      { path: 'meshes.0.controlPlane.denyBoundaries.0', message: 'no service or client has boundary "payments-lob" (boundaries: none)' },
    ]);
  });

  it('refuses STRICT on a service without a sidecar, which nothing would enforce', () => {
    expect(problems({ services: [{ name: 'a', mtls: 'STRICT', serviceTime: '1ms' }] })).toEqual([
      { path: 'services.0.mtls', message: 'STRICT is enforced by a sidecar; "a" has none (add "sidecar": true, or leave mtls out)' },
    ]);
  });

  it('refuses a fault that starts after the run is over, with both times in readable units', () => {
    expect(problems({ faults: [{ type: 'kill-service', service: 'a', at: '20s' }] })).toEqual([
      { path: 'faults.0.at', message: 'starts at 20.00 s, when the run is over (duration 10.00 s)' },
    ]);
    expect(problems({ duration: '5s', faults: [{ type: 'kill-service', service: 'a', at: '10m' }] })).toEqual([
      { path: 'faults.0.at', message: 'starts at 10m 00s, when the run is over (duration 5.00 s)' },
    ]);
  });

  it('checks times against the end of the run only when the file sets the run\'s duration', () => {
    // A host that runs the file for longer (the CLI's --duration 20m) lets these through and
    // checks them against its own duration.
    const late = { ...base, duration: '5s', warmup: '10s', faults: [{ type: 'kill-service', service: 'a', at: '10m' }] };
    expect(validateScenario(late).ok).toBe(false);
    expect(validateScenario(late, { durationMs: 20 * 60_000 }).ok).toBe(true);
  });

  it('refuses a certificate signed by an unknown CA, naming the meshes\' CAs', () => {
    const meshes = [{ name: 'retail' }, { name: 'payments', ca: { name: 'pay-root' } }];
    expect(problems({ meshes, services: [{ name: 'a', sidecar: true, serviceTime: '1ms', certificate: { ca: 'nope-ca' } }] })).toEqual([
      { path: 'services.0.certificate.ca', message: 'unknown CA "nope-ca" (CAs: retail-ca, pay-root)' },
    ]);
    expect(problems({ meshes, services: [{ name: 'a', sidecar: true, serviceTime: '1ms', certificate: { ca: 'pay-root', trust: ['retail-ca', 'pay-root'] } }] })).toEqual([]);
  });

  it('refuses trusting an unknown CA; without meshes the only CA is the implicit "mesh-ca"', () => {
    expect(problems({ services: [{ name: 'a', sidecar: true, serviceTime: '1ms', certificate: { trust: ['mesh-ca', 'ghost-ca'] } }] })).toEqual([
      { path: 'services.0.certificate.trust.1', message: 'unknown CA "ghost-ca" (CAs: mesh-ca)' },
    ]);
    expect(problems({ clients: [{ name: 'c', type: 'open', rate: 10, target: 'a', sidecar: true, certificate: { ca: 'ghost-ca' } }] })).toEqual([
      { path: 'clients.0.certificate.ca', message: 'unknown CA "ghost-ca" (CAs: mesh-ca)' },
    ]);
  });

  it('refuses L7 policies on a TCP service, one problem per field, and accepts its L4 ones', () => {
    const tcp = (policy: Record<string, unknown>) => problems({ services: [{ name: 'a', sidecar: true, protocol: 'tcp', serviceTime: '1ms', policy }] });
    const why = 'L7 policies do not apply to a TCP service ("a" has "protocol": "tcp"); only circuitBreaker, connectTimeout, maxConnectionDuration and loadBalancer do';
    expect(tcp({ timeout: '1s', retries: { attempts: 3 }, fault: { abort: { percent: 5 } }, outlierDetection: {} })).toEqual(
      ['timeout', 'retries', 'outlierDetection', 'fault'].map((f) => ({ path: `services.0.policy.${f}`, message: why })),
    );
    expect(tcp({ circuitBreaker: { maxConnections: 10 }, connectTimeout: '1s', loadBalancer: 'random' })).toEqual([]);
  });

  it('refuses L7 policies on a call or a client route to a TCP service', () => {
    const services = [
      { name: 'a', sidecar: true, serviceTime: '1ms', calls: [{ service: 'db', policy: { retries: { attempts: 1 }, connectTimeout: '1s' } }] },
      { name: 'db', sidecar: { mode: 'L4' }, protocol: 'tcp', serviceTime: '1ms' },
    ];
    const clients = [{ name: 'c', type: 'open', rate: 10, target: 'db', sidecar: true, policy: { timeout: '1s' } }];
    const why = 'L7 policies do not apply to a TCP service ("db" has "protocol": "tcp"); only circuitBreaker, connectTimeout, maxConnectionDuration and loadBalancer do';
    expect(problems({ services, clients })).toEqual([
      { path: 'services.0.calls.0.policy.retries', message: why },
      { path: 'clients.0.policy.timeout', message: why },
    ]);
  });

  it('refuses a run that would send more than 50 million requests', () => {
    const p = problems({ duration: '1000h', clients: [{ name: 'c', type: 'open', rate: 1000, target: 'a' }] });
    expect(p).toHaveLength(1);
    expect(p[0].path).toBe('clients');
    expect(p[0].message).toMatch(/^would send about 3,600,000,000 requests over the duration, more than 50,000,000/);
  });

  it('says bounds in words, and an empty list without "got an array"', () => {
    expect(problems({ faults: [{ type: 'http-abort', service: 'a', percent: 5, status: 200 }] })).toEqual([
      { path: 'faults.0.status', message: 'must be an HTTP error status from 400 to 599, got 200' },
    ]);
    expect(problems({ services: [] })).toContainEqual({ path: 'services', message: 'needs at least one service' });
  });
});
