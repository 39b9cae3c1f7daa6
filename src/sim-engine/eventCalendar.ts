import { EventHeaps } from './eventHeap';
import { C } from './eventRecords';
import { invariant } from './invariant';

/**
 * The calendar in front of the event list's heap (Brown's calendar queue), the base of
 * `EventQueue`: time is cut into buckets of equal width, bucket k holding
 * [origin + k * width, origin + (k + 1) * width). The heap holds the events of the buckets up
 * to the current one, `cur`; an event further ahead waits in its bucket's list in the ring (O(1)
 * push) and moves into the heap when the calendar reaches its bucket.
 * Events beyond the ring's horizon wait in an overflow heap ordered by time; half a turn before
 * its earliest event's bucket, the events within the horizon move into the ring. When only the
 * overflow holds events, the calendar jumps to the earliest of them.
 * The width follows the event density near the clock (about C.EVENTS_PER_BUCKET per bucket), so
 * the heap stays a few levels deep and in the first-level cache however many events are
 * pending; a 10k-event heap costs 13 levels of cache-missing sift per pop. Pop order depends
 * only on (time, sequence), never on the width: the calendar is invisible to the trace.
 */
export class EventCalendar extends EventHeaps {
  /** Calendar: the first entry of each bucket's list (-1: none); the list runs through I_NEXT. */
  protected readonly head = new Int32Array(C.BUCKETS).fill(-1);
  protected ringCount = 0;
  protected origin = 0;
  protected width = 1;
  protected invWidth = 1;
  /** The calendar's current bucket: every event of it and of earlier ones is in the heap. */
  protected cur = 0;

  protected popsSinceCheck = 0;
  private popsSinceRebuild = 0;
  /** The calendar jumped or drained its overflow since the last width check (each cost O(count)). */
  private jumped = false;
  private timeAtCheck = 0;
  private rebuilds = 0;
  private drains = 0;
  /** Entries the drains took out of the overflow (each one once: what they take is within the horizon). */
  private drained = 0;

  /** How the calendar is laid out and how often it reorganised itself (for tests and tuning). */
  diagnostics(): { width: number; heap: number; ring: number; overflow: number; rebuilds: number; drains: number; drained: number } {
    return { width: this.width, heap: this.heapCount, ring: this.ringCount, overflow: this.overflowCount, rebuilds: this.rebuilds, drains: this.drains, drained: this.drained };
  }

  /**
   * Files the event in `slot` by its record's time: the heap for the current bucket (or earlier),
   * else the ring, else the overflow. NOTE: issue 14.4: the filing
   * functions take a slot and read its time from the slot (the line they write anyway): a double
   * passed to a call V8 does not inline is boxed in a fresh heap number, one an event.
   */
  protected place(slot: number): void {
    const time = this.f64[(slot << 3) + C.F_TIME];
    const k = Math.floor((time - this.origin) * this.invWidth);
    if (k <= this.cur) {
      this.heapPush(this.heapTime, this.heapSlot, this.f64, this.heapCount++, slot);
    } else if (k < this.cur + C.BUCKETS) {
      const bucket = k & C.MASK;
      this.i32[(slot << 4) + C.I_NEXT] = this.head[bucket];
      this.head[bucket] = slot;
      this.ringCount++;
    } else this.overflowPush(this.overflowTime, this.overflowSlot, this.f64, this.overflowCount++, slot);
  }

  /**
   * Brings the earliest pending event to the heap's top, moving buckets in and dropping cancelled
   * entries there. Leaves the heap empty when no event is pending.
   */
  protected settleTop(): void {
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
   * The heap is empty: moves the calendar on, bucket by bucket (or straight to the overflow's
   * earliest when the ring is empty), until its bucket holds a pending event, or none is left.
   */
  private advance(): void {
    const i32 = this.i32;
    while (this.heapCount === 0 && this.count > 0) {
      const overflowAt = this.overflowCount > 0 ? Math.floor((this.overflowTime[0] - this.origin) * this.invWidth) : Infinity;
      if (this.ringCount === 0) {
        this.jumped = true;
        // Only the overflow holds events: jump to its earliest bucket; or, so far ahead that
        // bucket numbers would stop counting exactly (2^53), start the calendar again there
        // (O(count), as the drain after a jump would be anyway).
        if (overflowAt > C.MAX_BUCKET) {
          this.rebuild(this.width, this.overflowTime[0], false);
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
        else this.heapPush(this.heapTime, this.heapSlot, this.f64, this.heapCount++, slot);
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
      this.overflowRemoveTop(this.overflowTime, this.overflowSlot, --this.overflowCount);
      this.drained++;
      if (this.i32[(slot << 4) + C.I_STATE] === C.CANCELLED) this.dropEntry(slot);
      else this.place(slot);
    }
  }

  /**
   * Every C.CHECK_EVERY pops: when the pop rate says buckets hold over twice or under half as many
   * events as C.EVENTS_PER_BUCKET, rebuild with a better width. At most once per `count` pops, so
   * the O(count) rebuild stays O(1) per event, unless the calendar jumped meanwhile: a width
   * too small for the events' spacing makes it jump on every pop, at O(count) each.
   */
  protected checkWidth(): void {
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
  protected rebuild(width: number, origin = this.time, newWidth = true): void {
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
  protected removeTop(): void {
    this.dropEntry(this.heapSlot[0]);
    this.heapRemoveTop(this.heapTime, this.heapSlot, this.f64, --this.heapCount);
  }
}
