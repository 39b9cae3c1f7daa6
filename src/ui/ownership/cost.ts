// What a feature owned twice costs in the running simulation: for retries, the tries its layers
// cause together at the deepest service, per request entering the path, from the frames'
// cumulative per-edge counts (the worker's figures); for the others, the share of user requests
// that failed with the causes the feature produces, from the per-second series. Pure functions
// and one small sampler, outside React.
import type { Overlap, OwnedPath } from '../../models/ownership';
import type { Topology } from '../../models';
import { EDGE_STRIDE, EdgeField, type Frame } from '../../workers/protocol';
import type { SeriesBucket } from '../../workers/series';

/**
 * Simulated time the "worst" figure looks back over, ms. Tries are counted as they start and
 * calls as they end, so a short window exaggerates the ratio while a failure begins (a 2 s window
 * read 45 tries a request at retry-storm's onset, where 27 is the truth); 5 s reads 27 through it.
 * The windows are whole buckets of the worker's series (whole seconds), ending at or before the
 * moment shown: the run's own, whatever frames the page drew. The "now" figure is the worker's
 * last simulated second (Frame.recent), as the link labels: the same at a moment however it was
 * reached, and high in a failure's first second (retry-storm's 10-11 s reads 56.6: retries of
 * requests that came in before it land in it), 24.7-32.9 after.
 */
export const COST_WINDOW_MS = 5000;

/** The topology edge id of each hop of a path (caller name -> callee name), -1 where none. Pure. */
export function hopEdges(topology: Topology, path: OwnedPath): number[] {
  const id = new Map(topology.nodes.map((n) => [n.name, n.id]));
  return path.hops.map((h) => topology.edges.find((e) => e.from === id.get(h.from) && e.to === id.get(h.to))?.id ?? -1);
}

/**
 * Tries sent on edge `last` per call ended on edge `first`, between two cumulative edge-count
 * arrays (`before` null: since the start). With `first` the first retrying hop and `last` the
 * deepest, that is the tries the stacked retries cause together at the deepest service per
 * request entering them: (1+2)^3 = 27 in retry-storm while payments fails. NaN without calls. Pure.
 */
export function triesPerCall(before: Float64Array | null, after: Float64Array, first: number, last: number): number {
  const at = (a: Float64Array | null, edge: number, field: number) => (a ? (a[edge * EDGE_STRIDE + field] ?? 0) : 0);
  const calls = at(after, first, EdgeField.calls) - at(before, first, EdgeField.calls);
  const tries = at(after, last, EdgeField.attempts) - at(before, last, EdgeField.attempts);
  return calls > 0 ? tries / calls : NaN;
}

/** Share of user requests ended in `buckets` that failed with one of `causes`, and how many ended. Pure. */
export function causeShare(buckets: readonly SeriesBucket[], causes: readonly string[]): { share: number; ended: number } {
  let ended = 0;
  let hit = 0;
  for (const b of buckets) {
    ended += b.ok + b.failed;
    for (const c of causes) hit += b.causes[c] ?? 0;
  }
  return { share: ended > 0 ? hit / ended : NaN, ended };
}

/** The retry cost of one overlap: over the last simulated second, the worst 5 s of the run so far, and the run so far. Plain data. */
export interface RetryCost {
  /** Over the worker's last simulated second (Frame.recent, `nowFromMs` to `nowToMs`). */
  now: number;
  nowFromMs: number;
  nowToMs: number;
  /** Over the worst window of the series (see `worstWindow`); NaN before a whole one has passed. */
  worst: number;
  /** Simulated time the worst window began, ms. */
  worstFromMs: number;
  /** Simulated time the worst window ended, ms. */
  worstAt: number;
  run: number;
}

/**
 * The window of COST_WINDOW_MS (whole buckets, at least that long) with the most tries on edge
 * `last` per call ended on edge `first`, among the windows of `buckets` (the worker's series,
 * from its first bucket on) that end at or before `nowMs`; the earliest of equals. The counts are
 * each bucket's edge counts at its end (SeriesBucket.edges), so the figure is the run's alone:
 * the same at a moment however the page reached it. NaN (and NaN ends) before a whole window has
 * ended or where the series keeps no edge counts. Pure.
 */
export function worstWindow(buckets: readonly SeriesBucket[], first: number, last: number, nowMs: number): { v: number; fromMs: number; toMs: number } {
  const worst = { v: NaN, fromMs: NaN, toMs: NaN };
  if (first < 0 || last < 0) return worst;
  // Counts at each bucket end, and zero at the run's start.
  const at = new Map<number, Float64Array | null>([[0, null]]);
  for (const b of buckets) if (b.edges && b.edgesAtMs !== undefined) at.set(b.edgesAtMs, b.edges);
  for (const b of buckets) {
    const to = b.edgesAtMs;
    if (!b.edges || to === undefined || to > nowMs) continue;
    const width = to - b.t;
    const from = to - Math.ceil(COST_WINDOW_MS / width) * width;
    const before = at.get(from);
    if (from < 0 || before === undefined) continue;
    const calls = b.edges[2 * first] - (before ? before[2 * first] : 0);
    const tries = b.edges[2 * last + 1] - (before ? before[2 * last + 1] : 0);
    const v = calls > 0 ? tries / calls : NaN;
    if (Number.isFinite(v) && !(v <= worst.v)) Object.assign(worst, { v, fromMs: from, toMs: to });
  }
  return worst;
}

/**
 * Keeps the latest frame and measures stacked retries on the hops `first` -> `last`: the last
 * second's and the run's from the frame, the worst 5 s from the series (`worstWindow`). Mutates
 * itself only.
 */
export class RetryCostMeter {
  private latest: Frame | null = null;

  sample(frame: Frame): void {
    this.latest = frame;
  }

  /** The cost of retries from edge `first` down to edge `last`, the worst 5 s from `buckets` (the run's series). */
  measure(first: number, last: number, buckets: readonly SeriesBucket[] = []): RetryCost {
    const f = this.latest;
    if (!f || first < 0 || last < 0) return { now: NaN, nowFromMs: NaN, nowToMs: NaN, worst: NaN, worstFromMs: NaN, worstAt: NaN, run: NaN };
    const now = f.recent.length > 0 ? triesPerCall(null, f.recent, first, last) : NaN;
    const w = worstWindow(buckets, first, last, f.simTime);
    return { now, nowFromMs: f.recentFromMs, nowToMs: f.recentToMs, worst: w.v, worstFromMs: w.fromMs, worstAt: w.toMs, run: triesPerCall(null, f.edges, first, last) };
  }

  clear(): void {
    this.latest = null;
  }
}

/** The first and the deepest retrying hop of an overlap on its first path, as edge ids. Pure. */
export function retryEdges(topology: Topology, paths: readonly OwnedPath[], o: Overlap): { first: number; last: number } {
  const p = paths[o.paths[0]];
  const edges = hopEdges(topology, p);
  const hops = p.hops.flatMap((h, i) => (h.owners.retries ? [i] : []));
  return { first: edges[hops[0]] ?? -1, last: edges[hops[hops.length - 1]] ?? -1 };
}
