// The workload certificates one mesh's CA keeps: issuing, renewing and expiring them, for its
// member sidecars and for the gateway proxies that hold an identity from it. ControlPlane owns
// one and hands it its certificate events; nothing here is on a request's path.
import { invariant, type Simulation } from '../../sim-engine';
import type { MeshSpec } from '../../scenario';
import { Ev } from '../events';
import { ConfigState, type Sidecar } from '../proxy/Sidecar';
import { Identity } from '../tls/Identity';

/** What the certificates read of their control plane (ControlPlane is one; nothing here imports it). */
export interface CaSite {
  /** The actor the certificate events go to. */
  readonly id: number;
  readonly spec: MeshSpec;
  readonly caName: string;
  /** Roots its workloads trust. */
  readonly trust: ReadonlySet<string>;
  readonly caUp: boolean;
  /** True when the proxy can reach the control plane now. */
  reaches(sc: Sidecar): boolean;
}

/** What a member's certificate looks like: lifetime, signing CA, trusted roots. */
export interface CertTerms {
  ttl: number;
  ca: string;
  trust: ReadonlySet<string>;
  /** The roots are the mesh's (its CA and the meshes it trusts), not the workload's own list. */
  meshRoots?: boolean;
}

/**
 * Which of a proxy's two identities one certificate fills: a sidecar's (and a gateway's in one
 * mesh) is both its client and its server identity; a bridging gateway holds one from each
 * mesh's CA, the inbound mesh's as its server identity, the outbound mesh's as its client one.
 */
export const CertSlot = { both: 0, server: 1, client: 2 } as const;
export type CertSlot = (typeof CertSlot)[keyof typeof CertSlot];

/**
 * One certificate a CA keeps for a proxy: its terms, where it goes on the proxy, and its
 * renewal state. Per CA, not per proxy, because a bridging gateway's two certificates renew
 * from two CAs on their own timers.
 */
export class Credential {
  /** The certificate now (renewal extends it in place), or null before the first is issued. */
  identity: Identity | null = null;
  /** Its planned renewal attempt (an event handle), or -1. */
  renewTimer = -1;
  /** When that attempt is due, simulated ms; -1 when none is planned (the inspector shows it). */
  renewsAtMs = -1;
  /** Its expiry was counted (so it is counted once). */
  expiryCounted = false;
  /** Renewal tries that failed since it was last issued or renewed (the inspector shows it). */
  failedTries = 0;
  /** When a certificate it held last expired, simulated ms (its TTL ran out, or a fault); -1: never (the inspector shows it). */
  lastExpiredAtMs = -1;
  /** That expiry was an `expire-certificates` fault's, not its TTL's. */
  expiredByFault = false;
  /** When it was last renewed, simulated ms; -1: never (the inspector shows it). */
  renewedAtMs = -1;
  constructor(
    public terms: CertTerms,
    /** Renewal is on (false for a certificate nobody renews: a workload's `certificate.renew: false`). */
    readonly renews: boolean,
    readonly slot: CertSlot,
  ) {}
}

/**
 * A mesh CA's certificates, one per proxy. Renewal is due at `ca.renewAt` of the lifetime
 * (Istio's SECRET_GRACE_PERIOD_RATIO, 0.5, without its 1% jitter) and goes proxy -> control
 * plane -> CA: it fails while either is down or the proxy is cut off from the control plane,
 * and is retried every `ca.retryEvery`; a certificate not renewed expires at its TTL (counted
 * once), and handshakes that need it fail `tls-expired-cert` (tls/Identity.ts mtlsHandshake).
 */
export class Certificates {
  /** Figures for reports. */
  issued = 0;
  renewed = 0;
  renewalsFailed = 0;
  expired = 0;
  /**
   * Gateway proxies holding a certificate from this CA without being members: a gateway's own
   * Envoy gets its certificates as a sidecar does (istio-agent's SDS, the same TTL and renewal
   * point), but it is always configured here (build.ts buildGatewayProxy) and takes no pushes.
   */
  readonly gateways: Sidecar[] = [];
  /** Per member or gateway proxy: the certificate this CA keeps for it (one each). */
  private readonly certOf = new Map<Sidecar, Credential>();

  constructor(
    private readonly cp: CaSite,
    private readonly sim: Simulation,
  ) {}

  /** A member's certificate terms, issued when it first connects (`issue`). */
  add(sc: Sidecar, terms: CertTerms, renews: boolean): void {
    this.certOf.set(sc, new Credential(terms, renews, CertSlot.both));
  }

  /**
   * A gateway's own proxy takes a certificate from this CA for `slot`, named `owner` (mutates
   * `sc`: that identity is set now, valid for the mesh's TTL from time zero; counted as issued).
   * Its renewal and expiry are scheduled by `start` and run as a member's do. One certificate per
   * gateway proxy and CA: a second call throws.
   */
  holdGateway(sc: Sidecar, owner: string, slot: CertSlot): void {
    const cp = this.cp;
    invariant(!this.certOf.has(sc), `${sc.name} already holds a certificate from ${cp.caName}`);
    const c = new Credential({ ttl: cp.spec.ca.ttl, ca: cp.caName, trust: cp.trust, meshRoots: true }, true, slot);
    this.gateways.push(sc);
    this.certOf.set(sc, c);
    this.place(sc, c, new Identity(owner, cp.caName, cp.spec.ca.ttl, cp.trust));
    this.issued++;
  }

