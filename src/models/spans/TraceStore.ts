import { keep, summary } from './spanKit';
import type { TraceRecord } from './TraceRecord';
import type { Trace, TraceSummary, TracerOptions } from './types';

/**
 * Where a tracer keeps what it recorded (Tracer extends it): one in `sampleEvery` requests'
 * traces (Tracer.begin picks them), the newest failed ones and (with `maxRetried`) the newest
 * retried ones that ended ok, each in a ring of its own (oldest overwritten first; with
 * `eachCause` the failed ring drops the oldest of its most common cause instead, so a rare cause
 * stays listed), and how to read them. They are kept as records (numbers) and read as `Trace`s,
 * built on each read. Plain data (snapshots copy it).
 */
export abstract class TraceStore {
  sampleEvery = 100;
  maxSampled = 1000;
  maxFailed = 1000;
  maxRecording = 5000;
  /** Retried requests that ended ok (not 1 in N) kept besides, the newest this many; 0 keeps none. */
  maxRetried = 0;
  /** The failed ring, when full, drops the oldest of its most common cause (not its oldest). */
  eachCause = false;
  /** False: records no new request (those in flight carry on, those kept stay). */
  enabled = true;
  /** Requests being recorded now (in flight). */
  protected recording = 0;
  /** Kept traces: 1-in-N ones and failed ones, each a ring (oldest overwritten first). */
  protected readonly sampled: TraceRecord[] = [];
  protected sampledNext = 0;
  protected readonly failed: TraceRecord[] = [];
  protected failedNext = 0;
  protected readonly retried: TraceRecord[] = [];
  protected retriedNext = 0;

  /**
   * Changes what is kept from now on (unset options take their defaults). Requests being
   * recorded carry on; kept ones stay unless a ring shrinks, which drops its oldest. With
   * `maxSampled` and `maxFailed` 0 nothing new is recorded: tracing is off.
   */
  configure(options: TracerOptions): void {
    this.sampleEvery = Math.max(1, Math.floor(options.sampleEvery ?? 100));
    this.maxSampled = Math.max(0, Math.floor(options.maxSampled ?? 1000));
    this.maxFailed = Math.max(0, Math.floor(options.maxFailed ?? 1000));
    this.maxRecording = Math.max(0, Math.floor(options.maxRecording ?? 5000));
    this.maxRetried = Math.max(0, Math.floor(options.maxRetried ?? 0));
    this.eachCause = options.eachCause ?? false;
    // Each ring is put in the order its traces ended (oldest first) and cut to its new size;
    // the next write then goes after the last, or over the oldest when it is full.
    const normalise = (ring: TraceRecord[], max: number): number => {
      const kept = [...ring].sort((a, b) => a.end - b.end).slice(Math.max(0, ring.length - max));
      ring.length = 0;
      ring.push(...kept);
      return max === 0 ? 0 : ring.length % max;
    };
    this.sampledNext = normalise(this.sampled, this.maxSampled);
    this.failedNext = normalise(this.failed, this.maxFailed);
    this.retriedNext = normalise(this.retried, this.maxRetried);
  }

  /**
   * A trace has its fate (`cause`, 'ok' for none): kept if it is 1 in N, or failed and failures
   * are kept, or retried (`t.retries` > 0) and retried ones are kept. Returns whether it was kept.
   */
  protected keep(t: TraceRecord, cause: string): boolean {
    if (t.sampled) {
      const old = this.sampled.length >= this.maxSampled ? this.sampled[this.sampledNext] : undefined;
      this.sampledNext = keep(this.sampled, this.sampledNext, this.maxSampled, t);
      if (old !== undefined) this.evicted(old);
    } else if (cause !== 'ok' && this.maxFailed > 0) {
      if (this.eachCause && this.failed.length >= this.maxFailed) {
        const at = oldestOfCommonest(this.failed);
        const old = this.failed[at];
        this.failed[at] = t;
        this.evicted(old);
        return true;
      }
      const old = this.failed.length >= this.maxFailed ? this.failed[this.failedNext] : undefined;
      this.failedNext = keep(this.failed, this.failedNext, this.maxFailed, t);
      if (old !== undefined) this.evicted(old);
    } else if (cause === 'ok' && t.retries > 0 && this.maxRetried > 0) {
      const old = this.retried.length >= this.maxRetried ? this.retried[this.retriedNext] : undefined;
      this.retriedNext = keep(this.retried, this.retriedNext, this.maxRetried, t);
      if (old !== undefined) this.evicted(old);
    } else return false;
    return true;
  }

