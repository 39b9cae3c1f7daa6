import { StalledClockError, deepCopy, reachableFrom, startCopy, type CopyJob, type WallClock } from '../sim-engine';
import { SnapshotShelf, DEFAULT_SNAPSHOT_POLICY, type Snapshot, type SnapshotPolicy } from './snapshots';
import { FILL_BUDGET_SHARE, eventsPerSimMs, planFill, runEvents } from './backfill';
import { EVENT_KIND_NAMES, Tracer, World, requestOfEvent, summarize, type RunSummary, type Trace, type TraceSummary, type TracerOptions, type WorldObserver } from '../models';
import { inspectEdge, inspectNode, type EdgeInspect, type NodeInspect } from './inspect';
import { seriesFor, type SeriesRecorder, type SeriesBatch } from './series';
import { EdgeWindow, replicaBase, replicaUtilization } from './edgeWindow';
import { EventLog, logActor, logActorNames, type EventFilter, type EventRows, type SavedLog } from './eventLog';
import { countBeforeReading, formatDuration, pathOfActor, readScenarioText, scenarioFormat, validateScenario, type Problem, type Scenario } from '../scenario';
import { UNPINNED, insertAction, pointBefore, withoutInjected, type LiveAction } from './liveActions';
import { EDGE_STRIDE, EdgeField, type FaultStatus, type Frame, type InjectResult, LoadStage, type LoadResult, runStopped } from './protocol';
import { InFlight, type InFlightState } from './InFlight';
import { packCounters, packDots, packEdges, packNodes } from './frame';
import { changeStatuses, checkActions, checkChange, checkFault, faultStatuses, type ChangeStatus } from './recipe';
import { applyAction, reachPoint } from './replay';
import { PlainTwin, type PlainReading } from './plainTwin';
import { PLAIN_TWIN_MEASURES } from '../scenario';

/**
 * What the app's tracer keeps by default: every 20th request and the last 200 failed ones (the
 * newest 200 of each). Failures are caught by recording requests while they are in flight, at
 * most 500 at once, as numbers (spans/TraceRecord.ts), built into spans only when a kept trace is
 * read. That still costs the worker time: istio-load-test-full's first 3 simulated s took 1,262 ms
 * with it against 875 ms without (session 9, bundled Node, medians of 7; 1,878 ms before spans
 * were recorded as numbers); `setTracing` changes it or turns it off (null).
 */
export const WORKER_TRACE_OPTIONS: TracerOptions = { sampleEvery: 20, maxSampled: 200, maxFailed: 200, maxRecording: 500 };

/**
 * Wall time a new scenario may spend on its events at t = 0: a backstop, not the test. A clock
 * stuck at zero is found by the engine's own guard, counted in events (`stallLimit`: a million in
 * a row for a small scenario), so the same file gets the same message, with the same count, on a
 * quiet or a loaded machine. Before (session 19), a 5 s budget here was the test: at load 12-27 it
 * ran out after 250-640k events, before the guard, and the message depended on the machine. The
 * backstop is for files whose guard counts hundreds of millions (a million users: 128 million);
 * it too names what loops (runTimeZero). No shipped scenario takes a millisecond at t = 0; the
 * opening shows its stage and a Cancel all the while, in a worker of its own.
 */
export const START_BUDGET_MS = 60_000;
/**
 * Simulated ms before a seek's target in which a message that came and went between frames
 * lights its link (Frame.passed): about what the lanes' glow shows of play at 0.1x to 1x (it fades
 * in 260 ms of wall time). Only the moment's traffic, however long the seek ran.
 */
export const SEEK_PASSED_MS = 100;

/** Events sampled at t = 0, once the start budget is spent, to name what loops (as the engine's guard samples its last 4,096). */
export const START_STALL_SAMPLE = 4096;

/** What a snapshot copies beyond the world's own state: the chart series and the messages in flight (InFlightState's fields). */
interface HostState extends InFlightState {
  world: World;
  series: SeriesRecorder;
  /** The link figures' window (edgeWindow.ts). */
  rates: EdgeWindow;
}

/** A snapshot: the host's state as copied, and the event log as saved (in chunks shared between snapshots; see EventLog.save). */
interface SnapshotState {
  host: HostState;
  log: SavedLog | null;
}

/**
 * A snapshot being copied a slice at a time while playing (see SnapshotPolicy.playMs): the world
 * it copies, and the point the run stands still at until the copy is done.
 */
interface Taking {
  readonly job: CopyJob<HostState>;
  readonly world: World;
  readonly ms: number;
  readonly ev: number;
  readonly nextAction: number;
  /** The event log saved at the point (a save is cheap: it shares chunks). */
  readonly log: SavedLog | null;
  /** Wall ms spent copying so far (in the slices, not between them). */
  spentMs: number;
}

/**
 * A replay of the recipe filling in a snapshot while the run stands still (see SimHost.idle and
 * backfill.ts): a second host, started from a copy of the kept snapshot `from`, run to `atMs`,
 * where it takes one.
 */
interface Filler {
  readonly host: SimHost;
  /** The recipe it replays (SimHost.recipeVersion when it started): any other drops it. */
  readonly version: number;
  readonly from: Snapshot<SnapshotState>;
  readonly atMs: number;
  /** The copy of `from` the replay starts from, while it is being made; null once the replay runs. */
  copy: CopyJob<HostState> | null;
}

/**
 * Hosts one World for the UI: loads scenario text, advances simulated time in wall-time
 * slices, and packs each frame into typed arrays. Free of comlink and DOM, so tests can
 * drive it in Node exactly as the worker does in the browser.
 */
export class SimHost implements WorldObserver {
  private world: World | null = null;
  private scenario: Scenario | null = null;
  /** The scenario as written, to validate injected faults against its names. */
  private rawScenario: Record<string, unknown> = {};
  private seq = 0;
  /** The messages on the wire, drawn as dots, and those passed since the last frame. */
  private inFlight = new InFlight();

  /** How the next worlds are traced; null: no spans kept. */
  private traceOptions: TracerOptions | null = WORKER_TRACE_OPTIONS;

  // ---- charts and the event log (see attachRecorders) ----
  /** The world the series and the log below belong to. */
  private recordedWorld: World | null = null;
  private series: SeriesRecorder | null = null;
  /** Per-edge counts at each tenth of a simulated second over the last second (the link figures). */
  private rates: EdgeWindow | null = null;
  private log: EventLog | null = null;
  /** Numbers each new series and log, so the UI knows to drop what it had. */
  private recordEpoch = 0;
  /** Whether worlds get an event log (on in the app; `setEventLog`). */
  private eventLogOn = true;

