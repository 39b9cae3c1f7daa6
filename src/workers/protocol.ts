import type { Topology, RunSummary } from '../models';
import type { LessonFigure, Problem, Question } from '../scenario';
import type { LiveAction } from './liveActions';
import type { RolloutFigure } from './figures';
import type { PlainReading } from './plainTwin';
import type { FaultRefusals } from './faultRefusals';
import type { FaultEffect } from '../models/faults/faultMarks';

/** What the UI learns when a scenario loads. Plain data. */
export interface ScenarioInfo {
  name: string;
  title: string;
  description: string;
  seed: number;
  durationMs: number;
  /** The scenario's `warmup`, ms: latency figures count only ok requests sent after it (0 without one). */
  warmupMs: number;
  topology: Topology;
  /** The scenario's story, step by step, and its lesson. */
  narrative: { at: number; title: string; text: string; highlight: string[]; figure?: LessonFigure; question?: Question }[];
  lesson: string;
  /** Nodes placed by hand: design-unit centres by node name, from the scenario's `layout`. */
  layout: Record<string, { x: number; y: number }>;
  /** Each node's replicas' zones when the scenario places hosts in more than one (workers/zones.ts); absent otherwise. */
  zones?: Record<string, string[]>;
}

/** A fault as the UI lists it. */
export interface FaultStatus {
  id: number;
  type: string;
  target: string;
  /** How much it does ("+100 ms", "100% → 503", "3× slower"), '' for an all-or-nothing fault (src/models/report.ts `faultAmount`). */
  amount: string;
  startMs: number;
  /** When it ended (cleared, its duration out, or a one-shot fault's start); null while it lasts or before it starts. */
  endMs: number | null;
  /** When its duration (`for`) runs out, simulated ms; null for a fault without one (it lasts until cleared). */
  untilMs: number | null;
  /** Scheduled but not started yet. */
  pending: boolean;
  /**
   * Whose it is: 'scenario' for a fault written in the scenario's file, 'yours' for one the person
   * injected live (the recipe's inject actions, replayed or still to come after a seek back). Set
   * by the worker (recipe.ts faultStatuses), the one place that knows; a hand-made list without it
   * reads every fault as the person's (faultOwner.ts). Trial N11, 3: the app guessed it from the
   * clock and called an injection still to come after a seek back "the scenario's".
   */
  owner?: 'scenario' | 'yours';
  /**
   * An expire-certificates fault that has started: the handshakes refused tls-expired-cert on links to or from the
   * proxies it expired, and its own first (faultRefusals.ts); absent for other faults and before it starts.
   */
  refusals?: FaultRefusals;
  /**
   * What an http-abort or replica-kill fault did so far, once it has started (models/faults/faultMarks.ts): answers it
   * failed at the host (a kill's: requests its pods held, reset), tries of those a caller's router retried, user
   * requests that ended failed with its failure. Absent for other faults and before it starts.
   */
  effect?: FaultEffect;
  /**
   * The mesh an expire-certificates fault names beside its service (the file's `mesh`): with a service, only that
   * mesh's CA's certificate on it expired (a bridge's one identity), so `target`, the service, does not say it all.
   * Absent when the fault names none (and for other faults); a mesh alone is also its `target`.
   */
  mesh?: string;
}

/** An injection's answer: the fault's number and the action the recipe keeps for it, or its problems. */
export type InjectResult = { ok: true; id: number; action: LiveAction } | { ok: false; problems: Problem[] };

/** A load's answer. A refused file still gives its `title` when it has one, to name it by. */
export type LoadResult = { ok: true; info: ScenarioInfo } | { ok: false; problems: Problem[]; title?: string };

/** Why a run stopped for good: the problem against the scenario, and the simulated time, ms. */
export interface RunStop {
  problem: Problem;
  atMs: number;
}

/**
 * The name of the error `advance` and `stepEvent` throw when the run cannot go on (the engine's
 * guard against a stalled clock, or any error inside it). comlink carries only an error's name
 * and message across, so the message is the `RunStop` as JSON; `runStopOf` reads it back.
 */
