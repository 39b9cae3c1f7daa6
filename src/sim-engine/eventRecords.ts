import { lineAlignedBuffer } from './lineAligned';
import { RunStoppedError } from './RunStoppedError';

/**
 * The event list's constants (EventQueue.ts, eventCalendar.ts, eventHeap.ts). NOTE: issue 14.4:
 * a `const enum`, so esbuild writes each as a literal where it is used, in this file and in the
 * files that import it. Top-level `const`s become `var`s of the module in an unminified bundle
 * (the bench's, tsx's CLI and tests), and V8 then loads, Smi-checks and untags each from the
 * module's context at every use: some 6 instructions, with an overflow check, per field of a
 * slot record.
 * Slot states: FREE, PENDING, CANCELLED. Each scheduled event lives in a 64-byte *slot record*,
 * one cache line, read through two views of one buffer: doubles at F_* (index slot * 8 + F_*),
 * 32-bit integers at I_* (slot * 16 + I_*).
 */
export const enum C {
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
  /**
   * Events the heap should receive per calendar bucket; the bucket width follows from it.
   * NOTE: issue 14.4: 4 counted less in chain3 and its floor but 4.8% more a request at 1,000
   * services (session 36, docs/performance.md), so 8 stays.
   */
  EVENTS_PER_BUCKET = 8,
  /** Pops between two checks of the bucket width. */
  CHECK_EVERY = 1024,
  MIN_WIDTH = 1e-9,
  /** The furthest bucket a jump may reach (2^40); bucket numbers stay exact far below 2^53. */
  MAX_BUCKET = 1099511627776,
  MAX_WIDTH = 1e9,
}

/**
 * The event list's storage: the slot records, their free list, and the typed arrays of the two
 * heaps (eventHeap.ts), all grown together; the base of `EventHeaps`, `EventCalendar` and `EventQueue`.
 * Handles encode (generation, slot), so a stale handle never names a later event in its slot.
 *
 * NOTE: nothing here allocates, except that the arrays double when full.
 */
export class EventRecords {
  protected capacity: number;
  protected f64: Float64Array;
  protected i32: Int32Array;
  protected freeSlots: Int32Array;
  protected freeTop = 0;
  /** Room for every slot number, for rebuilds. */
  protected scratch: Int32Array;
  protected nextSeq = 0;

  /** The main heap, by (time, sequence): times beside slot numbers (eventHeap.ts). */
  protected heapTime: Float64Array;
  protected heapSlot: Int32Array;
  protected heapCount = 0;
  /** The overflow heap, by time alone (eventCalendar.ts says why). */
  protected overflowTime: Float64Array;
  protected overflowSlot: Int32Array;
  protected overflowCount = 0;

  /** Entries stored anywhere, cancelled ones included. */
  protected count = 0;
  /**
   * Cancelled entries still stored (count - dead events are pending). NOTE: issue 14.4: counted
   * where an event is cancelled and dropped, rare, rather than keeping the pending count where
   * one is filed and popped (an increment each, every event).
   */
  protected dead = 0;

  /** Payload of the event most recently returned by `pop`: its time (ms), read by the caller. */
  time = 0;
  kind = 0;
  target = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity: number) {
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

  /** True when the handle refers to an event that is still pending. */
  isPending(handle: number): boolean {
    if (handle < 0) return false;
    const slot = handle % 0x1000000;
    if (slot >= this.capacity) return false;
    const i = slot << 4;
    return this.i32[i + C.I_GEN] === Math.floor(handle / 0x1000000) && this.i32[i + C.I_STATE] === C.PENDING;
  }

  /** The cancel handle of the event in `slot`: its generation x 2^24 + the slot. */
  protected handleOf(slot: number): number {
    return this.i32[(slot << 4) + C.I_GEN] * 0x1000000 + slot;
  }

  /** Frees the slot of a cancelled entry taken out of every list, and ages its generation. */
  protected dropEntry(slot: number): void {
    const i = slot << 4;
    const i32 = this.i32;
    i32[i + C.I_STATE] = C.FREE;
    // Generations wrap at 2^29 so handles stay exact doubles (2^29 * 2^24 < 2^53).
    i32[i + C.I_GEN] = (i32[i + C.I_GEN] + 1) & 0x1fffffff;
    this.freeSlots[this.freeTop++] = slot;
    this.count--;
    this.dead--;
  }

  /**
   * Doubles every array (no slot is free). Throws RunStoppedError past 2^24 slots, the handles'
   * 24 bits: a scenario that holds that many events at once is refused as input.
   */
  protected grow(): void {
    const old = this.capacity;
    const n = old * 2;
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
    this.heapTime = grown(this.heapTime, n);
    this.heapSlot = grown(this.heapSlot, n);
    this.overflowTime = grown(this.overflowTime, n);
    this.overflowSlot = grown(this.overflowSlot, n);
    const free = new Int32Array(n);
    // Every old slot is in use (we only grow when none is free); hand out the new ones.
    for (let i = 0; i < n - old; i++) free[i] = n - 1 - i;
    this.freeSlots = free;
    this.freeTop = n - old;
    this.scratch = new Int32Array(n);
    this.capacity = n;
  }
}

/** A copy of `a` in a new array of length `n` (>= a.length), the rest zero. */
function grown<T extends Float64Array | Int32Array>(a: T, n: number): T {
  const b = (a instanceof Float64Array ? new Float64Array(n) : new Int32Array(n)) as T;
  b.set(a as never);
  return b;
}
