import { invariant, sampler, streamFor, type Actor } from '../../sim-engine';
import type { FaultSpec } from '../../scenario';
import { Ev } from '../events';
import type { World } from '../World';

/** Faults whose start and end are events, so they show in the trace and repeat exactly. */
export class FaultInjector implements Actor {
  readonly name = 'faults';
  readonly faults: FaultSpec[] = [];
  /** Undo functions of active faults, by fault number. */
  private readonly undo = new Map<number, () => void>();
  /** Faults that started, in order, with when they ended (null while active). */
  readonly history: { fault: number; startMs: number; endMs: number | null }[] = [];

  constructor(readonly id: number, private readonly world: World) {}

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
    undo();
  }

  /** Applies a fault; returns how to undo it (null for one-shot faults). */
  private apply(f: FaultSpec, n: number): (() => void) | null {
    const w = this.world;
    switch (f.type) {
      case 'kill-replica': {
        const svc = w.serviceByName(f.service);
        svc.kill(f.replica);
        return () => svc.restart(f.replica);
      }
      case 'kill-service': {
        const svc = w.serviceByName(f.service);
        for (let r = 0; r < svc.replicas.length; r++) svc.kill(r);
        return () => {
          for (let r = 0; r < svc.replicas.length; r++) svc.restart(r);
        };
      }
      case 'slow-replica': {
        const rep = w.serviceByName(f.service).replicas[f.replica];
        const before = rep.slowdown;
        rep.slowdown = f.factor;
        return () => {
          rep.slowdown = before;
        };
      }
      case 'latency': {
        const delay = sampler(f.delay, streamFor(w.seed, `fault/${n}`));
        const nodes = w.topology.nodes;
        const routes = w.routes.filter((r) => {
          const e = w.topology.edges[r.edge];
          if (f.service !== undefined) return nodes[e.to].name === f.service;
          return nodes[e.to].name === f.to && nodes[e.from].name === f.from;
        });
        for (const r of routes) r.faultDelay = delay;
        return () => {
          for (const r of routes) r.faultDelay = null;
        };
      }
      case 'packet-loss': {
        const before = w.network.loss;
        w.network.loss = f.rate;
        return () => {
          w.network.loss = before;
        };
      }
      case 'partition': {
        const heal = w.network.partition(w.hostsNamed(f.between[0]), w.hostsNamed(f.between[1]));
        w.checkControlPlaneReach();
        return () => {
          heal();
          w.checkControlPlaneReach();
        };
      }
      case 'http-abort': {
        const svc = w.serviceByName(f.service);
        const before = svc.replicas.map((r) => [r.errorRate, r.errorStatus] as const);
        for (const r of svc.replicas) {
          if (f.replica !== undefined && r.index !== f.replica) continue;
          r.errorRate = f.percent / 100;
          r.errorStatus = f.status;
        }
        return () => svc.replicas.forEach((r, i) => ([r.errorRate, r.errorStatus] = before[i]));
      }
      case 'control-plane-outage': {
        const cp = w.meshNamed(f.mesh);
        cp.setUp(false);
        return () => cp.setUp(true);
      }
      case 'ca-outage': {
        const cp = w.meshNamed(f.mesh);
        cp.caUp = false;
        return () => {
          cp.caUp = true;
        };
      }
      case 'expire-certificates': {
        for (const cp of w.controlPlanes) {
          if (f.mesh !== undefined && cp.spec.name !== f.mesh) continue;
          const hosts = f.service === undefined ? null : new Set(w.serviceByName(f.service).hosts);
          const members = hosts === null ? cp.members : cp.members.filter((sc) => hosts.has(sc.host));
          cp.expireNow(members);
        }
        return null;
      }
      case 'gateway-capacity': {
        const gw = w.serviceByName(f.gateway);
        const before = gw.replicas.map((r) => r.concurrency);
        gw.replicas.forEach((r, i) => gw.resize(i, Math.max(1, Math.floor(r.concurrency * f.factor))));
        return () => before.forEach((c, i) => gw.resize(i, c));
      }
      case 'clock-skew': {
        const svc = w.serviceByName(f.service);
        const hosts = f.replica === undefined ? svc.hosts : [svc.hosts[f.replica]];
        const skew = f.ahead ? f.skew : -f.skew;
        for (const h of hosts) w.network.hosts[h].skew = skew;
        return () => {
          for (const h of hosts) w.network.hosts[h].skew = 0;
        };
      }
    }
  }
}
