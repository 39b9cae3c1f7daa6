import { describe, expect, it } from 'vitest';
import { Cause } from '../../../src/models/events';
import { compilePolicy } from '../../../src/models/proxy/policy';
import { retriable } from '../../../src/models/envoy/retryState';
import { scenario } from '../helpers';

/** The compiled policy a meshed (Istio) caller applies to a service with `policy`. */
function meshPolicy(policy?: unknown) {
  const s = scenario({ name: 'p', clients: [{ name: 'c', type: 'open', rate: 1, target: 'svc' }], services: [{ name: 'svc', serviceTime: '1ms', policy }] });
  return compilePolicy(s.services[0], undefined, true, true);
}

const retries = (retryOn: string[]) => meshPolicy({ retries: { attempts: 2, retryOn } });
/** Would `p` retry this failure? local: the router saw it itself (connect, reset, its own timeout). */
const retries_ = (p: ReturnType<typeof meshPolicy>, cause: string, status: number, local: boolean) => retriable(p.retryOn, p.retriableStatus, cause, status, local);

describe("Envoy's retry conditions", () => {
  it("Istio's default retries a refused connection and a 503, but not a reset mid-request, a per-try timeout or a 500", () => {
    const p = meshPolicy();
    expect(p.retries).toBe(2);
    expect(retries_(p, Cause.connectRefused, 503, true)).toBe(true);
    expect(retries_(p, Cause.connectTimeout, 503, true)).toBe(true);
    expect(retries_(p, Cause.tlsExpiredCert, 503, true)).toBe(true);
    expect(retries_(p, Cause.http5xx, 503, false)).toBe(true);
    expect(retries_(p, Cause.reset, 503, true)).toBe(false);
    expect(retries_(p, Cause.timeout, 504, true)).toBe(false);
    expect(retries_(p, Cause.http5xx, 500, false)).toBe(false);
  });

  it('reset, 5xx and gateway-error each retry a reset, a per-try timeout and a connect failure', () => {
    for (const on of ['reset', '5xx', 'gateway-error']) {
      const p = retries([on]);
      expect([retries_(p, Cause.reset, 503, true), retries_(p, Cause.timeout, 504, true), retries_(p, Cause.connectRefused, 503, true)]).toEqual([true, true, true]);
    }
  });

  it('connect-failure retries only connection failures, never a reset of a request already sent', () => {
    const p = retries(['connect-failure']);
    expect(retries_(p, Cause.connectTimeout, 503, true)).toBe(true);
    expect(retries_(p, Cause.reset, 503, true)).toBe(false);
    expect(retries_(p, Cause.http5xx, 503, false)).toBe(false);
  });

  it('an answer from upstream is judged by its status: 5xx takes any 5xx, gateway-error 502-504 only', () => {
    const fiveXx = retries(['5xx']);
    const gateway = retries(['gateway-error']);
    expect([500, 502, 503, 504].map((s) => retries_(fiveXx, Cause.http5xx, s, false))).toEqual([true, true, true, true]);
    expect([500, 502, 503, 504].map((s) => retries_(gateway, Cause.http5xx, s, false))).toEqual([false, true, true, true]);
    // A timeout further down arrives as a 504 answer, not as this router's own timeout.
    expect(retries_(retries(['reset']), Cause.timeout, 504, false)).toBe(false);
  });

  it('never retries a local overflow or a cluster with no healthy host', () => {
    const p = retries(['5xx', 'gateway-error', 'reset', 'connect-failure']);
    expect(retries_(p, Cause.overflow, 503, true)).toBe(false);
    expect(retries_(p, Cause.noHealthyUpstream, 503, true)).toBe(false);
  });
});
