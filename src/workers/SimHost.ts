import type { SnapshotPolicy } from './snapshots';
import { EVENT_KIND_NAMES, summarize, type RunSummary, type Trace, type TraceSummary, type TracerOptions } from '../models';
import { inspectEdgeNow, inspectNodeNow, requestTrace, type EdgeInspect, type NodeInspect } from './inspect';
import type { SeriesBatch } from './series';
import { logActorNames, type EventFilter, type EventRows } from './eventLog';
import type { Problem } from '../scenario';
import { loadedInfo, readForHost, runTimeZero } from './hostOpen';
import { insertAction, withoutInjected, type LiveAction } from './liveActions';
import { type FaultStatus, type InjectResult, LoadStage, type LoadResult } from './protocol';
import { InFlight } from './InFlight';
import { changeStatuses, checkActions, checkChange, checkFault, faultStatuses, type ChangeStatus } from './recipe';
import { HostRun } from './hostRun';
import { openLintErrors } from './openLint';

// What tests and the docs find as SimHost's: the tracer's defaults and a seek's lit links (hostRun.ts), the start budget and its sample (hostOpen.ts).
export { SEEK_PASSED_MS, WORKER_TRACE_OPTIONS } from './hostRun';
export { START_BUDGET_MS, START_STALL_SAMPLE } from './hostOpen';

/**
 * Hosts one World for the UI, the worker's commands (sim.worker.ts) on the run it plays
 * (hostRun.ts): loads scenario text, edits the recipe's live actions, starts again, answers
 * the inspector and the recorders' queries, and sets the snapshots' policy. Free of comlink and
 * DOM, so tests can drive it in Node exactly as the worker does in the browser.
 */
export class SimHost extends HostRun {
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

  /**
   * Lint's static errors on the loaded scenario (openLint.ts), `text` its file's text for line
   * numbers; none with no scenario loaded. The app asks for a file a person opened, not a shipped one.
   */
  lintErrors(text: string): ReturnType<typeof openLintErrors> {
    return this.scenario ? openLintErrors(this.scenario, text) : { notes: [], total: 0 };
  }

  /** The loaded run and its drawing state, put aside while another scenario is tried. */
  private stash() {
    const { world, scenario, rawScenario, inFlight, rates, snaps, actions, nextAction } = this;
    this.inFlight = new InFlight();
    // A new scenario: no snapshot of the old one holds for it.
    this.snaps = snaps.fresh();
    return { world, scenario, rawScenario, inFlight, rates, snaps, actions, nextAction, recorded: this.rec.save() };
  }

  private unstash({ recorded, ...s }: ReturnType<SimHost['stash']>): void {
    Object.assign(this, s);
    this.rec.restore(recorded);
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
   * Checks a fault as `injectFault` would, without injecting it: every problem, as
   * `fault.field: message`, empty when it would be taken. For a form that found problems of its
   * own first (a duration it could not read), so a person sees all of them at once.
   */
  checkFault(input: unknown): Problem[] {
    const w = this.requireWorld();
    const r = checkFault(this.rawScenario, w.duration, input, w.sim.now);
    return r.ok ? [] : r.problems;
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
   * `change.field: message`. Kept in the recipe's actions like an injected fault. `notes` say what
   * the change will do that looks unmeant, without refusing it (a timeout shorter than the callee's
   * mean service time, at which most calls time out: shortTimeoutNotes).
   */
  applyChange(input: unknown): { ok: true; id: number; action: LiveAction; notes: Problem[] } | { ok: false; problems: Problem[] } {
    const w = this.requireWorld();
    const r = checkChange(this.rawScenario, w.duration, input, w.sim.now);
    if (!r.ok) return r;
    const action: LiveAction = { kind: 'change', ms: w.sim.now, ev: w.sim.events, change: input as Record<string, unknown> };
    this.actions = insertAction(this.actions, this.nextAction, action, w.faults.faults.length);
    this.nextAction++;
    this.snaps.recipeChanged(action);
    const id = w.configChanges.addLive(r.change);
    return { ok: true, id, action, notes: r.notes };
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

  /** Every fault of this run: from the scenario and injected, started or pending. */
  faults(): FaultStatus[] {
    return faultStatuses(this.requireWorld(), this.rawScenario, this.actions, this.nextAction, this.scenario!.faults.length);
  }

  /** Starts the loaded scenario again from time zero, optionally with another seed. */
  reset(seed?: number): void {
    if (!this.scenario || !this.world) throw new Error('no scenario loaded');
    // The same seed is the same recipe: its snapshots still hold.
    if (seed !== undefined && seed !== this.world.seed) this.snaps.dropAll();
    this.build(seed ?? this.world.seed);
  }

  summary(): RunSummary {
    return summarize(this.requireWorld(), 0);
  }

  // ---- charts and the event log (hostRecorders.ts) ------------------------------------

  /**
   * The series' closed buckets from index `from` on; all of them (from 0) when `epoch` is not the
   * current series' (the run started again since the caller last asked).
   */
  seriesSince(epoch: number, from: number): SeriesBatch {
    return this.rec.seriesSince(this.requireWorld(), this.scenario, epoch, from);
  }

  /** Turns the event log on or off for this world (from now on) and the next ones. */
  setEventLog(on: boolean): void {
    // Snapshots hold the recorders as they were: with the log on, or off.
    this.snaps.dropAll();
    this.rec.setLogOn(on, this.world, this.scenario);
  }

  /** Rows `offset` .. `offset + count` (at most 1000) of the event log under `filter`; null when the log is off. */
  eventLogQuery(offset: number, count: number, filter: EventFilter = {}): EventRows | null {
    return this.rec.query(this.requireWorld(), this.scenario, offset, count, filter);
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
    if (this.world) this.applyTracing(this.world);
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

  /**
   * Recently kept requests, newest first (failed ones only if asked), at most `limit` (default 50). With `sample`,
   * only the 1-in-N sample (TraceStore.list's sampleOnly): ok and failed in the run's proportion.
   */
  sampledRequests(options: { failedOnly?: boolean; limit?: number; sample?: boolean; only?: string | null } = {}): TraceSummary[] {
    return this.requireWorld().tracer?.list(options.failedOnly ?? false, options.limit ?? 50, options.sample ?? false, options.only ?? null) ?? [];
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

  /** For HostSnapshots: a second host for this recipe (scenario, live actions, recorders' settings), its snapshots under `policy`, to fill one in. */
  fillHost(policy: SnapshotPolicy): SimHost {
    const host = new SimHost(this.wallClock);
    host.scenario = this.scenario;
    host.rawScenario = this.rawScenario;
    host.traceOptions = this.traceOptions;
    host.rec.logOn = this.rec.logOn;
    host.actions = [...this.actions];
    host.snaps.setPolicy(policy);
    return host;
  }

}
