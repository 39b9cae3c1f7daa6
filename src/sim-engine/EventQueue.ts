import { invariant } from './invariant';

/**
 * The future-event list: an indexed binary min-heap over typed arrays.
 *
 * Ordered by time, then by insertion sequence, so events scheduled for the same instant
 * leave in the order they were scheduled (FIFO ties) and a run repeats exactly.
 *
 * Each scheduled event lives in a *slot* holding its payload (kind, target, a, b). The heap
 * itself keeps (time, seq, slot) triples in three parallel typed arrays, and `slotPos` maps a
 * slot back to its heap position so `cancel` removes an event in O(log n) with no tombstones
 * left behind (timeouts are cancelled far more often than they fire).
 *
 * NOTE: nothing here allocates per event; the arrays double when full.
 */
export class EventQueue {
  private capacity: number;
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private heapSlot: Int32Array;
  private slotPos: Int32Array;
  private slotGen: Uint32Array;
  private slotKind: Int32Array;
  private slotTarget: Int32Array;
  private slotA: Int32Array;
  private slotB: Float64Array;
  private freeSlots: Int32Array;
  private freeTop = 0;
  private nextSeq = 0;
  private count = 0;

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
    this.slotPos = new Int32Array(n).fill(-1);
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
    return this.count;
  }

  /** Time of the earliest pending event, or Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.heapTime[0] : Infinity;
  }

  /**
   * Schedules an event and returns a handle for `cancel`.
   * Handles encode (generation, slot) so a stale handle never cancels a later event.
   */
  push(time: number, kind: number, target: number, a: number, b: number): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.freeSlots[--this.freeTop];
    this.slotKind[slot] = kind;
    this.slotTarget[slot] = target;
    this.slotA[slot] = a;
    this.slotB[slot] = b;
    const gen = this.slotGen[slot];
    this.siftUp(this.count++, time, this.nextSeq++, slot);
    return gen * 0x1000000 + slot;
  }

  /**
   * Removes the earliest event and copies its payload into `time`, `kind`, `target`, `a`, `b`.
   * Precondition: `size > 0`.
   */
  pop(): void {
    const slot = this.heapSlot[0];
    this.time = this.heapTime[0];
    this.kind = this.slotKind[slot];
    this.target = this.slotTarget[slot];
    this.a = this.slotA[slot];
    this.b = this.slotB[slot];
    this.release(slot);
    const last = --this.count;
    if (last > 0) this.siftDown(0, this.heapTime[last], this.heapSeq[last], this.heapSlot[last]);
  }

  /** Cancels a pending event. Returns false when the handle's event already ran or was cancelled. */
  cancel(handle: number): boolean {
    if (handle < 0) return false;
    const slot = handle % 0x1000000;
    const gen = Math.floor(handle / 0x1000000);
    if (slot >= this.capacity || this.slotGen[slot] !== gen) return false;
    const pos = this.slotPos[slot];
    if (pos < 0) return false;
    this.release(slot);
    const last = --this.count;
    if (pos === last) return true;
    const t = this.heapTime[last];
    const s = this.heapSeq[last];
    const sl = this.heapSlot[last];
    // The moved element may need to go either way.
    if (pos > 0 && before(t, s, this.heapTime[(pos - 1) >> 1], this.heapSeq[(pos - 1) >> 1])) {
      this.siftUp(pos, t, s, sl);
    } else {
      this.siftDown(pos, t, s, sl);
    }
    return true;
  }

  /** True when the handle refers to an event that is still pending. */
  isPending(handle: number): boolean {
    if (handle < 0) return false;
    const slot = handle % 0x1000000;
    return slot < this.capacity && this.slotGen[slot] === Math.floor(handle / 0x1000000) && this.slotPos[slot] >= 0;
  }

  private release(slot: number): void {
    this.slotPos[slot] = -1;
    // Generations wrap at 2^29 so handles stay exact doubles (2^29 * 2^24 < 2^53).
    this.slotGen[slot] = (this.slotGen[slot] + 1) & 0x1fffffff;
    this.freeSlots[this.freeTop++] = slot;
  }

  private siftUp(pos: number, t: number, s: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    const sp = this.slotPos;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = ht[parent];
      if (pt < t || (pt === t && hs[parent] < s)) break;
      ht[pos] = pt;
      hs[pos] = hs[parent];
      const ps = hl[parent];
      hl[pos] = ps;
      sp[ps] = pos;
      pos = parent;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
    sp[slot] = pos;
  }

  private siftDown(pos: number, t: number, s: number, slot: number): void {
    const ht = this.heapTime;
    const hs = this.heapSeq;
    const hl = this.heapSlot;
    const sp = this.slotPos;
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
      const cl = hl[child];
      hl[pos] = cl;
      sp[cl] = pos;
      pos = child;
    }
    ht[pos] = t;
    hs[pos] = s;
    hl[pos] = slot;
    sp[slot] = pos;
  }

  private grow(): void {
    const old = this.capacity;
    const n = old * 2;
    invariant(n <= 0x1000000, 'event queue exceeded 16M pending events');
    this.heapTime = growF64(this.heapTime, n);
    this.heapSeq = growF64(this.heapSeq, n);
    this.heapSlot = growI32(this.heapSlot, n);
    const pos = new Int32Array(n).fill(-1);
    pos.set(this.slotPos);
    this.slotPos = pos;
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

function before(t: number, s: number, t2: number, s2: number): boolean {
  return t < t2 || (t === t2 && s < s2);
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
