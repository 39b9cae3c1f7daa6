// The single view's run and its link, both ways: a link (`?scenario=…&seed=…&t=…#data=…`)
// opened as a run, and the run now written as a link. Plain TypeScript, no React.
import { DEFAULT_SCENARIO_ID } from '../scenarios/catalog';
import { RunStatus, type AppState, type Problem } from '../state/store';
import type { Frame, LiveAction } from '../../workers/protocol';
import { decodeLink, encodeLink, linkParams, type Recipe } from '../recipe';
import { inTime } from './controllerApi';
import { syncActions } from './liveActions';
import { createScenarioPacker } from './packedScenario';
import type { RunCore } from './runCore';
import type { ScenarioOpener } from './scenarioOpening';
import type { SeekPath } from './seekPath';
import { SPEEDS } from './speeds';

/**
 * Opens what a link asks for (see Controller.start): its speed, its scenario (the default when
 * it names none or one that cannot be opened), seed, live actions, hand-placed nodes and moment,
 * and the sender's picture's rows (`cols=`, kept in the store's linkCols).
 * Problems with the link go to `linkProblems`, each at the link's own field. With `reuse` (Back or
 * Forward, scenarioHistory.ts), a scenario in the link that the picker already lists as a file is
 * opened as that entry.
 */
export async function openLink(core: RunCore, opener: ScenarioOpener, seeks: SeekPath, search: string, reuse = false): Promise<void> {
  const { store } = core;
  const s = store.getState();
  const entries = s.entries;
  const builtin = entries.filter((e) => e.source === 'builtin');
  const link = decodeLink(search, { scenarioIds: builtin.map((e) => e.id), defaultId: DEFAULT_SCENARIO_ID, speedIds: SPEEDS.map((x) => x.id) });
  const problems = [...link.problems];
  if (link.speedId) store.setState((d) => void (d.speedId = link.speedId!));
  const fallback = entries.find((e) => e.id === DEFAULT_SCENARIO_ID) ?? entries[0];
  let entry = link.scenario?.kind === 'builtin' ? entries.find((e) => e.id === (link.scenario as { id: string }).id) : undefined;
  if (link.scenario?.kind === 'inline') {
    // Back/Forward (`reuse`) onto a scenario this page opened from a file or the editor: that
    // entry again, under its own name in the picker, not a second one called "the scenario in the link".
    const text = link.scenario.text;
    entry = (reuse ? entries.find((e) => e.source === 'file' && e.text === text) : undefined) ?? { id: 'file:link', label: 'the scenario in the link', text, source: 'file' };
    await opener.openEntry(entry, link.seed, link.tMs);
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
    await opener.openEntry(fallback, link.seed, link.tMs);
  } else if (link.scenario?.kind === 'builtin') await opener.openEntry(entry, link.seed, link.tMs);
  const info = store.getState().info;
  problems.push(...(await replayActions(core, link.actions)));
  // Nodes the link placed by hand: only names the topology has (the drawing reads the recipe).
  const placed = Object.entries(link.layout);
  if (info && placed.length > 0 && !fellBack) {
    const names = new Set(info.topology.nodes.map((n) => n.name));
    for (const [name] of placed) if (!names.has(name)) problems.push({ path: `layout.${name.length > 60 ? `${name.slice(0, 60)}…` : name}`, message: 'unknown node; left out' });
    const layout = Object.fromEntries(placed.filter(([name]) => names.has(name)));
    store.setState((d) => void (d.recipe && (d.recipe.layout = layout)));
  }
  // The sender's rows (`cols=`), for the scenario the link opened: the stage keeps them while they fit.
  store.setState((d) => void (d.linkCols = info && link.cols !== null && !fellBack ? { forName: info.name, cols: link.cols } : null));
  if (info && link.tMs > 0) {
    if (link.tMs > info.durationMs) problems.push({ path: 't', message: pastTheEnd(link.tMs, info.durationMs, "the run's end") });
    // Said at once, not once the seek lands: N7's trial, a link at t=9999s on its way to 40 s for
    // seconds under load with no word that 9999 s was not where it went; T4's, 8, a cut faults= part
    // said only after the 6 s seek, the run meanwhile without its faults and nothing saying so.
    if (problems.length > 0) store.setState((d) => void (d.linkProblems = [...problems]));
    await seeks.request(Math.min(link.tMs, info.durationMs));
  }
  if (problems.length > 0) store.setState((d) => void (d.linkProblems = problems));
}

/**
 * Gives the run just opened the live actions of its recipe (a link's, or those the editor's Run
 * carries over: editor/carry.ts), replayed at their points from zero, and keeps the recipe's copy
 * as the worker holds them. Resolves to the actions the worker refused (`faults.N…: message`);
 * none when no scenario is open or `actions` is empty.
 */
export async function replayActions(core: RunCore, actions: readonly LiveAction[]): Promise<Problem[]> {
  if (!core.store.getState().info || actions.length === 0) return [];
  const problems: Problem[] = [];
  await core.serial(async () => {
    const gen = core.generation;
    problems.push(...(await inTime(core.api.setActions([...actions]))));
    await syncActions(core, gen);
  });
  return problems;
}

/**
 * The link problem of a moment past the end, as `t: <message>` reads it: "9999 s is past the run's end (40 s); opened
 * at the end". `tMs` and `endMs` in simulated ms (tMs > endMs); `end` names whose end ("both runs' end"). Pure.
 */
export function pastTheEnd(tMs: number, endMs: number, end: string): string {
  const s = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;
  return `${s(tMs)} is past ${end} (${s(endMs)}); opened at the end`;
}

/**
 * The query string for the run `core` holds now (recipe, the latest frame's exact time, the
 * speed), or null before a scenario loads. An inline scenario is packed once per text. Given a
 * `state` (a store state, such as the one a scenario switch leaves) and `latest` (its latest frame,
 * null for none: then its counters' time is the moment), the link of that state instead. With
 * `picture` (a share link) the drawing's columns a row (the store's drawnCols) go in as `cols=`.
 */
export function createRunLinkSearch(core: RunCore): (state?: AppState, latest?: Frame | null, picture?: boolean) => string | null {
  const packer = createScenarioPacker();
  return (s = core.store.getState(), latest = core.frames.latest, picture = false) => {
    if (!s.recipe) return null;
    const r: Recipe = s.recipe;
    const data = r.scenario.kind === 'inline' ? packer.pack(r.scenario.text) : undefined;
    // The next event bounds how far the link's t may be rounded (recipe/url.ts formatT).
    // A share link (`picture`) carries the picture's rows too; the address bar and history only the run.
    const cols = picture && s.drawnCols !== null ? { cols: s.drawnCols } : {};
    return encodeLink({ recipe: r, tMs: latest?.simTime ?? s.stats.simTime, tBeforeMs: latest?.nextEventMs, speedId: s.speedId, ...cols }, data);
  };
}