export const RUN_STOPPED = 'RunStopped';

/** The error the worker throws for a stopped run. Pure. */
export function runStopped(problem: Problem, atMs: number): Error {
  const e = new Error(JSON.stringify({ problem, atMs } satisfies RunStop));
  e.name = RUN_STOPPED;
  return e;
}

/** The stop an error from the worker carries, or null when it is another error. Pure. */
export function runStopOf(e: unknown): RunStop | null {
  if (!(e instanceof Error) || e.name !== RUN_STOPPED) return null;
  try {
    return JSON.parse(e.message) as RunStop;
  } catch {
    return null;
  }
}

/** What the worker is doing while it opens a scenario, in order (the app shows it as progress). */
export const LoadStage = {
  parsing: 'parsing',
  validating: 'validating',
  building: 'building',
  starting: 'starting',
} as const;
export type LoadStage = (typeof LoadStage)[keyof typeof LoadStage];

/** Layout of `Frame.counters`. */
export const Counter = {
  sent: 0,
  ok: 1,
  failed: 2,
  inFlight: 3,
  p50: 4,
  p90: 5,
  p99: 6,
  events: 7,
  /** Mean latency of ok requests after the warmup, ms. */
  mean: 8,
  /** Proxy CPU so far over every sidecar, ms; the passes they made; the number of sidecars. */
  proxyCpuMs: 9,
  proxyPasses: 10,
  proxies: 11,
  /**
   * Of proxyCpuMs, the CPU the sidecars spent on their halves of TLS handshakes, ms (each half
   * World.tlsHandshakeCpuMs): where every try fails its handshake it is most of it (CounterStrip).
   */
  proxyHandshakeCpuMs: 12,
  /**
   * The sidecars' backlog: CPU ms of passes they have taken but not yet run (Sidecar.backlogMs), summed. With
   * proxyCpuMs it is the CPU of every pass counted in proxyPasses, so the per-proxy figure stays the cost of a pass
   * when they are saturated (it read 0.00 there: passes counted on arrival over CPU run so far, N5's F3).
   */
  proxyBacklogMs: 13,
  /** About how many messages the sidecars hold, waiting or on a worker (Sidecar.heldAt), summed. */
  proxyHeld: 14,
  /** The longest a pass arriving now would wait for a worker at one sidecar, ms (Sidecar.waitAt). */
  proxyWaitMs: 15,
  /**
   * Retries the callers' circuit breakers refused so far, over every route (Cluster.retryOverflows: Envoy's
   * upstream_rq_retry_overflow, the call's UO flag): circuitBreaker.maxRetries was full, so the call failed with its
   * try's own error. The counter strip says it beside the failed figure when it is above 0.
   */
  retryOverflows: 16,
  /** Links (edges) with a retry refused so far (frame.ts refusedLinks): 0 when none. */
  retryOverflowLinks: 17,
  /** The edge id with the most retries refused so far (the lowest id of a tie), -1 when none: the strip's click opens it. */
  retryOverflowEdge: 18,
  /**
   * New mutual TLS handshakes refused for an expired certificate so far, over every route (ConnPool.expiredCertFailures:
   * a connect that failed tls-expired-cert, Envoy's ssl.fail_verify_error). Counted whether or not a request failed
   * with it: a refused connect whose request was retried on an open connection fails nothing (trial N14, 1), so the
   * strip says it beside the failed figure (ExpiredHandshakes.tsx).
   */
  expiredHandshakes: 19,
  /** When the first of them was refused, simulated ms (ConnPool.firstExpiredCertMs, the earliest); -1 when none. */
  expiredHandshakeFirstMs: 20,
  /** The edge id it was refused on (the lowest id of a tie), -1 when none: the strip's press opens that link. */
  expiredHandshakeEdge: 21,
  length: 22,
} as const;

