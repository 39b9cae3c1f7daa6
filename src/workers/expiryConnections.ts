// What an expired certificate does on one mutual-TLS link, counted: the connections opened before
// the expiry that still carry requests, and the new handshakes that failed on it. Read by the
// inspector's link view (inspect.ts inspectEdge). Reads only.
import type { World } from '../models';
import { Conn } from '../models/envoy/connPool';
import type { Cluster } from '../models/envoy/cluster';

/**
 * On an mTLS link where a certificate has expired, since `expiredAtMs` (simulated ms):
 * `openBefore`, connections of the link's caller proxies opened before it and open now (idle,
 * carrying a request, or HTTP/2 with streams); `failedHandshakes`, connects that failed
 * `tls-expired-cert` on the link since the start, and `firstFailedAtMs`, when the first did (null:
 * none yet). TLS checks a peer's certificate at the handshake only (RFC 8446 §4.4.2.4: the
 * certificate is validated when it is received; nothing re-checks it on an open connection;
 * Envoy's transport socket validates in its handshake, intro/arch_overview/security/ssl), so
 * the first figure is what keeps the link working after the expiry and the second is the only
 * place it shows, until those connections close (idle timeout, maxConnectionDuration, a drain, a
 * restart). Plain data.
 */
export interface ExpiryConnections {
  expiredAtMs: number;
  openBefore: number;
  failedHandshakes: number;
  firstFailedAtMs: number | null;
}

/** ExpiryConnections of edge `edgeId`, for an expiry at `expiredAtMs`. Reads only; an edge with no routes gives zeros. */
export function expiryConnections(w: World, edgeId: number, expiredAtMs: number): ExpiryConnections {
  let failedHandshakes = 0;
  let first = Infinity;
  const routes = new Set<Cluster>();
  for (const r of w.routes) {
    if (r.edge !== edgeId) continue;
    routes.add(r);
    failedHandshakes += r.pool.expiredCertFailures;
    if (r.pool.firstExpiredCertMs >= 0) first = Math.min(first, r.pool.firstExpiredCertMs);
  }
  return { expiredAtMs, openBefore: openBeforeOn(w, routes, expiredAtMs), failedHandshakes, firstFailedAtMs: Number.isFinite(first) ? first : null };
}

/**
 * Connections of `routes`' caller proxies opened before `beforeMs` (simulated ms) and open now: idle ones, HTTP/2 ones
 * (with streams or not), and HTTP/1.1 ones carrying a request. An expiry spares exactly these (TLS checks a certificate
 * at the handshake only): the link inspector's edge-expiry line and an expiry fault's line in the Faults list
 * (faultRefusals.ts) both count with it. Reads only.
 */
export function openBeforeOn(w: World, routes: ReadonlySet<Cluster>, beforeMs: number): number {
  let openBefore = 0;
  for (const r of routes) {
    const pool = r.pool;
    for (let i = 0; i < r.hosts.length; i++) {
      const idle = pool.idleOf(i);
      // Triples [openedAt, idleSince, served].
      for (let k = 0; k < idle.length; k += 3) if (idle[k] < beforeMs) openBefore++;
      for (const c of pool.h2?.[i] ?? []) if (c.openedAt < beforeMs) openBefore++;
    }
  }
  if (routes.size === 0) return openBefore;
  // An HTTP/1.1 connection carrying a request is off the idle stack: its attempt knows when it opened.
  w.attempts.forEachLive((a) => {
    if (a.route !== null && routes.has(a.route) && a.conn === Conn.sent && a.connId < 0 && a.connOpenedAt < beforeMs) openBefore++;
  });
  return openBefore;
}
