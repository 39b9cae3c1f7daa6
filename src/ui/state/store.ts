// UI state in a React-free store: zustand's vanilla store with immer for nested updates.
// Components bind to it through `useAppStore` with narrow selectors. Per-frame typed arrays
// never pass through here (see frameChannel.ts); counters arrive at a throttled rate.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { immer } from 'zustand/middleware/immer';
import type { FaultStatus, LoadResult, LoadStage, ScenarioInfo } from '../../workers/protocol';
import type { RolloutFigure } from '../../workers/figures';
import type { PlainReading } from '../../workers/plainTwin';
import type { OpenLintNote } from '../../workers/openLint';
import type { ScenarioEntry } from '../scenarios/catalog';
import type { Recipe } from '../recipe/types';
import { DEFAULT_SPEED_ID } from '../sim/speeds';

/** One thing wrong with a scenario file, as the worker reports it. */
export type Problem = Extract<LoadResult, { ok: false }>['problems'][number];

/** A problem with a link; for an unknown scenario name near a shipped one, also that link with it named (recipe/url.ts linkWithScenario). */
export interface LinkProblem extends Problem {
  /** The corrected link (`?scenario=…&…`) and the name it opens, when the name was near a shipped scenario's. */
  meantLink?: { id: string; href: string };
}

/**
 * Where the run is. `ready`: loaded, at time zero or reset; `done`: reached its duration;
 * `crashed`: the run stopped for good (`AppState.runFailure` says why); another scenario, or
 * the same again, must be opened.
 */