/**
 * Floats per dot in `Frame.dots`: edge id, progress 0..1, 1 when a response, its fate so far
 * (1 failed: the call fails with it, no retry follows; 2 a retry attempt, or the answer of a
 * failed try that its router is set to retry, so the call may still end ok; 0 otherwise), the
 * request's number (`Request.number`, the inspector's request id) below 2^24, and a word of
 * flags: bit 0 set when the tracer keeps the request for sure (1 in `sampleEvery`), the rest
 * the number's bits from 2^24 up (a Float32 holds integers exactly only to 2^24). Read the
 * number with `dotRequest`.
 */
export const DOT_STRIDE = 6;
/** Offsets of a dot's fields within its DOT_STRIDE floats. */
export const DotField = { edge: 0, progress: 1, response: 2, fate: 3, request: 4, flags: 5 } as const;
/** Dot fates (`Frame.dots[i + 3]`). */
export const DotFate = { onItsWay: 0, failed: 1, retry: 2 } as const;
/** Request numbers are split at 2^24 across the `request` and `flags` fields. */
const DOT_NUMBER_SPLIT = 16777216;

/**
 * Packs request `number` and whether the tracer samples it into the dot at float offset `j`.
 * Mutates `dots`.
 */
export function packDotRequest(dots: Float32Array, j: number, number: number, sampled: boolean): void {
  dots[j + DotField.request] = number % DOT_NUMBER_SPLIT;
  dots[j + DotField.flags] = Math.floor(number / DOT_NUMBER_SPLIT) * 2 + (sampled ? 1 : 0);
}

/** The request number of the dot at float offset `j` (0: a message of no request). Pure. */
export function dotRequest(dots: Float32Array, j: number): number {
  return Math.floor(dots[j + DotField.flags] / 2) * DOT_NUMBER_SPLIT + dots[j + DotField.request];
}

/** True when the tracer keeps the dot's request for sure (its spans can be asked for). Pure. */
export function dotSampled(dots: Float32Array, j: number): boolean {
  return dots[j + DotField.flags] % 2 === 1;
}
/**
 * Most dots in a frame (the worker's cap). Past it the messages in flight are sampled uniformly,
 * every `Frame.dotEvery`-th one by its send order, so a dot stands for that many messages.
 */
export const MAX_DOTS = 4000;
/**
 * Floats per node in `Frame.nodes`. Services and gateways: busy workers, queued requests,
 * utilization over the last simulated second (since the start before a tenth of a second), replicas down, proxies with stale config, proxies with no config,
 * replicas ejected now by at least one caller (outlier detection), and the simulated time (ms)
 * the first of those comes back (0 when none is ejected; the inspector lists every caller's).
 * Control planes: config streams opened and pushes made (cumulative, so a growing count can
 * pulse its lines), 0, 1 when down, 1 when its CA is down, 0, 0, 0, 0, 0.
 * Services with sidecars, last: about how many messages their sidecars hold (Sidecar.heldAt, summed), the
 * longest a pass arriving now would wait at one of them, ms (Sidecar.waitAt), and how many of them are saturated
 * (that wait SATURATED_WAIT_MS or more): a saturated proxy's backlog. Then its replicas with a sidecar and of
 * those the ones whose sidecar holds STRICT now (World.strictHost: a timed or live `mtls` change moves it as its
 * push lands), from which the picture's mTLS chip follows the mode in force (mtlsMark.mtlsModeOf).
 */
export const NODE_STRIDE = 13;
export const NodeField = { busy: 0, queued: 1, utilization: 2, down: 3, stale: 4, noConfig: 5, ejected: 6, ejectedUntil: 7, proxyHeld: 8, proxyWait: 9, proxySaturated: 10, meshed: 11, strict: 12 } as const;
/**
 * A wait at a sidecar (the time a pass arriving now would wait for a worker, Sidecar.waitAt), ms, from which the
 * counters and the picture call the proxy saturated. A pass costs a tenth of a millisecond or so (calibration.ts),
 * so 50 ms is hundreds of passes queued a worker: far past the brief waits a busy proxy has now and then.
 */
