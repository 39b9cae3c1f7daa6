/**
 * Spans of one traced request, as plain data. Times are simulated milliseconds since the start
 * of the run. A span's `parent` is the index of another span of the same trace (-1 for the
 * root), so a trace is a tree in an array, cheap to copy across the worker boundary.
 */

/** OpenTelemetry's span kinds (the OTLP enum values). */
export const SpanKind = { internal: 1, server: 2, client: 3 } as const;
export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind];

/** What a span stands for, so the waterfall can colour it without parsing names. */
export const SpanRole = {
  request: 'request',
  call: 'call',
  try: 'try',
  pool: 'pool',
  connect: 'connect',
  tls: 'tls',
  network: 'network',
  proxy: 'proxy',
  server: 'server',
  queue: 'queue',
  app: 'app',
  backoff: 'backoff',
  fault: 'fault',
} as const;
export type SpanRole = (typeof SpanRole)[keyof typeof SpanRole];

export type AttrValue = string | number | boolean;

export interface Span {
  /** Index in its trace's `spans`. */
  id: number;
  /** Index of the parent span, -1 for the root. */
  parent: number;
  name: string;
  role: SpanRole;
  kind: SpanKind;
  /** The node (client, service or gateway) whose process did this: OTLP's `service.name`. */
  service: string;
  /** Start and end, simulated ms. `end` is NaN while the span is open. */
  start: number;
  end: number;
  /** The span failed (OTLP status ERROR); the cause is in `attrs['meshsim.cause']`. */
  error: boolean;
  attrs: Record<string, AttrValue>;
}

/** One traced end-to-end request. */
export interface Trace {
  /** The request's id: its number in the order clients sent requests, from 1. */
  id: number;
  client: string;
  start: number;
  /** When the request got its fate; NaN while in flight. */
  end: number;
  /** `ok`, a cause, or null while in flight. */
  fate: string | null;
  status: number;
  /** Kept because it was 1 in N (as opposed to kept because it failed). */
  sampled: boolean;
  spans: Span[];
}

/** One row of the list of kept requests. */
export interface TraceSummary {
  id: number;
  client: string;
  fate: string;
  /** The cause, or null when ok. */
  cause: string | null;
  status: number;
  start: number;
  durationMs: number;
  spans: number;
  sampled: boolean;
  /** Tries after the first (retries) the request's calls made, at any hop; 0 when none. */
  retries: number;
  /** The faults (their numbers in the run's fault list) that failed a try of it (faults/faultMarks.ts); absent: none. */
  faults?: number[];
}

/** How the tracer picks the requests it keeps. */
export interface TracerOptions {
  /**
   * Keep one request in N sent, whatever its fate, chosen by a fixed scramble of its number
   * (sim-engine sampledOneIn: the 1st always, about 1 in N of any stretch, never aliased with a
   * periodic sender). Default 100.
   */
  sampleEvery?: number;
  /** At most this many 1-in-N requests are kept; older ones drop out (a ring). Default 1000. */
  maxSampled?: number;
  /** Also keep failed requests, the newest this many (a ring); 0 keeps none. Default 1000. */
  maxFailed?: number;
  /**
   * Also keep requests that were retried (a try 2 or later at any hop) and still ended ok, the
   * newest this many (a ring); 0 keeps none (failed retried ones are in the failed ring). Default 0.
   */
  maxRetried?: number;
  /**
   * When the failed ring is full, drop the oldest failure of its most common cause rather than
   * its oldest, so a rare cause (26 timeouts among 300 queue-full) stays listed. Default false.
   */
  eachCause?: boolean;
  /**
   * At most this many requests recorded at once, in flight, on the chance that they fail: past
   * it, a request that is not 1 in N is not recorded (and not kept should it fail). Bounds the
   * memory a run with many requests in flight spends on tracing. Default 5000.
   */
  maxRecording?: number;
}

/**
 * What the tracer reads of the world (World has it): requests sent so far, which actors are
 * gateways, host names and actor names. It reads only; nothing here imports World.
 */
export interface TracerHost {
  readonly sent: number;
  readonly gateways: readonly { readonly id: number }[];
  readonly network: { readonly hosts: readonly { readonly name: string }[] };
  readonly sim: { actor(id: number): { readonly name: string } };
}

/** A connection being opened: its phases as they happen (TLS halves only under mTLS). */
export interface ConnectRecord {
  start: number;
  /** When the TCP handshake is over (or the connect timer fires). */
  tcpEnd: number;
  tlsServer: { at: number; cpuStart: number; done: number } | null;
  tlsClient: { at: number; cpuStart: number; done: number } | null;
  /**
   * A handshake that failed tls-expired-cert: whose certificate had expired, the server's (refused by the client's
   * proxy) or the client's (refused by the server's), its identity (Identity.owner), CA and expiry (ms) as the
   * handshake saw them; null otherwise (set by Tracer.tlsExpired).
   */
  expired?: { server: boolean; identity: string; ca: string; notAfter: number } | null;
}
