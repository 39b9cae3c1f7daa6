// The compare view's engine room: two runs, each a SimHost in a worker of its own (a pane is a
// run recipe: scenario, seed, live actions), on one clock under one set of controls. Plain
// TypeScript, no React. Each pane gets an app store and a frame channel of its own, so the
// single view's TopologyView draws it unchanged inside the pane.
import type { Remote } from 'comlink';
import type { Frame, InjectResult, LiveAction, ScenarioInfo } from '../../workers/protocol';
import { Counter, runStopOf } from '../../workers/protocol';
import type { SimWorkerApi } from '../../workers/sim.worker';
import { WorkerStopped, type SimBridge, type SimWorker } from '../bridge/simBridge';
import { mergeBatch } from '../charts/seriesStore';
import { encodeLink, packScenario } from '../recipe/url';
import type { Recipe } from '../recipe/types';
import type { Problem } from '../state/store';
import type { ScenarioEntry } from '../scenarios/catalog';
import { ADVANCE_BUDGET_MS, ANSWER_DEADLINE_MS, SEEK_SLICE_MS, type Controller } from '../sim/controllerApi';
import { statsOf } from '../sim/frameStats';
import { SPEEDS, speedById } from '../sim/speeds';
import { createAddressBarWriter } from '../sim/addressBar';
import { withDeadline } from '../sim/watchdog';
import { createFrameLoop } from '../sim/frameLoop';
import { createFrameChannel } from '../state/frameChannel';
import { createAppStore, RunStatus, type AppStore } from '../state/store';
import type { AppServices } from '../state/useAppStore';
import { savedTheme } from '../theme/theme';
import { createCompareStore, type CompareFault, type CompareStore } from './compareStore';
import { firstDivergence, type Divergence } from './divergence';
import { DATA_SIDE, decodeCompareLink, encodeCompareLink } from './link';
import { branchLabels } from '../changes/summary';
import { bindInspector, closeInspector, followRequests, inspectorStore, openInspector, type InspectTarget } from '../inspector/inspectorStore';

/** How often the figures, series and fault lists are asked of both workers while playing, wall ms. */
export const FIGURES_INTERVAL_MS = 500;
/** How often counters reach a pane's store while playing (its canvas gets every frame). */
const STATS_INTERVAL_MS = 100;

/** One side of the pair. */
export interface ComparePane {
  side: 'A' | 'B';
  /** The scenario's file name. */
  id: string;
  info: ScenarioInfo;
  /** What a pane's components read: its own store and frames; its controller acts on both panes. */
  services: AppServices;
  api: Remote<SimWorkerApi>;
}

export interface CompareController {
  readonly store: CompareStore;
  /** Both panes once loaded (A then B), else empty. */
  readonly panes: readonly ComparePane[];
  /** Opens the pair a link asks for (`search`: `location.search + location.hash`). */
  start(search: string): Promise<void>;
  /**
   * Opens two runs from their recipes (A's seed for both unless B's names one) and runs both to
   * `tMs`; problems go to `linkProblems`. Once only, in place of `start` ("branch" will use it).
   */
  openRecipes(a: Recipe, b: Recipe, tMs?: number): Promise<void>;
  play(): void;
  /** Stops both at one time: the one behind runs up to the other. */
  pause(): Promise<void>;
  /** One event in each run, then the one behind runs up to the other's time. */
  step(): Promise<void>;
  /** Runs both to `ms` (back means from zero, replaying each pane's live actions); seeks coalesce. */
  seek(ms: number): Promise<void>;
  setSpeed(id: string): void;
  /**
   * Injects `fault` into both runs at one moment (the one behind catches up first). A pane
   * whose topology lacks a node the fault names is said so in the fault's notes.
   */
  injectFault(fault: Record<string, unknown>): Promise<void>;
  /** The link to this pair at this moment and speed (absolute), or null before it loads. */
  shareLink(): string | null;
  /** The single view of A (or `side`) at this moment, with its live faults. */
  singleViewLink(side?: 'A' | 'B'): string | null;
  /**
   * Points the inspector (and its clicks on nodes, links and dots) at one pane's run. Moving to
   * the other pane while it is open drops what it showed (the other run's node, link or request)
   * and shows `target` there (the node or link pressed), or that run's list of requests.
   */
  inspect(side: 'A' | 'B', target?: InspectTarget | null): void;
  /** Presenter mode in both panes (key `f`): the picture's text at 14 px or more, the chrome thinner. */
  setPresenter(on: boolean): void;
  /** Why Share gives no link, in words, or null when it can give one. */
  shareRefusal(): string | null;
  dispose(): void;
}

