import { invariant, type Actor, type Simulation } from '../../sim-engine';
import { changedPolicy, type ChangeSpec, type Policy } from '../../scenario';
import { ClientActor } from '../Client';
import { Ev } from '../events';
import { GatewayActor } from '../Gateway';
import { compilePolicy } from '../proxy/policy';
import type { Route } from '../envoy/cluster';
import type { ConnPools } from '../envoy/connPools';
import { PlaintextDrain, type PlaintextDrainHost } from './PlaintextDrain';
import type { Router } from '../envoy/router';
import { callPolicyTo } from '../envoy/routeTable';
import type { Sidecar } from '../proxy/Sidecar';
import type { ServiceActor } from '../Service';
import type { Network } from '../net/Network';
import type { Topology } from '../Topology';
import type { ControlPlane } from './ControlPlane';

/** What config changes reach of the world (World has it; nothing here imports World). */
export interface ConfigChangesHost {
  readonly sim: Simulation;
  readonly topology: Topology;
  readonly routes: readonly Route[];
  readonly sidecars: readonly Sidecar[];
  readonly controlPlanes: readonly ControlPlane[];
  /** Services, then gateways. */
  readonly callees: readonly ServiceActor[];
  readonly network: Network;
  /** By host id: the pod's sidecar accepts mTLS only; an `mtls` change writes it. */
  readonly strictHost: boolean[];
  /** The connection pools and the routers: a switch to STRICT drains plaintext connections, its end resets what they still carry (PlaintextDrain). */
  readonly dataPlane: { readonly pools: ConnPools; readonly router: Router };
  /** Attempts in flight (PlaintextDrain: a drain's end resets those on the connections it closes). */
  readonly attempts: PlaintextDrainHost['attempts'];
  serviceByName(name: string): ServiceActor;
}

/** One change as it spread: when it happened, the proxies it had to reach, and how it went. */
export interface ChangeRollout {
  /** The change's number in `ConfigChanges.changes` (the file's first, then live ones). */
  change: number;
  /** Simulated ms the change was made (its `at`). */
  atMs: number;
  /**
   * Proxies it must reach: every sidecar of the meshes whose control planes push it; for a
   * `gateway-route` change, the gateway's replicas, which take it at once (`gateway` names it).
   */
  proxies: number;
  /** Of those, how many run it now. */
  applied: number;
  /** Simulated ms the last of them got it, or null while some have not. */
  allAtMs: number | null;
  /**
   * Set for a `gateway-route` change only: the gateway it acts at. A gateway is configured
   * directly, not by a mesh's control plane, so its replicas have it at `atMs` (spread 0) and no
   * sidecar is pushed anything for it. Absent for changes the control planes push.
   */
  gateway?: string;
}

/**
 * Timed config changes (issue 12.2; `changes` in a scenario, and live ones from the app).
 *
 * A change happens at its `at` (an event): the world's config becomes the new one, and every
 * mesh's control plane pushes it to its connected proxies one after another, the k-th after
 * `pushBase + k x perProxy` (ControlPlane.configChanged, the same schedule as endpoint changes).
 * A push is a full push, as xDS state of the world: a proxy that gets one runs the newest config
 * (every change made so far), so `seen[proxy]` is how many changes it has. Until then it keeps
 * applying the old policies, mTLS mode, L4/L7 mode and trust roots: proxies run mixed configs
 * while a change spreads. A proxy cut off from its control plane (stale) gets nothing until it
 * reconnects, when its first push brings it up to date. Gateways' own proxies and callers
 * without a sidecar apply a change at once (a gateway is configured directly; kube-proxy has no
 * policy to wait for). A `gateway-route` change is pushed to no sidecar at all: its rollout is
 * the gateway's replicas, at once (`ChangeRollout.gateway`), and the proxies that were up to
 * date count it as had (nothing in it is theirs).
 *
 * An `mtls` change from PERMISSIVE to STRICT, once it reaches a server's sidecar, drains the
 * plaintext connections into that pod (Envoy's listener drain: mesh/PlaintextDrain.ts); back to
 * PERMISSIVE drains nothing.
 *
 * Plain data only (it is deep-copied with the world for snapshots): no closures.
 */
export class ConfigChanges implements Actor {
  readonly name = 'config-changes';
  /** Every change given so far: the scenario's, then live ones, by number. */
  readonly changes: ChangeSpec[] = [];
  /** The changes that have happened, in order, by number; a proxy's version counts these. */
  readonly applied: number[] = [];
  /** By applied change: its spread. */
  readonly rollouts: ChangeRollout[] = [];
  /** By sidecar index: how many of `applied` it runs (its config-change version). */
  readonly seen: Int32Array;
  /** The world's config now, where a change replaced the file's: by callee index, by edge. */
  private readonly servicePolicy = new Map<number, Policy | undefined>();
  private readonly callPolicy = new Map<number, Policy | undefined>();
  private readonly mtls = new Map<number, 'STRICT' | 'PERMISSIVE'>();
  private readonly mode = new Map<number, 'L7' | 'L4'>();
  /** By mesh name: the roots its workloads trust (its CA and the trusted meshes'). */
  private readonly trust = new Map<string, string[]>();
  /** By sidecar index: the routes whose caller it is; built at the first change. */
  private routesOf: number[][] | null = null;
  /** By host id: the callee index of the replica on it, or -1. */
  private calleeOfHost: Int32Array | null = null;
  /** Plaintext connections into a pod that switched to STRICT; built at the first change. */
  private drain: PlaintextDrain | null = null;

