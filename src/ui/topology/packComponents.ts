// Lays out many separate request paths (a load test: ten clients each calling their own
// service) in a grid instead of one tall column. Pure geometry, no DOM.
import { max, min } from 'd3';
import type { PlacedNode, Topology } from './layoutTypes';

/** Between two blocks side by side, design units: a little over a column's gap between boxes (96). */
const BLOCK_GAP = 120;

/**
 * Many separate request paths (a load test: ten clients each calling their own service) stack
 * into one tall column pair that would not fit. When that is so, each connected part keeps its
 * own shape and the parts are laid out in a grid that fits the viewport best. Impure: moves
 * `placed` (x, y and col).
 */
export function packComponents(topology: Topology, placed: PlacedNode[], colGap: number, rowGap: number, width: number, height: number, extra: { w: number; h: number } = { w: 0, h: 0 }): void {
  const index = new Map(placed.map((p, i) => [p.node.id, i]));
  const parent = placed.map((_, i) => i);
  // Iterative, with path halving: a recursive find overflows the stack on a long chain.
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const e of topology.edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a !== undefined && b !== undefined) parent[find(a)] = find(b);
  }
  const groups = new Map<number, PlacedNode[]>();
  placed.forEach((p, i) => {
    const list = groups.get(find(i));
    if (list) list.push(p);
    else groups.set(find(i), [p]);
  });
  // NOTE: d3's min and max rather than Math.min(...xs): a spread of a few hundred thousand
  // arguments overflows the call stack.
  const top = new Map([...groups.values()].map((part) => [part, min(part, (p) => p.y)!]));
  const parts = [...groups.values()].sort((a, b) => top.get(a)! - top.get(b)!);
  if (parts.length < 3) return;
  const ncols = max(placed, (p) => p.col)! + 1;
  // Each part in its own rows: a node's row is its rank among the part's nodes in its column.
  const local = parts.map((part) => {
    const rows = new Map<PlacedNode, number>();
    let most = 1;
    for (let c = 0; c < ncols; c++) {
      const inCol = part.filter((p) => p.col === c).sort((a, b) => a.y - b.y);
      inCol.forEach((p, i) => rows.set(p, i - (inCol.length - 1) / 2));
      most = Math.max(most, inCol.length);
    }
    return { part, rows, most };
  });
  // A block is as wide as its widest part's boxes (from the first column's left edge to the
  // last's right edge) and a gap, not a whole column gap past its last column.
  const span = max(parts, (part) => max(part, (p) => p.col * colGap + p.w / 2)! - min(part, (p) => p.col * colGap - p.w / 2)!)!;
  const blockW = Math.min(ncols * colGap, span + BLOCK_GAP);
  const blockH = max(local, (l) => l.most)! * rowGap;
  const currentH = max(placed, (p) => p.y)! - min(placed, (p) => p.y)! + rowGap;
  // The grid's scale in the viewport, with what the drawing adds around it (its control plane's row
  // and the mesh region's padding, `extra`): without it a short stage chose too many rows
  // (istio-load-test in 1240 x 397 px: 4 x 3 blocks at 0.43 rather than 5 x 2 at 0.55).
  const fitOf = (cols: number) => Math.min(width / (cols * blockW + extra.w), height / (Math.ceil(parts.length / cols) * blockH + extra.h));
  let best = 1;
  for (let g = 2; g <= parts.length; g++) if (fitOf(g) > fitOf(best)) best = g;
  if (best === 1 || fitOf(best) <= Math.min(width / (blockW + extra.w), height / (currentH + extra.h))) return;
  const gridRows = Math.ceil(parts.length / best);
  local.forEach(({ part, rows }, j) => {
    const gc = j % best;
    const gr = Math.floor(j / best);
    for (const p of part) {
      p.x = gc * blockW + p.col * colGap;
      p.y = (gr - (gridRows - 1) / 2) * blockH + rows.get(p)! * rowGap;
      p.col = gc * ncols + p.col;
    }
  });
}
