/**
 * The app's event log: every event the engine processes, as (time, kind, actor, request), in a
 * ring of typed arrays that keeps the newest `capacity` events (older ones are dropped and
 * counted). 17 bytes an event: the default million take 17 MB. Filtered queries keep the
 * matching positions of the last filter asked for, extended as events come, so paging through
 * a filter over a million events scans them once.
 */

import { proxyHostOfEvent, proxyName, type World } from '../models';

/**
 * The actor a log row names for an event sent to `target`: the engine's actor, except that the
 * data plane's events (one actor for every proxy) name the proxy that handles them, as id
 * `actorCount + host` (see `proxyHostOfEvent`; `logActorNames` names them). NOTE: on every event
 * while the log is on; allocates nothing.
 */
export function logActor(w: World, target: number, kind: number, a: number, b: number): number {
  if (target !== w.dataPlane.id) return target;
  const host = proxyHostOfEvent(w, kind, a, b);
  return host < 0 ? target : w.sim.actorCount + host;
}

/** Names of every id `logActor` gives: the engine's actors by id, then each host's proxy. */
export function logActorNames(w: World): string[] {
  const names: string[] = [];
  for (let a = 0; a < w.sim.actorCount; a++) names.push(w.sim.actor(a).name);
  for (let h = 0; h < w.network.hosts.length; h++) names.push(proxyName(w, h));
  return names;
}

/** Events the app's log keeps: the newest 2^20 = 1,048,576. */
export const EVENT_LOG_CAPACITY = 1 << 20;

/** Rows the arrays start with (1 MB); they double as events come. */
const INITIAL_ROWS = 1 << 16;

/** Rows of a saved log's chunk (see `EventLog.save`): 32,768 rows, 557 KB. */
export const LOG_CHUNK = 1 << 15;

/** One chunk of a saved log: its rows' four columns. Never mutated once saved (saves share it). */
export interface SavedChunk {
  readonly time: Float64Array;
  readonly kind: Uint8Array;
  readonly actor: Int32Array;
  readonly request: Int32Array;
}

/** An event log as a snapshot keeps it (`EventLog.save`, `EventLog.fromSave`): plain data, never mutated. */
export interface SavedLog {
  readonly capacity: number;
  /** Events recorded when saved. */
  readonly written: number;
  /** Length of the log's arrays when saved (they grow up to the capacity). */
  readonly rows: number;
  /** The arrays cut in LOG_CHUNK rows, in order. */
  readonly chunks: readonly SavedChunk[];
}

/** Whether `count` ring slots written from slot `from` (modulo `capacity`) touch slots [lo, hi). */
function ringOverlaps(from: number, count: number, lo: number, hi: number, capacity: number): boolean {
  if (count <= 0) return false;
  if (count >= capacity) return true;
  const to = from + count;
  // The written run is [from, to) and, past the ring's end, [0, to - capacity).
  return (from < hi && to > lo) || (to > capacity && lo < to - capacity);
}

/** What a query keeps: any of these that is given must match (request 0 matches none). */
export interface EventFilter {
  /** Actor ids (the engine's event targets); any of them matches. */
  actors?: number[];
  /** Event kind (`Ev`). */
  kind?: number;
  /** Request number (`Request.number`). */
  request?: number;
}

/** Rows of a query, as parallel arrays (plain, small: only the rows asked for). */
export interface EventRows {
  /** Changes when the log starts again (a load, reset or seek back): cached rows are stale. */
  epoch: number;
  /** Rows matching the filter among the events kept. */
  total: number;
  /** Events recorded since the run began, and how many of them the ring has dropped. */
  recorded: number;
  dropped: number;
  capacity: number;
  /** Position of the first row returned among the matching rows. */
  offset: number;
  /** Per row: its number in the run (0 = the first event), time (ms), kind, actor id, request number (0: none). */
  index: number[];
  time: number[];
  kind: number[];
  actor: number[];
  request: number[];
}

