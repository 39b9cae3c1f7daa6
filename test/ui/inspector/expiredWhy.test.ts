// Trial T2, item 3: a failed request's why names whose certificate had expired, which proxy refused it, and the
// person's expire-certificates fault (an instant fault: it ends where it starts, its expiry lasting to the renewal).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tracer, World } from '../../../src/models';
import { parseScenarioText } from '../../../src/scenario';
import { expiredCertWhy } from '../../../src/ui/inspector/expiredWhy';
import { failureOrigin, requestWhy } from '../../../src/ui/inspector/why';
import { faultStatuses } from '../../../src/workers/recipe';
import type { FaultStatus, Span, Trace } from '../../../src/workers/protocol';

/** two-meshes-via-gateway with the person's expiry on the bridge at 10 s and ledger closing connections after 1 s, run to 20 s. */
function bridgeExpired() {
  const raw = JSON.parse(readFileSync(new URL('../../../scenarios/two-meshes-via-gateway.json', import.meta.url), 'utf8')) as Record<string, any>;
  const ledger = raw.services.find((s: { name: string }) => s.name === 'ledger');
  ledger.policy = { ...(ledger.policy ?? {}), maxConnectionDuration: '1s' };
  raw.faults = [{ type: 'expire-certificates', service: 'payments-bridge', at: '10s' }];
  const r = parseScenarioText(JSON.stringify(raw));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const world = new World(r.scenario, r.scenario.seed);
  world.tracer = new Tracer(world, { sampleEvery: 20, maxSampled: 200, maxFailed: 200, maxRecording: 500 });
  world.start();
  world.runUntil(20_000);
  // own = 0: the expiry reads as the person's injection, as the recipe's inject action makes it.
  return { world, faults: faultStatuses(world, raw, [], 0, 0) };
}

// As the topology has them: a bridge's mesh is 'from->to'.
const meshOf = (n: string) => ({ storefront: 'retail', checkout: 'retail', ledger: 'payments', 'payments-bridge': 'retail->payments' })[n] ?? null;
const isGateway = (n: string) => n === 'payments-bridge';

