// Opening the compare view's pair: each pane a recipe (scenario, seed, live actions) loaded in a
// worker of its own, with a store and a frame channel of its own so the single view's
// TopologyView draws it unchanged; then both are run to the moment asked for. Plain
// TypeScript, no React.
import { proxy } from 'comlink';
import type { LoadStage, ScenarioInfo } from '../../workers/protocol';
import type { SimBridge, SimWorker } from '../bridge/simBridge';
import { openStageText } from '../components/openStages';
import { bindInspector } from '../inspector/inspectorStore';
import type { Recipe } from '../recipe/types';
import { scenarioNameIn, type ScenarioEntry } from '../scenarios/catalog';
import { ADVANCE_BUDGET_MS, inTime, type Controller } from '../sim/controllerApi';
import { pastTheEnd } from '../sim/runLink';
import { createFrameChannel } from '../state/frameChannel';
import { createAppStore, RunStatus, type Problem } from '../state/store';
import { savedTheme } from '../theme/theme';
import type { CompareController } from './compareController';
import { listInjected } from './injectedFaults';
import type { PaneCols } from './link';
import { refreshFigures, syncActions } from './pairFigures';
import type { PairCore, PaneRun } from './pairRun';
import type { PairSeeks } from './pairSeek';
import { pairWindowProblem } from './pairWindow';

/**
 * What a pane is called: a shipped scenario by its file name; an opened one by the scenario's own
 * `name` (a file has one, a packed link's scenario too), else its file's name. Pure.
 */
export function paneId(ref: Recipe['scenario'], info: Pick<ScenarioInfo, 'name'>): string {
  if (ref.kind === 'builtin') return ref.id;
  return info.name.trim() || sideName(ref);
}

/**
 * What a side is called before its run has loaded: a shipped scenario by its file name; an opened
 * one (a file's, a link's packed one) by the `name` its text gives, else its file's name (a link's
 * has none), and only with neither "the opened scenario". It read "the opened scenario" (and the
 * header "@data: two runs") while a link's packed scenario opened, though the text names it. Pure.
 */
export function sideName(ref: Recipe['scenario']): string {
  if (ref.kind === 'builtin') return ref.id;
  return scenarioNameIn(ref.text) ?? ref.fileName ?? 'the opened scenario';
}

/** A pane's controller: what a component inside a pane asks for acts on both panes through `pair`. */
function paneController(pair: CompareController): Controller {
  const none = () => Promise.resolve();
  return {
    start: none,
    selectScenario: none,
    openFile: none,
    cancelOpen: () => {},
    play: () => pair.play(),
    pause: () => void pair.pause(),
    reset: () => pair.seek(0),
    step: () => pair.step(),
    setSpeed: (id) => pair.setSpeed(id),
    injectFault: async (f) => (await pair.injectFault(f), []),
    // The compare view's form (CompareFaults) lists its own problems, then each run's when injected.
    checkFault: async () => [],
    applyChange: async () => ({ problems: [{ path: 'change', message: 'the compare view takes no changes of its own: make one in the single view, or branch from there' }], notes: [] }),
    clearFault: none,
    clearInjected: none,
    seek: (ms) => pair.seek(ms),
    seekDone: () => pair.seekDone(),
    shareLink: () => pair.shareLink(),
    dispose: () => {},
  };
}

/** What opening the pair needs beside its core: workers, the catalog, the seeks, and the controller the panes act through. */
export interface PairOpeningDeps {
  bridge: SimBridge;
  entries: readonly ScenarioEntry[];
  seeks: PairSeeks;
  pair: CompareController;
  gate: OpeningGate;
}

/**
 * The pair's opening as Cancel sees it: the workers spawned so far (A's, then B's), both sides'
 * scenarios, and, once cancelled, what the view says. Mutated by openRecipes and cancelOpening.
 */
export interface OpeningGate {
  workers: SimWorker[];
  scenarios: [Recipe['scenario'], Recipe['scenario']] | null;
  cancelled: string | null;
}

export function createOpeningGate(): OpeningGate {
  return { workers: [], scenarios: null, cancelled: null };
}

