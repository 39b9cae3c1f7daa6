import { invariant } from './invariant';

/** Slot states. */
const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

/**
 * The future-event list: a binary min-heap over typed arrays, ordered by time, then by
 * insertion sequence, so events scheduled for the same instant leave in the order they were
 * scheduled (FIFO ties) and a run repeats exactly.
 *
 * Each scheduled event lives in a *slot* holding its payload (kind, target, a, b); the heap keeps
 * (time, seq, slot) triples in three parallel typed arrays.
 *
 * Cancel is O(1) and lazy: the slot is marked cancelled and skipped when it reaches the top
 * (timeouts are cancelled far more often than they fire). When cancelled entries outnumber
 * live ones the heap is rebuilt without them, so memory stays bounded.
 *
 * NOTE: nothing here allocates per event; the arrays double when full. Keeping no
 * slot-to-position index (as an eagerly cancelling heap must) saves a random write per level.
 */
export class EventQueue {
  private capacity: number;
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  private slotState: Uint8Array;
  private slotGen: Uint32Array;
  private slotKind: Int32Array;
  private slotTarget: Int32Array;
  private slotA: Int32Array;
  private slotB: Float64Array;
  private freeSlots: Int32Array;
  private freeTop = 0;
  private nextSeq = 0;
  /** Entries in the heap, cancelled ones included. */
  private count = 0;
  /** Pending (not cancelled) events. */
  private live = 0;

  /** Payload of the event most recently returned by `pop`, read by the caller. */
  time = 0;
  kind = 0;
  target = 0;
  a = 0;
  b = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity | 0);
    const n = this.capacity;
    this.heapTime = new Float64Array(n);
    this.heapSeq = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.slotState = new Uint8Array(n);
    this.slotGen = new Uint32Array(n);
    this.slotKind = new Int32Array(n);
    this.slotTarget = new Int32Array(n);
    this.slotA = new Int32Array(n);
    this.slotB = new Float64Array(n);
    this.freeSlots = new Int32Array(n);
    for (let i = 0; i < n; i++) this.freeSlots[i] = n - 1 - i;
    this.freeTop = n;
  }

  /** Number of pending events. */
  get size(): number {
    return this.live;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.count > 0 ? this.heapTime[0] : Infinity;
  }

  /**
   * Schedules an event and returns a handle for `cancel`.
   * Handles encode (generation, slot) so a stale handle never cancels a later event.
   */
  push(time: number, kind: number, target: number, a: number, b: number): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.freeSlots[--this.freeTop];
    this.slotState[slot] = PENDING;
    this.slotKind[slot] = kind;
    this.slotTarget[slot] = target;
    this.slotA[slot] = a;
    this.slotB[slot] = b;
    this.live++;
    this.siftUp(this.count++, time, this.nextSeq++, slot);
    return this.slotGen[slot] * 0x1000000 + slot;
  }

  /**
   * Removes the earliest pending event and copies its payload into `time`, `kind`, `target`,
   * `a`, `b`. Precondition: `size > 0`.
   */
  pop(): void {
    this.dropCancelledTop();
    const slot = this.heapSlot[0];
    this.time = this.heapTime[0];
    this.kind = this.slotKind[slot];
    this.target = this.slotTarget[slot];
    this.a = this.slotA[slot];
    this.b = this.slotB[slot];
    this.live--;
    this.removeTop();
  }

  /** Cancels a pending event. Returns false when the handle's event already ran or was cancelled. */
  cancel(handle: number): boolean {
    if (handle < 0) return false;
    const slot = handle % 0x1000000;
    if (slot >= this.capacity || this.slotGen[slot] !== Math.floor(handle / 0x1000000) || this.slotState[slot] !== PENDING) return false;
    this.slotState[slot] = CANCELLED;
    this.live--;
    if (this.count - this.live > this.live + 1024) this.compact();
    return true;
  }

  /** True when the handle refers to an event that is still pending. */
  isPending(handle: number): boolean {
    if (handle < 0) return false;
    const slot = handle % 0x1000000;
    return slot < this.capacity && this.slotGen[slot] === Math.floor(handle / 0x1000000) && this.slotState[slot] === PENDING;
  }

  /** Pops cancelled entries off the top until a pending one (or nothing) is there. */
  private dropCancelledTop(): void {
    while (this.count > 0 && this.slotState[this.heapSlot[0]] === CANCELLED) this.removeTop();
  }

  /** Removes the heap's root entry and frees its slot. */
  private removeTop(): void {
    this.release(this.heapSlot[0]);
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.heapTime[last], this.heapSeq[last], this.heapSlot[last]);
  }

  private release(slot: number): void {
    this.slotState[slot] = FREE;
    // Generations wrap at 2^29 so handles stay exact doubles (2^29 * 2^24 < 2^53).
    this.slotGen[slot] = (this.slotGen[slot] + 1) & 0x1fffffff;
    this.freeSlots[this.freeTop++] = slot;
  }

  /** Rebuilds the heap from its pending entries only (Floyd's heapify, O(n)). */
  private compact(): void {
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = this.heapSlot[i];
      if (this.slotState[slot] === CANCELLED) {
        this.release(slot);
        continue;
      }
      this.heapTime[n] = this.heapTime[i];
      this.heapSeq[n] = this.heapSeq[i];
      this.heapSlot[n] = slot;
      n++;
    }
    this.count = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i, this.heapTime[i], this.heapSeq[i], this.heapSlot[i]);
  }

  private siftUp(pos: number, t: number, s: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = ht[parent];
      if (pt < t || (pt === t && hs[parent] < s)) break;
      ht[pos] = pt;
      hs[pos] = hs[parent];
      hl[pos] = hl[parent];
      pos = parent;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
  }

  private siftDown(pos: number, t: number, s: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    const n = this.count;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      let ct = ht[child];
      let cs = hs[child];
      const right = child + 1;
      if (right < n) {
        const rt = ht[right];
        if (rt < ct || (rt === ct && hs[right] < cs)) {
          child = right;
          ct = rt;
          cs = hs[right];
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      ht[pos] = ct;
      hs[pos] = cs;
      hl[pos] = hl[child];
      pos = child;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
  }

  private grow(): void {
    const old = this.capacity;
    const n = old * 2;
    invariant(n <= 0x1000000, 'event queue exceeded 16M pending events');
    this.heapTime = growF64(this.heapTime, n);
    this.heapSeq = growF64(this.heapSeq, n);
    this.heapSlot = growI32(this.heapSlot, n);
    const state = new Uint8Array(n);
    state.set(this.slotState);
    this.slotState = state;
    const gen = new Uint32Array(n);
    gen.set(this.slotGen);
    this.slotGen = gen;
    this.slotKind = growI32(this.slotKind, n);
    this.slotTarget = growI32(this.slotTarget, n);
    this.slotA = growI32(this.slotA, n);
    this.slotB = growF64(this.slotB, n);
    const free = new Int32Array(n);
    // Every old slot is in use (we only grow when none is free); hand out the new ones.
    for (let i = 0; i < n - old; i++) free[i] = n - 1 - i;
    this.freeSlots = free;
    this.freeTop = n - old;
    this.capacity = n;
  }
}

function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

function growI32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
