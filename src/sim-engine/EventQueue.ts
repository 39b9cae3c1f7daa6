import { InvariantError, invariant } from './invariant';
import { lineAlignedBuffer } from './lineAligned';
import { RunStoppedError } from './RunStoppedError';

/**
 * The queue's constants. NOTE: issue 14.4: a `const enum`, so esbuild writes each as a literal
 * where it is used. Top-level `const`s become `var`s of the module in an unminified bundle (the
 * bench's, tsx's CLI and tests), and V8 then loads, Smi-checks and untags each from the module's
 * context at every use: some 6 instructions, with an overflow check, per field of a slot record.
 * Slot states: FREE, PENDING, CANCELLED. Each scheduled event lives in a 64-byte *slot record*,
 * one cache line, read through two views of one buffer: doubles at F_* (index slot * 8 + F_*),
 * 32-bit integers at I_* (slot * 16 + I_*).
 */
const enum C {
  FREE = 0,
  PENDING = 1,
  CANCELLED = 2,
  F_TIME = 0,
  F_SEQ = 1,
  F_B = 2,
  I_A = 6,
  I_KIND = 7,
  I_TARGET = 8,
  I_NEXT = 9,
  I_GEN = 10,
  I_STATE = 11,
  /** Buckets in the calendar ring (a power of two). */
  BUCKETS = 4096,
  MASK = BUCKETS - 1,
  /** Events the heap should receive per calendar bucket; the bucket width follows from it. */
  EVENTS_PER_BUCKET = 8,
  /** Pops between two checks of the bucket width. */
  CHECK_EVERY = 1024,
  MIN_WIDTH = 1e-9,
  /** The furthest bucket a jump may reach (2^40); bucket numbers stay exact far below 2^53. */
  MAX_BUCKET = 1099511627776,
  MAX_WIDTH = 1e9,
}

/**
 * The future-event list: a binary min-heap over typed arrays ordered by time, then insertion
 * sequence, so events scheduled for the same instant leave in the order they were scheduled
 * (FIFO ties) and a run repeats exactly.
 *
 * The heap only holds the events of the *current bucket* of a calendar in front of it (Brown's
 * calendar queue): time is cut into buckets of equal width; an event further ahead waits in its
 * bucket's list (O(1) push) and moves into the heap when the calendar reaches its bucket.
 * Events beyond the ring's horizon wait in an overflow heap ordered by time; half a turn before
 * its earliest event's bucket, the events within the horizon move into the ring. When only the
 * overflow holds events, the calendar jumps to the earliest of them.
 * The width follows the event density near the clock (about C.EVENTS_PER_BUCKET per bucket), so
 * the heap stays a few levels deep and in the first-level cache however many events are
 * pending; a 10k-event heap costs 13 levels of cache-missing sift per pop. Pop order depends
 * only on (time, sequence), never on the width: the calendar is invisible to the trace.
 *
 * Cancel is O(1) and lazy: the slot is marked cancelled and dropped when it reaches a bucket
 * move or the heap's top (timeouts are cancelled far more often than they fire). When cancelled
 * entries outnumber live ones everything is rebuilt without them, so memory stays bounded.
 *
 * NOTE: nothing here allocates, except that the arrays double when full.
 */
export class EventQueue {
  private capacity: number;
  private f64: Float64Array;
  private i32: Int32Array;
  private freeSlots: Int32Array;
  private freeTop = 0;
  /** Room for every slot number, for rebuilds. */
  private scratch: Int32Array;
  private nextSeq = 0;

  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  private heapCount = 0;

  /** Calendar: bucket k holds the events of [origin + k * width, origin + (k + 1) * width). */
  private readonly head = new Int32Array(C.BUCKETS).fill(-1);
  private ringCount = 0;
  /**
   * The overflow: a min-heap by time alone (ties need no order here: an entry reaches the main
   * heap through the ring, which orders by sequence). NOTE: a heap, not a list, since issue 14:
   * far timers (a proxy's certificate renewal and expiry, hours ahead) sat in a list that every
   * drain walked whole, half a turn apart, 6,000 of them in Istio's 1,000-service load test:
   * O(far timers) per drain. A drain now takes only the entries the ring can hold.
   */
  private overflowTime: Float64Array;
  private overflowSlot: Int32Array;
  private overflowCount = 0;
  private origin = 0;
  private width = 1;
  private invWidth = 1;
  /** The bucket whose events are in the heap; every later bucket's are in the ring or overflow. */
  private cur = 0;

