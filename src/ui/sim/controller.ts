// The single view's controller: the user's commands, on a run whose parts live beside this file
// (runCore: frames, loop, failures; scenarioOpening: workers being opened; seekPath; liveActions;
// runLink: the link both ways; scenarioHistory: Back and Forward). Plain TypeScript, no React:
// components call these actions, the store and the frame channel carry the results back.
import type { SimBridge } from '../bridge/simBridge';
import type { FrameChannel } from '../state/frameChannel';
import { EMPTY_STATS, RunStatus, type AppState, type AppStore } from '../state/store';
import { linkParams } from '../recipe';
import { speedById } from './speeds';
import { absoluteLink, createAddressBarWriter, followInAddressBar, PLAYING_URL_INTERVAL_MS, URL_INTERVAL_MS } from './addressBar';
import { ADVANCE_BUDGET_MS, inTime, type Controller } from './controllerApi';
import { statsOf } from './frameStats';
import { createLiveActions } from './liveActions';
import { pauseMoment } from './pauseMoment';
import { createRunCore } from './runCore';
import { createRunLinkSearch, openLink, replayActions } from './runLink';
import { followScenarioHistory, type ScenarioHistory } from './scenarioHistory';
import { createScenarioOpener } from './scenarioOpening';
import { createSeekPath } from './seekPath';

/** Whether the run stopped playing (a pause, the end, a crash) or a seek landed between `before` and `s`. */
function stopped(s: AppState, before: AppState): boolean {
  return (before.status === RunStatus.playing && s.status !== RunStatus.playing) || (before.seekingTo !== null && s.seekingTo === null);
}

/**
 * The single view's controller over `bridge` (its active worker runs the scenario on screen),
 * moving `store` and publishing to `frames`. Nothing runs until `start`.
 */
