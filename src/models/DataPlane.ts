import { invariant, type Actor, type KindReceiver } from '../sim-engine';
import { AF, type Attempt, type Call } from './Call';
import type { DataPlaneHost } from './dataPlaneHost';
import { describeDataPlaneEvent, traceRouterPass } from './dataPlaneEvents';
import type { Cluster } from './envoy/cluster';
import { ConnPools, idleRaceResetMs, type ConnectionUser } from './envoy/connPools';
import { Router } from './envoy/router';
import { UpstreamConnector } from './envoy/upstreamConnect';
import { K, P } from './eventCodes';
import { Cause } from './events';
import { linkDelay, oneWayDelayInto } from './linkDelay';
import { TCP_GIVE_UP_MS } from './net/Network';
import type { Sidecar } from './proxy/Sidecar';

/**
 * The data plane: everything between a caller app asking for a service and that service's app
 * receiving the request, and back. This file is the wire between the pieces: the sidecar passes
 * (CPU on a proxy's workers, its handling latency, the pod's loopback), the network between
 * hosts (latency, loss, partitions and TCP giving up), and the dispatch of the data plane's
 * events to Envoy's pieces in envoy/: the router (router.ts: fault filter, timeouts, tries and
 * retries), the connection pools (http1ConnPool.ts) and connection set-up (upstreamConnect.ts),
 * over each caller's clusters (cluster.ts: load balancer, outlier detector, circuit breakers).
 * Plain (unmeshed) callers go through the same path with a policy that does nothing. One actor
 * for all hosts: events carry a call or attempt id, which know their route, sidecar and hosts.
 */
export class DataPlane implements Actor, KindReceiver, ConnectionUser {
  readonly name = 'data-plane';
  readonly router: Router;
  readonly connector: UpstreamConnector;
  /** The connection pools' behaviour, HTTP/1.1 or HTTP/2 by the route's protocol (connPools.ts). */
  readonly pools: ConnPools;
  constructor(readonly id: number, private readonly world: DataPlaneHost) {
    this.connector = new UpstreamConnector(world, this);
    this.pools = new ConnPools(world, this, this.connector);
    this.router = new Router(id, world, this.pools);
    for (const k of [K.ProxyArrive, K.ProxyDone]) world.sim.handleKind(k, this);
  }

  /** ProxyArrive or ProxyDone, straight from the kernel (Simulation.handleKind; NOTE: issue 14.4, a request's 12 passes). */
  onKind(kind: number, id: number, pass: number): void {
    return kind === K.ProxyArrive ? this.proxyArrive(id, pass) : this.proxyDone(id, pass);
  }

  receive(kind: number, a: number, b: number): void {
    const w = this.world;
    switch (kind) {
      case K.ProxyArrive:
      case K.ProxyDone:
        return this.onKind(kind, a, b);
      case K.ConnectDone:
        return this.pools.connectDone(w.routes[a], b);
      case K.TlsAtServer:
        return this.connector.tlsAtServer(w.routes[a], b);
      case K.TlsAtClient:
        return this.connector.tlsAtClient(w.routes[a], b);
      case K.AttemptResponse: {
        const att = w.attempts.get(a);
        return this.arrived(att) ? this.router.attemptDone(att) : undefined;
      }
      case K.PerTryTimeout:
        return this.router.perTryTimeout(w.attempts.get(a));
      case K.RouteTimeout:
        return this.router.routeTimeout(w.calls.get(a));
      case K.RetryBackoff: {
        const call = w.calls.get(a);
        call.backoffTimer = -1;
        if (call.parent !== null && call.route!.sidecar?.inline === true) w.upstreamRetry(call.parent); // a gateway's CPU (Gateway.ts)
        return this.router.tryOnce(call);
      }
      case K.FaultDelay:
        return this.router.afterFaultDelay(w.calls.get(a));
      case K.TcpGiveUp:
        return this.tcpGiveUp(w.attempts.get(a));
      default:
        invariant(false, `data plane got unknown event kind ${kind}`);
    }
  }

