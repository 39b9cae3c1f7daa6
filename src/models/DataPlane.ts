import { invariant, type Actor, type Sampler } from '../sim-engine';
import { Attempt, Call } from './Call';
import { Cause, Ev } from './events';
import { Conn, Connections, type ConnectionUser } from './net/Connections';
import { TCP_GIVE_UP_MS } from './net/Network';
import { ConfigState, Pass, type Sidecar } from './proxy/Sidecar';
import { retriable } from './proxy/policy';
import type { Route } from './proxy/Route';
import { retryReason } from './spans/retryReason';
import type { World } from './World';

/**
 * The data plane: everything between a caller app asking for a service and that service's app
 * receiving the request, and back. Sidecar passes (CPU), Envoy's router (fault injection,
 * route and per-try timeouts, retries with backoff and budgets), load balancing, circuit
 * breakers, outlier detection, connection pools, TCP connect, mTLS handshakes, and the
 * network. Plain (unmeshed) callers go through the same path with a policy that does nothing.
 *
 * One actor for all hosts: events carry a call or attempt id, and those know their route,
 * sidecar and hosts. Each route draws from its own random stream.
 */
export class DataPlane implements Actor, ConnectionUser {
  readonly name = 'data-plane';
  readonly connections: Connections;
  constructor(readonly id: number, private readonly world: World) {
    this.connections = new Connections(world, this);
  }

  receive(kind: number, a: number, b: number): void {
    const w = this.world;
    switch (kind) {
      case Ev.ProxyArrive:
        return this.proxyArrive(a, b);
      case Ev.ProxyDone:
        return this.proxyDone(a, b);
      case Ev.ConnectDone:
        return this.connections.connectDone(w.routes[a], b);
      case Ev.TlsAtServer:
        return this.connections.tlsAtServer(w.routes[a], b);
      case Ev.TlsAtClient:
        return this.connections.tlsAtClient(w.routes[a], b);
      case Ev.AttemptResponse:
        return this.attemptDone(w.attempts.get(a));
      case Ev.PerTryTimeout:
        return this.perTryTimeout(w.attempts.get(a));
      case Ev.RouteTimeout:
        return this.routeTimeout(w.calls.get(a));
      case Ev.RetryBackoff: {
        const call = w.calls.get(a);
        call.backoffTimer = -1;
        return this.tryOnce(call);
      }
      case Ev.FaultDelay:
        return this.afterFaultDelay(w.calls.get(a));
      case Ev.TcpGiveUp:
        return this.tcpGiveUp(w.attempts.get(a));
      default:
        invariant(false, `data plane got unknown event kind ${kind}`);
    }
  }

  /** The link an event is about, `caller -> callee`, to name it when the clock stalls. */
  describe(kind: number, a: number, b: number): string {
    const w = this.world;
    switch (kind) {
      case Ev.ConnectDone:
      case Ev.TlsAtServer:
      case Ev.TlsAtClient:
        return w.edgeName(w.routes[a].edge);
      case Ev.RouteTimeout:
      case Ev.RetryBackoff:
      case Ev.FaultDelay:
        return w.edgeName(w.calls.get(a).edge);
      case Ev.ProxyArrive:
      case Ev.ProxyDone:
        if (b === Pass.outRequest) return w.edgeName(w.calls.get(a).edge);
        return w.edgeName(w.attempts.get(a).route!.edge);
      default:
        return w.edgeName(w.attempts.get(a).route!.edge);
    }
  }

  // ---- the caller's side ---------------------------------------------------------------

  /** A caller app hands a call to its outbound side: its sidecar, or straight to the router. */
  issue(call: Call): void {
    if (call.trace !== null) this.world.tracer!.callStart(call, call.parent >= 0 ? this.world.attempts.get(call.parent) : null);
    const sc = call.route!.sidecar;
    if (sc) this.toProxy(sc, 0, call.id, Pass.outRequest);
    else this.routeCall(call);
  }

  /** Envoy's fault filter (delay, then abort), then the router. */
  private routeCall(call: Call): void {
    const r = call.route!;
    // A proxy that never reached its control plane has no routes at all.
    if (r.sidecar !== null && r.sidecar.config === ConfigState.none) return this.finishCall(call, Cause.noConfig, 503);
    const f = r.policy.fault;
    if (f && f.delayPercent > 0 && r.rng() * 100 < f.delayPercent) {
      this.world.sim.schedule(f.delayMs, Ev.FaultDelay, this.id, call.id);
      if (call.trace !== null) this.world.tracer!.faultDelay(call, this.world.sim.now, f.delayMs);
      return;
    }
    this.afterFaultDelay(call);
  }

