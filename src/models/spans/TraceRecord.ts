// A request's spans while the tracer records it, as numbers: what each hook was told, not yet
// the names, services and attribute dictionaries of `Span` (types.ts). Those are built from it
// (materialize.ts) only when a kept trace is read, so the many requests recorded on the chance
// that they fail and then forgotten cost a few numbers written per span (no object, no string).
import { CALLEE_LOGGED_FLAGS, flagsOfCall, responseFlagOf } from '../envoy/responseFlags';
import { Cause } from '../events';

/** What a span stands for: fixes its name, role, kind, service and first attributes (materialize.ts). */
export const Op = {
  /** a: the called service's actor id. */
  request: 0,
  /** a: callee actor, b: caller actor. */
  call: 1,
  /** a: caller actor. */
  fault: 2,
  /** a: caller actor, b: host id, c: the try's number (1 for the first), d: 1 for a retry. */
  try: 3,
  /** a: caller actor. */
  noHost: 4,
  /** a: caller actor. */
  backoff: 5,
  wait: 6,
  /** a: the upstream host's id. */
  tcp: 7,
  tls: 8,
  /** a: from host id, b: to host id. */
  network: 9,
  /** a: the pass (Pass), b: the proxy's host id, c: ms queued for a worker, d: CPU ms. */
  proxy: 10,
  /** a: callee actor, b: host id. */
  server: 11,
  queue: 12,
  /** a: 1 in a gateway, else 0. */
  app: 13,
  /**
   * A plaintext request's first bytes on a connection just opened to a STRICT sidecar, and the
   * reset that answers them (envoy/upstreamConnect.ts); a: the upstream host's id.
   */
  firstBytes: 14,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** Attributes set on a span after it opened, in `TraceRecord.attrs` (value: how it is read). */
export const AttrKey = {
  /** 'http.status_code': the number. */
  status: 0,
  /** 'meshsim.attempts': the number. */
  attempts: 1,
  /** 'meshsim.cause': index in `strs`. */
  cause: 2,
  /** 'meshsim.failed': index in WHERE. */
  failed: 3,
  /** 'meshsim.fate': the record's `fate` (the value is not read). */
  fate: 4,
  /** 'meshsim.retry.decision': 1 retried, 0 not. */
  decision: 5,
  /** 'meshsim.retry.reason': index in `strs`. */
  reason: 6,
  /** 'meshsim.connection': 1 reused, 0 new. */
  connection: 7,
  /** 'meshsim.tls.server_queue_ms' ... client_cpu_ms: the number (ms). */
  tlsServerQueue: 8,
  tlsServerCpu: 9,
  tlsClientQueue: 10,
  tlsClientCpu: 11,
  /** 'meshsim.envoy.response_flags': index in `strs` ("UT", "UT,URX"; Envoy's %RESPONSE_FLAGS% for a failed call). */
  responseFlags: 12,
  /**
   * A TLS span failed tls-expired-cert (Tracer.tlsExpired): 'meshsim.tls.expired_cert.side', 1 the server's certificate
   * had expired, 0 the client's (read as 'server' / 'client'); '….identity' and '….ca', indexes in `strs` (Identity.owner,
   * its CA); '….not_after_ms', the ms it expired at; '….host', the host id of the proxy that presented it; and
   * 'meshsim.tls.refused_by', the host id of the proxy that refused it (hosts read as their names).
   */
  tlsExpiredSide: 13,
  tlsExpiredIdentity: 14,
  tlsExpiredCa: 15,
  tlsExpiredNotAfter: 16,
  tlsExpiredHost: 17,
  tlsRefusedBy: 18,
  /**
   * A try its router's own timer ended (TraceRecord.timedOut): 'meshsim.retry.per_try_timeout_ms', the route's
   * retry_policy.per_try_timeout (Envoy's x-envoy-upstream-rq-per-try-timeout-ms), or 'meshsim.route.timeout_ms', the
   * route's timeout (x-envoy-upstream-rq-timeout-ms), whichever fired: the number (ms).
   */
  perTryTimeout: 19,
  routeTimeout: 20,
} as const;
export type AttrKey = (typeof AttrKey)[keyof typeof AttrKey];

/** Where a span failed ('meshsim.failed'), by index. */
export const WHERE = [
  'on this hop',
  'further down',
  'no host to pick',
  'seen by the router',
  'answered by the host',
  'partitioned: lost, TCP gave up',
  'here',
  'reset by the pod',
  // A try its router's own timer ended (TraceRecord.timedOut; materialize.ts timedOutWords says how long).
  'ended by the per-try timeout: the host had not answered; the router reset the upstream request',
  'ended by the route timeout: the host had not answered; the router reset the upstream request',
  'ended by the route timeout while it waited for a connection',
  // A try the server's listener reset as its drain time ended (Router.upstreamReset: mesh/PlaintextDrain.ts).
  "reset by the server's listener as its drain time ended: the host had not answered; the connection closed under the request",
] as const;
export const Where = { onThisHop: 0, furtherDown: 1, noHost: 2, seenByRouter: 3, answeredByHost: 4, partitioned: 5, here: 6, resetByPod: 7, perTryTimeout: 8, routeTimeout: 9, routeTimeoutWaiting: 10, drainReset: 11 } as const;

/** Numbers a span takes in `TraceRecord.rows`: op, parent, start, end, error, then a-d (see Op). */
export const STRIDE = 9;
export const F_OP = 0;
export const F_PARENT = 1;
export const F_START = 2;
export const F_END = 3;
export const F_ERROR = 4;
export const F_A = 5;

/** Spans a record has room for before its rows grow (a request of istio-load-test has about 11). */
export const ROWS_SPANS = 16;
/** Attribute sets a record has room for before they grow. */
export const ATTRS_SETS = 32;
const EMPTY = new Float64Array(0);

/**
 * One traced request while it is recorded, and after it is kept. Times are simulated ms. Plain
 * data (snapshots copy it; no function, no world reference). `Trace` is built from it on reading.
 * A record that is not kept is `dropped`: its buffers go back to the tracer for the next
 * request, and the hooks still called for its hops (an attempt outliving its request) do nothing.
 */
export class TraceRecord {
  /** When the request got its fate; NaN while in flight. */
  end = NaN;
  /** `ok`, a cause, or null while in flight. */
  fate: string | null = null;
  status = 0;
  /** Not kept at its fate: it records nothing more and has no spans. */
  dropped = false;
  /** Retries the routers decided on (each a try 2 or later, after its backoff), at any hop. */
  retries = 0;
  /** The faults (FaultInjector's numbers) that failed a try of it, each once, in the order met (faults/faultMarks.ts); null: none. */
  faults: number[] | null = null;
  /** STRIDE numbers a span, in the order the spans opened (a span's index is its row); `used` of them hold spans. */
  rows: Float64Array;
  used = 0;
  /** Attributes set after a span opened, in the order they were set: span index, AttrKey, value; `set` of them used. */
  attrs: Float64Array;
  setCount = 0;
  /** Strings the attributes refer to (causes, retry reasons), by index; null until one is needed. */
  strs: string[] | null = null;

  /**
   * @param id the request's number in the order clients sent requests, from 1
   * @param client the client's name
   * @param start when it was sent (ms)
   * @param sampled kept because it is 1 in N (rather than because it failed)
   * @param rows room for spans (any contents; reused from a dropped record)
   * @param attrs room for attribute sets (any contents)
   */
  constructor(
    readonly id: number,
    readonly client: string,
    readonly start: number,
    readonly sampled: boolean,
    rows: Float64Array,
    attrs: Float64Array,
  ) {
    this.rows = rows;
    this.attrs = attrs;
  }

  /** Spans recorded so far. */
  get count(): number {
    return this.used / STRIDE;
  }

  /** Whether span `i` exists (a hop whose span was never opened has -1; a dropped record has none). */
  has(i: number): boolean {
    return i >= 0 && i * STRIDE < this.used;
  }

  /** Opens a span (its end NaN) under `parent` at `start` (ms); returns its index (-1 when dropped). Mutates the record. */
  open(op: Op, parent: number, start: number, a: number, b: number, c: number, d: number): number {
    if (this.dropped) return -1;
    const o = this.used;
    if (o + STRIDE > this.rows.length) {
      const grown = new Float64Array(Math.max(ROWS_SPANS * STRIDE, this.rows.length * 2));
      grown.set(this.rows);
      this.rows = grown;
    }
    const rows = this.rows;
    rows[o] = op;
    rows[o + 1] = parent;
    rows[o + 2] = start;
    rows[o + 3] = NaN;
    rows[o + 4] = 0;
    rows[o + 5] = a;
    rows[o + 6] = b;
    rows[o + 7] = c;
    rows[o + 8] = d;
    this.used = o + STRIDE;
    return o / STRIDE;
  }

  /** Span `i`'s end (ms; NaN while open). */
  endOf(i: number): number {
    return this.rows[i * STRIDE + F_END];
  }

  /** Ends span `i` (which exists) at `t` (ms). */
  close(i: number, t: number): void {
    this.rows[i * STRIDE + F_END] = t;
  }

  /** Whether span `i` is marked failed. */
  failedAt(i: number): boolean {
    return this.rows[i * STRIDE + F_ERROR] !== 0;
  }

  /** Sets attribute `key` of span `i` (which exists) to `value` (a number; see AttrKey for how it is read). */
  set(i: number, key: AttrKey, value: number): void {
    const o = this.setCount;
    if (o + 3 > this.attrs.length) {
      const grown = new Float64Array(Math.max(ATTRS_SETS * 3, this.attrs.length * 2));
      grown.set(this.attrs);
      this.attrs = grown;
    }
    this.attrs[o] = i;
    this.attrs[o + 1] = key;
    this.attrs[o + 2] = value;
    this.setCount = o + 3;
  }

  /** Sets attribute `key` of span `i` to the string `s`. */
  setString(i: number, key: AttrKey, s: string): void {
    const strs = (this.strs ??= []);
    this.set(i, key, strs.length);
    strs.push(s);
  }

  /** Marks span `i` failed with `cause`, and where (an index in WHERE; -1: not said), as spanKit's `fail` did. */
  fail(i: number, cause: string, where: number): void {
    this.rows[i * STRIDE + F_ERROR] = 1;
    this.setString(i, AttrKey.cause, cause);
    if (where >= 0) this.set(i, AttrKey.failed, where);
  }

  /**
   * Marks try span `i` failed with `cause` at `where` (tryWhere.ts reads it off the attempt's AF flags; a drain's reset,
   * Router.upstreamReset, is Where.drainReset); one its router met (`where` drainReset or seenByRouter) gets Envoy's flag
   * then (UF, UC, UO...; not a callee's RL) in 'meshsim.envoy.response_flags', as timedOut sets UT: the waterfall, the
   * OTLP export and the words read one attribute.
   */
  failTry(i: number, cause: string, where: number): void {
    const local = where === Where.drainReset || where === Where.seenByRouter;
    this.fail(i, cause, where);
    const flag = local ? responseFlagOf(cause) : '';
    if (flag !== '' && !CALLEE_LOGGED_FLAGS.has(flag)) this.setString(i, AttrKey.responseFlags, flag);
  }

  /**
   * Marks call span `i` failed with `cause`, on this hop or further down (`inherited`), with
   * Envoy's flags for the hop (flagsOfCall, as EdgeStats counts them) in
   * 'meshsim.envoy.response_flags': a failure from further down is the upstream's own answer
   * here, so it gets only URX (`limitReached`) or a refused retry's UO (`retryOverflowed`).
   */
  failCall(i: number, cause: string, inherited: boolean, limitReached: boolean, retryOverflowed: boolean): void {
    this.fail(i, cause, inherited ? Where.furtherDown : Where.onThisHop);
    const flags: string[] = [];
    flagsOfCall(inherited ? '' : cause, limitReached, retryOverflowed, { add: (f) => flags.push(f) });
    if (flags.length > 0) this.setString(i, AttrKey.responseFlags, flags.join(','));
  }

  /**
   * Ends try span `i` (if open) as its router's own timer ended it at `now` (Router.abandon), with the timer's
   * length `ms` (AttrKey.perTryTimeout or routeTimeout), timeout 504 and Envoy's UT, the flag the router sets when it
   * resets the upstream request on either timeout. `perTry`: the per-try timer, which starts only once the request is
   * on a connection, so the host had it; else the route's, before (`reachedHost` false) or after it went out.
   */
  timedOut(i: number, now: number, ms: number, perTry: boolean, reachedHost: boolean): void {
    if (!this.has(i) || !Number.isNaN(this.endOf(i))) return;
    this.close(i, now);
    this.set(i, AttrKey.status, 504);
    this.set(i, perTry ? AttrKey.perTryTimeout : AttrKey.routeTimeout, ms);
    this.fail(i, Cause.timeout, perTry ? Where.perTryTimeout : reachedHost ? Where.routeTimeout : Where.routeTimeoutWaiting);
    this.setString(i, AttrKey.responseFlags, responseFlagOf(Cause.timeout));
  }

  /** Drops the record (not kept): it has no spans from now on. Returns its buffers for reuse. */
  drop(): [Float64Array, Float64Array] {
    const bufs: [Float64Array, Float64Array] = [this.rows, this.attrs];
    this.dropped = true;
    this.rows = EMPTY;
    this.attrs = EMPTY;
    this.used = 0;
    this.setCount = 0;
    this.strs = null;
    return bufs;
  }
}
