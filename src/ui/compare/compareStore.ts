// The compare view's shared state, outside React (zustand vanilla with immer, as the app's
// store): the one clock, the controls, the figures of both runs at one moment, their series,
// where they first differ, and the faults injected into both, each listed once.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { immer } from 'zustand/middleware/immer';
import type { SeriesState } from '../charts/seriesStore';
import type { LinkProblem, OpenStage } from '../state/store';
import { DEFAULT_SPEED_ID } from '../sim/speeds';
import type { PaneFigures } from './diff';
import type { Divergence } from './divergence';
import type { PairWindow } from './windowSpan';

/**
 * The scope the figures are read for: `s.scope` when either run has that client, else null (every
 * client's; a link's unknown client falls back to all). Pure.
 */
export function scopeInUse(s: Pick<CompareState, 'scope' | 'figures'>): string | null {
  if (s.scope === null || !s.figures) return null;
  return s.figures.some((f) => f.summary.clients?.[s.scope!]) ? s.scope : null;
}

/** Where the pair is: opening its two runs, ready at 0, playing, paused, both at their ends, or stopped for good. */
export type CompareStatus = 'loading' | 'ready' | 'playing' | 'paused' | 'done' | 'failed';

/** A fault a person injected once, into both panes: listed once, with where it took. */
export interface CompareFault {
  /** Its order among the injected faults, from 1. */
  n: number;
  /** "kill-replica on payments". */
  label: string;
  /** The shared clock when it went in, simulated ms. */
  atMs: number;
  /** Whether each pane took it (A, B). */
  hit: [boolean, boolean];
  /** Why a pane did not take it: "B (retry-storm-fixed) has no node named payments", or the worker's `path: message`. */
  notes: string[];
}

/** The pane being opened while the pair opens (A, then B), as the single view's opening shows a file. */
export interface CompareOpening {
  side: 'A' | 'B';
  /** Its scenario's name, or its file's. */
  label: string;
  stage: OpenStage;
  /** performance.now() when it began opening, ms. */
  startedAt: number;
  /** The scenario's size, characters. */
  bytes: number;
}

export interface CompareState {
  status: CompareStatus;
  /** The pane being opened, with its stage, until both are open or one is refused or cancelled; else null. */
  opening: CompareOpening | null;
  /** A's and B's scenario names (file names), once the link named a usable pair. */
  pair: [string, string] | null;
  /**
   * When the link named no usable pair, the first side it named rightly (a shipped scenario), for
   * "Single view" to open; else null.
   */
  knownSide: string | null;
  /** A's and B's titles. */
  titles: [string, string];
  /**
   * What tells the runs apart when both run one scenario and B is A plus config changes (a
   * branch): ["as run", "with timeout 5ms on payments at 15.0 s"]; null otherwise (their names do).
   */
  labels: [string, string] | null;
  /** A branch whose every change of B reaches no request (src/ui/changes/BranchReach.tsx): B is labelled "no effect". */
  branchNoEffect: boolean;
  /** The pane the inspector asks about (its clicks, its dots, its replica cards' run). */
  inspecting: 'A' | 'B';
  /** Presenter mode in both panes (`f`). */
  presenter: boolean;
  /** The seed both run with. */
  seed: number | null;
  speedId: string;
  /** The shared clock: the time of the pane that is behind (the slower one sets the pace), ms. */
  simTime: number;
  /** Each pane's own time as last put in the store (A, B), ms: the one ahead is at most one frame's step ahead. */
  paneTimes: [number, number];
  /** The longer of the two durations, ms: the timeline's length. */
  durationMs: number;
  seekingTo: number | null;
  /**
   * While a seek runs, how far each pane's run has got (A, B), simulated ms, moved at each of its
   * worker's slices (pairSeek.ts): the panes' pictures and the clock are held until both stand at
   * the target, so this is what says a long seek is moving (seekProgress.ts).
   */
  seekReached: [number, number];
  /**
   * What is bringing both panes to one time, or null: after Pause ('pausing') or Step
   * ('stepping') the pane behind runs up to the other, which takes worker calls, and meanwhile
   * one pane may stand a frame ahead and the figures be of an earlier moment. The header says
   * "pausing…" or "stepping…" until then, not "paused".
   */
  settling: 'pausing' | 'stepping' | null;
  /** The client whose requests the table and the failures chart are for ("figures for"), or null for every client's; kept in the link as `scope=`. */
  scope: string | null;
  /**
   * The client the pair's stories are about (pairs.ts lessonClient), or null for a pair without one:
   * a link without `scope=` opens on it, and the verdict line offers every client's figures beside it.
   */
  lessonClient: string | null;
  /**
   * The window a person picked for "Figures over a window" (pairWindow.ts), as `compare A B --from T
   * --to T` takes it, or null for none; kept in the link as `from=` / `to=`.
   */
  window: PairWindow | null;
  /** Both runs' figures at one moment (`figuresAt`), or null before the first. */
  figures: [PaneFigures, PaneFigures] | null;
  figuresAt: number;
  series: [SeriesState, SeriesState];
  /** The first moment the runs differ visibly (see divergence.ts), or null while they have not. */
  divergence: Divergence | null;
  faults: CompareFault[];
  /** What was wrong with the link (`param: message`). */
  linkProblems: LinkProblem[];
  /** What went wrong with the last injection, as lines for a person. */
  injectProblems: string[];
  /** Why the runs stopped for good, or null. */
  error: string | null;
  /** The last share link made, shown to copy. */
  shared: string | null;
}

export type CompareStore = StoreApi<CompareState> & { setState(updater: (draft: CompareState) => void): void };

const EMPTY_SERIES: SeriesState = { epoch: -1, bucketMs: 1000, buckets: [] };

export function createCompareStore(): CompareStore {
  return createStore<CompareState>()(
    immer(() => ({
      status: 'loading' as CompareStatus,
      opening: null,
      pair: null,
      knownSide: null,
      titles: ['', ''] as [string, string],
      labels: null,
      branchNoEffect: false,
      inspecting: 'A' as 'A' | 'B',
      presenter: false,
      seed: null,
      speedId: DEFAULT_SPEED_ID,
      simTime: 0,
      paneTimes: [0, 0] as [number, number],
      durationMs: 0,
      seekingTo: null,
      seekReached: [0, 0] as [number, number],
      settling: null,
      scope: null,
      lessonClient: null,
      window: null,
      figures: null,
      figuresAt: 0,
      series: [EMPTY_SERIES, EMPTY_SERIES] as [SeriesState, SeriesState],
      divergence: null,
      faults: [],
      linkProblems: [],
      injectProblems: [],
      error: null,
      shared: null,
    })),
  ) as CompareStore;
}