  // ---- the recipe's live actions (see runToward) ----
  /** Faults injected and cleared live, in run order, replayed at their points after a rebuild. */
  private actions: LiveAction[] = [];
  /** The first action the current world has not had yet. */
  private nextAction = 0;

  // ---- snapshots (see snapshots.ts) ----
  /** Copies of the run at points of this recipe, for seeks (empty when the policy is null). */
  private shelf = new SnapshotShelf<SnapshotState>();
  /** When, and within what memory, snapshots are taken; null: none (every seek back starts from zero). */
  private snapshotPolicy: SnapshotPolicy | null = DEFAULT_SNAPSHOT_POLICY;
  /** Wall ms the run has spent running since the latest snapshot at or before its point (or since zero). */
  private wallSinceSnapshot = 0;
  /** The run jumped (a rebuild or a restore) since the last frame: that frame counts nothing as passed. */
  private jumped = false;

  /** The recipe's twin without sidecars, for the lesson figures that compare against it (see plainReading); null until one is asked for. */
  private twin: PlainTwin | null = null;

  constructor(private readonly wallClock: WallClock) {}

  /**
   * The twin's figures at `nowMs` (plainTwin.ts), when a lesson figure of the scenario (a step's
   * or a question's) compares against it; undefined otherwise. A new twin for a new scenario,
   * seed or list of live actions; the same one, read from its history, across seeks.
   */
  private plainReading(nowMs: number): PlainReading | undefined {
    const s = this.scenario;
    const w = this.world;
    if (s === null || w === null) return undefined;
    const asks = s.narrative.some((st) => [st.figure, st.question?.figure].some((f) => f !== undefined && PLAIN_TWIN_MEASURES.includes(f.measure)));
    if (!asks) return undefined;
    const t = this.twin;
    if (t === null || t.seed !== w.seed || t.actions !== this.actions || t.source !== this.rawScenario) this.twin = new PlainTwin(this.rawScenario, w.seed, this.actions);
    return this.twin!.readingAt(nowMs);
  }

  /**
   * Parses, validates and builds a scenario, then runs the events at t = 0, so a scenario whose
   * clock cannot leave zero is refused here rather than freezing the run. Problems come back as
   * data, never thrown; on any problem the previous scenario stays loaded, as it was.
   * `fileName` decides JSON or YAML as in the CLI (`scenarioFormat`); without one, the text does.
   * `onStage` hears each stage as it begins (the app shows them while a large file opens).
   */
  load(text: string, seed?: number, fileName?: string, onStage?: (stage: LoadStage) => void): LoadResult {
    onStage?.(LoadStage.parsing);
    // As the CLI's parseScenarioText: a large JSON text's nodes are counted before it is read.
    const format = scenarioFormat(fileName, text);
    const tooMany = countBeforeReading(text, format);
    if (tooMany.length) return { ok: false, problems: tooMany };
    const read = readScenarioText(text, format);
    if (!read.ok) return read;
    const data = read.data as Record<string, unknown>;
    const title = typeof data?.title === 'string' && data.title.trim() ? data.title.trim() : undefined;
    onStage?.(LoadStage.validating);
    const r = validateScenario(read.data);
    if (!r.ok) return { ...r, title };
    onStage?.(LoadStage.building);
    const previous = this.stash();
    this.rawScenario = data;
    this.scenario = r.scenario;
    this.build(seed ?? r.scenario.seed);
    onStage?.(LoadStage.starting);
    const stalled = this.runTimeZero();
    if (stalled) {
      this.unstash(previous);
      return { ok: false, problems: [stalled], title };
    }
    const s = r.scenario;
    return {
      ok: true,
      info: {
        name: s.name,
        title: s.title ?? s.name,
        description: s.description ?? '',
        seed: this.world!.seed,
        durationMs: s.duration,
        warmupMs: s.warmup,
        topology: this.world!.topology,
        narrative: s.narrative,
        lesson: s.lesson ?? '',
        layout: s.layout ?? {},
      },
    };
  }

  /**
   * Runs the events at t = 0 of a freshly built world. A problem when the engine throws (its guard
   * against many events at one time, say: the problem names the busiest actor's field); null when
   * the clock can move on. When START_BUDGET_MS of wall time run out first, the guard is brought
   * down to the events run so far plus START_STALL_SAMPLE, so the refusal is still the guard's,
   * naming what loops (its count then the events run in the budget); the guard is put back if the
   * clock moves on after all.
   */
  private runTimeZero(): Problem | null {
    const w = this.requireWorld();
    try {
      if (w.runFor(START_BUDGET_MS, 0, this.wallClock)) return null;
      const limit = w.sim.sameTimeLimit;
      // Every event so far was at t = 0, so the guard's run of events at one time is all of them.
      w.sim.sameTimeLimit = w.sim.events + START_STALL_SAMPLE;
      if (w.runFor(Number.POSITIVE_INFINITY, 0, this.wallClock)) {
        w.sim.sameTimeLimit = limit;
        return null;
      }
    } catch (e) {
      return this.problemOf(e);
    }
    return {
      path: '(run)',
      message: `stopped at t = 0 ms: ${w.sim.events.toLocaleString('en-US')} events in ${START_BUDGET_MS / 1000} s of wall time and the clock never moved; something loops without taking time (zero think time with zero service time, or failures that take none)`,
    };
  }

  /**
   * An error from the running engine as a problem against the scenario: a stalled clock (the
   * engine's guard) at the field of the busiest actor it names, anything else at `(run)`.
   */
  private problemOf(e: unknown): Problem {
    if (e instanceof StalledClockError) return { path: (this.scenario && pathOfActor(this.scenario, e.actors)) ?? '(run)', message: e.message };
    const at = formatDuration(this.world?.sim.now ?? 0);
    return { path: '(run)', message: `the simulation failed at t = ${at}: ${e instanceof Error ? e.message : String(e)}` };
  }

