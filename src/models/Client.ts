import { drawAt, Histogram, invariant, Tally, type Actor, type Sampler, type Simulation } from '../sim-engine';
import type { ClientSpec } from '../scenario';
import { drawAtOf } from './drawRecords';
import { Cause } from './events';
import { K } from './eventCodes';
import { CF, type Call, type Request, type Table } from './Call';
import type { EdgeStats } from './EdgeStats';
import type { FaultMarks } from './faults/faultMarks';
import type { Tracer } from './spans/Tracer';
import type { Route } from './envoy/cluster';

/** What a client reaches of the world (World has it; nothing here imports World). */
export interface ClientHost {
  readonly sim: Simulation;
  /** The scenario's duration, ms: sends stop there. */
  readonly duration: number;
  /** Requests sent before it (ms) stay out of the latency figures (RequestBook.warmup). */
  readonly warmup: number;
  readonly requests: Table<Request>;
  readonly calls: Table<Call>;
  readonly tracer: Tracer | null;
  readonly dataPlane: { issue(call: Call): void };
  readonly edgeStats: readonly EdgeStats[];
  /** Counts a request sent (gives it its number). */
  requestSent(req: Request): void;
  /** Counts a request sent whose root call is its only record (ClientActor.rootIsRequest); returns its number. */
  rootSent(): number;
  /** Gives a request its one fate. */
  requestEnded(req: Request, cause: string, status: number): void;
  /** Gives the request whose only record is its root call `call` its one fate. */
  rootEnded(call: Call, cause: string, status: number): void;
  /** The fault injector's tally (faults/faultMarks.ts): a user request ended failed by a fault counts there. */
  readonly faults: { readonly marks: FaultMarks };
}

/**
 * A load generator. Open loop: requests at a rate (Poisson or constant), whatever the
 * system does. Closed loop: N users, each sending one request, waiting for its fate, then
 * thinking before the next. Sends stop at the scenario's duration.
 */
