import type { WallClock } from '../sim-engine';
import type { SnapshotPolicy } from './snapshots';
import { HostSnapshots } from './hostSnapshots';
import type { HostSnapshot, HostState, SnapshotHost } from './snapshotHost';
import { Tracer, World, type TracerOptions } from '../models';
import { EdgeWindow, replicaBase } from './edgeWindow';
import type { SavedLog } from './eventLog';
import { HostRecorders } from './hostRecorders';
import type { Problem, Scenario } from '../scenario';
import { runProblem } from './hostOpen';
import { UNPINNED, type LiveAction } from './liveActions';
import { type Frame, runStopped } from './protocol';
import { InFlight } from './InFlight';
import { packCounters, packDots, packEdges, packNodes } from './frame';
import { applyAction, reachPoint } from './replay';
import { clientLatencies, pairClients, PlainTwin, type PlainReading } from './plainTwin';
import { PLAIN_TWIN_MEASURES, namedProblem } from '../scenario';

/**
 * What the app's tracer keeps by default: one request in 20 (sampledOneIn, the newest 200 of them), the last 150
 * failed ones (when full, the commonest cause gives way, so 26 timeouts among 300 queue-full stay listed) and the
 * last 50 retried ones that still ended ok (trial N10: mesh-only's 1 in 20 held no try 2). 400 kept at most, as
 * when 200 failed ones were kept and no retried one (session 40). Failures are caught by recording requests while they are in flight, at
 * most 500 at once, as numbers (spans/TraceRecord.ts), built into spans only when a kept trace is
 * read. That still costs the worker time: istio-load-test-full's first 3 simulated s took 1,262 ms
 * with it against 875 ms without (session 9, bundled Node, medians of 7; 1,878 ms before spans
 * were recorded as numbers); `setTracing` changes it or turns it off (null).
 */
export const WORKER_TRACE_OPTIONS: TracerOptions = { sampleEvery: 20, maxSampled: 200, maxFailed: 150, maxRetried: 50, eachCause: true, maxRecording: 500 };

/**
 * Simulated ms before a seek's target in which a message that came and went between frames
 * lights its link (Frame.passed): about what the lanes' glow shows of play at 0.1x to 1x (it fades
 * in 260 ms of wall time). Only the moment's traffic, however long the seek ran.
 */
export const SEEK_PASSED_MS = 100;

/**
 * The run a host plays for the UI, as its recipe (scenario, seed, live actions) makes it: builds
 * the world, runs it toward a simulated time within a budget of wall time (playing, seeking back
 * through snapshots, stepping one event), replays the live actions at their points on the way,
 * and packs each frame into typed arrays. SimHost adds the worker's commands on top (opening a
 * scenario, editing the recipe, the inspector and the recorders' queries). Free of comlink and DOM.
 */
export abstract class HostRun implements SnapshotHost {
  protected world: World | null = null;
  /** The parsed scenario the run was built from; null before one is loaded. */
  scenario: Scenario | null = null;
  /** The scenario as written, to validate injected faults against its names. */
  protected rawScenario: Record<string, unknown> = {};
  private seq = 0;
  /** The messages on the wire, drawn as dots, and those passed since the last frame. */
  protected inFlight = new InFlight();

  /** How the next worlds are traced; null: no spans kept. */
  protected traceOptions: TracerOptions | null = WORKER_TRACE_OPTIONS;

  /** The charts' series and the event log of the current world (hostRecorders.ts). */
  protected rec = new HostRecorders();
  /** Per-edge counts at each tenth of a simulated second over the last second (the link figures). */
  protected rates: EdgeWindow | null = null;

