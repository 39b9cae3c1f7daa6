import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { certLifeParts, identityLines, trustText } from '../../src/ui/inspector/identityText';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8');

/** A host with a scenario loaded and run to `ms`, and a node's id by name. */
function runTo(name: string, ms: number) {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  const r = host.load(text(name));
  if (!r.ok) throw new Error(`${name} did not load`);
  host.advance(ms, 1e9);
  const id = (n: string) => r.info.topology.nodes.find((x) => x.name === n)!.id;
  return { host, id };
}

describe("a gateway's identities in the inspector (DOMAIN idea 4, trial N6 F10)", () => {
  it('the bridge in two-meshes-via-gateway holds a retail identity inbound and a payments one outbound', () => {
    const { host, id } = runTo('two-meshes-via-gateway.json', 15_000);
    const n = host.inspectNode(id('payments-bridge'))!;
    expect(n.identities).toEqual([
      // Each from its own mesh's CA with the default 24 h TTL, renewed at half of it (models/build.ts buildGatewayProxy).
      { mesh: 'retail', ca: 'retail-ca', uses: ['inbound'], expiresAtMs: 86_400_000, renewsAtMs: 43_200_000, failedRenewals: 0, expired: false, lastExpiry: null, renewedAtMs: null, trusts: ['retail-ca'] },
      { mesh: 'payments', ca: 'payments-ca', uses: ['outbound'], expiresAtMs: 86_400_000, renewsAtMs: 43_200_000, failedRenewals: 0, expired: false, lastExpiry: null, renewedAtMs: null, trusts: ['payments-ca'] },
    ]);
    const lines = identityLines(n.identities!, n.simTime, n.upstreams.map((u) => u.callee)).map((l) => l.text);
    expect(lines).toEqual([
      "retail identity: signed by retail's CA, 24.0 h left, renews at 12.0 h · ends its callers' mutual TLS",
      "payments identity: signed by payments' CA, 24.0 h left, renews at 12.0 h · starts mutual TLS to ledger",
    ]);
    // A sidecar in either mesh has no such list; its certificate is in its replica row, with an expiry.
    const checkout = host.inspectNode(id('checkout'))!;
    expect(checkout.identities).toBeUndefined();
    expect(checkout.replicas[0].proxy!.certificate!.ca).toBe('retail-ca');
    expect(checkout.replicas[0].proxy!.certificate!.expiresAtMs).toBeGreaterThan(15_000);
  });

  it('a gateway in one mesh holds one identity for both sides', () => {
    const { host, id } = runTo('gateway-and-mesh.json', 2_000);
    const gw = JSON.parse(text('gateway-and-mesh.json')).gateways[0].name as string;
    const ids = host.inspectNode(id(gw))!.identities!;
    expect(ids).toHaveLength(1);
    expect(ids[0].uses).toEqual(['inbound', 'outbound']);
  });

  it('a certificate reads as time left and when it renews; an expired one as when it expired and how its renewal fails', () => {
    const base = { mesh: 'retail', ca: 'retail-ca', uses: ['inbound' as const], trusts: ['retail-ca'], lastExpiry: null, renewedAtMs: null };
    const [left, gone, once] = identityLines(
      [
        { ...base, expiresAtMs: 86_400_000, renewsAtMs: 43_200_000, failedRenewals: 0, expired: false },
        { ...base, mesh: 'payments', ca: 'payments-ca', expiresAtMs: 10_000, renewsAtMs: 30_000, failedRenewals: 3, expired: true },
        { ...base, expiresAtMs: 20_000, renewsAtMs: 20_000, failedRenewals: 1, expired: false },
      ],
      15_000,
    );
    expect(left.text).toBe("retail identity: signed by retail's CA, 24.0 h left, renews at 12.0 h · ends its callers' mutual TLS");
    expect(gone.text).toBe("payments identity: signed by payments' CA, expired at 10.0 s, renewal failing (3 tries), next at 30.0 s · ends its callers' mutual TLS");
    expect(once.text).toBe("retail identity: signed by retail's CA, 5.0 s left, renewal failing (1 try), next at 20.0 s · ends its callers' mutual TLS");
    expect(left.title).toContain('Signed by retail-ca');
    expect(left.title).toContain("retail's control plane asks the CA to renew it at 12.0 h");
    expect(gone.title).toContain('tls-expired-cert');
  });

  it("a bridge whose payments CA is out past its certificate's lifetime shows that identity expired and its renewal failing; retail's still valid", () => {
    // two-meshes-via-gateway with payments' certificates living 20 s, and its CA out from 5 s to 45 s.
    const s = JSON.parse(text('two-meshes-via-gateway.json'));
    s.meshes[1].ca = { ttl: '20s' };
    s.faults = [{ type: 'ca-outage', mesh: 'payments', at: '5s', for: '40s' }];
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    const r = host.load(JSON.stringify(s));
    if (!r.ok) throw new Error('did not load');
    host.advance(25_000, 1e9);
    const n = host.inspectNode(r.info.topology.nodes.find((x) => x.name === 'payments-bridge')!.id)!;
    expect(n.identities!.map((i) => [i.mesh, i.expiresAtMs, i.expired, i.renewsAtMs, i.failedRenewals])).toEqual([
      ['retail', 86_400_000, false, 43_200_000, 0],
      // Tried at 10 s and 20 s, the next at 30 s.
      ['payments', 20_000, true, 30_000, 2],
    ]);
    // Its link to the ledger: the CAs agree, but with payments' CA out the bridge's certificate and the ledger's sidecar's have both expired.
    const toLedger = host.inspectEdge(n.upstreams[0].edge)!;
    expect(toLedger.trust).toMatchObject({ callerExpiredAtMs: 20_000, calleeExpiredAtMs: 20_000 });
    expect(trustText(toLedger.from, toLedger.to, toLedger.trust!)).toBe("both certificates signed by payments-ca, which both sides trust; ledger's and payments-bridge's expired at 20.0 s, so new handshakes fail (tls-expired-cert)");
    const same = { callerCa: 'payments-ca', callerTrusts: ['payments-ca'], calleeCa: 'payments-ca', calleeTrusts: ['payments-ca'] };
    expect(trustText('payments-bridge', 'ledger', { ...same, callerExpiredAtMs: 20_000, calleeExpiredAtMs: null })).toBe(
      "both certificates signed by payments-ca, which both sides trust; payments-bridge's expired at 20.0 s, so new handshakes fail (tls-expired-cert)",
    );
    const intoBridge = host.inspectEdge(n.callers[0].edge)!;
    expect(trustText(intoBridge.from, intoBridge.to, intoBridge.trust!)).toBe('both certificates signed by retail-ca, which both sides trust');
  });
});

