// The single view's run as the controller's parts share it: which run is current (its
// generation), the frames it answers and what they move in the store, the play loop, the
// command queue, and what happens when the run cannot go on. Plain TypeScript, no React.
import { runStopOf, type Frame } from '../../workers/protocol';
import { WorkerStopped, type SimBridge } from '../bridge/simBridge';
import { DEFAULT_SCENARIO_ID } from '../scenarios/catalog';
import type { FrameChannel } from '../state/frameChannel';
import { RunStatus, type AppStore, type Problem, type ReloadChoice, type RunFailure } from '../state/store';
import { ADVANCE_BUDGET_MS, SEEK_SHOW_INTERVAL_MS, STATS_INTERVAL_MS, inTime } from './controllerApi';
import { createCommandQueue, type CommandQueue } from './commandQueue';
import { statsOf } from './frameStats';
import { createFrameLoop, type FrameLoop } from './frameLoop';
import { speedById } from './speeds';
import { WorkerHung } from './watchdog';

/** How often the fault list is asked for while playing (faults start and end on their own). */
const FAULTS_INTERVAL_MS = 500;

/** The run's shared state and frame handling; the fields are read and written by the controller's parts. */
export interface RunCore {
  readonly store: AppStore;
  readonly bridge: SimBridge;
  readonly frames: FrameChannel;
  /** Always the active worker's API (see SimBridge.api). */
  readonly api: SimBridge['api'];
  /** Bumped whenever a new run starts or the run stops, so late answers of the old one are dropped. */
  generation: number;
  /** The seq of the last frame taken; older ones are dropped. */
  lastSeq: number;
  /** True while `seek` runs the simulation forward. */
  seeking: boolean;
  disposed: boolean;
  /** The scenario that ran before the current one, for "Back to" after a failure. */
  previousId: string | null;
  readonly loop: FrameLoop;
  /** Commands that talk to the worker run one after another; a failure goes to `fail`. */
  readonly serial: CommandQueue;
  status(): RunStatus;
  setStatus(s: RunStatus): void;
  /**
   * The run cannot go on: the engine threw (a stalled clock, say), the worker did not answer
   * in time, or it died. Stops the clock, stops the worker, and says so against the scenario.
   * A WorkerStopped error is the echo of a worker this app stopped itself, and is dropped.
   */
  fail(e: unknown, kind?: RunFailure['kind']): void;
  /**
   * Takes a frame of run `gen` (dropped when older), publishes it, and moves the store's counters
   * (throttled while playing). `passing`: a frame a seek passes through on its way (not the one it
   * lands on); one within SEEK_SHOW_INTERVAL_MS of the last one drawn is only held (FrameChannel.hold).
   */
  accept(frame: Frame, gen: number, passing?: boolean): void;
  /** Asks the worker for the fault list; a list from an older run is dropped. */
  refreshFaults(): void;
  /** Shows time zero of the freshly built run. */
  firstFrame(): Promise<void>;
  /** A new run begins: the loop stops, older answers are dropped, frames and fault lists are cleared. */
  beginRun(): void;
  /** Plays from ready or paused; anything else is left as it is. */
  startPlaying(): void;
}

