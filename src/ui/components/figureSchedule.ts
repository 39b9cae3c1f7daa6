// When the stage painter draws a frame's figures (link labels, load indicators, a large
// topology's tile titles): throttled while play streams frames in, at once for a frame of a run
// that stands still (a seek, a step, a pause), so the picture's figures are those of the moment
// the clock shows, whatever the wall clock did between frames. Plain TypeScript, no React or DOM.

/**
 * The painter's clock for figures. While playing, figures are drawn at most every `interval`
 * wall ms (a trailing draw catches the last frame), tile titles every `ratesInterval`: SVG and
 * canvas updates at every frame of a 60 fps stream cost more than a person can read. A frame
 * that arrives while the run stands still is drawn in the first paint after it: a seek's last
 * frame once came within 80 ms of the previous drawing and its labels waited for the trailing
 * timer, so the clock read 30.0 s over 29.0 s's link labels (hello-mesh, rates.spec, session 18).
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
   * At a paint: 0 when the figures are to be drawn in this paint, else the wall ms to wait for a
   * trailing drawing. `latest` is the newest frame, `playing` whether play streams frames. Pure.
   */
  wait(now: number, latest: unknown, playing: boolean): number {
    if (!playing && latest !== this.drawn) return 0;
    return Math.max(0, this.interval - (now - this.lastAt));
  }

  /**
   * Records a drawing of `latest` at `now`; true when the tile titles are to be drawn in it too
   * (every `ratesInterval` while playing, and for each new frame while the run stands still).
   * Mutates.
   */
  draw(now: number, latest: unknown, playing: boolean): boolean {
    const fresh = latest !== this.drawn;
    this.lastAt = now;
    this.drawn = latest;
    const rates = now - this.lastRatesAt >= this.ratesInterval || (fresh && !playing);
    if (rates) this.lastRatesAt = now;
    return rates;
  }
}
