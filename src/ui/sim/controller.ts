// The pacing loop and the user's commands. Plain TypeScript, no React: components call these
// actions, the store and the frame channel carry the results back.
import { Counter, type Frame } from '../../workers/protocol';
import type { SimBridge } from '../bridge/simBridge';
import { DEFAULT_SCENARIO_ID, labelFor, type ScenarioEntry } from '../scenarios/catalog';
import type { FrameChannel } from '../state/frameChannel';
import { EMPTY_STATS, RunStatus, type AppStore, type Problem, type Stats } from '../state/store';
import { speedById } from './speeds';

/** Wall time the worker may spend per advance; keeps frames coming at screen rate. */
export const ADVANCE_BUDGET_MS = 12;
/** Longest wall gap turned into simulated time at once (a hidden tab, a long GC pause). */
const MAX_WALL_STEP_MS = 100;
/** How often counters reach React while playing; the canvas still gets every frame. */
const STATS_INTERVAL_MS = 100;
/** How often the fault list is asked for while playing (faults start and end on their own). */
const FAULTS_INTERVAL_MS = 500;

export interface Controller {
  /** Loads the default scenario. */
  start(): Promise<void>;
  selectScenario(id: string): Promise<void>;
  /** Loads a person's own scenario file; problems are listed, the previous run stays. */
  openFile(file: File): Promise<void>;
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
  /** Ends an active fault now, or cancels one that has not started. */
  clearFault(id: number): Promise<void>;
  /**
   * Runs the simulation to `ms` as fast as it goes, then carries on as before (playing or
   * paused). An earlier time runs the scenario again from zero, so faults injected by hand
   * are gone; the run is deterministic, so everything else is as it was.
   */
  seek(ms: number): Promise<void>;
  /** Stops the loop and the worker. */
  dispose(): void;
}

/** Copies a frame's counters into plain numbers for the store. Pure. */
export function statsOf(frame: Frame): Stats {
  const c = frame.counters;
  return {
    seq: frame.seq,
    simTime: frame.simTime,
    sent: c[Counter.sent],
    ok: c[Counter.ok],
    failed: c[Counter.failed],
    inFlight: c[Counter.inFlight],
    p50: c[Counter.p50],
    p90: c[Counter.p90],
    p99: c[Counter.p99],
    events: c[Counter.events],
    failures: { ...frame.failures },
    traceHash: frame.traceHash,
  };
}