export class ClientActor implements Actor {
  /** Index of the edge from this client to its target. */
  edge = -1;
  target = -1;
  /** The client's route to its target (through its sidecar, if meshed). */
  route: Route | null = null;
  /** Its requests' header set (`spec.headers` interned: HeaderSets id, 0 for none). */
  headers = 0;
  sent = 0;
  /**
   * This client's own books, as RequestBook keeps the run's (the compare view's client scope and
   * the summary's `clients` read them): requests ended ok and failed, failures by cause, and the
   * latency of ok requests sent after the warm-up. Counted in `end`; they draw nothing and schedule
   * nothing, so trace hashes are unchanged. Kept only when `ownBooks`: a run's only client's books
   * would be the run's own (RequestBook), which `clientFigures` reads instead.
   */
  ok = 0;
  failed = 0;
  readonly failures = new Tally();
  readonly latency = new Histogram();
  /**
   * Whether it keeps the books above: true when the run has more than one client (World sets it once
   * all are built). NOTE: with one client every request is its, and a second Histogram record per
   * request was the chain bench's hot path paying twice (issue 14.4).
   */
  ownBooks = false;
  /**
   * Whether an untraced request's root call is its only record (no Request record): true when no client of the world
   * has a timeout (World sets it once all are built). NOTE: issue 14.4: a request record is read only by a timeout (its
   * id is the Timeout event's payload, in the trace hash) and by the tracer; without either it was a second record
   * allocated, written, looked up and released a request. World-wide, not per client: the record ids a timed client's
   * Timeout events carry stay those every request's record took before.
   */
  rootIsRequest = false;
  private readonly open: boolean;
  private readonly timeout: number;
  /** Where `gap` draws from when it is a draw record's (drawRecords.ts; NOTE: issue 14), else null. */
  private readonly gapBlock: Float64Array | null;
  private readonly gapAt: number;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly spec: ClientSpec,
    private readonly world: ClientHost,
    /** Open loop: time between sends. Closed loop: think time. */
    private readonly gap: Sampler,
  ) {
    this.open = spec.type === 'open';
    this.timeout = spec.timeout ?? Infinity;
    this.gapBlock = drawAtOf(gap)?.f ?? null;
    this.gapAt = drawAtOf(gap)?.p ?? 0;
  }

  /** True when its requests time out (`spec.timeout`). */
  get timed(): boolean {
    return this.timeout !== Infinity;
  }

  /** Schedules the first sends; called once when the world starts. */
  start(): void {
    const sim = this.world.sim;
    if (this.spec.type === 'open') {
      // Poisson arrivals start after one exponential gap; constant ones at t = 0.
      sim.schedule(this.spec.arrival === 'poisson' ? this.gap() : 0, K.Send, this.id, -1);
    } else {
      // Users start spread over one think time, so they do not all fire at once.
      for (let u = 0; u < this.spec.users; u++) sim.schedule(this.gap(), K.Send, this.id, u);
    }
  }

  receive(kind: number, a: number): void {
    switch (kind) {
      case K.Send:
        return this.send(a);
      case K.Response:
        return this.response(this.world.calls.get(a));
      case K.Timeout:
        return this.timedOut(this.world.requests.get(a));
      default:
        invariant(false, `client ${this.name} got unknown event kind ${kind}`);
    }
  }

  private send(user: number): void {
    const w = this.world;
    const now = w.sim.now;
    if (now >= w.duration) return;
    if (this.open === true) {
      const next = this.gapBlock !== null ? drawAt(this.gapBlock, this.gapAt) : this.gap();
      if (now + next < w.duration) {
        w.sim.nextDelay[0] = next; // NOTE: the gap reaches the queue unboxed (Simulation.postNext)
        w.sim.postNext(K.Send, this.id, -1);
      }
    }
    if (this.rootIsRequest === true && w.tracer === null) {
      this.sent++;
      return w.dataPlane.issue(this.rootCall(now, user, w.rootSent(), -1));
    }
    const req = w.requests.alloc();
    req.client = this.id;
    req.user = user;
    req.sentAt = now;
    this.sent++;
    w.requestSent(req);
    if (this.timeout !== Infinity) req.timeoutHandle = w.sim.schedule(this.timeout, K.Timeout, this.id, req.id);
    const call = this.rootCall(now, user, req.number, req.id);
    req.call = call.id;
    if (w.tracer !== null) w.tracer.begin(req, call, this.name);
    w.dataPlane.issue(call);
  }

  /** A request's first hop, the call to the client's target; `requestId` -1: the call is the request's only record. */
  private rootCall(now: number, user: number, number: number, requestId: number): Call {
    const call = this.world.calls.alloc();
    call.requestId = requestId;
    call.requestNumber = number;
    call.user = user;
    // The end user: one per closed-loop user; an open loop's every request is a new one.
    call.key = Math.imul(this.id + 1, 0x9e3779b9) ^ (this.open === true ? this.sent : user);
    call.caller = this.id;
    call.origin = this.id;
    call.service = this.target;
    call.edge = this.edge;
    call.route = this.route;
    call.headers = this.headers;
    call.sentAt = now;
    return call;
  }

  private response(call: Call): void {
    const w = this.world;
    // A failure a fault caused counts for it when it ends the request (not after the client's own timeout did).
    if (call.cause !== null) w.faults.marks.rootEnded(call, call.requestId < 0 || !w.requests.get(call.requestId).ended);
    if (call.requestId < 0) {
      // The root call was the request's only record (rootIsRequest): no timeout can have ended it before its answer.
      const cause = call.cause ?? Cause.ok;
      if (this.ownBooks === true) this.book(call.sentAt, cause);
      w.rootEnded(call, cause, call.status);
      if (this.open !== true) w.sim.schedule(this.gap(), K.Send, this.id, call.user);
      return w.calls.release(call);
    }
    const req = w.requests.get(call.requestId);
    if (!req.ended) {
      if (req.timeoutHandle >= 0) w.sim.cancel(req.timeoutHandle);
      this.end(req, call.cause ?? Cause.ok, call.status);
    }
    // The root hop is back: nothing refers to the request any more.
    w.calls.release(call);
    w.requests.release(req);
  }

  private timedOut(req: Request): void {
    const w = this.world;
    req.timeoutHandle = -1;
    // The request's hops keep running; the late answer is dropped when it arrives. The first
    // hop ends for its edge now, as a timeout (unless its answer is already on its way back).
    const call = w.calls.get(req.call);
    if ((call.flags & CF.done) === 0) {
      call.flags |= CF.callerGaveUp;
      w.edgeStats[call.edge].recordGiveUp(call);
    }
    this.end(req, Cause.timeout, 504);
  }

  private end(req: Request, cause: string, status: number): void {
    const w = this.world;
    if (this.ownBooks === true) this.book(req.sentAt, cause);
    w.requestEnded(req, cause, status);
    if (!this.open) this.world.sim.schedule(this.gap(), K.Send, this.id, req.user);
  }

  /** Books the end of a request sent at `sentAt` (ms) in this client's own figures (ownBooks), as RequestBook.requestEnded does the run's. */
  private book(sentAt: number, cause: string): void {
    if (cause === Cause.ok) {
      this.ok++;
      if (sentAt >= this.world.warmup) this.latency.record(this.world.sim.now - sentAt);
    } else {
      this.failed++;
      this.failures.add(cause);
    }
  }
}