  /** Schedules the renewal and expiry of the gateways' certificates issued at build time. */
  start(): void {
    for (const sc of this.gateways) this.scheduleEvents(sc, this.of(sc), this.cp.spec.ca.ttl);
  }

  /** The certificate kept for `sc` (a member or a gateway proxy), or undefined. */
  credentialOf(sc: Sidecar): Readonly<Credential> | undefined {
    return this.certOf.get(sc);
  }

  /** True once `sc` holds a certificate from this CA. */
  holds(sc: Sidecar): boolean {
    return this.of(sc).identity !== null;
  }

  /** The roots a member's certificate trusts become `roots` (unless its workload names its own). */
  retrust(sc: Sidecar, roots: ReadonlySet<string>): void {
    const c = this.certOf.get(sc);
    if (!c || !c.terms.meshRoots) return;
    c.terms = { ...c.terms, trust: roots };
    for (const id of [sc.clientIdentity, sc.serverIdentity]) if (id) id.trust = roots;
  }

  /** Issues a first certificate through the CA (needs the CA up). */
  issue(sc: Sidecar): void {
    const c = this.of(sc);
    if (!this.cp.caUp) {
      this.renewalsFailed++;
      c.failedTries++;
      this.renewIn(sc, c, this.cp.spec.ca.retryEvery);
      return;
    }
    const { ttl, ca, trust } = c.terms;
    this.place(sc, c, new Identity(sc.name, ca, this.sim.now + ttl, trust));
    this.issued++;
    this.scheduleEvents(sc, c, ttl);
  }

  /** A renewal attempt is due (Ev.CertRenew): proxy -> control plane -> CA; it fails if any of them is unreachable. */
  renewDue(sc: Sidecar): void {
    const c = this.of(sc);
    c.renewTimer = -1;
    c.renewsAtMs = -1;
    if (c.identity === null) {
      if (sc.config === ConfigState.fresh) this.issue(sc);
      return;
    }
    if (sc.config === ConfigState.fresh && this.cp.reaches(sc) && this.cp.caUp) {
      const ttl = c.terms.ttl;
      c.identity.notAfter = this.sim.now + ttl;
      c.expiryCounted = false;
      c.failedTries = 0;
      c.renewedAtMs = this.sim.now;
      this.renewed++;
      this.scheduleEvents(sc, c, ttl);
      return;
    }
    this.renewalsFailed++;
    c.failedTries++;
    this.renewIn(sc, c, this.cp.spec.ca.retryEvery);
  }

  /** A certificate's expiry time came (Ev.CertExpire): counted once, unless renewed since. */
  expiryDue(sc: Sidecar): void {
    const c = this.of(sc);
    const cert = c.identity;
    if (!cert || c.expiryCounted || cert.notAfter > this.sim.now) return;
    c.expiryCounted = true;
    c.lastExpiredAtMs = cert.notAfter;
    c.expiredByFault = false;
    this.expired++;
  }

  /**
   * Expires the certificates of these proxies now (a fault). One that renews notices and asks
   * for a new one after the CA's retry interval, as it would after a failed renewal.
   */
  expireNow(proxies: Iterable<Sidecar>): void {
    for (const sc of proxies) {
      const c = this.of(sc);
      if (!c.identity) continue;
      c.identity.notAfter = this.sim.now;
      this.expiryDue(sc);
      c.lastExpiredAtMs = this.sim.now;
      c.expiredByFault = true;
      if (c.renews) this.renewIn(sc, c, this.cp.spec.ca.retryEvery);
    }
  }

  private of(sc: Sidecar): Credential {
    return this.certOf.get(sc)!;
  }

  /** Puts `cert` on the proxy where its credential's slot says. */
  private place(sc: Sidecar, c: Credential, cert: Identity): void {
    c.identity = cert;
    c.expiryCounted = false;
    c.failedTries = 0;
    if (c.slot !== CertSlot.client) sc.serverIdentity = cert;
    if (c.slot !== CertSlot.server) sc.clientIdentity = cert;
  }

  private scheduleEvents(sc: Sidecar, c: Credential, ttl: number): void {
    if (c.renews) this.renewIn(sc, c, ttl * this.cp.spec.ca.renewAt);
    this.sim.schedule(ttl, Ev.CertExpire, this.cp.id, sc.index);
  }

  /** The proxy's next renewal attempt, in place of any it had planned. */
  private renewIn(sc: Sidecar, c: Credential, delay: number): void {
    if (c.renewTimer >= 0) this.sim.cancel(c.renewTimer);
    c.renewTimer = this.sim.schedule(delay, Ev.CertRenew, this.cp.id, sc.index);
    c.renewsAtMs = this.sim.now + delay;
  }
}
