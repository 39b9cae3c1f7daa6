// Envoy's router filter: the per-call state machine. It runs the fault filter, starts the route timeout, picks a host and
// starts each try (an upstream request with its own per-try timer), judges each try's outcome, asks retry state whether to
// retry, and gives the call its one result. Follows envoyproxy/envoy source/common/router/router.cc (Filter::decodeHeaders,
// onResponseTimeout, onPerTryTimeout, onUpstreamReset, doRetry) and source/common/router/upstream_request.cc (a try: our
// Attempt). The route timeout spans every try; a try's timer starts when it gets a connection.
import { AF, CF, callOf, type Attempt, type Call } from '../Call';
import type { DataPlaneHost } from '../dataPlaneHost';
import { C, K } from '../eventCodes';
import { Cause } from '../events';
import type { CompiledPolicy } from '../proxy/policy';
import { ConfigState, type Sidecar } from '../proxy/Sidecar';
import { retryReason } from '../spans/retryReason';
import { faultAbortStatus, faultDelayMs } from './faultFilter';
import type { ConnPools } from './connPools';
import { backoffMs, mayRetry } from './retryState';

/**
 * The routers of every caller, as one object: a call's state is its Call record (tries, timers,
 * the retry slot it holds), its cluster's in the Cluster. Events it schedules go to the data
 * plane's actor (`id`), which hands them back here. Plain data (snapshots copy it).
 */
export class Router {
  constructor(
    /** Actor id of the data plane, which receives the router's timers. */
    private readonly id: number,
    private readonly world: DataPlaneHost,
    private readonly pool: ConnPools,
  ) {}

  /** The call left the caller's outbound pass: Envoy's fault filter (delay, then abort), then the router. */
  routeCall(call: Call): void {
    const r = call.route!;
    // A proxy that never reached its control plane has no routes at all.
    if (r.sidecar !== null && r.sidecar.config === ConfigState.none) return this.finishCall(call, Cause.noConfig, 503);
    // No route matched the request (routeTable.ts): Envoy's local 404, "route not found" (NR).
    if ((call.flags & CF.noRoute) !== 0) return this.finishCall(call, Cause.noRoute, 404);
    // The route's own policy (call.policy) where it differs from the cluster's: timeout, retries, fault.
    const p = call.policy ?? r.policy;
    // NOTE: issue 14.4: no fault filter (the common case): its delay and abort would draw nothing.
    if (p.fault === null) return this.startCall(call, p);
    const delay = faultDelayMs(p.fault, r.rng);
    if (delay >= 0) {
      this.world.sim.schedule(delay, K.FaultDelay, this.id, call.id);
      if (call.trace !== null) this.world.tracer!.faultDelay(call, this.world.sim.now, delay);
      return;
    }
    this.afterFaultDelay(call);
  }

  /** After the fault filter's delay (if any): its abort, else the route timer and the first try. */
  afterFaultDelay(call: Call): void {
    const r = call.route!;
    const p = call.policy ?? r.policy;
    const abort = faultAbortStatus(p.fault, r.rng);
    if (abort !== 0) return this.finishCall(call, Cause.faultAbort, abort);
    this.startCall(call, p);
  }

  /** Past the fault filter: the route timer (policy `p`'s timeout), then the first try. */
  private startCall(call: Call, p: CompiledPolicy): void {
    if (p.timeout !== Infinity) call.routeTimer = this.world.sim.schedule(p.timeout, K.RouteTimeout, this.id, call.id);
    this.tryOnce(call);
  }

  /** One try: pick a host, pass the circuit breakers, get a connection, send. */
  tryOnce(call: Call): void {
    const w = this.world;
    const r = call.route!;
    const p = call.policy ?? r.policy;
    const now = w.sim.now;
    // Istio's retries avoid the hosts already tried (the previous_hosts predicate).
    const i = r.lb.pick(r.policy, w.sim, call.key, p.avoidPreviousHosts === true && call.attempts > 0 ? call.triedHosts() : null);
    // No endpoint: Envoy answers 503 no-healthy-upstream; kube-proxy rejects the connection.
    if (i < 0) {
      if (call.trace !== null) w.tracer!.noHost(call, now, r.sidecar ? Cause.noHealthyUpstream : Cause.connectRefused);
      return this.finishCall(call, r.sidecar ? Cause.noHealthyUpstream : Cause.connectRefused, 503);
    }
    const att = w.attempts.alloc();
    att.call = call;
    att.route = r;
    att.requestNumber = call.requestNumber;
    att.key = call.key;
    att.headers = call.headers;
    att.policy = call.policy;
    if (p.avoidPreviousHosts === true && p.retries > 0) call.noteTried(i);
    att.origin = call.origin;
    att.caller = call.caller;
    att.replica = i;
    att.host = r.hosts[i];
    att.calleeSidecar = w.sidecarOfHost[att.host];
    att.sentAt = now;
    if (call.attempts++ > 0) att.flags |= AF.isRetry;
    w.edgeStats[call.edge].sent++; // every try is a request sent upstream (a call answered before any: EdgeStats.record)
    call.current = att.id;
    att.trace = call.trace;
    if (att.trace !== null) w.tracer!.tryStart(call, att, now);
    this.pool.acquire(r, att);
  }

