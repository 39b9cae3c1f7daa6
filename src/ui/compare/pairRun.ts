// The compare view's pair as the controller's parts share it: both panes' runs, which pair is
// current (its generation), the frames each pane takes, the shared clock, the play loop that
// drives both, the command queue, and what happens when the runs cannot go on. Plain
// TypeScript, no React.
import { runStopOf, type Frame, type LiveAction } from '../../workers/protocol';
import { WorkerStopped, type SimWorker } from '../bridge/simBridge';
import { ADVANCE_BUDGET_MS, STATS_INTERVAL_MS, inTime } from '../sim/controllerApi';
import { createCommandQueue, type CommandQueue } from '../sim/commandQueue';
import { statsOf } from '../sim/frameStats';
import { createFrameLoop, type FrameLoop } from '../sim/frameLoop';
import { speedById } from '../sim/speeds';
import { RunStatus, type AppStore } from '../state/store';
import type { ComparePane } from './compareController';
import type { CompareStatus, CompareStore } from './compareStore';
import type { Divergence } from './divergence';
import { FIGURES_INTERVAL_MS, refreshFigures } from './pairFigures';

/** One pane's run, as the controller keeps it. */
export interface PaneRun extends ComparePane {
  worker: SimWorker;
  appStore: AppStore;
  latest: Frame | null;
  lastSeq: number;
  lastStatsAt: number;
  actions: LiveAction[];
  /** Its scenario was carried in full (a file), not named: a link packs it (`#data=`). */
  inline: boolean;
  /** The scenario's text when inline, else ''. */
  text: string;
}

/** A pane's simulated time, ms (0 before its first frame). */
export const timeOf = (p: PaneRun) => p.latest?.simTime ?? 0;
/** Whether a pane's run has reached its end. */
export const doneOf = (p: PaneRun) => p.latest?.done ?? false;

/** The pair's shared state and frame handling; the fields are read and written by the controller's parts. */
export interface PairCore {
  readonly store: CompareStore;
  /** Both panes once loaded (A then B), else empty. */
  panes: PaneRun[];
  /** Bumped whenever the pair (re)starts or stops, so late answers of the old one are dropped. */
  generation: number;
  /** The tick's answers still on their way: commands wait for them. */
  inflight: Promise<void> | null;
  /** When the figures were last asked for, performance.now() ms. */
  lastFiguresAt: number;
  /**
   * The earliest divergence found for this pair, by the figures' scope (its client's name, '' for
   * every client's): deterministic, so kept across seeks back.
   */
  known: Map<string, Divergence>;
  disposed: boolean;
  readonly loop: FrameLoop;
  /** Commands run one after another, each after the tick on its way; a failure goes to `fail`. */
  readonly serial: CommandQueue;
  status(): CompareStatus;
  /**
   * Sets the pair's status. Leaving 'playing', each pane's last frame goes to its store at once,
   * and the clock with it: while playing, `accept` and `clockToStore` put them there at most every
   * STATS_INTERVAL_MS, so the frame a tick brought just before a pause could be held back, and a
   * paused pane's counters read a frame older than its picture and than the other pane.
   */
  setStatus(s: CompareStatus): void;
  /**
   * Queues `work` (on `serial`) as what brings both panes to one time, and says so in the store's
   * `settling` (`what`) from now until the last such command has ended, failed or not. Mutates
   * the store.
   */
  settling(what: 'pausing' | 'stepping', work: () => Promise<void>): Promise<void>;
  /** The runs cannot go on (an engine stop, a worker that died or hung): the pair is failed, with the reason. */
  fail(e: unknown): void;
  /**
   * Takes a pane's frame (dropped when older) and moves its store's counters: at once when `force`,
   * else throttled while playing. `hold`: kept as the pane's latest but neither drawn nor put on
   * show until `showLatest` (a seek shows the pair only once both stand at its moment).
   */
  accept(p: PaneRun, frame: Frame, force?: boolean, hold?: boolean): void;
  /** Draws each pane's latest frame and puts it on show (counters, not status), and the clock in the pair's store. */
  showLatest(): void;
  /** The time of the pane behind among those not done; Infinity when both are done. */
  shared(): number;
  /** The shared clock: the pane behind, or the later end when both are done. */
  clock(): number;
  /**
   * Puts the shared clock in the store. While playing at most every STATS_INTERVAL_MS: each change
   * redraws the header, the timeline and both charts (the panes' canvases follow every frame).
   * Not while a pane holds a frame it has not drawn (a seek on its way, `accept`'s hold): the
   * header's clock says the moment the panes show, and moves with them at `showLatest`.
   */
  clockToStore(throttled?: boolean): void;
  /** Plays both from ready or paused; anything else is left as it is. */
  startPlaying(): void;
}

