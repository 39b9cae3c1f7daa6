import { EventCalendar } from './eventCalendar';
import { C } from './eventRecords';
import { InvariantError } from './invariant';

/**
 * The future-event list: a binary min-heap over typed arrays ordered by time, then insertion
 * sequence, so events scheduled for the same instant leave in the order they were scheduled
 * (FIFO ties) and a run repeats exactly.
 *
 * In three parts, by concern: the slot records and their storage (eventRecords.ts), the heaps
 * (eventHeap.ts), and the calendar in front of the main heap, which keeps it a few levels deep
 * however many events are pending (eventCalendar.ts); here, the public interface and the hot
 * paths (file, pop).
 *
 * Cancel is O(1) and lazy: the slot is marked cancelled and dropped when it reaches a bucket
 * move or the heap's top (timeouts are cancelled far more often than they fire). When cancelled
 * entries outnumber live ones everything is rebuilt without them, so memory stays bounded.
 *
 * NOTE: nothing here allocates, except that the arrays double when full.
 */
export class EventQueue extends EventCalendar {
  constructor(initialCapacity = 1024) {
    super(initialCapacity);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count - this.dead;
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
   * The time (ms) of the next `pushNext` (Simulation.schedule), written by its caller just before the call.
   * NOTE: issue 14.4: a double passed to a call V8 does not inline is boxed in a fresh 16-byte
   * heap number; through this slot the time reaches its event's slot unboxed, inlined or not.
   */
  readonly nextTime = new Float64Array(2);

  /** `push(nextTime[0], ...)`, its handle left in `nextTime[1]` (NOTE: issue 14.4: one past 2^30 returned is a heap number). */
  pushNext(kind: number, target: number, a: number, b: number): void {
    this.nextTime[1] = this.handleOf(this.add(this.nextTime[0], kind, target, a, b));
  }

  /** Fills a free slot with the event and files it (`place`); returns the slot. Throws InvariantError for a time not finite. */
  private add(time: number, kind: number, target: number, a: number, b: number): number {
    if (!(Math.abs(time) < Infinity)) throw new InvariantError(`event kind ${kind} scheduled at time ${time}`);
    return this.addFinite(time, kind, target, a, b);
  }

  /**
   * `post` for a time its caller has checked finite (Simulation.postNext). NOTE: issue 14.4: the
   * time as an argument, not through `nextTime`: V8 inlines this into Simulation.postNext, so
   * the double stays in a register, where the slot cost a store and a load of it.
   */
  postFinite(time: number, kind: number, target: number, a: number, b: number): void {
    this.addFinite(time, kind, target, a, b);
  }

  /**
   * `pushNext` at `nextTime[0]`, a time its caller has checked finite (Simulation.scheduleNext). NOTE: issue 14.4: the
   * time through the slot, not an argument as postFinite's: Service.start, which inlines scheduleNext, does not inline
   * this, and a double passed to a call not inlined is a fresh heap number (3 a 3-hop request, session 53).
   */
  pushFinite(kind: number, target: number, a: number, b: number): void {
    this.nextTime[1] = this.handleOf(this.addFinite(this.nextTime[0], kind, target, a, b));
  }

  /** `add` past its test of the time, which must be finite. */
  private addFinite(time: number, kind: number, target: number, a: number, b: number): number {
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

  /**
   * As popUntil, but the pop is not counted toward the calendar's width check: the caller counts
   * its pops and calls `widthCheckDue` at every C.CHECK_EVERY-th (Simulation.runUntil, which keeps
   * the count in a local: issue 14.4, a field's load, increment and store less an event).
   */
  popUntilUncounted(until: number): boolean {
    this.settleTop();
    if (this.heapCount === 0 || this.heapTime[0] > until) return false;
    this.takePayload();
    return true;
  }

  /** Pops left before the next width check (1 to C.CHECK_EVERY), for a caller that counts them. */
  popsToCheck(): number {
    return C.CHECK_EVERY - this.popsSinceCheck;
  }

  /**
   * Stores where a caller's count of uncounted pops stands (`popsLeft`: popsToCheck's figure, less
   * its pops since) and, at 0, makes the width check a counted pop makes there (as `take` does,
   * right after the pop). The caller reads popsToCheck again after a check.
   */
  countPops(popsLeft: number): void {
    this.popsSinceCheck = C.CHECK_EVERY - popsLeft;
    if (popsLeft === 0) this.checkWidth();
  }

  /** Takes the settled top of the heap: its payload into the fields, its slot freed. */
  private take(): void {
    this.takePayload();
    if (++this.popsSinceCheck === C.CHECK_EVERY) this.checkWidth();
  }

  /** Takes the settled top of the heap into the fields, without counting the pop. */
  private takePayload(): void {
    const hl = this.heapSlot;
    const slot = hl[0];
    const f = slot << 3;
    const i = slot << 4;
    const f64 = this.f64;
    const i32 = this.i32;
    this.time = f64[f + C.F_TIME];
    this.b = f64[f + C.F_B];
    this.a = i32[i + C.I_A];
    this.kind = i32[i + C.I_KIND];
    this.target = i32[i + C.I_TARGET];
    i32[i + C.I_STATE] = C.FREE;
    // Generations wrap at 2^29 so handles stay exact doubles (2^29 * 2^24 < 2^53).
    i32[i + C.I_GEN] = (i32[i + C.I_GEN] + 1) & 0x1fffffff;
    this.freeSlots[this.freeTop++] = slot;
    this.count--;
    this.heapRemoveTop(this.heapTime, hl, f64, --this.heapCount);
  }

  /** Cancels a pending event. Returns false when the handle's event already ran or was cancelled. */
  cancel(handle: number): boolean {
    if (!this.isPending(handle)) return false;
    this.i32[((handle % 0x1000000) << 4) + C.I_STATE] = C.CANCELLED;
    this.dead++;
    if (this.dead > this.count - this.dead + 1024) this.rebuild(this.width);
    return true;
  }
}

/**
 * Throws the InvariantError `Simulation.post` throws for a `delay` negative or NaN, else the one
 * `EventQueue.push` throws for an event's `time` not finite (for the filings that test both at once).
 */
export function refuse(delay: number, kind: number, time: number): never {
  throw new InvariantError(delay >= 0 ? `event kind ${kind} scheduled at time ${time}` : `delay ${delay} for event kind ${kind} is negative or NaN`);
}
