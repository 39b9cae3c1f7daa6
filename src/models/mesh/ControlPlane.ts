import { invariant, type Actor, type Rng, type Simulation } from '../../sim-engine';
import type { MeshSpec } from '../../scenario';
import { Ev } from '../events';
import type { Host } from '../net/Host';
import type { Network } from '../net/Network';
import { ConfigState, type Sidecar } from '../proxy/Sidecar';
import { Identity } from '../tls/Identity';

/** What a control plane reaches of the world (World has it; nothing here imports World). */
export interface ControlPlaneHost {
  readonly sim: Simulation;
  readonly network: Network;
  /** Every proxy, by index (events name a member by it). */
  readonly sidecars: readonly Sidecar[];
  /** Per callee: which replicas are up (a push copies them into each proxy's view). */
  readonly live: readonly Uint8Array[];
  /** Timed config changes: a push brings a proxy every change made so far. */
  readonly configChanges: { deliver(sc: Sidecar, cp: ControlPlane): void };
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
 * One mesh's control plane (like istiod) and its certificate authority: one trust domain.
 *
 * Every member proxy opens a long-lived config stream to it. It pushes endpoints to connected
 * proxies after each change, the k-th proxy after `pushBase + k x perProxy` (so pushes slow
 * down as the mesh grows), and relays certificate requests to the CA. A proxy that loses it
 * keeps its last config (stale) and retries every `reconnectEvery`; one that never reached it
 * has no config at all and cannot route (`no-config`). With the CP or the CA down, renewals
 * fail and certificates expire on time.
 */
export class ControlPlane implements Actor {
  readonly members: Sidecar[] = [];
  up = true;
  caUp = true;
  /** Figures for reports. */
  connections = 0;
  pushes = 0;
  issued = 0;
  renewed = 0;
  renewalsFailed = 0;
  expired = 0;
  readonly caName: string;
  /** Roots its workloads trust: its own CA and those of the meshes it trusts. */
  readonly trust: Set<string>;
  private readonly deny: Set<string>;
  /** Per member (by position in `members`): the boundary it sits in, and whether it renews. */
  private readonly boundaryOf = new Map<Sidecar, string | undefined>();
  private readonly certOf = new Map<Sidecar, CertTerms>();

  constructor(
    readonly id: number,
    readonly spec: MeshSpec,
    readonly host: Host,
    private readonly world: ControlPlaneHost,
    private readonly rng: Rng,
    trustedCas: readonly string[],
  ) {
    this.caName = spec.ca.name ?? `${spec.name}-ca`;
    this.trust = new Set([this.caName, ...trustedCas]);
    this.deny = new Set(spec.controlPlane.denyBoundaries);
  }

  get name(): string {
    return `control-plane:${this.spec.name}`;
  }

  /** Makes a proxy a member; it connects when the world starts. Unset terms take the mesh's. */
  join(sc: Sidecar, boundary: string | undefined, terms: Partial<CertTerms>): void {
    this.members.push(sc);
    this.boundaryOf.set(sc, boundary);
    this.certOf.set(sc, { ttl: terms.ttl ?? this.spec.ca.ttl, ca: terms.ca ?? this.caName, trust: terms.trust ?? this.trust, meshRoots: terms.trust === undefined });
  }

  /** True when the proxy's boundary may never reach this control plane. */
  denied(sc: Sidecar): boolean {
    const b = this.boundaryOf.get(sc);
    return b !== undefined && this.deny.has(b);
  }

  private reachable(sc: Sidecar): boolean {
    return this.up && !this.denied(sc) && !this.world.network.partitioned(sc.host, this.host.id);
  }

  /** Schedules every member's first connection at time zero (before any client sends). */
  start(): void {
    for (const sc of this.members) this.world.sim.schedule(0, Ev.CpConnect, this.id, sc.index);
  }

  receive(kind: number, a: number): void {
    const sc = this.world.sidecars[a];
    switch (kind) {
      case Ev.CpConnect:
        return this.connect(sc);
      case Ev.CpPush:
        if (sc.config === ConfigState.fresh) {
          this.pushes++;
          this.copyEndpoints(sc);
          this.world.configChanges.deliver(sc, this);
        }
        return;
      case Ev.CertRenew:
        sc.renewTimer = -1;
        return this.renew(sc);
      case Ev.CertExpire:
        return this.checkExpiry(sc);
      default:
        invariant(false, `control plane got unknown event kind ${kind}`);
    }
  }

  private connect(sc: Sidecar): void {
    if (sc.config === ConfigState.fresh) return;
    if (!this.reachable(sc)) {
      // A denied boundary never gets through; anything else tries again later.
      if (!this.denied(sc)) this.retryLater(sc);
      return;
    }
    this.connections++;
    const first = sc.config === ConfigState.none;
    sc.config = ConfigState.fresh;
    this.pushes++;
    this.copyEndpoints(sc);
    this.world.configChanges.deliver(sc, this);
    if (first || sc.clientIdentity === null) this.issue(sc);
  }