describe('a certificate that expired and renewed says so (session 38 N8: after expire-certificates nothing said it had)', () => {
  /** A host with `name` loaded (its JSON changed by `edit`), run to each of `stops` in turn. */
  function hostOf(name: string, edit: (s: Record<string, unknown>) => void = () => {}) {
    const s = JSON.parse(text(name));
    edit(s);
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    const r = host.load(JSON.stringify(s));
    if (!r.ok) throw new Error(`${name} did not load: ${JSON.stringify(r)}`);
    const id = (n: string) => r.info.topology.nodes.find((x) => x.name === n)!.id;
    const to = (ms: number) => host.advance(ms - host.inspectNode(id(n0))!.simTime, 1e9);
    const n0 = r.info.topology.nodes[0].name;
    return { host, id, to };
  }
  const parts = (c: Parameters<typeof certLifeParts>[0], now: number) => Object.values(certLifeParts(c, now)).filter((x) => x !== null);

  it("two-meshes-cert-expiry: the bridge's payments identity expires at 20 s, fails to renew until 25 s, then reads 'expired at 20.0 s, renewed at 25.0 s'; the ledger's sidecar renews on time", () => {
    const { host, id, to } = hostOf('two-meshes-cert-expiry.json');
    to(15_000);
    const ledger = host.inspectNode(id('ledger'))!;
    // Renewed at 10 s (half its 20 s): valid to 30 s, the next renewal at 20 s.
    expect(parts(ledger.replicas[0].proxy!.certificate!, ledger.simTime)).toEqual(['15.0 s left', 'renews at 20.0 s']);
    to(22_000);
    let bridge = host.inspectNode(id('payments-bridge'))!;
    expect(identityLines(bridge.identities!, bridge.simTime, ['ledger'])[1].text).toBe(
      "payments identity: signed by payments' CA, expired at 20.0 s, renewal failing (3 tries), next at 25.0 s · starts mutual TLS to ledger",
    );
    to(30_000);
    bridge = host.inspectNode(id('payments-bridge'))!;
    expect(identityLines(bridge.identities!, bridge.simTime, ['ledger'])[1].text).toBe(
      "payments identity: signed by payments' CA, 15.0 s left, renews at 35.0 s; expired at 20.0 s, renewed at 25.0 s · starts mutual TLS to ledger",
    );
  });

  it("expire-certificates on a sidecar's service and on the bridge (a gateway): 'expired at 5.0 s by a fault', then 'renewed at 15.0 s' (the CA's retry interval) beside its new life", () => {
    const { host, id, to } = hostOf('two-meshes-via-gateway.json', (s) => {
      s.faults = [
        { type: 'expire-certificates', service: 'checkout', at: '5s' },
        { type: 'expire-certificates', service: 'payments-bridge', at: '5s' },
      ];
    });
    to(10_000);
    const cell = () => {
      const n = host.inspectNode(id('checkout'))!;
      return parts(n.replicas[0].proxy!.certificate!, n.simTime);
    };
    expect(cell()).toEqual(['expired at 5.0 s by a fault', 'renews at 15.0 s']);
    let bridge = host.inspectNode(id('payments-bridge'))!;
    expect(identityLines(bridge.identities!, bridge.simTime).map((l) => l.text.split(' · ')[0])).toEqual([
      "retail identity: signed by retail's CA, expired at 5.0 s by a fault, renews at 15.0 s",
      "payments identity: signed by payments' CA, expired at 5.0 s by a fault, renews at 15.0 s",
    ]);
    to(20_000);
    expect(cell()).toEqual(['24.0 h left', 'renews at 12.0 h', 'expired at 5.0 s by a fault, renewed at 15.0 s']);
    bridge = host.inspectNode(id('payments-bridge'))!;
    expect(identityLines(bridge.identities!, bridge.simTime)[0].text.split(' · ')[0]).toBe(
      "retail identity: signed by retail's CA, 24.0 h left, renews at 12.0 h; expired at 5.0 s by a fault, renewed at 15.0 s",
    );
    // The storefront's sidecar, which no fault named, never expired.
    const front = host.inspectNode(id('storefront'))!;
    expect(parts(front.replicas[0].proxy!.certificate!, front.simTime)).toEqual(['24.0 h left', 'renews at 12.0 h']);
  });
});