/**
 * Cancels the pair's opening, if a pane is being opened: stops both workers, and the view says
 * which pane was opening, at which stage and for how long (at t = 0: its clock had not moved),
 * with the other side to open alone when it is a shipped scenario (the header's Single view).
 * The single view's Cancel, for the compare view: without it a pane stalled at t = 0 held the
 * view for up to the worker's 60 s start budget (SimHost START_BUDGET_MS). Mutates the store.
 */
export function cancelOpening(core: PairCore, gate: OpeningGate): void {
  const o = core.store.getState().opening;
  if (!o || gate.cancelled !== null) return;
  const seconds = (performance.now() - o.startedAt) / 1000;
  const other = gate.scenarios?.[o.side === 'A' ? 1 : 0];
  const otherName = other ? sideName(other) : '';
  gate.cancelled = `Cancelled: ${o.side} (${o.label}) was still ${openStageText(o.stage)} after ${seconds.toFixed(1)} s${o.stage === 'starting' ? ': its events at t = 0 had not let the clock move' : ''}. Neither run is open${other?.kind === 'builtin' ? `; Single view opens ${o.side === 'A' ? 'B' : 'A'} (${otherName}) alone` : ''}, or pick a pair below.`;
  for (const w of gate.workers) w.terminate();
  core.store.setState((d) => {
    d.opening = null;
    d.status = 'failed';
    d.error = gate.cancelled;
    if (other?.kind === 'builtin') d.knownSide = other.id;
  });
}

/** Opens one side's recipe in a fresh worker, its stage in the store: its run, or why it could not open (`A (name): path: message; …`). */
async function openPane(core: PairCore, deps: PairOpeningDeps, side: 'A' | 'B', recipe: Recipe, cols: number | null): Promise<PaneRun | string> {
  const ref = recipe.scenario;
  // Until it loads, an opened scenario goes by the name its text gives (sideName).
  const before = sideName(ref);
  const entry = ref.kind === 'builtin' ? deps.entries.find((e) => e.id === ref.id) : { id: `file:${before}`, label: before, text: ref.text, fileName: ref.fileName, source: 'file' as const };
  if (!entry) return `${side}: unknown scenario ${before}`;
  core.store.setState((d) => void (d.opening = { side, label: before, stage: 'reading', startedAt: performance.now(), bytes: entry.text.length }));
  const worker = deps.bridge.spawn();
  deps.gate.workers.push(worker);
  const onStage = proxy((stage: LoadStage) => core.store.setState((d) => void (d.opening?.side === side && (d.opening.stage = stage))));
  let r: Awaited<ReturnType<typeof worker.api.load>>;
  try {
    r = await worker.api.load(entry.text, recipe.seed ?? undefined, entry.fileName, onStage);
  } catch (e) {
    // Stopped by Cancel (cancelOpening says why), or the worker died opening it.
    worker.terminate();
    return deps.gate.cancelled ?? `${side} (${before}): could not be opened: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!r.ok) {
    worker.terminate();
    // Each item by its name (`services.payments.replicas`), as the single view's link names it.
    const problems = r.problems.some((p) => !p.path.startsWith('(')) ? (await import('../editor/lines')).namedProblems(entry.text, r.problems) : r.problems;
    return `${side} (${before}): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
  }
  const id = paneId(ref, r.info);
  const appStore = createAppStore([entry], savedTheme());
  appStore.setState((d) => {
    d.info = r.info;
    d.selectedId = entry.id;
    d.status = RunStatus.ready;
    d.recipe = { scenario: ref, seed: recipe.seed, actions: [] };
    // A share link's rows for this pane (`cols=`): its stage keeps them while they fit (linkArrangement.ts).
    d.linkCols = cols !== null ? { forName: r.info.name, cols } : null;
  });
  const frames = createFrameChannel();
  const pane: PaneRun = { side, id, info: r.info, worker, api: worker.api, appStore, latest: null, lastSeq: 0, lastStatsAt: 0, actions: [], inline: ref.kind === 'inline', text: ref.kind === 'inline' ? ref.text : '', services: { store: appStore, frames, controller: paneController(deps.pair) } };
  return pane;
}

