// The per-second series on the UI side: a small React-free store that asks the worker for the
// buckets closed since it last asked (twice a second while the run plays, once after it moves
// otherwise), and starts afresh when the worker's series does (a load, reset or seek back) or
// another scenario is opened.
import { createStore } from 'zustand/vanilla';
import type { Remote } from 'comlink';
import type { SeriesBatch, SeriesBucket } from '../../workers/protocol';
import type { SimWorkerApi } from '../../workers/sim.worker';
import type { AppStore } from '../state/store';

/** What the series source needs of the worker. */
export type SeriesApi = Pick<Remote<SimWorkerApi>, 'seriesSince' | 'eventLogQuery' | 'eventLogNames'>;

export interface SeriesState {
  /** The worker's series number the buckets belong to; -1 before the first answer. */
  epoch: number;
  bucketMs: number;
  buckets: SeriesBucket[];
}

/** Wall ms between asks while the run plays (or a frame has come that no answer has covered yet). */
export const POLL_MS = 500;

export const seriesStore = createStore<SeriesState>(() => ({ epoch: -1, bucketMs: 1000, buckets: [] }));

let api: SeriesApi | null = null;

/** The worker API the charts and the event log read from (set once by main.tsx). */
export function chartsApi(): SeriesApi | null {
  return api;
}

/**
 * Adds a batch to the buckets: replaces them when its epoch is another, appends when it
 * continues them, and ignores a batch that does not (an answer that crossed a newer one). Pure.
 */
export function mergeBatch(s: SeriesState, b: SeriesBatch): SeriesState {
  if (b.epoch !== s.epoch) return { epoch: b.epoch, bucketMs: b.bucketMs, buckets: b.from === 0 ? b.buckets : [] };
  if (b.from !== s.buckets.length || b.buckets.length === 0) return s;
  return { ...s, buckets: s.buckets.concat(b.buckets) };
}

/**
 * Whether the timer should ask the worker now: while the run plays, or when the run has moved
 * (a frame numbered `seq`, another scenario's `info`) since the last answer, `answered`. A run
 * standing still has no new buckets, and every call to the worker puts its idle snapshot fill
 * off (sim.worker.ts), so a paused page asks nothing. Pure.
 */
export function shouldPoll(status: string, seq: number, info: unknown, answered: { seq: number; info: unknown }): boolean {
  return status === 'playing' || seq !== answered.seq || info !== answered.info;
}

/** Starts polling `worker` for the series of whatever scenario `store` has loaded. */
export function bindCharts(worker: SeriesApi, store: AppStore): void {
  api = worker;
  let asking = false;
  let info = store.getState().info;
  // The frame and scenario the last answer covered (none yet).
  const answered: { seq: number; info: unknown } = { seq: -1, info: null };
  const ask = async () => {
    const s = store.getState();
    if (asking || !s.info || s.status === 'loading' || s.status === 'crashed') return;
    if (s.info !== info) {
      info = s.info;
      seriesStore.setState({ epoch: -1, bucketMs: 1000, buckets: [] });
    }
    asking = true;
    const seq = s.stats.seq;
    try {
      const cur = seriesStore.getState();
      const batch = await worker.seriesSince(cur.epoch, cur.buckets.length);
      if (store.getState().info === info) {
        seriesStore.setState((st) => mergeBatch(st, batch));
        answered.seq = seq;
        answered.info = info;
      }
    } catch {
      // A worker being replaced or stopped: the next ask goes to the new one.
    } finally {
      asking = false;
    }
  };
  setInterval(() => {
    const s = store.getState();
    if (shouldPoll(s.status, s.stats.seq, s.info, answered)) void ask();
  }, POLL_MS);
  // Ask soon after the counters move (a seek, a step), not only on the timer.
  let lastSeq = 0;
  store.subscribe((s) => {
    if (s.stats.seq !== lastSeq && s.status !== 'playing') {
      lastSeq = s.stats.seq;
      void ask();
    }
  });
}
