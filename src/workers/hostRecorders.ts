import type { EventRecorder } from '../sim-engine';
import { requestOfEvent, type World } from '../models';
import type { Scenario } from '../scenario';
import { seriesFor, type SeriesBatch, type SeriesRecorder } from './series';
import { EventLog, logActor, type EventFilter, type EventRows, type SavedLog } from './eventLog';

/** The recorders of one world, as a host puts them aside while another scenario is tried (HostRecorders.save). */
export interface SavedRecorders {
  readonly world: World | null;
  readonly series: SeriesRecorder | null;
  readonly log: EventLog | null;
}

/**
 * What a host records of its run's current world for the app, beside the frames: the charts'
 * per-second series (series.ts) and the event log (eventLog.ts). Both are made afresh, in a new
 * epoch, for each new world (a load, a reset, a rebuild for a seek back, a snapshot restored), so
 * the UI knows to drop what it had. Neither changes the run or its trace hash: they only read.
 */
export class HostRecorders {
  /** The world the series and the log belong to; null before the first. */
  world: World | null = null;
  series: SeriesRecorder | null = null;
  log: EventLog | null = null;
  /** Numbers each new series and log (1, 2, ...), so the UI knows to drop what it had. */
  epoch = 0;
  /** Whether worlds get an event log (on in the app; `setLogOn`). */
  logOn = true;

  /**
   * Starts a fresh series and event log for `w` (a new epoch of each): clients and services named
   * by the scenario's lesson figures are counted apart, and the log, when on, hears every event
   * from the engine.
   */
  attach(w: World, scenario: Scenario | null): void {
    this.world = w;
    const epoch = ++this.epoch;
    this.series = seriesFor(w, scenario, epoch);
    this.log = this.logOn ? new EventLog(epoch) : null;
    w.sim.recorder = logHook(w, this.log);
  }

  /** Recorders for `w`, made afresh when the world has changed since the last (a load, reset or seek back); none for null. */
  follow(w: World | null, scenario: Scenario | null): void {
    if (w !== null && this.world !== w) this.attach(w, scenario);
  }

  /**
   * Takes over a world restored from a snapshot, with its series as copied there and its log as
   * saved (null: none): a new epoch of both, as after a rebuild. The log being left takes no more
   * events: the restored one takes over its arrays.
   */
  adopt(w: World, series: SeriesRecorder, saved: SavedLog | null): void {
    this.world = w;
    const epoch = ++this.epoch;
    (series as { epoch: number }).epoch = epoch;
    this.series = series;
    this.log = this.logOn && saved !== null ? EventLog.fromSave(saved, epoch, this.log) : null;
    w.sim.recorder = logHook(w, this.log);
  }

  /** Turns the event log on or off, for `w` from now on (a fresh epoch) and for later worlds. */
  setLogOn(on: boolean, w: World | null, scenario: Scenario | null): void {
    this.logOn = on;
    if (w !== null) this.attach(w, scenario);
  }

  /**
   * The series' closed buckets of `w` (up to its clock) from index `from` on; all of them (from 0)
   * when `epoch` is not the current series' (the run started again since the caller last asked).
   */
  seriesSince(w: World, scenario: Scenario | null, epoch: number, from: number): SeriesBatch {
    this.follow(w, scenario);
    const s = this.series!;
    s.advanceTo(w.sim.now);
    return s.since(epoch === s.epoch ? from : 0);
  }

  /** Rows `offset` .. `offset + count` (at most 1000) of `w`'s event log under `filter`; null when the log is off. */
  query(w: World, scenario: Scenario | null, offset: number, count: number, filter: EventFilter): EventRows | null {
    this.follow(w, scenario);
    return this.log?.query(offset, count, filter) ?? null;
  }

  /** The recorders as they stand, to put back with `restore` (the epoch counter is not: it only grows). */
  save(): SavedRecorders {
    return { world: this.world, series: this.series, log: this.log };
  }

  /** Puts back recorders from `save`. */
  restore(s: SavedRecorders): void {
    this.world = s.world;
    this.series = s.series;
    this.log = s.log;
  }
}

/** The engine's hook that writes `w`'s events into `log` (null: no hook): each proxy's events under the proxy (logActor), not the data plane. */
function logHook(w: World, log: EventLog | null): EventRecorder | null {
  return log === null ? null : (time, kind, target, a, b) => log.record(time, kind, logActor(w, target, kind, a, b), requestOfEvent(w, kind, a, b));
}