  private afterFaultDelay(call: Call): void {
    const r = call.route!;
    const p = r.policy;
    const f = p.fault;
    if (f && f.abortPercent > 0 && r.rng() * 100 < f.abortPercent) {
      return this.finishCall(call, Cause.faultAbort, f.abortStatus);
    }
    if (p.timeout !== Infinity) call.routeTimer = this.world.sim.schedule(p.timeout, Ev.RouteTimeout, this.id, call.id);
    this.tryOnce(call);
  }

  /** One try: pick a host, pass the circuit breakers, get a connection, send. */
  private tryOnce(call: Call): void {
    const w = this.world;
    const r = call.route!;
    const p = r.policy;
    const now = w.sim.now;
    // Istio's retries avoid the hosts already tried (the previous_hosts predicate).
    const i = r.pick(now, call.key, p.avoidPreviousHosts && call.attempts > 0 ? call.tried : null);
    // No endpoint: Envoy answers 503 no-healthy-upstream; kube-proxy rejects the connection.
    if (i < 0) {
      if (call.trace !== null) w.tracer!.noHost(call, now, r.sidecar ? Cause.noHealthyUpstream : Cause.connectRefused);
      return this.finishCall(call, r.sidecar ? Cause.noHealthyUpstream : Cause.connectRefused, 503);
    }
    const att = w.attempts.alloc();
    att.call = call.id;
    att.route = r;
    att.requestId = call.requestId;
    att.requestNumber = call.requestNumber;
    att.key = call.key;
    if (p.avoidPreviousHosts && p.retries > 0) call.tried.push(i);
    att.origin = call.origin;
    att.caller = call.caller;
    att.replica = i;
    att.host = r.hosts[i];
    att.sentAt = now;
    att.isRetry = call.attempts > 0;
    call.attempts++;
    call.current = att.id;
    att.trace = call.trace;
    if (att.trace !== null) w.tracer!.tryStart(call, att, now);
    this.connections.acquire(r, att);
  }

  /**
   * The request is on a connection: it goes over the network to the callee's host (its sidecar,
   * or its app). The per-try timer starts now, as Envoy's does when the pool hands the request
   * a connection (waiting in the pool and connecting count against the route timeout only).
   */
  send(att: Attempt): void {
    const w = this.world;
    const r = att.route!;
    const perTry = r.policy.perTryTimeout;
    if (perTry !== Infinity) att.perTryTimer = w.sim.schedule(perTry, Ev.PerTryTimeout, this.id, att.id);
    if (w.network.partitioned(r.callerHost, att.host)) {
      w.sim.schedule(TCP_GIVE_UP_MS, Ev.TcpGiveUp, this.id, att.id);
      if (att.trace !== null) w.tracer!.network(att, false, w.sim.now, w.sim.now + TCP_GIVE_UP_MS, true);
      return;
    }
    const d = this.oneWay(r, att.replica);
    if (att.trace !== null) w.tracer!.network(att, false, w.sim.now, w.sim.now + d, false);
    if (w.observer) w.observer.transmit(r.edge, false, w.sim.now, w.sim.now + d, false, att.isRetry, att.requestNumber, att.trace !== null && att.trace.sampled);
    const sc = w.sidecarOfHost[att.host];
    if (sc) this.toProxy(sc, d, att.id, Pass.inRequest);
    else this.deliver(d, Ev.Arrive, r.service, att.id, 0);
  }

  // ---- the callee's side ---------------------------------------------------------------

  /** The callee's pod died holding `att`: the caller's connection is reset (no sidecar pass). */
  resetToCaller(att: Attempt): void {
    att.cause = Cause.reset;
    att.status = 503;
    att.local = true;
    att.atCallee = false;
    this.sendBack(att);
  }

  /** The callee app has answered `att` (status and cause set): back through its sidecar. */
  respond(att: Attempt): void {
    const sc = this.world.sidecarOfHost[att.host];
    if (sc) this.toProxy(sc, 0, att.id, Pass.inResponse);
    else this.sendBack(att);
  }

