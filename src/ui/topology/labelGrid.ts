// Which labels to draw so that none overlaps another, after sigma.js's label grid: the screen
// is cut into cells, candidates come best first, and a label is kept only when its box meets no
// box already kept in its own or a neighbouring cell. The work per label is bounded, and so is
// the number of labels, whatever the size of the graph. Pure.

/** A label that may be drawn: its box in screen pixels, and its rank (lower first). */
export interface LabelCandidate {
  x: number;
  y: number;
  w: number;
  h: number;
  priority: number;
  /** Whatever the caller needs to draw it. */
  key: number;
}

/** Screen pixels per grid cell; a label wider than a cell is still checked against all it meets. */
const CELL = 120;

/** A box no label may meet (a tile's title, a node's square, a lock), screen pixels. */
export interface LabelObstacle {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Keeps the candidates whose boxes overlap no kept box and no box of `taken`, taking them by
 * `priority` (then by order given), with at most `perCell` labels anchored in one cell. Returns
 * the kept keys in drawing order. Does not mutate `candidates` or `taken`.
 */
export function pickLabels(candidates: readonly LabelCandidate[], perCell = 3, taken: readonly LabelObstacle[] = []): number[] {
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[a].priority - candidates[b].priority || a - b);
  const cells = new Map<string, LabelObstacle[]>();
  for (const o of taken) {
    for (let gx = Math.floor(o.x / CELL); gx <= Math.floor((o.x + o.w) / CELL); gx++) {
      for (let gy = Math.floor(o.y / CELL); gy <= Math.floor((o.y + o.h) / CELL); gy++) {
        const key = `${gx},${gy}`;
        const list = cells.get(key);
        if (list) list.push(o);
        else cells.set(key, [o]);
      }
    }
  }
  const anchored = new Map<string, number>();
  const kept: number[] = [];
  for (const i of order) {
    const c = candidates[i];
    const home = `${Math.floor(c.x / CELL)},${Math.floor(c.y / CELL)}`;
    if ((anchored.get(home) ?? 0) >= perCell) continue;
    const x0 = Math.floor(c.x / CELL);
    const x1 = Math.floor((c.x + c.w) / CELL);
    const y0 = Math.floor(c.y / CELL);
    const y1 = Math.floor((c.y + c.h) / CELL);
    let clear = true;
    for (let gx = x0; gx <= x1 && clear; gx++) {
      for (let gy = y0; gy <= y1 && clear; gy++) {
        for (const o of cells.get(`${gx},${gy}`) ?? []) {
          if (c.x < o.x + o.w && o.x < c.x + c.w && c.y < o.y + o.h && o.y < c.y + c.h) {
            clear = false;
            break;
          }
        }
      }
    }
    if (!clear) continue;
    // Filed under every cell it covers, so any later box that meets it finds it.
    for (let gx = x0; gx <= x1; gx++) {
      for (let gy = y0; gy <= y1; gy++) {
        const key = `${gx},${gy}`;
        const list = cells.get(key);
        if (list) list.push(c);
        else cells.set(key, [c]);
      }
    }
    anchored.set(home, (anchored.get(home) ?? 0) + 1);
    kept.push(c.key);
  }
  return kept;
}
