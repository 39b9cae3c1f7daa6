/**
 * How fast the run has been going lately: simulated ms covered per wall ms of running, over
 * about the last 2 s of wall time (the sums are halved each time they pass that). SimHost uses it
 * to tell how much simulated time a stretch of wall time buys (the fill's plan, a seek's last
 * stretch without snapshots). Mutable: each stretch run is added.
 */
export class RunSpeed {
  /** Simulated and wall ms of running lately (halved past 2 s of wall). */
  private ranSimMs = 0;
  private ranWallMs = 0;

  /** Adds a stretch of running: `simMs` simulated in `wallMs` of wall time. */
  note(simMs: number, wallMs: number): void {
    this.ranSimMs += simMs;
    this.ranWallMs += wallMs;
    if (this.ranWallMs > 2000) {
      this.ranSimMs /= 2;
      this.ranWallMs /= 2;
    }
  }

  /** Simulated ms the run has covered per wall ms of running lately; 0 before any. */
  simPerWallMs(): number {
    return this.ranWallMs > 0 ? this.ranSimMs / this.ranWallMs : 0;
  }
}