  /** The answer leaves the callee's pod `after` ms from now, toward the caller's host. */
  private sendBack(att: Attempt, after = 0): void {
    const w = this.world;
    const r = att.route!;
    if (att.trace !== null) w.tracer!.leftCallee(att, w.sim.now + after);
    if (w.network.partitioned(att.host, r.callerHost)) {
      w.sim.schedule(after + TCP_GIVE_UP_MS, Ev.TcpGiveUp, this.id, att.id);
      if (att.trace !== null) w.tracer!.network(att, true, w.sim.now + after, w.sim.now + after + TCP_GIVE_UP_MS, true);
      return;
    }
    const d = after + this.oneWay(r, att.replica);
    if (att.trace !== null) w.tracer!.network(att, true, w.sim.now + after, w.sim.now + d, false);
    if (w.observer) {
      // A failed try its router is set to retry is drawn as a retry, not a failure: the call may
      // still end ok (read now; the retry budget may differ when the answer lands). The late
      // answer of a try the router gave up on is dropped at its proxy: never the call's failure.
      const failed = att.cause !== null && !att.abandoned;
      const retried = failed && this.retryExpected(att);
      w.observer.transmit(r.edge, true, w.sim.now + after, w.sim.now + d, failed && !retried, att.isRetry || retried, att.requestNumber, att.trace !== null && att.trace.sampled);
    }
    // NOTE: straight into the caller's sidecar queue when it has one (one event, not two).
    if (r.sidecar) this.toProxy(r.sidecar, d, att.id, Pass.outResponse);
    else this.deliver(d, Ev.AttemptResponse, this.id, att.id, 0);
  }

  // ---- sidecar passes ------------------------------------------------------------------

  private sidecarFor(id: number, pass: number): Sidecar {
    const w = this.world;
    if (pass === Pass.outRequest) return w.calls.get(id).route!.sidecar!;
    const att = w.attempts.get(id);
    return pass === Pass.outResponse ? att.route!.sidecar! : w.sidecarOfHost[att.host]!;
  }

  /**
   * A message reaches a sidecar: it takes a worker (Sidecar.claim), and after the CPU the proxy's
   * own latency that holds no worker (buffering, the event loop) and, between app and sidecar,
   * the pod's loopback. The callee-side passes go straight on to what follows them; the
   * router's passes (the caller's side) decide then, so they come back as ProxyDone.
   */
  private proxyArrive(id: number, pass: number): void {
    const w = this.world;
    // An answer to an attempt the router already gave up on is dropped at the proxy.
    if (pass === Pass.outResponse && w.attempts.get(id).abandoned) return this.attemptDone(w.attempts.get(id));
    if (pass === Pass.inRequest) {
      const att = w.attempts.get(id);
      // The pod died while the request was on its way: the connection is reset.
      if (!w.network.hosts[att.host].up) return this.resetToCaller(att);
    }
    const sc = this.sidecarFor(id, pass);
    const now = w.sim.now;
    const cpuEnd = sc.claim(now);
    const passTime = cpuEnd - now + sc.passLatency();
    switch (pass) {
      case Pass.inRequest: {
        const att = w.attempts.get(id);
        const d = passTime + this.loopbackDelay(sc);
        if (att.trace !== null) w.tracer!.pass(null, att, pass, sc, now, sc.lastStart, cpuEnd, now + d);
        return this.deliver(d, Ev.Arrive, att.route!.service, att.id, 0);
      }
      case Pass.inResponse: {
        const att = w.attempts.get(id);
        const d = passTime + this.loopbackDelay(sc);
        if (att.trace !== null) w.tracer!.pass(null, att, pass, sc, now, sc.lastStart, cpuEnd, now + d);
        return this.sendBack(att, d);
      }
      default: {
        // The router's passes; a request from the app crossed the pod's loopback too.
        const d = pass === Pass.outRequest ? passTime + this.loopbackDelay(sc) : passTime;
        if (w.tracer !== null) this.tracePass(id, pass, sc, now, cpuEnd, now + d);
        w.sim.schedule(d, Ev.ProxyDone, this.id, id, pass);
      }
    }
  }

  /** A router pass of a traced call or attempt becomes a span. */
  private tracePass(id: number, pass: number, sc: Sidecar, now: number, cpuEnd: number, end: number): void {
    const w = this.world;
    if (pass === Pass.outRequest) {
      const call = w.calls.get(id);
      if (call.trace !== null) w.tracer!.pass(call, null, pass, sc, now, sc.lastStart, cpuEnd, end);
    } else {
      const att = w.attempts.get(id);
      if (att.trace !== null) w.tracer!.pass(null, att, pass, sc, now, sc.lastStart, cpuEnd, end);
    }
  }

  /** A router pass ended (or an inline proxy's message arrived, costing nothing of its own). */
  private proxyDone(id: number, pass: number): void {
    const w = this.world;
    switch (pass) {
      case Pass.outRequest:
        return this.routeCall(w.calls.get(id));
      case Pass.inRequest: {
        const att = w.attempts.get(id);
        return this.loopback(this.sidecarFor(id, pass), Ev.Arrive, att.id, 0, att.route!.service);
      }
      case Pass.inResponse:
        return this.sendBack(w.attempts.get(id));
      case Pass.outResponse:
        return this.attemptDone(w.attempts.get(id));
    }
  }