export function createController(store: AppStore, bridge: SimBridge, frames: FrameChannel): Controller {
  const { api } = bridge;
  /** Bumped whenever a new run starts, so late frames of the old one are dropped. */
  let generation = 0;
  let lastSeq = 0;
  let raf = 0;
  /** At most one `advance` is outstanding, so the worker never queues up stale work. */
  let pending = false;
  let lastWall: number | null = null;
  let lastStatsAt = Number.NEGATIVE_INFINITY;
  let lastFaultsAt = Number.NEGATIVE_INFINITY;
  /** Commands that talk to the worker run one after another. */
  let chain: Promise<unknown> = Promise.resolve();
  let disposed = false;
  /** True while `seek` runs the simulation forward. */
  let seeking = false;

  const status = () => store.getState().status;
  const setStatus = (s: RunStatus) => store.setState((d) => void (d.status = s));

  function serial(work: () => Promise<void>): Promise<void> {
    const next = chain.then(work).catch(reportError);
    chain = next;
    return next;
  }

  function reportError(e: unknown): void {
    if (disposed) return;
    const message = e instanceof Error ? e.message : String(e);
    stopLoop();
    store.setState((d) => {
      d.error = `The simulation stopped: ${message}`;
      if (d.status !== RunStatus.crashed) d.status = RunStatus.paused;
    });
  }

  bridge.onCrash((message) => {
    stopLoop();
    store.setState((d) => {
      d.status = RunStatus.crashed;
      d.error = `The simulation worker failed (${message}). Reload the page to start again.`;
    });
  });

  function accept(frame: Frame, gen: number): void {
    if (gen !== generation || frame.seq <= lastSeq) return;
    lastSeq = frame.seq;
    frames.publish(frame);
    const now = performance.now();
    const playing = status() === RunStatus.playing;
    if (frame.done || !playing || now - lastStatsAt >= STATS_INTERVAL_MS) {
      lastStatsAt = now;
      store.setState((d) => {
        d.stats = statsOf(frame);
        if (frame.done) d.status = RunStatus.done;
      });
      if (frame.done || (!playing && !seeking) || now - lastFaultsAt >= FAULTS_INTERVAL_MS) refreshFaults();
    }
    if (frame.done) stopLoop();
  }

  /** Asks the worker for the fault list; a list from an older run is dropped. */
  function refreshFaults(): void {
    lastFaultsAt = performance.now();
    const gen = generation;
    api.faults().then(
      (list) => {
        if (gen === generation && !disposed) store.setState((d) => void (d.faults = list));
      },
      () => {},
    );
  }

  function schedule(): void {
    if (!raf && !disposed) raf = requestAnimationFrame(tick);
  }

  function stopLoop(): void {
    if (raf) cancelAnimationFrame(raf);
    raf = 0;
    lastWall = null;
  }

  function tick(now: number): void {
    raf = 0;
    if (status() !== RunStatus.playing) return;
    schedule();
    // NOTE: while an advance is outstanding, wall time keeps accruing (lastWall stays put),
    // so the next request catches up and simulated time keeps pace with the clock.
    if (pending) return;
    const dt = lastWall === null ? 1000 / 60 : Math.min(now - lastWall, MAX_WALL_STEP_MS);
    lastWall = now;
    const factor = speedById(store.getState().speedId).factor;
    const gen = generation;
    pending = true;
    api.advance(factor === Number.POSITIVE_INFINITY ? factor : dt * factor, ADVANCE_BUDGET_MS).then(
      (frame) => {
        pending = false;
        accept(frame, gen);
      },
      (e: unknown) => {
        pending = false;
        reportError(e);
      },
    );
  }

  /** Shows time zero of the freshly built run. */
  async function firstFrame(): Promise<void> {
    const gen = generation;
    accept(await api.advance(0, ADVANCE_BUDGET_MS), gen);
  }

  function beginRun(): void {
    stopLoop();
    generation++;
    lastSeq = 0;
    frames.clear();
    store.setState((d) => {
      d.faults = [];
      d.clearedFaults = [];
    });
  }

  async function load(entry: ScenarioEntry): Promise<void> {
    const before = store.getState();
    const resumeStatus = before.status === RunStatus.playing ? RunStatus.paused : before.status;
    stopLoop();
    setStatus(RunStatus.loading);
    const result = await api.load(entry.text, undefined, entry.fileName);
    if (!result.ok) {
      // The worker keeps the previous scenario when a new one fails to load.
      store.setState((d) => {
        d.loadProblems = { source: entry.label, problems: result.problems };
        d.status = d.info ? (resumeStatus === RunStatus.loading ? RunStatus.ready : resumeStatus) : RunStatus.ready;
      });
      return;
    }
    beginRun();
    store.setState((d) => {
      d.info = result.info;
      d.selectedId = entry.id;
      d.loadProblems = null;
      d.error = null;
      d.stats = EMPTY_STATS;
      d.status = RunStatus.ready;
      if (entry.source === 'file') {
        d.entries = [...d.entries.filter((e) => e.id !== entry.id), entry];
      }
    });
    await firstFrame();
  }

  async function resetRun(): Promise<void> {
    if (!store.getState().info) return;
    stopLoop();
    await api.reset();
    beginRun();
    store.setState((d) => {
      d.stats = EMPTY_STATS;
      d.error = null;
      d.status = RunStatus.ready;
    });
    await firstFrame();
  }

  function startPlaying(): void {
    const s = store.getState();
    if (!s.info || s.status !== RunStatus.ready && s.status !== RunStatus.paused) return;
    setStatus(RunStatus.playing);
    lastWall = null;
    schedule();
  }

  return {
    start() {
      const entries = store.getState().entries;
      const first = entries.find((e) => e.id === DEFAULT_SCENARIO_ID) ?? entries[0];
      if (!first) {
        store.setState((d) => {
          d.status = RunStatus.ready;
          d.error = 'No scenarios were found in scenarios/.';
        });
        return Promise.resolve();
      }
      return serial(() => load(first));
    },
    selectScenario(id) {
      const entry = store.getState().entries.find((e) => e.id === id);
      return entry ? serial(() => load(entry)) : Promise.resolve();
    },
    openFile(file) {
      return serial(async () => {
        // As Node reads it in the CLI: UTF-8, a byte-order mark kept (File.text() would drop it),
        // so a problem's byte offset is the same in both.
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.arrayBuffer());
        const title = labelFor('', text.replace(/^\uFEFF/, ''));
        await load({ id: `file:${file.name}`, label: title ? `${title} (${file.name})` : file.name, text, fileName: file.name, source: 'file' });
      });
    },
    play() {
      if (status() === RunStatus.done) {
        void serial(resetRun).then(startPlaying);
        return;
      }
      startPlaying();
    },
    pause() {
      if (status() !== RunStatus.playing) return;
      stopLoop();
      setStatus(RunStatus.paused);
      // Show the exact counters of the last frame, not the throttled ones.
      const f = frames.latest;
      if (f) store.setState((d) => void (d.stats = statsOf(f)));
    },
    reset() {
      return serial(resetRun);
    },
    step() {
      return serial(async () => {
        const s = status();
        if (!store.getState().info || s === RunStatus.done || s === RunStatus.loading || s === RunStatus.crashed) return;
        if (s === RunStatus.playing) stopLoop();
        const gen = generation;
        setStatus(RunStatus.paused);
        accept(await api.stepEvent(), gen);
      });
    },
    setSpeed(id) {
      store.setState((d) => void (d.speedId = speedById(id).id));
    },
    async injectFault(fault) {
      if (!store.getState().info) return [];
      const gen = generation;
      const result = await api.injectFault(fault);
      if (gen !== generation) return [];
      if (!result.ok) return result.problems;
      refreshFaults();
      return [];
    },
    seek(ms) {
      return serial(async () => {
        const s = store.getState();
        if (!s.info || s.status === RunStatus.loading || s.status === RunStatus.crashed) return;
        const resume = s.status === RunStatus.playing;
        stopLoop();
        const target = Math.max(0, Math.min(ms, s.info.durationMs));
        if (target < (frames.latest?.simTime ?? 0)) {
          await api.reset();
          beginRun();
          store.setState((d) => void (d.stats = EMPTY_STATS));
        }
        setStatus(RunStatus.paused);
        seeking = true;
        try {
          const gen = generation;
          let frame = frames.latest;
          while (!frame || (frame.simTime < target && !frame.done)) {
            frame = await api.advance(target - (frame?.simTime ?? 0), ADVANCE_BUDGET_MS);
            if (gen !== generation) return;
            accept(frame, gen);
          }
        } finally {
          seeking = false;
        }
        refreshFaults();
        if (resume && status() === RunStatus.paused) startPlaying();
      });
    },
    async clearFault(id) {
      const gen = generation;
      await api.clearFault(id);
      if (gen !== generation) return;
      store.setState((d) => void d.clearedFaults.push(id));
      refreshFaults();
    },
    dispose() {
      disposed = true;
      stopLoop();
      bridge.terminate();
    },
  };
}