  constructor(readonly id: number, private readonly world: ConfigChangesHost) {
    this.seen = new Int32Array(world.sidecars.length);
  }

  /** Adds a change and schedules it at `at` (now, if that has passed). Returns its number. */
  add(c: ChangeSpec): number {
    const n = this.changes.length;
    this.changes.push(c);
    const sim = this.world.sim;
    sim.scheduleAt(Math.max(sim.now, c.at), Ev.ConfigChange, this.id, n);
    return n;
  }

  /**
   * A change made live (the app's "apply a change now", or a branch): one due now is made at
   * once, with no event of its own, so a run that makes it has the same trace as one that does
   * not up to this point and this instant (a branch's two panes match at the branch time); the
   * pushes that follow are events. One due later is scheduled as `add` does. Returns its number.
   */
  addLive(c: ChangeSpec): number {
    if (c.at > this.world.sim.now) return this.add(c);
    const n = this.changes.length;
    this.changes.push(c);
    this.apply(n);
    return n;
  }

  receive(kind: number, a: number): void {
    if (kind === Ev.ListenerDrainEnd) return this.drain!.end(a);
    invariant(kind === Ev.ConfigChange, `config changes got unknown event kind ${kind}`);
    this.apply(a);
  }

  /** The version a proxy runs: the number of changes it has, of `applied.length` made. */
  versionOf(sc: Sidecar): number {
    return sc.inline ? this.applied.length : this.seen[sc.index];
  }

  private apply(n: number): void {
    const w = this.world;
    const c = this.changes[n];
    this.index();
    switch (c.type) {
      case 'policy': {
        const callee = w.serviceByName(c.service);
        if (c.from === undefined) {
          this.servicePolicy.set(callee.index, changedPolicy(this.basePolicy(callee), c.policy, c.replace));
        } else {
          const caller = w.serviceByName(c.from);
          const edge = caller.downstream.find((d) => d.service === callee.id)!.edge;
          const base = this.callPolicy.has(edge) ? this.callPolicy.get(edge) : callPolicyTo(caller.spec.calls, c.service);
          this.callPolicy.set(edge, changedPolicy(base, c.policy, c.replace));
        }
        break;
      }
      case 'gateway-route': {
        const gw = w.serviceByName(c.gateway) as GatewayActor;
        const routes = gw.gateway.routes.map((r, i) => {
          if (i !== c.route) return r;
          const canary = c.canary === undefined ? r.canary : c.canary.length === 0 ? undefined : c.canary;
          return { ...r, service: c.service ?? r.service, canary, policy: changedPolicy(r.policy, c.policy, c.replace) };
        });
        gw.gateway = { ...gw.gateway, routes };
        break;
      }
      case 'mtls':
        this.mtls.set(w.serviceByName(c.service).index, c.mode);
        break;
      case 'sidecar-mode':
        this.mode.set(w.serviceByName(c.service).index, c.mode);
        break;
      case 'trusts': {
        const caOf = new Map(w.controlPlanes.map((cp) => [cp.spec.name, cp.caName]));
        this.trust.set(c.mesh, [caOf.get(c.mesh)!, ...c.trusts.map((t) => caOf.get(t)!)]);
        break;
      }
    }
    if (c.type === 'gateway-route') return this.applyAtGateway(n, c.gateway);
    const pushers = c.type === 'trusts' ? w.controlPlanes.filter((cp) => cp.spec.name === c.mesh) : w.controlPlanes;
    let proxies = 0;
    for (const cp of pushers) for (const sc of cp.members) if (!sc.inline) proxies++;
    this.applied.push(n);
    this.rollouts.push({ change: n, atMs: w.sim.now, proxies, applied: 0, allAtMs: proxies === 0 ? w.sim.now : null });
    // Gateways and callers without a sidecar: at once.
    for (const r of w.routes) if (r.sidecar === null || r.sidecar.inline) r.policy = this.compile(r);
    if (c.type === 'trusts') {
      for (const sc of w.sidecars) if (sc.inline) this.retrustIdentities(sc, c.mesh);
    }
    for (const cp of pushers) cp.configChanged();
  }

