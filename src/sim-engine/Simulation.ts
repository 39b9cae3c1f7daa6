import { EventQueue, refuse } from './EventQueue';
import { TraceHash } from './TraceHash';
import { InvariantError, invariant } from './invariant';
import { StalledClockError } from './StalledClockError';

/**
 * Default for `Simulation.sameTimeLimit`: events in a row at one simulated time before the run
 * is stopped as stalled. The shipped scenarios' longest such run is 20 events; the largest
 * legitimate bursts measured were 27,000 events (10,000 closed-loop users waking at once into a
 * fan-out with no latency). A World raises the limit for larger scenarios (`stallLimit`). At
 * millions of events a second, a small stalled run stops in about a second.
 */
export const DEFAULT_SAME_TIME_LIMIT = 1_000_000;
/** Events before the limit whose actors are counted, to name them when the guard trips. */
const STALL_SAMPLE = 4096;

/**
 * Something that receives events. Actors have stable ids (their index in the simulation)
 * and stable names (used to derive their random streams).
 */
export interface Actor {
  readonly id: number;
  readonly name: string;
  /** Handles one event addressed to this actor. `a` and `b` are the event's payload. */
  receive(kind: number, a: number, b: number): void;
  /**
   * Optional: the scenario's name for what this event is about (a client, a service, a link
   * `a -> b`), when that is not the actor's own name. Called only to explain a stalled clock,
   * before the event is received, so ids in the payload are still live.
   */
  describe?(kind: number, a: number, b: number): string;
}

/** Hears one event before it is received: its time (ms), kind, target actor id and payload. Must not change the run. */
export type EventRecorder = (time: number, kind: number, target: number, a: number, b: number) => void;

/** Receives every event of the kinds it was registered for with `Simulation.handleKind`. */
export interface KindReceiver {
  /** One event of a registered kind: its payload `a`, `b`, and the actor it is addressed to. */
  onKind(kind: number, a: number, b: number, target: number): void;
}

/** A clock that reads wall time in milliseconds, supplied by the host (CLI, worker, test). */
export type WallClock = () => number;

/** What reads the simulated time and nothing else (a Simulation is one), ms. */
export interface Clock {
  readonly now: number;
}

/**
 * The simulation kernel: a clock in milliseconds, a future-event list, and actors.
 *
 * Headless and timer-free: whoever hosts it decides the pacing with `step`, `runUntil`
 * or `runFor`. An exception from an actor stops the run (nothing fails silently).
 */
export class Simulation {
  /** Current simulated time in milliseconds. Only moves forward. */
  now = 0;
  /** Number of events processed so far. */
  events = 0;
  private readonly queue: EventQueue;
  private readonly actors: Actor[] = [];
  private readonly hash = new TraceHash();
  /** Events processed in a row at `now` (the stall guard). */
  private sameTimeRun = 0;
  private limit = DEFAULT_SAME_TIME_LIMIT;
  /** From this many events in a row on, their actors are counted (only near a stall). */
  private watchFrom = DEFAULT_SAME_TIME_LIMIT - STALL_SAMPLE + 1;
  private watched = new Map<string, number>();
  /**
   * Hears every event just before its actor receives it (the app's event log); null, the
   * default, records nothing. It must only read: it may not schedule, cancel or draw, so the
   * run and its trace hash are the same with and without it. Costs one null check per event.
   */
  recorder: EventRecorder | null = null;
  /**
   * By event kind (0-63): the receiver every event of that kind goes to, whatever its target
   * (`handleKind`), or null; a kind past it reads undefined and goes to its target too. Plain
   * data (snapshots copy it with the actors).
   */
  private readonly byKind: (KindReceiver | null)[] = Array.from({ length: 64 }, () => null);

  constructor(initialCapacity = 1024) {
    this.queue = new EventQueue(initialCapacity);
  }

  /** Registers an actor built by `make(id)` and returns it; ids are dense and stable. */
  addActor<A extends Actor>(make: (id: number) => A): A {
    const actor = make(this.actors.length);
    invariant(actor.id === this.actors.length, `actor ${actor.name} must keep the id it was given`);
    this.actors.push(actor);
    return actor;
  }

  /**
   * Sends every event of `kind` (0-63) to `r.onKind` rather than to its target's `receive`: for
   * an actor that alone receives that kind and sees it often (the data plane's proxy passes, 12
   * of a meshed 3-hop request's 22 events), so the kernel calls one method of one class there
   * instead of dispatching on the target's class and then on the kind (issue 14.4). The target
   * still names the actor for the trace hash, the recorder and a stall's message. Throws
   * InvariantError for a kind outside 0-63.
   */
  handleKind(kind: number, r: KindReceiver): void {
    invariant(Number.isInteger(kind) && kind >= 0 && kind < 64, `event kind ${kind} must be an integer in 0-63`);
    this.byKind[kind] = r;
  }

  actor(id: number): Actor {
    return this.actors[id];
  }