interface PaneRun extends ComparePane {
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

const timeOf = (p: PaneRun) => p.latest?.simTime ?? 0;
const doneOf = (p: PaneRun) => p.latest?.done ?? false;

/** Names a fault acts on (services, gateways, meshes, the ends of a link or a partition). Pure. */
export function faultNames(fault: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of ['service', 'gateway', 'from', 'to']) if (typeof fault[k] === 'string') out.push(fault[k] as string);
  if (Array.isArray(fault.between)) for (const side of fault.between) if (Array.isArray(side)) for (const n of side) if (typeof n === 'string' && n) out.push(n);
  return out;
}

/** "kill-replica on payments", "latency on frontend → catalog". Pure. */
export function faultLabel(fault: Record<string, unknown>): string {
  const type = String(fault.type ?? 'fault');
  if (typeof fault.from === 'string') return `${type} on ${fault.from} → ${String(fault.to)}`;
  const target = fault.service ?? fault.gateway ?? fault.mesh;
  if (typeof target === 'string') return `${type} on ${target}`;
  if (Array.isArray(fault.between)) return `${type} between ${(fault.between as unknown[][]).map((s) => s.join(', ')).join(' and ')}`;
  return `${type} on the network`;
}

/**
 * The faults injected by hand in A's and B's live actions, each listed once: A's in order, with
 * whether B has the same fault at the same time, then B's that A lacks. Pure.
 */
export function listInjected(a: readonly LiveAction[], b: readonly LiveAction[]): CompareFault[] {
  type Inject = Extract<LiveAction, { kind: 'inject' }>;
  const injected = (l: readonly LiveAction[]) => l.filter((x): x is Inject => x.kind === 'inject');
  const same = (x: Inject, y: Inject) => x.ms === y.ms && JSON.stringify(x.fault) === JSON.stringify(y.fault);
  const la = injected(a);
  const lb = injected(b);
  const out: CompareFault[] = la.map((x) => ({ n: 0, label: faultLabel(x.fault), atMs: x.ms, hit: [true, lb.some((y) => same(x, y))], notes: [] }));
  for (const y of lb) if (!la.some((x) => same(x, y))) out.push({ n: 0, label: faultLabel(y.fault), atMs: y.ms, hit: [false, true], notes: [] });
  out.sort((x, y) => x.atMs - y.atMs);
  out.forEach((f, i) => (f.n = i + 1));
  return out;
}

/**
 * What a pane is called: a shipped scenario by its file name; an opened one by the scenario's own
 * `name` (a file has one, a packed link's scenario too), else its file's name. Pure.
 */
export function paneId(ref: Recipe['scenario'], info: Pick<ScenarioInfo, 'name'>): string {
  if (ref.kind === 'builtin') return ref.id;
  return info.name.trim() || ref.fileName || 'the opened scenario';
}

