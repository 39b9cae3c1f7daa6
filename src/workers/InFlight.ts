// The messages on the wire, as the frame draws them: one dot per message between its send and
// its arrival, kept in parallel typed arrays in send order, and the per-edge count of those that
// came and went between two frames without ever being drawn.
import { PASSED_STRIDE } from './protocol';

/** Message flag: a response (else a request). */
export const RESPONSE = 1;
/** Message flag: it carries a failure. */
export const FAILED = 2;
/** Message flag: a retry's request. */
export const RETRY = 4;
/** Message flag: the message was in at least one frame's dots. */
export const SEEN = 8;
/** Message flag: the tracer keeps the message's request for sure (its dot is ringed). */
export const SAMPLED = 16;

/** Room for messages a new list starts with; it doubles when full. */
const INITIAL_ROOM = 1024;

/**
 * The messages in flight as a snapshot holds them (part of SimHost's HostState): the arrays cut
 * to `msgCount`, not the room they keep to grow.
 */
export interface InFlightState {
  msgEdge: Int32Array<ArrayBuffer>;
  msgFlags: Uint8Array<ArrayBuffer>;
  msgT0: Float64Array<ArrayBuffer>;
  msgT1: Float64Array<ArrayBuffer>;
  msgSeq: Float64Array<ArrayBuffer>;
  msgReq: Float64Array<ArrayBuffer>;
  msgCount: number;
  msgSent: number;
}

/**
 * The in-flight messages of one run as parallel arrays (index i is the i-th oldest message still
 * on the wire), and the passed counts since the last frame. Mutable: the host adds to it as the
 * world sends, and the frame compacts it.
 */
export class InFlight {
  /** Each message's topology edge. */
  edge = new Int32Array(INITIAL_ROOM);
  /** Each message's flags (RESPONSE, FAILED, RETRY, SEEN, SAMPLED). */
  flags = new Uint8Array(INITIAL_ROOM);
  /** Each message's send time, simulated ms. */
  t0 = new Float64Array(INITIAL_ROOM);
  /** Each message's arrival time, simulated ms. */
  t1 = new Float64Array(INITIAL_ROOM);
  /** Each message's number in send order (for uniform sampling that holds still between frames). */
  seq = new Float64Array(INITIAL_ROOM);
  /** Each message's request (`Request.number`), so a click on its dot can open that request. */
  req = new Float64Array(INITIAL_ROOM);
  /** Messages in the arrays. */
  count = 0;
  /** Messages sent since the run began (the next one's `seq`). */
  sent = 0;
  /** Per edge (PASSED_STRIDE floats: request, response, failed), messages sent and arrived since the last frame without ever being drawn. */
  passed = new Float32Array(0);
  /**
   * Simulated ms: only a message arriving after it counts as passed. -Infinity while playing
   * (every message between two frames counts); a seek sets it to a short while before its target
   * (SimHost.seekTo), so the frame it ends on lights only the links traffic crossed just then,
   * not everything the seek ran through (retry-storm opened at 30 s lit every link with the
   * failures of 10 s to 25 s). Not part of a snapshot.
   */
  passedAfter = Number.NEGATIVE_INFINITY;

  /**
   * Starts a run from zero over `edges` topology edges: no messages, send numbers from 0 again
   * (so the dots drawn at a moment are the same however it was reached, from zero or from a
   * snapshot), nothing passed. Keeps the arrays' room.
   */
  reset(edges: number): void {
    this.count = 0;
    this.sent = 0;
    this.passed = new Float32Array(edges * PASSED_STRIDE);
  }

  /**
   * Puts a message on the wire from `t0` to `t1` (simulated ms). A zero-latency hop is never
   * drawn as a dot: it only counts as passed on its edge (when after `passedAfter`).
   */
  transmit(edge: number, response: boolean, t0: number, t1: number, failed: boolean, retry: boolean, request: number, sampled: boolean): void {
    if (t1 <= t0) {
      if (t1 > this.passedAfter) this.passed[edge * PASSED_STRIDE + (failed ? 2 : response ? 1 : 0)]++;
      return;
    }
    if (this.count === this.edge.length) this.grow();
    const i = this.count++;
    this.edge[i] = edge;
    this.flags[i] = (response ? RESPONSE : 0) | (failed ? FAILED : 0) | (retry ? RETRY : 0) | (sampled ? SAMPLED : 0);
    this.req[i] = request;
    this.t0[i] = t0;
    this.t1[i] = t1;
    this.seq[i] = this.sent++;
  }