  /** The loaded run and its drawing state, put aside while another scenario is tried. */
  private stash() {
    const { world, scenario, rawScenario, inFlight, recordedWorld, series, rates, log, shelf, actions, nextAction } = this;
    this.inFlight = new InFlight();
    // A new scenario: no snapshot of the old one holds for it.
    this.shelf = new SnapshotShelf<SnapshotState>();
    this.recipeVersion++;
    this.spread = 1;
    this.lastTakeMs = -1;
    return { world, scenario, rawScenario, inFlight, recordedWorld, series, rates, log, shelf, actions, nextAction };
  }

  private unstash(s: ReturnType<SimHost['stash']>): void {
    Object.assign(this, s);
  }

  /**
   * Injects a fault while the run plays: `at` and `for` count from now. The fault is checked
   * like one in a scenario file; problems come back as `fault.field: message`.
   */
  injectFault(input: unknown): InjectResult {
    const w = this.requireWorld();
    const r = checkFault(this.rawScenario, w.duration, input, w.sim.now);
    if (!r.ok) return r;
    // The world changes here: a copy in slices of it as it stood is abandoned.
    this.taking = null;
    // Injected here and now: kept in run order (after actions already had at this point), and
    // later clears of faults this one pushes up a number are renumbered.
    const action: LiveAction = { kind: 'inject', ms: w.sim.now, ev: w.sim.events, fault: input as Record<string, unknown> };
    this.actions = insertAction(this.actions, this.nextAction, action, w.faults.faults.length);
    this.nextAction++;
    // Snapshots after this point were taken without the fault; those before it still hold.
    this.shelf.dropAfter(action);
    this.recipeVersion++;
    const id = w.faults.add(r.fault);
    return { ok: true, id, action };
  }

  /**
   * Ends an active fault now (or cancels one not started yet), and keeps that in the recipe's
   * actions. An unknown number changes nothing and returns null.
   */
  clearFault(id: number): LiveAction | null {
    const w = this.requireWorld();
    // A fault the recipe injects later (listed as pending after a seek back) can be cleared too:
    // the injector cancels a number before the fault that takes it is added.
    const later = this.actions.slice(this.nextAction).filter((a) => a.kind === 'inject').length;
    if (!Number.isInteger(id) || id < 0 || id >= w.faults.faults.length + later) return null;
    this.taking = null;
    const action: LiveAction = { kind: 'clear', ms: w.sim.now, ev: w.sim.events, id };
    this.actions = insertAction(this.actions, this.nextAction, action, w.faults.faults.length);
    this.nextAction++;
    this.shelf.dropAfter(action);
    this.recipeVersion++;
    w.faults.clear(id);
    return action;
  }

  /**
   * Makes a config change while the run plays (issue 12.2, "apply a change now"): `at` counts
   * from now. Checked like a `changes` entry of the scenario file; problems come back as
   * `change.field: message`. Kept in the recipe's actions like an injected fault.
   */
  applyChange(input: unknown): { ok: true; id: number; action: LiveAction } | { ok: false; problems: Problem[] } {
    const w = this.requireWorld();
    const r = checkChange(this.rawScenario, w.duration, input, w.sim.now);
    if (!r.ok) return r;
    this.taking = null;
    const action: LiveAction = { kind: 'change', ms: w.sim.now, ev: w.sim.events, change: input as Record<string, unknown> };
    this.actions = insertAction(this.actions, this.nextAction, action, w.faults.faults.length);
    this.nextAction++;
    this.shelf.dropAfter(action);
    this.recipeVersion++;
    const id = w.configChanges.addLive(r.change);
    return { ok: true, id, action };
  }

  /** Config changes of this run: the scenario's and live ones, made or to come, with how far each spread. */
  changes(): ChangeStatus[] {
    return changeStatuses(this.requireWorld());
  }

  /** The faults injected and cleared live, in run order: the recipe's part that is not the scenario. */
  liveActions(): LiveAction[] {
    return this.actions.map((a) => ({ ...a }));
  }

  /**
   * Replaces the live actions (from a link) and starts the run again from zero, so they replay
   * at their points. Each is checked first: a point out of order, a clear of a fault that will not
   * exist, or a fault the scenario refuses is dropped and named as `faults.N...: message` (N its
   * place in the list given). Returns those problems; the rest are kept.
   */
  setActions(list: readonly LiveAction[]): Problem[] {
    const w = this.requireWorld();
    const { kept, problems } = checkActions(this.rawScenario, w.duration, this.scenario!.faults.length, list);
    this.actions = kept;
    this.dropSnapshots();
    this.build(w.seed);
    return problems;
  }

  /**
   * "Clear injected faults": drops every injection (and the clears of injected faults) from the
   * actions and starts the run again from zero; the caller runs it back to where it was.
   */
  clearInjected(): void {
    const w = this.requireWorld();
    this.actions = withoutInjected(this.actions, this.scenario!.faults.length);
    this.dropSnapshots();
    this.build(w.seed);
  }

  /**
   * Runs to `targetMs` as fast as it goes, for at most `budgetMs` of wall time, replaying the
   * live actions at their points, and returns one frame at the time reached (no frames in
   * between). An earlier time than now, or `fromStart`, goes back to the latest snapshot at or
   * before the target (see snapshots.ts), or to zero when there is none; a later time jumps to
   * such a snapshot when it lies ahead of now. Either way the live actions after it replay at
   * their points, so the frame is the one a run from zero gives (trace hash, counters, dots),
   * except that a frame after a jump counts nothing as passed. Otherwise the frame counts as
   * passed only the messages that arrived in the last SEEK_PASSED_MS before the target (the
   * links lit are those traffic crosses at that moment). A frame short of the target means the
   * budget ran out: call again to go on.
   */
  seekTo(targetMs: number, budgetMs: number, fromStart = false): Frame {
    const w0 = this.requireWorld();
    const back = fromStart || targetMs < w0.sim.now;
    const snap = this.shelf.latestAtOrBefore(Math.min(w0.duration, Math.max(0, targetMs)));
    if (snap !== null && (back || pointBefore({ ms: w0.sim.now, ev: w0.sim.events }, snap))) this.restore(snap);
    else if (back) {
      this.build(w0.seed);
      this.jumped = true;
    }
    const w = this.requireWorld();
    this.playingOn = false;
    const target = Math.min(w.duration, Math.max(0, targetMs));
    // Links light up for the traffic that crossed them in the last SEEK_PASSED_MS before the
    // target only: what the seek ran through earlier is not what happens at that moment.
    this.inFlight.passedAfter = target - SEEK_PASSED_MS;
    try {
      try {
        this.runToward(target, budgetMs);
      } catch (e) {
        throw runStopped(this.problemOf(e), w.sim.now);
      }
      return this.frame();
    } finally {
      this.inFlight.passedAfter = Number.NEGATIVE_INFINITY;
    }
  }

