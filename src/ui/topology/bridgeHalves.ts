// A bridging gateway's half of a mesh's region where the bridge shares its column with the mesh's
// other members (trial N11's gw-retry.yaml: retail's egress above the payments bridge). Pure.
import type { PlacedNode } from './layoutTypes';
import { CONTROL_PLANE_HEADROOM, meshesOf, type Band, type RegionPad } from './meshRegions';
import { NOTCH } from './regionOutline';

/**
 * The bridges of `members` (one mesh's placed members) that share their column with a member of
 * that mesh that is neither a bridge nor a control plane; `isBridge` says which are bridges.
 * Such a bridge is left out of its column's band (meshRegions) and drawn as `bridgeHalves` says.
 * Empty where every bridge has its column to itself (two-meshes-via-gateway). Pure.
 */
export function bridgesInSharedColumns(members: readonly PlacedNode[], isBridge: (p: PlacedNode) => boolean): Set<PlacedNode> {
  const shared = new Set<PlacedNode>();
  for (const p of members) {
    if (isBridge(p) && members.some((q) => q.col === p.col && !isBridge(q) && q.node.kind !== 'control-plane')) shared.add(p);
  }
  return shared;
}

/**
 * The boxes that take each bridge of `bridges` (bridgesInSharedColumns) into its mesh's region,
 * design units: the half of its box, `pad` round it, that faces the mesh's other members (left of
 * its middle when their mean x, `meanX`, is left of or at it), carried up or down to its column's
 * band (`bands`, by column) so the region stays one piece; the band is widened to the half's outer
 * side so the outline has no jog. The other half stays the other mesh's: the two regions meet at
 * the bridge's middle, neither covering the other's nodes: where one of `others` (nodes outside
 * the mesh) reaches into the band over the other half, that part of the band is cut short of it
 * and of that node's own mesh's region round it (CLEAR) and returned as a box of its own. (Before session 42 the bridge joined its column's
 * band, which then held the whole bridge: payments' half lay in retail's region.) Impure: widens
 * or narrows `bands`; a bridge whose column has no band is skipped.
 */
export function bridgeHalves(bridges: ReadonlySet<PlacedNode>, bands: Map<number, Band>, meanX: number, pad: RegionPad, others: readonly PlacedNode[]): Band[] {
  const out: Band[] = [];
  for (const p of bridges) {
    const band = bands.get(p.col);
    if (!band) continue;
    const left = meanX <= p.x;
    const x0 = left ? Math.min(p.x - p.w / 2 - pad.x, band.x0) : p.x;
    const x1 = left ? p.x : Math.max(p.x + p.w / 2 + pad.x, band.x1);
    if (left) band.x0 = x0;
    else band.x1 = x1;
    const y0 = p.y - p.h / 2 - pad.top;
    const y1 = p.y + p.h / 2 + pad.bottom + (p.replicaRoom ?? 0);
    // Below the band: from its bottom down; above it: up to its top.
    const below = p.y >= (band.y0 + band.y1) / 2;
    out.push(below ? { x0, x1, y0: Math.min(y0, band.y1), y1 } : { x0, x1, y0, y1: Math.max(y1, band.y0) });
    level(bands.get(left ? p.col - 1 : p.col + 1), below, below ? y1 : y0, pad, others);
    // The band's part over the other half stops CLEAR short of another mesh's node there
    // (presenter mode puts payments' control plane over its half of the bridge, under egress).
    const far = left ? { x0: p.x, x1: band.x1 } : { x0: band.x0, x1: p.x };
    const inWay = others.filter((q) => q.x + q.w / 2 > far.x0 && q.x - q.w / 2 < far.x1 && q.y + q.h / 2 > band.y0 && q.y - q.h / 2 < band.y1);
    if (inWay.length === 0 || far.x1 <= far.x0) continue;
    // At least NOTCH short of the band's edge, else the outline's snapping (snapBoxes) undoes the cut.
    // Short of the other mesh's region round that node too, not only of its box: payments' region
    // reaches CONTROL_PLANE_HEADROOM over its control plane, and retail's band under egress lay
    // 16 units into it (presenter mode, gw-retry.yaml, session 43).
    const reach = (q: PlacedNode, up: boolean) => (meshesOf(q.node).length === 0 ? 0 : q.node.kind === 'control-plane' ? (up ? CONTROL_PLANE_HEADROOM : 0) : up ? pad.top : pad.bottom + (q.replicaRoom ?? 0));
    const cut = below ? { ...band, ...far, y1: Math.min(band.y1 - NOTCH - 1, ...inWay.map((q) => q.y - q.h / 2 - reach(q, true) - CLEAR)) } : { ...band, ...far, y0: Math.max(band.y0 + NOTCH + 1, ...inWay.map((q) => q.y + q.h / 2 + reach(q, false) + CLEAR)) };
    if (left) band.x1 = p.x;
    else band.x0 = p.x;
    if (cut.y1 > cut.y0) out.push(cut);
  }
  return out;
}

/**
 * Carries the band `side`, beside a bridge's half on the mesh's side, down to the half's bottom
 * `end` (`below`; else up to its top) where no node of `others`, with a region's padding round it,
 * stands in the strip it would add: the outline then runs straight under both rather than stepping
 * down to the half (gw-retry.yaml's retail: checkout's band ended 90 units above the bridge's left
 * half beside it, an L-shaped step; session 43's L4). No shipped scenario puts a bridge in a column
 * it shares with its mesh. Impure: mutates `side` (y0 or y1); none does nothing.
 */
function level(side: Band | undefined, below: boolean, end: number, pad: RegionPad, others: readonly PlacedNode[]): void {
  if (!side || (below ? side.y1 >= end : side.y0 <= end)) return;
  const strip = below ? { y0: side.y1, y1: end } : { y0: end, y1: side.y0 };
  const blocked = others.some((q) => q.x + q.w / 2 + pad.x > side.x0 && q.x - q.w / 2 - pad.x < side.x1 && q.y + q.h / 2 + pad.bottom + CLEAR > strip.y0 && q.y - q.h / 2 - pad.top - CLEAR < strip.y1);
  if (blocked) return;
  if (below) side.y1 = end;
  else side.y0 = end;
}

/** Room left between a region's edge and another mesh's node it stops short of, design units. */
const CLEAR = 4;