export function createCompareController(bridge: SimBridge, entries: readonly ScenarioEntry[]): CompareController {
  const store = createCompareStore();
  let panes: PaneRun[] = [];
  let generation = 0;
  /** The tick's answers still on their way: commands wait for them. */
  let inflight: Promise<void> | null = null;
  /** At max speed: how far ahead of the pane behind the next goal is, simulated ms. */
  let chunk = 10;
  let chain: Promise<unknown> = Promise.resolve();
  let lastFiguresAt = Number.NEGATIVE_INFINITY;
  let lastClockAt = Number.NEGATIVE_INFINITY;
  let seekWanted: number | null = null;
  let seekLoop: Promise<void> | null = null;
  let disposed = false;
  /** The earliest divergence found for this pair: deterministic, so kept across seeks back. */
  let known: Divergence | null = null;

  const status = () => store.getState().status;
  const setStatus = (s: ReturnType<typeof status>) => store.setState((d) => void (d.status = s));
  const inTime = <T>(p: Promise<T>) => withDeadline(p, ANSWER_DEADLINE_MS);
  const shared = () => Math.min(...panes.map((p) => (doneOf(p) ? Number.POSITIVE_INFINITY : timeOf(p))));
  const clock = () => {
    const t = shared();
    return Number.isFinite(t) ? t : Math.max(...panes.map(timeOf));
  };
  const nameOf = (p: PaneRun) => `${p.side} (${p.id})`;
  /** How the divergence text names the runs: by scenario, or in a branch by side and label ("B · with timeout 5ms on payments at 15.0 s"). */
  const sideNames = (labels: [string, string] | null): [string, string] => (labels ? [`A · ${labels[0]}`, `B · ${labels[1]}`] : [panes[0].id, panes[1].id]);
  /** Recomputes the branch labels from both panes' live actions (they change with injections). */
  function relabel(): void {
    const same = panes[0].inline === panes[1].inline && (panes[0].inline ? panes[0].text === panes[1].text : panes[0].id === panes[1].id);
    const labels = branchLabels(same, panes[0].actions, panes[1].actions);
    if (JSON.stringify(labels) !== JSON.stringify(store.getState().labels)) {
      store.setState((d) => {
        d.labels = labels;
        // The first difference's text names the runs as they are called now.
        known = null;
        d.divergence = null;
      });
    }
  }

  function serial(work: () => Promise<void>): Promise<void> {
    const next = chain.then(async () => {
      if (inflight) await inflight;
      await work();
    }).catch(fail);
    chain = next;
    return next;
  }

  function fail(e: unknown): void {
    if (disposed || e instanceof WorkerStopped) return;
    loop.stop();
    generation++;
    const stop = runStopOf(e);
    const message = stop ? `${stop.problem.path}: ${stop.problem.message} (at ${(stop.atMs / 1000).toFixed(3)} s)` : e instanceof Error ? e.message : String(e);
    store.setState((d) => {
      d.status = 'failed';
      d.error = `The runs stopped: ${message}`;
    });
  }

  function accept(p: PaneRun, frame: Frame, force = false): void {
    if (frame.seq <= p.lastSeq) return;
    p.lastSeq = frame.seq;
    p.latest = frame;
    p.services.frames.publish(frame);
    const now = performance.now();
    if (force || frame.done || status() !== 'playing' || now - p.lastStatsAt >= STATS_INTERVAL_MS) {
      p.lastStatsAt = now;
      p.appStore.setState((d) => {
        d.stats = statsOf(frame);
        d.status = frame.done ? RunStatus.done : status() === 'playing' ? RunStatus.playing : RunStatus.paused;
      });
    }
  }

  /** The clock, the figures, the series and the faults of both panes, asked at one moment. */
  async function refreshFigures(gen: number): Promise<void> {
    lastFiguresAt = performance.now();
    const st = store.getState();
    const answers = await Promise.all(
      panes.map(async (p, i) => {
        const s = st.series[i];
        const [summary, batch, faults] = await Promise.all([inTime(p.api.summary()), inTime(p.api.seriesSince(s.epoch, s.buckets.length)), inTime(p.api.faults())]);
        return { summary, batch, faults };
      }),
    );
    if (gen !== generation || disposed) return;
    answers.forEach((a, i) => panes[i].appStore.setState((d) => void (d.faults = a.faults)));
    store.setState((d) => {
      d.series = [mergeBatch(d.series[0], answers[0].batch), mergeBatch(d.series[1], answers[1].batch)];
      const fig = (i: number) => {
        const f = panes[i].latest;
        return { summary: answers[i].summary, proxyCpuMs: f?.counters[Counter.proxyCpuMs] ?? 0, proxyPasses: f?.counters[Counter.proxyPasses] ?? 0, proxies: f?.counters[Counter.proxies] ?? 0 };
      };
      d.figures = [fig(0), fig(1)];
      d.figuresAt = clock();
      const found = firstDivergence(d.series[0].buckets, d.series[1].buckets, d.series[0].bucketMs, sideNames(d.labels));
      if (found && (!known || found.ms < known.ms)) known = found;
      d.divergence = known;
    });
  }

  /**
   * Puts the shared clock in the store. While playing at most every STATS_INTERVAL_MS: each change
   * redraws the header, the timeline and both charts (the panes' canvases follow every frame).
   */
  function clockToStore(throttled = false): void {
    const now = performance.now();
    if (throttled && now - lastClockAt < STATS_INTERVAL_MS) return;
    lastClockAt = now;
    const t = clock();
    const a = timeOf(panes[0]);
    const b = timeOf(panes[1]);
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
    busy: () => inflight !== null,
    disposed: () => disposed,
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
    const gen = generation;
    inflight = (async () => {
      try {
        const frames = await Promise.all(panes.map((p) => (!doneOf(p) && timeOf(p) < goal ? inTime(p.api.seekTo(goal, ADVANCE_BUDGET_MS, false)) : Promise.resolve(null))));
        if (gen !== generation) return;
        frames.forEach((f, i) => f && accept(panes[i], f));
        const after = shared();
        if (fast) chunk = after >= goal ? Math.min(chunk * 2, 60_000) : Math.max(1, after - from);
        clockToStore(Number.isFinite(after));
        if (performance.now() - lastFiguresAt >= FIGURES_INTERVAL_MS || !Number.isFinite(after)) await refreshFigures(gen);
        if (!Number.isFinite(after)) finish();
      } catch (e) {
        if (gen === generation) fail(e);
      } finally {
        inflight = null;
      }
    })();
  }

  function finish(): void {
    loop.stop();
    setStatus('done');
    for (const p of panes) p.appStore.setState((d) => void (d.status = RunStatus.done));
  }

  /** Brings both panes to one time: the later of the two (each to its end at most), finishing that instant. */
  async function sync(gen: number): Promise<void> {
    const target = Math.max(...panes.map(timeOf));
    await Promise.all(
      panes.map(async (p) => {
        while (!doneOf(p) && timeOf(p) < target) {
          const f = await inTime(p.api.seekTo(target, SEEK_SLICE_MS, false));
          if (gen !== generation) return;
          accept(p, f, true);
        }
        if (!doneOf(p)) {
          const f = await inTime(p.api.advance(0, 10 * ADVANCE_BUDGET_MS));
          if (gen === generation) accept(p, f, true);
        }
      }),
    );
  }

  /** Stops the loop, lets the tick on its way land, brings both to one time and shows its figures. */
  async function settle(): Promise<void> {
    loop.stop();
    if (inflight) await inflight;
    const gen = generation;
    await sync(gen);
    if (gen !== generation) return;
    clockToStore();
    await refreshFigures(gen);
    for (const p of panes) p.appStore.setState((d) => void (d.status = doneOf(p) ? RunStatus.done : RunStatus.paused));
  }

  function startPlaying(): void {
    const s = status();
    if (panes.length < 2 || (s !== 'ready' && s !== 'paused')) return;
    setStatus('playing');
    for (const p of panes) p.appStore.setState((d) => void (d.status = RunStatus.playing));
    chunk = 10;
    loop.start();
  }

  async function runSeeks(): Promise<void> {
    const s0 = status();
    if (panes.length < 2 || s0 === 'loading' || s0 === 'failed') return void (seekWanted = null);
    const resume = s0 === 'playing';
    loop.stop();
    setStatus('paused');
    const gen = generation;
    try {
      while (seekWanted !== null) {
        const target = Math.max(0, Math.min(seekWanted, store.getState().durationMs));
        seekWanted = null;
        store.setState((d) => void (d.seekingTo = target));
        await Promise.all(
          panes.map(async (p) => {
            let fromStart = target < timeOf(p);
            for (;;) {
              const f = await inTime(p.api.seekTo(target, SEEK_SLICE_MS, fromStart));
              if (gen !== generation) return;
              if (fromStart) p.lastSeq = 0;
              fromStart = false;
              accept(p, f, true);
              if (f.done || f.simTime >= target || seekWanted !== null) break;
            }
          }),
        );
        if (gen !== generation) return;
        clockToStore();
      }
      await refreshFigures(gen);
    } finally {
      store.setState((d) => void (d.seekingTo = null));
    }
    const all = panes.every(doneOf);
    if (all) setStatus('done');
    else if (resume) startPlaying();
  }

  function requestSeek(ms: number): Promise<void> {
    seekWanted = ms;
    store.setState((d) => void (d.seekingTo = Math.max(0, Math.min(ms, d.durationMs))));
    if (!seekLoop) {
      seekLoop = serial(runSeeks).finally(() => {
        seekLoop = null;
        // A target asked for while the loop was past its last check (asking for the figures) is
        // taken up now rather than dropped.
        if (seekWanted !== null) void requestSeek(seekWanted);
      });
    }
    return seekLoop;
  }

  /** A pane's controller: what a component inside a pane asks for acts on both panes. */
  function paneController(): Controller {
    const none = () => Promise.resolve();
    return {
      start: none,
      selectScenario: none,
      openFile: none,
      cancelOpen: () => {},
      play: () => api.play(),
      pause: () => void api.pause(),
      reset: () => api.seek(0),
      step: () => api.step(),
      setSpeed: (id) => api.setSpeed(id),
      injectFault: async (f) => (await api.injectFault(f), []),
      applyChange: async () => [{ path: 'change', message: 'the compare view takes no changes of its own: make one in the single view, or branch from there' }],
      clearFault: none,
      clearInjected: none,
      seek: (ms) => api.seek(ms),
      shareLink: () => api.shareLink(),
      dispose: () => {},
    };
  }

  async function open(side: 'A' | 'B', recipe: Recipe): Promise<PaneRun | string> {
    const ref = recipe.scenario;
    // Until it loads, an opened scenario goes by its file's name (a link's packed one has none).
    const before = ref.kind === 'builtin' ? ref.id : (ref.fileName ?? 'the opened scenario');
    const entry = ref.kind === 'builtin' ? entries.find((e) => e.id === ref.id) : { id: `file:${before}`, label: before, text: ref.text, fileName: ref.fileName, source: 'file' as const };
    if (!entry) return `${side}: unknown scenario ${before}`;
    const worker = bridge.spawn();
    const r = await worker.api.load(entry.text, recipe.seed ?? undefined, entry.fileName);
    if (!r.ok) {
      worker.terminate();
      return `${side} (${before}): ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
    }
    const id = paneId(ref, r.info);
    const appStore = createAppStore([entry], savedTheme());
    appStore.setState((d) => {
      d.info = r.info;
      d.selectedId = entry.id;
      d.status = RunStatus.ready;
      d.recipe = { scenario: ref, seed: recipe.seed, actions: [] };
    });
    const frames = createFrameChannel();
    const pane: PaneRun = { side, id, info: r.info, worker, api: worker.api, appStore, latest: null, lastSeq: 0, lastStatsAt: 0, actions: [], inline: ref.kind === 'inline', text: ref.kind === 'inline' ? ref.text : '', services: { store: appStore, frames, controller: paneController() } };
    return pane;
  }

  /**
   * Opens two runs, each a recipe (scenario, seed, live actions), and runs both to `tMs`. B runs
   * with A's seed unless its recipe names one. What a compare link asks for, and what "branch"
   * (issue 12, item 3) asks for: the run on screen, and the same recipe with one more action.
   * `problems` are the link's so far; those of the actions are added at `faults` and `faultsB`.
   */
  async function openRecipes(ra: Recipe, rb: Recipe, tMs: number, problems: Problem[]): Promise<void> {
    const a = await open('A', ra);
    if (disposed) return;
    const b = await open('B', { ...rb, seed: rb.seed ?? (typeof a === 'string' ? null : a.info.seed) });
    if (disposed || typeof a === 'string' || typeof b === 'string') {
      for (const p of [a, b]) if (typeof p !== 'string') p.worker.terminate();
      store.setState((d) => {
        d.status = 'failed';
        d.error = [a, b].filter((x): x is string => typeof x === 'string').join('\n');
      });
      return;
    }
    panes = [a, b];
    // The inspector is one panel; it starts on A's run (see `inspect`).
    bindInspector(a.api);
    const gen = ++generation;
    const actions = [ra.actions, rb.actions];
    await Promise.all(
      panes.map(async (p, i) => {
        if (actions[i].length > 0) problems.push(...(await inTime(p.api.setActions(actions[i]))).map((x) => ({ path: i === 0 ? x.path : x.path.replace(/^faults/, 'faultsB'), message: x.message })));
        accept(p, await inTime(p.api.advance(0, ADVANCE_BUDGET_MS)), true);
      }),
    );
    await syncActions(gen);
    store.setState((d) => {
      d.pair = [a.id, b.id];
      d.titles = [a.info.title, b.info.title];
      d.seed = ra.seed;
      d.durationMs = Math.max(a.info.durationMs, b.info.durationMs);
      d.linkProblems = problems;
      d.status = 'ready';
      d.faults = listInjected(panes[0].actions, panes[1].actions);
    });
    await refreshFigures(gen);
    if (tMs > 0) {
      if (tMs > store.getState().durationMs) store.setState((d) => void d.linkProblems.push({ path: 't', message: `is after both runs end (${d.durationMs / 1000} s); opened at the end` }));
      await requestSeek(tMs);
    }
  }

  /** The packed scenario of an opened file, by its text: packing a large one takes a while. */
  let packed: { text: string; data: string | null } | null = null;
  /** The one scenario both inline panes run, packed, or why a link cannot carry it. */
  function packedData(): { ok: true; data?: string } | { ok: false; reason: string } {
    const texts = [...new Set(panes.filter((p) => p.inline).map((p) => p.text))];
    if (texts.length === 0) return { ok: true };
    if (texts.length > 1) return { ok: false, reason: 'A link carries one opened file, and A and B run two different ones; share each from the single view' };
    if (!packed || packed.text !== texts[0]) packed = { text: texts[0], data: packScenario({ scenario: { kind: 'inline', text: texts[0] }, seed: null, actions: [] }) };
    return packed.data === null ? { ok: false, reason: 'The opened file packs to more than 256 KB, the most a link may carry' } : { ok: true, data: packed.data };
  }

  function linkSearch(): string | null {
    const s = store.getState();
    if (panes.length < 2 || !s.pair) return null;
    const data = packedData();
    if (!data.ok) return null;
    const idOfPane = (p: PaneRun) => (p.inline ? DATA_SIDE : p.id);
    return encodeCompareLink({ a: { id: idOfPane(panes[0]), actions: panes[0].actions }, b: { id: idOfPane(panes[1]), actions: panes[1].actions }, seed: s.seed, tMs: clock(), speedId: s.speedId, data: data.data });
  }

  const addressBar = createAddressBarWriter(linkSearch, () => disposed);
  /** Writes the run into the address bar, at most every URL_INTERVAL_MS (the last write always lands). */
  const writeUrl = () => addressBar.write();

  /** From now on the address bar follows the pair: its moment, speed and faults. */
  function followUrl(): void {
    if (disposed || panes.length < 2) return;
    let before = store.getState();
    store.subscribe((s) => {
      if (s.simTime !== before.simTime || s.speedId !== before.speedId || s.faults !== before.faults || s.status !== before.status) writeUrl();
      before = s;
    });
    writeUrl();
  }

  async function syncActions(gen: number): Promise<void> {
    const lists = await Promise.all(panes.map((p) => inTime(p.api.liveActions())));
    if (gen !== generation) return;
    lists.forEach((l, i) => {
      panes[i].actions = l;
      panes[i].appStore.setState((d) => void (d.recipe && (d.recipe.actions = l)));
    });
    relabel();
  }

  const api: CompareController = {
    store,
    get panes() {
      return panes;
    },
    openRecipes: (a, b, tMs = 0) => openRecipes(a, b, tMs, []).then(followUrl),
    async start(search) {
      const builtin = entries.filter((e) => e.source === 'builtin');
      const link = decodeCompareLink(search, { scenarioIds: builtin.map((e) => e.id), defaultId: builtin[0]?.id ?? '', speedIds: SPEEDS.map((s) => s.id) });
      store.setState((d) => {
        d.linkProblems = link.problems;
        if (link.speedId) d.speedId = link.speedId;
        d.pair = link.pair;
        d.knownSide = link.knownSide;
      });
      if (!link.pair || !link.scenarios) return setStatus('ready');
      const [ra, rb] = link.scenarios;
      await openRecipes({ scenario: ra, seed: link.seed, actions: link.actionsA }, { scenario: rb, seed: link.seed, actions: link.actionsB }, link.tMs, [...link.problems]);
      followUrl();
    },
    play() {
      if (status() === 'done') {
        void requestSeek(0).then(startPlaying);
        return;
      }
      startPlaying();
    },
    pause() {
      if (status() !== 'playing') return Promise.resolve();
      loop.stop();
      setStatus('paused');
      return serial(settle);
    },
    step() {
      return serial(async () => {
        const s = status();
        if (panes.length < 2 || s === 'done' || s === 'loading' || s === 'failed') return;
        loop.stop();
        setStatus('paused');
        const gen = generation;
        await Promise.all(panes.map(async (p) => !doneOf(p) && accept(p, await inTime(p.api.stepEvent()), true)));
        if (gen !== generation) return;
        await sync(gen);
        clockToStore();
        await refreshFigures(gen);
        if (panes.every(doneOf)) setStatus('done');
      });
    },
    seek: requestSeek,
    setSpeed(id) {
      store.setState((d) => void (d.speedId = speedById(id).id));
    },
    async injectFault(fault) {
      const s = status();
      if (panes.length < 2 || s === 'loading' || s === 'failed') return;
      if (seekLoop) await seekLoop;
      const resume = status() === 'playing';
      await serial(async () => {
        await settle();
        const gen = generation;
        const at = clock();
        const notes: string[] = [];
        const hit: [boolean, boolean] = [false, false];
        await Promise.all(
          panes.map(async (p, i) => {
            const names = new Set(p.info.topology.nodes.map((n) => n.name));
            const missing = faultNames(fault).filter((n) => !names.has(n));
            if (missing.length > 0) return void notes.push(`${nameOf(p)} has no node named ${missing.join(', ')}: not injected there`);
            if (doneOf(p)) return void notes.push(`${nameOf(p)} has ended: not injected there`);
            const r: InjectResult = await inTime<InjectResult>(p.api.injectFault(fault));
            if (r.ok) hit[i] = true;
            else notes.push(...r.problems.map((x) => `${nameOf(p)}: ${x.path}: ${x.message}`));
          }),
        );
        if (gen !== generation) return;
        await syncActions(gen);
        await refreshFigures(gen);
        store.setState((d) => {
          if (hit[0] || hit[1]) d.faults.push({ n: d.faults.length + 1, label: faultLabel(fault), atMs: at, hit, notes });
          d.injectProblems = hit[0] || hit[1] ? [] : notes;
        });
      });
      if (resume) startPlaying();
    },
    shareLink() {
      const search = linkSearch();
      return search === null ? null : `${location.origin}${location.pathname}${search}`;
    },
    shareRefusal() {
      if (panes.length < 2) return 'Nothing to share before both runs have opened';
      const data = packedData();
      return data.ok ? null : data.reason;
    },
    inspect(side, target) {
      const p = panes[side === 'A' ? 0 : 1];
      if (!p) return;
      bindInspector(p.api);
      if (store.getState().inspecting === side) return;
      const wasOpen = inspectorStore.getState().open;
      store.setState((d) => void (d.inspecting = side));
      if (wasOpen) {
        closeInspector();
        inspectorStore.setState({ target: null, node: null, edge: null, trace: null, dot: null, requests: [] });
        void followRequests();
        if (target) void openInspector(target);
      }
    },
    setPresenter(on) {
      store.setState((d) => void (d.presenter = on));
      for (const p of panes) p.appStore.setState((d) => void (d.presenter = on));
    },
    singleViewLink(side = 'A') {
      const p = panes[side === 'A' ? 0 : 1];
      if (!p) return null;
      const s = store.getState();
      const scenario: Recipe['scenario'] = p.inline ? { kind: 'inline', text: p.text } : { kind: 'builtin', id: p.id };
      return `${location.pathname}${encodeLink({ recipe: { scenario, seed: s.seed, actions: p.actions }, tMs: clock(), speedId: s.speedId }, p.inline ? packedData().ok ? (packed?.data ?? null) : null : undefined)}`;
    },
    dispose() {
      disposed = true;
      generation++;
      loop.stop();
      addressBar.cancel();
      for (const p of panes) p.worker.terminate();
    },
  };

  return api;
}