  /**
   * Runs toward `target` for at most `budgetMs` of wall time, stopping at each live action's
   * point on the way to apply it. True when it got there.
   */
  private runToward(target: number, budgetMs: number): boolean {
    const deadline = this.wallClock() + budgetMs;
    // A snapshot being copied in slices holds the run still until it is done.
    if (this.taking !== null && !this.stepTaking(deadline)) return false;
    for (;;) {
      const start = this.wallClock();
      const left = Math.max(0, deadline - start);
      const w = this.requireWorld();
      const policy = this.snapshotPolicy;
      // In slices no longer than a snapshot's spacing, so one is taken on time in a long seek.
      const slice = policy === null ? left : Math.min(left, Math.max(1, policy.wallMs * this.spread - this.wallSinceSnapshot));
      // And no further than a snapshot's spacing in simulated time.
      const basisMs = policy === null ? 0 : this.shelf.latestUpTo({ ms: w.sim.now, ev: w.sim.events })?.ms ?? 0;
      const until = policy === null ? target : Math.min(target, Math.max(w.sim.now, basisMs + policy.simMs * this.spread));
      const reached = this.runSlice(until, slice);
      const done = reached && until === target;
      const ran = this.wallClock() - start;
      this.wallSinceSnapshot += ran;
      if (policy !== null) this.maybeSnapshot(policy);
      if (this.taking !== null && !this.stepTaking(deadline)) return false;
      if (done) return true;
      if (this.wallClock() >= deadline) return false;
    }
  }

  /** `runToward` for one slice of wall time, applying the live actions met on the way. */
  private runSlice(target: number, budgetMs: number): boolean {
    const w = this.requireWorld();
    const deadline = this.wallClock() + budgetMs;
    const left = () => Math.max(0, deadline - this.wallClock());
    for (;;) {
      const a = this.actions[this.nextAction];
      // Each tenth of a second on the way is a stop, where the link figures' window is sampled.
      const step = this.rates!.next;
      if (step <= target && (!a || step < a.ms)) {
        if (!w.runFor(left(), step, this.wallClock)) return false;
        this.sampleStep(w);
        // The budget holds across stops, as runFor's own checks hold it within one.
        if (left() <= 0) return false;
        continue;
      }
      if (!a || a.ms > target) return w.runFor(left(), target, this.wallClock);
      if (!reachPoint(w, a, left(), this.wallClock)) return false;
      // An unpinned point is pinned where it was reached, so later replays stop there exactly.
      if (a.ev === UNPINNED) this.actions[this.nextAction] = { ...a, ev: w.sim.events };
      applyAction(w, this.rawScenario, a);
      this.nextAction++;
    }
  }

  /**
   * Reads the edges at the link figures' next step (every event up to it run, none after): for
   * the link figures' window, and for the series' per-bucket edge counts on a bucket's end.
   */
  private sampleStep(w: World): void {
    const ms = this.rates!.next;
    this.rates!.sample(w.edgeStats, w.callees);
    this.series?.edgesAt(ms, w.edgeStats);
  }

  /** Every fault of this run: from the scenario and injected, started or pending. */
  faults(): FaultStatus[] {
    return faultStatuses(this.requireWorld(), this.rawScenario, this.actions, this.nextAction);
  }

  /** Starts the loaded scenario again from time zero, optionally with another seed. */
  reset(seed?: number): void {
    if (!this.scenario || !this.world) throw new Error('no scenario loaded');
    // The same seed is the same recipe: its snapshots still hold.
    if (seed !== undefined && seed !== this.world.seed) this.dropSnapshots();
    this.build(seed ?? this.world.seed);
  }

  /**
   * Advances simulated time by up to `simMs`, spending at most `budgetMs` of wall time,
   * and returns the frame at the time reached.
   */
  advance(simMs: number, budgetMs: number): Frame {
    const w = this.requireWorld();
    const target = Math.min(w.duration, w.sim.now + Math.max(0, simMs));
    // Simulated time asked for: playing, when a snapshot must not hold the worker past a frame.
    this.playing = simMs > 0;
    try {
      this.runToward(target, budgetMs);
    } catch (e) {
      throw runStopped(this.problemOf(e), w.sim.now);
    } finally {
      this.playing = false;
    }
    // Play goes on with the next advance: no idle work between frames (see idle).
    this.playingOn = simMs > 0 && w.sim.now < w.duration;
    // No simulated time asked for: the run stands still (the app's pause, a first frame, a pane
    // waiting for the other), when a snapshot play was copying in slices is finished.
    if (simMs <= 0 && this.taking !== null) this.stepTaking(Number.POSITIVE_INFINITY);
    return this.frame();
  }

  /** Processes exactly one event (for stepping through a run) and returns the frame. */
  stepEvent(): Frame {
    const w = this.requireWorld();
    // The run moves one event: a copy in slices of where it stood is finished first.
    if (this.taking !== null) this.stepTaking(Number.POSITIVE_INFINITY);
    try {
      w.start();
      // Actions due before the next event are done first, as a run through them would.
      for (let a = this.actions[this.nextAction]; a && (a.ev === w.sim.events || (a.ev === UNPINNED && w.sim.peek() > a.ms)) && a.ms <= w.sim.peek(); a = this.actions[this.nextAction]) {
        while (this.rates!.next < a.ms) this.sampleStep(w);
        reachPoint(w, a, Number.POSITIVE_INFINITY, this.wallClock);
        if (a.ev === UNPINNED) this.actions[this.nextAction] = { ...a, ev: w.sim.events };
        applyAction(w, this.rawScenario, a);
        this.nextAction++;
      }
      if (w.sim.peek() <= w.duration) {
        // Steps the event passes over: their counts are those now (no event lies between).
        while (this.rates!.next < w.sim.peek()) this.sampleStep(w);
        w.sim.step();
      }
      // Nothing left before the end: this step finishes the run, so the frame says done.
      else {
        while (this.rates!.next <= w.duration) this.sampleStep(w);
        w.sim.runUntil(w.duration);
      }
    } catch (e) {
      throw runStopped(this.problemOf(e), w.sim.now);
    }
    return this.frame();
  }