  /**
   * Drops the messages that have arrived by `now`, keeping the order of the rest (so the oldest
   * are drawn first); one that arrived without ever being in a frame counts as passed on its
   * edge, unless the run `jumped` (a rebuild or a restore) since the last frame or it arrived at
   * or before `passedAfter`. `draw`: the rest
   * are in the frame being packed (marked seen). Returns how many are left.
   */
  compact(now: number, draw: boolean, jumped: boolean): number {
    let kept = 0;
    const seen = draw ? SEEN : 0;
    for (let i = 0; i < this.count; i++) {
      const flags = this.flags[i];
      if (this.t1[i] <= now) {
        if (!(flags & SEEN) && !jumped && this.t1[i] > this.passedAfter) this.passed[this.edge[i] * PASSED_STRIDE + (flags & FAILED ? 2 : flags & RESPONSE)]++;
        continue;
      }
      this.edge[kept] = this.edge[i];
      this.flags[kept] = flags | seen;
      this.t0[kept] = this.t0[i];
      this.t1[kept] = this.t1[i];
      this.seq[kept] = this.seq[i];
      this.req[kept] = this.req[i];
      kept++;
    }
    this.count = kept;
    return kept;
  }

  /** The passed counts since the last frame, handed over; counting starts afresh. */
  takePassed(): Float32Array {
    const p = this.passed;
    this.passed = new Float32Array(p.length);
    return p;
  }

  /** Forgets the passed counts (after a jump, nothing counts as passed). */
  clearPassed(): void {
    this.passed.fill(0);
  }

  /** The messages as a snapshot holds them: copies cut to `count` (this list is unchanged). */
  state(): InFlightState {
    return {
      msgEdge: this.edge.slice(0, this.count),
      msgFlags: this.flags.slice(0, this.count),
      msgT0: this.t0.slice(0, this.count),
      msgT1: this.t1.slice(0, this.count),
      msgSeq: this.seq.slice(0, this.count),
      msgReq: this.req.slice(0, this.count),
      msgCount: this.count,
      msgSent: this.sent,
    };
  }

  /**
   * A list made from a snapshot's messages `s` (copied into arrays with room to grow again; `s`
   * is unchanged), over `edges` topology edges. Every message is as if never drawn, like a run
   * from zero: no frame has been packed on the way here.
   */
  static fromState(s: InFlightState, edges: number): InFlight {
    const m = new InFlight();
    const room = Math.max(INITIAL_ROOM, 2 * s.msgCount);
    m.edge = widened(s.msgEdge, room, (n) => new Int32Array(n));
    m.flags = widened(s.msgFlags, room, (n) => new Uint8Array(n));
    for (let i = 0; i < s.msgCount; i++) m.flags[i] &= ~SEEN;
    m.t0 = widened(s.msgT0, room, (n) => new Float64Array(n));
    m.t1 = widened(s.msgT1, room, (n) => new Float64Array(n));
    m.seq = widened(s.msgSeq, room, (n) => new Float64Array(n));
    m.req = widened(s.msgReq, room, (n) => new Float64Array(n));
    m.count = s.msgCount;
    m.sent = s.msgSent;
    m.passed = new Float32Array(edges * PASSED_STRIDE);
    return m;
  }

  /** Doubles the arrays' room, keeping the messages. */
  private grow(): void {
    const n = this.edge.length * 2;
    this.edge = widened(this.edge, n, (k) => new Int32Array(k));
    this.flags = widened(this.flags, n, (k) => new Uint8Array(k));
    this.t0 = widened(this.t0, n, (k) => new Float64Array(k));
    this.t1 = widened(this.t1, n, (k) => new Float64Array(k));
    this.seq = widened(this.seq, n, (k) => new Float64Array(k));
    this.req = widened(this.req, n, (k) => new Float64Array(k));
  }
}

/** A new array of `room` elements made by `make`, starting with `a`'s (room >= a.length). */
function widened<A extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(a: A, room: number, make: (n: number) => A): A {
  const b = make(room);
  b.set(a as never);
  return b;
}