/** The core of a compare controller over `store`; its panes are set once both have opened. */
export function createPairCore(store: CompareStore): PairCore {
  /** At max speed: how far ahead of the pane behind the next goal is, simulated ms. */
  let chunk = 10;
  let lastClockAt = Number.NEGATIVE_INFINITY;

  /** Commands queued by `settling` that have not ended yet. */
  let settlingCount = 0;

  const status = () => store.getState().status;
  function setStatus(s: CompareStatus): void {
    const was = status();
    store.setState((d) => void (d.status = s));
    if (was === 'playing' && s !== 'playing') showLatest();
  }
  const shared = () => Math.min(...core.panes.map((p) => (doneOf(p) ? Number.POSITIVE_INFINITY : timeOf(p))));
  const clock = () => {
    const t = shared();
    return Number.isFinite(t) ? t : Math.max(...core.panes.map(timeOf));
  };

  function fail(e: unknown): void {
    if (core.disposed || e instanceof WorkerStopped) return;
    loop.stop();
    core.generation++;
    const stop = runStopOf(e);
    const message = stop ? `${stop.problem.path}: ${stop.problem.message} (at ${(stop.atMs / 1000).toFixed(3)} s)` : e instanceof Error ? e.message : String(e);
    store.setState((d) => {
      d.status = 'failed';
      d.error = `The runs stopped: ${message}`;
    });
  }

  function accept(p: PaneRun, frame: Frame, force = false, hold = false): void {
    if (frame.seq <= p.lastSeq) return;
    p.lastSeq = frame.seq;
    p.latest = frame;
    if (hold) return;
    p.services.frames.publish(frame);
    const now = performance.now();
    if (force || frame.done || status() !== 'playing' || now - p.lastStatsAt >= STATS_INTERVAL_MS) {
      p.lastStatsAt = now;
      p.services.frames.show(frame);
      p.appStore.setState((d) => {
        d.stats = statsOf(frame);
        d.status = frame.done ? RunStatus.done : status() === 'playing' ? RunStatus.playing : RunStatus.paused;
      });
    }
  }

  /** Puts each pane's last frame in its store (counters, not status) and the clock in the pair's, unthrottled. */
  function showLatest(): void {
    const now = performance.now();
    for (const p of core.panes) {
      const f = p.latest;
      if (f === null) continue;
      p.lastStatsAt = now;
      if (p.services.frames.latest !== f) p.services.frames.publish(f);
      p.services.frames.show(f);
      p.appStore.setState((d) => void (d.stats = statsOf(f)));
    }
    if (core.panes.length === 2) clockToStore();
  }

  function settling(what: 'pausing' | 'stepping', work: () => Promise<void>): Promise<void> {
    settlingCount++;
    store.setState((d) => void (d.settling = what));
    return core.serial(work).finally(() => {
      if (--settlingCount === 0) store.setState((d) => void (d.settling = null));
    });
  }

  function clockToStore(throttled = false): void {
    // A held frame is not drawn: the clock followed the run behind mid-seek and read 24.2 s over
    // two panes still showing 10.0 s (session 35, U4). It stays with what the panes show.
    if (core.panes.some((p) => p.latest !== null && p.services.frames.latest !== p.latest)) return;
    const now = performance.now();
    if (throttled && now - lastClockAt < STATS_INTERVAL_MS) return;
    lastClockAt = now;
    const t = clock();
    const a = timeOf(core.panes[0]);
    const b = timeOf(core.panes[1]);
    const st = store.getState();
    if (t !== st.simTime || a !== st.paneTimes[0] || b !== st.paneTimes[1]) {
      store.setState((d) => {
        d.simTime = t;
        d.paneTimes = [a, b];
      });
    }
  }

  const loop = createFrameLoop({
    playing: () => status() === 'playing',
    busy: () => core.inflight !== null,
    disposed: () => core.disposed,
    factor: () => speedById(store.getState().speedId).factor,
    advance: tick,
  });

  /**
   * One frame of both: the goal is the shared clock (the pane behind) plus this frame's share of
   * simulated time; a pane already at the goal waits. At max speed (`simMs` Infinity) the goal is
   * `chunk` ahead, doubled while the pane behind keeps up and cut to what it did when it does not.
   */
  function tick(simMs: number): void {
    const from = shared();
    if (!Number.isFinite(from)) return void finish();
    const fast = simMs === Number.POSITIVE_INFINITY;
    const goal = from + (fast ? chunk : simMs);
    const gen = core.generation;
    core.inflight = (async () => {
      try {
        const frames = await Promise.all(core.panes.map((p) => (!doneOf(p) && timeOf(p) < goal ? inTime(p.api.seekTo(goal, ADVANCE_BUDGET_MS, false)) : Promise.resolve(null))));
        if (gen !== core.generation) return;
        frames.forEach((f, i) => f && accept(core.panes[i], f));
        const after = shared();
        if (fast) chunk = after >= goal ? Math.min(chunk * 2, 60_000) : Math.max(1, after - from);
        clockToStore(Number.isFinite(after));
        if (performance.now() - core.lastFiguresAt >= FIGURES_INTERVAL_MS || !Number.isFinite(after)) await refreshFigures(core, gen);
        if (!Number.isFinite(after)) finish();
      } catch (e) {
        if (gen === core.generation) fail(e);
      } finally {
        core.inflight = null;
      }
    })();
  }

  function finish(): void {
    loop.stop();
    setStatus('done');
    for (const p of core.panes) p.appStore.setState((d) => void (d.status = RunStatus.done));
  }

  function startPlaying(): void {
    const s = status();
    if (core.panes.length < 2 || (s !== 'ready' && s !== 'paused')) return;
    setStatus('playing');
    for (const p of core.panes) p.appStore.setState((d) => void (d.status = RunStatus.playing));
    chunk = 10;
    loop.start();
  }

  const core: PairCore = {
    store,
    panes: [],
    generation: 0,
    inflight: null,
    lastFiguresAt: Number.NEGATIVE_INFINITY,
    known: new Map(),
    disposed: false,
    loop,
    serial: createCommandQueue(fail, () => core.inflight),
    status,
    setStatus,
    settling,
    fail,
    accept,
    showLatest,
    shared,
    clock,
    clockToStore,
    startPlaying,
  };
  return core;
}
