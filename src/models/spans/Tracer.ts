import { sampledOneIn } from '../../sim-engine';
import { AF, CF, type Attempt, type Call, type Request } from '../Call';
import type { Route } from '../envoy/cluster';
import type { Sidecar } from '../proxy/Sidecar';
import type { Identity } from '../tls/Identity';
import { ConnectSpans, tlsSpanAttrs } from './connectSpans';
import { materialize, type SpanNames } from './materialize';
import { ATTRS_SETS, AttrKey, Op, ROWS_SPANS, STRIDE, TraceRecord, Where } from './TraceRecord';
import { TraceStore } from './TraceStore';
import { tryWhere } from './tryWhere';
import { Cause } from '../events';
import type { Trace, TracerHost, TracerOptions } from './types';
/** Dropped records' buffers kept for reuse, of each kind: enough for the requests that start while others end, few enough that a snapshot copying the tracer carries little (1.9 KB a pair, 31 KB in all). */
const POOL = 16;

/**
 * Keeps spans for a sampled set of requests: one in `sampleEvery` sent, chosen by a fixed scramble
 * of its number (sampledOneIn: the 1st always; never `n % N`, which aliased with periodic
 * senders, and never a random draw, so tracing cannot change the run), plus the newest `maxFailed`
 * failed ones (and `maxRetried` retried ones that ended ok; TraceStore). To catch every failure it records each request while it is in flight (tail
 * sampling) and decides at its fate which to keep; with `maxFailed: 0` it records only the 1 in N.
 *
 * A request is recorded as numbers (TraceRecord: per span its kind, parent, times and the ids
 * and figures its name and attributes come from); the `Trace` with names, services and
 * attribute dictionaries is built only when a kept one is read (`get`, `all`, `materialize`),
 * so the requests recorded and then forgotten cost no strings and no objects per span.
 *
 * It only reads the world: it schedules no event and draws no random number, so a run has the
 * same trace hash with or without it. Hooks in the models call it only for records whose
 * `trace` is set, so an untraced request costs one null check per hook site.
 */
export class Tracer extends TraceStore {
  /** Connections being opened, per route and upstream host, oldest first. */
  private readonly connects = new ConnectSpans();
  private readonly gatewayIds: Set<number>;
  /** Buffers of dropped records, for the next requests (at most POOL of each). */
  private readonly freeRows: Float64Array[] = [];
  private readonly freeAttrs: Float64Array[] = [];

  constructor(private readonly world: TracerHost, options: TracerOptions = {}) {
    super();
    this.gatewayIds = new Set(world.gateways.map((g) => g.id));
    this.configure(options);
  }

  /** A record as a `Trace` (a fresh object): names and attributes built from its numbers. */
  materialize(rec: TraceRecord): Trace {
    const world = this.world;
    const names: SpanNames = { actor: (id) => world.sim.actor(id).name, host: (id) => world.network.hosts[id].name };
    return materialize(rec, names);
  }

  // ---- hooks: requests and calls -------------------------------------------------------

  /** A client sends a request: decides whether to record it, and opens its root span. */
  begin(req: Request, call: Call, client: string): void {
    // Its number among every request sent in the run (the world has just counted it), so ids
    // hold even for a tracer put on the world mid-run, and match the order of sends.
    const id = this.world.sent;
    if (!this.enabled) return;
    const sampled = sampledOneIn(id - 1, this.sampleEvery) && this.maxSampled > 0;
    if (!sampled && ((this.maxFailed === 0 && this.maxRetried === 0) || this.recording >= this.maxRecording)) return;
    this.recording++;
    const now = req.sentAt;
    const trace = new TraceRecord(id, client, now, sampled, this.freeRows.pop() ?? new Float64Array(ROWS_SPANS * STRIDE), this.freeAttrs.pop() ?? new Float64Array(ATTRS_SETS * 3));
    trace.open(Op.request, -1, now, call.service, 0, 0, 0);
    req.trace = trace;
    call.trace = trace;
  }

  /** A caller app hands a call to its router (the root call's parent is the request span). */
  callStart(call: Call, parent: Attempt | null): void {
    const t = call.trace!;
    const under = parent === null ? 0 : parent.serverSpan >= 0 ? parent.serverSpan : parent.span;
    call.span = t.open(Op.call, under, call.sentAt, call.service, call.caller, 0, 0);
  }

  /** The router gave the call its result. `inherited`: the failure came from further down. */
  callEnd(call: Call, now: number, cause: string | null, status: number, inherited: boolean): void {
    const t = call.trace!;
    const s = call.span;
    if (!t.has(s)) return;
    t.close(s, now);
    t.set(s, AttrKey.status, status);
    t.set(s, AttrKey.attempts, call.attempts);
    if (cause !== null) t.failCall(s, cause, inherited, (call.flags & CF.retryLimitReached) !== 0, (call.flags & CF.retryOverflowed) !== 0);
  }

