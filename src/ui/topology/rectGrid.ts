// A grid over boxes (nodes, padlocks, labels placed so far), so the link-label placer asks "how
// many boxes does this spot meet" of the boxes near it only: 400 links into one box scanned all
// 400 client boxes, every lock and every label placed for each of thousands of candidate spots
// (about 12 s a picture in Node, session 49). Counts are exactly the full scans' (labelGeometry's
// overlap); each box is counted once however many cells it spans. linkPointIndex.ts does the
// same for the links' points.
import { overlap, type Rect } from './labelGeometry';

/** A cell's side, design units: a few label heights (a label box is 76 x 16). */
const CELL = 64;

/** A box over more cells than this is kept in one list every query reads. */
const BIG = 256;

const key = (cx: number, cy: number) => cx * 1_048_576 + cy;
const cellOf = (v: number) => Math.floor(v / CELL);

/**
 * Boxes by grid cell, each with a weight (a soft obstacle counts less). Boxes may be added and
 * removed; a query reads only the cells its box spans. Mutable; not shared between placings.
 */
export class RectGrid {
  private readonly cells = new Map<number, number[]>();
  /** Boxes over BIG cells (a huge or unbounded box): every query reads them. */
  private readonly big: number[] = [];
  private readonly rects: Rect[] = [];
  private readonly weights: number[] = [];
  private readonly alive: boolean[] = [];
  /** The query each box was last seen by, so a box in several cells counts once. */
  private readonly seen: number[] = [];
  private query = 0;

  /** A grid holding `rects`, each of `weight`. */
  constructor(rects: readonly Rect[] = [], weight = 1) {
    for (const r of rects) this.add(r, weight);
  }

  /** Adds `r` (counted `weight` by `weigh`; a box with NaN or infinite sides is kept aside and still read); its id, for `remove`. */
  add(r: Rect, weight = 1): number {
    const id = this.rects.length;
    this.rects.push(r);
    this.weights.push(weight);
    this.alive.push(true);
    this.seen.push(0);
    const span = (cellOf(r.x1) - cellOf(r.x0) + 1) * (cellOf(r.y1) - cellOf(r.y0) + 1);
    if (!(span <= BIG)) {
      this.big.push(id);
      return id;
    }
    for (let cx = cellOf(r.x0); cx <= cellOf(r.x1); cx++) {
      for (let cy = cellOf(r.y0); cy <= cellOf(r.y1); cy++) {
        const k = key(cx, cy);
        const c = this.cells.get(k);
        if (c) c.push(id);
        else this.cells.set(k, [id]);
      }
    }
    return id;
  }

  /** Takes box `id` out: later queries no longer meet it. */
  remove(id: number): void {
    this.alive[id] = false;
  }

  /** The summed weight of the boxes `r` overlaps (labelGeometry's overlap: edges touching do not count). */
  weigh(r: Rect): number {
    let sum = 0;
    this.each(r, (id) => {
      sum += this.weights[id];
      return false;
    });
    return sum;
  }

  /** True when `r` overlaps any box. */
  meets(r: Rect): boolean {
    return this.each(r, () => true);
  }

  /** Calls `f` with each live box `r` overlaps, once each, until it returns true; whether it did. */
  private each(r: Rect, f: (id: number) => boolean): boolean {
    const q = ++this.query;
    for (const id of this.big) {
      this.seen[id] = q;
      if (this.alive[id] && overlap(r, this.rects[id]) && f(id)) return true;
    }
    if (!((cellOf(r.x1) - cellOf(r.x0) + 1) * (cellOf(r.y1) - cellOf(r.y0) + 1) <= BIG)) {
      // A huge query box: read every box rather than every cell.
      for (let id = 0; id < this.rects.length; id++) if (this.seen[id] !== q && this.alive[id] && overlap(r, this.rects[id]) && f(id)) return true;
      return false;
    }
    for (let cx = cellOf(r.x0); cx <= cellOf(r.x1); cx++) {
      for (let cy = cellOf(r.y0); cy <= cellOf(r.y1); cy++) {
        const c = this.cells.get(key(cx, cy));
        if (!c) continue;
        for (const id of c) {
          if (this.seen[id] === q || !this.alive[id]) continue;
          this.seen[id] = q;
          if (overlap(r, this.rects[id]) && f(id)) return true;
        }
      }
    }
    return false;
  }
}

/** The label boxes placed so far in one pass, by grid cell (RectGrid); a box is taken out by itself. */
export class PlacedLabels {
  private readonly grid = new RectGrid();
  private readonly ids = new Map<Rect, number>();
  /** Adds label box `r`. */
  push(r: Rect): void {
    this.ids.set(r, this.grid.add(r));
  }
  /** Takes label box `r` out, if it is there. */
  remove(r: Rect): void {
    const id = this.ids.get(r);
    if (id === undefined) return;
    this.grid.remove(id);
    this.ids.delete(r);
  }
  /** How many placed boxes `r` overlaps. */
  weigh(r: Rect): number {
    return this.grid.weigh(r);
  }
  /** True when `r` overlaps a placed box. */
  meets(r: Rect): boolean {
    return this.grid.meets(r);
  }
}
