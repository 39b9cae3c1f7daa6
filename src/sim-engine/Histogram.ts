import type { HistogramLog } from './HistogramLog';

/**
 * A latency histogram with log-linear buckets (HdrHistogram's layout): a value's bucket is its
 * binary exponent and the top mantissa bits, read straight from its IEEE bits, so recording
 * takes no logarithm and every engine buckets alike. With 2^k buckets per power of two, every
 * percentile it reports is within 1/2^(k+1) of a value recorded at that rank; k is the least
 * that meets `relativeError` (default 0.5%: k = 7, within 0.39%). Values below `minValue`
 * (1 µs) share bucket zero. Count, sum, min and max are exact.
 *
 * The counts are held only over the buckets between the lowest and highest value recorded (a
 * window that widens by doubling), not from bucket zero: a service's latencies span a few powers
 * of two, 0.5-8 KB of counts, where the whole range from 1 µs to 65 ms took 16 KB. At 1,000 services a
 * world holds thousands of these, and a request records into two of them; the denser they are,
 * the fewer cache lines and memory pages a request touches (issue 14.2), and the less a snapshot
 * copies.
 */
export class Histogram {
  /**
   * The log its values may wait in (HistogramLog.register), or null. NOTE: issue 14.2: whoever
   * records through the log never touches this object; every read here settles the log first.
   */
  log: HistogramLog | null = null;
  private readonly shift: number;
  private readonly base: number;
  private readonly minValue: number;
  /** Counts of buckets `lo` .. `lo + counts.length - 1`; empty until the first value. */
  private counts: Float64Array = EMPTY;
  private lo = 0;
  private n = 0;
  private total = 0;
  private least = Infinity;
  private most = -Infinity;

  constructor(relativeError = 0.005, minValue = 0.001) {
    let k = 0;
    while (1 / 2 ** (k + 1) > relativeError) k++;
    // The high word holds 11 exponent bits then 20 mantissa bits: keep the top k of those.
    this.shift = 20 - k;
    this.minValue = minValue;
    this.base = this.key(minValue);
  }

  /** Values recorded (exact). */
  get count(): number {
    this.settle();
    return this.n;
  }

  /** Their sum, added in the order they were recorded. */
  get sum(): number {
    this.settle();
    return this.total;
  }

  /** The least value recorded; Infinity when empty. */
  get min(): number {
    this.settle();
    return this.least;
  }

  /** The greatest value recorded; -Infinity when empty. */
  get max(): number {
    this.settle();
    return this.most;
  }

  /** Records one value (>= 0), after any still waiting in its log. */
  record(value: number): void {
    this.settle();
    this.put(value);
  }

  /** Moves the values waiting in its log (every histogram's there) into their histograms. */
  private settle(): void {
    if (this.log !== null) this.log.flush();
  }

  /** Records one value (>= 0) now, whatever waits in its log: for HistogramLog.flush, which keeps their order. */
  put(value: number): void {
    this.n++;
    this.total += value;
    if (value < this.least) this.least = value;
    if (value > this.most) this.most = value;
    // Bucket 0 holds values up to minValue; bucket i > 0 the key base + i - 1.
    const i = value <= this.minValue ? 0 : this.key(value) - this.base + 1;
    const j = i - this.lo;
    if (j >= 0 && j < this.counts.length) this.counts[j]++;
    else {
      this.widen(i, i + 1);
      this.counts[i - this.lo]++;
    }
  }

  /** Exponent and top mantissa bits of a positive double. */
  private key(value: number): number {
    F64[0] = value;
    return U32[HI] >>> this.shift;
  }

  /** The smallest double in bucket key `key`. */
  private lowerBound(key: number): number {
    U32[LO] = 0;
    U32[HI] = key << this.shift;
    return F64[0];
  }

  /** Buckets whose counts the histogram holds now (8 bytes each): its memory, for tests and reports. */
  get bucketsHeld(): number {
    this.settle();
    return this.counts.length;
  }

  get mean(): number {
    this.settle();
    return this.n === 0 ? 0 : this.total / this.n;
  }