  /** The request has its fate: keeps the trace if it is 1 in N or failed, else forgets it. */
  requestEnded(req: Request, now: number, cause: string, status: number): void {
    const t = req.trace!;
    // (A trace begun by a tracer this one replaced is not counted here.)
    if (this.recording > 0) this.recording--;
    t.end = now;
    t.fate = cause;
    t.status = status;
    t.close(0, now);
    t.set(0, AttrKey.fate, 0);
    t.set(0, AttrKey.status, status);
    if (cause !== 'ok') t.fail(0, cause, -1);
    // Kept, its buffers stay as they are (hooks still to come for hops in flight may write to
    // them), and come back for reuse when a newer trace pushes it out of its ring (evicted).
    // NOTE: not cut to size: a new typed array per kept trace made a run whose every request
    // fails (a killed service behind a zero-think-time loop) 7x slower with tracing on.
    if (this.keep(t, cause)) return;
    this.recycle(t);
  }

  /** A kept record pushed out: dropped (hooks for its hops still in flight do nothing) and its buffers reused. */
  protected override evicted(t: TraceRecord): void { this.recycle(t); }

  /** Forgets a record: its buffers serve the next requests (the first size only, a few of them). */
  private recycle(t: TraceRecord): void {
    const [rows, attrs] = t.drop();
    if (rows.length === ROWS_SPANS * STRIDE && this.freeRows.length < POOL) this.freeRows.push(rows);
    if (attrs.length === ATTRS_SETS * 3 && this.freeAttrs.length < POOL) this.freeAttrs.push(attrs);
  }

  // ---- hooks: the router ---------------------------------------------------------------

  /** An injected delay holds the call for `ms`. */
  faultDelay(call: Call, now: number, ms: number): void {
    const t = call.trace!;
    if (t.dropped) return;
    t.close(t.open(Op.fault, call.span, now, call.caller, 0, 0, 0), now + ms);
  }

  /** A try starts: the host the balancer picked. */
  tryStart(call: Call, att: Attempt, now: number): void {
    att.span = call.trace!.open(Op.try, call.span, now, call.caller, att.host, call.attempts, (att.flags & AF.isRetry) !== 0 ? 1 : 0);
  }

  /** The router found no host to try. */
  noHost(call: Call, now: number, cause: string): void {
    const t = call.trace!;
    if (t.dropped) return;
    const s = t.open(Op.noHost, call.span, now, call.caller, 0, 0, 0);
    t.close(s, now);
    t.fail(s, cause, Where.noHost);
  }

  /** The try is over for the router: its fate (null cause: ok). */
  tryEnd(att: Attempt, now: number, cause: string | null, status: number): void {
    const t = att.trace!;
    const s = att.span;
    if (!t.has(s) || !Number.isNaN(t.endOf(s))) return;
    t.close(s, now);
    t.set(s, AttrKey.status, status);
    if (cause !== null) t.failTry(s, cause, tryWhere(att.flags)); // where and, if the router met it, Envoy's flag
  }

  /** The router's own timer ended the try, per-try or the route's (Router.abandon): TraceRecord.timedOut, with the timer's length. */
  tryTimedOut(att: Attempt, now: number, perTry: boolean, reachedHost: boolean): void {
    const p = att.policy ?? att.route!.policy;
    att.trace!.timedOut(att.span, now, perTry ? p.perTryTimeout : p.timeout, perTry, reachedHost);
  }

  /** Why the router retried the try's failure or not (retry_state's decision). */
  retryDecision(att: Attempt, retried: boolean, reason: string): void {
    const t = att.trace!;
    if (!t.has(att.span)) return;
    t.set(att.span, AttrKey.decision, retried ? 1 : 0);
    // Counted when decided, so a request waiting out its backoff already reads as retried.
    if (retried) t.retries++;
    t.setString(att.span, AttrKey.reason, reason);
  }

  /** A retry waits out its backoff. */
  backoff(call: Call, now: number, ms: number): void {
    const t = call.trace!;
    if (t.dropped) return;
    t.close(t.open(Op.backoff, call.span, now, call.caller, 0, 0, 0), now + ms);
  }

  // ---- hooks: connections and the network ----------------------------------------------

  /** The try got a connection: an idle one (reused) or one just opened, after waiting since it started. */
  attached(att: Attempt, now: number, reused: boolean): void {
    const t = att.trace!;
    if (!t.has(att.span)) return;
    t.set(att.span, AttrKey.connection, reused ? 1 : 0);
    if (now > att.sentAt) t.close(t.open(Op.wait, att.span, att.sentAt, 0, 0, 0, 0), now);
  }

