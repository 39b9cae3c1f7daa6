// The compare view's engine room: two runs, each a SimHost in a worker of its own (a pane is a
// run recipe: scenario, seed, live actions), on one clock under one set of controls. This file
// holds the commands; the pair's parts live beside it (pairRun: frames, clock, loop, failures;
// pairFigures; pairSeek; pairOpening; pairLink; injectedFaults). Plain TypeScript, no React.
// Each pane gets an app store and a frame channel of its own, so the single view's TopologyView
// draws it unchanged inside the pane.
import type { Remote } from 'comlink';
import type { InjectResult, ScenarioInfo } from '../../workers/protocol';
import type { SimWorkerApi } from '../../workers/sim.worker';
import type { SimBridge } from '../bridge/simBridge';
import type { Recipe } from '../recipe/types';
import { labelFor, type ScenarioEntry } from '../scenarios/catalog';
import { ADVANCE_BUDGET_MS, inTime } from '../sim/controllerApi';
import { absoluteLink } from '../sim/addressBar';
import { SPEEDS, speedById } from '../sim/speeds';
import { pauseMoment } from '../sim/pauseMoment';
import type { AppServices } from '../state/useAppStore';
import { bindInspector, closeInspector, followRequests, inspectorStore, openInspector, type InspectTarget } from '../inspector/inspectorStore';
import { createCompareStore, type CompareStore } from './compareStore';
import { faultLabel, faultNames } from './injectedFaults';
import { decodeCompareLink } from './link';
import { lessonClient } from './pairs';
import { followScope, refreshFigures, syncActions } from './pairFigures';
import { createPairLinks } from './pairLink';
import { cancelOpening, createOpeningGate, openRecipes, sideName, type PairOpeningDeps } from './pairOpening';
import { createPairCore, doneOf, type PaneRun } from './pairRun';
import { createPairSeeks, settle, syncPanes } from './pairSeek';

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

/** The compare view's commands on its pair; its state is `store` (the pair's) and each pane's own store and frames. */
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
  /**
   * Gives up opening the pair while a pane opens (a file whose events at t = 0 never let its
   * clock move would hold it for up to a minute): both workers stop, and the view says which
   * pane, at which stage and for how long. Nothing when no pane is opening.
   */
  cancelOpening(): void;
  /**
   * Plays both; from the end, from zero. While a Pause or Step is still bringing the panes to one
   * time, or a seek runs, play starts once it has ended.
   */
  play(): void;
  /** Stops both at one time: the one behind runs up to the other. */
  pause(): Promise<void>;
  /** One event in each run, then the one behind runs up to the other's time. */
  step(): Promise<void>;
  /** Runs both to `ms` (back means from zero, replaying each pane's live actions); seeks coalesce. */
  seek(ms: number): Promise<void>;
  /** Resolves when the seek under way, if any, has landed (Controller.seekDone). */
  seekDone(): Promise<void>;
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

