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
 * The "now" figure is the worker's last simulated second (Frame.recent), as the link labels: the
 * same at a moment however it was reached, and high in a failure's first second (retry-storm's
 * 10-11 s reads 56.6: retries of requests that came in before it land in it), 24.7-32.9 after.
 */
export const COST_WINDOW_MS = 5000;

/**
 * How much longer than COST_WINDOW_MS a window may be and still count as "the worst 5 s", ms:
 * frames come at most about a second of simulated time apart while playing (10x), so a longer
 * span straddles a seek or a jump (a link opened at 11 s gave a window from 0 s to 11 s, read as
 * "2.1 at worst" beside 56.6 in the last second).
 */
export const COST_WINDOW_SLACK_MS = 2000;

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

/** The retry cost of one overlap: over the last simulated second, the worst whole 5 s seen so far, and the run so far. Plain data. */
export interface RetryCost {
  /** Over the worker's last simulated second (Frame.recent, `nowFromMs` to `nowToMs`). */
  now: number;
  nowFromMs: number;
  nowToMs: number;
  worst: number;
  /** Simulated time the worst window began, ms (5 s or up to one frame's step more before `worstAt`). */
  worstFromMs: number;
  /** Simulated time the worst window ended, ms. */
  worstAt: number;
  run: number;
}

/**
 * Samples frames and measures stacked retries on the hops `first` -> `last`. A frame earlier than
 * the last one (a reset or a seek back) starts it again, so "worst so far" is always of this run
 * up to now. Mutates itself only.
 */
export class RetryCostMeter {
  private samples: { t: number; edges: Float64Array }[] = [];
  private latest: Frame | null = null;
  private worst = new Map<string, { v: number; from: number; at: number }>();

  sample(frame: Frame): void {
    const last = this.samples[this.samples.length - 1];
    if (last && frame.simTime < last.t) this.clear();
    this.latest = frame;
    if (last && frame.simTime === last.t) return;
    this.samples.push({ t: frame.simTime, edges: frame.edges });
    while (this.samples.length > 2 && this.samples[1].t <= frame.simTime - COST_WINDOW_MS) this.samples.shift();
  }

  /** The cost of retries from edge `first` down to edge `last` (keyed by both, for the worst). */
  measure(first: number, last: number): RetryCost {
    const s = this.samples;
    const f = this.latest;
    if (s.length === 0 || !f || first < 0 || last < 0) return { now: NaN, nowFromMs: NaN, nowToMs: NaN, worst: NaN, worstFromMs: NaN, worstAt: NaN, run: NaN };
    const b = s[s.length - 1];
    const windowed = s.length > 1 ? triesPerCall(s[0].edges, b.edges, first, last) : NaN;
    const now = f.recent.length > 0 ? triesPerCall(null, f.recent, first, last) : NaN;
    const key = `${first}>${last}`;
    const w = this.worst.get(key);
    // Only a whole window counts as the worst: a shorter one reads high at a failure's onset, and
    // one much longer is not "5 s".
    const span = s.length > 1 ? b.t - s[0].t : 0;
    const whole = span >= COST_WINDOW_MS && span <= COST_WINDOW_MS + COST_WINDOW_SLACK_MS;
    if (whole && Number.isFinite(windowed) && (!w || windowed > w.v)) this.worst.set(key, { v: windowed, from: s[0].t, at: b.t });
    const kept = this.worst.get(key);
    return { now, nowFromMs: f.recentFromMs, nowToMs: f.recentToMs, worst: kept?.v ?? NaN, worstFromMs: kept?.from ?? NaN, worstAt: kept?.at ?? NaN, run: triesPerCall(null, b.edges, first, last) };
  }

  clear(): void {
    this.samples = [];
    this.latest = null;
    this.worst.clear();
  }
}

/** The first and the deepest retrying hop of an overlap on its first path, as edge ids. Pure. */
export function retryEdges(topology: Topology, paths: readonly OwnedPath[], o: Overlap): { first: number; last: number } {
  const p = paths[o.paths[0]];
  const edges = hopEdges(topology, p);
  const hops = p.hops.flatMap((h, i) => (h.owners.retries ? [i] : []));
  return { first: edges[hops[0]] ?? -1, last: edges[hops[hops.length - 1]] ?? -1 };
}
