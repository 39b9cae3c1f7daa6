import type { World } from '../models';
import type { Credential } from '../models/mesh/Certificates';

/**
 * A certificate's life as the inspector words it, for a sidecar's (the replica table's cert cell)
 * and a gateway's identities alike. Times are simulated ms. Plain data.
 */
export interface CertLife {
  /** When it expires; null: never. */
  expiresAtMs: number | null;
  /**
   * When its CA is next asked to renew it: at `ca.renewAt` of its lifetime, or after a failed
   * try (or an `expire-certificates` fault) `ca.retryEvery` later; null when no renewal is planned.
   */
  renewsAtMs: number | null;
  /** Renewal tries that failed since it was last issued or renewed (CA or control plane down, or cut off). */
  failedRenewals: number;
  /** Expired by its host's clock (now + the host's skew). */
  expired: boolean;
  /** When it last expired (its TTL, or a fault: `byFault`), whether renewed since or not; null: never. */
  lastExpiry: { atMs: number; byFault: boolean } | null;
  /** When it was last renewed; null: never. */
  renewedAtMs: number | null;
}

/**
 * `CertLife` of a certificate expiring at `notAfter` (ms; Infinity: never) that `held` renews (undefined:
 * nobody keeps it), judged at `hostNow` (the simulated time plus its host's skew). Reads only.
 */
export function certLife(notAfter: number, held: Readonly<Credential> | undefined, hostNow: number): CertLife {
  const due = held?.renewsAtMs ?? -1;
  const last = held?.lastExpiredAtMs ?? -1;
  const renewed = held?.renewedAtMs ?? -1;
  return {
    expiresAtMs: Number.isFinite(notAfter) ? notAfter : null,
    renewsAtMs: due >= 0 ? due : null,
    failedRenewals: held?.failedTries ?? 0,
    expired: hostNow >= notAfter,
    lastExpiry: last >= 0 ? { atMs: last, byFault: held!.expiredByFault } : null,
    renewedAtMs: renewed >= 0 ? renewed : null,
  };
}

/**
 * A gateway's own certificates, as the inspector shows them (DOMAIN.md idea 4: a gateway that
 * bridges two meshes ends mutual TLS with an identity from the caller's mesh's CA and starts it
 * with one from the upstream's). Plain data: it crosses to the UI as it is.
 */
export interface GatewayIdentity extends CertLife {
  /** The mesh whose CA signed it (its control plane's `meshes[].name`); the CA's name when no mesh has that CA. */
  mesh: string;
  /** The CA (root) that signed it: the mesh's `ca.name`, by default `<mesh>-ca`. */
  ca: string;
  /**
   * What the gateway presents it for: `inbound`, to its callers (it ends their mutual TLS);
   * `outbound`, to its upstreams (it starts mutual TLS to them). Both in one mesh.
   */
  uses: ('inbound' | 'outbound')[];
  // Its life (CertLife): a gateway's certificates have their mesh's `ca.ttl` and renew like a
  // sidecar's (models/build.ts buildGatewayProxy).
  /** Roots it accepts from its peers, sorted. */
  trusts: string[];
}

/**
 * The certificates of gateway `id`'s own (inline) proxy, one per signing CA, inbound first;
 * null when `id` is not a gateway, [] for a gateway outside any mesh. Read from its first
 * replica's proxy: buildGatewayProxy gives every replica its own two from the same CAs, issued
 * and renewed at the same times unless a fault cut one replica off. Reads only.
 */
export function gatewayIdentities(w: World, id: number): GatewayIdentity[] | null {
  const gw = w.gateways.find((g) => g.id === id);
  if (!gw) return null;
  const hostId = gw.hosts[0];
  const sc = hostId === undefined ? null : w.sidecarOfHost[hostId];
  if (!sc) return [];
  const host = w.network.hosts[hostId];
  const now = w.sim.now;
  const out: GatewayIdentity[] = [];
  const sides = [
    ['inbound', sc.serverIdentity],
    ['outbound', sc.clientIdentity],
  ] as const;
  for (const [use, cert] of sides) {
    if (!cert) continue;
    const known = out.find((o) => o.ca === cert.ca);
    if (known) {
      known.uses.push(use);
      continue;
    }
    const cp = w.controlPlanes.find((c) => c.caName === cert.ca);
    out.push({
      mesh: cp ? cp.spec.name : cert.ca,
      ca: cert.ca,
      uses: [use],
      ...certLife(cert.notAfter, cp?.credentialOf(sc), now + host.skew),
      trusts: [...cert.trust].sort(),
    });
  }
  return out;
}

/** The certificates that meet on a mutual-TLS link: the caller proxy's and the callee's, and the roots each trusts. */
export interface LinkTrust {
  /** CA that signed the caller proxy's (client) certificate, and the roots it accepts, sorted. */
  callerCa: string;
  callerTrusts: string[];
  /** CA that signed the callee's (server) certificate, and the roots it accepts, sorted. */
  calleeCa: string;
  calleeTrusts: string[];
  /** When the caller's certificate expired, simulated ms, if it has by the callee's clock (as the handshake judges it); null otherwise. */
  callerExpiredAtMs: number | null;
  /** When the callee's certificate expired, simulated ms, if it has by the caller's clock; null otherwise. */
  calleeExpiredAtMs: number | null;
}

/**
 * The certificates that meet on edge `edgeId`'s mutual TLS, and whether either has expired,
 * read from its first route with a caller certificate and its callee's first replica with a server certificate (in this model
 * every replica of a service, and every proxy of a caller, holds one from the same CA); null
 * when either side has none (plaintext, or a proxy with no config yet). Reads only.
 */
export function linkTrust(w: World, edgeId: number): LinkTrust | null {
  const route = w.routes.find((r) => r.edge === edgeId && r.sidecar?.clientIdentity);
  const client = route?.sidecar?.clientIdentity;
  const callee = w.callees.find((c) => c.id === w.topology.edges[edgeId]?.to);
  const serverHost = callee?.hosts.find((h) => w.sidecarOfHost[h]?.serverIdentity);
  const server = serverHost === undefined ? undefined : w.sidecarOfHost[serverHost]!.serverIdentity;
  if (!route || !client || serverHost === undefined || !server) return null;
  // Each side judges the other's certificate by its own clock (tls/Identity.ts mtlsHandshake).
  const now = w.sim.now;
  const callerNow = now + w.network.hosts[route.callerHost].skew;
  const calleeNow = now + w.network.hosts[serverHost].skew;
  return {
    callerCa: client.ca,
    callerTrusts: [...client.trust].sort(),
    calleeCa: server.ca,
    calleeTrusts: [...server.trust].sort(),
    callerExpiredAtMs: calleeNow >= client.notAfter ? client.notAfter : null,
    calleeExpiredAtMs: callerNow >= server.notAfter ? server.notAfter : null,
  };
}
