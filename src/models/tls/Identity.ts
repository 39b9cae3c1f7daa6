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
 * Checks a mutual-TLS handshake at time `now`. Each side must present a certificate that
 * chains to a root the other side trusts and has not expired. Returns null when it succeeds,
 * or the failure cause. The client checks the server first, as in TLS 1.3.
 */
export function mtlsHandshake(client: Identity | null, server: Identity | null, clientNow: number, serverNow: number): string | null {
  if (!server) return Cause.tlsNoCert;
  if (!client) return Cause.tlsNoCert;
  // Each side judges expiry by its own clock (a skewed clock sees certificates expire early).
  if (!client.trust.has(server.ca)) return Cause.tlsUnknownCa;
  if (clientNow >= server.notAfter) return Cause.tlsExpiredCert;
  if (!server.trust.has(client.ca)) return Cause.tlsUnknownCa;
  if (serverNow >= client.notAfter) return Cause.tlsExpiredCert;
  return null;
}