  // ---- the recipe's live actions (see runToward) ----
  /** Faults injected and cleared live, in run order, replayed at their points after a rebuild. */
  protected actions: LiveAction[] = [];
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
    // Each client's pair too (a run of several clients): a run-wide quantile mixes their paths.
    const { reading, clients } = this.twin!.readingWithClients(nowMs);
    return pairClients(reading, clientLatencies(w), clients);
  }

  /**
   * An error from the running engine as a problem against the scenario (hostOpen.ts runProblem), its path by name as
   * people write it (`clients.shoppers`, not `clients.0`: namedPath, as the problem lists and the load-time stall say it).
   */
  protected problemOf(e: unknown): Problem {
    return namedProblem(this.rawScenario, runProblem(e, this.scenario, this.world));
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
    this.rates!.sample(w.edgeStats, w.callees, w.sidecarOfHost);
    this.rec.series?.edgesAt(ms, w.edgeStats);
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

  transmit(edge: number, response: boolean, t0: number, t1: number, failed: boolean, retry = false, request = 0, sampled = false): void {
    if (!response && this.rec.series !== null) this.rec.series.requestSent(t0, edge, request);
    this.inFlight.transmit(edge, response, t0, t1, failed, retry, request, sampled);
  }

  requestEnded(client: number, cause: string, latencyMs: number, request = 0): void {
    if (this.rec.series !== null) this.rec.series.requestEnded(this.world!.sim.now, client, cause, latencyMs, request);
  }

  protected build(seed: number): void {
    const t0 = this.wallClock();
    this.world = new World(this.scenario!, seed);
    if (this.stallLimit !== null) this.world.sim.sameTimeLimit = this.stallLimit;
    this.world.observer = this;
    if (this.traceOptions) this.world.tracer = new Tracer(this.world, this.traceOptions);
    this.rec.attach(this.world, this.scenario);
    this.rates = new EdgeWindow(this.world.edgeStats.length, replicaBase(this.world.callees, this.world.callees.length));
    this.world.start();
    this.nextAction = 0;
    // Send numbers start again with the run, so the dots drawn at a moment are the same however
    // it was reached (from zero or from a snapshot; see frame's uniform sampling).
    this.inFlight.reset(this.world.topology.edges.length);
    this.snaps.worldBuilt(this.wallClock() - t0);
  }

  /** For HostSnapshots: the host's part of a snapshot at this point (the log is saved apart, by saveLog). */
  stateForCopy(inSlices: boolean): HostState {
    const w = this.requireWorld();
    // Only the messages still in flight go into the snapshot.
    this.inFlight.compact(w.sim.now, false, this.jumped);
    if (inSlices) this.rec.series!.advanceTo(w.sim.now);
    return {
      world: w,
      series: this.rec.series!,
      rates: this.rates!,
      // The messages in flight, not the room the arrays keep to grow.
      ...this.inFlight.state(),
    };
  }

  /** For HostSnapshots: the event log in chunks, as it stands here, sharing those unchanged since `prev`; null while the log is off. */
  saveLog(prev: SavedLog | null): SavedLog | null {
    return this.rec.log === null ? null : this.rec.log.save(prev);
  }

  /** For HostSnapshots: makes `s`, a copy of the state of `snap`, the run: the world and the recorders as they were there. */
  adopt(snap: HostSnapshot, s: HostState): void {
    const w = s.world;
    this.world = w;
    w.observer = this;
    // A new epoch of the series and the log: the UI drops what it had, as after a rebuild.
    this.rec.adopt(w, s.series, snap.state.log);
    this.rates = s.rates;
    // Spans as asked for now (setTracing may have changed since the snapshot).
    this.applyTracing(w);
    // The snapshot holds the messages in flight only; room to grow again.
    this.inFlight = InFlight.fromState(s, w.topology.edges.length);
    this.nextAction = snap.nextAction;
    this.jumped = true;
  }

  /**
   * Gives `w` spans as `traceOptions` asks: its tracer on and configured, or off (null). A tracer
   * stays on the world while requests it records are in flight (their hooks call it); off, it
   * records nothing new.
   */
  protected applyTracing(w: World): void {
    const options = this.traceOptions;
    if (w.tracer) {
      w.tracer.enabled = options !== null;
      if (options) w.tracer.configure(options);
    } else if (options) w.tracer = new Tracer(w, options);
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
    this.rec.follow(w, this.scenario);
    this.rec.series!.advanceTo(now);
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

  /** For HostSnapshots: a second host for this recipe, its snapshots under `policy`, to fill one in (SimHost.fillHost). */
  abstract fillHost(policy: SnapshotPolicy): HostRun;
}
