import type { EventRecorder, WallClock } from '../sim-engine';
import type { SnapshotPolicy } from './snapshots';
import { HostSnapshots, type HostSnapshot, type HostState, type SnapshotHost } from './hostSnapshots';
import { EVENT_KIND_NAMES, Tracer, World, requestOfEvent, summarize, type RunSummary, type Trace, type TraceSummary, type TracerOptions, type WorldObserver } from '../models';
import { inspectEdgeNow, inspectNodeNow, requestTrace, type EdgeInspect, type NodeInspect } from './inspect';
import { seriesFor, type SeriesRecorder, type SeriesBatch } from './series';
import { EdgeWindow, replicaBase } from './edgeWindow';
import { EventLog, logActor, logActorNames, type EventFilter, type EventRows, type SavedLog } from './eventLog';
import type { Problem, Scenario } from '../scenario';
import { loadedInfo, readForHost, runProblem, runTimeZero } from './hostOpen';
import { UNPINNED, insertAction, withoutInjected, type LiveAction } from './liveActions';
import { type FaultStatus, type Frame, type InjectResult, LoadStage, type LoadResult, runStopped } from './protocol';
import { InFlight, type InFlightState } from './InFlight';
import { packCounters, packDots, packEdges, packNodes } from './frame';
import { changeStatuses, checkActions, checkChange, checkFault, faultStatuses, type ChangeStatus } from './recipe';
import { applyAction, reachPoint } from './replay';
import { PlainTwin, type PlainReading } from './plainTwin';
import { PLAIN_TWIN_MEASURES } from '../scenario';

/**
 * What the app's tracer keeps by default: one request in 20 (sampledOneIn) and the last 200 failed ones (the
 * newest 200 of each). Failures are caught by recording requests while they are in flight, at
 * most 500 at once, as numbers (spans/TraceRecord.ts), built into spans only when a kept trace is
 * read. That still costs the worker time: istio-load-test-full's first 3 simulated s took 1,262 ms
 * with it against 875 ms without (session 9, bundled Node, medians of 7; 1,878 ms before spans
 * were recorded as numbers); `setTracing` changes it or turns it off (null).
 */
export const WORKER_TRACE_OPTIONS: TracerOptions = { sampleEvery: 20, maxSampled: 200, maxFailed: 200, maxRecording: 500 };

/**
 * Simulated ms before a seek's target in which a message that came and went between frames
 * lights its link (Frame.passed): about what the lanes' glow shows of play at 0.1x to 1x (it fades
 * in 260 ms of wall time). Only the moment's traffic, however long the seek ran.
 */
export const SEEK_PASSED_MS = 100;

// The start budget and its sample, with the opening of a scenario (hostOpen.ts), where tests and the docs find them as SimHost's.
export { START_BUDGET_MS, START_STALL_SAMPLE } from './hostOpen';

/**
 * Hosts one World for the UI: loads scenario text, advances simulated time in wall-time
 * slices, and packs each frame into typed arrays. Free of comlink and DOM, so tests can
 * drive it in Node exactly as the worker does in the browser.
 */
export class SimHost implements WorldObserver, SnapshotHost {
  private world: World | null = null;
  /** The parsed scenario the run was built from; null before one is loaded. */
  scenario: Scenario | null = null;
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
  nextAction = 0;

  /** The snapshots of this recipe, and when to take, restore and fill them (hostSnapshots.ts; a fill's owner reads its host's). */
  snaps: HostSnapshots = new HostSnapshots(this);
  /** The run jumped (a rebuild or a restore) since the last frame: that frame counts nothing as passed. */
  private jumped = false;

  /** The recipe's twin without sidecars, for the lesson figures that compare against it (see plainReading); null until one is asked for. */
  private twin: PlainTwin | null = null;

