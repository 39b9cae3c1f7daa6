// Trial N14, 1: a certificate expired on the bridge of two-meshes-via-gateway failed nothing,
// because TLS checks a certificate only at the handshake and every connection was already open.
// The link view counts both sides of that: the connections opened before the expiry still in use,
// and the new handshakes that failed since; a config change closing connections after 1 s (the
// lever the fault's note names) turns the first into the second.
import { describe, expect, it } from 'vitest';
import { runBridgeExpiry } from './bridgeExpiry';
import { expiryText } from '../../src/ui/inspector/identityText';

const runTo = runBridgeExpiry;

describe('what an expired certificate does on a link, counted (trial N14, 1)', () => {
  it('before the expiry the link view has no expiry figures', () => {
    const { host, edge } = runTo(8_000);
    expect(host.inspectEdge(edge('payments-bridge', 'ledger'))!.expiry).toBeUndefined();
  });

  it("the bridge's connections opened before 9 s carry every request after it: no request fails, whatever handshakes fail are retried", () => {
    const { host, edge } = runTo(15_000);
    for (const [from, to] of [['checkout', 'payments-bridge'], ['payments-bridge', 'ledger']] as const) {
      const e = host.inspectEdge(edge(from, to))!;
      expect(e.failed, `${from}->${to}`).toBe(0);
      expect(e.expiry!.expiredAtMs, `${from}->${to}`).toBe(9_000);
      expect(e.expiry!.openBefore, `${from}->${to}`).toBeGreaterThan(0);
      // Every connect that failed on the link failed on the expired certificate.
      expect(e.expiry!.failedHandshakes, `${from}->${to}`).toBe(e.connections.failed);
    }
    // Each side opened 2 more connections (the pools grew with the load): both handshakes failed, and
    // their requests were retried on connections already open (Istio's connect-failure retry).
    const inbound = host.inspectEdge(edge('checkout', 'payments-bridge'))!.expiry!;
    const outbound = host.inspectEdge(edge('payments-bridge', 'ledger'))!.expiry!;
    expect([inbound.failedHandshakes, outbound.failedHandshakes]).toEqual([2, 2]);
    expect(inbound.firstFailedAtMs).toBeCloseTo(9_251.4, 1);
    expect(outbound.firstFailedAtMs).toBeCloseTo(11_791.6, 1);
    expect(expiryText(outbound)).toBe(`${outbound.openBefore} connections opened before the expiry still in use; 2 new handshakes failed since, the first at 11.8 s (tls-expired-cert)`);
  });

  it('half a second after the expiry (trial N14, shot 37) the bridge-to-ledger link says why nothing failed', () => {
    const { host, edge } = runTo(9_500);
    const e = host.inspectEdge(edge('payments-bridge', 'ledger'))!.expiry!;
    expect(e).toMatchObject({ expiredAtMs: 9_000, failedHandshakes: 0, firstFailedAtMs: null });
    expect(e.openBefore).toBeGreaterThan(0);
    expect(expiryText(e)).toBe(
      `${e.openBefore} connections opened before the expiry still in use; 0 new handshakes failed since. TLS checks a certificate only at the handshake: nothing fails until those connections close (idle timeout, maxConnectionDuration, a drain, a restart)`,
    );
  });

  it("ledger's maxConnectionDuration set to 1 s at 10 s closes those connections, and the bridge's new handshakes fail tls-expired-cert", () => {
    const { host, edge } = runTo(15_000, [{ type: 'policy', service: 'ledger', at: '10s', policy: { maxConnectionDuration: '1s' } }]);
    const e = host.inspectEdge(edge('payments-bridge', 'ledger'))!;
    expect(e.expiry!.openBefore).toBe(0);
    expect(e.expiry!.failedHandshakes).toBe(e.connections.failed);
    expect(e.expiry!.failedHandshakes).toBeGreaterThan(100);
    expect(e.expiry!.firstFailedAtMs).toBeGreaterThanOrEqual(10_000);
    expect(e.expiry!.firstFailedAtMs).toBeLessThan(11_500);
    expect(e.failedHere['tls-expired-cert']).toBeGreaterThan(0);
    expect(expiryText(e.expiry!)).toMatch(/^0 connections opened before the expiry still in use; [\d,]+ new handshakes failed since, the first at 1[01]\.\d s \(tls-expired-cert\)$/);
  });
});