  /** The request is on a connection: its per-try timer starts now, as Envoy's does. */
  startPerTryTimer(att: Attempt): void {
    const perTry = (att.policy ?? att.route!.policy).perTryTimeout;
    if (perTry !== Infinity) att.perTryTimer = this.world.sim.schedule(perTry, K.PerTryTimeout, this.id, att.id);
  }

  /** The answer (or a reset) reached the caller's router: settle the connection, then retry or finish. */
  attemptDone(att: Attempt): void {
    const r = att.route!;
    if ((att.flags & AF.abandoned) !== 0) return this.world.attempts.release(att);
    att.conn = C.closed;
    const call = callOf(att);
    // The request is no longer active before its connection goes to the next one waiting.
    this.endAttempt(att, call, att.cause, att.status);
    // A reset this router saw closes the connection; an answer (even a failed one) keeps it.
    const local = (att.flags & AF.local) !== 0;
    if (local) this.pool.closeBusy(r, att);
    else this.pool.releaseConnection(r, att);
    this.decide(att, call, att.cause, att.status, local);
    this.world.attempts.release(att);
  }

  /** The attempt failed before reaching the callee (connect failure, overflow). */
  attemptFailed(att: Attempt, cause: string, status: number): void {
    att.cause = cause;
    att.status = status;
    att.flags |= AF.local;
    const call = callOf(att);
    this.endAttempt(att, call, cause, status);
    this.decide(att, call, cause, status, true);
    this.world.attempts.release(att);
  }

  /**
   * Caller-side bookkeeping when an attempt is over for the router. The outcome counts for the
   * host's outlier detection unless the failure was the router's own doing before it reached
   * the host (overflow, a timeout while waiting in the pool).
   */
  // NOTE: issue 14.4: null first; `!== Cause.overflow` alone was a StrictEqual builtin call an answer (session 45).
  private endAttempt(att: Attempt, call: Call, cause: string | null, status: number, aboutHost = cause === null || cause !== Cause.overflow): void {
    const w = this.world;
    const r = att.route!;
    if ((att.flags & AF.attached) !== 0) {
      r.resources.activeRequests--;
      r.pool.addActive(att.replica, -1);
      att.flags &= ~AF.attached;
    }
    if (att.perTryTimer >= 0) {
      w.sim.cancel(att.perTryTimer);
      att.perTryTimer = -1;
    }
    if (call.current === att.id) call.current = -1;
    if ((call.flags & CF.holdsRetry) !== 0) {
      r.resources.activeRetries--;
      call.flags &= ~CF.holdsRetry;
    }
    if (att.trace !== null) w.tracer!.tryEnd(att, w.sim.now, cause, status);
    // NOTE: issue 14.4: recordOutcome does nothing without an outlier policy: not called then,
    // so the clock is not passed (a double passed to a call V8 does not inline is a heap number).
    if (aboutHost === true && r.policy.outlier !== null) r.outlier.recordOutcome(r.policy.outlier, att.replica, status, w.sim.now);
  }

  /**
   * Retry the call if retry state (policy, attempts left) and the cluster's retry limit allow; else finish. `local` says
   * the router itself saw the failure (connect failure, reset, its own timeout) rather than receiving an answer from upstream.
   */
  private decide(att: Attempt, call: Call, cause: string | null, status: number, local: boolean): void {
    const w = this.world;
    if ((call.flags & CF.done) !== 0) return;
    if (cause === null) return this.finishCall(call, null, status);
    const inherited = local === false && (att.flags & AF.inherited) !== 0;
    const r = call.route!;
    const p = call.policy ?? r.policy;
    if (mayRetry(p, call.attempts, cause, status, local)) {
      const res = r.resources;
      // The retry breaker and budget are the cluster's.
      if (res.canRetry(r.policy)) {
        res.activeRetries++;
        res.retriesStarted++;
        if (w.faults.marks.calls.size !== 0) w.faults.marks.retried(call); // a fault's failed try counts retried (faultMarks.ts)
        call.flags |= CF.holdsRetry;
        const backoff = backoffMs(p, call.attempts, r.rng);
        call.backoffTimer = w.sim.schedule(backoff, K.RetryBackoff, this.id, call.id);
        if (att.trace !== null) {
          w.tracer!.retryDecision(att, true, retryReason(r, call, cause, status, local, backoff));
          w.tracer!.backoff(call, w.sim.now, backoff);
        }
        return;
      }
      res.retryOverflows++;
      call.flags |= CF.retryOverflowed;
    }
    // Envoy's URX: a retriable failure with its retries used up (RetryStatus::NoRetryLimitExceeded).
    if (p.retries > 0 && call.attempts > p.retries && mayRetry(p, p.retries, cause, status, local)) call.flags |= CF.retryLimitReached;
    if (att.trace !== null) w.tracer!.retryDecision(att, false, retryReason(r, call, cause, status, local, null));
    this.finishCall(call, cause, status, inherited);
  }