export const RunStatus = {
  loading: 'loading',
  ready: 'ready',
  playing: 'playing',
  paused: 'paused',
  done: 'done',
  crashed: 'crashed',
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

/** The counters of the latest frame, as plain numbers. */
export interface Stats {
  seq: number;
  simTime: number;
  sent: number;
  ok: number;
  failed: number;
  inFlight: number;
  p50: number;
  p90: number;
  p99: number;
  events: number;
  /** Mean latency of ok requests after the warmup, ms. */
  mean: number;
  /** Proxy CPU so far over every sidecar (ms), the passes they made, and how many sidecars there are. */
  proxyCpuMs: number;
  proxyPasses: number;
  proxies: number;
  /** Of proxyCpuMs, the sidecars' TLS handshake halves, ms (Counter.proxyHandshakeCpuMs); absent: none counted. */
  proxyHandshakeCpuMs?: number;
  /** The sidecars' backlog: CPU ms taken, not yet run (Counter.proxyBacklogMs); absent: none. */
  proxyBacklogMs?: number;
  /** About how many messages the sidecars hold (Counter.proxyHeld); absent: none. */
  proxyHeld?: number;
  /** The longest wait a new pass would have at one sidecar, ms (Counter.proxyWaitMs); absent: none. */
  proxyWaitMs?: number;
  /** Retries the circuit breakers refused so far, over every route (Counter.retryOverflows); absent: none. */
  retryOverflows?: number;
  /** Links with a retry refused so far (Counter.retryOverflowLinks); absent: none. */
  retryOverflowLinks?: number;
  /** The topology edge id with the most retries refused (Counter.retryOverflowEdge), -1 or absent: none. */
  retryOverflowEdge?: number;
  /** New handshakes refused for an expired certificate so far (Counter.expiredHandshakes); absent: none. */
  expiredHandshakes?: number;
  /** When the first was refused, simulated ms (Counter.expiredHandshakeFirstMs); -1 or absent: none. */
  expiredHandshakeFirstMs?: number;
  /** The edge id of the first (Counter.expiredHandshakeEdge); -1 or absent: none. */
  expiredHandshakeEdge?: number;
  failures: Record<string, number>;
  /** Config changes made and how far each spread (a lesson's change-spread figure reads it). */
  rollouts?: RolloutFigure[];
  /** The recipe's twin without sidecars (a lesson's latency-p50-added figure reads it); absent unless a figure asks. */
  plain?: PlainReading;
  traceHash: string;
}

export const EMPTY_STATS: Stats = {
  seq: 0,
  simTime: 0,
  sent: 0,
  ok: 0,
  failed: 0,
  inFlight: 0,
  p50: 0,
  p90: 0,
  p99: 0,
  events: 0,
  mean: 0,
  proxyCpuMs: 0,
  proxyPasses: 0,
  proxies: 0,
  failures: {},
  traceHash: '',
};

export type Theme = 'light' | 'dark';

/** What opening a scenario is doing: reading the file here, then the worker's stages. */
export type OpenStage = 'reading' | LoadStage;

/** A scenario being opened in a worker of its own while the current run goes on. */
export interface Opening {
  /** The file name, or the built-in scenario's label. */
  label: string;
  stage: OpenStage;
  /** Size of the text, bytes. */
  bytes: number;
  /** performance.now() when it began, ms. */
  startedAt: number;
  /** Play was pressed while it opens: it starts playing once open (trial N16, 3; it played the old one). */
  playOnOpen?: boolean;
}

/** A scenario the person can go to after a run stopped: `verb` says how ("Back to", "Reload"). */
export interface ReloadChoice {
  id: string;
  label: string;
  verb: string;
}

/** Why the run stopped for good, against the scenario that was running. */
export interface RunFailure {
  /** The scenario's title. */
  title: string;
  /** `stopped`: the engine refused to go on; `hung`: the worker did not answer; `crashed`: it died. */
  kind: 'stopped' | 'hung' | 'crashed';
  problem: Problem;
  /** Simulated time it stopped at, ms. */
  atMs: number;
  reload: ReloadChoice[];
}

export interface AppState {
  entries: ScenarioEntry[];
  /** The entry whose scenario is loaded in the worker (or being loaded). */
  selectedId: string | null;
  info: ScenarioInfo | null;
  /** Problems of the last scenario that failed to load; the previous one stays loaded. */
  loadProblems: { source: string; problems: Problem[] } | null;
  status: RunStatus;
  speedId: string;
  stats: Stats;
  /** A message for a person when something outside their scenario went wrong. */
  error: string | null;
  /** A scenario being opened (the run goes on meanwhile), or null. */
  opening: Opening | null;
  /** Why the current run stopped for good, or null while it can go on. */
  runFailure: RunFailure | null;
  /** Every fault of the run (from the scenario and injected), as the worker last listed them. */
  faults: FaultStatus[];
  /**
   * False from a run's start until the worker first lists its faults (runCore's refreshFaults): the list shows nothing
   * meanwhile, rather than "No faults yet." for a frame before a scenario's own faults come (session 36's review).
   */
  faultsListed: boolean;
  /** Light (the default, for projectors) or dark. */
  theme: Theme;
  /** Presenter mode: the topology, the narrative, the counters and the timeline; large type (node text at least 14 px), light background. */
  presenter: boolean;
  /** Faults the person cleared: one not started yet stays listed as pending by the worker, one active ends at the next event. */
  clearedFaults: number[];
  /** What the run is made of (scenario, seed, live faults); the URL reflects it. Null before a scenario loads. */
  recipe: Recipe | null;
  /** What was wrong with the link the app was opened from (`param: message`), until dismissed. */
  linkProblems: LinkProblem[] | null;
  /** What the last import of Kubernetes/Istio manifests did not model (`file:line: path: message`), until dismissed (issue 15). */
  importWarnings: { source: string; lines: string[]; /** The run they are about (selectedId once the import has opened or been refused); shown only while it is on screen. */ forId?: string | null } | null;
  /**
   * Lint's errors on a file the person opened (workers/openLint.ts; trial N18, 1), said in the left
   * panel before play; `forId` the entry they are about, shown only while it is on screen. Null for
   * a shipped scenario and for a file without errors.
   */
  openLint: { forId: string; notes: OpenLintNote[]; total: number } | null;
  /** The time a seek is running to, ms, or null when none is. */
  seekingTo: number | null;
  /**
   * 'pausing' from a click on Pause until the run stands where it will stay: an advance asked
   * before the click may still land, then the pause finishes the instant it stopped in (see
   * controller.pause). The header says "paused" at once and carries this as `data-settling`, so a
   * reading of the paused moment (a test, a share link) can wait for it; null otherwise.
   */
  settling: 'pausing' | null;
  /**
   * How many times a person moved the story on or back (next/back, n/p, PageDown/PageUp, ←/→):
   * the narrative scrolls its step into view on each, so a clicker never runs a step the room
   * cannot read (the column may have been scrolled down to a form). Playing into a step does not
   * count: the column stays where the person left it.
   */
  storyMoves: number;
  /**
   * The scale the topology picture fits its stage at on its own, CSS px per design unit (its
   * minScale floor included, no `scaleCap`), as the stage last drew it; null before a drawing, and
   * for a picture of group tiles (its scale is not a node's size). Not updated while the picture
   * is kept readable beside the open inspector (the panel's room is not the picture's size). Written by the stage
   * (drawStage.ts); a compare view reads both panes' (compare/paneScale.ts).
   */
  fitScale: number | null;
  /**
   * Most CSS px per design unit the picture is drawn at (LayoutOptions.maxScale): in a compare
   * pane, the other pane's smaller fit, so one service is drawn at one size in both. Null: no cap
   * (the single view, or the pane with the smaller fit). Ignored by group tiles.
   */
  scaleCap: number | null;
  /**
   * The picture's own wish for the large text (readableText.ts: its names under 10 px, drawn
   * larger so), as the stage last judged it. Written by TopologyView; a compare view reads both.
   */
  largeTextWanted: boolean;
  /** The large text asked for by the picture beside this one (a compare pane's other, compare/paneScale.ts): one geometry for both. */
  largeTextShared: boolean;
  /**
   * The columns a row a share link's picture had (`cols=`), for the scenario it opened (`forName`,
   * ScenarioInfo.name): the stage keeps those rows while they fit (topology/linkArrangement.ts).
   * Null for a link without it (the stage's own arrangement). Written by runLink.ts openLink.
   */
  linkCols: { forName: string; cols: number } | null;
  /**
   * The columns a row of the picture as the stage last drew it whole (not beside the inspector;
   * linkArrangement.ts linkColumns), written into a share link as `cols=`; null before a drawing
   * and for group tiles. Written by the stage (drawStage.ts).
   */
  drawnCols: number | null;
}

export type AppStore = StoreApi<AppState> & {
  setState(updater: (draft: AppState) => void): void;
};

export function createAppStore(entries: ScenarioEntry[] = [], theme: Theme = 'light'): AppStore {
  return createStore<AppState>()(
    immer(() => ({
      entries,
      selectedId: null,
      info: null,
      loadProblems: null,
      status: RunStatus.loading,
      speedId: DEFAULT_SPEED_ID,
      stats: EMPTY_STATS,
      error: null,
      opening: null,
      runFailure: null,
      faults: [],
      faultsListed: false,
      clearedFaults: [],
      recipe: null,
      linkProblems: null,
      importWarnings: null,
      openLint: null,
      seekingTo: null,
      settling: null,
      storyMoves: 0,
      fitScale: null,
      scaleCap: null,
      largeTextWanted: false,
      largeTextShared: false,
      linkCols: null,
      drawnCols: null,
      theme,
      presenter: false,
    })),
  ) as AppStore;
}
