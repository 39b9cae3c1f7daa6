// The span recorder as it was before session 9 (commit dc92722), kept only so spansSame.test.ts can
// check that the compact recorder keeps exactly the same traces. Not used by the app.
import { AF, type Attempt as RealAttempt, type Call as RealCall, type Request as RealRequest } from '../../../src/models/Call';
import type { Route } from '../../../src/models/envoy/cluster';
import type { Sidecar } from '../../../src/models/proxy/Sidecar';
import { ConnectSpans } from '../../../src/models/spans/connectSpans';
import { timedOutWords } from '../../../src/models/spans/materialize';
import { WHERE, Where } from '../../../src/models/spans/TraceRecord';
import { sampledOneIn } from '../../../src/sim-engine';
import { add, fail } from './spanKit';
import { TraceStore } from './TraceStore';
import { SpanKind, SpanRole, type Trace, type TracerHost, type TracerOptions } from '../../../src/models/spans/types';

/** Names of the four proxy passes, by `Pass` value. */
// The hops as this recorder saw them: their `trace` a Trace built span by span.
type Call = Omit<RealCall, 'trace'> & { trace: Trace | null };
type Attempt = Omit<RealAttempt, 'trace'> & { trace: Trace | null };
type Request = Omit<RealRequest, 'trace'> & { trace: Trace | null };

const PASS_NAMES = ['proxy outbound (request)', 'proxy inbound (request)', 'proxy inbound (response)', 'proxy outbound (response)'] as const;

/**
 * Keeps spans for a sampled set of requests: every `sampleEvery`-th request sent (chosen by its
 * number, never by a random draw, so tracing cannot change the run), plus the newest `maxFailed`
 * failed ones. To catch every failure it records each request while it is in flight (tail
 * sampling) and decides at its fate which to keep; with `maxFailed: 0` it records only the 1 in N.
 *
 * It only reads the world: it schedules no event and draws no random number, so a run has the
 * same trace hash with or without it. Hooks in the models call it only for records whose
 * `trace` is set, so an untraced request costs one null check per hook site.
 */
export class LegacyTracer extends TraceStore {
  /** Connections being opened, per route and upstream host, oldest first. */
  private readonly connects = new ConnectSpans();
  private readonly gatewayIds: Set<number>;

  constructor(private readonly world: TracerHost, options: TracerOptions = {}) {
    super();
    this.gatewayIds = new Set(world.gateways.map((g) => g.id));
    this.configure(options);
  }

  // ---- hooks: requests and calls -------------------------------------------------------

  /** A client sends a request: decides whether to record it, and opens its root span. */
  begin(req: Request, call: Call, client: string): void {
    // Its number among every request sent in the run (the world has just counted it), so ids
    // hold even for a tracer put on the world mid-run, and match the order of sends.
    const id = this.world.sent;
    if (!this.enabled) return;
    const sampled = sampledOneIn(id - 1, this.sampleEvery) && this.maxSampled > 0;
    if (!sampled && (this.maxFailed === 0 || this.recording >= this.maxRecording)) return;
    this.recording++;
    const now = req.sentAt;
    const target = this.name(call.service);
    const trace: Trace = { id, client, start: now, end: NaN, fate: null, status: 0, sampled, spans: [] };
    add(trace, -1, `request to ${target}`, SpanRole.request, SpanKind.internal, client, now, { 'meshsim.request.id': id });
    req.trace = trace;
    call.trace = trace;
  }

  /** A caller app hands a call to its router (the root call's parent is the request span). */
  callStart(call: Call, parent: Attempt | null): void {
    const t = call.trace!;
    const caller = this.name(call.caller);
    const callee = this.name(call.service);
    if (parent !== null) call.span = add(t, parent.serverSpan >= 0 ? parent.serverSpan : parent.span, `call ${callee}`, SpanRole.call, SpanKind.client, caller, call.sentAt, {});
    else call.span = add(t, 0, `call ${callee}`, SpanRole.call, SpanKind.client, caller, call.sentAt, {});
    const s = t.spans[call.span];
    s.attrs['meshsim.edge'] = `${caller} -> ${callee}`;
    s.attrs['peer.service'] = callee;
  }

