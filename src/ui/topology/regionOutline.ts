// A mesh region's outline from its boxes: the union of axis-aligned boxes traced as loops, the
// runs of column bands joined into one piece, near-equal sides made one and the corners rounded.
// Pure geometry, no DOM (split from meshRegions.ts, session 43).
import type { Band } from './meshRegions';
import { detour } from './regionDetour';
import { dipFills, sideFills, type Blocked } from './regionNotches';

/**
 * SVG path of a closed polygon with every corner rounded by up to `r`. Drops repeated and
 * collinear points first. Pure.
 */
export function roundedPolygon(input: [number, number][], r: number): string {
  const pts: [number, number][] = [];
  for (const p of input) {
    const q = pts[pts.length - 1];
    if (!q || Math.hypot(p[0] - q[0], p[1] - q[1]) > 0.5) pts.push(p);
  }
  const clean = pts.filter((p, i) => {
    const a = pts[(i - 1 + pts.length) % pts.length];
    const b = pts[(i + 1) % pts.length];
    return Math.abs((p[0] - a[0]) * (b[1] - a[1]) - (p[1] - a[1]) * (b[0] - a[0])) > 0.5;
  });
  const n = clean.length;
  if (n < 3) return '';
  let d = '';
  for (let i = 0; i < n; i++) {
    const a = clean[(i - 1 + n) % n];
    const p = clean[i];
    const b = clean[(i + 1) % n];
    const la = Math.hypot(a[0] - p[0], a[1] - p[1]);
    const lb = Math.hypot(b[0] - p[0], b[1] - p[1]);
    const k = Math.min(r, la / 2, lb / 2);
    const p1 = [p[0] + ((a[0] - p[0]) / la) * k, p[1] + ((a[1] - p[1]) / la) * k];
    const p2 = [p[0] + ((b[0] - p[0]) / lb) * k, p[1] + ((b[1] - p[1]) / lb) * k];
    d += `${i === 0 ? 'M' : 'L'}${p1[0].toFixed(1)},${p1[1].toFixed(1)} Q${p[0].toFixed(1)},${p[1].toFixed(1)} ${p2[0].toFixed(1)},${p2[1].toFixed(1)} `;
  }
  return `${d}Z`;
}

/** Least width of a strip joining two runs of a region, design units. */
const JOIN_MIN = 48;

/**
 * One outline round several runs of column bands (`runs`, as meshRegions makes them), corners
 * rounded by up to `r`: each run as its skyline fills it (its bands and the gaps between them),
 * each run joined to the next nearest one by a strip: down the columns the two share where one
 * lies under the other (presenter mode's bands turn at the side, a band's last column above the
 * next one's first), else across at the top of the rows they share; then the dips a strip left in
 * the outline's top or bottom beside it filled where `blocked` allows (dipFills; none when it is
 * not given), the notches in its sides likewise (sideFills), `extra` (bridgeHalves) too. SVG path data. Pure.
 */
export function joinRuns(runs: readonly (readonly Band[])[], r: number, blocked?: Blocked, extra: readonly Band[] = []): string {
  const rects: Band[] = [...extra];
  for (const run of runs) {
    run.forEach((b, i) => {
      rects.push(b);
      const n = run[i + 1];
      if (n) rects.push({ x0: b.x1, x1: n.x0, y0: Math.max(b.y0, n.y0), y1: Math.min(b.y1, n.y1) });
    });
  }
  const box = (run: readonly Band[]): Band => ({ x0: Math.min(...run.map((b) => b.x0)), x1: Math.max(...run.map((b) => b.x1)), y0: Math.min(...run.map((b) => b.y0)), y1: Math.max(...run.map((b) => b.y1)) });
  // Join each run to one of those joined before it (the first run to start), the nearest pair
  // first, by a strip that touches both: one across rows the two runs do not share touched only
  // one of them, and was still the cheapest (retry-storm's payments "joined" to api at rows api
  // never reaches, in bands at a stage of 300x500 and 62 other sizes: the mesh drew as two regions).
  const joined = [0];
  const left = runs.map((_, i) => i).slice(1);
  while (left.length > 0) {
    let best: { i: number; j: number; strips: Band[]; cost: number; ends?: [Band, Band] } | null = null;
    for (const i of left) {
      for (const j of joined) {
        const { strip, ends } = joinStrip(runs[i], runs[j], box(runs[i]), box(runs[j]));
        const cost = touches(strip, runs[i]) && touches(strip, runs[j]) ? (strip.x1 - strip.x0) * (strip.y1 - strip.y0) : Infinity;
        if (!best || cost < best.cost) best = { i, j, strips: [strip], cost, ends };
      }
    }
    // No strip touches both of any pair: an elbow from the nearest bands (never met in the shipped scenarios' layouts).
    if (best!.cost === Infinity) best!.strips = elbow(runs[best!.i], runs[best!.j]);
    // A strip down through a node outside the mesh goes round it (regionDetour), where it can.
    const [s] = best!.strips;
    const round = blocked && best!.ends && best!.cost !== Infinity && blocked(s.x0, s.x1, s.y0, s.y1) ? detour(...best!.ends, blocked, JOIN_MIN, NOTCH) : null;
    if (round) best!.strips = round;
    rects.push(...best!.strips);
    joined.push(best!.i);
    left.splice(left.indexOf(best!.i), 1);
  }
  if (blocked) rects.push(...dipFills(rects, blocked, NOTCH));
  if (blocked) rects.push(...sideFills(rects, blocked, NOTCH)); // its sides' notches: retry-storm's web | orders
  // The strips' and fills' sides a few units from the bands' too (snapBoxes).
  const kept = rects.filter((b) => b.x1 > b.x0 && b.y1 > b.y0).map((b) => ({ ...b }));
  snapBoxes(kept, NOTCH);
  return unionOutline(kept).map((loop) => roundedPolygon(loop, r)).join(' ');
}

