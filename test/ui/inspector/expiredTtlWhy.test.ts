// Session 52, F3 1: a certificate that runs out by itself (two-meshes-cert-expiry's TTL, no fault) is named from the
// failed TLS span (whose identity, which side presented it, which proxy refused it), as an injected expiry already was.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tracer, World } from '../../../src/models';
import { parseScenarioText } from '../../../src/scenario';
import { expiredCertSpan, expiredCertWhy } from '../../../src/ui/inspector/expiredWhy';
import { requestWhy } from '../../../src/ui/inspector/why';
import type { FaultStatus, Span } from '../../../src/workers/protocol';

const meshOf = (n: string) => ({ checkout: 'retail', ledger: 'payments', 'payments-bridge': 'retail->payments' })[n] ?? null;
const isGateway = (n: string) => n === 'payments-bridge';

describe('why a request failed a certificate that ran out by itself', () => {
  it("two-meshes-cert-expiry at 24 s: the bridge replica's payments certificate, expired at 20 s, not renewed; a ledger replica's sidecar refused it", () => {
    const r = parseScenarioText(readFileSync(new URL('../../../scenarios/two-meshes-cert-expiry.json', import.meta.url), 'utf8'));
    if (!r.ok) throw new Error('scenario refused');
    const world = new World(r.scenario, r.scenario.seed);
    world.tracer = new Tracer(world, { sampleEvery: 50, maxSampled: 50, maxFailed: 50, maxRecording: 500 });
    world.start();
    world.runUntil(24_000);
    const row = world.tracer!.list(true, 50).find((s) => s.cause === 'tls-expired-cert')!;
    // The scenario's own fault (a partition) is listed, as the app lists it; it is no expiry.
    const partition: FaultStatus = { id: 0, type: 'partition', target: 'payments-bridge | control-plane:payments', amount: '', startMs: 5_000, endMs: null, untilMs: 23_000, pending: false, owner: 'scenario' };
    const why = requestWhy(world.tracer!.get(row.id)!, [partition], meshOf, isGateway)!;
    expect(why).toMatch(
      /^Failed at payments-bridge → ledger-\d: payments-bridge-\d's payments certificate had expired at 20\.0 s \(not renewed before its TTL ran out\), so ledger-\d's sidecar refused the mutual-TLS handshake/,
    );
    expect(why).not.toContain('a certificate had expired');
  });

  // A hand-made failed TLS span on the link a -> b (b's replica b-0) at 12 s, and what it recorded.
  const tls = (attrs: Record<string, string | number>) =>
    ({ id: 2, parent: 1, role: 'tls', service: 'a', start: 12_000, end: 12_010, error: true, attrs: { 'meshsim.cause': 'tls-expired-cert', ...attrs } }) as unknown as Span;
  const server = { 'meshsim.tls.expired_cert.side': 'server', 'meshsim.tls.expired_cert.identity': 'b-0/sidecar', 'meshsim.tls.expired_cert.ca': 'shop-ca', 'meshsim.tls.expired_cert.not_after_ms': 11_000, 'meshsim.tls.expired_cert.host': 'b-0', 'meshsim.tls.refused_by': 'a-1' };
  const client = { ...server, 'meshsim.tls.expired_cert.side': 'client', 'meshsim.tls.expired_cert.identity': 'a-1/sidecar', 'meshsim.tls.expired_cert.host': 'a-1', 'meshsim.tls.refused_by': 'b-0' };
  const origin = (span: Span) => ({ span, where: 'a → b-0', node: 'b', host: 'b-0', link: 'a->b', cause: 'tls-expired-cert', times: 1 });
  const facts = () => ({ mesh: 'shop', gateway: false });
  const expiry = (f: Partial<FaultStatus>): FaultStatus => ({ id: 0, type: 'expire-certificates', target: 'a', amount: '', startMs: 10_000, endMs: 10_000, untilMs: null, pending: false, owner: 'yours', ...f });

  it("the span's side: the callee's certificate is refused by the caller replica's sidecar, the caller's by the callee's", () => {
    expect(expiredCertWhy(origin(tls(server)), [], facts)).toEqual({ fault: null, words: "b-0's shop certificate had expired at 11.0 s (not renewed before its TTL ran out), so a-1's sidecar refused the mutual-TLS handshake" });
    expect(expiredCertWhy(origin(tls(client)), [], facts)!.words).toBe("a-1's shop certificate had expired at 11.0 s (not renewed before its TTL ran out), so b-0's sidecar refused the mutual-TLS handshake");
  });

  it("a clock ahead reads a valid certificate as expired; an expiry a fault set at that moment is not called a TTL's", () => {
    expect(expiredCertWhy(origin(tls({ ...server, 'meshsim.tls.expired_cert.not_after_ms': 30_000 })), [], facts)!.words).toBe(
      "b-0's shop certificate had expired by a-1's clock, which runs ahead (it is valid until 30.0 s), so a-1's sidecar refused the mutual-TLS handshake",
    );
    // The fault named the caller, but the span says the callee's certificate: the fault is not blamed.
    const onCaller = expiry({ target: 'a', startMs: 11_000, endMs: 11_000 });
    expect(expiredCertWhy(origin(tls(server)), [onCaller], facts)!.words).toBe("b-0's shop certificate had expired at 11.0 s, so a-1's sidecar refused the mutual-TLS handshake");
    expect(expiredCertWhy(origin(tls(client)), [onCaller], facts)!.fault).toBe(onCaller);
  });

  it("a mesh-wide expiry with the span's side names the one end, not 'or'", () => {
    expect(expiredCertWhy(origin(tls(client)), [expiry({ target: 'shop' })], facts)!.words).toBe(
      "a-1's certificate from shop's CA had expired (your fault: expire certificates on shop at 10.0 s), so b-0's sidecar refused the mutual-TLS handshake",
    );
  });

  it('a span without the attributes (another cause, an older trace) reads as null', () => {
    expect(expiredCertSpan(tls({}))).toBeNull();
    expect(expiredCertWhy(origin(tls({})), [], facts)).toBeNull();
  });
});

describe("a refused handshake's row in the waterfall", () => {
  it("notes whose certificate, on which proxy, when it expired and which proxy refused it; a plain failed TLS row keeps the cause", async () => {
    const { noteOf } = await import('../../../src/ui/inspector/waterfall');
    const span = {
      id: 2, parent: 1, role: 'tls', service: 'payments-bridge', start: 21_000, end: 21_002, error: true,
      attrs: { 'meshsim.cause': 'tls-expired-cert', 'meshsim.tls.expired_cert.side': 'client', 'meshsim.tls.expired_cert.identity': 'payments-bridge@payments', 'meshsim.tls.expired_cert.ca': 'payments-ca', 'meshsim.tls.expired_cert.not_after_ms': 20_000, 'meshsim.tls.expired_cert.host': 'payments-bridge-0', 'meshsim.tls.refused_by': 'ledger-1' },
    } as unknown as Span;
    expect(noteOf(span)).toBe("tls-expired-cert: the client's certificate payments-bridge@payments (on payments-bridge-0) had expired at 20.0 s; ledger-1's proxy refused it");
    expect(noteOf({ ...span, attrs: { 'meshsim.cause': 'tls-expired-cert' } })).toBe('tls-expired-cert');
  });
});
