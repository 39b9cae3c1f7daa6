import { Histogram, invariant, type Actor, type Rng, type Sampler } from '../sim-engine';
import type { ServiceSpec } from '../scenario';
import { Cause, Ev } from './events';
import type { Call } from './Call';
import type { World } from './World';

/** One compiled downstream call of a service. */
interface Downstream {
  service: number;
  edge: number;
  probability: number;
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

  constructor(readonly index: number, readonly concurrency: number, readonly capacity: number) {}

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
 * A service: R replicas with C workers each and a FIFO queue per replica. A call holds a
 * worker for its service time, then for its downstream calls (sequential or parallel), then
 * answers its caller. A full queue answers at once with `queue-full`.
 */
export class ServiceActor implements Actor {
  readonly replicas: Replica[];
  readonly downstream: Downstream[] = [];
  readonly latency = new Histogram();
  arrivals = 0;
  ok = 0;
  failed = 0;
  private rr = 0;
  private readonly serviceTime: Sampler;
  private readonly parallel: boolean;
  private readonly randomLb: boolean;
  private readonly errorRate: number;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly spec: ServiceSpec,
    private readonly world: World,
    private readonly rng: Rng,
    serviceTime: Sampler,
  ) {
    const capacity = spec.queueCapacity ?? Infinity;
    this.replicas = Array.from({ length: spec.replicas }, (_, i) => new Replica(i, spec.concurrency, capacity));
    this.serviceTime = serviceTime;
    this.parallel = spec.callMode === 'parallel';
    this.randomLb = spec.loadBalancer === 'random';
    this.errorRate = spec.errorRate;
  }

  /** Wires a downstream call (done once the world knows every service and edge). */
  addDownstream(service: number, edge: number, probability: number): void {
    this.downstream.push({ service, edge, probability });
  }

  receive(kind: number, a: number): void {
    switch (kind) {
      case Ev.Arrive:
        return this.arrive(this.world.calls.get(a));
      case Ev.WorkDone:
        return this.workDone(this.world.calls.get(a));
      case Ev.Response:
        return this.childResponse(this.world.calls.get(a));
      default:
        invariant(false, `service ${this.name} got unknown event kind ${kind}`);
    }
  }

  private arrive(call: Call): void {
    const now = this.world.sim.now;
    call.arrivedAt = now;
    this.arrivals++;
    const n = this.replicas.length;
    const r = this.randomLb ? Math.floor(this.rng() * n) : this.rr++ % n;
    const replica = this.replicas[r];
    call.replica = r;
    if (replica.busy < replica.concurrency) {
      this.start(call, replica);
    } else if (replica.queued < replica.capacity) {
      replica.enqueue(call.id);
    } else {
      call.cause = Cause.queueFull;
      call.status = 503;
      this.answer(call);
    }
  }

  private start(call: Call, replica: Replica): void {
    replica.changeBusy(this.world.sim.now, +1);
    this.world.sim.schedule(this.serviceTime(), Ev.WorkDone, this.id, call.id);
  }

  private workDone(call: Call): void {
    if (this.errorRate > 0 && this.rng() < this.errorRate) {
      call.cause = Cause.http5xx;
      call.status = 500;
      return this.finish(call);
    }
    if (this.parallel) {
      // The extra count guards the call while we issue: a zero-latency answer arrives
      // synchronously and must not finish the call before every child is out.
      call.pending = 1;
      for (let i = 0; i < this.downstream.length; i++) {
        const d = this.downstream[i];
        if (d.probability >= 1 || this.rng() < d.probability) {
          call.pending++;
          this.issue(call, d);
        }
      }
      if (--call.pending === 0) this.finish(call);
      return;
    }
    this.nextSequential(call);
  }

  private nextSequential(call: Call): void {
    while (call.nextCall < this.downstream.length) {
      const d = this.downstream[call.nextCall++];
      if (d.probability >= 1 || this.rng() < d.probability) {
        call.pending = 1;
        this.issue(call, d);
        return;
      }
    }
    this.finish(call);
  }

  private issue(parent: Call, d: Downstream): void {
    const w = this.world;
    const child = w.calls.alloc();
    child.requestId = parent.requestId;
    child.caller = this.id;
    child.parent = parent.id;
    child.service = d.service;
    child.edge = d.edge;
    child.sentAt = w.sim.now;
    w.transmit(child, false);
  }

  private childResponse(child: Call): void {
    const parent = this.world.calls.get(child.parent);
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

  /** The call's work here is over: free the worker, answer, and start the next in queue. */
  private finish(call: Call): void {
    const replica = this.replicas[call.replica];
    const now = this.world.sim.now;
    replica.changeBusy(now, -1);
    replica.served++;
    this.answer(call);
    if (replica.queued > 0) this.start(this.world.calls.get(replica.dequeue()), replica);
  }

  private answer(call: Call): void {
    if (call.cause === null) {
      this.ok++;
      if (call.sentAt >= this.world.warmup) this.latency.record(this.world.sim.now - call.arrivedAt);
    } else {
      this.failed++;
    }
    this.world.transmit(call, true);
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