  /** The link an event is about, `caller -> callee`, to name it when the clock stalls. */
  describe(kind: number, a: number, b: number): string {
    return describeDataPlaneEvent(this.world, kind, a, b);
  }

  // ---- the caller's side ---------------------------------------------------------------

  /** A caller app hands a call to its outbound side: its sidecar, or straight to the router. */
  issue(call: Call): void {
    if (call.trace !== null) this.world.tracer!.callStart(call, call.parent);
    const sc = call.route!.sidecar;
    // NOTE: issue 14.4: the pass taken here with the call in hand (no lookup, no switch on the pass).
    if (sc !== null && sc.inline === false) this.outRequestPass(call.id, sc);
    else this.router.routeCall(call); // an inline proxy's pass costs nothing: straight to its router
  }

  /**
   * The request is on a connection: over the network to the callee's host (its sidecar, or its app). The per-try
   * timer starts now, as Envoy's does (waiting in the pool and connecting count against the route timeout only).
   */
  send(att: Attempt): void {
    const w = this.world;
    const r = att.route!;
    this.router.startPerTryTimer(att);
    if (w.network.partitioned(r.callerHost, att.host)) return this.lost(att, TCP_GIVE_UP_MS);
    oneWayDelayInto(w, r, att.replica);
    const d = linkDelay[0];
    const race = idleRaceResetMs(att, w.sim.now, d); // the app closed its connection first (http1ConnPool.ts)
    if (race >= 0) return this.lost(att, race);
    if (att.trace !== null) w.tracer!.network(att, false, w.sim.now, w.sim.now + d, false);
    if (w.observer !== null) w.observer.transmit(r.edge, false, w.sim.now, w.sim.now + d, false, (att.flags & AF.isRetry) !== 0, att.requestNumber, att.trace !== null && att.trace.sampled);
    const sc = att.calleeSidecar;
    w.sim.nextDelay[0] = d;
    if (sc !== null) this.toProxy(sc, att.id, P.inRequest);
    else this.deliver(K.Arrive, r.service, att.id, 0);
  }

  // ---- the callee's side ---------------------------------------------------------------

  /** The callee's pod died holding `att`: the caller's connection is reset (no sidecar pass). */
  resetToCaller(att: Attempt): void {
    att.cause = Cause.reset;
    att.status = 503;
    att.flags |= AF.local;
    this.sendBack(att);
  }

  /** The callee app has answered `att` (status and cause set): back through its sidecar. */
  respond(att: Attempt): void {
    const sc = att.calleeSidecar;
    // NOTE: issue 14.4: the pass taken here with the attempt in hand, as `issue` does.
    if (sc !== null && sc.inline === false) this.inboundPass(att, sc, P.inResponse);
    else this.sendBack(att);
  }

  /** The answer leaves the callee's pod now, or once the response pass its sidecar `passed` just took is over (NOTE: 14.4:
   *  its delay read here, not passed: a heap number each). A partition is judged as it leaves, else on arrival (`arrived`). */
  private sendBack(att: Attempt, passed: Sidecar | null = null): void {
    const w = this.world;
    const r = att.route!;
    const after = passed === null ? 0 : passed.lastPassDelay;
    att.leftAt = w.sim.now + after;
    if (att.trace !== null) w.tracer!.leftCallee(att, att.leftAt);
    if (after === 0 && w.network.partitioned(att.host, r.callerHost)) return this.answerLost(att);
    oneWayDelayInto(w, r, att.replica);
    const d = after + linkDelay[0]; // NOTE: 14.4: the draw through the slot, not returned (a heap number and a call a hop)
    // NOTE: drawn as partitions stand at the pass's start (one starting or healing during it is rare).
    if (w.observer !== null && !w.network.partitioned(att.host, r.callerHost)) {
      // A failed try its router is set to retry is drawn as a retry, not a failure: the call may still end ok (read now;
      // the retry budget may differ when it lands). A late answer to a try given up on is dropped at its proxy.
      const failed = att.cause !== null && (att.flags & AF.abandoned) === 0;
      const retried = failed && this.router.retryExpected(att);
      w.observer.transmit(r.edge, true, w.sim.now + after, w.sim.now + d, failed && !retried, (att.flags & AF.isRetry) !== 0 || retried, att.requestNumber, att.trace !== null && att.trace.sampled);
    }
    // NOTE: straight into the caller's sidecar queue when it has one (one event, not two).
    w.sim.nextDelay[0] = d;
    if (r.sidecar !== null) this.toProxy(r.sidecar, att.id, P.outResponse);
    else this.deliver(K.AttemptResponse, this.id, att.id, 0);
  }

