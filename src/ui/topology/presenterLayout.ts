// Presenter mode's compact layout (issue 11 item 8: the topology fills the screen with node text
// of 14 px or more at 1024x768). Pure geometry, no DOM. The call-depth columns of layout.ts are
// kept, but each column is only as wide as its widest node, and a chain too long for the stage's
// aspect ratio wraps into bands that run left to right, then right to left (a snake), so the
// link from one band to the next is a short turn at the side rather than a line back across
// the picture.
import type { PlacedNode, TopologyNode } from './layoutTypes';

/**
 * Sizes of presenter mode's drawing, design units. Its node text is 18 units (styles.css) and
 * the captions, tags and busy lines are hidden there, so boxes are shorter and narrower than
 * outside it (NodeSize), and the gaps between them just hold a lock and a link's label.
 */
export const PresenterSize = {
  /** A service box: the name, the hexagons on its top edge and the worker slots. */
  serviceW: 132,
  serviceH: 84,
  gatewayW: 150,
  /** Room above a box for its queue stack (eight bars, 51 units) and its count. */
  queueRoom: 60,
  /** Room under a box for its two state lines at 18 units (the normal view's bare drawing). */
  below: 56,
  /**
   * Room under a box in presenter mode itself: one state line at 18 units (renderTopology draws
   * one there, "+N more" and the tooltip saying the rest), its baseline 20 units under the box.
   */
  belowStage: 28,
  /** Between two boxes side by side: the link, its lock and its label. */
  gapX: 96,
  gapXStage: 64,
  /**
   * Between two boxes side by side in the single view's large text (readableText.ts): presenter
   * mode's geometry, but room for a link label at presenter size (PRESENTER_LABEL_UNITS, a box of
   * 105 units with its halo) between two boxes' label keep-outs (edgeLabelPlace nodeRect, 4 units
   * past each box), so no label lies over a box.
   */
  gapXRoomy: 120,
  /** Between two bands of columns (past the mesh regions' padding). */
  bandGap: 28,
  /** Centres of two boxes in one column. */
  rowGap: 84 + 60 + 56 + 8,
  /** Centres of two boxes in one column in presenter mode itself (one state line). */
  rowGapStage: 84 + 60 + 28 + 8,
  /** Centres of two clients in one column (their names under them, no caption). */
  clientRowGap: 124,
} as const;

/** Where a node sits in presenter mode's bands: band 0 on top; `dir` 1 runs left to right. */
export interface BandSlot {
  band: number;
  /** Horizontal place in the band, 0 at the left. */
  slot: number;
  dir: 1 | -1;
}

/** What a node's drawing takes around its centre, design units (up is negative). */
export interface Extent {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Places call-depth `columns` into bands of `perBand` columns: band b holds columns b·perBand
 * onwards, even bands left to right and odd ones right to left, so a band's last column sits
 * above the next band's first. Each slot is as wide as its widest node (over every band) plus
 * `gapX` (design units); a column's nodes are stacked `gap(column)` apart, centred on their band's middle
 * (y = 0; `stackBands` moves the bands apart once their heights are known). A node's `col` is
 * `band × (perBand + 1) + slot`, so columns of one band are consecutive and the bands' are not
 * (meshRegions joins consecutive columns into one outline). Pure: returns new nodes.
 */
export function placeBands(
  columns: readonly TopologyNode[][],
  perBand: number,
  size: (n: TopologyNode) => { w: number; h: number },
  extent: (p: PlacedNode) => Extent,
  gap: (column: readonly TopologyNode[]) => number,
  gapX: number = PresenterSize.gapX,
): { placed: PlacedNode[]; bands: Map<number, BandSlot> } {
  const k = Math.max(1, perBand);
  const where = (c: number): BandSlot => {
    const band = Math.floor(c / k);
    const dir = band % 2 === 0 ? 1 : -1;
    return { band, slot: dir === 1 ? c % k : k - 1 - (c % k), dir };
  };
  const placed: PlacedNode[] = [];
  const bands = new Map<number, BandSlot>();
  const half = new Array<number>(k).fill(0);
  columns.forEach((col, c) => {
    const at = where(c);
    const g = gap(col);
    col.forEach((node, i) => {
      const p: PlacedNode = { node, col: at.band * (k + 1) + at.slot, x: 0, y: (i - (col.length - 1) / 2) * g, ...size(node) };
      const e = extent(p);
      half[at.slot] = Math.max(half[at.slot], -e.left, e.right);
      placed.push(p);
      bands.set(node.id, at);
    });
  });
  const xs = [0];
  for (let s = 1; s < k; s++) xs.push(xs[s - 1] + half[s - 1] + gapX + half[s]);
  for (const p of placed) p.x = xs[bands.get(p.node.id)!.slot];
  return { placed, bands };
}

/**
 * Moves the bands apart, top to bottom: in each slot a band's nodes start `PresenterSize.bandGap`
 * under what the bands above take in that slot (their nodes' extents, replica cards included),
 * so a short band tucks under the short columns of the one above it. Call after the replica
 * cards have their room. Impure: mutates `placed` (y).
 */
export function stackBands(placed: PlacedNode[], bands: ReadonlyMap<number, BandSlot>, extent: (p: PlacedNode) => Extent): void {
  const count = Math.max(0, ...[...bands.values()].map((b) => b.band + 1));
  const floor = new Map<number, number>();
  for (let b = 0; b < count; b++) {
    const members = placed.filter((p) => bands.get(p.node.id)?.band === b);
    if (members.length === 0) continue;
    let shift = b === 0 ? 0 : Number.NEGATIVE_INFINITY;
    for (const p of members) {
      const above = floor.get(bands.get(p.node.id)!.slot);
      if (above !== undefined) shift = Math.max(shift, above + PresenterSize.bandGap - (p.y + extent(p).top));
    }
    if (!Number.isFinite(shift)) shift = 0;
    for (const p of members) p.y += shift;
    for (const p of members) {
      const slot = bands.get(p.node.id)!.slot;
      floor.set(slot, Math.max(floor.get(slot) ?? Number.NEGATIVE_INFINITY, p.y + extent(p).bottom));
    }
  }
}
