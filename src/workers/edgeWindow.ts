import type { EdgeStats, ServiceActor } from '../models';
import { EDGE_STRIDE, EdgeField, TLS_CAUSES } from './protocol';

/**
 * Spacing of the moments the link figures are read at, simulated ms: the window ends on the
 * last multiple of it at or before the frame's time, so the figures change ten times a
 * simulated second and are the same however the moment was reached.
 */
export const RATE_STEP_MS = 100;
/** Length of the window the link figures are counted over, simulated ms (the last second). */
export const RATE_WINDOW_MS = 1000;
/** Samples kept: the window's two ends and every step between. */
const SLOTS = RATE_WINDOW_MS / RATE_STEP_MS + 1;

/**
 * Writes edge `i`'s cumulative counts (EDGE_STRIDE floats: calls ended, failed, attempts,
 * failed on this hop, failed TLS handshakes on this hop, requests sent) at `out[i * EDGE_STRIDE]`. Mutates `out`.
 */
export function writeEdgeCounts(e: EdgeStats, out: Float64Array, i: number): void {
  const o = i * EDGE_STRIDE;
  out[o + EdgeField.calls] = e.requests;
  out[o + EdgeField.failed] = e.failed;
  out[o + EdgeField.attempts] = e.attempts;
  out[o + EdgeField.failedHere] = e.failed - e.failedDownstream;
  let tls = 0;
  for (const cause of TLS_CAUSES) tls += e.failures.get(cause);
  out[o + EdgeField.tlsFailed] = tls;
  out[o + EdgeField.sent] = e.sent;
}

/** Floats kept per replica at each step: busy worker-ms, requests served, proxy CPU ms. */
const REPLICA_FIGURES = 3;

/** A replica's sidecar as the window reads it: its CPU so far (Sidecar.cpuMs); an inline one is not its own proxy. */
export interface ProxyCpu {
  readonly inline: boolean;
  cpuMs(now: number): number;
}

/** The counts of every edge over one window of simulated time. Plain data. */
export interface EdgeWindowCounts {
  /** EDGE_STRIDE floats per edge: what happened in (fromMs, toMs]. Empty when the window is empty. */
  counts: Float64Array;
  /**
   * One float per replica of each service the window was told of (in `world.callees` order):
   * its workers' busy time in the window, worker-ms (`replicaUtilization` makes it a share).
   * Empty when the window is empty or was told of no services.
   */
  busyMs: Float64Array;
  /** One float per replica, as `busyMs`: the requests it served (a worker freed) in the window. */
  served: Float64Array;
  /**
   * One float per replica, as `busyMs`: its sidecar proxy's CPU in the window, ms (0 for a
   * replica without one; `replicaProxyCpu` makes it a share).
   */
  proxyCpuMs: Float64Array;
  fromMs: number;
  toMs: number;
}

/**
 * The per-edge counts at each RATE_STEP_MS of simulated time over the last RATE_WINDOW_MS, in
 * the worker, so a link's figures are a function of the run and the moment alone: never of
 * how often frames came or how the moment was reached (play, a seek, a snapshot, a share link).
 * Its host must call `sample` at every step the run passes (with every event at or before it
 * run, none after); a snapshot copies it with the world.
 */
export class EdgeWindow {
  /** Counts at the steps, by step number modulo SLOTS. */
  private readonly slots: Float64Array[] = [];
  /** The step each slot holds, -1 for none. */
  private readonly stepOf = new Array<number>(SLOTS).fill(-1);
  /** The next step to sample, in RATE_STEP_MS. */
  private nextStep = 0;

  /**
   * `replicaCount`: the replicas of every service sampled (the sum over `world.callees`; a
   * service's replicas never change in a run), 0 for links alone.
   */
  constructor(
    private readonly edgeCount: number,
    private readonly replicaCount = 0,
  ) {
    // Per replica three blocks of `replicaCount` floats: busy worker-ms, served, proxy CPU ms.
    for (let i = 0; i < SLOTS; i++) this.slots.push(new Float64Array(edgeCount * EDGE_STRIDE + REPLICA_FIGURES * replicaCount));
  }

  /** Simulated time of the next step to sample, ms. */
  get next(): number {
    return this.nextStep * RATE_STEP_MS;
  }