export class EventLog {
  // NOTE: the arrays start small and double up to `capacity`, so a run that is started again
  // (every seek back) does not clear 17 MB first.
  private time: Float64Array;
  private kind: Uint8Array;
  private actor: Int32Array;
  private request: Int32Array;
  /** Events recorded so far (the next one's number). */
  private written = 0;
  private cacheKey = '';
  private matches = new Float64Array(1024);
  private matchCount = 0;
  /** Events scanned into `matches` so far. */
  private scanned = 0;

  constructor(
    readonly epoch: number,
    readonly capacity = EVENT_LOG_CAPACITY,
    /** A log being dropped whose arrays this one takes over (see fromSave). */
    recycle: EventLog | null = null,
  ) {
    if (recycle !== null) {
      this.time = recycle.time;
      this.kind = recycle.kind;
      this.actor = recycle.actor;
      this.request = recycle.request;
      return;
    }
    const n = Math.min(capacity, INITIAL_ROWS);
    this.time = new Float64Array(n);
    this.kind = new Uint8Array(n);
    this.actor = new Int32Array(n);
    this.request = new Int32Array(n);
  }

  /** Doubles the arrays (up to capacity); only while the ring has not yet wrapped. */
  private grow(): void {
    const n = Math.min(this.capacity, this.time.length * 2);
    const t = new Float64Array(n);
    t.set(this.time);
    this.time = t;
    const k = new Uint8Array(n);
    k.set(this.kind);
    this.kind = k;
    const a = new Int32Array(n);
    a.set(this.actor);
    this.actor = a;
    const r = new Int32Array(n);
    r.set(this.request);
    this.request = r;
  }

  /** Records one event. NOTE: on every engine event while the log is on; allocates nothing. */
  record(time: number, kind: number, actor: number, request: number): void {
    if (this.written === this.time.length && this.written < this.capacity) this.grow();
    // Before the arrays reach capacity, written < their length; after, the ring wraps.
    const i = this.written % this.capacity;
    this.time[i] = time;
    this.kind[i] = kind;
    this.actor[i] = actor;
    this.request[i] = request;
    this.written++;
  }

  get recorded(): number {
    return this.written;
  }

  /**
   * The log as a snapshot keeps it (see SavedLog): its rows copied in chunks, sharing with `prev`
   * (a save of this run at an earlier point that this log went through: the snapshot the run last
   * passed or restored) every chunk no event has been written into since. Pure: copies, never
   * changes the log. NOTE: for snapshots while playing (issue 11): a save then copies the chunks of
   * the events since the last one, not 17 MB.
   */
  save(prev: SavedLog | null): SavedLog {
    const rows = this.time.length;
    const chunks: SavedChunk[] = [];
    const sharing = prev !== null && prev.capacity === this.capacity && prev.written <= this.written && this.written - prev.written < this.capacity && this.sameAt(prev, prev.written - 1);
    // Ring slots written since prev: [from, to) modulo the capacity (empty when nothing was).
    const from = sharing ? prev.written % this.capacity : 0;
    const count = sharing ? this.written - prev.written : 0;
    for (let c = 0; c * LOG_CHUNK < rows; c++) {
      const lo = c * LOG_CHUNK;
      const hi = Math.min(rows, lo + LOG_CHUNK);
      const old = sharing ? prev.chunks[c] : undefined;
      if (old !== undefined && old.time.length === hi - lo && !ringOverlaps(from, count, lo, hi, this.capacity)) {
        chunks.push(old);
        continue;
      }
      chunks.push({ time: this.time.slice(lo, hi), kind: this.kind.slice(lo, hi), actor: this.actor.slice(lo, hi), request: this.request.slice(lo, hi) });
    }
    return { capacity: this.capacity, written: this.written, rows, chunks };
  }

