import { Histogram, type HistogramData, type TimeSeries } from '../sim-engine';
import type { EdgeStats, World } from '../models';
import { LATENCY_WINDOW_MEASURES, linkName, type Scenario } from '../scenario';
import { ClientLatencies, emptyClientBucket, type ClientBucket } from './clientLatency';
import { ServiceTries } from './serviceTries';

/**
 * One bucket of simulated time (a second in every shipped scenario) of the run as the charts
 * and the lesson figures read it. Requests are counted when they end, by the time they end;
 * latency is over ok requests sent after the warmup (as the counters' p50 and the CLI's).
 * Plain data.
 */
export interface SeriesBucket {
  /** Start of the bucket, simulated ms. */
  t: number;
  /** User requests sent in the bucket (by send time). */
  sent: number;
  /** User requests that ended ok / failed in the bucket. */
  ok: number;
  failed: number;
  /** Failed requests by cause (only causes that occurred). */
  causes: Record<string, number>;
  /** Ok requests after the warmup that ended here, the sum of their latencies (ms) and quantiles (ms; 0 when none). */
  latencyCount: number;
  latencySum: number;
  p50: number;
  p90: number;
  p99: number;
  /**
   * Per tracked client (every client of the run: seriesFor): its requests ended ok and failed, by
   * cause, and the latency of its ok ones as the bucket's own (so a chart can be scoped to a client).
   */
  clients: Record<string, ClientBucket>;
  /**
   * Per tracked service: tries (first tries and retries) sent to it in the bucket, by send time. The
   * first bucket names every tracked service (0 where none was sent), in the order of the edges
   * that lead to them, so `Object.keys(buckets[0].tries)` lists them; later buckets may name only
   * the services with a try or an ended request's tries in them (SeriesRecorder's `denseServices`):
   * read a missing one as 0.
   */
  tries: Record<string, number>;
  /**
   * Per tracked service: the tries sent to it for the user requests that ended in this bucket
   * (`ok` + `failed`), however long before they were sent; with those requests as the base, a
   * window's attempts per user request can never pass what one request can make (retry-storm's
   * 27). A try made after its request ended counts nowhere; a series begun mid-run counts a
   * request's tries from there. Absent in buckets made before session 42, and a service missing
   * from it (see `tries`): read as 0.
   */
  endedTries?: Record<string, number>;
  /**
   * The latencies counted in `latencyCount` (ok requests after the warmup that ended here, ms) as a
   * histogram's plain data (Histogram.toData), so a lesson figure can take a quantile over a
   * window by merging its buckets. The app's worker keeps it in every bucket (seriesFor: the compare
   * view's window reads its quantiles); absent where a recorder was made without `keepLatency`.
   */
  latency?: HistogramData;
  /**
   * Per tracked link (`caller->callee`, named by a lesson figure's `link`): the calls that ended
   * on it in the bucket and how many of those failed, as its caller's router counts them
   * (EdgeStats.requests and .failed, summed over the link's edges), read at the bucket's end as
   * `edges` is. Absent where no figure names a link.
   */
  links?: Record<string, { calls: number; failed: number }>;
  /**
   * Every edge's cumulative counts at the bucket's end (`edgesAtMs`, simulated ms), two floats an
   * edge: calls ended, then tries sent (EdgeField.calls and .attempts, as in Frame.edges). Read at
   * the link figures' step on the bucket's end, with every event up to it run and none after, so
   * they are the run's own and not of how the moment was reached. Absent where the run is too
   * large to keep them (EDGE_HISTORY_MAX_FLOATS) or the series began after that moment.
   */
  edges?: Float64Array;
  edgesAtMs?: number;
}

/** What `SimHost.seriesSince` answers: the buckets from `from` on, of the series numbered `epoch`. */
export interface SeriesBatch {
  /** Changes whenever the series starts again (a load, a reset, a seek back): drop what you had. */
  epoch: number;
  /** Width of a bucket, simulated ms (1000, or wider for very long runs; see `bucketWidth`). */
  bucketMs: number;
  /** Index of `buckets[0]`. */
  from: number;
  buckets: SeriesBucket[];
}

/** Most buckets a run keeps: 20,000 (a 5.5 h run at one a second); longer runs get wider buckets. */
export const MAX_BUCKETS = 20_000;

/**
 * Most floats the per-bucket edge counts of one run may take (32 MB): every shipped scenario
 * keeps them (istio-load-test-full: 4 buckets); a run of many edges over many buckets does not.
 */