  /**
   * The value at quantile q in [0, 1] by the nearest-rank definition: the smallest value with at
   * least q of the values at or below it, the one at rank ceil(q * n) in rising order (1-based, at
   * least 1). This is Hyndman and Fan's definition 1 (the inverse of the empirical distribution
   * function; Hyndman & Fan, "Sample quantiles in statistical packages", 1996) and what
   * HdrHistogram's AbstractHistogram.getValueAtPercentile computes. Every percentile meshsim shows
   * (the app, the CLI's run, compare and sweep, exports, lesson figures) comes from here. With
   * few values it reads high, never low: of 3, p50 is the middle one and p90 and p99 the greatest;
   * of 100, p99 is the 99th; an interpolating rank q * (n - 1) rounded down, used before, gave the
   * middle one as p99 of 3, below the mean.
   *
   * The value is exact at rank 1 (min) and rank n (max); otherwise the middle of the bucket holding
   * that rank, kept within [min, max], within the relative error of the value there. q <= 0 reads
   * min and q >= 1 max; 0 when empty. Does not change the histogram.
   */
  quantile(q: number): number {
    this.settle();
    if (this.n === 0) return 0;
    if (q <= 0) return this.least;
    if (q >= 1) return this.most;
    // A hair under q * n, so that a product that should be a whole number but comes out an ulp
    // above it (0.07 * 100 is 7.000000000000001) keeps its rank; HdrHistogram takes an ulp off the
    // percentile for the same reason. Ranks up to 10^9 keep fractions of 0.001 and more.
    const rank = Math.max(1, Math.ceil(q * this.n * (1 - 1e-12)));
    if (rank === 1) return this.least;
    if (rank >= this.n) return this.most;
    let seen = 0;
    const c = this.counts;
    for (let j = 0; j < c.length; j++) {
      seen += c[j];
      if (seen >= rank) {
        const i = j + this.lo;
        if (i === 0) return Math.min(this.least, this.minValue);
        const key = i - 1 + this.base;
        const v = (this.lowerBound(key) + this.lowerBound(key + 1)) / 2;
        return Math.min(this.most, Math.max(this.least, v));
      }
    }
    return this.most;
  }

  /** Adds every value recorded in `other` (same relative error) into this histogram. */
  merge(other: Histogram): void {
    this.settle();
    other.settle();
    const oc = other.counts;
    if (oc.length > 0) {
      this.widen(other.lo, other.lo + oc.length);
      const at = other.lo - this.lo;
      for (let j = 0; j < oc.length; j++) this.counts[at + j] += oc[j];
    }
    this.n += other.n;
    this.total += other.total;
    this.least = Math.min(this.least, other.least);
    this.most = Math.max(this.most, other.most);
  }

  /**
   * The values recorded, as plain data that can cross to the UI and be merged there: count, sum,
   * min and max (ms, or whatever unit was recorded) and each non-empty bucket as a pair
   * `[index, count]` in `bins`, lowest first. Only for histograms of the default relative error
   * and minimum (`fromData` reads them back with those). Does not change the histogram.
   */
  toData(): HistogramData {
    this.settle();
    const bins: number[] = [];
    const c = this.counts;
    for (let j = 0; j < c.length; j++) if (c[j] > 0) bins.push(j + this.lo, c[j]);
    return { count: this.n, sum: this.total, min: this.least, max: this.most, bins };
  }

  /** A histogram (default relative error and minimum) holding the values `d` describes (see toData). Pure. */
  static fromData(d: HistogramData): Histogram {
    const h = new Histogram();
    const b = d.bins;
    if (b.length > 0) {
      h.widen(b[0], b[b.length - 2] + 1);
      for (let k = 0; k < b.length; k += 2) h.counts[b[k] - h.lo] += b[k + 1];
    }
    h.n = d.count;
    h.total = d.sum;
    h.least = d.min;
    h.most = d.max;
    return h;
  }

  /** The summary every report uses. */
  summary(): LatencySummary {
    this.settle();
    return {
      mean: this.mean,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.n === 0 ? 0 : this.most,
    };
  }

  /**
   * Makes the window hold buckets `from` .. `to - 1` as well: at least doubled when it must grow,
   * the extra room on the side it grew toward (a first value gets 64 buckets, half a power of two
   * either side).
   */
  private widen(from: number, to: number): void {
    const len = this.counts.length;
    const hi = this.lo + len;
    if (len > 0 && from >= this.lo && to <= hi) return;
    let newLo = len === 0 ? Math.max(0, from - FIRST_WINDOW / 2) : Math.min(this.lo, from);
    let newHi = len === 0 ? newLo + Math.max(FIRST_WINDOW, to - newLo) : Math.max(hi, to);
    const extra = Math.max(0, 2 * len - (newHi - newLo));
    if (len > 0 && from < this.lo) newLo = Math.max(0, newLo - extra);
    else newHi += extra;
    const next = new Float64Array(newHi - newLo);
    if (len > 0) next.set(this.counts, this.lo - newLo);
    this.counts = next;
    this.lo = newLo;
  }
}

const EMPTY = new Float64Array(0);
/** Buckets a histogram holds after its first value: half a power of two either side at k = 7. */
const FIRST_WINDOW = 64;
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// NOTE: assumes a little-endian host, as every platform JavaScript engines ship on.
const LO = 0;
const HI = 1;

/**
 * A histogram as plain data (Histogram.toData): exact count, sum, min and max of the values
 * recorded, and its non-empty buckets as `[index, count, index, count, ...]`, indices rising.
 * Empty: count 0, min Infinity, max -Infinity, no bins.
 */
export interface HistogramData {
  count: number;
  sum: number;
  min: number;
  max: number;
  bins: number[];
}

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
