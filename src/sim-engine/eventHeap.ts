import { C, EventRecords } from './eventRecords';

// The event list's two binary min-heaps, as methods over its typed arrays, passed in (EventQueue.ts):
// small enough for V8 to inline where the queue files and pops, and with the arrays in hand
// (issue 14.4: a method re-reads each array from its object after every store).
//
// The main heap orders entries by time, then by the sequence number in their slot record
// (`f64[slot * 8 + F_SEQ]`), so events at one instant leave in the order they were scheduled.
// Its times sit beside the slot numbers (`ht`, `hl`), so a sift reads the records only for ties.
// The overflow heap orders by time alone (its entries reach the main heap through the calendar,
// which restores the sequence order).

/**
 * The heaps' sifts, the base of `EventCalendar`. NOTE: issue 14.4: methods, not module functions.
 * In a bundle (esbuild's ESM scope, the app's too) a module function is a mutable variable of the
 * module, so V8 guards each call of one it inlined: it loads the variable, compares it with the
 * function it inlined and branches (5 instructions), at every pop and every filing. A method of
 * the class is found through the receiver's map, which the caller has checked already: no guard.
 * They read nothing from `this`: the arrays come as arguments. Counted (session 44, callgrind,
 * chain3): -41 instructions a request in all, the filings' -148 less what runUntil's code gained.
 */
export class EventHeaps extends EventRecords {
  /**
   * Adds `slot` to the main heap of `n` entries; the caller counts it. NOTE: issue 14.4: the time
   * is read from the slot's record (the line the sequence is on), not passed: a double passed to a
   * call V8 does not inline is boxed in a fresh heap number.
   */
  protected heapPush(ht: Float64Array, hl: Int32Array, f64: Float64Array, n: number, slot: number): void {
    const t = f64[(slot << 3) + C.F_TIME];
    const s = f64[(slot << 3) + C.F_SEQ];
    let pos = n;
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

  /**
   * Removes the main heap's root when it held `n + 1` entries: moves the last, at index `n`, to the
   * root and sifts it down. Sequences are read only to break ties in time.
   */
  protected heapRemoveTop(ht: Float64Array, hl: Int32Array, f64: Float64Array, n: number): void {
    if (n === 0) return;
    const t = ht[n];
    const slot = hl[n];
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

  /** Adds `slot` to the overflow heap of `n` entries (`ot`, `os`), by its record's time; the caller counts it. */
  protected overflowPush(ot: Float64Array, os: Int32Array, f64: Float64Array, n: number, slot: number): void {
    const t = f64[(slot << 3) + C.F_TIME];
    let pos = n;
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

  /** Removes the overflow heap's root; `n` is its count after the removal. */
  protected overflowRemoveTop(ot: Float64Array, os: Int32Array, n: number): void {
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
}
