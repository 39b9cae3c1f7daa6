// When the stage painter draws the figures on show (link labels, load indicators, a large
// topology's tile titles): those of the frame the clock and the counters show (FrameChannel.shown,
// put on show every STATS_INTERVAL_MS while playing, every frame while the run stands still), in
// the first paint after it, so the picture's figures are those of the moment the clock shows on
// one schedule with it. A large topology's costlier figures are throttled beyond that. Plain
// TypeScript, no React or DOM.

/**
 * The painter's clock for figures. Each frame put on show is drawn once: in the first paint after
 * it while the run stands still, and while playing no sooner than `interval` wall ms after the
 * last drawing (a trailing draw catches it; 0 for a small topology, whose figures follow the
 * counters' own 100 ms); tile titles every `ratesInterval`. Before (session 19), the labels had
 * an 80 ms timer of their own and the counters 100 ms, so while playing they showed different
 * moments (the clock 30.0 s over 28.9-29.9 s's labels). A frame that arrives while the run stands
 * still is drawn in the first paint after it: a seek's last frame once came within 80 ms of the
 * previous drawing and its labels waited for the trailing timer (rates.spec, session 18).
 * Mutable; `now` is wall ms (performance.now()), frames are compared by identity.
 */
export class FigureSchedule {
  /** Wall ms of the last drawing; -Infinity before the first. */
  private lastAt = Number.NEGATIVE_INFINITY;
  /** Wall ms of the last drawing that included tile titles. */
  private lastRatesAt = Number.NEGATIVE_INFINITY;
  /** The frame the last drawing showed. */
  private drawn: unknown = null;

  constructor(
    private readonly interval: number,
    private readonly ratesInterval = interval,
  ) {}

  /**
   * At a paint: 0 when the figures are to be drawn in this paint, Infinity when `shown` was
   * drawn already (nothing to draw), else the wall ms to wait for a trailing drawing. `shown` is
   * the frame on show, `playing` whether play streams frames. Pure.
   */
  wait(now: number, shown: unknown, playing: boolean): number {
    if (shown === this.drawn) return Number.POSITIVE_INFINITY;
    if (!playing) return 0;
    return Math.max(0, this.interval - (now - this.lastAt));
  }

  /**
   * Records a drawing of `shown` at `now`; true when the tile titles are to be drawn in it too
   * (every `ratesInterval` while playing, and for each new frame while the run stands still).
   * Mutates.
   */
  draw(now: number, shown: unknown, playing: boolean): boolean {
    const fresh = shown !== this.drawn;
    this.lastAt = now;
    this.drawn = shown;
    const rates = now - this.lastRatesAt >= this.ratesInterval || (fresh && !playing);
    if (rates) this.lastRatesAt = now;
    return rates;
  }
}