  /**
   * Whether `decide` would retry this failed try if its answer reached the router now: the same
   * tests. For drawing only; changes nothing.
   */
  retryExpected(att: Attempt): boolean {
    const call = callOf(att);
    const r = call.route;
    if ((call.flags & CF.done) !== 0 || r === null) return false;
    return mayRetry(call.policy ?? r.policy, call.attempts, att.cause!, att.status, (att.flags & AF.local) !== 0) && r.resources.canRetry(r.policy);
  }

  /** Only a request on a connection has a per-try timer: its record lives on until the answer. */
  perTryTimeout(att: Attempt): void {
    att.perTryTimer = -1;
    const call = callOf(att);
    this.abandon(att, call, 504, true);
    this.decide(att, call, Cause.timeout, 504, true);
  }

  /**
   * The server closed `att`'s connection under its request before the answer left (a listener's
   * drain time ended: mesh/PlaintextDrain.ts): Envoy's onUpstreamReset with connection
   * termination, 503 UC, retried under `reset`, `5xx` or `gateway-error`. Its connection closes
   * (HTTP/2: its stream ends); the record lives on, abandoned, until the callee's answer, which
   * is dropped. AF.local: the router saw the reset (its try: TraceRecord.failTry). Rare: not on the per-request path.
   */
  upstreamReset(att: Attempt): void {
    att.flags |= AF.abandoned | AF.local;
    const call = callOf(att);
    this.endAttempt(att, call, Cause.reset, 503);
    this.pool.closeBusy(att.route!, att);
    this.decide(att, call, Cause.reset, 503, true);
  }

  routeTimeout(call: Call): void {
    const w = this.world;
    call.routeTimer = -1;
    if (call.current >= 0) {
      const att = w.attempts.get(call.current);
      this.abandon(att, call, 504, false);
      if (att.trace !== null) w.tracer!.retryDecision(att, false, 'route timeout: the call is over, no retry');
      if (att.conn !== C.sent) w.attempts.release(att);
    }
    this.finishCall(call, Cause.timeout, 504);
  }

  /**
   * The router gives up on an attempt (a timeout: its per-try timer if `perTry`, else the route's): Envoy resets the
   * upstream stream, so its connection closes. The attempt record lives on until its connect or answer comes back.
   */
  private abandon(att: Attempt, call: Call, status: number, perTry: boolean): void {
    const r = att.route!;
    const i = att.replica;
    // NOTE: the attempt's own cause stays the callee's to write: it may still be working on it.
    att.flags |= AF.abandoned;
    const reachedHost = att.conn === C.sent;
    if (reachedHost) {
      this.pool.closeBusy(r, att);
    } else if (att.conn === C.waiting) {
      this.pool.withdraw(r, att);
    }
    if (att.trace !== null) this.world.tracer!.tryTimedOut(att, this.world.sim.now, perTry, reachedHost);
    // A request that never left the pool says nothing about the host.
    this.endAttempt(att, call, Cause.timeout, status, reachedHost);
  }

  /**
   * Gives a call its result and hands it back to the caller app (through its sidecar's loopback).
   * `inherited`: the failure is the callee's own call's, passed up, so it happened further down.
   */
  private finishCall(call: Call, cause: string | null, status: number, inherited = false): void {
    const w = this.world;
    call.flags = (call.flags & ~CF.inherited) | (inherited ? CF.done | CF.inherited : CF.done);
    call.cause = cause;
    call.status = status;
    if (call.routeTimer >= 0) {
      w.sim.cancel(call.routeTimer);
      call.routeTimer = -1;
    }
    if (call.backoffTimer >= 0) {
      w.sim.cancel(call.backoffTimer);
      call.backoffTimer = -1;
    }
    const r = call.route!;
    if ((call.flags & CF.holdsRetry) !== 0) {
      r.resources.activeRetries--;
      call.flags &= ~CF.holdsRetry;
    }
    if (call.trace !== null) w.tracer!.callEnd(call, w.sim.now, cause, status, inherited);
    if ((call.flags & CF.callerGaveUp) === 0) w.edgeStats[call.edge].record(call, w.sim, w.warmup);
    const sc: Sidecar | null = r.sidecar;
    if (sc !== null) {
      // App <-> sidecar inside one pod. NOTE: zero delay delivers synchronously, without an event.
      const d = sc.loopbackDelay();
      if (d === 0) w.sim.actor(call.caller).receive(K.Response, call.id, 0);
      else {
        w.sim.nextDelay[0] = d; // NOTE: the delay reaches the queue unboxed (Simulation.postNext)
        w.sim.postNext(K.Response, call.caller, call.id, 0);
      }
    } else w.sim.actor(call.caller).receive(K.Response, call.id, 0);
  }
}
