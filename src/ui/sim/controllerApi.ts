// What a run's controller offers the components (the single view's, and each compare pane's),
// and the timing every controller keeps with its worker(s). Plain TypeScript, no React.
import type { Problem } from '../state/store';
import type { LiveAction } from '../../workers/protocol';
import { pageLateWatch } from './slowWorker';
import { withDeadline } from './watchdog';

/** Wall time the worker may spend per advance; keeps frames coming at screen rate. */
export const ADVANCE_BUDGET_MS = 12;
/**
 * Wait for the worker to answer a call that advances the run before the page says it is late,
 * wall ms. An advance answers within ADVANCE_BUDGET_MS; 4 s is hundreds of frames late, long
 * after a person would see a frozen clock. A busy machine can still starve the worker that long
 * at 1,000 services, so a late call is shown and waited for (inTime), not stopped.
 */
export const ANSWER_DEADLINE_MS = 4000;
/**
 * Wall time per `seekTo` call while seeking, ms: the worker runs at full speed for this long
 * and answers one frame, so the clock moves on screen during a long seek and a newer target
 * (a drag) is taken up within this time.
 */
export const SEEK_SLICE_MS = 150;
/**
 * Wall time between two frames drawn while a seek passes through, ms (the frame it lands on is
 * always drawn). Each drawn frame is a whole page's render: React, the counters, the link labels,
 * the stage (about 100 ms of the page's CPU in gateway-and-mesh, session 38), and a seek answers
 * a frame every SEEK_SLICE_MS, so drawing each one took more CPU than the run it showed on a busy
 * machine. Twice a second the clock still moves on screen during a long seek.
 */
export const SEEK_SHOW_INTERVAL_MS = 500;
/** How often counters reach a store while playing, wall ms; the canvas still gets every frame. */
export const STATS_INTERVAL_MS = 100;

/**
 * The answer. One not there in ANSWER_DEADLINE_MS is reported late (slowWorker.ts: the page
 * says so and offers to stop the run) and waited for up to HARD_DEADLINE_MS, then rejects with
 * WorkerHung, as it does when a person stops it.
 */
export function inTime<T>(answer: Promise<T>): Promise<T> {
  return withDeadline(answer, ANSWER_DEADLINE_MS, undefined, pageLateWatch);
}

/**
 * A run's commands as components call them: the single view's (sim/controller.ts) or, in the
 * compare view, a pane's, which acts on both panes (compare/pairOpening.ts). Results come back
 * through the store and the frame channel, not as return values (but for problems to list).
 */
export interface Controller {
  /**
   * Opens the run a link asks for (`search` is `location.search + location.hash`; by default the page's own):
   * its scenario (the default one when none or an unknown one), seed, live faults, moment and
   * speed. What is wrong with the link is listed in `linkProblems`, and the rest is used.
   */
  start(search?: string): Promise<void>;
  selectScenario(id: string): Promise<void>;
  /**
   * Opens a person's own scenario file in a worker of its own, with progress; problems are
   * listed in reading order as `line N: path: message` (editor/lines problemsWithLines), and the
   * run that was going on goes on until the new one has loaded.
   */
  openFile(file: File): Promise<void>;
  /**
   * Opens scenario text edited in the app (issue 12.6) as `openFile` opens a file: checked and
   * built in a worker of its own, problems listed, the run going on until it loads. The picker
   * lists it as `label` ("edited: hello-mesh"), and the recipe carries its text, so a share link
   * holds it. Optional: the compare view's panes have no editor. With `carry` (the editor's Run
   * from a run with live actions or a moment, editor/carry.ts), the run opens as a link's would:
   * with that seed, those actions replayed at their points and a seek to `carry.tMs`; it resolves
   * once the actions are in, the seek still on its way (the store's `seekingTo`).
   */
  openText?(text: string, fileName: string, label: string, carry?: EditCarry): Promise<void>;
  /** Gives up opening a scenario: its worker is stopped, the current run is untouched. */
  cancelOpen(): void;
  /**
   * A person reaches for another scenario (the picker hovered): a worker is started
   * and warmed for it ahead of the pick (scenarioOpening.ts). Optional: the compare view's panes
   * open their runs in workers of their own.
   */
  warmSpare?(): void;
  play(): void;
  pause(): void;
  reset(): Promise<void>;
  /** Processes exactly one event. */
  step(): Promise<void>;
  setSpeed(id: string): void;
  /**
   * Injects a fault into the running simulation (`at` and `for` count from now). Resolves to
   * the problems found with it, empty when it was injected.
   */
  injectFault(fault: Record<string, unknown>): Promise<Problem[]>;
  /** The problems `injectFault` would find with `fault`, without injecting it (none while no scenario is open). */
  checkFault(fault: Record<string, unknown>): Promise<Problem[]>;
  /**
   * Makes a config change now (issue 12.2); it joins the recipe like a live fault. `problems`
   * refused it (`change.field: message`; none: it was made); `notes` say what a change made may
   * not do as meant (a timeout shorter than the answers it waits for, a bare number read as ms:
   * the same notes a scenario file's `changes` get in the CLI).
   */
  applyChange(change: Record<string, unknown>): Promise<ChangeResult>;
  /** Ends an active fault now, or cancels one that has not started; the recipe keeps it. */
  clearFault(id: number): Promise<void>;
  /**
   * "Clear injected faults": removes every injected fault (and its clears) from the recipe and
   * runs the scenario again from zero to the current time without them.
   */
  clearInjected(): Promise<void>;
  /**
   * Runs the simulation to `ms` as fast as it goes, then carries on as before (playing or
   * paused). An earlier time runs the scenario again from zero in the worker, replaying the
   * faults injected and cleared live at their points, so the picture, counters and trace hash
   * at a time are always the same. Seeks coalesce: while one runs, only the latest target asked
   * for is kept, and a later target goes on from where the running one has got to.
   */
  seek(ms: number): Promise<void>;
  /**
   * Resolves when the seek under way, if any, has landed (at once when none is): a branch taken
   * now waits for it, so its point is the moment asked for (a link's `t=`, a click on the
   * timeline), not one the seek was passing through.
   */
  seekDone(): Promise<void>;
  /** The link to this run at this moment and speed, with the picture's columns a row (`cols=`), as an absolute URL; null before a scenario loads. */
  shareLink(): string | null;
  /** Stops the loop and the worker. */
  dispose(): void;
}

/**
 * What an edited scenario's run keeps of the run it replaces (Controller.openText): the recipe's
 * `seed` (null: the file's own), the live `actions` the edited file accepts (editor/carry.ts
 * carryRecipe, unpinned) and the moment `tMs` (simulated ms, within the edited run).
 */
export interface EditCarry {
  seed: number | null;
  actions: LiveAction[];
  tMs: number;
}

/** What a config change came to (Controller.applyChange): refused with `problems`, or made, with `notes` on how it may not work as meant. */
export interface ChangeResult {
  problems: Problem[];
  notes: Problem[];
}