  // ---- outcomes ------------------------------------------------------------------------

  /** The answer reached the caller's router: settle the connection, then retry or finish. */
  private attemptDone(att: Attempt): void {
    const r = att.route!;
    if (att.abandoned) return this.world.attempts.release(att);
    att.conn = Conn.closed;
    // The request is no longer active before its connection goes to the next one waiting.
    this.endAttempt(att, att.cause, att.status);
    // A reset this router saw closes the connection; an answer (even a failed one) keeps it.
    if (att.local) this.connections.closeBusy(r, att.replica);
    else this.connections.releaseConnection(r, att.replica, att.connOpenedAt);
    this.decide(att, att.cause, att.status, att.local);
    this.world.attempts.release(att);
  }

  /** The attempt failed before reaching the callee (connect failure, overflow). */
  attemptFailed(att: Attempt, cause: string, status: number): void {
    att.cause = cause;
    att.status = status;
    att.local = true;
    this.endAttempt(att, cause, status);
    this.decide(att, cause, status, true);
    this.world.attempts.release(att);
  }

  /**
   * Caller-side bookkeeping when an attempt is over for the router. The outcome counts for the
   * host's outlier detection unless the failure was the router's own doing before it reached
   * the host (overflow, a timeout while waiting in the pool).
   */
  private endAttempt(att: Attempt, cause: string | null, status: number, aboutHost = cause !== Cause.overflow): void {
    const w = this.world;
    const r = att.route!;
    if (att.attached) {
      r.activeRequests--;
      r.hostActive[att.replica]--;
      att.attached = false;
    }
    if (att.perTryTimer >= 0) {
      w.sim.cancel(att.perTryTimer);
      att.perTryTimer = -1;
    }
    const call = w.calls.get(att.call);
    if (call.current === att.id) call.current = -1;
    if (call.holdsRetry) {
      r.activeRetries--;
      call.holdsRetry = false;
    }
    if (att.trace !== null) w.tracer!.tryEnd(att, w.sim.now, cause, status);
    if (aboutHost) r.recordOutcome(att.replica, status, w.sim.now);
  }

  /**
   * Retry the call if the policy, the attempts left and the retry budget allow; else finish.
   * `local` says the router itself saw the failure (connect failure, reset, its own timeout)
   * rather than receiving an answer from upstream.
   */
  private decide(att: Attempt, cause: string | null, status: number, local: boolean): void {
    const w = this.world;
    const call = w.calls.get(att.call);
    if (call.done) return;
    if (cause === null) return this.finishCall(call, null, status);
    const inherited = !local && att.inherited;
    const r = call.route!;
    const p = r.policy;
    if (p.l7 && call.attempts <= p.retries && retriable(p.retryOn, p.retriableStatus, cause, status, local)) {
      if (r.activeRetries < r.retryLimit()) {
        r.activeRetries++;
        r.retriesStarted++;
        call.holdsRetry = true;
        // Fully jittered exponential backoff as Envoy's code does it (JitteredExponentialBackOff-
        // Strategy): the n-th retry waits U(0, 2^(n-1) x base), capped at max. (Envoy's docs say
        // (2^n - 1) x base, which its code stopped doing in 2020.)
        const upper = Math.min(p.backoffMax, 2 ** Math.min(call.attempts - 1, 30) * p.backoffBase);
        const backoff = r.rng() * upper;
        call.backoffTimer = w.sim.schedule(backoff, Ev.RetryBackoff, this.id, call.id);
        if (att.trace !== null) {
          w.tracer!.retryDecision(att, true, retryReason(r, call, cause, status, local, backoff));
          w.tracer!.backoff(call, w.sim.now, backoff);
        }
        return;
      }
      r.retryOverflows++;
    }
    if (att.trace !== null) w.tracer!.retryDecision(att, false, retryReason(r, call, cause, status, local, null));
    this.finishCall(call, cause, status, inherited);
  }

  /**
   * Whether `decide` would retry this failed try if its answer reached the router now: the same
   * tests (an L7 router, attempts left, a retriable failure, room under the retry limit). For
   * drawing only; changes nothing.
   */
  private retryExpected(att: Attempt): boolean {
    const call = this.world.calls.get(att.call);
    const r = call.route;
    if (call.done || r === null) return false;
    const p = r.policy;
    return p.l7 && call.attempts <= p.retries && retriable(p.retryOn, p.retriableStatus, att.cause!, att.status, att.local) && r.activeRetries < r.retryLimit();
  }