  summary(): RunSummary {
    return summarize(this.requireWorld(), 0);
  }

  transmit(edge: number, response: boolean, t0: number, t1: number, failed: boolean, retry = false, request = 0, sampled = false): void {
    if (!response && this.series !== null) this.series.requestSent(t0, edge);
    this.inFlight.transmit(edge, response, t0, t1, failed, retry, request, sampled);
  }

  requestEnded(client: number, cause: string, latencyMs: number): void {
    if (this.series !== null) this.series.requestEnded(this.world!.sim.now, client, cause, latencyMs);
  }

  // ---- charts and the event log --------------------------------------------------------

  /**
   * Starts a fresh per-second series and event log for `w` (a new epoch of each): clients and
   * services named by the scenario's lesson figures are counted apart, and the log, when on,
   * hears every event from the engine. Neither changes the run or its trace hash: they only read.
   */
  private attachRecorders(w: World): void {
    this.recordedWorld = w;
    const epoch = ++this.recordEpoch;
    this.series = seriesFor(w, this.scenario, epoch);
    if (this.eventLogOn) {
      const log = new EventLog(epoch);
      this.log = log;
      w.sim.recorder = (time, kind, target, a, b) => log.record(time, kind, logActor(w, target, kind, a, b), requestOfEvent(w, kind, a, b));
    } else {
      this.log = null;
      w.sim.recorder = null;
    }
  }

  /** The recorders of the current world, made afresh when the world has changed (a load, reset or seek back). */
  private recorders(): void {
    if (this.world !== null && this.recordedWorld !== this.world) this.attachRecorders(this.world);
  }

  /**
   * The series' closed buckets from index `from` on; all of them (from 0) when `epoch` is not the
   * current series' (the run started again since the caller last asked).
   */
  seriesSince(epoch: number, from: number): SeriesBatch {
    this.requireWorld();
    this.recorders();
    const s = this.series!;
    s.advanceTo(this.world!.sim.now);
    return s.since(epoch === s.epoch ? from : 0);
  }

  /** Turns the event log on or off for this world (from now on) and the next ones. */
  setEventLog(on: boolean): void {
    this.eventLogOn = on;
    // Snapshots hold the recorders as they were: with the log on, or off.
    this.dropSnapshots();
    if (this.world) this.attachRecorders(this.world);
  }

  /** Rows `offset` .. `offset + count` (at most 1000) of the event log under `filter`; null when the log is off. */
  eventLogQuery(offset: number, count: number, filter: EventFilter = {}): EventRows | null {
    this.requireWorld();
    this.recorders();
    return this.log?.query(offset, count, filter) ?? null;
  }

  /** Names for the event log: actors by id (as the engine names them, then each proxy; see logActor) and event kinds by number. */
  eventLogNames(): { actors: string[]; kinds: string[] } {
    const w = this.requireWorld();
    return { actors: logActorNames(w), kinds: [...EVENT_KIND_NAMES] };
  }

  // ---- the inspector -------------------------------------------------------------------

  /**
   * Turns span keeping on (with these options) or off (null), from now on and for every later
   * reset or load. Requests already in flight keep their current state. It never changes the run.
   */
  setTracing(options: TracerOptions | null): void {
    this.traceOptions = options;
    // The tracer is copied with the world: a copy in slices would mix its settings before and after.
    this.taking = null;
    this.recipeVersion++;
    if (!this.world) return;
    // The tracer stays on the world while requests it records are in flight (their hooks call
    // it); off, it records nothing new.
    const tracer = this.world.tracer;
    if (tracer) {
      tracer.enabled = options !== null;
      if (options) tracer.configure(options);
    } else if (options) this.world.tracer = new Tracer(this.world, options);
  }

  /** A node's replicas, proxies, certificates, ejections and breakers now; null for an unknown id. */
  inspectNode(nodeId: number): NodeInspect | null {
    const w = this.requireWorld();
    const node = inspectNode(w, nodeId);
    const svc = w.callees.find((c) => c.id === nodeId);
    if (node === null || svc === undefined) return node;
    // Each replica's utilization over the node's window, as its box says (edgeWindow.ts).
    const win = this.rates!.window(w.sim.now);
    const base = replicaBase(w.callees, svc.index);
    const replicas = node.replicas.map((r) => {
      const u = replicaUtilization(win, svc, r.index, base);
      return Number.isNaN(u) ? r : { ...r, utilization: u };
    });
    return { ...node, replicas };
  }

  /** An edge's rate, latency, failures by cause (here and further down), attempts and connections; null for an unknown id. */
  inspectEdge(edgeId: number): EdgeInspect | null {
    const w = this.requireWorld();
    const e = inspectEdge(w, edgeId);
    if (e === null) return null;
    // The link label's figure, from the same window (edgeWindow.ts).
    const win = this.rates!.window(w.sim.now);
    const i = edgeId * EDGE_STRIDE + EdgeField.calls;
    if (win.toMs <= win.fromMs || win.counts.length <= i) return e;
    return { ...e, recent: { perSecond: win.counts[i] / ((win.toMs - win.fromMs) / 1000), fromMs: win.fromMs, toMs: win.toMs } };
  }

  /**
   * The spans of a kept request (a copy), or null when it was not kept or has dropped out. A
   * sampled request still in flight (a ringed dot) gives its spans so far (`end` NaN): the
   * tracer keeps it only when it ends, so it is looked for among the live requests.
   */
  requestSpans(requestId: number): Trace | null {
    const w = this.requireWorld();
    let t = w.tracer?.get(requestId) ?? null;
    const tracer = w.tracer;
    if (t === null && tracer) {
      w.requests.forEachLive((r) => {
        if (r.number === requestId && r.trace !== null && r.trace.sampled) t = tracer.materialize(r.trace);
      });
    }
    if (t === null) return null;
    const copy = structuredClone(t) as Trace;
    // A request in flight has spans planned to end later (a message on the wire ends when it
    // arrives): up to now they are open, as a waterfall drawn now must not show the future.
    const now = w.sim.now;
    if (copy.fate === null) for (const sp of copy.spans) if (sp.end > now) sp.end = Number.NaN;
    return copy;
  }

  /** Recently kept requests, newest first (failed ones only if asked), at most `limit` (default 50). */
  sampledRequests(options: { failedOnly?: boolean; limit?: number } = {}): TraceSummary[] {
    return this.requireWorld().tracer?.list(options.failedOnly ?? false, options.limit ?? 50) ?? [];
  }

