// UI state in a React-free store: zustand's vanilla store with immer for nested updates.
// Components bind to it through `useAppStore` with narrow selectors. Per-frame typed arrays
// never pass through here (see frameChannel.ts); counters arrive at a throttled rate.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { immer } from 'zustand/middleware/immer';
import type { FaultStatus, LoadResult, ScenarioInfo } from '../../workers/protocol';
import type { ScenarioEntry } from '../scenarios/catalog';
import { DEFAULT_SPEED_ID } from '../sim/speeds';

/** One thing wrong with a scenario file, as the worker reports it. */
export type Problem = Extract<LoadResult, { ok: false }>['problems'][number];

/**
 * Where the run is. `ready`: loaded, at time zero or reset; `done`: reached its duration;
 * `crashed`: the worker failed and the page must be reloaded.
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
  failures: Record<string, number>;
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
  failures: {},
  traceHash: '',
};

export type Theme = 'light' | 'dark';

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
  /** Every fault of the run (from the scenario and injected), as the worker last listed them. */
  faults: FaultStatus[];
  /** Light (the default, for projectors) or dark. */
  theme: Theme;
  /** Presenter mode: the topology and the narrative only, large type, light background. */
  presenter: boolean;
  /** Faults the person cleared: one not started yet stays listed as pending by the worker, one active ends at the next event. */
  clearedFaults: number[];
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
      faults: [],
      clearedFaults: [],
      theme,
      presenter: false,
    })),
  ) as AppStore;
}
