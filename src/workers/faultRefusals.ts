// What one expire-certificates fault refused: the new mutual TLS handshakes refused for an expired certificate on
// the links to or from the proxies it expired, and when the first was, so that with several expiry faults each
// fault's line in the Faults list says its own first refusal, not the run's (session 45's U1 left it: each row read
// the run's Counter.expiredHandshakeFirstMs). Reads the model's counters only (ConnPool.expiredCertFailures,
// firstExpiredCertMs): no trace hash changes.
import type { World } from '../models';

/**
 * An expiry fault's refusals: `count` handshakes refused tls-expired-cert on links from or to a proxy it expired
 * (since the run's start: a link whose other end another fault expired counts for both), `firstMs` the first of
 * them at or after the fault's start, simulated ms, -1 when none yet; `edge` the topology edge it was on, -1: none.
 */
export interface FaultRefusals {
  count: number;
  firstMs: number;
  edge: number;
}

/**
 * The refusals of an expire-certificates fault scoped by `mesh` and/or `service` (the scenario's fields, as
 * FaultInjector applies them: every control plane's members and gateways, or those of that mesh, kept to the
 * service's hosts when one is named), started at `startMs`. An unknown mesh or service expires nothing and gives
 * zeros. Reads only.
 */
export function expiryRefusals(w: World, scope: { mesh?: string; service?: string }, startMs: number): FaultRefusals {
  const hosts = new Set<number>();
  const of = scope.service === undefined ? null : new Set(w.callees.find((s) => s.name === scope.service)?.hosts ?? []);
  for (const cp of w.controlPlanes) {
    if (scope.mesh !== undefined && cp.spec.name !== scope.mesh) continue;
    for (const sc of [...cp.members, ...cp.certs.gateways]) if (of === null || of.has(sc.host)) hosts.add(sc.host);
  }
  let count = 0;
  let firstMs = -1;
  let edge = -1;
  for (const r of w.routes) {
    const pool = r.pool;
    if (pool.expiredCertFailures === 0 || !(hosts.has(r.callerHost) || r.hosts.some((h) => hosts.has(h)))) continue;
    count += pool.expiredCertFailures;
    const t = pool.firstExpiredCertMs;
    if (t >= startMs && (firstMs < 0 || t < firstMs || (t === firstMs && r.edge < edge))) {
      firstMs = t;
      edge = r.edge;
    }
  }
  return { count, firstMs, edge };
}