/** The core of a single-view controller over `bridge`'s active worker; registers for its crashes. */
export function createRunCore(store: AppStore, bridge: SimBridge, frames: FrameChannel): RunCore {
  const { api } = bridge;
  /** At most one `advance` is outstanding, so the worker never queues up stale work. */
  let pending = false;
  let lastStatsAt = Number.NEGATIVE_INFINITY;
  let lastFaultsAt = Number.NEGATIVE_INFINITY;
  /** When a frame a seek passes through was last drawn, wall ms (performance.now). */
  let lastPassingShownAt = Number.NEGATIVE_INFINITY;

  const status = () => store.getState().status;
  const setStatus = (s: RunStatus) => store.setState((d) => void (d.status = s));

  /** Where a person can go from a run that stopped: the scenario before it, and the default. */
  function reloadChoices(currentId: string | null): ReloadChoice[] {
    const entries = store.getState().entries;
    const choices: ReloadChoice[] = [];
    const prev = entries.find((e) => e.id === core.previousId && e.id !== currentId);
    if (prev) choices.push({ id: prev.id, label: prev.label, verb: 'Back to' });
    const def = entries.find((e) => e.id === DEFAULT_SCENARIO_ID);
    if (def && def.id !== prev?.id) choices.push({ id: def.id, label: def.label, verb: def.id === currentId ? 'Reload' : 'Open' });
    return choices;
  }

  function fail(e: unknown, kind?: RunFailure['kind']): void {
    if (core.disposed || e instanceof WorkerStopped) return;
    const s = store.getState();
    if (!s.info) return;
    const stop = runStopOf(e);
    const hung = e instanceof WorkerHung;
    const latest = frames.latest;
    const problem: Problem = stop?.problem ?? { path: '(run)', message: e instanceof Error ? e.message : String(e) };
    const failure: RunFailure = {
      title: s.info.title,
      kind: kind ?? (hung ? 'hung' : 'stopped'),
      problem: hung ? { path: '(run)', message: `${problem.message}, so it was stopped` } : problem,
      atMs: stop?.atMs ?? latest?.simTime ?? s.stats.simTime,
      reload: reloadChoices(s.selectedId),
    };
    loop.stop();
    core.generation++;
    pending = false;
    // A worker that does not answer may be spinning for ever: stop it. One that refused to go
    // on still answers reads (the inspector's), and is left as it is.
    if (hung) bridge.stopActive();
    store.setState((d) => {
      d.status = RunStatus.crashed;
      d.runFailure = failure;
      if (latest) d.stats = statsOf(latest);
    });
    if (latest) frames.show(latest);
  }

  function accept(frame: Frame, gen: number, passing = false): void {
    if (gen !== core.generation || frame.seq <= core.lastSeq) return;
    core.lastSeq = frame.seq;
    const now = performance.now();
    if (passing && !frame.done) {
      if (now - lastPassingShownAt < SEEK_SHOW_INTERVAL_MS) {
        frames.hold(frame);
        return;
      }
      lastPassingShownAt = now;
    }
    frames.publish(frame);
    const playing = status() === RunStatus.playing;
    if (frame.done || !playing || now - lastStatsAt >= STATS_INTERVAL_MS) {
      lastStatsAt = now;
      // The labels and the inspector's last second follow the counters (FrameChannel.shown).
      frames.show(frame);
      store.setState((d) => {
        d.stats = statsOf(frame);
        if (frame.done) d.status = RunStatus.done;
      });
      if (frame.done || (!playing && !core.seeking) || now - lastFaultsAt >= FAULTS_INTERVAL_MS) refreshFaults();
    }
    if (frame.done) loop.stop();
  }

  function refreshFaults(): void {
    lastFaultsAt = performance.now();
    const gen = core.generation;
    api.faults().then(
      (list) => {
        if (gen !== core.generation || core.disposed) return;
        // A clear replayed by a seek is one the person made: listed as cleared once the run is past it.
        const now = frames.latest?.simTime ?? 0;
        const cleared = (store.getState().recipe?.actions ?? []).flatMap((a) => (a.kind === 'clear' && a.ms <= now ? [a.id] : []));
        store.setState((d) => {
          d.faults = list;
          d.faultsListed = true;
          d.clearedFaults = cleared;
        });
      },
      () => {},
    );
  }

  const loop = createFrameLoop({
    playing: () => status() === RunStatus.playing,
    busy: () => pending,
    disposed: () => core.disposed,
    factor: () => speedById(store.getState().speedId).factor,
    advance: tick,
  });

  /** One frame: asks the worker for `simMs` of simulated time (Infinity: max speed) within its budget. */
  function tick(simMs: number): void {
    const gen = core.generation;
    pending = true;
    inTime(api.advance(simMs, ADVANCE_BUDGET_MS)).then(
      (frame) => {
        if (gen !== core.generation) return;
        pending = false;
        accept(frame, gen);
      },
      (e: unknown) => {
        if (gen !== core.generation) return;
        pending = false;
        fail(e);
      },
    );
  }

  async function firstFrame(): Promise<void> {
    const gen = core.generation;
    accept(await inTime(api.advance(0, ADVANCE_BUDGET_MS)), gen);
  }

  function beginRun(): void {
    loop.stop();
    core.generation++;
    pending = false;
    core.lastSeq = 0;
    frames.clear();
    store.setState((d) => {
      d.faults = [];
      d.faultsListed = false;
      d.clearedFaults = [];
    });
  }

  function startPlaying(): void {
    const s = store.getState();
    if (!s.info || s.status !== RunStatus.ready && s.status !== RunStatus.paused) return;
    setStatus(RunStatus.playing);
    loop.start();
  }

  const core: RunCore = {
    store,
    bridge,
    frames,
    api,
    generation: 0,
    lastSeq: 0,
    seeking: false,
    disposed: false,
    previousId: null,
    loop,
    serial: createCommandQueue(fail),
    status,
    setStatus,
    fail,
    accept,
    refreshFaults,
    firstFrame,
    beginRun,
    startPlaying,
  };
  bridge.onCrash((message) => fail(new Error(`the simulation worker stopped: ${message}`), 'crashed'));
  return core;
}
