// The waterfall of one request: which span goes on which row, how far in and how wide its bar
// is, and the time axis. Pure functions of the trace; the component only draws what they say.
import { scaleLinear } from 'd3';
import type { Span, Trace } from '../../workers/protocol';
import { formatNumber } from '../format';
import { expiredCertNote } from './expiredWhy';
import { foldOf, type WaterfallFold } from './waterfallFold';

/** One row of the waterfall: a span, its depth in the tree, and its bar in 0..1 of the width. */
export interface WaterfallRow {
  span: Span;
  depth: number;
  /** Bar start and width as shares of the axis (a zero-length span keeps a sliver). */
  x: number;
  w: number;
  /** Duration in ms (the span's own, or up to `now` while open). */
  ms: number;
  open: boolean;
  /** The span runs on past the axis's end (after the request's fate): its bar stops at the end, `ms` is its whole duration. */
  runsOn?: boolean;
  /** The short text beside the bar: the cause, or the reason a try was (not) retried. */
  note: string;
  /**
   * Set on a fold's row (its `span` the first attempt folded, its bar over all it folds, its note
   * the fold's detail), with whether it is unfolded (its attempts then follow it as rows).
   */
  fold?: WaterfallFold & { open: boolean };
}

export interface WaterfallLayout {
  rows: WaterfallRow[];
  /** The axis: simulated ms at its left and right ends (the request's own span made round, axisEnd). */
  t0: number;
  t1: number;
  /** Tick positions (0..1) and labels, relative to the request's start. */
  ticks: { x: number; label: string }[];
}

/** Room one axis label needs, px ("600 ms" is 41 px at 11 px, and a gap): the axis gets a tick per this much of its width. */
export const TICK_ROOM_PX = 48;

/** Smallest bar, as a share of the axis, so an instant still shows. */
const MIN_W = 0.002;

/**
 * Lays out a trace: rows in tree order (a span, then its children by start time), each bar
 * placed on an axis from the request's start to its end (or to `now` while it is in flight) made
 * round (axisEnd: 398.9 ms gets 0-400 ms); a hop that ran on after the request's fate has its bar
 * cut at the axis's end and `runsOn` set (T3's trial, 9a: one ran to 2 s, and a 398.9 ms request's
 * bars filled a fifth of the width). Spans with roles in
 * `hide` are left out with their children; spans with roles in `lift` are left out but their
 * children shown in their place, at their depth (a service's "serves" row, whose calls stay);
 * the axis gets about `mostTicks` ticks. With `unfolded`
 * (null: nothing folded), each call's earlier failed attempts are one fold row (waterfallFold.ts
 * foldOf) in place of their rows, but for the calls in `unfolded` (span ids), whose fold row is
 * followed by those attempts. Pure; the trace is not changed.
 */
