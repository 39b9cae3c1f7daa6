// What the snapshots of a SimHost's run are made of, and what they need of the host
// (hostSnapshots.ts takes, restores and fills them in; SimHost is the host).
import type { WallClock } from '../sim-engine';
import type { World, WorldObserver } from '../models';
import type { Scenario } from '../scenario';
import type { SavedLog } from './eventLog';
import type { InFlightState } from './InFlight';
import type { SeriesRecorder } from './series';
import type { EdgeWindow } from './edgeWindow';
import type { HostSnapshots } from './hostSnapshots';
import type { Snapshot, SnapshotPolicy } from './snapshots';

/** What a snapshot copies beyond the world's own state: the chart series and the messages in flight (InFlightState's fields). */
export interface HostState extends InFlightState {
  world: World;
  series: SeriesRecorder;
  /** The link figures' window (edgeWindow.ts). */
  rates: EdgeWindow;
}

/** A snapshot: the host's state as copied, and the event log as saved (in chunks shared between snapshots; see EventLog.save). */
export interface SnapshotState {
  host: HostState;
  log: SavedLog | null;
}

export type HostSnapshot = Snapshot<SnapshotState>;

/**
 * What the snapshots need of the host whose run they copy (SimHost). The host is the world's
 * observer: a copy is taken with it detached, and it is put back after.
 */
export interface SnapshotHost extends WorldObserver {
  readonly wallClock: WallClock;
  /** The run's world; throws when none is loaded. */
  requireWorld(): World;
  /** The parsed scenario the run was built from (copies share it). */
  readonly scenario: Scenario | null;
  /** The first live action the run has not had yet. */
  readonly nextAction: number;
  /**
   * The host's state for a copy at this point, made ready for it: only the messages still in
   * flight go in; for a copy `inSlices`, the series is closed up to now first, so the frames
   * packed while the copy goes on (each closes it to this same time) change nothing it copies.
   */
  stateForCopy(inSlices: boolean): HostState;
  /** The event log as it stands, saved in chunks shared with `prev` where unchanged; null while the log is off. */
  saveLog(prev: SavedLog | null): SavedLog | null;
  /** Makes `s`, a copy of `snap`'s state, the run: the world and the recorders as they were there. */
  adopt(snap: HostSnapshot, s: HostState): void;
  /** Runs toward `target` (simulated ms) for at most `budgetMs` of wall time, replaying live actions; true when there. */
  runToward(target: number, budgetMs: number): boolean;
  /** A second host for the same recipe, whose snapshots are for one fill (see HostSnapshots.idle). */
  fillHost(policy: SnapshotPolicy): SnapshotHost & { readonly snaps: HostSnapshots };
}
