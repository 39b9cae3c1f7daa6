// Many links into one box (40 and 400 clients of one service): every link's label is placed beside
// its link or marked left out, and no two shown labels, nor a label and a node, overlap.
import { describe, expect, it } from 'vitest';
import { LABEL_BOX, labelRect, placeEdgeLabels, type LabelLink, type LabelSpot, type Rect } from '../../src/ui/topology/edgeLabelPlace';

const hit = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** `n` clients in a column (40-unit boxes, `gap` apart) each linked to one service box to their right; 41 points a link. */
function fanIn(n: number, gap: number): { links: LabelLink[]; nodes: Rect[]; view: Rect } {
  const hub = { x: 600, y: (n * gap) / 2 };
  const links: LabelLink[] = [];
  const nodes: Rect[] = [];
  for (let i = 0; i < n; i++) {
    const a = { x: 60, y: i * gap };
    links.push({ points: Array.from({ length: 41 }, (_, k) => ({ x: a.x + ((hub.x - 40 - a.x) * k) / 40, y: a.y + ((hub.y - a.y) * k) / 40 })), lock: false });
    nodes.push({ x0: 0, y0: a.y - 10, x1: 60, y1: a.y + 10 });
  }
  nodes.push({ x0: hub.x - 40, y0: hub.y - 30, x1: hub.x + 40, y1: hub.y + 30 });
  return { links, nodes, view: { x0: -50, y0: -50, x1: 800, y1: n * gap + 50 } };
}

const leftOut = (s: LabelSpot) => s.overName === true || s.overNode === true || s.acrossLink === true || s.overLabel === true;

describe('link labels of many links into one box', () => {
  for (const [n, gap] of [
    [40, 30],
    [400, 24],
  ] as const) {
    it(`gives each of ${n} links into one box a spot, the shown ones clear of nodes and of each other`, () => {
      const { links, nodes, view } = fanIn(n, gap);
      const spots = placeEdgeLabels(links, nodes, view);
      expect(spots).toHaveLength(n);
      const shown = spots.filter((s) => !leftOut(s)).map((s) => labelRect(s, s.short === true ? { w: LABEL_BOX.w / 2, h: LABEL_BOX.h } : LABEL_BOX));
      // The links' middles stand 15 and 12 units apart, under a label's 16: about every other
      // label fits beside its link (18 of 40, 186 of 400 when written); the rest are left out, marked.
      expect(shown.length).toBeGreaterThan(n / 3);
      expect(spots.filter(leftOut).length).toBe(n - shown.length);
      for (const r of shown) expect(nodes.some((b) => hit(r, b))).toBe(false);
      const overlaps = shown.flatMap((r, i) => shown.slice(i + 1).filter((q) => hit(r, q)));
      expect(overlaps).toEqual([]);
    });
  }
});