  private build(seed: number): void {
    const t0 = this.wallClock();
    this.world = new World(this.scenario!, seed);
    this.world.observer = this;
    if (this.traceOptions) this.world.tracer = new Tracer(this.world, this.traceOptions);
    this.attachRecorders(this.world);
    this.rates = new EdgeWindow(this.world.edgeStats.length, replicaBase(this.world.callees, this.world.callees.length));
    this.world.start();
    this.nextAction = 0;
    // Send numbers start again with the run, so the dots drawn at a moment are the same however
    // it was reached (from zero or from a snapshot; see frame's uniform sampling).
    this.inFlight.reset(this.world.topology.edges.length);
    this.wallSinceSnapshot = 0;
    // A run from zero has passed no snapshot yet (the log's next save shares nothing).
    this.basis = null;
    this.taking = null;
    this.buildMs = this.wallClock() - t0;
  }

  // ---- snapshots -----------------------------------------------------------------------

  /**
   * Sets when snapshots are taken and their memory budget (see SnapshotPolicy); null takes none
   * and drops those kept, so every seek back starts from zero (as before snapshots; for tests
   * and measurements). The run itself never changes.
   */
  setSnapshotPolicy(policy: SnapshotPolicy | null): void {
    this.snapshotPolicy = policy;
    if (policy === null) this.dropSnapshots();
  }

  /** Drops every snapshot (the recipe changed from its start) and spaces new ones by the policy again. */
  private dropSnapshots(): void {
    this.shelf.clear();
    this.recipeVersion++;
    this.spread = 1;
    this.taking = null;
  }

  /**
   * The snapshots kept: their points and estimated bytes, oldest first (an event-log chunk that
   * several share is counted in the oldest that holds it, so the bytes add up to what all hold).
   */
  snapshots(): { ms: number; ev: number; bytes: number }[] {
    const bytes = this.shelf.bytesEach();
    return this.shelf.all.map((s, i) => ({ ms: s.ms, ev: s.ev, bytes: bytes[i] }));
  }

  /**
   * Wall ms the last snapshot copy took, taking it or restoring it (`copyMs`), and taking the last
   * one (`takeMs`, -1 before any; for one copied in slices, the wall ms of its slices), and the
   * simulated ms of a snapshot being copied in slices while playing (`copyingAtMs`; null when
   * none): for measurements (test/workers/measureSeek.ts) and tests.
   */
  snapshotCosts(): { copyMs: number; takeMs: number; copyingAtMs: number | null } {
    return { copyMs: this.lastCopyMs, takeMs: this.lastTakeMs, copyingAtMs: this.taking?.ms ?? null };
  }

  /** Wall ms the last snapshot copy took (taking it or restoring it). */
  private lastCopyMs = 0;
  /** Wall ms taking the last snapshot of this scenario took; -1 before the first. */
  private lastTakeMs = -1;
  /** Wall ms building this scenario's world took: what a first snapshot is guessed to cost. */
  private buildMs = 0;
  /** An `advance` of simulated time is running (see SnapshotPolicy.playMs). */
  private playing = false;
  /**
   * A snapshot came due while playing but would have held the worker past `playMs`: it is copied
   * a slice at a time, each advance spending its budget on it with the run standing still, until
   * done (see stepTaking). Null when none is being copied.
   */
  private taking: Taking | null = null;

  /**
   * What taking a snapshot here is expected to cost, wall ms: what the last one took, or before
   * the first, what building the world took (both grow with its objects: 0.3 ms and 0.2 ms for
   * hello-mesh, 100-300 ms for the full load test on this machine).
   */
  private takeCostMs(): number {
    return this.lastTakeMs >= 0 ? this.lastTakeMs : this.buildMs;
  }

  // ---- idle work: snapshots filled in while the run stands still (see idle, backfill.ts) ----

  /** The last advance asked for simulated time and the run is not over: play goes on, so no idle work. */
  private playingOn = false;
  /** Counts changes of the recipe that make kept snapshots (or some of them) no longer hold. */
  private recipeVersion = 0;
  /** The fill under way; null when none. */
  private filler: Filler | null = null;
  /** A fill's host: the host whose snapshots it starts from and fills in (kept by reference when copying). */
  private owner: SimHost | null = null;

  /**
   * Work for the time the run stands still, at most `budgetMs` of wall time a call (the worker
   * calls it, a slice at a time, while no command waits): finishes a snapshot play was copying,
   * then fills in a snapshot in the middle of the widest gap between those kept (the last one runs
   * to the run's end, ahead of where it stands), by replaying the recipe on a second host from the
   * snapshot before the gap, and again (backfill.ts), within FILL_BUDGET_SHARE of the policy's
   * memory, in runs of over `fillRunEvents` events from zero to their end. True while some is
   * left. It never moves the run, and a command between two calls goes first: one that changes
   * the recipe drops the fill under way. Nothing while play goes on (play's advances copy their
   * own snapshots in slices) or without a snapshot policy.
   */
  idle(budgetMs: number): boolean {
    const policy = this.snapshotPolicy;
    if (this.world === null || policy === null || this.playingOn) return false;
    const deadline = this.wallClock() + budgetMs;
    if (this.taking !== null && !this.stepTaking(deadline)) return true;
    return this.stepFill(policy, deadline);
  }

  /** One slice of the fill (see idle): true while some is left. */
  private stepFill(policy: SnapshotPolicy, deadline: number): boolean {
    let f = this.filler;
    if (f !== null && f.version !== this.recipeVersion) f = this.filler = null;
    if (f === null) {
      f = this.filler = this.planFiller(policy);
      // A snapshot here to start from, being taken (see planFiller): idle goes on with it.
      if (f === null) return this.taking !== null;
    }
    const fill = f.host;
    if (f.copy !== null) {
      if (!f.copy.step(() => this.wallClock() >= deadline)) return true;
      fill.adopt(f.from, f.copy.result().value);
      f.copy = null;
    }
    try {
      if (fill.taking === null) {
        if (!fill.runToward(f.atMs, Math.max(0, deadline - this.wallClock()))) return true;
        fill.startTaking();
      }
      if (!fill.stepTaking(deadline)) return true;
    } catch {
      // The run itself would stop there too, and say why when it gets there.
      this.filler = null;
      return false;
    }
    this.filler = null;
    const snap = fill.shelf.all.find((x) => x !== f.from);
    if (snap === undefined || this.shelf.bytesWith(snap) > FILL_BUDGET_SHARE * policy.budgetBytes) return false;
    this.shelf.add(snap, policy.budgetBytes);
    return true;
  }

