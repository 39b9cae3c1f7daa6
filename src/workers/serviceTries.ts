// Each service's tries per series bucket (SeriesBucket.tries and .endedTries), apart from the
// recorder's requests and latency histograms (session 48, U5: series.ts had grown past 400 lines
// when brief U4 1 counted every service). No behaviour of its own beyond SeriesRecorder's.

/** How many buckets a request's pending tries are kept for at least (ServiceTries.bucketClosed). */
const PENDING_MAX_AGE_BUCKETS = 120;

/**
 * The tracked services' tries: which edge leads to which service, the tries sent in the open
 * bucket, and each user request's tries until it ends (SeriesBucket.endedTries). Writes into the
 * bucket's `tries` and `endedTries` records it is handed; keeps no bucket itself.
 */
export class ServiceTries {
  /** Edge id -> the index in `names` of the tracked service it calls, -1 for none. */
  private readonly edgeService: Int32Array;
  /** The tracked services, in the order of the first edge leading to each. */
  readonly names: string[] = [];
  /** The tracked services every bucket names (the rest only where counted: SeriesBucket.tries). */
  private readonly dense: string[];
  /**
   * User request number (Request.number) -> the tracked service (its index in `names`) of
   * each try sent for that request so far, until the request ends (SeriesBucket.endedTries): one
   * map for every service, so a request's end reads its own tries only, not one map a service (a
   * run of 1,000 services). NOTE: a try made after its request ended would leave an entry behind;
   * `prune` drops those of requests sent long ago.
   */
  private readonly pending = new Map<number, number[]>();
  /** User requests sent before each closed bucket's end (the world's running count), for `prune`. */
  private readonly sentBy: number[] = [];

  /**
   * @param trackedEdges edge id -> the name of the tracked service it calls
   * @param denseServices the tracked services every bucket names with 0 (SeriesBucket.tries); null:
   *   all of them. The others are named in the first bucket and where counted.
   */
  constructor(trackedEdges: ReadonlyMap<number, string>, denseServices: ReadonlySet<string> | null) {
    const edgeIds = [...trackedEdges.keys()];
    this.edgeService = new Int32Array(edgeIds.length ? Math.max(...edgeIds) + 1 : 0).fill(-1);
    const index = new Map<string, number>();
    for (const [k, v] of trackedEdges) {
      if (!index.has(v)) index.set(v, this.names.push(v) - 1);
      this.edgeService[k] = index.get(v)!;
    }
    this.dense = denseServices === null ? this.names : this.names.filter((n) => denseServices.has(n));
  }

  /** The `tries` and `endedTries` of a new bucket numbered `i`: every service in the first, the dense ones after, at 0. */
  emptyCounts(i: number): { tries: Record<string, number>; endedTries: Record<string, number> } {
    const tries: Record<string, number> = {};
    const endedTries: Record<string, number> = {};
    for (const name of i === 0 ? this.names : this.dense) tries[name] = endedTries[name] = 0;
    return { tries, endedTries };
  }

  /** The index in `names` of the tracked service edge `edge` leads to; -1 for none (an edge out of range too). */
  serviceOf(edge: number): number {
    return edge < this.edgeService.length ? this.edgeService[edge] : -1;
  }

  /**
   * A try to the service numbered `i` (serviceOf) for user request number `request` (0: unknown,
   * counted in `tries` only), in the open bucket whose counts are `tries` and `endedTries`.
   */
  sent(i: number, request: number, tries: Record<string, number>, endedTries: Record<string, number>): void {
    const service = this.names[i];
    tries[service] = (tries[service] ?? 0) + 1;
    if (endedTries[service] === undefined) endedTries[service] = 0;
    if (request > 0) {
      const pending = this.pending.get(request);
      if (pending === undefined) this.pending.set(request, [i]);
      else pending.push(i);
    }
  }

  /** User request number `request` ended in the open bucket: its tries so far count in that bucket's `endedTries`. */
  ended(request: number, tries: Record<string, number>, endedTries: Record<string, number>): void {
    const mine = this.pending.get(request);
    if (mine === undefined) return;
    for (const i of mine) {
      const service = this.names[i];
      endedTries[service] = (endedTries[service] ?? 0) + 1;
      if (tries[service] === undefined) tries[service] = 0;
    }
    this.pending.delete(request);
  }

  /** A bucket closed with `sent` user requests sent in it: keeps the running count, and prunes. */
  bucketClosed(sent: number): void {
    this.sentBy.push((this.sentBy.length ? this.sentBy[this.sentBy.length - 1] : 0) + sent);
    if (this.names.length > 0) this.prune();
  }

  /**
   * Drops the pending tries of requests sent more than PENDING_MAX_AGE_BUCKETS buckets ago (request
   * numbers are given in the order requests are sent, so those at or below the count sent by
   * then): a try after its request ended leaves an entry no end removes. A request still going
   * after that long would count only its later tries, fewer, never more. Only past 1,000 requests
   * pending.
   */
  private prune(): void {
    const old = this.sentBy.length - 1 - PENDING_MAX_AGE_BUCKETS;
    if (old < 0) return;
    const below = this.sentBy[old];
    const pending = this.pending;
    if (pending.size <= 1000) return;
    for (const k of pending.keys()) if (k <= below) pending.delete(k);
  }
}
