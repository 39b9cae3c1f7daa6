/**
 * A progress line for a sweep on stderr: on a terminal, one bar redrawn in place with the jobs
 * done, the time taken and an ETA (time per job so far × jobs left); otherwise (a pipe, a CI
 * log) a plain line at every tenth of the jobs, so logs stay short.
 */
export class Progress {
  private done = 0;
  private nextLine = 0;
  private readonly t0: number;

  /** `out` is the stream to write to; `now` a clock in ms (performance.now). */
  constructor(
    private readonly total: number,
    private readonly out: { write(s: string): unknown; isTTY?: boolean; columns?: number },
    private readonly now: () => number,
  ) {
    this.t0 = now();
  }

  /** Jobs done so far. */
  get count(): number {
    return this.done;
  }

  /** One more job done. */
  tick(): void {
    this.done++;
    const elapsed = (this.now() - this.t0) / 1000;
    const left = this.done === 0 ? 0 : (elapsed / this.done) * (this.total - this.done);
    if (this.out.isTTY) {
      const width = Math.max(10, Math.min(40, (this.out.columns ?? 80) - 50));
      const full = Math.round((width * this.done) / this.total);
      const bar = '='.repeat(full) + (full < width ? '>' : '') + ' '.repeat(Math.max(0, width - full - 1));
      this.out.write(`\rsweep [${bar}] ${this.done}/${this.total} jobs  ${clock(elapsed)} elapsed  ETA ${clock(left)} `);
      if (this.done === this.total) this.out.write('\n');
    } else if (this.done >= this.nextLine || this.done === this.total) {
      this.out.write(`sweep: ${this.done}/${this.total} jobs done in ${elapsed.toFixed(1)} s${this.done < this.total ? `, about ${Math.ceil(left)} s left` : ''}\n`);
      this.nextLine = this.done + Math.max(1, Math.ceil(this.total / 10));
    }
  }
}

/** Seconds as m:ss (h:mm:ss past an hour). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