  /** A fill of the widest gap worth it, on a new host that will replay from its start; null when none is. */
  private planFiller(policy: SnapshotPolicy): Filler | null {
    const w = this.requireWorld();
    const kept = this.shelf.all;
    const here = { ms: w.sim.now, ev: w.sim.events };
    // Events a simulated ms so far, from the furthest point known (0 before the run has moved:
    // one fill to the middle of the run then tells it).
    const perSimMs = eventsPerSimMs([here, ...kept]);
    // A run of fillRunEvents or fewer from zero to its end needs none: any seek re-runs less.
    if (runEvents(kept, here, perSimMs, w.duration) <= policy.fillRunEvents) return null;
    // None to start from at or before where the run stands (a scenario just opened, or a seek
    // from zero that took none): a snapshot here first, copied in slices (see idle).
    if (this.shelf.latestUpTo(here) === null) {
      this.startTaking();
      return null;
    }
    const newest = kept[kept.length - 1];
    // Room for one more about the size of the newest (the fill checks the one it takes again).
    if (this.shelf.bytes + newest.bytes > FILL_BUDGET_SHARE * policy.budgetBytes) return null;
    // Ahead of where the run stands too, to its end: a seek forward jumps to a snapshot ahead.
    const plan = planFill(kept, here, perSimMs, policy.fillEvents, w.duration);
    if (plan === null) return null;
    const from = kept[plan.from];
    const host = new SimHost(this.wallClock);
    host.owner = this;
    host.scenario = this.scenario;
    host.rawScenario = this.rawScenario;
    host.traceOptions = this.traceOptions;
    host.eventLogOn = this.eventLogOn;
    host.actions = [...this.actions];
    // It takes the one snapshot it is for (stepFill), none on the way.
    host.snapshotPolicy = { ...policy, wallMs: Number.POSITIVE_INFINITY, simMs: Number.POSITIVE_INFINITY, budgetBytes: Number.POSITIVE_INFINITY };
    host.shelf.add(from, Number.POSITIVE_INFINITY);
    const copy = startCopy<HostState>(from.state.host, { keep: [host, ...this.shared()], rootName: 'snapshot' });
    return { host, version: this.recipeVersion, from, atMs: plan.atMs, copy };
  }

  /** Takes a snapshot when the policy says one is due at this point. */
  private maybeSnapshot(policy: SnapshotPolicy): void {
    const w = this.requireWorld();
    const here = { ms: w.sim.now, ev: w.sim.events };
    const basis = this.shelf.latestUpTo(here);
    // The run has passed a snapshot it took before (a replay after a seek back): count from there.
    if (basis !== this.basis) {
      this.basis = basis;
      if (basis !== null) this.wallSinceSnapshot = 0;
    }
    if (basis !== null && basis.ev === here.ev && basis.ms === here.ms) return;
    const simSince = w.sim.now - (basis?.ms ?? 0);
    if (simSince <= 0) return;
    if (this.taking !== null) return;
    const due = this.wallSinceSnapshot >= Math.max(policy.wallMs * this.spread, policy.copyCostFactor * this.lastCopyMs) || simSince >= policy.simMs * this.spread;
    if (!due) return;
    // While playing, a copy longer than a frame's budget would be a hitch: copied in slices instead.
    if (this.playing && this.takeCostMs() > policy.playMs) return this.startTaking();
    this.takeSnapshot();
  }

  /** Starts copying a snapshot here in slices (see `taking`); the run stands still until it is done. */
  private startTaking(): void {
    const w = this.requireWorld();
    // Only the messages still in flight go into the snapshot.
    this.inFlight.compact(w.sim.now, false, this.jumped);
    // The series closed up to here now, so the frames packed while the copy goes on (each calls
    // advanceTo at this same time) change nothing in what it copies.
    this.series!.advanceTo(w.sim.now);
    const job = startCopy<HostState>(this.hostState(), { keep: this.shared(), rootName: 'snapshot', pack: true });
    // The log in chunks, as it stands here (see takeSnapshot).
    const log = this.log === null ? null : this.log.save(this.basis?.state.log ?? null);
    this.taking = { job, world: w, ms: w.sim.now, ev: w.sim.events, nextAction: this.nextAction, log, spentMs: 0 };
  }

  /**
   * Copies on at the snapshot being taken in slices until it is done (true: it is on the shelf)
   * or the wall clock reaches \`deadline\` (false: the run must stay where it is). Drops it, and
   * says true, when the run is no longer where the copy began (a bug elsewhere: nothing may move
   * the world meanwhile; see the callers that drop \`taking\`).
   */
  private stepTaking(deadline: number): boolean {
    const t = this.taking!;
    const w = this.requireWorld();
    if (t.world !== w || t.ms !== w.sim.now || t.ev !== w.sim.events) {
      this.taking = null;
      return true;
    }
    const start = this.wallClock();
    let done: boolean;
    try {
      done = this.detached(w, () => t.job.step(() => this.wallClock() >= deadline));
    } finally {
      t.spentMs += this.wallClock() - start;
    }
    if (!done) return false;
    this.taking = null;
    const copied = t.job.result();
    const parts = t.log === null ? [] : t.log.chunks.flatMap((c) => [c.time, c.kind, c.actor, c.request]);
    this.shelve({ ms: t.ms, ev: t.ev, nextAction: t.nextAction, state: { host: copied.value, log: t.log }, bytes: copied.bytes, parts }, t.spentMs);
    return true;
  }

  /** How many times the policy's spacing snapshots are now apart: doubled each time the budget thinned them. */
  private spread = 1;

  /** The snapshot the run last passed or restored (see maybeSnapshot). */
  private basis: Snapshot<SnapshotState> | null = null;

