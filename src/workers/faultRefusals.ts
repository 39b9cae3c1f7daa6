// What one expire-certificates fault refused: the new mutual TLS handshakes refused for an expired certificate on
// the links to or from the proxies it expired, and when the first was, so that with several expiry faults each
// fault's line in the Faults list says its own first refusal, not the run's (session 45's U1 left it: each row read
// the run's Counter.expiredHandshakeFirstMs). Reads the model's counters only (ConnPool.expiredCertFailures,
// firstExpiredCertMs): no trace hash changes.
import type { World } from '../models';
import type { Cluster } from '../models/envoy/cluster';
import { openBeforeOn } from './expiryConnections';

/**
 * An expiry fault's refusals: `count` handshakes refused tls-expired-cert on the links where a proxy presents a
 * certificate it expired (since the run's start: a link whose other end another fault expired counts for both),
 * `firstMs` the first of them at or after the fault's start, simulated ms, -1 when none yet; `edge` the topology edge
 * it was on, -1: none. `openBefore`: connections on those links opened before the fault's start and open now (idle
 * between requests or carrying one), which the expiry spares (TLS checks a certificate at the handshake only);
 * `expired`: a certificate it expired is still expired now (false once each renewed, at its CA's next retry).
 * Absent fields (a list from an older worker) read as unknown.
 */
export interface FaultRefusals {
  count: number;
  firstMs: number;
  edge: number;
  openBefore?: number;
  expired?: boolean;
}

/**
 * The refusals of an expire-certificates fault scoped by `mesh` and/or `service` (the scenario's fields, as
 * FaultInjector applies them: the certificates from every CA, or from that mesh's, of its members and gateways, kept
 * to the service's hosts when one is named), started at `startMs`. A link counts when its caller's proxy presents a
 * client certificate, or a callee replica's proxy a server certificate, from such a CA and host: so a bridge's
 * expiry scoped to one mesh counts the links on that mesh's side only (its other identity, from the other CA,
 * still passes). An unknown mesh or service expires nothing and gives zeros. Reads only.
 */
export function expiryRefusals(w: World, scope: { mesh?: string; service?: string }, startMs: number): FaultRefusals {
  // Host -> the CAs whose certificate on it the fault expired.
  const cas = new Map<number, Set<string>>();
  const of = scope.service === undefined ? null : new Set(w.callees.find((s) => s.name === scope.service)?.hosts ?? []);
  for (const cp of w.controlPlanes) {
    if (scope.mesh !== undefined && cp.spec.name !== scope.mesh) continue;
    for (const sc of [...cp.members, ...cp.certs.gateways]) {
      if (of !== null && !of.has(sc.host)) continue;
      const set = cas.get(sc.host) ?? new Set<string>();
      cas.set(sc.host, set.add(cp.caName));
    }
  }
  const now = w.sim.now;
  const expiredBy = (host: number, id: { ca: string } | null | undefined) => id != null && cas.get(host)?.has(id.ca) === true;
  let count = 0;
  let firstMs = -1;
  let edge = -1;
  let expired = false;
  const routes = new Set<Cluster>();
  for (const r of w.routes) {
    const client = r.sidecar?.clientIdentity;
    const callerSide = expiredBy(r.callerHost, client);
    const calleeHosts = r.hosts.filter((h) => expiredBy(h, w.sidecarOfHost[h]?.serverIdentity));
    if (!callerSide && calleeHosts.length === 0) continue;
    routes.add(r);
    if ((callerSide && client!.notAfter <= now) || calleeHosts.some((h) => w.sidecarOfHost[h]!.serverIdentity!.notAfter <= now)) expired = true;
    const pool = r.pool;
    if (pool.expiredCertFailures === 0) continue;
    count += pool.expiredCertFailures;
    const t = pool.firstExpiredCertMs;
    if (t >= startMs && (firstMs < 0 || t < firstMs || (t === firstMs && r.edge < edge))) {
      firstMs = t;
      edge = r.edge;
    }
  }
  return { count, firstMs, edge, openBefore: openBeforeOn(w, routes, startMs), expired };
}