describe("a mutual-TLS link's certificates in the inspector", () => {
  it('two-meshes-direct: checkout trusts retail-ca only, the ledger presents payments-ca', () => {
    const { host, id } = runTo('two-meshes-direct.json', 5_000);
    const info = host.inspectNode(id('checkout'))!;
    const edge = info.upstreams.find((u) => u.callee === 'ledger')!.edge;
    const e = host.inspectEdge(edge)!;
    expect(e.trust).toEqual({ callerCa: 'retail-ca', callerTrusts: ['retail-ca'], calleeCa: 'payments-ca', calleeTrusts: ['payments-ca'], callerExpiredAtMs: null, calleeExpiredAtMs: null });
    expect(trustText(e.from, e.to, e.trust!)).toBe("checkout's proxy trusts retail-ca only; ledger's certificate is signed by payments-ca, so the handshake fails (tls-unknown-ca)");
  });

  it('two-meshes-via-gateway: each hop is signed by a CA its peer trusts', () => {
    const { host, id } = runTo('two-meshes-via-gateway.json', 5_000);
    const bridge = host.inspectNode(id('payments-bridge'))!;
    const intoBridge = host.inspectEdge(bridge.callers[0].edge)!;
    const toLedger = host.inspectEdge(bridge.upstreams[0].edge)!;
    expect(trustText(intoBridge.from, intoBridge.to, intoBridge.trust!)).toBe('both certificates signed by retail-ca, which both sides trust');
    expect(trustText(toLedger.from, toLedger.to, toLedger.trust!)).toBe('both certificates signed by payments-ca, which both sides trust');
  });
});