/** A compare controller whose panes run in workers `bridge` spawns, opening scenarios from `entries`. Nothing runs until `start` or `openRecipes`. */
export function createCompareController(bridge: SimBridge, entries: readonly ScenarioEntry[]): CompareController {
  const store = createCompareStore();
  const core = createPairCore(store);
  const { serial, loop } = core;
  const seeks = createPairSeeks(core);
  const links = createPairLinks(core);
  const unfollowScope = followScope(core);
  const nameOf = (p: PaneRun) => `${p.side} (${p.id})`;
  /** A side's title before its run loads: a shipped scenario's as the picker has it, an opened one's from its text. */
  const titleOf = (ref: Recipe['scenario']) => (ref.kind === 'builtin' ? (entries.find((e) => e.id === ref.id)?.label ?? '') : labelFor('', ref.text));

  const api: CompareController = {
    store,
    get panes() {
      return core.panes;
    },
    openRecipes: (a, b, tMs = 0) => openRecipes(core, deps, a, b, tMs, []).then(links.follow),
    async start(search) {
      const builtin = entries.filter((e) => e.source === 'builtin');
      const link = decodeCompareLink(search, { scenarioIds: builtin.map((e) => e.id), defaultId: builtin[0]?.id ?? '', speedIds: SPEEDS.map((s) => s.id) });
      store.setState((d) => {
        d.linkProblems = link.problems;
        if (link.speedId) d.speedId = link.speedId;
        // A pair whose stories are about one client opens on it unless the link says whose (trial T4, 1).
        d.lessonClient = (link.pair && lessonClient(link.pair[0], link.pair[1])) ?? null;
        d.scope = link.scope ?? (link.scopeGiven ? null : d.lessonClient);
        d.window = link.window;
        // A link's packed side by its scenario's own name from the start, not DATA_SIDE ("@data: two runs").
        d.pair = link.pair && link.scenarios ? [sideName(link.scenarios[0]), sideName(link.scenarios[1])] : link.pair;
        if (link.scenarios) d.titles = [titleOf(link.scenarios[0]), titleOf(link.scenarios[1])];
        d.knownSide = link.knownSide;
      });
      if (!link.pair || !link.scenarios) return core.setStatus('ready');
      const [ra, rb] = link.scenarios;
      await openRecipes(core, deps, { scenario: ra, seed: link.seed, actions: link.actionsA }, { scenario: rb, seed: link.seed, actions: link.actionsB }, link.tMs, [...link.problems], link.cols);
      links.follow();
    },
    play() {
      if (core.status() === 'done') {
        void seeks.request(0).then(core.startPlaying);
        return;
      }
      // Pressed while a Pause or Step is still bringing the panes to one time (Space twice), or a
      // seek runs: play starts after it, not alongside the pane behind catching up.
      if (store.getState().settling !== null || seeks.running) return void serial(async () => core.startPlaying());
      core.startPlaying();
    },
    pause() {
      if (core.status() !== 'playing') return Promise.resolve();
      loop.stop();
      // 'pausing' until both stand at one time: the tick on its way may land after this, and the
      // pane behind has to run up to the other (settle), both worker calls.
      // On a round moment just after the later pane's (sim/pauseMoment.ts), which the link carries as it is.
      const factor = speedById(store.getState().speedId).factor;
      const settled = core.settling('pausing', () => settle(core, (ms) => pauseMoment(ms, factor)));
      core.setStatus('paused');
      return settled;
    },
    step() {
      return core.settling('stepping', async () => {
        const s = core.status();
        if (core.panes.length < 2 || s === 'done' || s === 'loading' || s === 'failed') return;
        loop.stop();
        core.setStatus('paused');
        const gen = core.generation;
        await Promise.all(core.panes.map(async (p) => !doneOf(p) && core.accept(p, await inTime(p.api.stepEvent()), true)));
        if (gen !== core.generation) return;
        await syncPanes(core, gen);
        core.clockToStore();
        await refreshFigures(core, gen);
        if (core.panes.every(doneOf)) core.setStatus('done');
      });
    },
    seek: seeks.request,
    seekDone: () => seeks.running ?? Promise.resolve(),
    cancelOpening: () => cancelOpening(core, deps.gate),
    setSpeed(id) {
      store.setState((d) => void (d.speedId = speedById(id).id));
    },
    async injectFault(fault) {
      const s = core.status();
      if (core.panes.length < 2 || s === 'loading' || s === 'failed') return;
      if (seeks.running) await seeks.running;
      const resume = core.status() === 'playing';
      await serial(async () => {
        // Paused for the injection (settle stops the loop): startPlaying below plays only from
        // paused, so a pair left 'playing' here stood still for good.
        if (core.status() === 'playing') core.setStatus('paused');
        await settle(core);
        const gen = core.generation;
        const at = core.clock();
        const notes: string[] = [];
        const hit: [boolean, boolean] = [false, false];
        await Promise.all(
          core.panes.map(async (p, i) => {
            const names = new Set(p.info.topology.nodes.map((n) => n.name));
            const missing = faultNames(fault).filter((n) => !names.has(n));
            if (missing.length > 0) return void notes.push(`${nameOf(p)} has no node named ${missing.join(', ')}: not injected there`);
            if (doneOf(p)) return void notes.push(`${nameOf(p)} has ended: not injected there`);
            const r: InjectResult = await inTime<InjectResult>(p.api.injectFault(fault));
            if (r.ok) hit[i] = true;
            else notes.push(...r.problems.map((x) => `${nameOf(p)}: ${x.path}: ${x.message}`));
          }),
        );
        if (gen !== core.generation) return;
        // Paused, a frame at the same time in each pane it reached: the fault's start is an event
        // due now, which a seek to this moment runs (as the single view does since 9fdafb6);
        // without it the panes' faults read 'starts at 4.00 s', their nodes unmarked, until play.
        if (!resume) {
          await Promise.all(core.panes.map(async (p, i) => hit[i] && core.accept(p, await inTime(p.api.advance(0, ADVANCE_BUDGET_MS)), true)));
          if (gen !== core.generation) return;
        }
        await syncActions(core, gen);
        await refreshFigures(core, gen);
        store.setState((d) => {
          if (hit[0] || hit[1]) d.faults.push({ n: d.faults.length + 1, label: faultLabel(fault), atMs: at, hit, notes });
          d.injectProblems = hit[0] || hit[1] ? [] : notes;
        });
      });
      if (resume) core.startPlaying();
    },
    shareLink() {
      const search = links.search(true);
      return search === null ? null : absoluteLink(search);
    },
    shareRefusal: links.refusal,
    inspect(side, target) {
      const p = core.panes[side === 'A' ? 0 : 1];
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
      for (const p of core.panes) p.appStore.setState((d) => void (d.presenter = on));
    },
    singleViewLink(side = 'A') {
      return links.singleView(side);
    },
    dispose() {
      core.disposed = true;
      core.generation++;
      unfollowScope();
      loop.stop();
      links.addressBar.cancel();
      for (const p of core.panes) p.worker.terminate();
      for (const w of deps.gate.workers) w.terminate();
    },
  };
  const deps: PairOpeningDeps = { bridge, entries, seeks, pair: api, gate: createOpeningGate() };

  return api;
}