  /**
   * Records the counts of `stats` as those at `next`, and moves on a step. Call it only when
   * every event at or before `next` has run and none after. Mutates.
   */
  sample(stats: readonly EdgeStats[], services: readonly ServiceActor[] = [], proxyOfHost: readonly (ProxyCpu | null)[] = []): void {
    const k = this.nextStep++;
    const out = this.slots[k % SLOTS];
    for (let i = 0; i < this.edgeCount && i < stats.length; i++) writeEdgeCounts(stats[i], out, i);
    // Each replica's busy worker-ms, requests served and proxy CPU ms since the start, at this step's time.
    const at = k * RATE_STEP_MS;
    const n = this.replicaCount;
    let j = this.edgeCount * EDGE_STRIDE;
    const end = j + n;
    for (const s of services)
      for (let r = 0; r < s.replicas.length && j < end; r++, j++) {
        const rep = s.replicas[r];
        out[j] = rep.busyAreaAt(at);
        out[j + n] = rep.served;
        const proxy = proxyOfHost[s.hosts[r]];
        out[j + 2 * n] = proxy && !proxy.inline ? proxy.cpuMs(at) : 0;
      }
    this.stepOf[k % SLOTS] = k;
  }

  /**
   * The counts over the last RATE_WINDOW_MS that ends on the last step at or before `nowMs`
   * (from zero before the first second is out). Empty counts when that step is zero or was not
   * sampled. Pure.
   */
  window(nowMs: number): EdgeWindowCounts {
    const to = Math.min(this.nextStep - 1, Math.floor(nowMs / RATE_STEP_MS));
    const from = Math.max(0, to - (SLOTS - 1));
    const none = new Float64Array(0);
    const empty = { counts: none, busyMs: none, served: none, proxyCpuMs: none, fromMs: from * RATE_STEP_MS, toMs: Math.max(0, to) * RATE_STEP_MS };
    if (to <= 0 || this.stepOf[to % SLOTS] !== to || this.stepOf[from % SLOTS] !== from) return empty;
    const a = this.slots[from % SLOTS];
    const b = this.slots[to % SLOTS];
    const edges = this.edgeCount * EDGE_STRIDE;
    const counts = new Float64Array(edges);
    for (let i = 0; i < edges; i++) counts[i] = b[i] - a[i];
    const n = this.replicaCount;
    const block = (k: number) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = b[edges + k * n + i] - a[edges + k * n + i];
      return out;
    };
    return { counts, busyMs: block(0), served: block(1), proxyCpuMs: block(2), fromMs: from * RATE_STEP_MS, toMs: to * RATE_STEP_MS };
  }
}

/**
 * Where service `serviceIndex`'s replicas start among the window's replica floats (the replicas
 * of every service before it in `world.callees`). O(services): a loop over every service keeps
 * its own running sum instead.
 */
export function replicaBase(callees: readonly ServiceActor[], serviceIndex: number): number {
  let base = 0;
  for (let k = 0; k < serviceIndex; k++) base += callees[k].replicas.length;
  return base;
}

/**
 * The share of its workers' time replica `r` of `service` (0..1) spent busy over the window of
 * `win`, the one the link labels use (the last simulated second, read at tenths): what a node's
 * "util" says, so a replica that hangs reads 100% within a second rather than creeping up from
 * its average since the start. `base` is `replicaBase` of the service.
 * Workers are counted as they are now (a change of concurrency within the last second is not
 * spread over it). NaN when the window is empty or holds no replicas (before the first tenth of
 * a second), so callers fall back to the share since the start.
 */
export function replicaUtilization(win: EdgeWindowCounts, service: ServiceActor, r: number, base: number): number {
  const ms = win.toMs - win.fromMs;
  if (!(ms > 0) || base + r >= win.busyMs.length) return NaN;
  return win.busyMs[base + r] / (service.replicas[r].concurrency * ms);
}

/** `replicaUtilization` over all of a service's replicas (busy worker-ms over worker-ms). NaN as there. */
export function serviceUtilization(win: EdgeWindowCounts, service: ServiceActor, base: number): number {
  const ms = win.toMs - win.fromMs;
  if (!(ms > 0) || base + service.replicas.length > win.busyMs.length) return NaN;
  let area = 0;
  let workers = 0;
  for (let r = 0; r < service.replicas.length; r++) {
    area += win.busyMs[base + r];
    workers += service.replicas[r].concurrency;
  }
  return area / (workers * ms);
}
