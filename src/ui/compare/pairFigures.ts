// What the compare view shows of the pair beyond the pictures: both runs' figures, series and
// fault lists asked at one moment, the first divergence, and the branch labels that follow the
// panes' live actions. Plain TypeScript, no React.
import { mergeBatch } from '../charts/seriesStore';
import { runLatencyMeasured } from '../measuredLatency';
import { branchLabels } from '../changes/summary';
import { inTime } from '../sim/controllerApi';
import { firstDivergence, sharedLinks, type SharedLink } from './divergence';
import { paneFigures } from './diff';
import { faultBranchLabels } from './faultBranch';
import type { PairCore } from './pairRun';
import { scopeInUse, type CompareState } from './compareStore';

/** How often the figures, series and fault lists are asked of both workers while playing, wall ms. */
export const FIGURES_INTERVAL_MS = 500;

/** How the divergence text names the runs: by scenario, or in a branch by side and label ("B · with timeout 5ms on payments at 15.0 s"). */
function sideNames(core: PairCore, labels: [string, string] | null): [string, string] {
  return labels ? [`A · ${labels[0]}`, `B · ${labels[1]}`] : [core.panes[0].id, core.panes[1].id];
}

/** The clock, the figures, the series and the faults of both panes, asked at one moment; dropped unless pair `gen` is current. */
export async function refreshFigures(core: PairCore, gen: number): Promise<void> {
  const { store } = core;
  core.lastFiguresAt = performance.now();
  const st = store.getState();
  const answers = await Promise.all(
    core.panes.map(async (p, i) => {
      const s = st.series[i];
      const [summary, batch, faults] = await Promise.all([inTime(p.api.summary()), inTime(p.api.seriesSince(s.epoch, s.buckets.length)), inTime(p.api.faults())]);
      return { summary, batch, faults };
    }),
  );
  if (gen !== core.generation || core.disposed) return;
  answers.forEach((a, i) => core.panes[i].appStore.setState((d) => void (d.faults = a.faults)));
  store.setState((d) => {
    d.series = [mergeBatch(d.series[0], answers[0].batch), mergeBatch(d.series[1], answers[1].batch)];
    const fig = (i: number) => {
      // The summary alone, as the CLI's compare reads it (workers/compareRows.ts paneFigures).
      const summary = answers[i].summary;
      return paneFigures(summary, runLatencyMeasured(summary.latencyMs.mean, d.series[i], summary.simulatedMs));
    };
    d.figures = [fig(0), fig(1)];
    d.figuresAt = core.clock();
    findDivergence(core, d);
  });
}

/**
 * Finds where the runs first differ in the series `d` holds, for the client the figures are scoped
 * to (scopeInUse: trial T3, 1, the line counted every client under figures of one), and sets
 * `d.divergence` to the earliest known for that scope. Mutates `d` and `core.known`.
 */
function findDivergence(core: PairCore, d: CompareState): void {
  const scope = scopeInUse(d);
  const found = firstDivergence(d.series[0].buckets, d.series[1].buckets, d.series[0].bucketMs, sideNames(core, d.labels), links(core), scope);
  const key = scope ?? '';
  const known = core.known.get(key);
  if (found && (!known || found.ms < known.ms)) core.known.set(key, found);
  d.divergence = core.known.get(key) ?? null;
}

/**
 * Keeps the first difference scoped as the figures: a new "figures for" finds it again at once from
 * the series held (paused, no refresh comes). Returns the unsubscribe.
 */
export function followScope(core: PairCore): () => void {
  return core.store.subscribe((s, before) => {
    if (s.scope === before.scope || !s.figures) return;
    core.store.setState((d) => findDivergence(core, d));
  });
}

/** The links both panes' topologies have (by their ends' names), for the tries sign of firstDivergence. */
function links(core: PairCore): SharedLink[] {
  const [a, b] = core.panes.map((p) => p.appStore.getState().info?.topology);
  return a && b ? sharedLinks(a, b) : [];
}

/** Recomputes the branch labels from both panes' live actions (they change with injections). */
function relabel(core: PairCore): void {
  const [a, b] = core.panes;
  const same = a.inline === b.inline && (a.inline ? a.text === b.text : a.id === b.id);
  // A branch on a config change, or on a fault just injected (faultBranch.ts).
  const labels = branchLabels(same, a.actions, b.actions) ?? faultBranchLabels(same, a.actions, b.actions);
  if (JSON.stringify(labels) !== JSON.stringify(core.store.getState().labels)) {
    core.store.setState((d) => {
      d.labels = labels;
      // The first difference's text names the runs as they are called now.
      core.known.clear();
      d.divergence = null;
    });
  }
}

/** Keeps each pane's live actions (and its recipe's) as its worker holds them, then the labels; dropped unless pair `gen` is current. */
export async function syncActions(core: PairCore, gen: number): Promise<void> {
  const lists = await Promise.all(core.panes.map((p) => inTime(p.api.liveActions())));
  if (gen !== core.generation) return;
  lists.forEach((l, i) => {
    core.panes[i].actions = l;
    core.panes[i].appStore.setState((d) => void (d.recipe && (d.recipe.actions = l)));
  });
  relabel(core);
}
