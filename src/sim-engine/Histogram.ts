import { exp, log } from './detmath';

/**
 * A latency histogram with logarithmic buckets (the DDSketch layout): every percentile it
 * reports is within `relativeError` (default 0.5%) of a value actually recorded at that rank.
 * Values below `minValue` (1 µs) share bucket zero. Count, sum, min and max are exact.
 */
export class Histogram {
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly minValue: number;
  private counts: Float64Array;
  private offset: number;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  constructor(relativeError = 0.005, minValue = 0.001) {
    this.gamma = (1 + relativeError) / (1 - relativeError);
    this.logGamma = log(this.gamma);
    this.minValue = minValue;
    this.offset = Math.ceil(log(minValue) / this.logGamma) - 1;
    this.counts = new Float64Array(2048);
  }

  /** Records one value (>= 0). */
  record(value: number): void {
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    // NOTE: detmath's log, not Math.log, so the browser and the CLI bucket values alike.
    const i = value <= this.minValue ? 0 : Math.ceil(log(value) / this.logGamma) - this.offset;
    if (i >= this.counts.length) this.growTo(i + 1);
    this.counts[i]++;
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
        const v = (2 * exp((i + this.offset) * this.logGamma)) / (this.gamma + 1);
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

export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