  /**
   * A log holding what `saved` holds, numbered `epoch` (its filter cache starts empty). It takes
   * over the arrays of `recycle`, a log being dropped, when they have the right length (a
   * restore then writes 17 MB rather than allocating them); `recycle` must not be used after.
   */
  static fromSave(saved: SavedLog, epoch: number, recycle: EventLog | null = null): EventLog {
    const log = new EventLog(epoch, saved.capacity, recycle !== null && recycle.time.length === saved.rows ? recycle : null);
    if (log.time.length !== saved.rows) {
      log.time = new Float64Array(saved.rows);
      log.kind = new Uint8Array(saved.rows);
      log.actor = new Int32Array(saved.rows);
      log.request = new Int32Array(saved.rows);
    }
    saved.chunks.forEach((ch, c) => {
      log.time.set(ch.time, c * LOG_CHUNK);
      log.kind.set(ch.kind, c * LOG_CHUNK);
      log.actor.set(ch.actor, c * LOG_CHUNK);
      log.request.set(ch.request, c * LOG_CHUNK);
    });
    log.written = saved.written;
    return log;
  }

  /** Whether event `e` (the last one `saved` holds) reads the same here: a check that `saved` is of this run. */
  private sameAt(saved: SavedLog, e: number): boolean {
    if (e < 0) return true;
    const i = e % this.capacity;
    const ch = saved.chunks[Math.floor(i / LOG_CHUNK)];
    if (ch === undefined || i >= this.time.length) return false;
    const j = i % LOG_CHUNK;
    return Object.is(ch.time[j], this.time[i]) && ch.kind[j] === this.kind[i] && ch.actor[j] === this.actor[i] && ch.request[j] === this.request[i];
  }

  /** Number of the oldest event still kept. */
  private get oldest(): number {
    return Math.max(0, this.written - this.capacity);
  }

  /**
   * `count` rows (at most 1000) from position `offset` among the kept events that match
   * `filter`, oldest first. Does not change what is recorded.
   */
  query(offset: number, count: number, filter: EventFilter = {}): EventRows {
    const n = Math.max(0, Math.min(1000, Math.floor(count)));
    const rows: EventRows = { epoch: this.epoch, total: 0, recorded: this.written, dropped: this.oldest, capacity: this.capacity, offset: Math.max(0, Math.floor(offset)), index: [], time: [], kind: [], actor: [], request: [] };
    const unfiltered = filter.actors === undefined && filter.kind === undefined && filter.request === undefined;
    let at: (k: number) => number;
    if (unfiltered) {
      rows.total = this.written - this.oldest;
      at = (k) => this.oldest + k;
    } else {
      const first = this.scan(filter);
      rows.total = this.matchCount - first;
      at = (k) => this.matches[first + k];
    }
    for (let k = rows.offset; k < Math.min(rows.total, rows.offset + n); k++) {
      const e = at(k);
      const i = e % this.capacity;
      rows.index.push(e);
      rows.time.push(this.time[i]);
      rows.kind.push(this.kind[i]);
      rows.actor.push(this.actor[i]);
      rows.request.push(this.request[i]);
    }
    return rows;
  }

  /** Brings the matches of `filter` up to date; returns the position of the first match still kept. */
  private scan(filter: EventFilter): number {
    const key = JSON.stringify([filter.actors ?? null, filter.kind ?? null, filter.request ?? null]);
    if (key !== this.cacheKey) {
      this.cacheKey = key;
      this.matchCount = 0;
      this.scanned = this.oldest;
    }
    const actors = filter.actors ? new Set(filter.actors) : null;
    const { kind, request } = filter;
    for (let e = Math.max(this.scanned, this.oldest); e < this.written; e++) {
      const i = e % this.capacity;
      if (kind !== undefined && this.kind[i] !== kind) continue;
      if (request !== undefined && this.request[i] !== request) continue;
      if (actors !== null && !actors.has(this.actor[i])) continue;
      if (this.matchCount === this.matches.length) {
        const grown = new Float64Array(this.matches.length * 2);
        grown.set(this.matches);
        this.matches = grown;
      }
      this.matches[this.matchCount++] = e;
    }
    this.scanned = this.written;
    // Matches are in order: the first still kept is found by bisection.
    let lo = 0;
    let hi = this.matchCount;
    const oldest = this.oldest;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.matches[mid] < oldest) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 1 << 16 && lo > this.matchCount / 2) {
      // Most matches have dropped out of the ring: forget them.
      this.matches.copyWithin(0, lo, this.matchCount);
      this.matchCount -= lo;
      lo = 0;
    }
    return lo;
  }
}