export const EDGE_HISTORY_MAX_FLOATS = 4_000_000;

/** Bucket width for a run of `durationMs`: a second, or whole seconds enough to stay within MAX_BUCKETS. Pure. */
export function bucketWidth(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs / 1000 / MAX_BUCKETS)) * 1000;
}

/**
 * Records the per-bucket series of one run from the world's observer hooks, in the worker
 * only (the CLI never builds one, so the engine pays nothing). Buckets close once simulated
 * time has passed their end; only closed buckets are handed out, so each is final.
 */
export class SeriesRecorder {
  readonly bucketMs: number;
  private readonly closed: SeriesBucket[] = [];
  private open: SeriesBucket;
  private hist = new Histogram();
  /** The open bucket's latencies per tracked client. */
  private readonly clientHist: ClientLatencies;
  /** Client actor id -> its name, for tracked clients. */
  private readonly clientName = new Map<number, string>();
  /** The tracked services' tries (SeriesBucket.tries and .endedTries). */
  private readonly tries: ServiceTries;
  /** Edges whose counts each bucket keeps at its end; 0 when none are kept. */
  private readonly edgeCount: number;
  /** Counts read at a bucket's end before that bucket closed, by bucket index. */
  private readonly early = new Map<number, Float64Array>();
  /** The last step the host read the edges at, simulated ms (-1 before the first). */
  private countedTo = -1;
  /** Tracked link name -> its edge ids. */
  private readonly linkEdges = new Map<string, number[]>();
  /** Each tracked link's calls ended and failed at the last bucket end read (or when the series began). */
  private readonly linkPrev = new Map<string, { calls: number; failed: number }>();
  /** Link counts of a bucket read at its end before that bucket closed, by bucket index. */
  private readonly earlyLinks = new Map<number, Record<string, { calls: number; failed: number }>>();
  /** Each closed bucket keeps its latency histogram's data (SeriesBucket.latency). */
  private readonly keepLatency: boolean;

  /**
   * @param epoch the series' number (see SeriesBatch.epoch)
   * @param durationMs the run's duration, for the bucket width
   * @param warmupMs requests sent before it are left out of latency
   * @param sentPerSecond the world's count of requests sent per second (read when a bucket closes)
   * @param trackedClients client actor id -> name, counted apart for lesson figures
   * @param trackedEdges edge id -> the name of the tracked service it calls
   * @param edgeCount the run's edges, whose counts each bucket keeps at its end (see SeriesBucket.edges)
   * @param trackedLinks link name (`caller->callee`) -> its edge ids, counted apart (SeriesBucket.links)
   * @param linkStats the run's edge counts now, the baseline of the first bucket's link counts
   *   (all zero at the start of a run; a series started mid-run counts from there)
   * @param keepLatency each bucket keeps its latency histogram (SeriesBucket.latency)
   * @param keepClientLatency each bucket keeps each tracked client's latency histogram (ClientBucket.latency)
   * @param denseServices the tracked services every bucket names with 0 (SeriesBucket.tries); null:
   *   all of them. The others are named in the first bucket and where counted.
   */
  constructor(
    readonly epoch: number,
    durationMs: number,
    private readonly warmupMs: number,
    private readonly sentPerSecond: TimeSeries,
    trackedClients: ReadonlyMap<number, string> = new Map(),
    trackedEdges: ReadonlyMap<number, string> = new Map(),
    edgeCount = 0,
    trackedLinks: ReadonlyMap<string, readonly number[]> = new Map(),
    linkStats: readonly EdgeStats[] = [],
    keepLatency = false,
    keepClientLatency = keepLatency,
    denseServices: ReadonlySet<string> | null = null,
  ) {
    this.keepLatency = keepLatency;
    this.clientHist = new ClientLatencies(keepClientLatency);
    for (const [name, ids] of trackedLinks) {
      this.linkEdges.set(name, [...ids]);
      this.linkPrev.set(name, this.linkCounts(ids, linkStats));
    }
    this.bucketMs = bucketWidth(durationMs);
    const buckets = Math.ceil(durationMs / this.bucketMs) + 1;
    this.edgeCount = 2 * edgeCount * buckets <= EDGE_HISTORY_MAX_FLOATS ? edgeCount : 0;
    for (const [k, v] of trackedClients) this.clientName.set(k, v);
    this.tries = new ServiceTries(trackedEdges, denseServices);
    this.open = this.bucket(0);
  }