  /** Entries stored anywhere, cancelled ones included. */
  private count = 0;
  /** Pending (not cancelled) events. */
  private live = 0;
  private popsSinceCheck = 0;
  private popsSinceRebuild = 0;
  /** The calendar jumped or drained its overflow since the last width check (each cost O(count)). */
  private jumped = false;
  private timeAtCheck = 0;
  private rebuilds = 0;
  private drains = 0;
  /** Entries the drains took out of the overflow (each one once: what they take is within the horizon). */
  private drained = 0;

  /** Payload of the event most recently returned by `pop`, read by the caller. */
  time = 0;
  kind = 0;
  target = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity | 0);
    const n = this.capacity;
    // Each slot record is one cache line: the buffer starts on one (lineAligned.ts).
    const buffer = lineAlignedBuffer(n * 64);
    this.f64 = new Float64Array(buffer, 0, n * 8);
    this.i32 = new Int32Array(buffer, 0, n * 16);
    this.heapTime = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.overflowTime = new Float64Array(n);
    this.overflowSlot = new Int32Array(n);
    this.freeSlots = new Int32Array(n);
    for (let i = 0; i < n; i++) this.freeSlots[i] = n - 1 - i;
    this.freeTop = n;
    this.scratch = new Int32Array(n);
  }

  /** Number of pending events. */
  get size(): number {
    return this.live;
  }

  /** How the calendar is laid out and how often it reorganised itself (for tests and tuning). */
  diagnostics(): { width: number; heap: number; ring: number; overflow: number; rebuilds: number; drains: number; drained: number } {
    return { width: this.width, heap: this.heapCount, ring: this.ringCount, overflow: this.overflowCount, rebuilds: this.rebuilds, drains: this.drains, drained: this.drained };
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    this.settleTop();
    return this.heapCount > 0 ? this.heapTime[0] : Infinity;
  }

  /**
   * Schedules an event at a finite time and returns a handle for `cancel`.
   * Handles encode (generation, slot) so a stale handle never cancels a later event.
   */
  push(time: number, kind: number, target: number, a: number, b: number): number {
    return this.handleOf(this.add(time, kind, target, a, b));
  }

  /** The cancel handle of the event in `slot`: its generation x 2^24 + the slot. */
  private handleOf(slot: number): number {
    return this.i32[(slot << 4) + C.I_GEN] * 0x1000000 + slot;
  }

  /**
   * Schedules an event at a finite time that nobody will cancel: as `push`, without the handle.
   * NOTE: issue 14.4: a handle is past V8's small-integer range (2^30) once its slot's generation
   * reaches 64, so a push that is not inlined returns it in a fresh 16-byte heap number even
   * when the caller drops it (13 a 3-hop request).
   */
  post(time: number, kind: number, target: number, a: number, b: number): void {
    this.add(time, kind, target, a, b);
  }

  /**
   * The time (ms) of the next `postNext`, written by its caller just before the call.
   * NOTE: issue 14.4: a double passed to a call V8 does not inline is boxed in a fresh 16-byte
   * heap number; through this slot the time reaches its event's slot unboxed, inlined or not.
   */
  readonly nextTime = new Float64Array(2);

  /** `post(nextTime[0], kind, target, a, b)`: an event nobody will cancel, its time read from `nextTime`. */
  postNext(kind: number, target: number, a: number, b: number): void {
    this.add(this.nextTime[0], kind, target, a, b);
  }

  /** `push(nextTime[0], ...)`, its handle left in `nextTime[1]` (NOTE: issue 14.4: one past 2^30 returned is a heap number). */
  pushNext(kind: number, target: number, a: number, b: number): void {
    this.nextTime[1] = this.handleOf(this.add(this.nextTime[0], kind, target, a, b));
  }

  /** Fills a free slot with the event and places it in the calendar; returns the slot. */
  private add(time: number, kind: number, target: number, a: number, b: number): number {
    if (!(Math.abs(time) < Infinity)) throw new InvariantError(`event kind ${kind} scheduled at time ${time}`);
    if (this.freeTop === 0) this.grow();
    const slot = this.freeSlots[--this.freeTop];
    const f = slot << 3;
    const i = slot << 4;
    const f64 = this.f64;
    const i32 = this.i32;
    f64[f + C.F_TIME] = time;
    f64[f + C.F_SEQ] = this.nextSeq++;
    f64[f + C.F_B] = b;
    i32[i + C.I_A] = a;
    i32[i + C.I_KIND] = kind;
    i32[i + C.I_TARGET] = target;
    i32[i + C.I_STATE] = C.PENDING;
    this.count++;
    this.live++;
    this.place(slot);
    return slot;
  }

  /**
   * Removes the earliest pending event and copies its payload into `time`, `kind`, `target`,
   * `a`, `b`. Precondition: `size > 0`.
   */
  pop(): void {
    this.settleTop();
    this.take();
  }

  /** Pops the earliest pending event if there is one at or before `until`; false otherwise. */
  popUntil(until: number): boolean {
    this.settleTop();
    if (this.heapCount === 0 || this.heapTime[0] > until) return false;
    this.take();
    return true;
  }

  /** Takes the settled top of the heap. */
  private take(): void {
    const slot = this.heapSlot[0];
    const f = slot << 3;
    const i = slot << 4;
    const f64 = this.f64;
    const i32 = this.i32;
    this.time = f64[f + C.F_TIME];
    this.b = f64[f + C.F_B];
    this.a = i32[i + C.I_A];
    this.kind = i32[i + C.I_KIND];
    this.target = i32[i + C.I_TARGET];
    this.live--;
    this.removeTop();
    if (++this.popsSinceCheck === C.CHECK_EVERY) this.checkWidth();
  }

  /** Cancels a pending event. Returns false when the handle's event already ran or was cancelled. */
  cancel(handle: number): boolean {
    if (!this.isPending(handle)) return false;
    this.i32[((handle % 0x1000000) << 4) + C.I_STATE] = C.CANCELLED;
    this.live--;
    if (this.count - this.live > this.live + 1024) this.rebuild(this.width);
    return true;
  }

  /** True when the handle refers to an event that is still pending. */
  isPending(handle: number): boolean {
    if (handle < 0) return false;
    const slot = handle % 0x1000000;
    if (slot >= this.capacity) return false;
    const i = slot << 4;
    return this.i32[i + C.I_GEN] === Math.floor(handle / 0x1000000) && this.i32[i + C.I_STATE] === C.PENDING;
  }

  /** Brings the earliest pending event to the heap's top, moving buckets in and dropping cancelled entries. */
  private settleTop(): void {
    for (;;) {
      if (this.heapCount === 0) {
        // Every entry left may have been cancelled: then there is nothing to settle.
        if (this.count === 0) return;
        this.advance();
        if (this.heapCount === 0) return;
      }
      if (this.i32[(this.heapSlot[0] << 4) + C.I_STATE] !== C.CANCELLED) return;
      this.removeTop();
    }
  }

  /**
   * Files the event in `slot`: the heap for the current bucket (or earlier), else the ring, else
   * overflow. NOTE: issue 14.4: the queue's filing functions take a slot and read its time from
   * the slot (the line they write anyway): a double passed to a call V8 does not inline is boxed
   * in a fresh heap number, one an event.
   */
  private place(slot: number): void {
    const time = this.f64[(slot << 3) + C.F_TIME];
    const k = Math.floor((time - this.origin) * this.invWidth);
    if (k <= this.cur) return this.heapPush(slot);
    const i = slot << 4;
    if (k < this.cur + C.BUCKETS) {
      const bucket = k & C.MASK;
      this.i32[i + C.I_NEXT] = this.head[bucket];
      this.head[bucket] = slot;
      this.ringCount++;
    } else this.overflowPush(slot);
  }

  /** The heap is empty: moves the calendar on until its bucket holds a pending event, or none is left. */
  private advance(): void {
    const i32 = this.i32;
    while (this.heapCount === 0 && this.count > 0) {
      const overflowMin = this.overflowCount > 0 ? this.overflowTime[0] : Infinity;
      const overflowAt = Math.floor((overflowMin - this.origin) * this.invWidth);
      if (this.ringCount === 0) {
        this.jumped = true;
        // Nothing in the ring: jump straight to the overflow's earliest bucket; or, so far
        // ahead that bucket numbers would stop counting exactly (2^53), start the calendar
        // again there (O(count), as the drain after a jump would be anyway).
        if (overflowAt > C.MAX_BUCKET) {
          this.rebuild(this.width, overflowMin, false);
          continue;
        }
        if (overflowAt - 1 > this.cur) this.cur = overflowAt - 1;
      }
      this.cur++;
      // Half a turn ahead, overflow entries move into the ring (or the heap, after a jump).
      if (this.overflowCount > 0 && overflowAt < this.cur + C.BUCKETS / 2) this.drainOverflow();
      const bucket = this.cur & C.MASK;
      let slot = this.head[bucket];
      this.head[bucket] = -1;
      while (slot >= 0) {
        const next = i32[(slot << 4) + C.I_NEXT];
        this.ringCount--;
        if (i32[(slot << 4) + C.I_STATE] === C.CANCELLED) this.dropEntry(slot);
        else this.heapPush(slot);
        slot = next;
      }
    }
  }

  /** Moves the overflow's entries within the ring's horizon into the ring (or the heap, after a jump). */
  private drainOverflow(): void {
    this.drains++;
    // With a width far too small for the events ahead, the calendar walks empty buckets and
    // drains every half turn, so the next width check may rebuild without waiting for `count` pops.
    this.jumped = true;
    const horizon = this.cur + C.BUCKETS;
    while (this.overflowCount > 0 && Math.floor((this.overflowTime[0] - this.origin) * this.invWidth) < horizon) {
      const slot = this.overflowSlot[0];
      this.overflowPop();
      this.drained++;
      if (this.i32[(slot << 4) + C.I_STATE] === C.CANCELLED) this.dropEntry(slot);
      else this.place(slot);
    }
  }

  private overflowPush(slot: number): void {
    const t = this.f64[(slot << 3) + C.F_TIME];
    const ot = this.overflowTime;
    const os = this.overflowSlot;
    let pos = this.overflowCount++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (ot[parent] <= t) break;
      ot[pos] = ot[parent];
      os[pos] = os[parent];
      pos = parent;
    }
    ot[pos] = t;
    os[pos] = slot;
  }

  /** Removes the overflow heap's root. */
  private overflowPop(): void {
    const ot = this.overflowTime;
    const os = this.overflowSlot;
    const n = --this.overflowCount;
    if (n === 0) return;
    const t = ot[n];
    const slot = os[n];
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      if (child + 1 < n && ot[child + 1] < ot[child]) child++;
      if (t <= ot[child]) break;
      ot[pos] = ot[child];
      os[pos] = os[child];
      pos = child;
    }
    ot[pos] = t;
    os[pos] = slot;
  }

  /**
   * Every C.CHECK_EVERY pops: when the pop rate says buckets hold over twice or under half as many
   * events as C.EVENTS_PER_BUCKET, rebuild with a better width. At most once per `count` pops, so
   * the O(count) rebuild stays O(1) per event, unless the calendar jumped meanwhile: a width
   * too small for the events' spacing makes it jump on every pop, at O(count) each.
   */
  private checkWidth(): void {
    const span = this.time - this.timeAtCheck;
    this.timeAtCheck = this.time;
    this.popsSinceRebuild += this.popsSinceCheck;
    const ideal = (C.EVENTS_PER_BUCKET * span) / this.popsSinceCheck;
    this.popsSinceCheck = 0;
    const jumped = this.jumped;
    this.jumped = false;
    if (!(ideal > 0) || (this.popsSinceRebuild < this.count && !jumped)) return;
    if (ideal > 2 * this.width || ideal < this.width / 2) this.rebuild(ideal);
  }

  /**
   * Refiles every pending entry under a new width, with bucket 0 starting at `origin` (at most
   * the earliest pending time); drops cancelled entries. O(count). A restart (`newWidth` false)
   * keeps the width and the count of pops toward the next width check.
   */
  private rebuild(width: number, origin = this.time, newWidth = true): void {
    const slots = this.scratch;
    let n = 0;
    for (let h = 0; h < this.heapCount; h++) slots[n++] = this.heapSlot[h];
    for (let bucket = 0; bucket < C.BUCKETS; bucket++) {
      for (let s = this.head[bucket]; s >= 0; s = this.i32[(s << 4) + C.I_NEXT]) slots[n++] = s;
    }
    for (let k = 0; k < this.overflowCount; k++) slots[n++] = this.overflowSlot[k];
    invariant(n === this.count, `event queue lost track of entries (${n} found, ${this.count} stored)`);
    this.head.fill(-1);
    this.heapCount = 0;
    this.ringCount = 0;
    this.overflowCount = 0;
    this.width = Math.min(C.MAX_WIDTH, Math.max(C.MIN_WIDTH, width));
    this.invWidth = 1 / this.width;
    this.origin = origin;
    this.cur = 0;
    if (newWidth) this.popsSinceRebuild = 0;
    this.rebuilds++;
    for (let k = 0; k < n; k++) {
      const slot = slots[k];
      if (this.i32[(slot << 4) + C.I_STATE] === C.CANCELLED) this.dropEntry(slot);
      else this.place(slot);
    }
  }

  /** Removes the heap's root entry and frees its slot. */
  private removeTop(): void {
    this.dropEntry(this.heapSlot[0]);
    const last = --this.heapCount;
    if (last > 0) this.siftDown(this.heapTime[last], this.heapSlot[last]);
  }

  private dropEntry(slot: number): void {
    const i = slot << 4;
    const i32 = this.i32;
    i32[i + C.I_STATE] = C.FREE;
    // Generations wrap at 2^29 so handles stay exact doubles (2^29 * 2^24 < 2^53).
    i32[i + C.I_GEN] = (i32[i + C.I_GEN] + 1) & 0x1fffffff;
    this.freeSlots[this.freeTop++] = slot;
    this.count--;
  }

  private heapPush(slot: number): void {
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const f64 = this.f64;
    const t = f64[(slot << 3) + C.F_TIME];
    const s = f64[(slot << 3) + C.F_SEQ];
    let pos = this.heapCount++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = ht[parent];
      if (pt < t || (pt === t && f64[(hl[parent] << 3) + C.F_SEQ] < s)) break;
      ht[pos] = pt;
      hl[pos] = hl[parent];
      pos = parent;
    }
    ht[pos] = t;
    hl[pos] = slot;
  }

  /** Sifts (t, slot) down from the root. Sequences are read only to break ties in time. */
  private siftDown(t: number, slot: number): void {
    const ht = this.heapTime;
    const hl = this.heapSlot;
    const f64 = this.f64;
    const n = this.heapCount;
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      let ct = ht[child];
      const right = child + 1;
      if (right < n) {
        const rt = ht[right];
        if (rt < ct || (rt === ct && f64[(hl[right] << 3) + C.F_SEQ] < f64[(hl[child] << 3) + C.F_SEQ])) {
          child = right;
          ct = rt;
        }
      }
      if (t < ct || (t === ct && f64[(slot << 3) + C.F_SEQ] < f64[(hl[child] << 3) + C.F_SEQ])) break;
      ht[pos] = ct;
      hl[pos] = hl[child];
      pos = child;
    }
    ht[pos] = t;
    hl[pos] = slot;
  }

  private grow(): void {
    const old = this.capacity;
    const n = old * 2;
    // Slot numbers fit 24 bits of a handle. A scenario that holds this many events at once is
    // refused as input (a bug would show as an invariant elsewhere first).
    if (n > 0x1000000) {
      throw new RunStoppedError(
        `more than ${(0x1000000).toLocaleString('en-US')} events were pending at once at t = ${this.time} ms (timers of requests waiting in queues, users, connections): the scenario holds more in flight than a run can keep`,
        this.time,
      );
    }
    const buffer = lineAlignedBuffer(n * 64);
    new Float64Array(buffer, 0, old * 8).set(this.f64);
    this.f64 = new Float64Array(buffer, 0, n * 8);
    this.i32 = new Int32Array(buffer, 0, n * 16);
    const heapTime = new Float64Array(n);
    heapTime.set(this.heapTime);
    this.heapTime = heapTime;
    const heapSlot = new Int32Array(n);
    heapSlot.set(this.heapSlot);
    this.heapSlot = heapSlot;
    const overflowTime = new Float64Array(n);
    overflowTime.set(this.overflowTime);
    this.overflowTime = overflowTime;
    const overflowSlot = new Int32Array(n);
    overflowSlot.set(this.overflowSlot);
    this.overflowSlot = overflowSlot;
    const free = new Int32Array(n);
    // Every old slot is in use (we only grow when none is free); hand out the new ones.
    for (let i = 0; i < n - old; i++) free[i] = n - 1 - i;
    this.freeSlots = free;
    this.freeTop = n - old;
    this.scratch = new Int32Array(n);
    this.capacity = n;
  }
}