/**
 * Sides of an outline closer than this are made one, design units: a shorter side of a region's
 * outline reads as a notch or a jog, not as a column's edge (retry-storm's 9-unit jog, where a
 * member 18 units narrower than the one above it met the strip joining them, showed as a bite out
 * of the region in presenter mode and the compare panes at 1024x768).
 */
export const NOTCH = 12;

/**
 * Makes the boxes' sides that lie less than `tol` apart (along x, and along y) one: each group of
 * such coordinates, the first within `tol` of the least, becomes the group's least where a box
 * starts and its greatest where one ends, so a box only grows (by less than `tol`) and the union
 * keeps everything it held, with no side shorter than `tol` from near-equal edges. Impure:
 * mutates `boxes`. (Regions joined from runs (joinRuns, unionOutline) had 1-9 unit notches
 * where a band's side and the next band's, or a strip's side and a band's, nearly met.)
 */
export function snapBoxes(boxes: Band[], tol: number): void {
  for (const [lo, hi] of [['x0', 'x1'], ['y0', 'y1']] as const) {
    const values = [...new Set(boxes.flatMap((b) => [b[lo], b[hi]]))].sort((a, b) => a - b);
    const least = new Map<number, number>();
    const most = new Map<number, number>();
    for (let i = 0; i < values.length; ) {
      let j = i;
      while (j + 1 < values.length && values[j + 1] - values[i] < tol) j++;
      for (let k = i; k <= j; k++) {
        least.set(values[k], values[i]);
        most.set(values[k], values[j]);
      }
      i = j + 1;
    }
    for (const b of boxes) {
      b[lo] = least.get(b[lo])!;
      b[hi] = most.get(b[hi])!;
    }
  }
}

/** Whether `strip` meets a band of `run`: overlapping in one direction, at least touching in the other. Pure. */
function touches(strip: Band, run: readonly Band[]): boolean {
  const meets = (a0: number, a1: number, b0: number, b1: number, open: boolean) => (open ? a0 < b1 && b0 < a1 : a0 <= b1 && b0 <= a1);
  return run.some((b) => (meets(strip.x0, strip.x1, b.x0, b.x1, true) && meets(strip.y0, strip.y1, b.y0, b.y1, false)) || (meets(strip.x0, strip.x1, b.x0, b.x1, false) && meets(strip.y0, strip.y1, b.y0, b.y1, true)));
}

/**
 * Two strips joining run `a` to run `b` at the nearest pair of their bands: `a`'s band carried up
 * or down to `b`'s band's top rows, then across to it. Pure.
 */
function elbow(a: readonly Band[], b: readonly Band[]): Band[] {
  let best: { p: Band; q: Band; d: number } | null = null;
  for (const p of a) {
    for (const q of b) {
      const d = Math.max(0, p.x0 - q.x1, q.x0 - p.x1) + Math.max(0, p.y0 - q.y1, q.y0 - p.y1);
      if (!best || d < best.d) best = { p, q, d };
    }
  }
  const { p, q } = best!;
  const y0 = q.y0;
  const y1 = Math.min(q.y1, q.y0 + JOIN_MIN);
  return [
    { x0: p.x0, x1: p.x1, y0: Math.min(p.y0, y0), y1: Math.max(p.y1, y1) },
    { x0: Math.min(p.x1, q.x1, Math.max(p.x0, q.x0)), x1: Math.max(p.x0, q.x0, Math.min(p.x1, q.x1)), y0, y1 },
  ];
}