  /**
   * The engine's stall guard for every world this host builds from now on (events in a row at
   * one simulated time before the run stops: `Simulation.sameTimeLimit`), in place of the
   * world's own (`stallLimit` in models/worldLimits.ts: a million for a small scenario); a
   * restored snapshot keeps the limit of the world it was copied from. null, the default, keeps
   * the world's own: the app and the CLI never set it. For tests, so a stall later in a run is
   * stopped after thousands of events rather than a million (about 2 s of CPU each in a test
   * worker); one test still runs to the real limit.
   */
  stallLimit: number | null = null;

  constructor(readonly wallClock: WallClock) {}

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
   * clock cannot leave zero is refused here rather than freezing the run (hostOpen.ts). Problems
   * come back as data, never thrown; on any problem the previous scenario stays loaded, as it was.
   * `fileName` decides JSON or YAML as in the CLI (`scenarioFormat`); without one, the text does.
   * `onStage` hears each stage as it begins (the app shows them while a large file opens).
   */
  load(text: string, seed?: number, fileName?: string, onStage?: (stage: LoadStage) => void): LoadResult {
    const r = readForHost(text, fileName, onStage);
    if (!r.ok) return r;
    onStage?.(LoadStage.building);
    const previous = this.stash();
    this.rawScenario = r.data;
    this.scenario = r.scenario;
    this.build(seed ?? r.scenario.seed);
    onStage?.(LoadStage.starting);
    const stalled = runTimeZero(this.requireWorld(), this.scenario, this.wallClock);
    if (stalled) {
      this.unstash(previous);
      return { ok: false, problems: [stalled], title: r.title };
    }
    return loadedInfo(r.scenario, this.world!);
  }

  /** An error from the running engine as a problem against the scenario (hostOpen.ts runProblem). */
  private problemOf(e: unknown): Problem {
    return runProblem(e, this.scenario, this.world);
  }

