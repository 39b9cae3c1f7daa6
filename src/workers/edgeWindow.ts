import type { EdgeStats } from '../models';
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
 * failed on this hop, failed TLS handshakes on this hop) at `out[i * EDGE_STRIDE]`. Mutates `out`.
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
}

/** The counts of every edge over one window of simulated time. Plain data. */
export interface EdgeWindowCounts {
  /** EDGE_STRIDE floats per edge: what happened in (fromMs, toMs]. Empty when the window is empty. */
  counts: Float64Array;
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

  constructor(private readonly edgeCount: number) {
    for (let i = 0; i < SLOTS; i++) this.slots.push(new Float64Array(edgeCount * EDGE_STRIDE));
  }

  /** Simulated time of the next step to sample, ms. */
  get next(): number {
    return this.nextStep * RATE_STEP_MS;
  }

  /**
   * Records the counts of `stats` as those at `next`, and moves on a step. Call it only when
   * every event at or before `next` has run and none after. Mutates.
   */
  sample(stats: readonly EdgeStats[]): void {
    const k = this.nextStep++;
    const out = this.slots[k % SLOTS];
    for (let i = 0; i < this.edgeCount && i < stats.length; i++) writeEdgeCounts(stats[i], out, i);
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
    const empty = { counts: new Float64Array(0), fromMs: from * RATE_STEP_MS, toMs: Math.max(0, to) * RATE_STEP_MS };
    if (to <= 0 || this.stepOf[to % SLOTS] !== to || this.stepOf[from % SLOTS] !== from) return empty;
    const a = this.slots[from % SLOTS];
    const b = this.slots[to % SLOTS];
    const counts = new Float64Array(b.length);
    for (let i = 0; i < b.length; i++) counts[i] = b[i] - a[i];
    return { counts, fromMs: from * RATE_STEP_MS, toMs: to * RATE_STEP_MS };
  }
}