export function createController(store: AppStore, bridge: SimBridge, frames: FrameChannel): Controller {
  const core = createRunCore(store, bridge, frames);
  const { api, loop, serial } = core;
  /** Pauses whose finishing advance has not ended yet (the store's `settling` while above 0). */
  let pausing = 0;
  const opener = createScenarioOpener(core);
  const seeks = createSeekPath(core);
  const live = createLiveActions(core, seeks);
  const linkSearch = createRunLinkSearch(core);
  let scenarios: ScenarioHistory | null = null;
  const addressBar = createAddressBarWriter(
    linkSearch,
    () => core.disposed || scenarios?.restoring === true,
    () => (store.getState().status === RunStatus.playing ? PLAYING_URL_INTERVAL_MS : URL_INTERVAL_MS),
  );
  let unsubscribeUrl: (() => void) | null = null;

  async function resetRun(): Promise<void> {
    if (!store.getState().info) return;
    loop.stop();
    await api.reset();
    core.beginRun();
    store.setState((d) => {
      d.stats = EMPTY_STATS;
      d.error = null;
      d.status = RunStatus.ready;
    });
    await core.firstFrame();
  }

  return {
    async start(search = typeof location === 'undefined' ? '' : location.search + location.hash) {
      // A compare link (`?compare=a,b`) is the compare view's (src/ui/compare): it runs its own pair.
      if (linkParams(search).has('compare')) return;
      await openLink(core, opener, seeks, search);
      // From now on the address bar follows the run: its recipe, moment and speed. A change to the
      // run's recipe (a fault, a change, a cleared fault, a node placed by hand) is written at once,
      // so Back right after it leaves it in the entry; a new scenario's is the history's to write.
      unsubscribeUrl = followInAddressBar(
        store,
        (s, before) => s.recipe !== before.recipe || s.speedId !== before.speedId || s.stats.simTime !== before.stats.simTime || stopped(s, before),
        addressBar,
        // A pause (or the end) and a seek's landing are written at once too: while playing the bar
        // is written only every PLAYING_URL_INTERVAL_MS, and a link copied just after must hold its moment.
        (s, before) => (s.recipe !== before.recipe && !!s.recipe && !!before.recipe && s.recipe.scenario === before.recipe.scenario) || stopped(s, before),
      );
      // And each scenario opened is an entry of its own, which Back and Forward reopen.
      scenarios = followScenarioHistory(store, {
        // The state on screen has its latest frame; one being left has had its frames cleared.
        linkOf: (s) => linkSearch(s, s === store.getState() ? core.frames.latest : null),
        cancelWrite: addressBar.cancel,
        write: addressBar.write,
        restore: (search) => openLink(core, opener, seeks, search, true),
        disposed: () => core.disposed,
      });
    },
    selectScenario(id) {
      const entry = store.getState().entries.find((e) => e.id === id);
      return entry ? opener.openEntry(entry) : Promise.resolve();
    },
    openFile: opener.openFile,
    async openText(text, fileName, label, carry) {
      await opener.openText(text, fileName, label, carry?.seed ?? null, carry?.tMs ?? 0);
      // Opened (not refused, nor overtaken by another open): its recipe holds this text.
      const s = store.getState();
      const opened = s.loadProblems === null && s.recipe?.scenario.kind === 'inline' && s.recipe.scenario.text === text;
      if (!carry || !opened || !s.info) return;
      // As a link: the actions replayed from zero, then the seek to the moment (runLink.ts). The
      // seek is not waited for: the editor closes at once, and the clock's "seeking to" pill
      // (seekingTo, set by the open) shows the way there.
      await replayActions(core, carry.actions);
      if (carry.tMs > 0) void seeks.request(Math.min(carry.tMs, s.info.durationMs));
    },
    cancelOpen: opener.cancelOpen,
    warmSpare: opener.warmSpare,
    play() {
      // Pressed while another scenario opens: "play the one I picked", once it has opened
      // (scenarioOpening); the run on screen is left as it is (trial N16, 3).
      if (store.getState().opening) return store.setState((d) => void (d.opening && (d.opening.playOnOpen = true)));
      if (core.status() === RunStatus.done) {
        void serial(resetRun).then(core.startPlaying);
        return;
      }
      core.startPlaying();
    },
    pause() {
      if (store.getState().opening?.playOnOpen) store.setState((d) => void (d.opening && (d.opening.playOnOpen = false)));
      if (core.status() !== RunStatus.playing) return;
      loop.stop();
      core.setStatus(RunStatus.paused);
      // Show the exact counters of the last frame, not the throttled ones.
      const f = frames.latest;
      if (f) {
        frames.show(f);
        store.setState((d) => void (d.stats = statsOf(f)));
      }
      // An advance cut short by its wall budget (at max speed, say) may stop between events at one
      // time: finish that instant, so the moment paused on is one a link to `t` reopens exactly.
      // An advance of 0 runs what is left at the worker's own time (an advance may still be on
      // its way, so the latest frame's time can be behind it); it never goes back.
      pausing++;
      store.setState((d) => void (d.settling = 'pausing'));
      void serial(async () => {
        if (!frames.latest || frames.latest.done || core.status() !== RunStatus.paused) return;
        const gen = core.generation;
        const f = await inTime(api.advance(0, 10 * ADVANCE_BUDGET_MS));
        core.accept(f, gen);
        // Then on to a round moment just after (pauseMoment: 8000.003 ms -> 8001 ms, the clock as
        // it read), which the address bar's and the share link's t then carry as it is; the
        // advance of 0 after it finishes that instant, as above.
        const to = pauseMoment(f.simTime, speedById(store.getState().speedId).factor);
        if (f.done || to <= f.simTime || gen !== core.generation || core.status() !== RunStatus.paused) return;
        core.accept(await inTime(api.advance(to - f.simTime, 10 * ADVANCE_BUDGET_MS)), gen);
        if (gen === core.generation && core.status() === RunStatus.paused) core.accept(await inTime(api.advance(0, 10 * ADVANCE_BUDGET_MS)), gen);
      }).finally(() => {
        if (--pausing === 0) store.setState((d) => void (d.settling = null));
      });
    },
    reset() {
      return serial(resetRun);
    },
    step() {
      return serial(async () => {
        const s = core.status();
        if (!store.getState().info || s === RunStatus.done || s === RunStatus.loading || s === RunStatus.crashed) return;
        if (s === RunStatus.playing) loop.stop();
        const gen = core.generation;
        core.setStatus(RunStatus.paused);
        core.accept(await inTime(api.stepEvent()), gen);
      });
    },
    setSpeed(id) {
      store.setState((d) => void (d.speedId = speedById(id).id));
    },
    injectFault: live.injectFault,
    checkFault: live.checkFault,
    applyChange: live.applyChange,
    seek: seeks.request,
    seekDone: () => seeks.running ?? Promise.resolve(),
    clearFault: live.clearFault,
    clearInjected: live.clearInjected,
    shareLink() {
      const search = linkSearch(undefined, undefined, true);
      return search === null ? null : absoluteLink(search);
    },
    dispose() {
      core.disposed = true;
      addressBar.cancel();
      unsubscribeUrl?.();
      scenarios?.stop();
      loop.stop();
      opener.dropOpening();
      bridge.terminate();
    },
  };
}
