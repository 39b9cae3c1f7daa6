// When a SimHost copies its run, and how it goes back to a copy: the snapshots of one recipe
// (snapshots.ts holds the shelf and the policy, backfill.ts where a fill goes, snapshotHost.ts
// what a snapshot holds and what it needs of the host, snapshotCopy.ts how a copy is made). Taken while
// running (SnapshotPolicy's spacing in wall and simulated time), copied in slices while playing
// when one would hold the worker past a frame, restored by a seek, and filled in while the run
// stands still by a second host replaying the recipe (`idle`). None of it changes the run: a
// snapshot is the run as it stood, and a seek through one shows the frame a run from zero shows.
import { deepCopy, startCopy, type CopyJob } from '../sim-engine';
import type { World } from '../models';
import type { SavedLog } from './eventLog';
import { pointBefore, type RunPoint } from './liveActions';
import type { HostSnapshot, HostState, SnapshotHost, SnapshotState } from './snapshotHost';
import { FILL_BUDGET_SHARE, eventsPerSimMs, planFill, runEvents } from './backfill';
import { DEFAULT_SNAPSHOT_POLICY, SnapshotShelf, type Snapshot, type SnapshotPolicy } from './snapshots';
import { SharedWithCopies, detachedCopy } from './snapshotCopy';

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
 * A replay of the recipe filling in a snapshot while the run stands still (see idle and
 * backfill.ts): a second host, started from a copy of the kept snapshot `from`, run to `atMs`,
 * where it takes one.
 */
interface Filler {
  readonly host: SnapshotHost & { readonly snaps: HostSnapshots };
  /** The recipe it replays (recipeVersion when it started): any other drops it. */
  readonly version: number;
  readonly from: HostSnapshot;
  readonly atMs: number;
  /** The copy of `from` the replay starts from, while it is being made; null once the replay runs. */
  copy: CopyJob<HostState> | null;
}

/**
 * The snapshots of one SimHost's recipe, and when to take, restore and fill them in. Mutable;
 * the host tells it when the recipe changes (`recipeChanged`, `actionInserted`), when a world is
 * built (`worldBuilt`), and hands it each slice of running (`sliceToward`, `ran`).
 */
export class HostSnapshots {
  /** Copies of the run at points of this recipe, for seeks (empty when the policy is null). */
  readonly shelf = new SnapshotShelf<SnapshotState>();
  /** When, and within what memory, snapshots are taken; null: none (every seek back starts from zero). */
  policy: SnapshotPolicy | null;
  /** An `advance` of simulated time is running (see SnapshotPolicy.playMs). */
  playing = false;
  /** The last advance asked for simulated time and the run is not over: play goes on, so no idle work. */
  playingOn = false;
  /** Wall ms the run has spent running since the latest snapshot at or before its point (or since zero). */
  private wallSinceSnapshot = 0;
  /** How many times the policy's spacing snapshots are now apart: doubled each time the budget thinned them. */
  private spread = 1;
  /** The snapshot the run last passed or restored (see maybeSnapshot). */
  private basis: HostSnapshot | null = null;
  /**
   * A snapshot came due while playing but would have held the worker past `playMs`: it is copied
   * a slice at a time, each advance spending its budget on it with the run standing still, until
   * done (see stepTaking). Null when none is being copied.
   */
  private taking: Taking | null = null;
  /** Wall ms the last snapshot copy took (taking it or restoring it). */
  private lastCopyMs = 0;
  /** Wall ms taking the last snapshot of this scenario took; -1 before the first. */
  private lastTakeMs = -1;
  /** Wall ms building this scenario's world took: what a first snapshot is guessed to cost. */
  private buildMs = 0;
  /** Counts changes of the recipe that make kept snapshots (or some of them) no longer hold. */
  private recipeVersion = 0;
  /** The fill under way; null when none. */
  private filler: Filler | null = null;
  /** A fill's host's snapshots: the host whose snapshots it starts from and fills in (kept by reference when copying). */
  private owner: SnapshotHost | null = null;
  /** What copies share with the live run (see shared). */
  private readonly sharedWith = new SharedWithCopies();

  constructor(
    private readonly host: SnapshotHost,
    policy: SnapshotPolicy | null = DEFAULT_SNAPSHOT_POLICY,
  ) {
    this.policy = policy;
  }

