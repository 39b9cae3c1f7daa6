/**
 * A latency histogram with log-linear buckets (HdrHistogram's layout): a value's bucket is its
 * binary exponent and the top mantissa bits, read straight from its IEEE bits, so recording
 * takes no logarithm and every engine buckets alike. With 2^k buckets per power of two, every
 * percentile it reports is within 1/2^(k+1) of a value recorded at that rank; k is the least
 * that meets `relativeError` (default 0.5%: k = 7, within 0.39%). Values below `minValue`
 * (1 µs) share bucket zero. Count, sum, min and max are exact.
 */
export class Histogram {
  private readonly shift: number;
  private readonly base: number;
  private readonly minValue: number;
  private counts: Float64Array;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  constructor(relativeError = 0.005, minValue = 0.001) {
    let k = 0;
    while (1 / 2 ** (k + 1) > relativeError) k++;
    // The high word holds 11 exponent bits then 20 mantissa bits: keep the top k of those.
    this.shift = 20 - k;
    this.minValue = minValue;
    this.base = this.key(minValue);
    this.counts = new Float64Array(2048);
  }

  /** Records one value (>= 0). */
  record(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    // Bucket 0 holds values up to minValue; bucket i > 0 the key base + i - 1.
    const i = value <= this.minValue ? 0 : this.key(value) - this.base + 1;
    if (i >= this.counts.length) this.growTo(i + 1);
    this.counts[i]++;
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

  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** The value at quantile q in [0, 1]; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const rank = q * (this.count - 1);
    let seen = 0;
    const c = this.counts;
    for (let i = 0; i < c.length; i++) {
      seen += c[i];
      if (seen > rank) {
        if (i === 0) return Math.min(this.min, this.minValue);
        const key = i - 1 + this.base;
        const v = (this.lowerBound(key) + this.lowerBound(key + 1)) / 2;
        return Math.min(this.max, Math.max(this.min, v));
      }
    }
    return this.max;
  }

  /** Adds every value recorded in `other` (same relative error) into this histogram. */
  merge(other: Histogram): void {
    if (other.counts.length > this.counts.length) this.growTo(other.counts.length);
    for (let i = 0; i < other.counts.length; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** The summary every report uses. */
  summary(): LatencySummary {
    return {
      mean: this.mean,
      p50: this.quantile(0.5),
      p90: this.quantile(0.9),
      p99: this.quantile(0.99),
      max: this.count === 0 ? 0 : this.max,
    };
  }

  private growTo(n: number): void {
    const next = new Float64Array(Math.max(n, this.counts.length * 2));
    next.set(this.counts);
    this.counts = next;
  }
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// NOTE: assumes a little-endian host, as every platform JavaScript engines ship on.
const LO = 0;
const HI = 1;

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
