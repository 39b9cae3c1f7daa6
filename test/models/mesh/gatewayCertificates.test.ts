import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../../src/models';
import { scenario } from '../helpers';

/** Builds a world from an inline scenario and records every request's fate and send time. */
function world(input: unknown) {
  const s = scenario(input);
  const w = new World(s, s.seed);
  const ended: { cause: string; sentAt: number; at: number }[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => ended.push({ cause, sentAt: w.sim.now - latency, at: w.sim.now }) };
  return { w, ended };
}

const share = (xs: { cause: string }[], cause: string) => xs.filter((x) => x.cause === cause).length / xs.length;

/**
 * Retail's checkout calls payments' ledger through a bridge that ends retail's mutual TLS and
 * starts payments'. Payments' certificates live 20 s and renew at half of it (10 s); the
 * ledger recycles its connections every second, so each second needs new handshakes.
 */
const bridged = (faults: unknown[] = [], duration = '70s') => ({
  name: 'bridge-certificates',
  duration,
  network: { placement: {} },
  meshes: [{ name: 'retail' }, { name: 'payments', ca: { ttl: '20s', renewAt: 0.5, retryEvery: '10s' } }],
  clients: [{ name: 'shoppers', type: 'open', rate: 100, target: 'checkout' }],
  services: [
    { name: 'checkout', mesh: 'retail', sidecar: true, concurrency: 8, serviceTime: '2ms', calls: [{ service: 'bridge' }] },
    { name: 'ledger', mesh: 'payments', sidecar: true, mtls: 'STRICT', concurrency: 8, serviceTime: '3ms', policy: { maxConnectionDuration: '1s' } },
  ],
  gateways: [{ name: 'bridge', replicas: 2, mtls: 'STRICT', bridge: { from: 'retail', to: 'payments' }, routes: [{ service: 'ledger' }] }],
  faults,
});

/** The bridge's (first replica's) own proxy. */
const bridgeProxy = (w: World) => w.sidecarOfHost[w.serviceByName('bridge').hosts[0]]!;