  /** The same host's snapshots for another scenario (none kept yet), under the same policy, play going on or not as it was. */
  fresh(): HostSnapshots {
    const s = new HostSnapshots(this.host, this.policy);
    s.playingOn = this.playingOn;
    return s;
  }

  /** Snapshots for a fill's host: the one snapshot `from` to start from, copies sharing `owner`, and none taken on the way. */
  forFill(owner: SnapshotHost, from: HostSnapshot): void {
    this.owner = owner;
    this.shelf.add(from, Number.POSITIVE_INFINITY);
  }

  // ---- what the host tells ---------------------------------------------------------------

  /** A world was built from zero, taking `buildMs` of wall time: it has passed no snapshot, and a copy in slices of the last one is dropped. */
  worldBuilt(buildMs: number): void {
    this.wallSinceSnapshot = 0;
    // A run from zero has passed no snapshot yet (the log's next save shares nothing).
    this.basis = null;
    this.taking = null;
    this.buildMs = buildMs;
  }

  /**
   * The recipe changed for every point after `after` (a live action inserted there): snapshots
   * after it no longer hold, a copy in slices of the world as it stood is abandoned, and a fill
   * under way is dropped. Without a point, only the copy and the fill (the tracer's settings, say).
   */
  recipeChanged(after?: RunPoint): void {
    this.taking = null;
    if (after !== undefined) this.shelf.dropAfter(after);
    this.recipeVersion++;
  }

  /** Drops every snapshot (the recipe changed from its start) and spaces new ones by the policy again. */
  dropAll(): void {
    this.shelf.clear();
    this.recipeVersion++;
    this.spread = 1;
    this.taking = null;
  }

  /** Sets the policy; null also drops every snapshot kept. */
  setPolicy(policy: SnapshotPolicy | null): void {
    this.policy = policy;
    if (policy === null) this.dropAll();
  }

  // ---- figures ---------------------------------------------------------------------------

  /** The snapshots kept: their points and estimated bytes, oldest first (SimHost.snapshots). */
  list(): { ms: number; ev: number; bytes: number }[] {
    const bytes = this.shelf.bytesEach();
    return this.shelf.all.map((s, i) => ({ ms: s.ms, ev: s.ev, bytes: bytes[i] }));
  }

  /** What copies cost, wall ms (SimHost.snapshotCosts). */
  costs(): { copyMs: number; takeMs: number; copyingAtMs: number | null } {
    return { copyMs: this.lastCopyMs, takeMs: this.lastTakeMs, copyingAtMs: this.taking?.ms ?? null };
  }

  /**
   * What taking a snapshot here is expected to cost, wall ms: what the last one took, or before
   * the first, what building the world took (both grow with its objects: 0.3 ms and 0.2 ms for
   * hello-mesh, 100-300 ms for the full load test on this machine).
   */
  private takeCostMs(): number {
    return this.lastTakeMs >= 0 ? this.lastTakeMs : this.buildMs;
  }

  // ---- running ---------------------------------------------------------------------------

  /** A snapshot is being copied in slices: the run stands still until it is done (stepTaking). */
  get copying(): boolean {
    return this.taking !== null;
  }

  /**
   * How far the next slice of running toward `target` may go: no longer than `leftMs` of wall
   * time nor than a snapshot's spacing (in wall and in simulated time), so one is taken on time
   * in a long seek. `untilMs` is simulated ms.
   */
  sliceToward(target: number, leftMs: number): { sliceMs: number; untilMs: number } {
    const policy = this.policy;
    if (policy === null) return { sliceMs: leftMs, untilMs: target };
    const w = this.host.requireWorld();
    const sliceMs = Math.min(leftMs, Math.max(1, policy.wallMs * this.spread - this.wallSinceSnapshot));
    const basis = this.shelf.latestUpTo({ ms: w.sim.now, ev: w.sim.events });
    return { sliceMs, untilMs: Math.min(target, Math.max(w.sim.now, this.simDueAt(basis, policy))) };
  }

  /**
   * Simulated ms at which a snapshot falls due after `basis` (null: none): one sum for a slice's
   * end and the check there. As `now - basis.ms >= spacing`, a basis at 23,591.207694236222 ms
   * read 9,999.999999999998 at the slice's end: none due, empty slices for ever (session 38).
   */
  private simDueAt(basis: HostSnapshot | null, policy: SnapshotPolicy): number {
    return (basis?.ms ?? 0) + policy.simMs * this.spread;
  }

