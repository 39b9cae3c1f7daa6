/**
 * Per-second buckets of simulated time: `add(t, v)` sums `v` into the second containing t.
 * Used for requests/s, failures/s and similar rates.
 */
export class TimeSeries {
  private values = new Float64Array(64);
  private length = 0;

  add(timeMs: number, value = 1): void {
    this.addSecond(Math.floor(timeMs / 1000), value);
  }

  /**
   * `add` by the second's number `i` (the time's whole seconds). NOTE: issue 14.4: for the hot
   * path, an integer passed rather than a time: a double passed to a call V8 does not inline is a
   * fresh heap number.
   */
  addSecond(i: number, value = 1): void {
    if (i >= this.values.length) {
      const next = new Float64Array(Math.max(i + 1, this.values.length * 2));
      next.set(this.values);
      this.values = next;
    }
    this.values[i] += value;
    if (i >= this.length) this.length = i + 1;
  }

  /** Value summed over second `i` (0 for seconds with nothing recorded). */
  at(i: number): number {
    return i < this.length ? this.values[i] : 0;
  }

  /** A copy of the buckets, second 0 first. */
  toArray(): number[] {
    return Array.from(this.values.subarray(0, this.length));
  }
}

/** A named tally of causes, e.g. failures by cause. Keys are kept in first-seen order. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  get total(): number {
    let t = 0;
    for (const v of this.counts.values()) t += v;
    return t;
  }

  /** Plain object, keys sorted, for reports. */
  toObject(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const k of [...this.counts.keys()].sort()) out[k] = this.counts.get(k)!;
    return out;
  }
}