  /**
   * Events in a row at one simulated time after which the run stops with a
   * `StalledClockError` (default DEFAULT_SAME_TIME_LIMIT). Hosts raise it for scenarios whose
   * legitimate bursts are larger; it must be at least 1.
   */
  get sameTimeLimit(): number {
    return this.limit;
  }

  set sameTimeLimit(n: number) {
    invariant(n >= 1, `same-time limit ${n} must be at least 1`);
    this.limit = n;
    this.watchFrom = Math.max(1, n - STALL_SAMPLE + 1);
  }

  get actorCount(): number {
    return this.actors.length;
  }

  /**
   * Schedules `kind` for actor `target` after `delay` ms (>= 0) and returns a cancel handle.
   * Events at the same time run in the order they were scheduled.
   */
  schedule(delay: number, kind: number, target: number, a = 0, b = 0): number {
    // NOTE: an `if` rather than invariant(): the message must not be built on every call.
    if (!(delay >= 0)) throw new InvariantError(`delay ${delay} for event kind ${kind} is negative or NaN`);
    // NOTE: issue 14.4: the time through the queue's slot, not an argument: where V8 inlines
    // `schedule` into its caller but not the queue's filing, the argument was a fresh heap number.
    this.queue.nextTime[0] = this.now + delay;
    this.queue.pushNext(kind, target, a, b);
    return this.queue.nextTime[1];
  }

  /**
   * Schedules `kind` for actor `target` after `delay` ms (>= 0), as `schedule`, for an event
   * nobody will cancel: no handle (EventQueue.post; a handle costs a heap number, issue 14.4).
   */
  post(delay: number, kind: number, target: number, a = 0, b = 0): void {
    if (!(delay >= 0)) throw new InvariantError(`delay ${delay} for event kind ${kind} is negative or NaN`);
    this.queue.post(this.now + delay, kind, target, a, b);
  }

  /**
   * The delay (ms, >= 0) of the next `postNext` or `scheduleNext`, written by its caller just
   * before the call. NOTE: issue 14.4: a double passed to a call V8 does not inline (`postNext`
   * is never inlined into the model) is boxed in a fresh 16-byte heap number; through this slot not.
   */
  readonly nextDelay = new Float64Array(1);

  /** `post(nextDelay[0], kind, target, a, b)`: schedules an event nobody will cancel, its delay read from `nextDelay`. */
  postNext(kind: number, target: number, a = 0, b = 0): void {
    const delay = this.nextDelay[0];
    const time = this.now + delay;
    // NOTE: issue 14.4: one test of delay and time; the time passed to the filing V8 inlines here.
    if (!(delay >= 0 && time < Infinity)) refuse(delay, kind, time);
    this.queue.postFinite(time, kind, target, a, b);
  }

  /**
   * `schedule(nextDelay[0], kind, target, a, b)`, its cancel handle left for `lastHandle`, read
   * straight after. NOTE: issue 14.4: a handle returned is past V8's small integers once its
   * slot's generation reaches 64, and then a fresh heap number, as a double passed would be.
   */
  scheduleNext(kind: number, target: number, a = 0, b = 0): void {
    const delay = this.nextDelay[0];
    const time = this.now + delay;
    if (!(delay >= 0 && time < Infinity)) refuse(delay, kind, time);
    this.queue.nextTime[0] = time;
    this.queue.pushFinite(kind, target, a, b);
  }

  /** The cancel handle of the last `schedule` or `scheduleNext`. */
  get lastHandle(): number {
    return this.queue.nextTime[1];
  }

  /** Schedules at an absolute time, which must not be in the past. */
  scheduleAt(time: number, kind: number, target: number, a = 0, b = 0): number {
    if (!(time >= this.now)) throw new InvariantError(`event kind ${kind} scheduled in the past (${time} < ${this.now})`);
    return this.queue.push(time, kind, target, a, b);
  }

  /** Cancels a scheduled event; false when it already ran or was cancelled. O(log n). */
  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  isPending(handle: number): boolean {
    return this.queue.isPending(handle);
  }