export function layoutWaterfall(
  trace: Trace,
  now: number,
  hide: ReadonlySet<string> = new Set(),
  mostTicks = 4,
  unfolded: ReadonlySet<number> | null = null,
  lift: ReadonlySet<string> = new Set(),
): WaterfallLayout {
  const children = new Map<number, Span[]>();
  for (const s of trace.spans) {
    const list = children.get(s.parent) ?? [];
    list.push(s);
    children.set(s.parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.start - b.start || a.id - b.id);
  const endOf = (s: Span) => (Number.isNaN(s.end) ? now : s.end);
  const t0 = trace.start;
  const t1 = t0 + axisEnd((Number.isNaN(trace.end) ? now : trace.end) - t0, mostTicks);
  const span = Math.max(t1 - t0, 1e-6);
  /** A bar from `start` to `end` on the axis, cut at its end. */
  const bar = (start: number, end: number) => {
    const x = Math.min((start - t0) / span, 1 - MIN_W);
    return { x, w: Math.max(MIN_W, Math.min((end - start) / span, 1 - x)), runsOn: end > t1 + 1e-9 };
  };
  const rows: WaterfallRow[] = [];
  const visit = (s: Span, depth: number) => {
    if (hide.has(s.role)) return;
    if (lift.has(s.role)) {
      for (const c of children.get(s.id) ?? []) visit(c, depth);
      return;
    }
    const end = endOf(s);
    const { x, w, runsOn } = bar(s.start, end);
    rows.push({ span: s, depth, x, w, ms: end - s.start, open: Number.isNaN(s.end), note: noteOf(s), ...(runsOn ? { runsOn } : {}) });
    const kids = children.get(s.id) ?? [];
    const fold = unfolded && s.role === 'call' ? foldOf(s, kids, endOf) : null;
    let folded = false;
    for (const c of kids) {
      if (fold?.spans.has(c.id)) {
        if (!folded) {
          folded = true;
          const open = unfolded!.has(s.id);
          const { x, w, runsOn } = bar(fold.start, fold.end);
          rows.push({ span: c, depth: depth + 1, x, w, ms: fold.end - fold.start, open: false, note: fold.detail, ...(runsOn ? { runsOn } : {}), fold: { ...fold, open } });
        }
        if (!unfolded!.has(s.id)) continue;
      }
      visit(c, depth + 1);
    }
  };
  for (const root of children.get(-1) ?? []) visit(root, 0);
  return { rows, t0, t1, ticks: ticks(t1 - t0, mostTicks) };
}

/**
 * Whether a request's waterfall starts with "calls and attempts only" ticked, until a person
 * ticks or unticks it: when it was retried at two layers or more (two or more calls with folded
 * failed attempts, foldOf), where each layer's tries multiply the hops' detail rows (retry-storm's
 * 27-try request: 38 rows folded, 12 with calls and attempts only, the whole request in the panel at
 * 1600x1000). A request retried at one layer keeps every row. Pure.
 */
export function callsOnlyAtFirst(trace: Trace, now: number): boolean {
  return layoutWaterfall(trace, now, CALLS_ONLY_HIDE, 1, new Set()).rows.filter((r) => r.fold).length >= 2;
}

/** Roles "calls and attempts only" leaves out: proxy passes, crossings, queues, app time, connections, backoffs. */
export const CALLS_ONLY_HIDE: ReadonlySet<string> = new Set(['proxy', 'network', 'queue', 'app', 'pool', 'connect', 'tls', 'backoff']);
/** Roles "calls and attempts only" lifts: a service's "serves" row goes, the calls it made stay (layoutWaterfall's `lift`). */
export const CALLS_ONLY_LIFT: ReadonlySet<string> = new Set(['server']);

/**
 * The words of a try's fate its retry reason does not say (a reset the server's listener made as its drain time ended:
 * WHERE[Where.drainReset] in models/spans/TraceRecord.ts), said before the reason; the timers' words are the reason's own
 * ("per-try timeout of 250 ms fired"), and the others ('seen by the router', 'answered by the host') add nothing.
 */
const FATE_ADDS = /^reset by the server's listener/;

/** What a row says beside its bar (a TLS handshake refused for an expired certificate: whose and who refused it, expiredCertNote). */
export function noteOf(s: Span): string {
  const reason = s.attrs['meshsim.retry.reason'];
  if (s.role === 'try' && typeof reason === 'string') {
    const where = s.attrs['meshsim.failed'];
    return typeof where === 'string' && FATE_ADDS.test(where) ? `${where}; ${reason}` : reason;
  }
  const cause = s.attrs['meshsim.cause'];
  // A handshake refused for an expired certificate says whose and who refused it (F3, session 52).
  if (s.role === 'tls' && cause === 'tls-expired-cert') {
    const expired = expiredCertNote(s);
    if (expired !== null) return expired;
  }
  if (typeof cause === 'string') {
    const where = s.attrs['meshsim.failed'];
    return typeof where === 'string' ? `${cause} (${where})` : cause;
  }
  if (s.role === 'proxy') {
    const q = Number(s.attrs['meshsim.proxy.queue_ms'] ?? 0);
    const cpu = Number(s.attrs['meshsim.proxy.cpu_ms'] ?? 0);
    return `queue ${formatMs(q)}, cpu ${formatMs(cpu)}`;
  }
  if (s.role === 'try' && s.attrs['meshsim.connection'] !== undefined) return `connection ${String(s.attrs['meshsim.connection'])}`;
  return '';
}

/**
 * The axis's right end, ms after the request's start, for a request of `ms`: d3's
 * scaleLinear().nice(most) on [0, ms], so the end is a round figure just past the request's own
 * end (398.9 -> 400, 230 -> 250 with 4 ticks); `ms` itself when it is not above 0. Pure.
 */
export function axisEnd(ms: number, most = 4): number {
  if (!(ms > 0)) return ms;
  return scaleLinear().domain([0, ms]).nice(Math.max(1, most)).domain()[1];
}

/**
 * About `most` round ticks over `ms` (1, 2 or 5 times a power of ten apart; 4 unless the axis
 * is too narrow for 4 labels), labelled in ms or s.
 */
export function ticks(ms: number, most = 4): { x: number; label: string }[] {
  if (!(ms > 0)) return [{ x: 0, label: '0' }];
  const raw = ms / Math.max(1, most);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const out: { x: number; label: string }[] = [];
  for (let k = 0; k * step <= ms + 1e-9; k++) {
    const t = k * step;
    out.push({ x: t / ms, label: t >= 1000 ? `${+(t / 1000).toPrecision(6)} s` : `${+t.toPrecision(6)} ms` });
  }
  return out;
}

/**
 * Where each tick's label goes on an axis `widthPx` wide, each label taking up to `roomPx`:
 * after its tick (`end` false), or, where that would run past the axis's end, ending at its tick
 * (`end` true) when that keeps clear of the label before; a label with room neither way is left
 * out. Pure.
 */
export function placeTickLabels(list: readonly { x: number; label: string }[], widthPx: number, roomPx = TICK_ROOM_PX): { x: number; label: string; end: boolean }[] {
  const out: { x: number; label: string; end: boolean }[] = [];
  let freeFrom = -Infinity;
  for (const t of list) {
    const at = t.x * widthPx;
    if (at >= freeFrom && at + roomPx <= widthPx) {
      out.push({ ...t, end: false });
      freeFrom = at + roomPx;
    } else if (at - roomPx >= freeFrom && at <= widthPx) {
      out.push({ ...t, end: true });
      freeFrom = at;
    }
  }
  return out;
}

/** A duration for people: 0.42 ms, 12.3 ms, 1.25 s. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${formatNumber(ms / 1000, 2)} s`;
  if (ms >= 10) return `${formatNumber(ms, 1)} ms`;
  if (ms === 0) return '0 ms';
  return `${formatNumber(ms, 2)} ms`;
}

/** Width of a duration label, px per character at the waterfall's 10 px bold figures, and its padding. */
const MS_CHAR_PX = 6.2;
const MS_PAD_PX = 8;

/**
 * Where a bar's duration label goes on a track `trackPx` wide, the bar from `x` for `w` (shares of
 * the track): after the bar where the room right of it takes the label, inside it (white, at its
 * end) where the bar does, before it (ending at its start) where the room left of it does, else at
 * the track's right end over the bar ('end', dark on a pale chip: inspector.css), so it is always
 * whole inside the track. A short bar near the right end had the label inside, white, wider than
 * the bar: "1.85 ms" read ".85 ms" or "ms"; a bar half an 89 px track wide (a compare pane at
 * 1440x900) had it inside, its start past the track's: "01.9 ms" (trial T5, 4). Pure.
 */
export function placeDuration(x: number, w: number, text: string, trackPx: number): 'after' | 'inside' | 'before' | 'end' {
  const need = text.length * MS_CHAR_PX + MS_PAD_PX;
  if ((1 - x - w) * trackPx >= need) return 'after';
  if (w * trackPx >= need) return 'inside';
  if (x * trackPx >= need) return 'before';
  return 'end';
}
