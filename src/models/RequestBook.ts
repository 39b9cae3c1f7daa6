import { Histogram, InvariantError, Tally, TimeSeries, type Simulation } from '../sim-engine';
import type { Call, Request, Table } from './Call';
import { Cause } from './events';
import type { WorldObserver } from './Observer';
import type { Tracer } from './spans/Tracer';
import { MAX_IN_FLIGHT, overloadedError, type BacklogOwner, type QueueOwner } from './worldLimits';

/**
 * The end-to-end books of a run: requests sent, ended ok and failed (by cause, and by HTTP status
 * for `http-5xx`), latency of ok requests, and each per second. World extends it, so a report
 * reads `world.sent` and `world.failures`; it keeps the books while World only wires.
 *
 * Invariant: sent = ok + failed + inFlight at every instant; each request ends exactly once.
 */
export abstract class RequestBook {
  sent = 0;
  ok = 0;
  failed = 0;
  readonly failures = new Tally();
  /** The HTTP status of every `http-5xx` fate, by code. */
  readonly httpErrors = new Tally();
  /** End-to-end latency of ok requests sent after the warmup. */
  readonly latency = new Histogram();
  readonly sentPerSecond = new TimeSeries();
  readonly okPerSecond = new TimeSeries();
  readonly failedPerSecond = new TimeSeries();
  /** Requests or calls in flight at once past which the run stops (MAX_IN_FLIGHT; tests lower it). */
  maxInFlight = MAX_IN_FLIGHT;

  abstract readonly sim: Simulation;
  /** Requests sent before it (ms) stay out of the latency figures. */
  abstract readonly warmup: number;
  abstract readonly calls: Table<Call>;
  /** Services and gateways, whose queues the overload message names. */
  abstract readonly callees: readonly QueueOwner[];
  /** Sidecars, whose backlogs the overload message names beside the queues. */
  abstract readonly sidecars: readonly BacklogOwner[];
  abstract tracer: Tracer | null;
  abstract observer: WorldObserver | null;

  get inFlight(): number {
    return this.sent - this.ok - this.failed;
  }

  /** Counts a request sent and gives it its number; stops the run past `maxInFlight`. */
  requestSent(req: Request): void {
    req.number = this.rootSent();
  }

  /**
   * Counts a request sent now (its root call is its only record: ClientActor.rootIsRequest) and returns its number;
   * stops the run past `maxInFlight`.
   */
  rootSent(): number {
    this.sent++;
    // NOTE: two compares per request sent; see MAX_IN_FLIGHT.
    if (this.sent - this.ok - this.failed > this.maxInFlight || this.calls.inUse > this.maxInFlight) throw overloadedError(this.callees, this.maxInFlight, this.sim.now, this.sidecars);
    this.sentPerSecond.addSecond(Math.floor(this.sim.now / 1000)); // NOTE: an integer, not a time (TimeSeries.addSecond)
    return this.sent;
  }

  /** Gives a request its one fate. Throws if it already had one. */
  requestEnded(req: Request, cause: string, status: number): void {
    if (req.ended) throw new InvariantError(`request ${req.id} ended twice`);
    req.ended = true;
    this.booked(req, req.client, req.number, cause, status);
    if (req.trace !== null) this.tracer!.requestEnded(req, this.sim.now, cause, status);
  }

  /** Gives the request whose root call `call` is its only record its one fate (it ends only there: no timeout). */
  rootEnded(call: Call, cause: string, status: number): void {
    this.booked(call, call.origin, call.requestNumber, cause, status);
  }

  /** The books of a request's fate: `rec` (its record, or its root call) says when it was sent. */
  private booked(rec: Request | Call, client: number, number: number, cause: string, status: number): void {
    const now = this.sim.now;
    const latency = now - rec.sentAt;
    if (cause === 'ok') {
      this.ok++;
      this.okPerSecond.addSecond(Math.floor(now / 1000)); // NOTE: as add(now), an integer passed (TimeSeries.addSecond)
      if (rec.sentAt >= this.warmup) this.latency.record(latency);
    } else {
      this.failed++;
      this.failures.add(cause);
      // Every failure with an HTTP status: the app's 5xx and the 504/503/404 Envoy answers itself.
      if (status >= 400) this.httpErrors.add(String(status));
      this.failedPerSecond.add(now);
    }
    if (this.observer !== null) this.observer.requestEnded(client, cause, latency, number);
  }
}
