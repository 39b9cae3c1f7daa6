// The pacing loop and the user's commands. Plain TypeScript, no React: components call these
// actions, the store and the frame channel carry the results back.
import { proxy } from 'comlink';
import { Counter, runStopOf, type Frame, type LoadResult, type LoadStage } from '../../workers/protocol';
import { WorkerStopped, type SimBridge, type SimWorker } from '../bridge/simBridge';
import { DEFAULT_SCENARIO_ID, type ScenarioEntry } from '../scenarios/catalog';
import type { FrameChannel } from '../state/frameChannel';
import { EMPTY_STATS, RunStatus, type AppStore, type Problem, type ReloadChoice, type RunFailure, type Stats } from '../state/store';
import { decodeLink, encodeLink, linkParams, packScenario, type Recipe } from '../recipe';
import { SPEEDS, speedById } from './speeds';
import { createAddressBarWriter } from './addressBar';
import { WorkerHung, withDeadline } from './watchdog';
import { createFrameLoop } from './frameLoop';

/** Wall time the worker may spend per advance; keeps frames coming at screen rate. */
export const ADVANCE_BUDGET_MS = 12;
/** How often counters reach React while playing; the canvas still gets every frame. */
const STATS_INTERVAL_MS = 100;
/** How often the fault list is asked for while playing (faults start and end on their own). */
const FAULTS_INTERVAL_MS = 500;
/**
 * Longest wait for the worker to answer a call that advances the run, wall ms. An advance
 * answers within ADVANCE_BUDGET_MS; 4 s is hundreds of frames late, long after a person would
 * see a frozen clock, and far beyond a pause of a busy 2-core machine.
 */
export const ANSWER_DEADLINE_MS = 4000;
/**
 * Wall time per `seekTo` call while seeking, ms: the worker runs at full speed for this long
 * and answers one frame, so the clock moves on screen during a long seek and a newer target
 * (a drag) is taken up within this time.
 */
export const SEEK_SLICE_MS = 150;

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
   * listed, and the run that was going on goes on until the new one has loaded.
   */
  openFile(file: File): Promise<void>;
  /**
   * Opens scenario text edited in the app (issue 12.6) as `openFile` opens a file: checked and
   * built in a worker of its own, problems listed, the run going on until it loads. The picker
   * lists it as `label` ("edited: hello-mesh"), and the recipe carries its text, so a share link
   * holds it. Optional: the compare view's panes have no editor.
   */
  openText?(text: string, fileName: string, label: string): Promise<void>;
  /** Gives up opening a scenario: its worker is stopped, the current run is untouched. */
  cancelOpen(): void;
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
  /** Makes a config change now (issue 12.2); it joins the recipe like a live fault. Problems as `change.field: message`. */
  applyChange(change: Record<string, unknown>): Promise<Problem[]>;
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
  /** The link to this run at this moment and speed (absolute URL), or null before a scenario loads. */
  shareLink(): string | null;
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
    mean: c[Counter.mean],
    proxyCpuMs: c[Counter.proxyCpuMs],
    proxyPasses: c[Counter.proxyPasses],
    proxies: c[Counter.proxies],
    failures: { ...frame.failures },
    rollouts: frame.rollouts,
    traceHash: frame.traceHash,
  };
}

