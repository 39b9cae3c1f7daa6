// A TLS span that failed tls-expired-cert says whose certificate had expired, which side presented it and which proxy
// refused it (session 52, F3 1: two-meshes-cert-expiry's TTL run-out read only "a certificate had expired").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tracer, World, toOtlp } from '../../../src/models';
import { Handshake, Identity, mtlsCheck, mtlsHandshake } from '../../../src/models/tls/Identity';
import { parseScenarioText } from '../../../src/scenario';

/** two-meshes-cert-expiry (the bridge's payments certificate runs out at 20 s, renewed at 25 s) run to `ms` with a tracer. */
function certExpiry(ms: number) {
  const r = parseScenarioText(readFileSync(new URL('../../../scenarios/two-meshes-cert-expiry.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const world = new World(r.scenario, r.scenario.seed);
  world.tracer = new Tracer(world, { sampleEvery: 50, maxSampled: 50, maxFailed: 50, maxRecording: 500 });
  world.start();
  world.runUntil(ms);
  return world;
}

describe('the TLS span of a handshake refused for an expired certificate', () => {
  it("two-meshes-cert-expiry at 24 s: the bridge's payments identity (the client's), signed by payments' CA, expired at 20 s, refused by a ledger replica", () => {
    const world = certExpiry(24_000);
    const failed = world.tracer!.list(true, 50).filter((s) => s.cause === 'tls-expired-cert');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed.slice(0, 5)) {
      const tls = world.tracer!.get(f.id)!.spans.filter((s) => s.role === 'tls' && s.error);
      expect(tls.length).toBeGreaterThan(0);
      for (const s of tls) {
        expect(s.attrs['meshsim.cause']).toBe('tls-expired-cert');
        expect(s.attrs['meshsim.tls.expired_cert.side']).toBe('client');
        expect(s.attrs['meshsim.tls.expired_cert.identity']).toBe('payments-bridge@payments');
        expect(s.attrs['meshsim.tls.expired_cert.ca']).toBe('payments-ca');
        expect(s.attrs['meshsim.tls.expired_cert.not_after_ms']).toBe(20_000);
        expect(s.attrs['meshsim.tls.expired_cert.host']).toMatch(/^payments-bridge-\d$/);
        expect(s.attrs['meshsim.tls.refused_by']).toMatch(/^ledger-\d$/);
      }
    }
    // The OTLP export carries them as the span's attributes.
    const otlp = toOtlp([world.tracer!.get(failed[0].id)!], 24_000);
    const span = otlp.resourceSpans.flatMap((r) => r.scopeSpans[0].spans).find((s) => s.name === 'tls handshake (mTLS)' && s.status.code !== 0)!;
    expect(span.attributes.find((a) => a.key === 'meshsim.tls.expired_cert.identity')!.value).toEqual({ stringValue: 'payments-bridge@payments' });
    expect(span.attributes.find((a) => a.key === 'meshsim.tls.refused_by')!.value).toEqual({ stringValue: expect.stringMatching(/^ledger-\d$/) });
  });

  it('a handshake that succeeds or fails otherwise carries none of it', () => {
    const world = certExpiry(12_000);
    for (const row of world.tracer!.list(false, 20)) {
      for (const s of world.tracer!.get(row.id)!.spans) expect(s.attrs['meshsim.tls.expired_cert.side']).toBeUndefined();
    }
  });

  it("mtlsCheck tells whose certificate had expired, each judged by the other side's clock; mtlsHandshake keeps the cause", () => {
    const roots = new Set(['ca']);
    const a = new Identity('a', 'ca', 10, roots);
    const b = new Identity('b', 'ca', 20, roots);
    expect(mtlsCheck(a, b, 15, 15)).toBe(Handshake.clientExpired);
    expect(mtlsCheck(b, a, 15, 15)).toBe(Handshake.serverExpired);
    // The client checks the server first (TLS 1.3); the server's clock, behind, still finds the client's valid.
    expect(mtlsCheck(a, b, 25, 5)).toBe(Handshake.serverExpired);
    expect(mtlsCheck(a, b, 5, 5)).toBe(Handshake.ok);
    expect(mtlsHandshake(a, b, 15, 15)).toBe('tls-expired-cert');
    expect(mtlsHandshake(a, b, 5, 5)).toBeNull();
    expect(mtlsHandshake(null, b, 5, 5)).toBe('tls-no-cert');
  });
});
