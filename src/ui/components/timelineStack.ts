// Where the timeline's markers (narrative step circles, fault handles) sit so each stays
// clickable: markers that would overlap on the track are stacked on rows above and below it.
// Pure geometry in CSS pixels.

/** A marker on the track: its centre and how far it reaches left and right of it, CSS px. */
export interface TrackMarker {
  x: number;
  left: number;
  right: number;
}

/** Least clear space between two markers on one row, CSS px. */
const GAP = 2;

/**
 * The row of each marker: 0 on the track, then 1 above it, 2 below it, 3 above row 1, and so
 * on. Markers are taken left to right (ties in the order given) and each goes on the first row
 * where it overlaps no marker already there, so coincident markers (a fault injected at a
 * step's time) never cover each other. Pure.
 */
export function stackMarkers(markers: readonly TrackMarker[]): number[] {
  const order = markers.map((_, i) => i).sort((a, b) => markers[a].x - markers[b].x || a - b);
  /** Per row, the right end of its last marker. */
  const ends: number[] = [];
  const rows = new Array<number>(markers.length).fill(0);
  for (const i of order) {
    const m = markers[i];
    let row = ends.findIndex((end) => m.x - m.left >= end + GAP);
    if (row < 0) row = ends.length;
    ends[row] = m.x + m.right;
    rows[i] = row;
  }
  return rows;
}

/**
 * Vertical offset of a row from the track, CSS px: 0, then −step, +step, −2·step, +2·step...;
 * rows below the track `below` px further down (past the fault lanes under it, belowRowsDrop).
 * Pure.
 */
export function rowOffset(row: number, step: number, below = 0): number {
  if (row === 0) return 0;
  const k = Math.ceil(row / 2);
  return row % 2 === 1 ? -k * step : k * step + below;
}

/**
 * How much further down the rows below the track go so their markers clear the fault lanes
 * under it, CSS px: a marker one row down reaches up to `markerTop + step` from the track's top
 * (markerTop is negative: how far a marker on the track reaches above it), and the lanes end
 * `lanesEnd` under the track's top (0 without lanes); `gap` px of air between them. A handle
 * one row down sat over the lanes at its own time (control-plane-outage: the CA's handle at 10 s
 * across the second and third lanes). Pure.
 */
export function belowRowsDrop(lanesEnd: number, markerTop: number, step: number, gap = 2): number {
  return lanesEnd > 0 ? Math.max(0, lanesEnd + gap - (markerTop + step)) : 0;
}

/**
 * At this many faults starting at one moment or more, they share one handle on the track, with
 * their count (Timeline.tsx): six added from the form at 12 s stacked six handles on three rows
 * above the track and three below, and the timeline grew to 166 px, a third of a 1024x768
 * window's picture. Two keep a handle each (a row above and one below, as control-plane-outage's
 * control plane and CA at its step 2).
 */
export const SHARED_HANDLE_AT = 3;

/**
 * The faults' handles: each a list of indices into `starts` (the faults' start times, ms), in
 * the order of their first fault; faults starting at the very same moment share one when there
 * are SHARED_HANDLE_AT or more of them, so a click on it seeks to every one's start. Pure.
 */
export function handleGroups(starts: readonly number[]): number[][] {
  const byStart = new Map<number, number[]>();
  starts.forEach((t, i) => {
    const list = byStart.get(t);
    if (list) list.push(i);
    else byStart.set(t, [i]);
  });
  const groups: number[][] = [];
  const seen = new Set<number>();
  starts.forEach((t, i) => {
    if (seen.has(i)) return;
    const same = byStart.get(t)!;
    if (same.length >= SHARED_HANDLE_AT) {
      same.forEach((j) => seen.add(j));
      groups.push(same);
    } else groups.push([i]);
  });
  return groups;
}

/** Half a step circle's width and a fault handle's reach left and right of its time, CSS px (styles.css, recipe.css). */
export const STEP_HALF = 10;
/**
 * Air between two step circles side by side on the track, CSS px (spreadMarkers): 2 px read as
 * touching, and so did 6 where the played track joined them (N15's trial: retry-storm's steps 2
 * and 3, 10 s and 12 s, in presenter mode at 1024x768). Each circle's 2 px of surface either side
 * (styles.css) leaves 4 px of track between two, cut off from both.
 */
export const STEP_AIR = 8;

/**
 * Where to draw markers of one width on one row so none overlaps another: each centre at least `span` px
 * (a marker's width and the air between two) from the next, as near its own `xs[i]` as that allows, inside
 * [lo, hi]. A run of markers closer than `span` is spread evenly round the mean of their places (least
 * squares), so two steps a second apart at 1024 px (the compare view's 3 and 4, 7 px apart, drawn one over
 * the other) stand side by side either side of their times, not lifted to a row of their own. Returns a
 * centre per marker, in the order given; `xs` in px, any order; with no room for all (hi − lo less than
 * (n − 1)·span) they are laid from `lo` at `span` apart. Pure.
 */
export function spreadMarkers(xs: readonly number[], span: number, lo: number, hi: number): number[] {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b] || a - b);
  // Blocks of markers `span` apart: first index into `order`, count, and the block's first centre.
  const blocks: { first: number; n: number; start: number }[] = [];
  const fit = (first: number, n: number) => {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += xs[order[first + k]] - k * span;
    return Math.min(Math.max(sum / n, lo), hi - (n - 1) * span);
  };
  order.forEach((_, j) => {
    let b = { first: j, n: 1, start: fit(j, 1) };
    // Merged into the block before while they would overlap (the one before may then reach back too).
    while (blocks.length > 0) {
      const prev = blocks[blocks.length - 1];
      if (prev.start + prev.n * span <= b.start + 1e-9) break;
      blocks.pop();
      b = { first: prev.first, n: prev.n + b.n, start: fit(prev.first, prev.n + b.n) };
    }
    blocks.push(b);
  });
  const out = new Array<number>(xs.length);
  for (const b of blocks) for (let k = 0; k < b.n; k++) out[order[b.first + k]] = Math.max(lo, b.start) + k * span;
  return out;
}