/**
 * The strip joining run `a` (bounds `ba`) to run `b` (bounds `bb`): see joinRuns; for a strip down
 * the columns, the two bands it joins too (`ends`, the upper first). Pure.
 */
function joinStrip(a: readonly Band[], b: readonly Band[], ba: Band, bb: Band): { strip: Band; ends?: [Band, Band] } {
  // Vertically: the widest overlap in x between a band of each, from the upper one down to the lower.
  let best: { strip: Band; ends: [Band, Band] } | null = null;
  for (const p of a) {
    for (const q of b) {
      const x0 = Math.max(p.x0, q.x0);
      const x1 = Math.min(p.x1, q.x1);
      if (x1 - x0 < JOIN_MIN) continue;
      const [up, down] = p.y0 <= q.y0 ? [p, q] : [q, p];
      const strip = { x0, x1, y0: Math.min(up.y1, down.y0), y1: Math.max(up.y1, down.y0) };
      if (!best || strip.y1 - strip.y0 < best.strip.y1 - best.strip.y0) best = { strip, ends: [up, down] };
    }
  }
  if (best) return best;
  // Across: at the top of the rows both runs take, between their facing sides.
  const [l, rr] = ba.x0 <= bb.x0 ? [ba, bb] : [bb, ba];
  const y0 = Math.max(l.y0, rr.y0);
  return { strip: { x0: Math.min(l.x1, rr.x0), x1: Math.max(l.x1, rr.x0), y0, y1: Math.max(y0 + JOIN_MIN, Math.min(l.y1, rr.y1, y0 + JOIN_MIN)) } };
}

/**
 * The outline of the union of axis-aligned boxes, as closed loops of corner points (clockwise on
 * screen, y down; a hole runs the other way): the boxes cut into the grid of all their edges, and
 * the sides of covered cells that face uncovered ones chained. Pure.
 */
export function unionOutline(boxes: readonly Band[]): [number, number][][] {
  const xs = [...new Set(boxes.flatMap((b) => [b.x0, b.x1]))].sort((a, b) => a - b);
  const ys = [...new Set(boxes.flatMap((b) => [b.y0, b.y1]))].sort((a, b) => a - b);
  const covered = (i: number, j: number) => {
    if (i < 0 || j < 0 || i >= xs.length - 1 || j >= ys.length - 1) return false;
    const cx = (xs[i] + xs[i + 1]) / 2;
    const cy = (ys[j] + ys[j + 1]) / 2;
    return boxes.some((b) => b.x0 <= cx && cx <= b.x1 && b.y0 <= cy && cy <= b.y1);
  };
  // Directed sides, the covered cell on their right (y down): from each corner point to the next.
  const next = new Map<string, [number, number][]>();
  const key = (x: number, y: number) => `${x},${y}`;
  const add = (a: [number, number], b: [number, number]) => {
    const k = key(...a);
    const list = next.get(k) ?? [];
    list.push(b);
    next.set(k, list);
  };
  for (let i = 0; i < xs.length - 1; i++) {
    for (let j = 0; j < ys.length - 1; j++) {
      if (!covered(i, j)) continue;
      const [x0, x1, y0, y1] = [xs[i], xs[i + 1], ys[j], ys[j + 1]];
      if (!covered(i, j - 1)) add([x0, y0], [x1, y0]);
      if (!covered(i + 1, j)) add([x1, y0], [x1, y1]);
      if (!covered(i, j + 1)) add([x1, y1], [x0, y1]);
      if (!covered(i - 1, j)) add([x0, y1], [x0, y0]);
    }
  }
  const loops: [number, number][][] = [];
  for (const [start, ends] of next) {
    while (ends.length > 0) {
      const loop: [number, number][] = [];
      const [sx, sy] = start.split(',').map(Number);
      let at: [number, number] = [sx, sy];
      for (let guard = 0; guard < 10_000; guard++) {
        const list = next.get(key(...at));
        if (!list || list.length === 0) break;
        loop.push(at);
        at = list.shift()!;
        if (key(...at) === start) break;
      }
      if (loop.length >= 3) loops.push(loop);
    }
  }
  return loops;
}