  /** Time of the next event, or Infinity when none is pending. */
  peek(): number {
    return this.queue.peekTime();
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Processes the next event. Returns false when there was none. */
  step(): boolean {
    return this.stepUntil(Infinity);
  }

  /** Processes the next event if it is due at or before `until`. */
  private stepUntil(until: number): boolean {
    if (!this.queue.popUntil(until)) return false;
    this.process();
    return true;
  }

  /**
   * Hands the event just popped (the queue's payload) to its receiver, after the stall guard (one
   * compare and one increment an event; actors looked at only in the last STALL_SAMPLE events
   * before the limit), the clock, the count, the hash and the recorder.
   */
  private process(): void {
    const q = this.queue;
    if (q.time === this.now) {
      if (++this.sameTimeRun >= this.watchFrom) this.watch();
    } else this.sameTimeRun = 1;
    this.now = q.time;
    this.events++;
    this.hash.add(q.time, q.kind, q.target, q.a);
    if (this.recorder !== null) this.recorder(q.time, q.kind, q.target, q.a, q.b);
    const h = this.byKind[q.kind];
    if (h !== null && h !== undefined) h.onKind(q.kind, q.a, q.b, q.target);
    else this.actors[q.target].receive(q.kind, q.a, q.b);
  }

  /** Processes every event with time <= `until`, then sets the clock to `until`; returns the number of events processed. */
  runUntil(until: number): number {
    const start = this.events;
    const q = this.queue;
    const hash = this.hash;
    const hf = hash.f64;
    const hw = hash.u32;
    // NOTE: issue 14.4: the pop here, not in stepUntil, and `process` written out, with the hash's
    // `add` (the same steps as `process` and `TraceHash.add`: change them together), so V8
    // compiles the pop, the clock, the hash and the dispatch into this one loop. As calls, V8's
    // inlining budget (920 bytecodes) could not take `process` with its hash (390) beside the pop
    // (589): each event paid a call to `process` (sessions 33-35, docs/performance.md).
    // NOTE: issue 14.4: the run of events at one time in a local, written back where `watch` or a
    // later call reads it. Its `++` runs only on a tie, which in a long run comes first at a new
    // World's start: as a field, its load had no type feedback in the code compiled in the World
    // before, and each new World's run deoptimized there (--trace-deopt, session 40).
    let run = this.sameTimeRun;
    const watchFrom = this.watchFrom;
    // The pops toward the queue's next width check, counted down here (see popUntilUncounted).
    let popsLeft = q.popsToCheck();
    while (q.popUntilUncounted(until)) {
      if (--popsLeft === 0) {
        q.countPops(0);
        popsLeft = q.popsToCheck();
      }
      const time = q.time;
      if (time === this.now) {
        if (++run >= watchFrom) {
          this.sameTimeRun = run;
          this.watch();
        }
      } else run = 1;
      this.now = time;
      this.events++;
      hf[0] = time;
      const lo = hw[0];
      const hi = hw[1];
      const kt = (q.kind << 24) ^ q.target;
      const a = q.a;
      let h = hash.h1;
      let g = hash.h2;
      h = Math.imul(((h << 5) | (h >>> 27)) ^ lo, 0x9e3779b1);
      g = Math.imul(((g << 13) | (g >>> 19)) ^ hi, 0x85ebca6b);
      h = Math.imul(((h << 5) | (h >>> 27)) ^ hi, 0x9e3779b1);
      g = Math.imul(((g << 13) | (g >>> 19)) ^ kt, 0x85ebca6b);
      h = Math.imul(((h << 5) | (h >>> 27)) ^ kt, 0x9e3779b1);
      g = Math.imul(((g << 13) | (g >>> 19)) ^ a, 0x85ebca6b);
      h = Math.imul(((h << 5) | (h >>> 27)) ^ a, 0x9e3779b1);
      g = Math.imul(((g << 13) | (g >>> 19)) ^ lo, 0x85ebca6b);
      hash.h1 = h;
      hash.h2 = g;
      if (this.recorder !== null) this.recorder(time, q.kind, q.target, a, q.b);
      const r = this.byKind[q.kind];
      if (r !== null && r !== undefined) r.onKind(q.kind, a, q.b, q.target);
      else this.actors[q.target].receive(q.kind, a, q.b);
    }
    this.sameTimeRun = run;
    q.countPops(popsLeft);
    this.moveClockTo(until);
    return this.events - start;
  }

  /** After the last event before `until`: the clock moves on to it, and no events are yet in a row there. */
  private moveClockTo(until: number): void {
    if (until > this.now && until !== Infinity) {
      this.now = until;
      this.sameTimeRun = 0;
    }
  }

  /**
   * Near a stall: counts the popped event's actor, and throws once `sameTimeLimit` events in a
   * row happened at `now`. Throws before the event is received.
   */
  private watch(): void {
    const q = this.queue;
    if (this.sameTimeRun === this.watchFrom) this.watched.clear();
    const actor = this.actors[q.target];
    const name = actor.describe ? actor.describe(q.kind, q.a, q.b) : actor.name;
    this.watched.set(name, (this.watched.get(name) ?? 0) + 1);
    if (this.sameTimeRun < this.limit) return;
    const counts = [...this.watched].map(([n, events]) => ({ name: n, events })).sort((x, y) => y.events - x.events || (x.name < y.name ? -1 : 1));
    throw new StalledClockError(q.time, this.limit, counts, this.limit - this.watchFrom + 1);
  }

  /**
   * Runs toward `until` for at most `sliceMs` of wall time (checked every 256 events), so a
   * worker can yield to messages. Returns true when the simulation reached `until`.
   */
  runFor(sliceMs: number, until: number, wallClock: WallClock): boolean {
    const deadline = wallClock() + sliceMs;
    for (;;) {
      for (let i = 0; i < 256; i++) {
        if (!this.stepUntil(until)) {
          this.moveClockTo(until);
          return true;
        }
      }
      if (wallClock() >= deadline) return false;
    }
  }

  /** Hash over every processed event so far: (time, kind, target, a) in order. */
  traceHash(): string {
    return this.hash.digest();
  }
}
