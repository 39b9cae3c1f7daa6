// Where each mesh is drawn: a shaded region behind its members. Pure geometry, no DOM.
// Members of a mesh are kept contiguous within each column by the layout, so a region is a
// "skyline" through the columns it spans: per column, the band from its first to its last
// member; the bands are joined left to right and the corners rounded.
import { max, min } from 'd3';
import type { PlacedNode, TopologyNode } from './layoutTypes';
import { bridgeHalves, bridgesInSharedColumns } from './bridgeHalves';
import { blockedBy, fillNotches } from './regionNotches';
import { joinRuns, NOTCH, roundedPolygon, snapBoxes } from './regionOutline';

export { joinRuns, NOTCH, roundedPolygon, snapBoxes, unionOutline } from './regionOutline';

/** A mesh as drawn: its outline, where its label goes, and its tint (by order of appearance). */
export interface MeshRegion {
  name: string;
  /** 0, 1, 2... in order of appearance; picks the tint. */
  index: number;
  /** SVG path data of the outline(s), design units. */
  path: string;
  label: { x: number; y: number };
  /** Bounds of the whole region, design units. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Its column bands, per run of adjacent columns, left to right: what the outline goes round. */
  runs: readonly (readonly Band[])[];
}

/**
 * Padding around members inside a region, design units: `x` each side, `top` above a member (for
 * its queue stack, eight bars: renderTopology's QUEUE_*) and `bottom` below it (for its state
 * lines). With the rows' gap (layout's ROW_GAP, PresenterSize.rowGap) the regions of two meshes
 * stacked in one column stay apart.
 */
export interface RegionPad {
  x: number;
  top: number;
  bottom: number;
}

/** The regions' padding outside presenter mode: two state lines under a member. */
export const REGION_PAD: RegionPad = { x: 26, top: 56, bottom: 62 };
/**
 * Presenter mode's padding (and the single view's large text, readableText.ts): one state line
 * under a member, and 16 units each side, so a mesh takes less of the 14 px stage. The line's
 * baseline is 20 units under the box, but its text box (the font's full descent, what a reader's
 * eye and annotations.spec take as its extent) reaches 37 units: 40 keeps it inside the region
 * (32 left "⚡ http-abort" under partial-adoption's catalog 4 px over the region's edge).
 */
export const STAGE_REGION_PAD: RegionPad = { x: 16, top: 56, bottom: 40 };
const CORNER = 22;

/**
 * How far a mesh's region reaches above its control plane drawn over the mesh (layoutAt raises the
 * columns under it to its top less this), design units. Another mesh's region stops short of that
 * reach too (bridgeHalves), not only of the icon.
 */
export const CONTROL_PLANE_HEADROOM = 20;

/**
 * The meshes a node belongs to, as drawn: a plain mesh name is full membership; a bridging
 * gateway ("from->to") is half in each, so it sits on the border between them. External nodes
 * (third parties, clients on the internet) are outside every mesh. Pure.
 */
export function meshesOf(n: TopologyNode): string[] {
  if (!n.mesh || n.external) return [];
  return n.mesh.split('->').map((s) => s.trim()).filter(Boolean);
}

/** True for a gateway that bridges two meshes. Pure. */
export function isBridge(n: TopologyNode): boolean {
  return meshesOf(n).length > 1;
}

/** Mesh names in order of first appearance by node id. Pure. */
export function meshNames(nodes: readonly TopologyNode[]): string[] {
  const names: string[] = [];
  for (const n of nodes) for (const m of meshesOf(n)) if (!names.includes(m)) names.push(m);
  return names;
}