  private retryLater(sc: Sidecar): void {
    const every = this.spec.controlPlane.reconnectEvery;
    this.world.sim.schedule(every * (0.5 + this.rng()), Ev.CpConnect, this.id, sc.index);
  }

  /** A full push: the proxy learns the current endpoints of every service. */
  private copyEndpoints(sc: Sidecar): void {
    const live = this.world.live;
    // Only the services this proxy routes to have a view.
    sc.views.forEach((v, s) => v.set(live[s]));
    sc.configVersion++;
  }

  /** Endpoints changed (a replica killed or back): push to connected members, one after another. */
  endpointsChanged(): void {
    if (!this.up) return;
    const { pushBase, perProxy } = this.spec.controlPlane;
    let k = 0;
    for (const sc of this.members) {
      if (sc.config !== ConfigState.fresh) continue;
      k++;
      this.world.sim.schedule(pushBase + k * perProxy, Ev.CpPush, this.id, sc.index);
    }
  }

  /**
   * The config changed (a timed or live change, mesh/ConfigChanges.ts): push to connected
   * members on the same schedule as endpoint changes.
   */
  configChanged(): void {
    this.endpointsChanged();
  }

  /**
   * A `trusts` change reached this member: the roots its certificate trusts become `roots`, now
   * and in the certificates it is issued later, unless its workload names its own (`certificate.trust`).
   */
  retrust(sc: Sidecar, roots: ReadonlySet<string>): void {
    const terms = this.certOf.get(sc);
    if (!terms || !terms.meshRoots) return;
    this.certOf.set(sc, { ...terms, trust: roots });
    for (const id of [sc.clientIdentity, sc.serverIdentity]) if (id) id.trust = roots;
  }

  /** The control plane goes down or comes back. Members keep their config while it is down. */
  setUp(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    if (!up) {
      for (const sc of this.members) this.disconnect(sc);
    }
  }

  /** A partition may have cut members off: they go stale and retry. */
  checkReachability(): void {
    for (const sc of this.members) if (sc.config === ConfigState.fresh && !this.reachable(sc)) this.disconnect(sc);
  }

  private disconnect(sc: Sidecar): void {
    if (sc.config !== ConfigState.fresh) return;
    sc.config = ConfigState.stale;
    this.retryLater(sc);
  }

  /** Issues a first certificate through the CA (needs the CA up). */
  private issue(sc: Sidecar): void {
    if (!this.caUp) {
      this.renewalsFailed++;
      this.renewIn(sc, this.spec.ca.retryEvery);
      return;
    }
    const { ttl, ca, trust } = this.certOf.get(sc)!;
    const now = this.world.sim.now;
    const cert = new Identity(sc.name, ca, now + ttl, trust);
    sc.clientIdentity = cert;
    sc.serverIdentity = cert;
    sc.expiryCounted = false;
    this.issued++;
    this.scheduleCertEvents(sc, ttl);
  }

  private scheduleCertEvents(sc: Sidecar, ttl: number): void {
    const sim = this.world.sim;
    if (sc.renews) this.renewIn(sc, ttl * this.spec.ca.renewAt);
    sim.schedule(ttl, Ev.CertExpire, this.id, sc.index);
  }

  /** The proxy's next renewal attempt, in place of any it had planned. */
  private renewIn(sc: Sidecar, delay: number): void {
    if (sc.renewTimer >= 0) this.world.sim.cancel(sc.renewTimer);
    sc.renewTimer = this.world.sim.schedule(delay, Ev.CertRenew, this.id, sc.index);
  }

  /** Renewal goes proxy -> control plane -> CA; it fails if any of them is unreachable. */
  private renew(sc: Sidecar): void {
    if (sc.clientIdentity === null) {
      if (sc.config === ConfigState.fresh) this.issue(sc);
      return;
    }
    const now = this.world.sim.now;
    if (sc.config === ConfigState.fresh && this.reachable(sc) && this.caUp) {
      const ttl = this.certOf.get(sc)!.ttl;
      sc.clientIdentity.notAfter = now + ttl;
      sc.expiryCounted = false;
      this.renewed++;
      this.scheduleCertEvents(sc, ttl);
      return;
    }
    this.renewalsFailed++;
    this.renewIn(sc, this.spec.ca.retryEvery);
  }

  private checkExpiry(sc: Sidecar): void {
    const cert = sc.clientIdentity;
    if (!cert || sc.expiryCounted || cert.notAfter > this.world.sim.now) return;
    sc.expiryCounted = true;
    this.expired++;
  }

  /**
   * Expires the certificates of these members now (a fault). A proxy that renews notices and
   * asks for a new one after the CA's retry interval, as it would after a failed renewal.
   */
  expireNow(members: Iterable<Sidecar>): void {
    const now = this.world.sim.now;
    for (const sc of members) {
      if (!sc.clientIdentity) continue;
      sc.clientIdentity.notAfter = now;
      if (sc.serverIdentity) sc.serverIdentity.notAfter = now;
      this.checkExpiry(sc);
      if (sc.renews) this.renewIn(sc, this.spec.ca.retryEvery);
    }
  }
}