export const SATURATED_WAIT_MS = 50;
/** Floats per edge in `Frame.passed`: requests, responses, failed messages. */
export const PASSED_STRIDE = 3;
/**
 * Floats per edge in `Frame.edges`, each counted since time zero as the caller saw the edge:
 * calls ended (ok or failed), calls failed, attempts (retries included), the failures that
 * happened on this hop (the rest came from further down), and of those the failed TLS
 * handshakes on this hop (`TLS_CAUSES`: the UI draws a broken lock while they grow); then the
 * requests sent on it, ended or not (every call as issued and every retry: EdgeStats.sent, Envoy's
 * upstream_rq_total), which a link's req/s counts. The first five are of calls ended (Envoy's
 * upstream_rq_completed): a flood into a saturated service sends far more than ends.
 */
export const EDGE_STRIDE = 6;
export const EdgeField = { calls: 0, failed: 1, attempts: 2, failedHere: 3, tlsFailed: 4, sent: 5 } as const;
/** Failure causes that are a failed TLS handshake on the hop (src/models/events.ts `Cause`). */
export const TLS_CAUSES = ['tls-unknown-ca', 'tls-expired-cert', 'tls-no-cert', 'tls-plaintext-rejected'] as const;

/**
 * One frame of the running simulation. The typed arrays are transferred, not copied, so
 * the worker allocates fresh ones each frame (they are small) and the UI owns them after.
 */
export interface Frame {
  /** Increases by one per frame, so the UI can drop frames that arrive out of order. */
  seq: number;
  simTime: number;
  /** At the run's duration with no event of that time left to run (an advance cut short by its budget may stop among them). */
  done: boolean;
  counters: Float64Array;
  /** DOT_STRIDE floats per message drawn: every message in flight, or 1 in `dotEvery`. */
  dots: Float32Array;
  /**
   * How many messages in flight a dot stands for: 1 while at most MAX_DOTS are in flight, else
   * the sampling stride k (every k-th message by send order is drawn).
   */
  dotEvery: number;
  /** NODE_STRIDE floats per topology node (clients report zeros). */
  nodes: Float32Array;
  /**
   * PASSED_STRIDE floats per topology edge: messages that were sent and arrived between the
   * previous frame and this one, so never appear in `dots` (a hop shorter than a screen frame
   * at the current speed, or a zero-latency link). The UI shows them as a pulse on the link.
   */
  passed: Float32Array;
  /** EDGE_STRIDE floats per topology edge: calls, failures and attempts so far. */
  edges: Float64Array;
  /**
   * EDGE_STRIDE floats per topology edge: the same counts over the last second of simulated
   * time, `(recentFromMs, recentToMs]`, which ends on the last tenth of a second at or before
   * `simTime` (workers/edgeWindow.ts). The link labels and the inspector's calls/s read it, so
   * one moment gives one figure however it was reached. Empty before the first tenth.
   */
  recent: Float64Array;
  recentFromMs: number;
  recentToMs: number;
  /**
   * Time of the next event after `simTime` (Infinity when none is queued): a seek to any time
   * from `simTime` up to it runs the same events, so a share link may round its `t` within.
   */
  nextEventMs: number;
  /** Failures so far by cause; small, so sent as a plain object. */
  failures: Record<string, number>;
  /** Config changes made so far and how far each spread (absent when none was made). */
  rollouts?: RolloutFigure[];
  /**
   * The recipe's twin without sidecars at this moment (plainTwin.ts): present only when a lesson
   * figure of the scenario compares against it (latency-p50-added, latency-p90-added).
   */
  plain?: PlainReading;
  traceHash: string;
}

export type { RunSummary };
export type { PlainReading } from './plainTwin';
export type { LiveAction, RunPoint } from './liveActions';
export type { Trace, TraceSummary, Span, TracerOptions } from '../models';
export type { NodeInspect, EdgeInspect, ReplicaInspect, ProxyInspect, RouteInspect, Gauge } from './inspect';
export type { CertLife, GatewayIdentity, LinkTrust } from './inspectIdentity';
export type { ExpiryConnections } from './expiryConnections';
export type { SeriesBatch, SeriesBucket } from './series';
export type { EventFilter, EventRows } from './eventLog';
