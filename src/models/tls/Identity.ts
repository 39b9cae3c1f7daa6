import { Cause } from '../events';

/**
 * A workload certificate: signed by one CA (its trust domain's root), valid until `notAfter`
 * (simulated ms). Mutable so a renewal can extend it.
 */
export class Identity {
  constructor(
    readonly owner: string,
    /** The CA (root) that signed it. */
    public ca: string,
    public notAfter: number,
    /** Roots this workload accepts from its peers (a `trusts` config change replaces them). */
    public trust: ReadonlySet<string>,
  ) {}
}

/**
 * The outcomes of a mutual-TLS handshake, by number (mtlsCheck), so the handshake's place can tell which side's
 * certificate failed without allocating: `serverExpired` is the server's certificate, found expired by the client's
 * clock (the client's proxy refuses it), `clientExpired` the client's, found expired by the server's clock (the
 * server's proxy refuses it: it checks the client's certificate, RFC 8446 4.4.2.4).
 */
export const Handshake = { ok: 0, noCert: 1, unknownCa: 2, serverExpired: 3, clientExpired: 4 } as const;
export type Handshake = (typeof Handshake)[keyof typeof Handshake];

/** The failure cause of each Handshake outcome (null: it succeeded). */
export const HANDSHAKE_CAUSES: readonly (string | null)[] = [null, Cause.tlsNoCert, Cause.tlsUnknownCa, Cause.tlsExpiredCert, Cause.tlsExpiredCert];

/**
 * Checks a mutual-TLS handshake at time `now`. Each side must present a certificate that
 * chains to a root the other side trusts and has not expired. Returns the outcome (Handshake):
 * the first check that fails, in TLS 1.3's order: the client checks the server first.
 */
export function mtlsCheck(client: Identity | null, server: Identity | null, clientNow: number, serverNow: number): Handshake {
  if (!server) return Handshake.noCert;
  if (!client) return Handshake.noCert;
  // Each side judges expiry by its own clock (a skewed clock sees certificates expire early).
  if (!client.trust.has(server.ca)) return Handshake.unknownCa;
  if (clientNow >= server.notAfter) return Handshake.serverExpired;
  if (!server.trust.has(client.ca)) return Handshake.unknownCa;
  if (serverNow >= client.notAfter) return Handshake.clientExpired;
  return Handshake.ok;
}

/**
 * Checks a mutual-TLS handshake at time `now` (mtlsCheck). Returns null when it succeeds,
 * or the failure cause.
 */
export function mtlsHandshake(client: Identity | null, server: Identity | null, clientNow: number, serverNow: number): string | null {
  return HANDSHAKE_CAUSES[mtlsCheck(client, server, clientNow, serverNow)];
}
