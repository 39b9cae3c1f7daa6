// A bridging gateway that shares its column with its mesh's other members (trial N11's gw-retry:
// retail's egress above the payments bridge) straddles the two meshes' regions: its half facing
// each mesh inside that mesh's region only, and neither region over the other's nodes.
import { describe, expect, it } from 'vitest';
import type { Layout, PlacedNode } from '../../src/ui/topology/layoutTypes';
import type { MeshRegion } from '../../src/ui/topology/meshRegions';
import { layoutOfText, TWO_MESHES_AND_A_PARTNER } from './twoMeshesPartner';

type Pt = [number, number];

/** A region's outline as polygons: `corners` with the rounded corners' control points (holds the whole region), else without them (inside it). */
function loops(r: MeshRegion, corners: boolean): Pt[][] {
  return r.path.split('Z').filter((s) => s.includes('M')).map((sub) => {
    const pts: Pt[] = [];
    for (const m of sub.matchAll(/([MLQ])([-\d.]+),([-\d.]+)(?: ([-\d.]+),([-\d.]+))?/g)) {
      if (m[1] === 'Q' && corners) pts.push([+m[2], +m[3]]);
      if (m[1] === 'Q') pts.push([+m[4], +m[5]]);
      else pts.push([+m[2], +m[3]]);
    }
    return pts;
  });
}

function inPolygon([x, y]: Pt, poly: readonly Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Surely inside `r` (inside its outline with the corners cut), or perhaps inside it (with them). */
const surelyIn = (p: Pt, r: MeshRegion) => loops(r, false).some((l) => inPolygon(p, l));
const perhapsIn = (p: Pt, r: MeshRegion) => loops(r, true).some((l) => inPolygon(p, l));

/** Nine points of a node's box: corners, sides' middles, middle. */
function boxPoints(p: PlacedNode): Pt[] {
  const out: Pt[] = [];
  for (const fx of [-0.5, 0, 0.5]) for (const fy of [-0.5, 0, 0.5]) out.push([p.x + fx * p.w, p.y + fy * p.h]);
  return out;
}

/** What is wrong with the bridge's straddle in `l`, as sentences. */
function straddleProblems(l: Layout): string[] {
  const region = (name: string) => l.meshes.find((m) => m.name === name)!;
  const [retail, payments] = [region('retail'), region('payments')];
  const bridge = l.nodes.find((p) => p.node.name === 'payments-bridge')!;
  const out: string[] = [];
  // Retail's members lie left of the bridge, payments' right of it.
  const left: Pt = [bridge.x - bridge.w / 4, bridge.y];
  const right: Pt = [bridge.x + bridge.w / 4, bridge.y];
  if (!surelyIn(left, retail) || perhapsIn(left, payments)) out.push('bridge left half not retail\'s alone');
  if (!surelyIn(right, payments) || perhapsIn(right, retail)) out.push('bridge right half not payments\' alone');
  for (const p of l.nodes) {
    if (p.node.name === 'payments-bridge' || p.node.kind === 'client') continue;
    const own = p.node.external ? [] : (p.node.mesh ?? '').split('->');
    for (const r of [retail, payments]) {
      if (own.includes(r.name)) continue;
      if (boxPoints(p).some((q) => perhapsIn(q, r))) out.push(`${r.name}'s region over ${p.node.name}`);
    }
  }
  return out;
}

describe('a bridge beside its mesh\'s egress in one column', () => {
  for (const [w, h, presenter] of [[1050, 640, false], [700, 560, false], [1300, 560, false], [1300, 700, true]] as const) {
    it(`straddles retail's and payments' regions at ${w}x${h}${presenter ? ' in presenter mode' : ''}, neither over the other's nodes`, () => {
      const l = layoutOfText(TWO_MESHES_AND_A_PARTNER, w, h, { presenter });
      const bridge = l.nodes.find((p) => p.node.name === 'payments-bridge')!;
      expect(l.nodes.some((p) => p.node.name === 'egress' && p.col === bridge.col)).toBe(true);
      expect(straddleProblems(l)).toEqual([]);
    });
  }
});

/** Points (every 3 units) inside both regions' outlines with their corners cut: where one lies over the other. */
function overlapPoints(a: MeshRegion, b: MeshRegion): number {
  let n = 0;
  for (let x = Math.max(a.minX, b.minX); x < Math.min(a.maxX, b.maxX); x += 3) {
    for (let y = Math.max(a.minY, b.minY); y < Math.min(a.maxY, b.maxY); y += 3) if (surelyIn([x, y], a) && surelyIn([x, y], b)) n++;
  }
  return n;
}

describe('two meshes\' regions beside a bridge and an egress in one column (session 43)', () => {
  for (const [w, h, presenter] of [[1240, 800, true], [820, 620, true], [1050, 640, false], [700, 560, false]] as const) {
    it(`at ${w}x${h}${presenter ? ' in presenter mode' : ''} neither region lies over the other, and each mesh's name tab is clear of every node`, () => {
      const l = layoutOfText(TWO_MESHES_AND_A_PARTNER, w, h, { presenter });
      const [retail, payments] = ['retail', 'payments'].map((n) => l.meshes.find((m) => m.name === n)!);
      // Presenter mode: retail's band under egress reached 16 units into payments' region (252 points) before.
      expect(overlapPoints(retail, payments)).toBe(0);
      // The tab 'MESH · PAYMENTS' (drawn over its label point's band, some 0.8 em a letter at 18 units): under egress before.
      const tabs = l.meshes.map((m) => ({ name: m.name, x0: m.label.x, x1: m.label.x + `MESH · ${m.name}`.length * 0.8 * 18, y0: m.label.y - 28 - 14, y1: m.label.y - 28 + 4 }));
      const hidden = tabs.flatMap((t) => l.nodes.filter((p) => p.x + p.w / 2 > t.x0 && p.x - p.w / 2 < t.x1 && p.y + p.h / 2 > t.y0 && p.y - p.h / 2 < t.y1).map((p) => `${t.name}'s tab under ${p.node.name}`));
      expect(hidden).toEqual([]);
      // Nor past its region's right edge (past the fitted drawing, cut by the stage's edge).
      for (const [t, m] of tabs.map((t, i) => [t, l.meshes[i]] as const)) expect(t.x1, `${t.name}'s tab's right end`).toBeLessThanOrEqual(m.maxX + 1);
      expect(straddleProblems(l)).toEqual([]);
    });
  }
});

describe("retail's region runs straight under checkout and its half of the bridge (no L-step, session 43's L4)", () => {
  for (const [w, h, presenter] of [[1050, 640, false], [700, 560, false], [1300, 560, false], [1300, 700, true], [820, 620, true]] as const) {
    it(`at ${w}x${h}${presenter ? ' in presenter mode' : ''} the point under checkout level with the bridge's bottom is retail's, and no region lies over another mesh's node`, () => {
      const l = layoutOfText(TWO_MESHES_AND_A_PARTNER, w, h, { presenter });
      const [checkout, bridge] = ['checkout', 'payments-bridge'].map((n) => l.nodes.find((p) => p.node.name === n)!);
      const retail = l.meshes.find((m) => m.name === 'retail')!;
      expect([bridge.col - checkout.col, bridge.y > checkout.y], 'the bridge in the column after checkout, lower').toEqual([1, true]);
      // Before: checkout's band ended 62 units under it, the bridge's half 40-62 under the bridge, 118 units lower.
      expect(surelyIn([checkout.x, bridge.y + bridge.h / 2 + 10], retail), 'under checkout, level with the bridge').toBe(true);
      expect(straddleProblems(l)).toEqual([]);
    });
  }
});