  /** The run ran `wallMs` of wall time: a snapshot is taken if the policy says one is due here. */
  ran(wallMs: number): void {
    this.wallSinceSnapshot += wallMs;
    if (this.policy !== null) this.maybeSnapshot(this.policy);
  }

  /**
   * Goes back (or ahead) to the latest snapshot at or before `targetMs` when there is one and a
   * seek should use it (`back`, or it lies ahead of where the run stands): the world and the
   * recorders as they were there, copied again (the snapshot stays as it is). True when it did.
   */
  restoreFor(targetMs: number, back: boolean): boolean {
    const w = this.host.requireWorld();
    const snap = this.shelf.latestAtOrBefore(Math.min(w.duration, Math.max(0, targetMs)));
    if (snap === null || !(back || pointBefore({ ms: w.sim.now, ev: w.sim.events }, snap))) return false;
    const t0 = this.host.wallClock();
    this.adopt(snap, deepCopy<HostState>(snap.state.host, { keep: this.shared(), rootName: 'snapshot' }).value);
    this.lastCopyMs = this.host.wallClock() - t0;
    return true;
  }

  /** The host adopts `s`, a copy of `snap`'s state: the run has passed `snap`, and the point a copy in slices stood at is left behind. */
  private adopt(snap: HostSnapshot, s: HostState): void {
    this.host.adopt(snap, s);
    this.basis = snap;
    this.wallSinceSnapshot = 0;
    this.taking = null;
  }

  /** Takes a snapshot when the policy says one is due at this point. */
  private maybeSnapshot(policy: SnapshotPolicy): void {
    const w = this.host.requireWorld();
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
    // By wall time only past wallMinEvents of the run's own events: on a busy machine a wall spacing holds few.
    const wallDue = this.wallSinceSnapshot >= Math.max(policy.wallMs * this.spread, policy.copyCostFactor * this.lastCopyMs) && here.ev - (basis?.ev ?? 0) >= policy.wallMinEvents * this.spread;
    const due = wallDue || w.sim.now >= this.simDueAt(basis, policy);
    if (!due) return;
    // While playing, a copy longer than a frame's budget would be a hitch: copied in slices instead.
    if (this.playing && this.takeCostMs() > policy.playMs) return this.startTaking();
    this.takeSnapshot();
  }

  /** Starts copying a snapshot here in slices (see `taking`); the run stands still until it is done. */
  startTaking(): void {
    const w = this.host.requireWorld();
    const job = startCopy<HostState>(this.host.stateForCopy(true), { keep: this.shared(), rootName: 'snapshot', pack: true });
    // The log in chunks, as it stands here (see takeSnapshot).
    const log = this.host.saveLog(this.basis?.state.log ?? null);
    this.taking = { job, world: w, ms: w.sim.now, ev: w.sim.events, nextAction: this.host.nextAction, log, spentMs: 0 };
  }

  /**
   * Copies on at the snapshot being taken in slices until it is done (true: it is on the shelf)
   * or the wall clock reaches `deadline` (false: the run must stay where it is); true at once when
   * none is. Drops it, and says true, when the run is no longer where the copy began (a bug
   * elsewhere: nothing may move the world meanwhile; see the callers that drop `taking`).
   */
  stepTaking(deadline: number): boolean {
    const t = this.taking;
    if (t === null) return true;
    const w = this.host.requireWorld();
    if (t.world !== w || t.ms !== w.sim.now || t.ev !== w.sim.events) {
      this.taking = null;
      return true;
    }
    const clock = this.host.wallClock;
    const start = clock();
    let done: boolean;
    try {
      done = detachedCopy(w, this.host, () => t.job.step(() => clock() >= deadline));
    } finally {
      t.spentMs += clock() - start;
    }
    if (!done) return false;
    this.taking = null;
    const copied = t.job.result();
    const parts = t.log === null ? [] : t.log.chunks.flatMap((c) => [c.time, c.kind, c.actor, c.request]);
    this.shelve({ ms: t.ms, ev: t.ev, nextAction: t.nextAction, state: { host: copied.value, log: t.log }, bytes: copied.bytes, parts }, t.spentMs);
    return true;
  }