describe("a gateway's own certificates expire and renew from their own CA, as a sidecar's", () => {
  it("renews its payments identity at the documented point (renewAt 0.5 of a 20 s TTL: 10 s), as the ledger's sidecar does", () => {
    const { w, ended } = world(bridged([], '25s'));
    const payments = w.meshNamed('payments');
    const retail = w.meshNamed('retail');
    const sc = bridgeProxy(w);
    const ledger = w.sidecarOfHost[w.serviceByName('ledger').hosts[0]]!;
    w.runUntil(9_999);
    expect(sc.clientIdentity!.ca).toBe('payments-ca');
    expect(sc.clientIdentity!.notAfter).toBe(20_000);
    expect(payments.credentialOf(sc)!.renewsAtMs).toBe(10_000);
    // Retail's identity, the one the bridge ends its callers' mutual TLS with, has retail's 24 h TTL.
    expect(sc.serverIdentity!.ca).toBe('retail-ca');
    expect(sc.serverIdentity!.notAfter).toBe(86_400_000);
    expect(retail.credentialOf(sc)!.renewsAtMs).toBe(43_200_000);
    w.runUntil(10_001);
    expect(sc.clientIdentity!.notAfter).toBe(30_000);
    expect(ledger.clientIdentity!.notAfter).toBe(30_000);
    expect(payments.credentialOf(sc)!.renewsAtMs).toBe(20_000);
    expect(sc.serverIdentity!.notAfter).toBe(86_400_000);
    w.runUntil(25_000);
    // Renewed at 10 s and 20 s: the bridge's two replicas' and the ledger's; nothing expired or failed.
    const s = summarize(w, 0).meshes.payments.certificates;
    expect(s).toEqual({ issued: 3, renewed: 6, renewalsFailed: 0, expired: 0 });
    expect(ended.every((e) => e.cause === 'ok')).toBe(true);
  });

  it("a bridge cut off from payments' control plane past its certificate's expiry fails the payments-side handshakes (tls-expired-cert, UF), not retail's", () => {
    // Cut off from 5 s to 45 s: the renewal due at 10 s fails, and those retried every 10 s until 40 s.
    const { w, ended } = world(bridged([{ type: 'partition', between: [['bridge'], ['control-plane:payments']], at: '5s', for: '40s' }]));
    w.runUntil(70_000);
    const s = summarize(w, 0);
    const pay = s.meshes.payments.certificates;
    // Both bridge replicas' payments identities, tried at 10, 20, 30 and 40 s each.
    expect(pay.expired).toBe(2);
    expect(pay.renewalsFailed).toBe(8);
    // Valid until 20 s; the connections open then live out their second.
    expect(ended.filter((e) => e.sentAt < 19_800).every((e) => e.cause === 'ok')).toBe(true);
    // Then every new handshake from the bridge to the ledger fails: the ledger sees an expired client certificate.
    const cutOff = ended.filter((e) => e.sentAt >= 21_100 && e.sentAt < 44_000);
    expect(cutOff.length).toBeGreaterThan(2000);
    expect(share(cutOff, 'tls-expired-cert')).toBe(1);
    const toLedger = s.edges['bridge->ledger'];
    expect(toLedger.failures['tls-expired-cert']).toBeGreaterThan(2000);
    expect(toLedger.responseFlags.UF).toBe(toLedger.failures['tls-expired-cert']);
    // Retail's side of the bridge, its other identity from the other CA, never fails.
    expect(s.edges['checkout->bridge'].failures['tls-expired-cert'] ?? 0).toBe(0);
    expect(s.meshes.retail.certificates.expired).toBe(0);
    // The partition heals at 45 s; the retry at 50 s renews it and traffic recovers.
    expect(pay.renewed).toBeGreaterThan(0);
    expect(share(ended.filter((e) => e.sentAt >= 51_100), 'ok')).toBe(1);
  });

  it("a payments CA outage past the bridge's certificate lifetime expires it the same way", () => {
    const { w, ended } = world(bridged([{ type: 'ca-outage', mesh: 'payments', at: '5s', for: '40s' }]));
    w.runUntil(70_000);
    const s = summarize(w, 0);
    // The bridge replicas' payments identities and the ledger's sidecar certificate all expire at 20 s.
    expect(s.meshes.payments.certificates.expired).toBe(3);
    expect(share(ended.filter((e) => e.sentAt >= 21_100 && e.sentAt < 44_000), 'tls-expired-cert')).toBe(1);
    expect(s.meshes.retail.certificates.expired).toBe(0);
  });

  it("expire-certificates on payments expires the bridge's payments identity with the ledger's, not its retail one; they renew after the CA's retry interval", () => {
    const { w, ended } = world(bridged([{ type: 'expire-certificates', mesh: 'payments', at: '5s' }], '30s'));
    const sc = bridgeProxy(w);
    w.runUntil(5_001);
    expect(sc.clientIdentity!.notAfter).toBe(5_000);
    expect(sc.serverIdentity!.notAfter).toBe(86_400_000);
    w.runUntil(30_000);
    const s = summarize(w, 0);
    // The ledger's sidecar and the bridge's two replicas; renewed 10 s later (retryEvery).
    expect(s.meshes.payments.certificates.expired).toBe(3);
    expect(s.meshes.payments.certificates.renewed).toBeGreaterThanOrEqual(3);
    expect(s.meshes.retail.certificates.expired).toBe(0);
    expect(share(ended.filter((e) => e.sentAt >= 6_100 && e.sentAt < 14_900), 'tls-expired-cert')).toBe(1);
    expect(share(ended.filter((e) => e.sentAt >= 16_100), 'ok')).toBe(1);
  });

  it("expire-certificates naming the bridge (a gateway, as its service) expires both its identities and nothing else's; each renews from its own CA", () => {
    const { w, ended } = world(bridged([{ type: 'expire-certificates', service: 'bridge', at: '5s' }], '30s'));
    const sc = bridgeProxy(w);
    const ledger = w.sidecarOfHost[w.serviceByName('ledger').hosts[0]]!;
    w.runUntil(5_001);
    expect(sc.clientIdentity!.notAfter).toBe(5_000);
    expect(sc.serverIdentity!.notAfter).toBe(5_000);
    expect(ledger.clientIdentity!.notAfter).toBe(20_000);
    w.runUntil(30_000);
    const s = summarize(w, 0);
    // The bridge's two replicas, one identity each from each CA; the ledger's and checkout's sidecars untouched.
    expect(s.meshes.payments.certificates.expired).toBe(2);
    expect(s.meshes.retail.certificates.expired).toBe(2);
    // Checkout's side fails first (the bridge presents an expired retail certificate), until both renew 10 s on.
    expect(ended.filter((e) => e.sentAt >= 6_100 && e.sentAt < 14_900).every((e) => e.cause === 'tls-expired-cert')).toBe(true);
    expect(share(ended.filter((e) => e.sentAt >= 16_100), 'ok')).toBe(1);
  });

  it('a gateway in one mesh holds one certificate for both sides, and it renews once at a time', () => {
    const { w } = world({
      name: 'edge-in-mesh',
      duration: '15s',
      meshes: [{ name: 'shop', ca: { ttl: '20s' } }],
      clients: [{ name: 'load', type: 'open', rate: 20, target: 'edge' }],
      services: [{ name: 'back', sidecar: true, mesh: 'shop', serviceTime: '1ms' }],
      gateways: [{ name: 'edge', replicas: 2, mesh: 'shop', routes: [{ service: 'back' }] }],
    });
    const sc = bridgeProxyOf(w, 'edge');
    expect(sc.clientIdentity).toBe(sc.serverIdentity);
    w.runUntil(15_000);
    expect(sc.clientIdentity!.notAfter).toBe(30_000);
    // back's sidecar and the edge's two replicas: one certificate each, renewed once at 10 s.
    expect(summarize(w, 0).meshes.shop.certificates).toEqual({ issued: 3, renewed: 3, renewalsFailed: 0, expired: 0 });
  });
});

function bridgeProxyOf(w: World, name: string) {
  return w.sidecarOfHost[w.serviceByName(name).hosts[0]]!;
}
