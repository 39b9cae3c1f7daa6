import { Histogram, invariant, type Actor, type Rng, type Sampler } from '../sim-engine';
import type { ServiceSpec } from '../scenario';
import { Cause, Ev } from './events';
import type { Attempt, Call } from './Call';
import type { Route } from './proxy/Route';
import type { World } from './World';

/** One compiled downstream call of a service. */
interface Downstream {
  service: number;
  edge: number;
  probability: number;
  /** The route to use from each of this service's replicas, by replica index. */
  routes: Route[];
}

/** One replica: C workers and a FIFO queue of call ids (a growable ring buffer). */
export class Replica {
  busy = 0;
  private ring = new Int32Array(16);
  private head = 0;
  queued = 0;
  /** Integral of busy workers over simulated time, for utilization. */
  busyArea = 0;
  private lastChange = 0;
  served = 0;
  /** Share of this replica's answers that are HTTP 500 (faults change it). */
  errorRate: number;
  /** Service-time multiplier: 1 normally, more when the replica's CPU is slowed. */
  slowdown = 1;

  constructor(readonly index: number, readonly concurrency: number, readonly capacity: number, errorRate = 0) {
    this.errorRate = errorRate;
  }

  /** Adds `delta` busy workers at time `now`, keeping the busy-time integral exact. */
  changeBusy(now: number, delta: number): void {
    this.busyArea += this.busy * (now - this.lastChange);
    this.lastChange = now;
    this.busy += delta;
  }

  /** Busy-worker time up to `now`, without changing state. */
  busyAreaAt(now: number): number {
    return this.busyArea + this.busy * (now - this.lastChange);
  }

  enqueue(callId: number): void {
    if (this.queued === this.ring.length) {
      const next = new Int32Array(this.ring.length * 2);
      for (let i = 0; i < this.queued; i++) next[i] = this.ring[(this.head + i) % this.ring.length];
      this.ring = next;
      this.head = 0;
    }
    this.ring[(this.head + this.queued) % this.ring.length] = callId;
    this.queued++;
  }

  dequeue(): number {
    const id = this.ring[this.head];
    this.head = (this.head + 1) % this.ring.length;
    this.queued--;
    return id;
  }
}

/**
 * A service: R replicas with C workers each and a FIFO queue per replica. An attempt (one try
 * of a caller's call) holds a worker for its service time, then for its downstream calls
 * (sequential or parallel), then answers through the data plane. A full queue answers at once
 * with `queue-full` (503).
 */
export class ServiceActor implements Actor {
  readonly replicas: Replica[];
  readonly downstream: Downstream[] = [];
  /** Time from arrival at the app to its answer, for ok answers sent after the warmup. */
  readonly latency = new Histogram();
  arrivals = 0;
  ok = 0;
  failed = 0;
  private readonly serviceTime: Sampler;
  private readonly parallel: boolean;
  /** Host id of each replica. */
  readonly hosts: number[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
    readonly spec: ServiceSpec,
    private readonly world: World,
    private readonly rng: Rng,
    serviceTime: Sampler,
  ) {
    const capacity = spec.queueCapacity ?? Infinity;
    this.replicas = Array.from({ length: spec.replicas }, (_, i) => new Replica(i, spec.concurrency, capacity, spec.errorRate));
    this.serviceTime = serviceTime;
    this.parallel = spec.callMode === 'parallel';
  }

  /** Wires a downstream call (done once the world knows every service, host and route). */
  addDownstream(service: number, edge: number, probability: number, routes: Route[]): void {
    this.downstream.push({ service, edge, probability, routes });
  }

  receive(kind: number, a: number): void {
    switch (kind) {
      case Ev.Arrive:
        return this.arrive(this.world.attempts.get(a));
      case Ev.WorkDone:
        return this.workDone(this.world.attempts.get(a));
      case Ev.Response:
        return this.childResponse(this.world.calls.get(a));
      default:
        invariant(false, `service ${this.name} got unknown event kind ${kind}`);
    }
  }

  private arrive(att: Attempt): void {
    att.arrivedAt = this.world.sim.now;
    att.atCallee = true;
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
    this.world.sim.schedule(this.serviceTime() * replica.slowdown, Ev.WorkDone, this.id, att.id);
  }

  private workDone(att: Attempt): void {
    const errorRate = this.replicas[att.replica].errorRate;
    if (errorRate > 0 && this.rng() < errorRate) {
      att.cause = Cause.http5xx;
      att.status = 500;
      return this.finish(att);
    }
    if (this.parallel) {
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

  private issue(parent: Attempt, d: Downstream): void {
    const w = this.world;
    const child = w.calls.alloc();
    child.requestId = parent.requestId;
    child.caller = this.id;
    child.parent = parent.id;
    child.service = d.service;
    child.edge = d.edge;
    child.route = d.routes[parent.replica];
    child.sentAt = w.sim.now;
    w.dataPlane.issue(child);
  }

  private childResponse(child: Call): void {
    const parent = this.world.attempts.get(child.parent);
    if (child.cause !== null && parent.cause === null) {
      parent.cause = child.cause;
      // A failed dependency surfaces to our caller as a gateway-style error.
      parent.status = child.status >= 500 ? child.status : 502;
    }
    this.world.calls.release(child);
    parent.pending--;
    if (parent.pending > 0) return;
    if (this.parallel || parent.cause !== null) this.finish(parent);
    else this.nextSequential(parent);
  }

  /** The attempt's work here is over: free the worker, answer, and start the next in queue. */
  private finish(att: Attempt): void {
    const replica = this.replicas[att.replica];
    replica.changeBusy(this.world.sim.now, -1);
    replica.served++;
    this.answer(att);
    if (replica.queued > 0) this.start(this.world.attempts.get(replica.dequeue()), replica);
  }

  private answer(att: Attempt): void {
    if (att.cause === null) {
      this.ok++;
      if (att.sentAt >= this.world.warmup) this.latency.record(this.world.sim.now - att.arrivedAt);
    } else {
      this.failed++;
    }
    att.atCallee = false;
    this.world.dataPlane.respond(att);
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
