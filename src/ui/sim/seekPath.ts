// Seeking in the single view: the worker runs to a target as fast as it goes, one slice at a
// time so the clock moves on screen; targets coalesce (only the newest waiting is kept) and an
// earlier one runs the scenario again from zero. Plain TypeScript, no React.
import { RunStatus } from '../state/store';
import { SEEK_SLICE_MS, inTime } from './controllerApi';
import type { RunCore } from './runCore';

/** The seek requests of one run. */
export interface SeekPath {
  /** Asks for a seek to `ms` (see Controller.seek); the running loop takes it up, or a new one starts. Resolves when the loop ends. */
  request(ms: number): Promise<void>;
  /** The next seek builds the run again from zero (its live actions changed). */
  restartNext(): void;
  /** The seek loop running now, or null. */
  readonly running: Promise<void> | null;
}

/** Seeks for the run `core` holds, queued on its command queue. */
export function createSeekPath(core: RunCore): SeekPath {
  const { store, frames, api } = core;
  /** The newest seek target not yet taken up, ms; null when none is waiting. */
  let seekWanted: number | null = null;
  /** The next seek must build the run again from zero (its live actions changed). */
  let seekRestart = false;
  /** The seek loop running now, which takes up every newer target. */
  let seekLoop: Promise<void> | null = null;

  /** The seek loop: takes up the newest target until none is left. */
  async function runSeeks(): Promise<void> {
    const s0 = store.getState();
    if (!s0.info || s0.status === RunStatus.loading || s0.status === RunStatus.crashed) {
      // Refused: the target `request` put in the store goes too, or "seeking to" it stayed for good (the compare
      // view's pairSeek did the same, session 38).
      seekWanted = null;
      store.setState((d) => void (d.seekingTo = null));
      return;
    }
    const resume = s0.status === RunStatus.playing;
    core.loop.stop();
    core.setStatus(RunStatus.paused);
    core.seeking = true;
    const gen = core.generation;
    try {
      while (seekWanted !== null) {
        const target = Math.max(0, Math.min(seekWanted, s0.info.durationMs));
        seekWanted = null;
        let fromStart = seekRestart || target < (frames.latest?.simTime ?? 0);
        seekRestart = false;
        store.setState((d) => void (d.seekingTo = target));
        for (;;) {
          const frame = await inTime(api.seekTo(target, SEEK_SLICE_MS, fromStart));
          if (gen !== core.generation) return;
          fromStart = false;
          if (frame.simTime < (frames.latest?.simTime ?? 0)) core.lastSeq = 0;
          // There, and past every event at that moment: a slice cut short by its budget can stop
          // among events of one time (many replies landing on a round time), and the moment
          // shown must be the one a run to it reaches (the CLI's, a link's).
          const landed = frame.done || (frame.simTime >= target && frame.nextEventMs > target);
          // A frame on the way is drawn at most every SEEK_SHOW_INTERVAL_MS; the one landed on always.
          core.accept(frame, gen, !landed);
          if (landed) break;
          // A newer target goes on from here when it is later, or from zero when it is earlier.
          if (seekWanted !== null) break;
        }
      }
    } finally {
      core.seeking = false;
      store.setState((d) => void (d.seekingTo = null));
    }
    core.refreshFaults();
    if (resume && core.status() === RunStatus.paused) core.startPlaying();
  }

  return {
    request(ms) {
      seekWanted = ms;
      // Known at once, so keys pressed in a row add up from the latest target (useShortcuts).
      const duration = store.getState().info?.durationMs ?? 0;
      store.setState((d) => void (d.seekingTo = Math.max(0, Math.min(ms, duration))));
      if (!seekLoop) {
        seekLoop = core.serial(runSeeks).finally(() => {
          seekLoop = null;
        });
      }
      return seekLoop;
    },
    restartNext() {
      seekRestart = true;
    },
    get running() {
      return seekLoop;
    },
  };
}
