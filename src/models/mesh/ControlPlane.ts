import { invariant, type Actor, type Rng, type Simulation } from '../../sim-engine';
import type { MeshSpec } from '../../scenario';
import { Ev } from '../events';
import type { Host } from '../net/Host';
import type { Network } from '../net/Network';
import { ConfigState, type Sidecar } from '../proxy/Sidecar';
import { Certificates, type CertSlot, type CertTerms, type Credential } from './Certificates';

/** What a control plane reaches of the world (World has it; nothing here imports World). */
export interface ControlPlaneHost {
  readonly sim: Simulation;
  readonly network: Network;
  /** Every proxy, by index (events name a member by it). */
  readonly sidecars: readonly Sidecar[];
  /** Per callee: which replicas are up (a push copies them into each proxy's view). */
  readonly live: readonly Uint8Array[];
  /** Bumped at each push of endpoints (World.membershipChanges: the balancers recount their hosts). */
  readonly membershipChanges: Int32Array;
  /** Timed config changes: a push brings a proxy every change made so far. */
  readonly configChanges: { deliver(sc: Sidecar, cp: ControlPlane): void };
}

/**
 * One mesh's control plane (like istiod) and its certificate authority: one trust domain.
 *
 * Every member proxy opens a long-lived config stream to it. It pushes endpoints to connected
 * proxies after each change, the k-th proxy after `pushBase + k x perProxy` (so pushes slow
 * down as the mesh grows), and relays certificate requests to the CA. A proxy that loses it
 * keeps its last config (stale) and retries every `reconnectEvery`; one that never reached it
 * has no config at all and cannot route (`no-config`). With the CP or the CA down, renewals
 * fail and certificates expire on time (mesh/Certificates.ts), its members' and those of the
 * gateways that hold an identity from its CA.
 */
export class ControlPlane implements Actor {
  readonly members: Sidecar[] = [];
  up = true;
  caUp = true;
  /** Figures for reports. */
  connections = 0;
  pushes = 0;
  /** The certificates its CA keeps, and their figures (issued, renewed, renewalsFailed, expired). */
  readonly certs: Certificates;
  readonly caName: string;
  /** Roots its workloads trust: its own CA and those of the meshes it trusts. */
  readonly trust: Set<string>;
  private readonly deny: Set<string>;
  /** Per member: the boundary it sits in. */
  private readonly boundaryOf = new Map<Sidecar, string | undefined>();

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
    this.certs = new Certificates(this, world.sim);
  }

  get issued(): number {
    return this.certs.issued;
  }
  get renewed(): number {
    return this.certs.renewed;
  }
  get renewalsFailed(): number {
    return this.certs.renewalsFailed;
  }
  get expired(): number {
    return this.certs.expired;
  }

  get name(): string {
    return `control-plane:${this.spec.name}`;
  }

  /**
   * Makes a proxy a member; it connects when the world starts and gets its first certificate
   * then. Unset terms take the mesh's; `renews` false: the certificate is never renewed.
   */
  join(sc: Sidecar, boundary: string | undefined, terms: Partial<CertTerms>, renews = true): void {
    this.members.push(sc);
    this.boundaryOf.set(sc, boundary);
    this.certs.add(sc, { ttl: terms.ttl ?? this.spec.ca.ttl, ca: terms.ca ?? this.caName, trust: terms.trust ?? this.trust, meshRoots: terms.trust === undefined }, renews);
  }

  /**
   * A gateway's own proxy takes a certificate from this CA for `slot`, named `owner` (mutates
   * `sc` and this CA's figures: issued now, valid for `ca.ttl`), renewed and expired from the
   * world's start as a member's is (mesh/Certificates.ts). One per gateway proxy and CA.
   */
  holdGateway(sc: Sidecar, owner: string, slot: CertSlot): void {
    this.certs.holdGateway(sc, owner, slot);
  }

  /** The certificate this CA keeps for `sc` (a member or a gateway proxy), or undefined. Read only. */
  credentialOf(sc: Sidecar): Readonly<Credential> | undefined {
    return this.certs.credentialOf(sc);
  }

  /** True when the proxy's boundary may never reach this control plane. */
  denied(sc: Sidecar): boolean {
    const b = this.boundaryOf.get(sc);
    return b !== undefined && this.deny.has(b);
  }

  /** True when `sc` can reach this control plane now (it is up, not denied, not cut off). */
  reaches(sc: Sidecar): boolean {
    return this.up && !this.denied(sc) && !this.world.network.partitioned(sc.host, this.host.id);
  }

  /**
   * Schedules every member's first connection at time zero (before any client sends), then the
   * renewal and expiry of the gateways' certificates issued at build time.
   */
  start(): void {
    for (const sc of this.members) this.world.sim.schedule(0, Ev.CpConnect, this.id, sc.index);
    this.certs.start();
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
        return this.certs.renewDue(sc);
      case Ev.CertExpire:
        return this.certs.expiryDue(sc);
      default:
        invariant(false, `control plane got unknown event kind ${kind}`);
    }
  }

  private connect(sc: Sidecar): void {
    if (sc.config === ConfigState.fresh) return;
    if (!this.reaches(sc)) {
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
    if (first || !this.certs.holds(sc)) this.certs.issue(sc);
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
    this.world.membershipChanges[0]++; // the balancers over these views recount their hosts
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
    this.certs.retrust(sc, roots);
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
    for (const sc of this.members) if (sc.config === ConfigState.fresh && !this.reaches(sc)) this.disconnect(sc);
  }

  private disconnect(sc: Sidecar): void {
    if (sc.config !== ConfigState.fresh) return;
    sc.config = ConfigState.stale;
    this.retryLater(sc);
  }

  /**
   * Expires the certificates of these members now (a fault). A proxy that renews notices and
   * asks for a new one after the CA's retry interval, as it would after a failed renewal.
   */
  expireNow(members: Iterable<Sidecar>): void {
    this.certs.expireNow(members);
  }
}