  private bucket(i: number): SeriesBucket {
    const clients: SeriesBucket['clients'] = {};
    for (const name of this.clientName.values()) clients[name] = emptyClientBucket();
    const { tries, endedTries } = this.tries.emptyCounts(i);
    return { t: i * this.bucketMs, sent: 0, ok: 0, failed: 0, causes: {}, latencyCount: 0, latencySum: 0, p50: 0, p90: 0, p99: 0, clients, tries, endedTries };
  }

  /** Closes every bucket that ends at or before `now` (simulated ms). */
  advanceTo(now: number): void {
    const upTo = Math.floor(now / this.bucketMs);
    while (this.closed.length < upTo) {
      const b = this.open;
      const h = this.hist;
      b.p50 = h.quantile(0.5);
      b.p90 = h.quantile(0.9);
      b.p99 = h.quantile(0.99);
      if (this.keepLatency) b.latency = h.toData();
      this.clientHist.close(b.clients);
      const firstSecond = b.t / 1000;
      for (let s = 0; s < this.bucketMs / 1000; s++) b.sent += this.sentPerSecond.at(firstSecond + s);
      const i = this.closed.length;
      const counts = this.early.get(i);
      if (counts) {
        b.edges = counts;
        b.edgesAtMs = (i + 1) * this.bucketMs;
        this.early.delete(i);
      }
      const links = this.earlyLinks.get(i);
      if (links) {
        b.links = links;
        this.earlyLinks.delete(i);
      }
      this.closed.push(b);
      this.tries.bucketClosed(b.sent);
      this.open = this.bucket(this.closed.length);
      this.hist = new Histogram();
    }
  }

  /**
   * A user request of client `client` ended at `now` with `cause` ('ok' or a failure), after
   * `latencyMs`; `request` is its Request.number (0: unknown, and its tries count nowhere).
   */
  requestEnded(now: number, client: number, cause: string, latencyMs: number, request = 0): void {
    this.advanceTo(now);
    const b = this.open;
    this.tries.ended(request, b.tries, b.endedTries!);
    const tracked = this.clientName.size ? this.clientName.get(client) : undefined;
    const c = tracked === undefined ? null : b.clients[tracked];
    if (cause === 'ok') {
      b.ok++;
      if (c) c.ok++;
      if (now - latencyMs >= this.warmupMs) {
        b.latencyCount++;
        b.latencySum += latencyMs;
        this.hist.record(latencyMs);
        if (c) this.clientHist.record(tracked!, latencyMs);
      }
    } else {
      b.failed++;
      b.causes[cause] = (b.causes[cause] ?? 0) + 1;
      if (c) {
        c.failed++;
        c.causes[cause] = (c.causes[cause] ?? 0) + 1;
      }
    }
  }

  /**
   * A request message (a try) leaves on `edge` at `now` for user request number `request`
   * (Request.number; 0: unknown, counted in `tries` only); counted when the edge leads to a
   * tracked service.
   */
  requestSent(now: number, edge: number, request = 0): void {
    const i = this.tries.serviceOf(edge);
    if (i < 0) return;
    this.advanceTo(now);
    const b = this.open;
    this.tries.sent(i, request, b.tries, b.endedTries!);
  }

  /**
   * The host read every edge's counts at `stepMs` (simulated ms), with every event up to it run
   * and none after: kept as the counts at the end of the bucket ending there. The host calls it
   * at each of its steps in order (SimHost's link-figure steps); it keeps nothing of `stats`.
   */
  edgesAt(stepMs: number, stats: readonly EdgeStats[]): void {
    this.countedTo = stepMs;
    if (this.linkEdges.size > 0 && stepMs > 0 && stepMs % this.bucketMs === 0) this.linksAt(stepMs / this.bucketMs - 1, stats);
    if (this.edgeCount === 0 || stepMs <= 0 || stepMs % this.bucketMs !== 0) return;
    const out = new Float64Array(2 * this.edgeCount);
    for (let e = 0; e < this.edgeCount && e < stats.length; e++) {
      out[2 * e] = stats[e].requests;
      out[2 * e + 1] = stats[e].attempts;
    }
    const i = stepMs / this.bucketMs - 1;
    const b = this.closed[i];
    if (b === undefined) this.early.set(i, out);
    else if (b.edges === undefined) {
      b.edges = out;
      b.edgesAtMs = stepMs;
    }
  }

