// Where a boundary a control plane denies is drawn: a dashed sub-region inside its mesh round the
// members whose proxies may not reach the control plane (DOMAIN.md "control-plane reach";
// control-plane-boundary's payments-lob). Pure geometry and words, no DOM.
import { meshRegions, meshesOf, type RegionPad } from './meshRegions';
import type { PlacedNode, TopologyNode } from './layoutTypes';

/** A denied boundary as drawn: its outline round its members and where its words go. */
export interface BoundaryRegion {
  /** The boundary's name (its members' `boundary`). */
  name: string;
  /** The mesh whose control plane denies it. */
  mesh: string;
  /** SVG path data of the outline, design units. */
  path: string;
  /**
   * Its words (boundaryText) in lines, each at most the room right of `label.x` (the picture's right
   * edge as its meshes reach), wrapped between words; the last line's baseline at `label.y`, the
   * others stacked above it, LINE_EM apart.
   */
  lines: string[];
  /** Left end of the last line's baseline, design units: just above its first column's top-left corner (as a mesh's tab). */
  label: { x: number; y: number };
  /** Size of its words, design units (presenter mode's 18, else 13): the estimate its wrap was made for. */
  fontUnits: number;
  /** Bounds of the outline, design units. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** A boundary a control plane denies, and the mesh of that control plane. */
export interface DeniedBoundary {
  boundary: string;
  mesh: string;
}

/**
 * How far inside its mesh's padding a boundary's outline runs, design units: the two dashed
 * lines stay apart (the mesh's region is REGION_PAD / STAGE_REGION_PAD out from the same boxes).
 */
const INSET = 10;

/** Width of a character of the boundary's words in ems, a little over DejaVu Sans bold's mean (for the wrap). */
const CHAR_EM = 0.62;
/** Line spacing of the boundary's words, ems. */
export const LINE_EM = 1.2;

/**
 * `text` in lines of at most `room` design units at `fontUnits` (CHAR_EM a character), broken
 * between words; a word longer than the room stands on its own line. Pure.
 */
export function wrapWords(text: string, room: number, fontUnits: number): string[] {
  const most = Math.max(1, Math.floor(room / (CHAR_EM * fontUnits)));
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= most) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The boundaries each control plane denies (a control-plane node's `denyBoundaries`), with its
 * mesh, in node order; a node without the field (an older worker's topology) denies none. Pure.
 */
export function deniedBoundaries(nodes: readonly TopologyNode[]): DeniedBoundary[] {
  const out: DeniedBoundary[] = [];
  for (const n of nodes) {
    if (n.kind !== 'control-plane' || n.mesh === null) continue;
    for (const boundary of n.denyBoundaries ?? []) out.push({ boundary, mesh: n.mesh });
  }
  return out;
}

/**
 * The denied boundary a node sits in: its `boundary` denied by the control plane of a mesh it
 * belongs to; null when it sits in none (or its boundary is allowed). Pure.
 */
export function deniedBoundaryOf(node: TopologyNode, nodes: readonly TopologyNode[]): DeniedBoundary | null {
  const b = node.boundary ?? null;
  if (b === null) return null;
  return deniedBoundaries(nodes).find((d) => d.boundary === b && meshesOf(node).includes(d.mesh)) ?? null;
}

/** The words drawn on a denied boundary, and said of a node inside one: plain, one line. */
export function boundaryText(d: DeniedBoundary): string {
  return `${d.boundary}: may not reach ${d.mesh}'s control plane`;
}

/**
 * Least room under a member a boundary keeps, design units: presenter mode's one state line's text
 * box reaches 37 units under the box (meshRegions' STAGE_REGION_PAD), so "no config" under
 * fraud-check stays inside the dashed line.
 */
const STATE_ROOM = 38;

/**
 * Outlines each denied boundary round its placed members on the request path (`requestPath`:
 * nodes in columns, col >= 0), `pad` less INSET out from them (below a member, no less than
 * STATE_ROOM), as meshRegions outlines a mesh (a skyline through its columns, runs joined); its
 * words at `fontUnits`, wrapped to the room left of `right` (design units: the picture's right
 * edge). A boundary with no member placed is left out. Pure: the nodes are copied, not changed.
 */
export function boundaryRegions(requestPath: readonly PlacedNode[], nodes: readonly TopologyNode[], pad: RegionPad, fontUnits: number, right: number): BoundaryRegion[] {
  const inner: RegionPad = { x: pad.x - INSET, top: pad.top - INSET, bottom: Math.max(Math.min(pad.bottom, STATE_ROOM), pad.bottom - INSET) };
  const out: BoundaryRegion[] = [];
  for (const d of deniedBoundaries(nodes)) {
    // Members as a "mesh" of their own, everything else outside it, so meshRegions' notch and
    // join rules keep the outline off the boxes that are not in the boundary.
    const key = `${d.mesh}\u0000${d.boundary}`;
    const asMesh = requestPath.map((p) => ({
      ...p,
      node: { ...p.node, mesh: deniedBoundaryOf(p.node, nodes)?.boundary === d.boundary && meshesOf(p.node).includes(d.mesh) ? key : null, external: false },
    }));
    const r = meshRegions(asMesh, () => null, inner).find((m) => m.name === key);
    if (!r) continue;
    const label = { x: r.label.x - 4, y: r.label.y - 28 };
    const lines = wrapWords(boundaryText(d), right - label.x, fontUnits);
    out.push({ name: d.boundary, mesh: d.mesh, path: r.path, lines, label, fontUnits, minX: r.minX, minY: r.minY, maxX: r.maxX, maxY: r.maxY });
  }
  return out;
}