  // ---- sidecar passes ------------------------------------------------------------------

  /**
   * A message reaches a sidecar: a worker's CPU (Sidecar.claim), the proxy's latency and, between app and sidecar, the pod's
   * loopback (Sidecar.pass); the router's passes come back as ProxyDone. NOTE: issue 14.4: each case a small function, so V8
   * inlines this dispatch into the kernel's loop, each case with an inlining budget of its own (performance.md, session 37).
   */
  private proxyArrive(id: number, pass: number): void {
    if (pass === P.outResponse) return this.answerAtCaller(id);
    return pass === P.outRequest ? this.outRequestPass(id, this.world.calls.get(id).route!.sidecar!) : this.requestIn(id);
  }

  /** The callee's sidecar: `id`'s request in to the app (reset if the pod died); the only inbound ProxyArrive (see `respond`). */
  private requestIn(id: number): void {
    const w = this.world;
    const att = w.attempts.get(id);
    if (!w.network.hostUp(att.host)) return this.resetToCaller(att);
    return this.inboundPass(att, att.calleeSidecar!, P.inRequest);
  }

  /** The answer to attempt `id` is back at the caller's sidecar: its response pass; the router decides at its end (ProxyDone). */
  private answerAtCaller(id: number): void {
    const w = this.world;
    const att = w.attempts.get(id);
    // NOTE: 14.4: `arrived`'s common case (untraced, no partition ever) read here. A try given up on is dropped here.
    if ((att.trace !== null || w.network.partitionsChangedAt !== -Infinity) && !this.arrived(att)) return;
    if ((att.flags & AF.abandoned) !== 0) return this.router.attemptDone(att);
    const sc = att.route!.sidecar!;
    const now = w.sim.now;
    sc.pass(w.sim, false);
    const d = sc.lastPassDelay;
    if (w.tracer !== null) traceRouterPass(w, id, P.outResponse, sc, now, sc.lastEnd, now + d);
    w.sim.nextDelay[0] = d;
    w.sim.postNext(K.ProxyDone, this.id, id, P.outResponse);
  }

  /** The caller's app hands its sidecar call `id`'s request across the pod's loopback: its router decides at the pass's end (ProxyDone). */
  private outRequestPass(id: number, sc: Sidecar): void {
    const w = this.world;
    const now = w.sim.now;
    sc.pass(w.sim, true);
    const d = sc.lastPassDelay;
    if (w.tracer !== null) traceRouterPass(w, id, P.outRequest, sc, now, sc.lastEnd, now + d);
    w.sim.nextDelay[0] = d;
    w.sim.postNext(K.ProxyDone, this.id, id, P.outRequest);
  }

  /** The callee's sidecar `sc` passes `att`'s request in to its app, or its app's answer out (`pass`). */
  private inboundPass(att: Attempt, sc: Sidecar, pass: number): void {
    const w = this.world;
    const now = w.sim.now;
    sc.pass(w.sim, true);
    const d = sc.lastPassDelay;
    if (att.trace !== null) w.tracer!.pass(null, att, pass, sc, now, sc.lastStart, sc.lastEnd, now + d);
    if (pass !== P.inRequest) return this.sendBack(att, sc);
    w.sim.nextDelay[0] = d;
    this.deliver(K.Arrive, att.route!.service, att.id, 0);
  }

