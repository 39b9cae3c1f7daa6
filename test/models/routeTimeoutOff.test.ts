import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { compilePolicy } from '../../src/models/proxy/policy';
import { scenario } from './helpers';

/*
 * A route `timeout` of 0 turns the route timeout off, as Envoy's route `timeout: 0s` and Istio's
 * VirtualService `timeout: 0s` do: at a gateway (whose Envoy otherwise stops at 15 s) and at a
 * sidecar (over the callee's own policy timeout) alike.
 */

/** A gateway in front of a service whose every answer takes 20 s, one request a second for 60 s. */
const slowBehindGateway = (policy?: Record<string, unknown>) =>
  scenario({
    name: 'slow-gw',
    duration: '60s',
    clients: [{ name: 'users', type: 'open', arrival: 'constant', rate: 1, target: 'api' }],
    gateways: [{ name: 'api', routes: [{ service: 'report', ...(policy ? { policy } : {}) }] }],
    services: [{ name: 'report', serviceTime: '20s', concurrency: 100 }],
  });

/** Meshed a calls meshed b, whose answers take 3 s and whose own policy times out at 1 s. */
const meshedSlowCallee = (callPolicy?: Record<string, unknown>) =>
  scenario({
    name: 'slow-mesh',
    duration: '30s',
    clients: [{ name: 'users', type: 'open', arrival: 'constant', rate: 1, target: 'a' }],
    services: [
      { name: 'a', sidecar: true, serviceTime: '1ms', concurrency: 100, calls: [{ service: 'b', ...(callPolicy ? { policy: callPolicy } : {}) }] },
      { name: 'b', sidecar: true, serviceTime: '3s', concurrency: 100, policy: { timeout: '1s', retries: { attempts: 0 } } },
    ],
  });

describe('route timeout 0 is no timeout', () => {
  it("compiles timeout 0 to none at a gateway (not Envoy's 15 s) and at a sidecar (not the callee's 1 s)", () => {
    const gw = slowBehindGateway({ timeout: 0 });
    expect(compilePolicy(gw.services[0], gw.gateways[0].routes[0].policy, true, true, false).timeout).toBe(Infinity);
    expect(compilePolicy(gw.services[0], undefined, true, true, false).timeout).toBe(15_000);
    const mesh = meshedSlowCallee({ timeout: '0s' });
    expect(compilePolicy(mesh.services[1], mesh.services[0].calls[0].policy, true, true, true).timeout).toBe(Infinity);
    expect(compilePolicy(mesh.services[1], undefined, true, true, true).timeout).toBe(1_000);
  });

  it("a gateway route with timeout 0 lets 20 s answers through: 40 of 60 end ok where Envoy's 15 s default fails 45 with 504", () => {
    const before = runScenario(slowBehindGateway()).summary;
    expect(before.requests).toEqual({ sent: 60, ok: 0, failed: 45, inFlight: 15 });
    expect(before.httpErrors).toEqual({ 504: 45 });
    const off = runScenario(slowBehindGateway({ timeout: '0s' })).summary;
    expect(off.requests).toEqual({ sent: 60, ok: 40, failed: 0, inFlight: 20 });
    expect(off.latencyMs?.p50).toBeCloseTo(20_000, -1);
  });

  it("a call's timeout 0 overrides its callee's 1 s timeout: 3 s answers end ok (27 of 30) where the callee's timeout failed 29 at 1 s", () => {
    const before = runScenario(meshedSlowCallee()).summary;
    expect(before.requests).toEqual({ sent: 30, ok: 0, failed: 29, inFlight: 1 });
    expect(before.httpErrors).toEqual({ 504: 29 });
    const off = runScenario(meshedSlowCallee({ timeout: 0 })).summary;
    expect(off.requests).toEqual({ sent: 30, ok: 27, failed: 0, inFlight: 3 });
  });
});