/**
 * Opens two runs, each a recipe (scenario, seed, live actions), and runs both to `tMs`. B runs
 * with A's seed unless its recipe names one. What a compare link asks for, and what "branch"
 * (issue 12, item 3) asks for: the run on screen, and the same recipe with one more action.
 * `problems` are the link's so far; those of the actions are added at `faults` and `faultsB`.
 * `cols`: a share link's columns a row for A's and B's pictures (null: the stage's own arrangement).
 */
export async function openRecipes(core: PairCore, deps: PairOpeningDeps, ra: Recipe, rb: Recipe, tMs: number, problems: Problem[], cols: PaneCols = [null, null]): Promise<void> {
  const { store } = core;
  const { gate } = deps;
  gate.scenarios = [ra.scenario, rb.scenario];
  const a = await openPane(core, deps, 'A', ra, cols[0]);
  if (core.disposed) return;
  // Cancelled while A opened: B is not opened (cancelOpening has said so).
  const b = gate.cancelled !== null ? gate.cancelled : await openPane(core, deps, 'B', { ...rb, seed: rb.seed ?? (typeof a === 'string' ? null : a.info.seed) }, cols[1]);
  store.setState((d) => void (d.opening = null));
  if (core.disposed || gate.cancelled !== null || typeof a === 'string' || typeof b === 'string') {
    for (const p of [a, b]) if (typeof p !== 'string') p.worker.terminate();
    store.setState((d) => {
      d.status = 'failed';
      d.error = gate.cancelled ?? [a, b].filter((x): x is string => typeof x === 'string').join('\n');
    });
    return;
  }
  // A moment past both ends said at once, as the single view says it (runLink.ts openLink): both
  // durations are known now, before the live actions and the seek (trial N8, finding 2: it came
  // with the landing). Said again below with the actions' problems.
  const pastEnd = (): Problem[] => (tMs > Math.max(a.info.durationMs, b.info.durationMs) ? [{ path: 't', message: pastTheEnd(tMs, Math.max(a.info.durationMs, b.info.durationMs), "both runs' end") }] : []);
  if (pastEnd().length > 0) store.setState((d) => void (d.linkProblems = [...problems, ...pastEnd()]));
  core.panes = [a, b];
  // The inspector is one panel; it starts on A's run (see CompareController.inspect).
  bindInspector(a.api);
  const gen = ++core.generation;
  const actions = [ra.actions, rb.actions];
  await Promise.all(
    core.panes.map(async (p, i) => {
      if (actions[i].length > 0) problems.push(...(await inTime(p.api.setActions(actions[i]))).map((x) => ({ path: i === 0 ? x.path : x.path.replace(/^faults/, 'faultsB'), message: x.message })));
      core.accept(p, await inTime(p.api.advance(0, ADVANCE_BUDGET_MS)), true);
    }),
  );
  await syncActions(core, gen);
  store.setState((d) => {
    d.pair = [a.id, b.id];
    d.titles = [a.info.title, b.info.title];
    d.seed = ra.seed;
    d.durationMs = Math.max(a.info.durationMs, b.info.durationMs);
    d.linkProblems = [...problems, ...pastEnd()];
    // A link's window past the shorter run's end (or off its series' buckets) said at its field and dropped.
    const windowProblem = d.window ? pairWindowProblem(d.window, [a.info.durationMs, b.info.durationMs]) : null;
    if (windowProblem) {
      d.linkProblems.push({ path: windowProblem.field, message: `${windowProblem.message}; no window is shown` });
      d.window = null;
    }
    d.status = 'ready';
    // Ready and on its way to `tMs` in one change: it never reads as ready at 0 with no seek
    // under way (the timeline's mark) while the seek below is still to start.
    if (tMs > 0) d.seekingTo = Math.min(tMs, d.durationMs);
    d.faults = listInjected(core.panes[0].actions, core.panes[1].actions);
  });
  // The seek's end asks for the figures.
  if (tMs > 0) await deps.seeks.request(tMs);
  else await refreshFigures(core, gen);
}
