// The play loop both controllers run (the single view's and the compare view's): one request
// for an animation frame at a time; each frame turns the wall time since the last one into
// simulated time at the chosen speed and hands it to the controller, which asks its worker(s)
// and applies what comes back. Plain TypeScript, no React.

/** Longest wall gap turned into simulated time at once, ms (a hidden tab, a long GC pause or task). */
export const MAX_WALL_STEP_MS = 100;
/** The wall time the first frame after a start or a stop counts, ms (one frame at 60 Hz). */
const FIRST_FRAME_MS = 1000 / 60;

/** What the loop asks of its controller each frame. */
export interface FrameLoopHooks {
  /** Whether the run plays: a frame while it does not ends the loop. */
  playing(): boolean;
  /**
   * Whether the last frame's answer is still on its way: this frame then does nothing but ask
   * for the next. NOTE: wall time keeps accruing meanwhile (the last wall time stays put), so
   * the next frame catches up and simulated time keeps pace with the clock.
   */
  busy(): boolean;
  /** Whether the controller is disposed: no frame is asked for after that. */
  disposed(): boolean;
  /** The speed: simulated ms per wall ms (Infinity: as fast as the worker goes). */
  factor(): number;
  /**
   * This frame's share of simulated time, ms: wall ms since the last frame (at most
   * MAX_WALL_STEP_MS) times the speed, or Infinity at max speed. The controller asks its
   * worker(s) for it and applies the answer; it may stop the loop.
   */
  advance(simMs: number): void;
}

/** The loop's handle. Its state is one frame request and the last frame's wall time. */
export interface FrameLoop {
  /** Asks for the next animation frame, unless one is already asked for or the controller is disposed. */
  schedule(): void;
  /** Starts playing: the first frame counts FIRST_FRAME_MS of wall time. */
  start(): void;
  /** Cancels the frame asked for; the next start counts its first frame afresh. */
  stop(): void;
}

/**
 * A play loop over `requestAnimationFrame`. Each frame: if the run still plays, asks for the
 * next frame first, then (unless the last answer is outstanding) calls `hooks.advance`.
 */
export function createFrameLoop(hooks: FrameLoopHooks): FrameLoop {
  let raf = 0;
  let lastWall: number | null = null;

  function schedule(): void {
    if (!raf && !hooks.disposed()) raf = requestAnimationFrame(tick);
  }

  function tick(now: number): void {
    raf = 0;
    if (!hooks.playing()) return;
    schedule();
    if (hooks.busy()) return;
    const dt = lastWall === null ? FIRST_FRAME_MS : Math.min(now - lastWall, MAX_WALL_STEP_MS);
    lastWall = now;
    const factor = hooks.factor();
    hooks.advance(factor === Number.POSITIVE_INFINITY ? factor : dt * factor);
  }

  return {
    schedule,
    start() {
      lastWall = null;
      schedule();
    },
    stop() {
      if (raf) cancelAnimationFrame(raf);
      raf = 0;
      lastWall = null;
    },
  };
}