  /** A router pass ended (or an inline proxy's message arrived, costing nothing of its own). */
  private proxyDone(id: number, pass: number): void {
    const w = this.world;
    switch (pass) { // NOTE: 14.4: a sidecar's two (3 of each a chain3 request) first; an inline proxy's two after
      case P.outRequest:
        return this.router.routeCall(w.calls.get(id));
      case P.outResponse: {
        const att = w.attempts.get(id); // an inline proxy's answer arrives here; a sidecar's arrived at its ProxyArrive
        return att.route!.sidecar!.inline !== true || this.arrived(att) ? this.router.attemptDone(att) : undefined;
      }
      case P.inRequest: {
        const att = w.attempts.get(id);
        w.sim.nextDelay[0] = att.calleeSidecar!.loopbackDelay(); // app <-> sidecar in the pod
        return this.deliver(K.Arrive, att.route!.service, att.id, 0);
      }
      case P.inResponse:
        return this.sendBack(w.attempts.get(id));
    }
  }

  /** The attempt failed before reaching the callee (connect failure, overflow): the router decides. */
  attemptFailed(att: Attempt, cause: string, status: number): void {
    this.router.attemptFailed(att, cause, status);
  }

  /** Closes host i's idle connections on route r (its pod died: its kernel closed them). */
  closeIdle(r: Cluster, i: number): void {
    this.pools.closeIdle(r, i);
  }

  /** The request will not arrive: its connection is reset `after` ms from now (a partition, the idle-timeout race). */
  private lost(att: Attempt, after: number): void {
    this.world.sim.schedule(after, K.TcpGiveUp, this.id, att.id);
    if (att.trace !== null) this.world.tracer!.network(att, false, this.world.sim.now, this.world.sim.now + after, true);
  }

  /** `sendBack`'s answer reached the caller's host: true, or false when a partition separated the hosts as it left (lost). */
  private arrived(att: Attempt): boolean {
    // The common case in two reads: no partition ever, not traced.
    if (att.trace === null && this.world.network.partitionsChangedAt === -Infinity) return true;
    const w = this.world;
    if (w.network.partitionedAt(att.host, att.route!.callerHost, att.leftAt)) return this.answerLost(att), false;
    if (att.trace !== null) w.tracer!.network(att, true, att.leftAt, w.sim.now, false);
    return true;
  }

  /** The answer that left at `att.leftAt` was dropped by a partition: the caller sees a reset when TCP gives up. */
  private answerLost(att: Attempt): void {
    const w = this.world;
    const end = att.leftAt + TCP_GIVE_UP_MS;
    w.sim.schedule(end - w.sim.now, K.TcpGiveUp, this.id, att.id);
    if (att.trace !== null) w.tracer!.network(att, true, att.leftAt, end, true);
  }

  /** A message was dropped for good (partition), or sent on a closed connection: the caller sees a reset. */
  private tcpGiveUp(att: Attempt): void {
    if ((att.flags & AF.abandoned) !== 0) return this.world.attempts.release(att);
    att.cause = Cause.reset;
    att.status = 503;
    att.flags |= AF.local;
    this.router.attemptDone(att);
  }

  // ---- plumbing ------------------------------------------------------------------------

  /**
   * A message reaches a sidecar `sim.nextDelay[0]` ms from now (the caller writes it; NOTE: issue 14.4: a double passed
   * to a call V8 does not inline is a heap number), or at once (0: the pass is taken within this event, a direct call,
   * as `receive` would make it). An inline proxy only passes it on.
   */
  private toProxy(sc: Sidecar, id: number, pass: number): void {
    if (this.world.sim.nextDelay[0] === 0) return sc.inline === true ? this.proxyDone(id, pass) : this.proxyArrive(id, pass);
    this.world.sim.postNext(sc.inline === true ? K.ProxyDone : K.ProxyArrive, this.id, id, pass);
  }

  /** As toProxy, to an actor: after `sim.nextDelay[0]` ms (the caller writes it); zero delivers synchronously, without an event. */
  private deliver(kind: number, target: number, a: number, b: number): void {
    if (this.world.sim.nextDelay[0] === 0) return this.world.sim.actor(target).receive(kind, a, b);
    this.world.sim.postNext(kind, target, a, b);
  }
}
