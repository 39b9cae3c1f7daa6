import { Histogram, invariant, type Actor, type Rng, type Sampler } from '../sim-engine';
import type { ServiceSpec } from '../scenario';
import { drawAtOf } from './drawRecords';
import { drawServiceTimeInto, serviceDrawn } from './serviceDraw';
import { Cause } from './events';
import { K } from './eventCodes';
import { AF, type Attempt, type Call } from './Call';
import type { Route } from './envoy/cluster';
import type { RouteTable } from './envoy/routeTable';
import type { ServiceHost } from './serviceHost';
import { Replica } from './Replica';
export type { ServiceHost } from './serviceHost';

/** One compiled downstream call of a service. */
export interface Downstream {
  service: number;
  edge: number;
  probability: number;
  /** The route to use from each of this service's replicas, by replica index. */
  routes: Route[];
  /** The call's routes (`calls[].routes`; null: none): they pick each call's destination. */
  table: RouteTable | null;
}

/**
 * A service: R replicas with C workers each and a FIFO queue per replica. An attempt (one try
 * of a caller's call) holds a worker for its service time, then for its downstream calls
 * (sequential or parallel), then answers through the data plane. A full queue answers at once
 * with `queue-full` (503). A killed replica resets everything it holds.
 */
export class ServiceActor implements Actor {
  readonly replicas: Replica[];
  readonly downstream: Downstream[] = [];
  /** Time from arrival at the app to its answer, for ok answers sent after the warmup. */
  readonly latency = new Histogram();
  /** `latency`'s id in the world's HistogramLog, which its values go through (NOTE: issue 14.2), or -1: none. */
  readonly latencyId: number;
  arrivals = 0;
  ok = 0;
  failed = 0;
  private readonly parallel: boolean;
  /** Where `serviceTime` draws from when it is a draw record's (drawRecords.ts; NOTE: issue 14), else null. */
  private readonly timeBlock: Float64Array | null;
  private readonly timeAt: number;
  /** Host id of each replica. */
  readonly hosts: number[] = [];
  /** Index of this service in the world's endpoint tables. */
  index = -1;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly spec: ServiceSpec,
    protected readonly world: ServiceHost,
    protected readonly rng: Rng,
    protected readonly serviceTime: Sampler,
  ) {
    this.replicas = Array.from({ length: spec.replicas }, (_, i) => new Replica(i, spec.concurrency, spec.queueCapacity ?? Infinity, spec.errorRate));
    this.timeBlock = drawAtOf(serviceTime)?.f ?? null;
    this.timeAt = drawAtOf(serviceTime)?.p ?? 0;
    this.parallel = spec.callMode === 'parallel';
    this.latencyId = world.histogramLog === null ? -1 : world.histogramLog.register(this.latency);
  }

  /** Wires a downstream call (done once the world knows every service, host and route). */
  addDownstream(service: number, edge: number, probability: number, routes: Route[], table: RouteTable | null = null): number {
    this.downstream.push({ service, edge, probability, routes, table });
    return this.downstream.length - 1;
  }

  receive(kind: number, a: number): void {
    switch (kind) {
      case K.Arrive:
        return this.arrive(this.world.attempts.get(a));
      case K.WorkDone:
        return this.workDone(this.world.attempts.get(a));
      case K.Response:
        return this.childResponse(this.world.calls.get(a));
      default:
        invariant(false, `service ${this.name} got unknown event kind ${kind}`);
    }
  }

  private arrive(att: Attempt): void {
    if (!this.world.network.hostUp(att.host)) return this.world.dataPlane.resetToCaller(att);
    att.arrivedAt = this.world.sim.now;
    if (att.trace !== null) this.world.tracer!.arrive(att, att.arrivedAt);
    this.arrivals++;
    const replica = this.replicas[att.replica];
    if (replica.busy < replica.concurrency) {
      this.start(att, replica);
    } else if (replica.queued < replica.capacity) {
      replica.enqueue(att.id);
    } else {
      att.cause = Cause.queueFull;
      att.status = 503;
      this.answer(att);
    }
  }

  private start(att: Attempt, replica: Replica): void {
    replica.changeBusy(this.world.sim.now, +1);
    att.flags |= AF.holdsWorker;
    let base = 0; // NOTE: the draw through a slot (serviceDraw.ts)
    if (this.timeBlock !== null) { drawServiceTimeInto(this.timeBlock, this.timeAt); base = serviceDrawn[0]; } else base = this.serviceTime();
    const ms = base * replica.slowdown;
    // NOTE: issue 14.4: the delay in and the handle out through the kernel's slots (Simulation.scheduleNext).
    this.world.sim.nextDelay[0] = ms;
    this.world.sim.scheduleNext(K.WorkDone, this.id, att.id);
    att.workTimer = this.world.sim.lastHandle;
    if (att.trace !== null) this.world.tracer!.appStart(att, this.world.sim.now, ms);
  }

  /** The CPU part is done: fail, or make the downstream calls. Gateways override this. */
  protected workDone(att: Attempt): void {
    att.workTimer = -1;
    const replica = this.replicas[att.replica];
    if (replica.errorRate > 0 && this.rng() < replica.errorRate) {
      att.cause = Cause.http5xx;
      att.status = replica.errorStatus;
      if (replica.errorFault >= 0) this.world.faults.marks.hostFailed(att, replica.errorFault);
      return this.finish(att);
    }
    if (this.parallel === true) {
      // The extra count guards the attempt while we issue: a zero-latency answer arrives
      // synchronously and must not finish it before every child is out.
      att.pending = 1;
      for (let i = 0; i < this.downstream.length; i++) {
        const d = this.downstream[i];
        if (d.probability >= 1 || this.rng() < d.probability) {
          att.pending++;
          this.issue(att, d);
        }
      }
      if (--att.pending === 0) this.finish(att);
      return;
    }
    this.nextSequential(att);
  }

  private nextSequential(att: Attempt): void {
    while (att.nextCall < this.downstream.length) {
      const d = this.downstream[att.nextCall++];
      if (d.probability >= 1 || this.rng() < d.probability) {
        att.pending = 1;
        this.issue(att, d);
        return;
      }
    }
    this.finish(att);
  }

  protected issue(parent: Attempt, d: Downstream): void {
    const w = this.world;
    const child = w.calls.alloc();
    child.requestNumber = parent.requestNumber;
    child.key = parent.key;
    child.origin = parent.origin;
    child.caller = this.id;
    child.parent = parent;
    child.headers = parent.headers;
    if (d.table !== null) d.table.aim(child, parent.replica, d);
    else {
      child.service = d.service;
      child.edge = d.edge;
      child.route = d.routes[parent.replica];
    }
    child.sentAt = w.sim.now;
    child.trace = parent.trace;
    w.dataPlane.issue(child);
  }

  private childResponse(child: Call): void {
    const w = this.world;
    const parent = child.parent;
    if (parent === null) {
      // Its parent was reset when the replica died; nobody waits for this answer.
      w.calls.release(child);
      return;
    }
    if (child.cause !== null && parent.cause === null) {
      parent.cause = child.cause;
      parent.flags |= AF.inherited;
      // A failed dependency surfaces to our caller as a gateway-style error; a fault's failure stays its (faultMarks.ts).
      parent.status = child.status >= 500 ? child.status : child.status >= 400 ? child.status : 502;
      this.world.faults.marks.inherit(child, parent);
    }
    w.calls.release(child);
    parent.pending--;
    if (parent.pending > 0) return;
    if (this.parallel === true || parent.cause !== null) this.finish(parent);
    else this.nextSequential(parent);
  }

  /** A call made for `parent` is retried upstream: nothing for a service's app (its sidecar's passes cost it); a gateway charges its CPU. */
  upstreamRetry(parent: Attempt): void { void parent; }

  /** The attempt's work here is over: free its worker (if it still holds one), answer, start the next. */
  protected finish(att: Attempt): void {
    // Read the replica first: answering may hand the record back to its pool.
    const replica = this.replicas[att.replica];
    const held = (att.flags & AF.holdsWorker) !== 0;
    if (held) this.releaseWorker(att);
    this.answer(att);
    if (held) this.startQueued(replica);
  }

  /** Frees the worker an attempt holds; the caller starts queued work when it is ready. */
  protected releaseWorker(att: Attempt): void {
    const replica = this.replicas[att.replica];
    replica.changeBusy(this.world.sim.now, -1);
    replica.served++;
    att.flags &= ~AF.holdsWorker;
  }

  /** Starts queued attempts while workers are free. */
  protected startQueued(replica: Replica): void {
    while (replica.queued > 0 && replica.busy < replica.concurrency) this.start(this.world.attempts.get(replica.dequeue()), replica);
  }

  protected answer(att: Attempt): void {
    if (att.cause === null) {
      this.ok++;
      if (att.sentAt >= this.world.warmup) {
        const log = this.world.histogramLog;
        if (log !== null) log.add(this.latencyId, this.world.sim.now - att.arrivedAt);
        else this.latency.record(this.world.sim.now - att.arrivedAt);
      }
    } else {
      this.failed++;
    }
    if (att.trace !== null) this.world.tracer!.answered(att, this.world.sim.now);
    this.world.dataPlane.respond(att);
  }

  /** Changes a replica's worker count (a capacity fault); queued work starts if room appears. */
  resize(r: number, concurrency: number): void {
    const replica = this.replicas[r];
    replica.concurrency = concurrency;
    this.startQueued(replica);
  }

  /**
   * Kills a replica's pod: every attempt it holds or queues is reset back to its caller, its
   * own outstanding calls are orphaned, and its host refuses connections until restarted.
   */
  kill(r: number): void {
    const w = this.world;
    const host = w.network.hosts[this.hosts[r]];
    if (!host.up) return;
    host.up = false;
    const replica = this.replicas[r];
    const now = w.sim.now;
    // Kills are rare: a scan finds the attempts holding this replica's workers (no set kept on the hot path).
    const held: number[] = [];
    w.attempts.forEachLive((a) => {
      if ((a.flags & AF.holdsWorker) !== 0 && a.host === host.id) held.push(a.id);
    });
    replica.changeBusy(now, -replica.busy);
    if (held.length > 0) {
      const ids = new Set(held);
      w.calls.forEachLive((c) => {
        if (c.caller === this.id && c.parent !== null && ids.has(c.parent.id)) c.parent = null;
      });
    }
    for (const id of held) {
      const att = w.attempts.get(id);
      att.flags &= ~AF.holdsWorker;
      if (att.workTimer >= 0) w.sim.cancel(att.workTimer);
      att.workTimer = -1;
      att.pending = 0;
      w.dataPlane.resetToCaller(att);
    }
    while (replica.queued > 0) w.dataPlane.resetToCaller(w.attempts.get(replica.dequeue()));
    // Its kernel is gone with it: every caller's idle connection to it is closed.
    for (const route of w.routes) if (route.service === this.id) w.dataPlane.closeIdle(route, r);
    w.endpointsChanged(this, r, false);
  }

  /** Brings a killed replica back, empty; the control plane tells proxies it exists again. */
  restart(r: number): void {
    const host = this.world.network.hosts[this.hosts[r]];
    if (host.up) return;
    host.up = true;
    this.world.endpointsChanged(this, r, true);
  }

  /** Share of worker time spent busy, over all replicas, up to `now`. */
  utilization(now: number): number {
    if (now <= 0) return 0;
    let area = 0;
    let workers = 0;
    for (const r of this.replicas) {
      area += r.busyAreaAt(now);
      workers += r.concurrency;
    }
    return area / (workers * now);
  }
}