  /** Only a request on a connection has a per-try timer: its record lives on until the answer. */
  private perTryTimeout(att: Attempt): void {
    att.perTryTimer = -1;
    this.abandon(att, 504);
    this.decide(att, Cause.timeout, 504, true);
  }

  private routeTimeout(call: Call): void {
    const w = this.world;
    call.routeTimer = -1;
    if (call.current >= 0) {
      const att = w.attempts.get(call.current);
      this.abandon(att, 504);
      if (att.trace !== null) w.tracer!.retryDecision(att, false, 'route timeout: the call is over, no retry');
      if (att.conn !== Conn.sent) w.attempts.release(att);
    }
    this.finishCall(call, Cause.timeout, 504);
  }

  /**
   * The router gives up on an attempt (a timeout): Envoy resets the upstream stream, so its
   * connection closes. The attempt record lives on until its connect or answer comes back.
   */
  private abandon(att: Attempt, status: number): void {
    const r = att.route!;
    const i = att.replica;
    // NOTE: the attempt's own cause stays the callee's to write: it may still be working on it.
    att.abandoned = true;
    const reachedHost = att.conn === Conn.sent;
    if (reachedHost) {
      this.connections.closeBusy(r, i);
    } else if (att.conn === Conn.waiting) {
      this.connections.withdraw(r, att);
    }
    // A request that never left the pool says nothing about the host.
    this.endAttempt(att, Cause.timeout, status, reachedHost);
  }

  /** A message was dropped for good (partition): TCP retransmits until it gives up and resets. */
  private tcpGiveUp(att: Attempt): void {
    if (att.abandoned) return this.world.attempts.release(att);
    att.cause = Cause.reset;
    att.status = 503;
    att.local = true;
    this.attemptDone(att);
  }

  /**
   * Gives a call its result and hands it back to the caller app (through its sidecar's loopback).
   * `inherited`: the failure is the callee's own call's, passed up, so it happened further down.
   */
  private finishCall(call: Call, cause: string | null, status: number, inherited = false): void {
    const w = this.world;
    call.done = true;
    call.cause = cause;
    call.status = status;
    call.inherited = inherited;
    if (call.routeTimer >= 0) {
      w.sim.cancel(call.routeTimer);
      call.routeTimer = -1;
    }
    if (call.backoffTimer >= 0) {
      w.sim.cancel(call.backoffTimer);
      call.backoffTimer = -1;
    }
    const r = call.route!;
    if (call.holdsRetry) {
      r.activeRetries--;
      call.holdsRetry = false;
    }
    if (call.trace !== null) w.tracer!.callEnd(call, w.sim.now, cause, status, inherited);
    if (!call.callerGaveUp) w.edgeStats[call.edge].record(call, w.sim.now, w.warmup);
    const sc = r.sidecar;
    if (sc) this.loopback(sc, Ev.Response, call.id, 0, call.caller);
    else w.sim.actor(call.caller).receive(Ev.Response, call.id, 0);
  }

  // ---- plumbing ------------------------------------------------------------------------

  oneWay(r: Route, replica: number): number {
    const s: Sampler | null = r.latency[replica];
    const base = s === null ? 0 : s();
    const extra = r.faultDelay === null ? 0 : r.faultDelay();
    return base + extra + this.world.network.lossDelay();
  }

  /** App <-> sidecar inside one pod. */
  private loopback(sc: Sidecar, kind: number, id: number, b: number, target = this.id): void {
    this.deliver(this.loopbackDelay(sc), kind, target, id, b);
  }

  private loopbackDelay(sc: Sidecar): number {
    return sc.loopbackDelay();
  }

  /**
   * A message reaches a sidecar `delay` ms from now: over the network, or at once (0) from the
   * app beside it, in which case the pass takes its worker within this event, not in one of its
   * own. (An inline proxy's work is its gateway's, so it only passes the message on.)
   */
  private toProxy(sc: Sidecar, delay: number, id: number, pass: number): void {
    this.deliver(delay, sc.inline ? Ev.ProxyDone : Ev.ProxyArrive, this.id, id, pass);
  }

  /** NOTE: zero delay delivers synchronously, without an event. */
  private deliver(delay: number, kind: number, target: number, a: number, b: number): void {
    if (delay === 0) this.world.sim.actor(target).receive(kind, a, b);
    else this.world.sim.schedule(delay, kind, target, a, b);
  }
}
