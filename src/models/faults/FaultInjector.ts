import { assertNever, invariant, sampler, streamFor, type Actor, type Simulation } from '../../sim-engine';
import type { Route } from '../envoy/cluster';
import type { ControlPlane } from '../mesh/ControlPlane';
import type { Network, Partition } from '../net/Network';
import type { ServiceActor } from '../Service';
import type { Topology } from '../Topology';
import type { FaultSpec } from '../../scenario';
import { AF, type Attempt, type Table } from '../Call';
import { Cause, Ev } from '../events';
import { FaultMarks } from './faultMarks';

/** What the fault injector reaches of the world (World has it; nothing here imports World). */
export interface FaultHost {
  readonly sim: Simulation;
  /** The run's seed: a latency fault draws from a stream of its own under it. */
  readonly seed: number;
  readonly topology: Topology;
  readonly routes: readonly Route[];
  readonly network: Network;
  /** The live tries (a kill's requests are tagged as the fault's: faultMarks.ts). */
  readonly attempts: Table<Attempt>;
  readonly controlPlanes: readonly ControlPlane[];
  serviceByName(name: string): ServiceActor;
  meshNamed(name: string | undefined): ControlPlane;
  hostsNamed(names: readonly string[]): number[];
  /** After a partition starts or heals: proxies cut off from their control plane go stale. */
  checkControlPlaneReach(): void;
}

/** Faults whose start and end are events, so they show in the trace and repeat exactly. */
export class FaultInjector implements Actor {
  readonly name = 'faults';
  readonly faults: FaultSpec[] = [];
  /** How to undo each active fault, by fault number. */
  private readonly undo = new Map<number, Undo>();
  /** Faults that started, in order, with when they ended (null while active). */
  readonly history: { fault: number; startMs: number; endMs: number | null }[] = [];
  /** What each fault did so far: answers failed, tries retried, user requests ended failed (faultMarks.ts). */
  readonly marks = new FaultMarks();

  constructor(readonly id: number, private readonly world: FaultHost) {}

  /** Adds a fault and schedules its start (and end, when it has a duration). Returns its number. */
  add(f: FaultSpec): number {
    const n = this.faults.length;
    this.faults.push(f);
    const sim = this.world.sim;
    sim.scheduleAt(Math.max(sim.now, f.at), Ev.FaultStart, this.id, n);
    if ('for' in f && f.for !== undefined) sim.scheduleAt(Math.max(sim.now, f.at) + f.for, Ev.FaultEnd, this.id, n);
    return n;
  }

  /** Faults cleared before they started: their start does nothing. */
  private readonly cancelled = new Set<number>();

  /** Ends a fault now, or cancels it if it has not started (a person clears it in the UI). */
  clear(n: number): void {
    if (!this.undo.has(n)) this.cancelled.add(n);
    this.world.sim.schedule(0, Ev.FaultEnd, this.id, n);
  }

  get active(): number[] {
    return [...this.undo.keys()];
  }

  receive(kind: number, a: number): void {
    if (kind === Ev.FaultStart) {
      if (this.cancelled.has(a)) return;
      this.history.push({ fault: a, startMs: this.world.sim.now, endMs: null });
      const undo = this.apply(this.faults[a], a);
      if (undo) this.undo.set(a, undo);
      else this.history[this.history.length - 1].endMs = this.world.sim.now; // one-shot
      return;
    }
    invariant(kind === Ev.FaultEnd, `fault injector got unknown event kind ${kind}`);
    const undo = this.undo.get(a);
    if (!undo) return;
    this.undo.delete(a);
    const entry = this.history.find((h) => h.fault === a && h.endMs === null);
    if (entry) entry.endMs = this.world.sim.now;
    this.revert(undo);
  }