  /** The router gave the call its result. `inherited`: the failure came from further down. */
  callEnd(call: Call, now: number, cause: string | null, status: number, inherited: boolean): void {
    const s = call.trace!.spans[call.span];
    if (s === undefined) return;
    s.end = now;
    s.attrs['http.status_code'] = status;
    s.attrs['meshsim.attempts'] = call.attempts;
    if (cause !== null) fail(s, cause, inherited ? 'further down' : 'on this hop');
  }

  /** The request has its fate: keeps the trace if it is 1 in N or failed, else forgets it. */
  requestEnded(req: Request, now: number, cause: string, status: number): void {
    const t = req.trace!;
    // (A trace begun by a tracer this one replaced is not counted here.)
    if (this.recording > 0) this.recording--;
    t.end = now;
    t.fate = cause;
    t.status = status;
    const root = t.spans[0];
    root.end = now;
    root.attrs['meshsim.fate'] = cause;
    root.attrs['http.status_code'] = status;
    if (cause !== 'ok') fail(root, cause, undefined);
    this.keep(t, cause);
  }

  // ---- hooks: the router ---------------------------------------------------------------

  /** An injected delay holds the call for `ms`. */
  faultDelay(call: Call, now: number, ms: number): void {
    const t = call.trace!;
    const s = t.spans[add(t, call.span, 'fault delay', SpanRole.fault, SpanKind.internal, this.name(call.caller), now, { 'meshsim.fault': 'delay' })];
    s.end = now + ms;
  }

  /** A try starts: the host the balancer picked. */
  tryStart(call: Call, att: Attempt, now: number): void {
    const t = call.trace!;
    const host = this.world.network.hosts[att.host].name;
    att.span = add(t, call.span, `try ${call.attempts} -> ${host}`, SpanRole.try, SpanKind.client, this.name(call.caller), now, {
      'meshsim.try': call.attempts,
      'meshsim.host': host,
      'meshsim.retry': (att.flags & AF.isRetry) !== 0,
    });
  }

  /** The router found no host to try. */
  noHost(call: Call, now: number, cause: string): void {
    const t = call.trace!;
    const s = t.spans[add(t, call.span, 'pick a host', SpanRole.pool, SpanKind.internal, this.name(call.caller), now, {})];
    s.end = now;
    fail(s, cause, 'no host to pick');
  }

  /** The try is over for the router: its fate (null cause: ok). */
  tryEnd(att: Attempt, now: number, cause: string | null, status: number): void {
    const s = att.trace!.spans[att.span];
    if (s === undefined || !Number.isNaN(s.end)) return;
    s.end = now;
    s.attrs['http.status_code'] = status;
    // A local failure of an abandoned try: the listener's drain reset (session 54, F7; its UC flag is a later attribute).
    const local = (att.flags & AF.local) !== 0;
    if (cause !== null) fail(s, cause, local ? ((att.flags & AF.abandoned) !== 0 ? WHERE[Where.drainReset] : 'seen by the router') : (att.flags & AF.inherited) !== 0 ? 'further down' : 'answered by the host');
  }

  /**
   * The router's own timer ended the try (session 53, F6: it read 'answered by the host'): built span by span here, so
   * spansSame checks the compact record's encoding of it (TraceRecord.timedOut); its timer length and UT are left out
   * of the comparison (spansSame's LATER), as later attributes.
   */
  tryTimedOut(att: Attempt, now: number, perTry: boolean, reachedHost: boolean): void {
    const s = att.trace!.spans[att.span];
    if (s === undefined || !Number.isNaN(s.end)) return;
    const p = att.policy ?? att.route!.policy;
    s.end = now;
    s.attrs['http.status_code'] = 504;
    fail(s, 'timeout', timedOutWords(perTry ? Where.perTryTimeout : reachedHost ? Where.routeTimeout : Where.routeTimeoutWaiting, perTry ? p.perTryTimeout : p.timeout));
  }