  /** A kept record the newest pushed out of its ring: nothing reads it from now on. */
  protected evicted(_t: TraceRecord): void {}

  // ---- reading -------------------------------------------------------------------------

  /**
   * The kept requests, newest first, optionally failed ones only, at most `limit`. With `sampleOnly`, the 1-in-N
   * sample alone (chosen when sent, whatever their fate): a fair sample, whose failed share is the run's; without it
   * every failed one kept besides, so failures crowd the list (all of them kept against one ok request in N), and the
   * retried ones kept unless `failedOnly`. `only`: those that ended with that cause ('timeout'), or 'retried': those
   * with a try 2 or later, whatever their fate; 'fault:N' those a try of which fault N failed (faults/faultMarks.ts),
   * whatever their fate; null for all.
   */
  list(failedOnly = false, limit = 100, sampleOnly = false, only: string | null = null): TraceSummary[] {
    const sampled = failedOnly ? this.sampled.filter((t) => t.fate !== 'ok') : this.sampled;
    let all = sampleOnly ? [...sampled] : failedOnly ? [...this.failed, ...sampled] : [...this.failed, ...this.retried, ...sampled];
    const fault = faultOnly(only);
    if (only === 'retried') all = all.filter((t) => t.retries > 0);
    else if (fault >= 0) all = all.filter((t) => t.faults?.includes(fault) === true);
    else if (only !== null) all = all.filter((t) => t.fate === only);
    all.sort((a, b) => b.id - a.id);
    return all.slice(0, Math.max(0, limit)).map(summary);
  }

  /** A record as a `Trace` (a fresh object): its spans with their names and attributes. */
  abstract materialize(rec: TraceRecord): Trace;

  /** A kept request's trace (a fresh object), or null when it was not kept (or has dropped out of its ring). */
  get(id: number): Trace | null {
    const t = this.sampled.find((r) => r.id === id) ?? this.failed.find((r) => r.id === id) ?? this.retried.find((r) => r.id === id);
    return t === undefined ? null : this.materialize(t);
  }

  /** Requests being recorded now, in flight. */
  get inFlight(): number {
    return this.recording;
  }

  /** Every kept trace (fresh objects), oldest first. */
  all(): Trace[] {
    return [...this.sampled, ...this.failed, ...this.retried].sort((a, b) => a.id - b.id).map((r) => this.materialize(r));
  }
}

/**
 * Where in a full failed ring the next failure goes with `eachCause`: the slot of the oldest (by
 * end) of its most common cause (ties: the cause met first), so each cause keeps its newest while
 * the commonest gives way. `ring` non-empty. O(ring length), 200 in the app.
 */
function oldestOfCommonest(ring: readonly TraceRecord[]): number {
  const count = new Map<string | null, number>();
  let top: string | null = null;
  let most = 0;
  for (const t of ring) {
    const n = (count.get(t.fate) ?? 0) + 1;
    count.set(t.fate, n);
    if (n > most) [most, top] = [n, t.fate];
  }
  let at = 0;
  let end = Infinity;
  for (let i = 0; i < ring.length; i++) {
    if (ring[i].fate === top && ring[i].end < end) [end, at] = [ring[i].end, i];
  }
  return at;
}

/** The fault number of a list filter 'fault:N' (TraceStore.list's `only`), else -1. */
export function faultOnly(only: string | null): number {
  if (only === null || !only.startsWith('fault:')) return -1;
  const n = Number(only.slice(6));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}
