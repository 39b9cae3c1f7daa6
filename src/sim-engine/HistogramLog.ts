import type { Histogram } from './Histogram';
import { invariant } from './invariant';

/** Values a log holds before it files them (ids 32 KB, values 64 KB). */
const LOG_SIZE = 8192;

/**
 * Scratch of `flush`, one for all logs (never world state, so a snapshot copies none of it):
 * the values' order grouped by histogram, and the groups' starts.
 */
let order = new Int32Array(LOG_SIZE);
let starts = new Int32Array(64);

/**
 * Values on their way into many histograms, kept in arrival order in two typed arrays and filed
 * in batches, each histogram's values in the order they came: its counts, sum (added in the same
 * order, so the same double), min and max end exactly as if each had been recorded at once. A
 * histogram registered here settles the log before any read (Histogram.settle), so nobody sees
 * one with values missing.
 *
 * NOTE: bent for speed (issue 14.2: CPU per request flat in size). At 1,000 services a request
 * records into two of some 2,000 histograms (its edge's and its service's), each record touching
 * the histogram's object, its boxed sum, min and max and its counts' array and bucket: some 4 cold
 * cache lines a record. Filed in a batch of 8,192, a histogram gets about four values at once and
 * its lines are fetched once for them; `add` writes two numbers where the log's lines are warm.
 * Mutates the histograms registered with it. Plain data (snapshots copy it with the world).
 */
export class HistogramLog {
  /** The histograms registered, by id (`register`'s return). */
  private readonly histograms: Histogram[] = [];
  private readonly ids: Int32Array;
  private readonly values: Float64Array;
  /** Values waiting to be filed. */
  pending = 0;

  /** `size`: values held before a batch is filed (tests use small ones). */
  constructor(size = LOG_SIZE) {
    invariant(Number.isInteger(size) && size > 0, `a histogram log holds at least one value, got ${size}`);
    this.ids = new Int32Array(size);
    this.values = new Float64Array(size);
  }

  /**
   * Makes `h` take values through this log (`add` with the id returned); from now on its reads
   * and direct records settle this log first. Mutates `h` (its `log`). A histogram belongs to
   * one log at most.
   */
  register(h: Histogram): number {
    invariant(h.log === null, 'a histogram is registered with one log at most');
    h.log = this;
    this.histograms.push(h);
    return this.histograms.length - 1;
  }

  /** Records `value` (>= 0) into histogram `id` (from `register`), filed with the next batch. */
  add(id: number, value: number): void {
    const k = this.pending;
    this.ids[k] = id;
    this.values[k] = value;
    this.pending = k + 1;
    if (k + 1 === this.ids.length) this.flush();
  }

  /**
   * Files every value waiting into its histogram: grouped by histogram (a counting sort, stable),
   * so each histogram takes its values in arrival order, one after the other.
   */
  flush(): void {
    const n = this.pending;
    if (n === 0) return;
    this.pending = 0;
    const m = this.histograms.length;
    if (starts.length < m + 1) starts = new Int32Array(Math.max(m + 1, 2 * starts.length));
    if (order.length < n) order = new Int32Array(n);
    const ids = this.ids;
    const at = starts;
    at.fill(0, 0, m + 1);
    for (let k = 0; k < n; k++) at[ids[k] + 1]++;
    for (let j = 0; j < m; j++) at[j + 1] += at[j];
    const by = order;
    for (let k = 0; k < n; k++) by[at[ids[k]]++] = k;
    const hs = this.histograms;
    const values = this.values;
    for (let j = 0; j < n; j++) {
      const k = by[j];
      hs[ids[k]].put(values[k]);
    }
  }
}