  /** Why the router retried the try's failure or not (retry_state's decision). */
  retryDecision(att: Attempt, retried: boolean, reason: string): void {
    const s = att.trace!.spans[att.span];
    if (s === undefined) return;
    s.attrs['meshsim.retry.decision'] = retried ? 'retried' : 'not retried';
    s.attrs['meshsim.retry.reason'] = reason;
  }

  /** A retry waits out its backoff. */
  backoff(call: Call, now: number, ms: number): void {
    const t = call.trace!;
    const s = t.spans[add(t, call.span, 'retry backoff', SpanRole.backoff, SpanKind.internal, this.name(call.caller), now, {})];
    s.end = now + ms;
  }

  // ---- hooks: connections and the network ----------------------------------------------

  /** The try got a connection: an idle one (reused) or one just opened, after waiting since it started. */
  attached(att: Attempt, now: number, reused: boolean): void {
    const t = att.trace!;
    const s = t.spans[att.span];
    if (s === undefined) return;
    s.attrs['meshsim.connection'] = reused ? 'reused' : 'new';
    if (now > att.sentAt) {
      const p = t.spans[add(t, att.span, 'wait for a connection', SpanRole.pool, SpanKind.internal, s.service, att.sentAt, {})];
      p.end = now;
    }
  }

  /** A connection starts opening; its TCP handshake ends `tcpMs` from now. */
  connectStart(r: Route, i: number, now: number, tcpMs: number): void {
    this.connects.start(r.index, i, now, tcpMs);
  }

  /** A handshake refused for an expired certificate: came after this recorder (session 52, F3; tlsExpiredSpan.test checks it). */
  tlsExpired(): void {}

  /** One end's half of a TLS handshake: arrived `at`, took a worker at `cpuStart`, done at `done`. */
  tlsHalf(r: Route, i: number, server: boolean, at: number, cpuStart: number, done: number): void {
    this.connects.tlsHalf(r.index, i, server, at, cpuStart, done);
  }

  /**
   * A connect is over (the oldest in progress to that host: connects to one host are matched
   * first in, first out, which is exact unless two overlap and finish out of order). The try it
   * serves (or each try it fails) gets its TCP and TLS spans.
   */
  connectDone(r: Route, i: number, now: number, cause: string | null, served: readonly Attempt[]): void {
    const rec = this.connects.take(r.index, i);
    if (rec === undefined) return;
    for (const att of served) {
      const t = att.trace;
      if (t === null || t.spans[att.span] === undefined) continue;
      const service = t.spans[att.span].service;
      const tcp = t.spans[add(t, att.span, 'tcp connect', SpanRole.connect, SpanKind.internal, service, rec.start, { 'net.peer.name': this.world.network.hosts[r.hosts[i]].name })];
      tcp.end = Math.min(rec.tcpEnd, now);
      if (rec.tlsServer !== null) {
        const tls = t.spans[add(t, att.span, 'tls handshake (mTLS)', SpanRole.tls, SpanKind.internal, service, rec.tcpEnd, {})];
        tls.end = now;
        tls.attrs['meshsim.tls.server_queue_ms'] = rec.tlsServer.cpuStart - rec.tlsServer.at;
        tls.attrs['meshsim.tls.server_cpu_ms'] = rec.tlsServer.done - rec.tlsServer.cpuStart;
        if (rec.tlsClient !== null) {
          tls.attrs['meshsim.tls.client_queue_ms'] = rec.tlsClient.cpuStart - rec.tlsClient.at;
          tls.attrs['meshsim.tls.client_cpu_ms'] = rec.tlsClient.done - rec.tlsClient.cpuStart;
        }
        if (cause !== null) fail(tls, cause, undefined);
      } else if (cause !== null) fail(tcp, cause, undefined);
    }
  }