describe('why a request failed an expired certificate (trial T2, item 3)', () => {
  it("two-meshes-via-gateway, the person's expiry on the bridge at 10 s: the bridge's payments certificate, ledger's sidecar refusing it, the fault and its moment", () => {
    const { world, faults } = bridgeExpired();
    const failed = world.tracer!.list(true, 5);
    expect(failed.length).toBeGreaterThan(0);
    const trace = world.tracer!.get(failed[0].id)!;
    expect(failureOrigin(trace)!.cause).toBe('tls-expired-cert');
    const why = requestWhy(trace, faults, meshOf, isGateway)!;
    expect(why).toMatch(/^Failed at payments-bridge → ledger-\d: payments-bridge's payments certificate had expired \(your fault: expire certificates on payments-bridge at 10\.0 s\), so ledger-\d's sidecar refused the mutual-TLS handshake/);
    // Said once: not again as a fault "on there then".
    expect(why.match(/expire certificates/g)!.length).toBe(1);
  });

  // A hand-made origin on the link a -> b (b's replica b-0) failing tls-expired-cert at 12 s.
  const span = { id: 1, parent: 0, role: 'try', service: 'a', start: 12_000, end: 12_010, error: true, attrs: {} } as unknown as Span;
  const origin = { span, where: 'a → b-0', node: 'b', host: 'b-0', link: 'a->b', cause: 'tls-expired-cert', times: 1 };
  const expiry = (f: Partial<FaultStatus>): FaultStatus => ({ id: 0, type: 'expire-certificates', target: 'a', amount: '', startMs: 10_000, endMs: 10_000, untilMs: null, pending: false, owner: 'yours', ...f });
  const facts = (n: string) => ({ mesh: 'shop', gateway: n === 'gw' });

  it("the callee's certificate: the caller's proxy refused it; a gateway caller said as the gateway", () => {
    expect(expiredCertWhy(origin, [expiry({ target: 'b', owner: 'scenario' })], facts)!.words).toBe(
      "b-0's shop certificate had expired (the scenario's fault: expire certificates on b at 10.0 s), so a's sidecar refused the mutual-TLS handshake",
    );
    const viaGw = { ...origin, link: 'gw->b', where: 'gw → b-0' };
    expect(expiredCertWhy(viaGw, [expiry({ target: 'b' })], facts)!.words).toContain('so the gateway gw refused');
  });

  it("a mesh-wide expiry names the mesh's CA and both ends, not one", () => {
    expect(expiredCertWhy(origin, [expiry({ target: 'shop' })], facts)!.words).toBe(
      "certificates from shop's CA had expired (your fault: expire certificates on shop at 10.0 s): a's sidecar or b-0's sidecar refused the other's in the mutual-TLS handshake",
    );
  });

  it('no match: another cause, a fault to come or started after the handshake, or a fault on neither end', () => {
    expect(expiredCertWhy({ ...origin, cause: 'tls-unknown-ca' }, [expiry({})], facts)).toBeNull();
    expect(expiredCertWhy(origin, [expiry({ pending: true })], facts)).toBeNull();
    expect(expiredCertWhy(origin, [expiry({ startMs: 13_000, endMs: 13_000 })], facts)).toBeNull();
    expect(expiredCertWhy(origin, [expiry({ target: 'c' })], facts)).toBeNull();
    const trace = { id: 1, client: 'u', fate: 'tls-expired-cert', status: 503, spans: [] } as unknown as Trace;
    expect(requestWhy(trace, [expiry({})])).toBeNull();
  });
  it("a bridge's expiry scoped to one mesh is named only for a link where the bridge shows that mesh's certificate (G3, 2)", () => {
    // br bridges retail -> payments: it shows callers coming in its retail certificate, ledger its payments one.
    const bridgeFacts = (n: string) => ({ mesh: n === 'br' ? 'retail->payments' : n === 'ledger' ? 'payments' : 'retail', gateway: n === 'br' });
    const out = { ...origin, where: 'br → ledger-0', node: 'ledger', host: 'ledger-0', link: 'br->ledger' };
    const into = { ...origin, where: 'checkout → br-1', node: 'br', host: 'br-1', link: 'checkout->br' };
    const retail = expiry({ target: 'br', mesh: 'retail' });
    const payments = expiry({ target: 'br', mesh: 'payments' });
    expect(expiredCertWhy(out, [retail], bridgeFacts)).toBeNull();
    expect(expiredCertWhy(out, [payments], bridgeFacts)!.words).toBe(
      "br's payments certificate had expired (your fault: expire certificates on br at 10.0 s), so ledger-0's sidecar refused the mutual-TLS handshake",
    );
    expect(expiredCertWhy(into, [payments], bridgeFacts)).toBeNull();
    // Coming in, its retail one (not 'retail->payments'), refused by checkout's sidecar.
    expect(expiredCertWhy(into, [retail], bridgeFacts)!.words).toBe(
      "br-1's retail certificate had expired (your fault: expire certificates on br at 10.0 s), so checkout's sidecar refused the mutual-TLS handshake",
    );
    // Both listed: each link names its own.
    expect(expiredCertWhy(out, [retail, payments], bridgeFacts)!.fault).toBe(payments);
    expect(expiredCertWhy(into, [payments, retail], bridgeFacts)!.fault).toBe(retail);
    // A mesh alone: payments' CA signed the bridge's certificate towards ledger and ledger's own, retail's the bridge's
    // coming in and checkout's: both ends of the link each signed.
    expect(expiredCertWhy(out, [expiry({ target: 'payments' })], bridgeFacts)!.words).toMatch(/^certificates from payments' CA had expired .*: the gateway br or ledger-0's sidecar refused the other's/);
    expect(expiredCertWhy(out, [expiry({ target: 'retail' })], bridgeFacts)).toBeNull();
    expect(expiredCertWhy(into, [expiry({ target: 'retail' })], bridgeFacts)!.words).toMatch(/^certificates from retail's CA had expired .*: checkout's sidecar or the gateway br refused the other's/);
    expect(expiredCertWhy(into, [expiry({ target: 'payments' })], bridgeFacts)).toBeNull();
  });
});