  /** Copies the run here onto the shelf. */
  private takeSnapshot(): void {
    const w = this.host.requireWorld();
    const clock = this.host.wallClock;
    const t0 = clock();
    const state = this.host.stateForCopy(false);
    // Packed: latency histograms and tables grown ahead are mostly zeros.
    const copied = detachedCopy(w, this.host, () => deepCopy<HostState>(state, { keep: this.shared(), rootName: 'snapshot', pack: true }));
    // The log in chunks, sharing those not written since the snapshot this run last passed or restored.
    const log = this.host.saveLog(this.basis?.state.log ?? null);
    const parts = log === null ? [] : log.chunks.flatMap((c) => [c.time, c.kind, c.actor, c.request]);
    this.shelve({ ms: w.sim.now, ev: w.sim.events, nextAction: this.host.nextAction, state: { host: copied.value, log }, bytes: copied.bytes, parts }, clock() - t0);
  }

  /** Puts a snapshot taken at the run's point on the shelf; `copyMs`: the wall ms copying it took. */
  private shelve(snap: HostSnapshot, copyMs: number): void {
    // Thinned to fit the budget: the next ones come as far apart as those left.
    this.spread *= 2 ** this.shelf.add(snap, this.policy!.budgetBytes);
    this.basis = snap;
    this.wallSinceSnapshot = 0;
    this.lastCopyMs = copyMs;
    this.lastTakeMs = copyMs;
  }

  /** What copies share with the live run rather than copy (snapshotCopy.ts). */
  private shared(): object[] {
    return this.sharedWith.keep(this.host, this.owner);
  }

  // ---- idle work: snapshots filled in while the run stands still (backfill.ts) ----------

  /**
   * Work for the time the run stands still, at most `budgetMs` of wall time a call (SimHost.idle):
   * finishes a snapshot play was copying, then fills in a snapshot in the middle of the widest gap
   * between those kept (the last one runs to the run's end, ahead of where it stands), by
   * replaying the recipe on a second host from the snapshot before the gap, and again
   * (backfill.ts), within FILL_BUDGET_SHARE of the policy's memory, in runs of over
   * `fillRunEvents` events from zero to their end. True while some is left. It never moves the
   * run; a change of the recipe drops the fill under way. Nothing while play goes on (play's
   * advances copy their own snapshots in slices) or without a policy.
   */
  idle(budgetMs: number): boolean {
    const policy = this.policy;
    if (policy === null || this.playingOn) return false;
    const deadline = this.host.wallClock() + budgetMs;
    if (!this.stepTaking(deadline)) return true;
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
    const clock = this.host.wallClock;
    if (f.copy !== null) {
      if (!f.copy.step(() => clock() >= deadline)) return true;
      fill.snaps.adopt(f.from, f.copy.result().value);
      f.copy = null;
    }
    try {
      if (!fill.snaps.copying) {
        if (!fill.runToward(f.atMs, Math.max(0, deadline - clock()))) return true;
        fill.snaps.startTaking();
      }
      if (!fill.snaps.stepTaking(deadline)) return true;
    } catch {
      // The run itself would stop there too, and say why when it gets there.
      this.filler = null;
      return false;
    }
    this.filler = null;
    const snap = fill.snaps.shelf.all.find((x) => x !== f.from);
    if (snap === undefined || this.shelf.bytesWith(snap) > FILL_BUDGET_SHARE * policy.budgetBytes) return false;
    this.shelf.add(snap, policy.budgetBytes);
    return true;
  }

  /** A fill of the widest gap worth it, on a new host that will replay from its start; null when none is. */
  private planFiller(policy: SnapshotPolicy): Filler | null {
    const w = this.host.requireWorld();
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
    // It takes the one snapshot it is for (stepFill), none on the way.
    const host = this.host.fillHost({ ...policy, wallMs: Number.POSITIVE_INFINITY, simMs: Number.POSITIVE_INFINITY, budgetBytes: Number.POSITIVE_INFINITY });
    host.snaps.forFill(this.host, from);
    const copy = startCopy<HostState>(from.state.host, { keep: [host, ...this.shared()], rootName: 'snapshot' });
    return { host, version: this.recipeVersion, from, atMs: plan.atMs, copy };
  }
}