  /** Keeps each tracked link's calls ended and failed in bucket `i`, from the counts `stats` at its end. */
  private linksAt(i: number, stats: readonly EdgeStats[]): void {
    const out: Record<string, { calls: number; failed: number }> = {};
    for (const [name, ids] of this.linkEdges) {
      const now = this.linkCounts(ids, stats);
      const prev = this.linkPrev.get(name)!;
      out[name] = { calls: now.calls - prev.calls, failed: now.failed - prev.failed };
      this.linkPrev.set(name, now);
    }
    const b = this.closed[i];
    if (b === undefined) this.earlyLinks.set(i, out);
    else if (b.links === undefined) b.links = out;
  }

  /** Calls ended and failed so far over edges `ids`. */
  private linkCounts(ids: readonly number[], stats: readonly EdgeStats[]): { calls: number; failed: number } {
    let calls = 0;
    let failed = 0;
    for (const e of ids) {
      if (e >= stats.length) continue;
      calls += stats[e].requests;
      failed += stats[e].failed;
    }
    return { calls, failed };
  }

  /**
   * Closed buckets from index `from` on (copies are not made: they are final). A bucket closed
   * whose end the host has not yet read the edges at (an event on its very end ran, the step
   * after it not yet) waits for it, so a bucket handed out never gains its counts later.
   */
  since(from: number): SeriesBatch {
    const ready = this.ready();
    const start = Math.max(0, Math.min(from, ready));
    return { epoch: this.epoch, bucketMs: this.bucketMs, from: start, buckets: this.closed.slice(start, ready) };
  }

  /** Closed buckets that may be handed out (see `since`). */
  private ready(): number {
    let n = this.closed.length;
    if (this.edgeCount === 0 && this.linkEdges.size === 0) return n;
    while (n > 0 && this.closed[n - 1].t + this.bucketMs > this.countedTo) n--;
    return n;
  }

  /** Number of closed buckets. */
  get length(): number {
    return this.closed.length;
  }
}

/**
 * A fresh series (number `epoch`) for the run of `w`: every client and every service is counted
 * apart (the compare view's window lists each service's attempts per user request, as `npm run
 * sim -- compare --from/--to` does: brief U4 1), the services `scenario`'s lesson figures name (a
 * step's own and its question's) in every bucket, the others where they have tries (so a run of
 * 1,000 services keeps no 1,000 zeros a second). Every bucket keeps its latency histogram (the
 * window's quantiles: brief U4 2); a client's only when a figure asks for a latency window. Reads
 * the world and the scenario only; the series changes nothing in the run.
 */
export function seriesFor(w: World, scenario: Scenario | null, epoch: number): SeriesRecorder {
  const topo = w.topology;
  // A step's question may name its own figure (narrative.N.question.figure): counted apart too.
  const figures = (scenario?.narrative ?? []).flatMap((s) => [s.figure, s.question?.figure].filter((f) => f !== undefined));
  const clients = new Map<number, string>();
  const edges = new Map<number, string>();
  const links = new Map<string, number[]>();
  topo.edges.forEach((e, i) => edges.set(i, topo.nodes[e.to].name));
  const named = new Set<string>();
  for (const f of figures) {
    if (f.client) topo.nodes.forEach((n) => n.name === f.client && clients.set(n.id, n.name));
    if (f.service) named.add(f.service);
    if (f.link && !links.has(f.link)) links.set(f.link, topo.edges.flatMap((e, i) => (`${topo.nodes[e.from].name}->${topo.nodes[e.to].name}` === linkName(f.link!) ? [i] : [])));
  }
  // A latency quantile over a window (or against a baseline one) merges the buckets' histograms.
  const keepClientLatency = figures.some((f) => LATENCY_WINDOW_MEASURES.includes(f.measure) && (f.from !== undefined || f.to !== undefined || f.baseline !== undefined));
  // Every client is counted apart, in the run's order (the latency chart's client choice lists
  // them so), so the charts can be scoped to one client (trial N13 1; session 45); a client's
  // actor id is its ClientActor.id.
  const clientActors = new Map<number, string>();
  for (const c of w.clients) clientActors.set(c.id, c.name);
  // And any actor a figure names by a client's name (node ids are the client actors' ids:
  // requestEnded reports the actor).
  for (const [, name] of clients) {
    for (let a = 0; a < w.sim.actorCount; a++) if (w.sim.actor(a).name === name) clientActors.set(a, name);
  }
  return new SeriesRecorder(epoch, w.duration, w.warmup, w.sentPerSecond, clientActors, edges, w.edgeStats.length, links, w.edgeStats, true, keepClientLatency, named);
}