  /** The loaded run and its drawing state, put aside while another scenario is tried. */
  private stash() {
    const { world, scenario, rawScenario, inFlight, recordedWorld, series, rates, log, snaps, actions, nextAction } = this;
    this.inFlight = new InFlight();
    // A new scenario: no snapshot of the old one holds for it.
    this.snaps = snaps.fresh();
    return { world, scenario, rawScenario, inFlight, recordedWorld, series, rates, log, snaps, actions, nextAction };
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
    // Injected here and now: kept in run order (after actions already had at this point), and
    // later clears of faults this one pushes up a number are renumbered.
    const action: LiveAction = { kind: 'inject', ms: w.sim.now, ev: w.sim.events, fault: input as Record<string, unknown> };
    this.actions = insertAction(this.actions, this.nextAction, action, w.faults.faults.length);
    this.nextAction++;
    // Snapshots after this point were taken without the fault; those before it still hold. The
    // world changes here: a copy in slices of it as it stood is abandoned.
    this.snaps.recipeChanged(action);
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
    const action: LiveAction = { kind: 'clear', ms: w.sim.now, ev: w.sim.events, id };
    this.actions = insertAction(this.actions, this.nextAction, action, w.faults.faults.length);
    this.nextAction++;
    this.snaps.recipeChanged(action);
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
    const action: LiveAction = { kind: 'change', ms: w.sim.now, ev: w.sim.events, change: input as Record<string, unknown> };
    this.actions = insertAction(this.actions, this.nextAction, action, w.faults.faults.length);
    this.nextAction++;
    this.snaps.recipeChanged(action);
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
    this.snaps.dropAll();
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
    this.snaps.dropAll();
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
    if (!this.snaps.restoreFor(targetMs, back) && back) {
      this.build(w0.seed);
      this.jumped = true;
    }
    const w = this.requireWorld();
    this.snaps.playingOn = false;
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
  runToward(target: number, budgetMs: number): boolean {
    const deadline = this.wallClock() + budgetMs;
    // A snapshot being copied in slices holds the run still until it is done.
    if (!this.snaps.stepTaking(deadline)) return false;
    for (;;) {
      const start = this.wallClock();
      const { sliceMs, untilMs } = this.snaps.sliceToward(target, Math.max(0, deadline - start));
      const reached = this.runSlice(untilMs, sliceMs);
      const done = reached && untilMs === target;
      this.snaps.ran(this.wallClock() - start);
      if (!this.snaps.stepTaking(deadline)) return false;
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
    if (seed !== undefined && seed !== this.world.seed) this.snaps.dropAll();
    this.build(seed ?? this.world.seed);
  }

  /**
   * Advances simulated time by up to `simMs`, spending at most `budgetMs` of wall time,
   * and returns the frame at the time reached.
   */
  advance(simMs: number, budgetMs: number): Frame {
    const w = this.requireWorld();
    // Played to a whole microsecond: sums of frames' wall time times the speed drift off the grid
    // (10,599.999999999998 ms), and a pause there left the address bar's t that noise, since a
    // link may not be rounded up onto the link labels' next tenth (recipe/url.ts formatT).
    const ahead = simMs > 0 ? Math.max(w.sim.now, Math.round((w.sim.now + simMs) * 1000) / 1000) : w.sim.now;
    const target = Math.min(w.duration, ahead);
    // Simulated time asked for: playing, when a snapshot must not hold the worker past a frame.
    this.snaps.playing = simMs > 0;
    try {
      this.runToward(target, budgetMs);
    } catch (e) {
      throw runStopped(this.problemOf(e), w.sim.now);
    } finally {
      this.snaps.playing = false;
    }
    // Play goes on with the next advance: no idle work between frames (see idle).
    this.snaps.playingOn = simMs > 0 && w.sim.now < w.duration;
    // No simulated time asked for: the run stands still (the app's pause, a first frame, a pane
    // waiting for the other), when a snapshot play was copying in slices is finished.
    if (simMs <= 0) this.snaps.stepTaking(Number.POSITIVE_INFINITY);
    return this.frame();
  }

  /** Processes exactly one event (for stepping through a run) and returns the frame. */
  stepEvent(): Frame {
    const w = this.requireWorld();
    // The run moves one event: a copy in slices of where it stood is finished first.
    this.snaps.stepTaking(Number.POSITIVE_INFINITY);
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
    this.log = this.eventLogOn ? new EventLog(epoch) : null;
    w.sim.recorder = logHook(w, this.log);
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
    this.snaps.dropAll();
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
    this.snaps.recipeChanged();
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
    return inspectNodeNow(this.requireWorld(), nodeId, this.rates!);
  }

  /** An edge's rate, latency, failures by cause (here and further down), attempts and connections; null for an unknown id. */
  inspectEdge(edgeId: number): EdgeInspect | null {
    return inspectEdgeNow(this.requireWorld(), edgeId, this.rates!);
  }

  /** The spans of a kept request (inspect.ts requestTrace), or null when it was not kept or has dropped out. */
  requestSpans(requestId: number): Trace | null {
    return requestTrace(this.requireWorld(), requestId);
  }

  /** Recently kept requests, newest first (failed ones only if asked), at most `limit` (default 50). */
  sampledRequests(options: { failedOnly?: boolean; limit?: number } = {}): TraceSummary[] {
    return this.requireWorld().tracer?.list(options.failedOnly ?? false, options.limit ?? 50) ?? [];
  }

  private build(seed: number): void {
    const t0 = this.wallClock();
    this.world = new World(this.scenario!, seed);
    if (this.stallLimit !== null) this.world.sim.sameTimeLimit = this.stallLimit;
    this.world.observer = this;
    if (this.traceOptions) this.world.tracer = new Tracer(this.world, this.traceOptions);
    this.attachRecorders(this.world);
    this.rates = new EdgeWindow(this.world.edgeStats.length, replicaBase(this.world.callees, this.world.callees.length));
    this.world.start();
    this.nextAction = 0;
    // Send numbers start again with the run, so the dots drawn at a moment are the same however
    // it was reached (from zero or from a snapshot; see frame's uniform sampling).
    this.inFlight.reset(this.world.topology.edges.length);
    this.snaps.worldBuilt(this.wallClock() - t0);
  }

  // ---- snapshots (hostSnapshots.ts) ----------------------------------------------------

  /**
   * Sets when snapshots are taken and their memory budget (see SnapshotPolicy); null takes none
   * and drops those kept, so every seek back starts from zero (as before snapshots; for tests
   * and measurements). The run itself never changes.
   */
  setSnapshotPolicy(policy: SnapshotPolicy | null): void {
    this.snaps.setPolicy(policy);
  }

  /**
   * The snapshots kept: their points and estimated bytes, oldest first (an event-log chunk that
   * several share is counted in the oldest that holds it, so the bytes add up to what all hold).
   */
  snapshots(): { ms: number; ev: number; bytes: number }[] {
    return this.snaps.list();
  }

  /**
   * Wall ms the last snapshot copy took, taking it or restoring it (`copyMs`), and taking the last
   * one (`takeMs`, -1 before any; for one copied in slices, the wall ms of its slices), and the
   * simulated ms of a snapshot being copied in slices while playing (`copyingAtMs`; null when
   * none): for measurements (test/workers/measureSeek.ts) and tests.
   */
  snapshotCosts(): { copyMs: number; takeMs: number; copyingAtMs: number | null } {
    return this.snaps.costs();
  }

  /**
   * Work for the time the run stands still, at most `budgetMs` of wall time a call (the worker
   * calls it, a slice at a time, while no command waits): snapshots finished and filled in
   * (HostSnapshots.idle). True while some is left. It never moves the run, and a command between
   * two calls goes first: one that changes the recipe drops the fill under way.
   */
  idle(budgetMs: number): boolean {
    return this.world !== null && this.snaps.idle(budgetMs);
  }

  /** For HostSnapshots: the host's part of a snapshot at this point (the log is saved apart, by saveLog). */
  stateForCopy(inSlices: boolean): HostState {
    const w = this.requireWorld();
    // Only the messages still in flight go into the snapshot.
    this.inFlight.compact(w.sim.now, false, this.jumped);
    if (inSlices) this.series!.advanceTo(w.sim.now);
    return {
      world: w,
      series: this.series!,
      rates: this.rates!,
      // The messages in flight, not the room the arrays keep to grow.
      ...this.inFlight.state(),
    };
  }

  /** For HostSnapshots: the event log in chunks, as it stands here, sharing those unchanged since `prev`; null while the log is off. */
  saveLog(prev: SavedLog | null): SavedLog | null {
    return this.log === null ? null : this.log.save(prev);
  }

  /** For HostSnapshots: a second host for this recipe (scenario, live actions, recorders' settings), its snapshots under `policy`, to fill one in. */
  fillHost(policy: SnapshotPolicy): SimHost {
    const host = new SimHost(this.wallClock);
    host.scenario = this.scenario;
    host.rawScenario = this.rawScenario;
    host.traceOptions = this.traceOptions;
    host.eventLogOn = this.eventLogOn;
    host.actions = [...this.actions];
    host.snaps.setPolicy(policy);
    return host;
  }

  /** For HostSnapshots: makes `s`, a copy of the state of `snap`, the run: the world and the recorders as they were there. */
  adopt(snap: HostSnapshot, s: HostState): void {
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
    w.sim.recorder = logHook(w, this.log);
    // Spans as asked for now (setTracing may have changed since the snapshot).
    if (w.tracer) {
      w.tracer.enabled = this.traceOptions !== null;
      if (this.traceOptions) w.tracer.configure(this.traceOptions);
    } else if (this.traceOptions) w.tracer = new Tracer(w, this.traceOptions);
    // The snapshot holds the messages in flight only; room to grow again.
    this.inFlight = InFlight.fromState(s, w.topology.edges.length);
    this.nextAction = snap.nextAction;
    this.jumped = true;
  }

  /** The run's world; throws when none is loaded. */
  requireWorld(): World {
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

/** The engine's hook that writes `w`'s events into `log` (null: no hook): each proxy's events under the proxy (logActor), not the data plane. */
function logHook(w: World, log: EventLog | null): EventRecorder | null {
  return log === null ? null : (time, kind, target, a, b) => log.record(time, kind, logActor(w, target, kind, a, b), requestOfEvent(w, kind, a, b));
}