  /** Applies a fault; returns how to undo it (null for one-shot faults), as plain data. */
  private apply(f: FaultSpec, n: number): Undo | null {
    const w = this.world;
    switch (f.type) {
      case 'kill-replica': {
        this.markKilled(w.serviceByName(f.service), [f.replica], n);
        w.serviceByName(f.service).kill(f.replica);
        return { type: 'restart', service: f.service, replicas: [f.replica] };
      }
      case 'kill-service': {
        const svc = w.serviceByName(f.service);
        this.markKilled(svc, svc.replicas.map((_, r) => r), n);
        for (let r = 0; r < svc.replicas.length; r++) svc.kill(r);
        return { type: 'restart', service: f.service, replicas: svc.replicas.map((_, r) => r) };
      }
      case 'slow-replica': {
        const rep = w.serviceByName(f.service).replicas[f.replica];
        const before = rep.slowdown;
        rep.slowdown = f.factor;
        return { type: 'slowdown', service: f.service, replica: f.replica, before };
      }
      case 'latency': {
        const delay = sampler(f.delay, streamFor(w.seed, `fault/${n}`));
        const nodes = w.topology.nodes;
        const routes: number[] = [];
        w.routes.forEach((r, i) => {
          const e = w.topology.edges[r.edge];
          const hit = f.service !== undefined ? nodes[e.to].name === f.service : nodes[e.to].name === f.to && nodes[e.from].name === f.from;
          if (hit) routes.push(i);
        });
        for (const i of routes) w.routes[i].faultDelay = delay;
        return { type: 'latency', routes };
      }
      case 'packet-loss': {
        const before = w.network.loss;
        w.network.loss = f.rate;
        return { type: 'loss', before };
      }
      case 'partition': {
        const partition = w.network.partition(w.hostsNamed(f.between[0]), w.hostsNamed(f.between[1]), w.sim.now);
        w.checkControlPlaneReach();
        return { type: 'partition', partition };
      }
      case 'http-abort': {
        const svc = w.serviceByName(f.service);
        const before = svc.replicas.map((r) => ({ rate: r.errorRate, status: r.errorStatus, fault: r.errorFault }));
        for (const r of svc.replicas) {
          if (f.replica !== undefined && r.index !== f.replica) continue;
          r.errorRate = f.percent / 100;
          r.errorStatus = f.status;
          r.errorFault = n;
        }
        return { type: 'errors', service: f.service, before };
      }
      case 'control-plane-outage': {
        w.meshNamed(f.mesh).setUp(false);
        return { type: 'control-plane', mesh: f.mesh };
      }
      case 'ca-outage': {
        w.meshNamed(f.mesh).caUp = false;
        return { type: 'ca', mesh: f.mesh };
      }
      case 'expire-certificates': {
        for (const cp of w.controlPlanes) {
          if (f.mesh !== undefined && cp.spec.name !== f.mesh) continue;
          const hosts = f.service === undefined ? null : new Set(w.serviceByName(f.service).hosts);
          // Its members' and the gateways' that hold an identity from its CA (a bridge's other one is the other mesh's).
          const holders = [...cp.members, ...cp.certs.gateways];
          cp.expireNow(hosts === null ? holders : holders.filter((sc) => hosts.has(sc.host)));
        }
        return null;
      }
      case 'gateway-capacity': {
        const gw = w.serviceByName(f.gateway);
        const before = gw.replicas.map((r) => r.concurrency);
        gw.replicas.forEach((r, i) => gw.resize(i, Math.max(1, Math.floor(r.concurrency * f.factor))));
        return { type: 'capacity', gateway: f.gateway, before };
      }
      case 'clock-skew': {
        const svc = w.serviceByName(f.service);
        const hosts = f.replica === undefined ? [...svc.hosts] : [svc.hosts[f.replica]];
        const skew = f.ahead ? f.skew : -f.skew;
        for (const h of hosts) w.network.hosts[h].skew = skew;
        return { type: 'skew', hosts };
      }
    }
  }

  /**
   * Before fault `n` kills `replicas` of `svc`: the requests their pods hold or queue, which the kill resets back to
   * their callers (Service.kill), are tagged as its (marks.tag, cause reset). Reads the same live attempts as the kill.
   */
  private markKilled(svc: ServiceActor, replicas: readonly number[], n: number): void {
    const w = this.world;
    const hosts = new Set(replicas.filter((r) => w.network.hosts[svc.hosts[r]].up).map((r) => svc.hosts[r]));
    if (hosts.size === 0) return;
    const queued = new Set<number>();
    for (const r of replicas) if (hosts.has(svc.hosts[r])) for (const id of svc.replicas[r].queuedIds()) queued.add(id);
    w.attempts.forEachLive((a) => {
      if (((a.flags & AF.holdsWorker) !== 0 && hosts.has(a.host)) || queued.has(a.id)) {
        this.marks.effect(n).failed++;
        this.marks.tag(a, n, Cause.reset);
      }
    });
  }

  /** Undoes an active fault: puts back what `apply` recorded. */
  private revert(u: Undo): void {
    const w = this.world;
    switch (u.type) {
      case 'restart': {
        const svc = w.serviceByName(u.service);
        for (const r of u.replicas) svc.restart(r);
        return;
      }
      case 'slowdown':
        w.serviceByName(u.service).replicas[u.replica].slowdown = u.before;
        return;
      case 'latency':
        for (const i of u.routes) w.routes[i].faultDelay = null;
        return;
      case 'loss':
        w.network.loss = u.before;
        return;
      case 'partition':
        w.network.heal(u.partition, w.sim.now);
        w.checkControlPlaneReach();
        return;
      case 'errors':
        w.serviceByName(u.service).replicas.forEach((r, i) => {
          r.errorRate = u.before[i].rate;
          r.errorStatus = u.before[i].status;
          r.errorFault = u.before[i].fault;
        });
        return;
      case 'control-plane':
        w.meshNamed(u.mesh).setUp(true);
        return;
      case 'ca':
        w.meshNamed(u.mesh).caUp = true;
        return;
      case 'capacity': {
        const gw = w.serviceByName(u.gateway);
        u.before.forEach((c, i) => gw.resize(i, c));
        return;
      }
      case 'skew':
        for (const h of u.hosts) w.network.hosts[h].skew = 0;
        return;
      default:
        assertNever(u, 'fault undo');
    }
  }
}

/**
 * How to end an active fault, as plain data (a snapshot of the world copies it; a closure could
 * not be copied): what the fault changed and what was there before.
 */
export type Undo =
  | { readonly type: 'restart'; readonly service: string; readonly replicas: readonly number[] }
  | { readonly type: 'slowdown'; readonly service: string; readonly replica: number; readonly before: number }
  | { readonly type: 'latency'; readonly routes: readonly number[] }
  | { readonly type: 'loss'; readonly before: number }
  | { readonly type: 'partition'; readonly partition: Partition }
  | { readonly type: 'errors'; readonly service: string; readonly before: readonly { readonly rate: number; readonly status: number; readonly fault: number }[] }
  | { readonly type: 'control-plane'; readonly mesh: string | undefined }
  | { readonly type: 'ca'; readonly mesh: string | undefined }
  | { readonly type: 'capacity'; readonly gateway: string; readonly before: readonly number[] }
  | { readonly type: 'skew'; readonly hosts: readonly number[] };