/** One column's share of a region: a box, design units. */
export interface Band {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * How far right the region `r` holds the whole strip from `y0` down to `y1` from `x` on, design
 * units: the right edge of the band under `x` that spans the strip, carried on through the next
 * bands of its run while they span it too (the outline joins their tops and bottoms straight);
 * null when no band under `x` spans the strip. Corners are not taken off. Pure.
 */
export function regionRightAt(r: MeshRegion, x: number, y0: number, y1: number): number | null {
  const spans = (b: Band) => b.y0 <= y0 && b.y1 >= y1;
  for (const run of r.runs) {
    const i = run.findIndex((b) => b.x0 <= x && x <= b.x1 && spans(b));
    if (i < 0) continue;
    let j = i;
    while (j + 1 < run.length && spans(run[j + 1])) j++;
    return run[j].x1;
  }
  return null;
}

/**
 * Outlines every mesh around its placed members (a control plane placed beside its mesh comes
 * as a member in a column of its own), `pad` units out from them. `raise(mesh, col)` may raise a
 * column's band (to take in a control plane drawn above the mesh, one of `above`). Pure.
 */
export function meshRegions(placed: readonly PlacedNode[], raise: (mesh: string, col: number) => number | null, pad: RegionPad = REGION_PAD, above: readonly PlacedNode[] = []): MeshRegion[] {
  const names = meshNames(placed.map((p) => p.node));
  return names.map((name, index) => {
    const members = placed.filter((p) => p.col >= 0 && meshesOf(p.node).includes(name));
    const all = placed.filter((p) => p.col >= 0 && meshesOf(p.node).includes(name) && !isBridge(p.node) && p.node.kind !== 'control-plane');
    const meanX = all.length ? all.reduce((a, p) => a + p.x, 0) / all.length : 0;
    const bands = new Map<number, Band>();
    const shared = bridgesInSharedColumns(members, (p) => isBridge(p.node)); // drawn apart: bridgeHalves
    for (const p of members) {
      if (shared.has(p)) continue;
      let x0 = p.x - p.w / 2 - pad.x;
      let x1 = p.x + p.w / 2 + pad.x;
      if (isBridge(p.node)) {
        // Half in each mesh: the half that faces the mesh's other members.
        if (meanX <= p.x) x1 = p.x;
        else x0 = p.x;
      }
      const y0 = p.y - p.h / 2 - pad.top;
      // Unfolded replica cards are the member's too.
      const y1 = p.y + p.h / 2 + pad.bottom + (p.replicaRoom ?? 0);
      const b = bands.get(p.col);
      if (!b) bands.set(p.col, { x0, x1, y0, y1 });
      else bands.set(p.col, { x0: Math.min(b.x0, x0), x1: Math.max(b.x1, x1), y0: Math.min(b.y0, y0), y1: Math.max(b.y1, y1) });
    }
    // A control plane beside the mesh (a member in a column of its own) takes its column's band
    // as tall as the column before it: the region goes on as a rectangle, where a band of its
    // icon's height alone made an odd tab off the region's top (partial-adoption with Charts
    // open at 1600x1000).
    for (const p of members) {
      if (p.node.kind !== 'control-plane') continue;
      const b = bands.get(p.col);
      const prev = bands.get(p.col - 1);
      if (b && prev) bands.set(p.col, { ...b, y0: Math.min(b.y0, prev.y0), y1: Math.max(b.y1, prev.y1) });
    }
    for (const [col, b] of bands) {
      const top = raise(name, col);
      if (top !== null) b.y0 = Math.min(b.y0, top);
    }
    const outside = placed.filter((p) => !meshesOf(p.node).includes(name));
    fillNotches(bands, outside, pad, NOTCH);
    const halves = bridgeHalves(shared, bands, meanX, pad, [...outside, ...above.filter((p) => !meshesOf(p.node).includes(name))]); // clear of the other mesh's nodes
    // Sides a few units apart made notches and jogs in the outline (members 18 units narrower than
    // their neighbour's: 9-unit jogs in retry-storm's, third-party-service's and gateway-and-mesh's
    // shop; 1 and 6.5 units in two-meshes-direct's, control-plane-boundary's, partial-adoption's):
    // they are made one.
    snapBoxes([...bands.values()], NOTCH);
    const cols = [...bands.keys()].sort((a, b) => a - b);
    // Runs of adjacent columns; a column without members splits the region.
    const runs: Band[][] = [];
    cols.forEach((c, i) => {
      if (i === 0 || c !== cols[i - 1] + 1) runs.push([]);
      runs[runs.length - 1].push(bands.get(c)!);
    });
    // One mesh, one region: runs in different bands of presenter mode's snake (retry-storm's api;
    // web and orders; payments, drawn as three meshes) or split by a column without members are
    // joined into one outline (joinRuns).
    const path = runs.length > 1 || halves.length > 0 ? joinRuns(runs, CORNER, blockedBy(outside, pad), halves) : runs.map((run) => roundedPolygon(skyline(run), CORNER)).join(' ');
    const flat = [...runs.flat(), ...halves];
    return {
      name,
      index,
      path,
      label: labelSpot(runs, name, [...outside, ...above], pad === REGION_PAD ? 14 : 18, max(flat, (b) => b.x1) ?? 0),
      // NOTE: d3's min and max, not a spread of an array of any length into Math.min.
      minX: min(flat, (b) => b.x0) ?? 0,
      minY: min(flat, (b) => b.y0) ?? 0,
      maxX: max(flat, (b) => b.x1) ?? 0,
      maxY: max(flat, (b) => b.y1) ?? 0,
      runs,
    };
  });
}

/**
 * Where the mesh's name tab ('MESH · NAME', drawn 8 units over a band's top, at `fontUnits`) goes,
 * design units (the point 14 units in from a band's left and 20 down from its top): over the
 * first band, left to right, whose tab lies clear of every node of `others` (nodes outside the
 * mesh), else over the first. A later band's tab ends by the region's right edge `maxX` where it
 * would run past it (past the fitted drawing: 'MESH · PAYMENTS' was cut at the stage's edge). In
 * presenter mode gw-retry.yaml's payments began under retail's egress, which hid 'MESH · PAY'
 * (session 43). Pure.
 */
function labelSpot(runs: readonly (readonly Band[])[], name: string, others: readonly PlacedNode[], fontUnits: number, maxX: number): { x: number; y: number } {
  const bands = runs.flat();
  // Uppercase, bold, letter-spaced: some 0.8 em a character.
  const w = `MESH · ${name}`.length * 0.8 * fontUnits;
  const spot = (b: Band, i: number) => ({ x: i === 0 ? b.x0 + 14 : Math.min(b.x0 + 14, maxX - w), y: b.y0 + 20 });
  const clear = (at: { x: number; y: number }) => others.every((q) => q.x + q.w / 2 <= at.x || q.x - q.w / 2 >= at.x + w || q.y + q.h / 2 <= at.y - 32 - fontUnits || q.y - q.h / 2 >= at.y - 20);
  const spots = bands.map(spot);
  return spots.find(clear) ?? spots[0] ?? { x: 14, y: 20 };
}

/** The outline of a run of column bands: along the tops left to right, back along the bottoms. */
function skyline(run: Band[]): [number, number][] {
  const pts: [number, number][] = [];
  for (const b of run) pts.push([b.x0, b.y0], [b.x1, b.y0]);
  for (let i = run.length - 1; i >= 0; i--) pts.push([run[i].x1, run[i].y1], [run[i].x0, run[i].y1]);
  return pts;
}