  /**
   * A gateway-route change: the gateway's routes now take it (World's routes from a gateway
   * have inline proxies, recompiled here), its replicas all at once; no control plane pushes
   * anything. A sidecar that had every earlier change counts this one as had too, so its
   * version (versionOf) does not read behind for a change that is not its.
   */
  private applyAtGateway(n: number, gateway: string): void {
    const w = this.world;
    const had = this.applied.length;
    this.applied.push(n);
    const replicas = w.serviceByName(gateway).replicas.length;
    this.rollouts.push({ change: n, atMs: w.sim.now, proxies: replicas, applied: replicas, allAtMs: w.sim.now, gateway });
    for (const r of w.routes) if (r.sidecar === null || r.sidecar.inline) r.policy = this.compile(r);
    for (let i = 0; i < this.seen.length; i++) if (this.seen[i] === had) this.seen[i] = had + 1;
  }

  /**
   * A push reached a connected proxy: it takes every change made so far. Called by the
   * control plane on each push and on (re)connecting.
   */
  deliver(sc: Sidecar, cp: ControlPlane): void {
    const from = this.seen[sc.index];
    const to = this.applied.length;
    if (from >= to) return;
    const now = this.world.sim.now;
    for (let k = from; k < to; k++) {
      const c = this.changes[this.applied[k]];
      if ((c.type === 'trusts' && c.mesh !== cp.spec.name) || c.type === 'gateway-route') continue;
      const r = this.rollouts[k];
      r.applied++;
      if (r.applied === r.proxies) r.allAtMs = now;
    }
    this.seen[sc.index] = to;
    const w = this.world;
    const callee = this.calleeOfHost![sc.host];
    if (callee >= 0) {
      const mode = this.mode.get(callee);
      if (mode !== undefined) sc.l7 = mode === 'L7';
      const m = this.mtls.get(callee);
      if (m !== undefined) {
        const strict = m === 'STRICT';
        const was = w.strictHost[sc.host];
        w.strictHost[sc.host] = strict;
        if (strict !== was && sc.mesh && this.drain!.chainChanged(sc.host, strict)) w.sim.schedule(PlaintextDrain.ms, Ev.ListenerDrainEnd, this.id, sc.host);
      }
    }
    for (const ri of this.routesOf![sc.index]) {
      const r = w.routes[ri];
      r.policy = this.compile(r);
    }
    const trust = this.trust.get(cp.spec.name);
    if (trust !== undefined) cp.retrust(sc, new Set(trust));
  }

  /** A gateway's identities from mesh `mesh`'s CA take its new roots at once. */
  private retrustIdentities(sc: Sidecar, mesh: string): void {
    const cp = this.world.controlPlanes.find((x) => x.spec.name === mesh)!;
    const roots = new Set(this.trust.get(mesh)!);
    for (const id of [sc.clientIdentity, sc.serverIdentity]) if (id && id.ca === cp.caName) id.trust = roots;
  }

  /** The callee's policy now: a change's, or the file's. */
  private basePolicy(callee: ServiceActor): Policy | undefined {
    return this.servicePolicy.has(callee.index) ? this.servicePolicy.get(callee.index) : callee.spec.policy;
  }

  /** The policy route `r`'s caller applies under the config now (as World.route compiles it at start). */
  private compile(r: Route): Route['policy'] {
    const w = this.world;
    const callee = w.sim.actor(r.service) as ServiceActor;
    const caller = w.sim.actor(w.topology.edges[r.edge].from);
    let route: Policy | undefined;
    let istioDefaults = true;
    if (this.callPolicy.has(r.edge)) route = this.callPolicy.get(r.edge);
    else if (caller instanceof ClientActor) route = caller.spec.policy;
    else if (caller instanceof GatewayActor) {
      route = caller.gateway.routes.find((x) => x.service === callee.name)?.policy;
      istioDefaults = false;
    } else route = callPolicyTo((caller as ServiceActor).spec.calls, callee.name);
    if (caller instanceof GatewayActor) istioDefaults = false;
    const sc = r.sidecar;
    const l7 = sc !== null && sc.l7 && callee.spec.protocol === 'http';
    const spec = this.servicePolicy.has(callee.index) ? { ...callee.spec, policy: this.servicePolicy.get(callee.index) } : callee.spec;
    return compilePolicy(spec, route, l7, sc !== null, istioDefaults);
  }

  /** Routes by caller sidecar and callees by host: built once, at the first change. */
  private index(): void {
    const w = this.world;
    if (this.routesOf === null) {
      this.routesOf = w.sidecars.map(() => []);
      for (const r of w.routes) if (r.sidecar !== null && !r.sidecar.inline) this.routesOf[r.sidecar.index].push(r.index);
    }
    if (this.calleeOfHost === null) {
      this.calleeOfHost = new Int32Array(w.network.hosts.length).fill(-1);
      for (const svc of w.callees) for (const h of svc.hosts) this.calleeOfHost[h] = svc.index;
    }
    if (this.drain === null) this.drain = new PlaintextDrain(w);
  }
}