  /** Copies the run here onto the shelf. */
  private takeSnapshot(): void {
    const w = this.requireWorld();
    const t0 = this.wallClock();
    // Only the messages still in flight go into the snapshot.
    this.inFlight.compact(w.sim.now, false, this.jumped);
    // Packed: latency histograms and tables grown ahead are mostly zeros.
    const copied = this.detached(w, () => deepCopy<HostState>(this.hostState(), { keep: this.shared(), rootName: 'snapshot', pack: true }));
    // The log in chunks, sharing those not written since the snapshot this run last passed or restored.
    const log = this.log === null ? null : this.log.save(this.basis?.state.log ?? null);
    const parts = log === null ? [] : log.chunks.flatMap((c) => [c.time, c.kind, c.actor, c.request]);
    this.shelve({ ms: w.sim.now, ev: w.sim.events, nextAction: this.nextAction, state: { host: copied.value, log }, bytes: copied.bytes, parts }, this.wallClock() - t0);
  }

  /**
   * Runs `copy` with the world's hooks detached and puts them back after, even on a throw: the
   * log's hook, a closure over this world and log (made again on restore), and this host, its
   * observer, so a snapshot holds no host (one a fill's host takes is restored by this one: see idle).
   */
  private detached<T>(w: World, copy: () => T): T {
    const recorder = w.sim.recorder;
    w.sim.recorder = null;
    w.observer = null;
    try {
      return copy();
    } finally {
      w.sim.recorder = recorder;
      w.observer = this;
    }
  }

  /** Puts a snapshot taken at the run's point on the shelf; `copyMs`: the wall ms copying it took. */
  private shelve(snap: Snapshot<SnapshotState>, copyMs: number): void {
    // Thinned to fit the budget: the next ones come as far apart as those left.
    this.spread *= 2 ** this.shelf.add(snap, this.snapshotPolicy!.budgetBytes);
    this.basis = snap;
    this.wallSinceSnapshot = 0;
    this.lastCopyMs = copyMs;
    this.lastTakeMs = copyMs;
  }

  /** Goes to a snapshot: the world and the recorders as they were there, copied again (the snapshot stays as it is). */
  private restore(snap: Snapshot<SnapshotState>): void {
    const t0 = this.wallClock();
    this.adopt(snap, deepCopy<HostState>(snap.state.host, { keep: this.shared(), rootName: 'snapshot' }).value);
    this.lastCopyMs = this.wallClock() - t0;
  }

  /** Makes `s`, a copy of the state of `snap`, the run: the world and the recorders as they were there. */
  private adopt(snap: Snapshot<SnapshotState>, s: HostState): void {
    const w = s.world;
    this.world = w;
    w.observer = this;
    this.recordedWorld = w;
    // A new epoch of the series and the log: the UI drops what it had, as after a rebuild.
    const epoch = ++this.recordEpoch;
    (s.series as { epoch: number }).epoch = epoch;
    this.series = s.series;
    this.rates = s.rates;
    const saved = snap.state.log;
    // The log being left takes no more events: the restored one takes over its arrays.
    this.log = this.eventLogOn && saved !== null ? EventLog.fromSave(saved, epoch, this.log) : null;
    const log = this.log;
    // As attachRecorders records: each proxy's events under the proxy (logActor), not the data plane.
    w.sim.recorder = log === null ? null : (time, kind, target, a, b) => log.record(time, kind, logActor(w, target, kind, a, b), requestOfEvent(w, kind, a, b));
    // Spans as asked for now (setTracing may have changed since the snapshot).
    if (w.tracer) {
      w.tracer.enabled = this.traceOptions !== null;
      if (this.traceOptions) w.tracer.configure(this.traceOptions);
    } else if (this.traceOptions) w.tracer = new Tracer(w, this.traceOptions);
    // The snapshot holds the messages in flight only; room to grow again.
    this.inFlight = InFlight.fromState(s, w.topology.edges.length);
    this.nextAction = snap.nextAction;
    this.basis = snap;
    this.wallSinceSnapshot = 0;
    // The point play was copying a snapshot at in slices is left behind.
    this.taking = null;
    this.jumped = true;
  }

  /** The host's part of a snapshot the walk copies: the world, the chart series and the messages in flight (the log is saved apart). */
  private hostState(): HostState {
    return {
      world: this.requireWorld(),
      series: this.series!,
      rates: this.rates!,
      // The messages in flight, not the room the arrays keep to grow.
      ...this.inFlight.state(),
    };
  }

  /** What snapshots share with the live run rather than copy: this host (the world's observer), the parsed scenario and the topology, never changed by a run. */
  private shared(): object[] {
    const topology = this.requireWorld().topology;
    const c = this.sharedData;
    // The scenario and the topology whole: no run mutates them (every shipped scenario's run,
    // faults and live changes included, leaves both as they were built), and the world reaches
    // objects inside them (each service's spec) that keeping their roots alone would copy.
    const data = c !== null && c.scenario === this.scenario && c.topology === topology ? c.objects : reachableFrom(this.scenario!, topology);
    this.sharedData = { scenario: this.scenario!, topology, objects: data };
    const keep: object[] = [this, ...data];
    if (this.owner !== null) keep.push(this.owner);
    return keep;
  }

  /** The objects of the scenario and the topology that copies share (see shared), for the pair they came from. */
  private sharedData: { scenario: Scenario; topology: object; objects: object[] } | null = null;

  private requireWorld(): World {
    if (!this.world) throw new Error('no scenario loaded');
    return this.world;
  }

  private frame(): Frame {
    const w = this.requireWorld();
    const now = w.sim.now;
    const kept = this.inFlight.compact(now, true, this.jumped);
    const { dots, every } = packDots(this.inFlight, now, kept);
    const recent = this.rates!.window(now);
    const nodes = packNodes(w, now, recent);
    const edges = packEdges(w);
    const counters = packCounters(w, now);
    this.recorders();
    this.series!.advanceTo(now);
    // After a jump, nothing counts as passed (the frame is not a continuation of the last one).
    if (this.jumped) {
      this.inFlight.clearPassed();
      this.jumped = false;
    }
    return {
      seq: ++this.seq,
      simTime: now,
      done: now >= w.duration && w.sim.peek() > w.duration,
      counters,
      dots,
      dotEvery: every,
      nodes,
      edges,
      recent: recent.counts,
      recentFromMs: recent.fromMs,
      recentToMs: recent.toMs,
      nextEventMs: w.sim.peek(),
      passed: this.inFlight.takePassed(),
      failures: w.failures.toObject(),
      rollouts: w.configChanges.rollouts.length ? w.configChanges.rollouts.map((r) => ({ ...r })) : undefined,
      plain: this.plainReading(now),
      traceHash: w.sim.traceHash(),
    };
  }
}