export function createController(store: AppStore, bridge: SimBridge, frames: FrameChannel): Controller {
  /** Always the active worker's API (see SimBridge.api). */
  const { api } = bridge;
  /** Bumped whenever a new run starts or the run stops, so late answers of the old one are dropped. */
  let generation = 0;
  let lastSeq = 0;
  /** At most one `advance` is outstanding, so the worker never queues up stale work. */
  let pending = false;
  let lastStatsAt = Number.NEGATIVE_INFINITY;
  let lastFaultsAt = Number.NEGATIVE_INFINITY;
  /** Commands that talk to the worker run one after another. */
  let chain: Promise<unknown> = Promise.resolve();
  let disposed = false;
  /** True while `seek` runs the simulation forward. */
  let seeking = false;
  /** Bumped by each open and each cancel: an open whose number is no longer this one gave up. */
  let openSeq = 0;
  /** The worker a scenario is being opened in, until it is adopted or dropped. */
  let candidate: SimWorker | null = null;
  /** The scenario that ran before the current one, for "Back to" after a failure. */
  let previousId: string | null = null;
  /** The newest seek target not yet taken up, ms; null when none is waiting. */
  let seekWanted: number | null = null;
  /** The next seek must build the run again from zero (its live actions changed). */
  let seekRestart = false;
  /** The seek loop running now, which takes up every newer target. */
  let seekLoop: Promise<void> | null = null;
  /** The packed scenario of an inline recipe, by its text: packing a large one takes a while. */
  let packed: { text: string; data: string | null } | null = null;
  let unsubscribeUrl: (() => void) | null = null;

  const status = () => store.getState().status;
  const setStatus = (s: RunStatus) => store.setState((d) => void (d.status = s));

  function serial(work: () => Promise<void>): Promise<void> {
    const next = chain.then(work).catch(fail);
    chain = next;
    return next;
  }

  /** The answer, or WorkerHung when the worker has not answered in ANSWER_DEADLINE_MS. */
  function inTime<T>(answer: Promise<T>): Promise<T> {
    return withDeadline(answer, ANSWER_DEADLINE_MS);
  }

  /** Where a person can go from a run that stopped: the scenario before it, and the default. */
  function reloadChoices(currentId: string | null): ReloadChoice[] {
    const entries = store.getState().entries;
    const choices: ReloadChoice[] = [];
    const prev = entries.find((e) => e.id === previousId && e.id !== currentId);
    if (prev) choices.push({ id: prev.id, label: prev.label, verb: 'Back to' });
    const def = entries.find((e) => e.id === DEFAULT_SCENARIO_ID);
    if (def && def.id !== prev?.id) choices.push({ id: def.id, label: def.label, verb: def.id === currentId ? 'Reload' : 'Open' });
    return choices;
  }

  /**
   * The run cannot go on: the engine threw (a stalled clock, say), the worker did not answer
   * in time, or it died. Stops the clock, stops the worker, and says so against the scenario.
   * A WorkerStopped error is the echo of a worker this app stopped itself, and is dropped.
   */
  function fail(e: unknown, kind?: RunFailure['kind']): void {
    if (disposed || e instanceof WorkerStopped) return;
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
    generation++;
    pending = false;
    // A worker that does not answer may be spinning for ever: stop it. One that refused to go
    // on still answers reads (the inspector's), and is left as it is.
    if (hung) bridge.stopActive();
    store.setState((d) => {
      d.status = RunStatus.crashed;
      d.runFailure = failure;
      if (latest) d.stats = statsOf(latest);
    });
  }

  bridge.onCrash((message) => fail(new Error(`the simulation worker stopped: ${message}`), 'crashed'));

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
    if (frame.done) loop.stop();
  }

  /** Asks the worker for the fault list; a list from an older run is dropped. */
  function refreshFaults(): void {
    lastFaultsAt = performance.now();
    const gen = generation;
    api.faults().then(
      (list) => {
        if (gen !== generation || disposed) return;
        // A clear replayed by a seek is one the person made: listed as cleared once the run is past it.
        const now = frames.latest?.simTime ?? 0;
        const cleared = (store.getState().recipe?.actions ?? []).flatMap((a) => (a.kind === 'clear' && a.ms <= now ? [a.id] : []));
        store.setState((d) => {
          d.faults = list;
          d.clearedFaults = cleared;
        });
      },
      () => {},
    );
  }

  const loop = createFrameLoop({
    playing: () => status() === RunStatus.playing,
    busy: () => pending,
    disposed: () => disposed,
    factor: () => speedById(store.getState().speedId).factor,
    advance: tick,
  });

  /** One frame: asks the worker for `simMs` of simulated time (Infinity: max speed) within its budget. */
  function tick(simMs: number): void {
    const gen = generation;
    pending = true;
    inTime(api.advance(simMs, ADVANCE_BUDGET_MS)).then(
      (frame) => {
        if (gen !== generation) return;
        pending = false;
        accept(frame, gen);
      },
      (e: unknown) => {
        if (gen !== generation) return;
        pending = false;
        fail(e);
      },
    );
  }

  /** Shows time zero of the freshly built run. */
  async function firstFrame(): Promise<void> {
    const gen = generation;
    accept(await inTime(api.advance(0, ADVANCE_BUDGET_MS)), gen);
  }

  function beginRun(): void {
    loop.stop();
    generation++;
    pending = false;
    lastSeq = 0;
    frames.clear();
    store.setState((d) => {
      d.faults = [];
      d.clearedFaults = [];
    });
  }

  /** Gives up the scenario being opened, if any; the run is untouched. */
  function dropOpening(): void {
    openSeq++;
    candidate?.terminate();
    candidate = null;
  }

  /** Starts opening a scenario (replacing one being opened); returns its number. */
  function beginOpening(label: string, bytes: number): number {
    dropOpening();
    const seq = openSeq;
    store.setState((d) => {
      d.opening = { label, stage: 'reading', bytes, startedAt: performance.now() };
      d.loadProblems = null;
    });
    return seq;
  }

  function setStage(seq: number, stage: LoadStage): void {
    if (seq === openSeq) store.setState((d) => void (d.opening && (d.opening.stage = stage)));
  }

  /** The open numbered `seq` has ended with these problems; the current run goes on. */
  function refuse(seq: number, label: string, problems: Problem[]): void {
    if (seq !== openSeq) return;
    store.setState((d) => {
      d.opening = null;
      d.loadProblems = { source: label, problems };
      if (d.status === RunStatus.loading) d.status = RunStatus.ready;
    });
  }

  /**
   * Loads `entry` in a fresh worker, reporting its stages. Refused or cancelled, the worker is
   * dropped and the current run goes on; loaded, it becomes the active worker at time zero.
   */
  async function load(entry: ScenarioEntry, seq: number, seed: number | null = null): Promise<void> {
    const worker = bridge.spawn();
    candidate = worker;
    let result: LoadResult;
    try {
      result = await worker.api.load(entry.text, seed ?? undefined, entry.fileName, proxy((stage: LoadStage) => setStage(seq, stage)));
    } catch (e) {
      // The worker died opening it (out of memory, say), or was stopped by a cancel.
      result = { ok: false, problems: [{ path: '(file)', message: `could not be opened: ${e instanceof Error ? e.message : String(e)}` }] };
    }
    if (seq !== openSeq) return worker.terminate();
    candidate = null;
    // An edited scenario keeps the name the editor gave it ("edited: hello-mesh").
    const named = (title: string | undefined) => (entry.source === 'file' && title && !entry.id.startsWith('edited:') ? `${title} (${entry.fileName ?? entry.label})` : entry.label);
    if (!result.ok) {
      worker.terminate();
      return refuse(seq, named(result.title), result.problems);
    }
    const info = result.info;
    await serial(async () => {
      if (seq !== openSeq) return worker.terminate();
      const before = store.getState().selectedId;
      bridge.adopt(worker);
      if (before !== null && before !== entry.id) previousId = before;
      beginRun();
      const label = named(info.title);
      store.setState((d) => {
        d.info = info;
        d.selectedId = entry.id;
        d.opening = null;
        d.loadProblems = null;
        d.runFailure = null;
        d.error = null;
        d.stats = EMPTY_STATS;
        d.status = RunStatus.ready;
        d.recipe = { scenario: entry.source === 'builtin' ? { kind: 'builtin', id: entry.id } : { kind: 'inline', text: entry.text, fileName: entry.fileName }, seed, actions: [] };
        if (entry.source === 'file') d.entries = [...d.entries.filter((e) => e.id !== entry.id), { ...entry, label }];
      });
      await firstFrame();
    });
  }

  function openEntry(entry: ScenarioEntry, seed: number | null = null): Promise<void> {
    return load(entry, beginOpening(entry.label, entry.text.length), seed);
  }

  /** Keeps the recipe's live actions as the worker holds them (it renumbers clears on inserts). */
  async function syncActions(gen: number): Promise<void> {
    const actions = await api.liveActions();
    if (gen === generation && !disposed) store.setState((d) => void (d.recipe && (d.recipe.actions = actions)));
  }

  /** The query string for the run now: recipe, the latest frame's exact time, the speed. */
  function linkSearch(): string | null {
    const s = store.getState();
    if (!s.recipe) return null;
    const r: Recipe = s.recipe;
    let data: string | null | undefined;
    if (r.scenario.kind === 'inline') {
      if (packed?.text !== r.scenario.text) packed = { text: r.scenario.text, data: packScenario(r) };
      data = packed.data;
    }
    const latest = frames.latest;
    // The next event bounds how far the link's t may be rounded (recipe/url.ts formatT).
    return encodeLink({ recipe: r, tMs: latest?.simTime ?? s.stats.simTime, tBeforeMs: latest?.nextEventMs, speedId: s.speedId }, data);
  }

  const addressBar = createAddressBarWriter(linkSearch, () => disposed);
  /** Writes the run into the address bar, at most every URL_INTERVAL_MS (the last write always lands). */
  const writeUrl = () => addressBar.write();

  /** The seek loop: takes up the newest target until none is left (see `seek`). */
  async function runSeeks(): Promise<void> {
    const s0 = store.getState();
    if (!s0.info || s0.status === RunStatus.loading || s0.status === RunStatus.crashed) {
      seekWanted = null;
      return;
    }
    const resume = s0.status === RunStatus.playing;
    loop.stop();
    setStatus(RunStatus.paused);
    seeking = true;
    const gen = generation;
    try {
      while (seekWanted !== null) {
        const target = Math.max(0, Math.min(seekWanted, s0.info.durationMs));
        seekWanted = null;
        let fromStart = seekRestart || target < (frames.latest?.simTime ?? 0);
        seekRestart = false;
        store.setState((d) => void (d.seekingTo = target));
        for (;;) {
          const frame = await inTime(api.seekTo(target, SEEK_SLICE_MS, fromStart));
          if (gen !== generation) return;
          fromStart = false;
          if (frame.simTime < (frames.latest?.simTime ?? 0)) lastSeq = 0;
          accept(frame, gen);
          if (frame.done || frame.simTime >= target) break;
          // A newer target goes on from here when it is later, or from zero when it is earlier.
          if (seekWanted !== null) break;
        }
      }
    } finally {
      seeking = false;
      store.setState((d) => void (d.seekingTo = null));
    }
    refreshFaults();
    if (resume && status() === RunStatus.paused) startPlaying();
  }

  /** Asks for a seek; the running loop takes it up, or a new one starts. */
  function requestSeek(ms: number): Promise<void> {
    seekWanted = ms;
    // Known at once, so keys pressed in a row add up from the latest target (useShortcuts).
    const duration = store.getState().info?.durationMs ?? 0;
    store.setState((d) => void (d.seekingTo = Math.max(0, Math.min(ms, duration))));
    if (!seekLoop) {
      seekLoop = serial(runSeeks).finally(() => {
        seekLoop = null;
      });
    }
    return seekLoop;
  }

  /** Opens what a link asks for; problems with it go to `linkProblems`. */
  async function openLink(search: string): Promise<void> {
    const s = store.getState();
    const entries = s.entries;
    const builtin = entries.filter((e) => e.source === 'builtin');
    const link = decodeLink(search, { scenarioIds: builtin.map((e) => e.id), defaultId: DEFAULT_SCENARIO_ID, speedIds: SPEEDS.map((x) => x.id) });
    const problems = [...link.problems];
    if (link.speedId) store.setState((d) => void (d.speedId = link.speedId!));
    const fallback = entries.find((e) => e.id === DEFAULT_SCENARIO_ID) ?? entries[0];
    let entry = link.scenario?.kind === 'builtin' ? entries.find((e) => e.id === (link.scenario as { id: string }).id) : undefined;
    if (link.scenario?.kind === 'inline') {
      entry = { id: 'file:link', label: 'the scenario in the link', text: link.scenario.text, source: 'file' };
      await openEntry(entry, link.seed);
      if (store.getState().selectedId !== entry.id) {
        // Refused: its problems are the link's, at `data.<field>`.
        const refused = store.getState().loadProblems?.problems ?? [{ path: '(file)', message: 'could not be opened' }];
        problems.push(...refused.map((p) => ({ path: `data.${p.path}`, message: p.message })), { path: 'data', message: `the scenario in the link was refused; opened ${DEFAULT_SCENARIO_ID} instead` });
        store.setState((d) => void (d.loadProblems = null));
        entry = undefined;
      }
    }
    const asked = linkParams(search);
    // The link named a scenario that could not be opened: its seed, faults and moment were for that one.
    const fellBack = !entry && (asked.has('scenario') || asked.has('data'));
    if (!entry) {
      if (!fallback) {
        store.setState((d) => {
          d.status = RunStatus.ready;
          d.error = 'No scenarios were found in scenarios/.';
        });
        return;
      }
      if (fellBack && (link.seed !== null || link.actions.length > 0 || link.tMs > 0)) {
        problems.push({ path: 'scenario', message: `the link's seed, faults and time were for that scenario, so ${fallback.label} opens at 0 with none of them` });
        link.seed = null;
        link.actions = [];
        link.tMs = 0;
      }
      await openEntry(fallback, link.seed);
    } else if (link.scenario?.kind === 'builtin') await openEntry(entry, link.seed);
    const info = store.getState().info;
    if (info && link.actions.length > 0) {
      await serial(async () => {
        const gen = generation;
        problems.push(...(await inTime(api.setActions(link.actions))));
        await syncActions(gen);
      });
    }
    // Nodes the link placed by hand: only names the topology has (the drawing reads the recipe).
    const placed = Object.entries(link.layout);
    if (info && placed.length > 0 && !fellBack) {
      const names = new Set(info.topology.nodes.map((n) => n.name));
      for (const [name] of placed) if (!names.has(name)) problems.push({ path: `layout.${name.length > 60 ? `${name.slice(0, 60)}…` : name}`, message: 'unknown node; left out' });
      const layout = Object.fromEntries(placed.filter(([name]) => names.has(name)));
      store.setState((d) => void (d.recipe && (d.recipe.layout = layout)));
    }
    if (info && link.tMs > 0) {
      if (link.tMs > info.durationMs) problems.push({ path: 't', message: `is after the run ends (duration ${info.durationMs / 1000} s); opened at the end` });
      await requestSeek(Math.min(link.tMs, info.durationMs));
    }
    if (problems.length > 0) store.setState((d) => void (d.linkProblems = problems));
  }

  async function resetRun(): Promise<void> {
    if (!store.getState().info) return;
    loop.stop();
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
    loop.start();
  }

  return {
    async start(search = typeof location === 'undefined' ? '' : location.search + location.hash) {
      // A compare link (`?compare=a,b`) is the compare view's (src/ui/compare): it runs its own pair.
      if (linkParams(search).has('compare')) return;
      await openLink(search);
      // From now on the address bar follows the run: its recipe, moment and speed.
      let before = store.getState();
      unsubscribeUrl = store.subscribe((s) => {
        if (s.recipe !== before.recipe || s.speedId !== before.speedId || s.stats.simTime !== before.stats.simTime) writeUrl();
        before = s;
      });
      writeUrl();
    },
    selectScenario(id) {
      const entry = store.getState().entries.find((e) => e.id === id);
      return entry ? openEntry(entry) : Promise.resolve();
    },
    async openFile(file) {
      const seq = beginOpening(file.name, file.size);
      let text: string;
      try {
        // As Node reads it in the CLI: UTF-8, a byte-order mark kept (File.text() would drop it),
        // so a problem's byte offset is the same in both. Parsed only in the worker.
        text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.arrayBuffer());
      } catch (e) {
        return refuse(seq, file.name, [{ path: '(file)', message: `could not be read: ${e instanceof Error ? e.message : String(e)}` }]);
      }
      if (seq !== openSeq) return;
      await load({ id: `file:${file.name}`, label: file.name, text, fileName: file.name, source: 'file' }, seq);
    },
    async openText(text, fileName, label) {
      const seq = beginOpening(label, text.length);
      await load({ id: `edited:${label.replace(/^edited: /, '')}`, label, text, fileName, source: 'file' }, seq);
    },
    cancelOpen() {
      if (!store.getState().opening) return;
      dropOpening();
      store.setState((d) => {
        d.opening = null;
        if (d.status === RunStatus.loading) d.status = RunStatus.ready;
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
      loop.stop();
      setStatus(RunStatus.paused);
      // Show the exact counters of the last frame, not the throttled ones.
      const f = frames.latest;
      if (f) store.setState((d) => void (d.stats = statsOf(f)));
      // An advance cut short by its wall budget (at max speed, say) may stop between events at one
      // time: finish that instant, so the moment paused on is one a link to `t` reopens exactly.
      // An advance of 0 runs what is left at the worker's own time (an advance may still be on
      // its way, so the latest frame's time can be behind it); it never goes back.
      void serial(async () => {
        if (!frames.latest || frames.latest.done || status() !== RunStatus.paused) return;
        const gen = generation;
        accept(await inTime(api.advance(0, 10 * ADVANCE_BUDGET_MS)), gen);
      });
    },
    reset() {
      return serial(resetRun);
    },
    step() {
      return serial(async () => {
        const s = status();
        if (!store.getState().info || s === RunStatus.done || s === RunStatus.loading || s === RunStatus.crashed) return;
        if (s === RunStatus.playing) loop.stop();
        const gen = generation;
        setStatus(RunStatus.paused);
        accept(await inTime(api.stepEvent()), gen);
      });
    },
    setSpeed(id) {
      store.setState((d) => void (d.speedId = speedById(id).id));
    },
    async injectFault(fault) {
      if (!store.getState().info) return [];
      if (status() === RunStatus.crashed) return [{ path: 'fault', message: 'the run has stopped; open a scenario to inject faults into it' }];
      // Not halfway through a seek: the fault goes in at the time on screen.
      if (seekLoop) await seekLoop;
      const gen = generation;
      const result = await api.injectFault(fault);
      if (gen !== generation) return [];
      if (!result.ok) return result.problems;
      await syncActions(gen);
      refreshFaults();
      return [];
    },
    async applyChange(change) {
      if (!store.getState().info) return [];
      if (status() === RunStatus.crashed) return [{ path: 'change', message: 'the run has stopped; open a scenario to change it' }];
      if (seekLoop) await seekLoop;
      const gen = generation;
      const result = await api.applyChange(change);
      if (gen !== generation) return [];
      if (!result.ok) return result.problems;
      await syncActions(gen);
      // A frame at the same time, so a paused run shows the change made (its spread starts).
      if (status() !== RunStatus.playing) accept(await inTime(api.advance(0, 10)), gen);
      return [];
    },
    seek(ms) {
      return requestSeek(ms);
    },
    async clearFault(id) {
      if (seekLoop) await seekLoop;
      const gen = generation;
      await api.clearFault(id);
      if (gen !== generation) return;
      store.setState((d) => void d.clearedFaults.push(id));
      await syncActions(gen);
      refreshFaults();
    },
    async clearInjected() {
      const s = store.getState();
      if (!s.info || s.status === RunStatus.crashed || s.status === RunStatus.loading) return;
      const at = frames.latest?.simTime ?? 0;
      await serial(async () => {
        const gen = generation;
        await inTime(api.clearInjected());
        await syncActions(gen);
      });
      seekRestart = true;
      await requestSeek(at);
    },
    shareLink() {
      const search = linkSearch();
      return search === null ? null : `${location.origin}${location.pathname}${search}`;
    },
    dispose() {
      disposed = true;
      addressBar.cancel();
      unsubscribeUrl?.();
      loop.stop();
      dropOpening();
      bridge.terminate();
    },
  };
}