  /** A message crosses the network from `t0` to `t1` (a partition: it is lost, and TCP gives up at `t1`). */
  network(att: Attempt, response: boolean, t0: number, t1: number, partitioned: boolean): void {
    const t = att.trace!;
    const hosts = this.world.network.hosts;
    const caller = hosts[att.route!.callerHost].name;
    const callee = hosts[att.host].name;
    const parent = att.span;
    if (t.spans[parent] === undefined) return;
    const s = t.spans[add(t, parent, response ? `network ${callee} -> ${caller}` : `network ${caller} -> ${callee}`, SpanRole.network, SpanKind.internal, t.spans[parent].service, t0, {})];
    s.end = t1;
    if (partitioned) fail(s, 'reset', 'partitioned: lost, TCP gave up');
  }

  // ---- hooks: proxies and the callee ---------------------------------------------------

  /**
   * A proxy pass: arrived `at`, took a worker at `cpuStart`, CPU done at `cpuEnd`, then the
   * proxy's own latency and the pod's loopback until `end`. `call` for the caller's outbound
   * request pass, else the attempt.
   */
  pass(call: Call | null, att: Attempt | null, pass: number, sc: Sidecar, at: number, cpuStart: number, cpuEnd: number, end: number): void {
    const t = (call ?? att)!.trace!;
    let parent: number;
    if (call !== null) parent = call.span;
    else if (pass === 3) parent = att!.span;
    else parent = this.serverSpan(att!, at);
    if (t.spans[parent] === undefined) return;
    const owner = this.world.network.hosts[sc.host].name;
    const s = t.spans[add(t, parent, PASS_NAMES[pass], SpanRole.proxy, SpanKind.internal, t.spans[parent].service, at, { 'meshsim.proxy': owner })];
    s.end = end;
    s.attrs['meshsim.proxy.queue_ms'] = cpuStart - at;
    s.attrs['meshsim.proxy.cpu_ms'] = cpuEnd - cpuStart;
  }

  /** The request reached the callee's app (after its sidecar, if any). */
  arrive(att: Attempt, now: number): void {
    this.serverSpan(att, now);
  }

  /** A worker of the callee's replica takes the request for `serviceMs` (queued since it arrived). */
  appStart(att: Attempt, now: number, serviceMs: number): void {
    const t = att.trace!;
    const server = this.serverSpan(att, att.arrivedAt);
    if (t.spans[server] === undefined) return;
    const service = t.spans[server].service;
    if (now > att.arrivedAt) {
      const q = t.spans[add(t, server, 'queue (wait for a worker)', SpanRole.queue, SpanKind.internal, service, att.arrivedAt, {})];
      q.end = now;
    }
    const gateway = this.gatewayIds.has(att.route!.service);
    const s = t.spans[add(t, server, gateway ? 'gateway processing' : 'app', SpanRole.app, SpanKind.internal, service, now, {})];
    s.end = now + serviceMs;
  }

  /** The callee's app answered (ok, or with the cause set on the attempt). */
  answered(att: Attempt, now: number): void {
    const t = att.trace!;
    const s = t.spans[this.serverSpan(att, now)];
    if (s === undefined) return;
    s.attrs['http.status_code'] = att.status;
    if (att.cause !== null) fail(s, att.cause, (att.flags & AF.inherited) !== 0 ? 'further down' : 'here');
  }

  /** The answer leaves the callee's pod at `now`: the server span ends. */
  leftCallee(att: Attempt, now: number): void {
    if (att.serverSpan < 0) return;
    const s = att.trace!.spans[att.serverSpan];
    if (s !== undefined && Number.isNaN(s.end)) {
      s.end = now;
      if (att.cause !== null && !s.error) fail(s, att.cause, (att.flags & AF.local) !== 0 ? 'reset by the pod' : 'here');
    }
  }

  // ---- helpers -------------------------------------------------------------------------

  private serverSpan(att: Attempt, at: number): number {
    if (att.serverSpan >= 0) return att.serverSpan;
    const t = att.trace!;
    if (t.spans[att.span] === undefined) return -1;
    const callee = this.name(att.route!.service);
    const host = this.world.network.hosts[att.host].name;
    att.serverSpan = add(t, att.span, `${callee} serves`, SpanRole.server, SpanKind.server, callee, at, { 'meshsim.host': host });
    return att.serverSpan;
  }

  private name(actor: number): string {
    return this.world.sim.actor(actor).name;
  }
}