  /** A connection starts opening; its TCP handshake ends `tcpMs` from now. */
  connectStart(r: Route, i: number, now: number, tcpMs: number): void {
    this.connects.start(r.index, i, now, tcpMs);
  }

  /** One end's half of a TLS handshake: arrived `at`, took a worker at `cpuStart`, done at `done`. */
  tlsHalf(r: Route, i: number, server: boolean, at: number, cpuStart: number, done: number): void {
    this.connects.tlsHalf(r.index, i, server, at, cpuStart, done);
  }

  /** The connect to host `i` of `r` just started fails its handshake on `id`, expired (ConnectSpans.expired). */
  tlsExpired(r: Route, i: number, server: boolean, id: Identity): void {
    this.connects.expired(r.index, i, server, id);
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
      if (t === null || !t.has(att.span)) continue;
      const tcp = t.open(Op.tcp, att.span, rec.start, r.hosts[i], 0, 0, 0);
      t.close(tcp, Math.min(rec.tcpEnd, now));
      if (rec.tlsServer !== null) {
        const tls = t.open(Op.tls, att.span, rec.tcpEnd, 0, 0, 0, 0);
        t.close(tls, now);
        tlsSpanAttrs(t, tls, rec, r.callerHost, r.hosts[i], cause);
      } else if (cause === Cause.tlsPlaintextRejected) {
        // The TCP connect succeeded; the STRICT sidecar reset the connection when the plaintext
        // request's first bytes reached it (upstreamConnect.ts): the failure is that leg's.
        const bytes = t.open(Op.firstBytes, att.span, rec.tcpEnd, r.hosts[i], 0, 0, 0);
        t.close(bytes, now);
        t.fail(bytes, cause, -1);
      } else if (cause !== null) t.fail(tcp, cause, -1);
    }
  }

  /** A message crosses the network from `t0` to `t1` (a partition: it is lost, and TCP gives up at `t1`). */
  network(att: Attempt, response: boolean, t0: number, t1: number, partitioned: boolean): void {
    const t = att.trace!;
    if (!t.has(att.span)) return;
    const caller = att.route!.callerHost;
    const s = response ? t.open(Op.network, att.span, t0, att.host, caller, 0, 0) : t.open(Op.network, att.span, t0, caller, att.host, 0, 0);
    t.close(s, t1);
    if (partitioned) t.fail(s, 'reset', Where.partitioned);
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
    if (!t.has(parent)) return;
    t.close(t.open(Op.proxy, parent, at, pass, sc.host, cpuStart - at, cpuEnd - cpuStart), end);
  }

  /** The request reached the callee's app (after its sidecar, if any). */
  arrive(att: Attempt, now: number): void {
    this.serverSpan(att, now);
  }

  /** A worker of the callee's replica takes the request for `serviceMs` (queued since it arrived). */
  appStart(att: Attempt, now: number, serviceMs: number): void {
    const t = att.trace!;
    const server = this.serverSpan(att, att.arrivedAt);
    if (!t.has(server)) return;
    if (now > att.arrivedAt) t.close(t.open(Op.queue, server, att.arrivedAt, 0, 0, 0, 0), now);
    const gateway = this.gatewayIds.has(att.route!.service) ? 1 : 0;
    t.close(t.open(Op.app, server, now, gateway, 0, 0, 0), now + serviceMs);
  }

  /** The callee's app answered (ok, or with the cause set on the attempt). */
  answered(att: Attempt, now: number): void {
    const t = att.trace!;
    const s = this.serverSpan(att, now);
    if (!t.has(s)) return;
    t.set(s, AttrKey.status, att.status);
    if (att.cause !== null) t.fail(s, att.cause, (att.flags & AF.inherited) !== 0 ? Where.furtherDown : Where.here);
  }

  /** The answer leaves the callee's pod at `now`: the server span ends. */
  leftCallee(att: Attempt, now: number): void {
    const s = att.serverSpan;
    if (s < 0) return;
    const t = att.trace!;
    if (t.has(s) && Number.isNaN(t.endOf(s))) {
      t.close(s, now);
      if (att.cause !== null && !t.failedAt(s)) t.fail(s, att.cause, (att.flags & AF.local) !== 0 ? Where.resetByPod : Where.here);
    }
  }

  // ---- helpers -------------------------------------------------------------------------

  /** The attempt's span at the callee, opened at `at` (ms) if it has none yet; -1 when its try has no span. */
  private serverSpan(att: Attempt, at: number): number {
    if (att.serverSpan >= 0) return att.serverSpan;
    const t = att.trace!;
    if (!t.has(att.span)) return -1;
    att.serverSpan = t.open(Op.server, att.span, at, att.route!.service, att.host, 0, 0);
    return att.serverSpan;
  }
}
