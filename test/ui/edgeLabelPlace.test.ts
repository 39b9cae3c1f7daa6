// Link labels go beside their link, clear of nodes, other links, locks and other labels.
import { describe, expect, it } from 'vitest';
import { LABEL_BOX, labelRect, placeEdgeLabels, placeStoryLabel, type LabelLink, type Rect } from '../../src/ui/topology/edgeLabelPlace';

const line = (x0: number, y0: number, x1: number, y1: number, lock = false): LabelLink => ({
  points: Array.from({ length: 41 }, (_, i) => ({ x: x0 + ((x1 - x0) * i) / 40, y: y0 + ((y1 - y0) * i) / 40 })),
  lock,
});
const VIEW: Rect = { x0: -1000, y0: -1000, x1: 2000, y1: 2000 };
const hit = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

describe('edge label placement', () => {
  it('puts a lone flat link\'s label under its middle, 24 units off the line', () => {
    expect(placeEdgeLabels([line(0, 100, 400, 100)], [], VIEW)).toEqual([{ x: 200, y: 128, anchor: 'middle' }]);
  });

  it('moves a label off a node that covers its usual spot', () => {
    const node: Rect = { x0: 150, y0: 105, x1: 250, y1: 200 };
    const [spot] = placeEdgeLabels([line(0, 100, 400, 100)], [node], VIEW);
    expect(hit(labelRect(spot), node)).toBe(false);
  });

  it('keeps the labels of two close parallel links apart and off each other\'s line', () => {
    const links = [line(0, 100, 400, 100), line(0, 130, 400, 130)];
    const [a, b] = placeEdgeLabels(links, [], VIEW);
    expect(hit(labelRect(a), labelRect(b))).toBe(false);
    for (const [spot, other] of [[a, links[1]], [b, links[0]]] as const) {
      const r = labelRect(spot);
      expect(other.points.some((p) => p.x > r.x0 && p.x < r.x1 && p.y > r.y0 && p.y < r.y1)).toBe(false);
    }
  });

  it("keeps a label off a box's queue glyph (a soft obstacle) where a free spot exists, and takes it over a node when none does", () => {
    const queue: Rect = { x0: 150, y0: 105, x1: 250, y1: 200 };
    const [free] = placeEdgeLabels([line(0, 100, 400, 100)], [], VIEW, LABEL_BOX, [], [queue]);
    expect(hit(labelRect(free), queue)).toBe(false);
    // Nodes everywhere but the queue's spot under the middle: the label goes over the queue.
    const everywhere: Rect[] = [
      { x0: -1000, y0: -1000, x1: 2000, y1: 99 },
      { x0: -1000, y0: 101, x1: 149, y1: 2000 },
      { x0: 251, y0: 101, x1: 2000, y1: 2000 },
      { x0: 150, y0: 200, x1: 250, y1: 2000 },
    ];
    const [soft] = placeEdgeLabels([line(0, 100, 400, 100)], everywhere, VIEW, LABEL_BOX, [], [queue]);
    expect(soft).toEqual({ x: 200, y: 128, anchor: 'middle' });
    expect(everywhere.some((n) => hit(labelRect(soft), n))).toBe(false);
  });

  it("puts a label whose first free spot lies nearer a neighbour's line on the side of its own line that reads as its own", () => {
    // 36 units below, the neighbour's line: the usual spot (the middle, lower side, its middle 20
    // units off its own line) is free but 16 from the neighbour's (session 35: old-app's '10 req/s'
    // in a branch pane of gateway-and-mesh lay nearer shoppers' line).
    const mine = line(0, 100, 400, 100);
    const theirs = line(0, 136, 400, 136);
    const [spot] = placeEdgeLabels([mine, theirs], [], VIEW);
    const r = labelRect(spot);
    const cy = (r.y0 + r.y1) / 2;
    expect(Math.abs(cy - 100)).toBeLessThan(Math.abs(cy - 136));
    expect(r.y1).toBeLessThan(100);
  });

  it('keeps a label inside the visible drawing', () => {
    const [spot] = placeEdgeLabels([line(0, 10, 400, 10)], [], { x0: 0, y0: 0, x1: 400, y1: 30 + LABEL_BOX.h });
    const r = labelRect(spot);
    expect(r.y1).toBeLessThanOrEqual(30 + LABEL_BOX.h);
    expect(r.y0).toBeGreaterThanOrEqual(0);
  });

  it('a highlighted link\'s label left out across another line still gets a spot: clear of nodes and shown labels, across the other line only when nothing else is left', () => {
    const crosses = (r: Rect, l: LabelLink) => l.points.some((p) => p.x > r.x0 - 2 && p.x < r.x1 + 2 && p.y > r.y0 - 2 && p.y < r.y1 + 2);
    // A link between two parallel links 20 units off each side: every spot beside it crosses one.
    const mid = line(0, 100, 400, 100);
    const others = [line(0, 80, 400, 80), line(0, 120, 400, 120)];
    const links = [mid, ...others];
    // Nodes fill the bands above 60 and below 140, so no spot clears both lines.
    const nodes: Rect[] = [
      { x0: -1000, y0: -1000, x1: 2000, y1: 62 },
      { x0: -1000, y0: 138, x1: 2000, y1: 2000 },
    ];
    const [quiet] = placeEdgeLabels(links, nodes, VIEW);
    expect(quiet.acrossLink).toBe(true);
    // Shown labels lie along its own line too (a spot over its own line, placeStoryLabel's next
    // resort, is taken), so nothing is left but crossing a neighbour's.
    const shown = [labelRect({ x: 200, y: 96, anchor: 'middle' }), ...Array.from({ length: 6 }, (_, i) => labelRect({ x: 38 + 76 * i, y: 104, anchor: 'middle' }))];
    const spot = placeStoryLabel(mid, links, LABEL_BOX, nodes, shown, VIEW);
    const r = labelRect(spot);
    expect(nodes.some((n) => hit(r, n))).toBe(false);
    expect(hit(r, shown[0])).toBe(false);
    expect(shown.some((l) => hit(r, l))).toBe(false);
    expect(others.filter((o) => crosses(r, o))).toHaveLength(1);
    // With room beside it (no nodes), it takes a spot that crosses no other line.
    const free = labelRect(placeStoryLabel(line(0, 100, 400, 100), [line(0, 100, 400, 100), line(0, 300, 400, 300)], LABEL_BOX, [], [], VIEW));
    expect(crosses(free, line(0, 300, 400, 300))).toBe(false);
  });

  it("a highlighted link's label sits nearer its own line than any other: two links converging on one box, the other's label already shown at the meeting point", () => {
    // Two clients 80 units apart whose links meet at a box at (400, 140), as gateway-and-mesh's
    // bulk-export and scraper meet at edge.
    const mine = line(0, 100, 400, 140);
    const theirs = line(0, 180, 400, 140);
    const d2 = (l: LabelLink, x: number, y: number) => Math.min(...l.points.map((p) => (p.x - x) ** 2 + (p.y - y) ** 2));
    const shown = [labelRect({ x: 300, y: 185, anchor: 'middle' })];
    const r = labelRect(placeStoryLabel(mine, [mine, theirs], LABEL_BOX, [{ x0: 390, y0: 110, x1: 480, y1: 170 }], shown, VIEW));
    const cx = (r.x0 + r.x1) / 2;
    const cy = (r.y0 + r.y1) / 2;
    expect(d2(mine, cx, cy)).toBeLessThan(d2(theirs, cx, cy));
    expect(hit(r, shown[0])).toBe(false);
  });

  it("a highlighted link's label whose every spot beside it lies nearer a neighbour's line sits on its own line (over it, with its halo)", () => {
    // A short link with a link 20 units off each side, as partial-adoption's reports->orders runs
    // between storefront's links: every spot 24 units or more off it is nearer a neighbour.
    const mine = line(0, 100, 200, 100);
    const above = line(0, 80, 200, 80);
    const below = line(0, 120, 200, 120);
    const d2 = (l: LabelLink, x: number, y: number) => Math.min(...l.points.map((p) => (p.x - x) ** 2 + (p.y - y) ** 2));
    const r = labelRect(placeStoryLabel(mine, [above, mine, below], LABEL_BOX, [], [], VIEW));
    const cx = (r.x0 + r.x1) / 2;
    const cy = (r.y0 + r.y1) / 2;
    expect(d2(mine, cx, cy)).toBeLessThan(Math.min(d2(above, cx, cy), d2(below, cx, cy)));
    // Its middle on the line, and the box crossing neither neighbour.
    expect(cy).toBe(100);
    expect(r.y0).toBeGreaterThan(80);
    expect(r.y1).toBeLessThan(120);
  });
});
