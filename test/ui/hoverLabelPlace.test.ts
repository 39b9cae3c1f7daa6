import { describe, expect, it } from 'vitest';
import { LABEL_BOX, labelRect, nodeRect, placeEdgeLabels, placeHoverLabel, SHORT_LABEL_SHARE, type Rect } from '../../src/ui/topology/edgeLabelPlace';

const overlap = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
/** A straight link from (0, 100) to (200, 100), a point every 5 units. */
const link = { points: Array.from({ length: 41 }, (_, i) => ({ x: i * 5, y: 100 })), lock: false };
const view: Rect = { x0: -200, y0: -200, x1: 500, y1: 500 };
const box = { w: 260, h: 22 };

describe("a hovered link's label", () => {
  it('goes beside its link, below the middle, when nothing is there', () => {
    const at = placeHoverLabel(link, box, [], view);
    const r = labelRect(at, box);
    expect(at.anchor).toBe('middle');
    expect(r.y0).toBeGreaterThanOrEqual(100 + 24);
    expect(r.y0).toBeLessThan(100 + 30);
  });

  it('moves off its link past names on both sides to the first spot clear of every node', () => {
    // Names 40 units tall on both sides of the line, across the whole width a label could take.
    const nodes: Rect[] = [
      { x0: -100, y0: 110, x1: 300, y1: 150 },
      { x0: -100, y0: 50, x1: 300, y1: 90 },
    ];
    const at = placeHoverLabel(link, box, nodes, view);
    const r = labelRect(at, box);
    for (const n of nodes) expect(overlap(r, n)).toBe(false);
    expect(Math.min(Math.abs(r.y0 - 100), Math.abs(r.y1 - 100))).toBeLessThanOrEqual(60);
  });

  it('stays in the view, and keeps its spot while that is still clear so it does not jump as its figures change', () => {
    const tight: Rect = { x0: -10, y0: 50, x1: 210, y1: 150 };
    const at = placeHoverLabel(link, { w: 180, h: 20 }, [], tight);
    const r = labelRect(at, { w: 180, h: 20 });
    expect(r.x0 >= tight.x0 && r.x1 <= tight.x1 && r.y0 >= tight.y0 && r.y1 <= tight.y1).toBe(true);
    const kept = { x: 100, y: 90, anchor: 'middle' as const };
    expect(placeHoverLabel(link, { w: 100, h: 20 }, [], view, kept)).toBe(kept);
    // Once a node is under the kept spot, it is placed again.
    expect(placeHoverLabel(link, { w: 100, h: 20 }, [{ x0: 90, y0: 70, x1: 110, y1: 80 }], view, kept)).not.toBe(kept);
  });
});

describe("a link's quiet label", () => {
  it("is marked over a name when no spot beside its link is free and the best lies over a node's name, so it is left out", () => {
    const view: Rect = { x0: -500, y0: -500, x1: 700, y1: 700 };
    const node: Rect = { x0: -200, y0: -100, x1: 400, y1: 300 };
    expect(placeEdgeLabels([link], [], view)[0].overName).toBeUndefined();
    // A node's drawing over the whole link and everything near it, its name elsewhere: kept.
    expect(placeEdgeLabels([link], [node], view, undefined, [{ x0: 300, y0: 250, x1: 390, y1: 290 }])[0].overName).toBeUndefined();
    // Its name across the link's middle, where every spot is.
    expect(placeEdgeLabels([link], [node], view, undefined, [{ x0: -200, y0: 20, x1: 400, y1: 180 }])[0].overName).toBe(true);
  });

  it('is marked across a link when its best spot still has another link running through it, so it is left out', () => {
    // Dense parallel links 10 units apart above and below, the whole way: no spot off them.
    const rows = [-50, -40, -30, -20, -10, 10, 20, 30, 40, 50].map((d) => ({ points: Array.from({ length: 61 }, (_, i) => ({ x: -100 + i * 7, y: 100 + d })), lock: false }));
    const spots = placeEdgeLabels([link, ...rows], [], { x0: -500, y0: -500, x1: 700, y1: 700 });
    expect(spots[0].acrossLink).toBe(true);
    // Alone, the same link's label has its usual spot, unmarked.
    expect(placeEdgeLabels([link], [], view)[0].acrossLink).toBeUndefined();
  });

  it("tries a spot near a link's ends when none in its middle is free", () => {
    // A node across the link from 70 to 130 units, tall enough to cover both sides: every spot
    // from 18% to 82% of the link meets it; the label goes at 12% or 88%, clear of it.
    const node: Rect = { x0: 70, y0: -100, x1: 130, y1: 300 };
    const spot = placeEdgeLabels([link], [node], view)[0];
    expect(overlap(labelRect(spot), node)).toBe(false);
    expect(spot.x <= 25 || spot.x >= 175, JSON.stringify(spot)).toBe(true);
    expect(spot.acrossLink).toBeUndefined();
  });
});

describe("a client's keep-out for link labels", () => {
  it('is its name wide where captions are left out, not "client on the internet" wide', () => {
    const p = { node: { id: 0, name: 'old-app', kind: 'client', external: true, replicas: 1 }, x: 0, y: 0, w: 40, h: 40 } as unknown as Parameters<typeof nodeRect>[0];
    const withCaption = nodeRect(p);
    const without = nodeRect(p, false);
    expect(without.x1 - without.x0).toBeLessThan(withCaption.x1 - withCaption.x0);
    expect(without.x1 - without.x0).toBeCloseTo('old-app'.length * 8.6 + 8, 0);
  });
});

describe("an unfolded service's keep-out for link labels", () => {
  it('reaches under its replica cards: as far below the box as the room the layout made for them', () => {
    const p = { node: { id: 1, name: 'cart', kind: 'service', replicas: 2 }, x: 200, y: 100, w: 140, h: 56 } as unknown as Parameters<typeof nodeRect>[0];
    const folded = nodeRect(p);
    const unfolded = nodeRect({ ...p, replicaRoom: 70 });
    expect(unfolded.y1 - folded.y1).toBe(70);
    expect([unfolded.x0, unfolded.y0, unfolded.x1]).toEqual([folded.x0, folded.y0, folded.x1]);
    // A label laid where checkout->cart's '48 req/s' lay over cart's '#0 up' card (its first row,
    // 34 units under the box) is kept off the unfolded box, not the folded one.
    const card = labelRect({ x: 200, y: 100 + 28 + 34 + 20, anchor: 'middle' });
    const hit = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    expect([hit(card, folded), hit(card, unfolded)]).toEqual([false, true]);
  });
});

describe("a presenter-size label between two boxes closer than it is wide", () => {
  it('with no room beside its link even for its short form, is shown at the nearest free spot further off its link rather than left out over a box', () => {
    // Two tall boxes 48 units apart, a 105 x 22 label (its short form 53 wide): every spot beside
    // the link and up to 96 units off it covers one; 126 units above is free.
    const short = { points: Array.from({ length: 13 }, (_, i) => ({ x: 8 + i * 4, y: 100 })), lock: false };
    const boxes: Rect[] = [
      { x0: -200, y0: -20, x1: 8, y1: 220 },
      { x0: 56, y0: -20, x1: 264, y1: 220 },
    ];
    const big = { w: 105, h: 22 };
    const [spot] = placeEdgeLabels([short], boxes, { x0: -500, y0: -500, x1: 700, y1: 700 }, big);
    expect([spot.overNode, spot.overName, spot.acrossLink]).toEqual([undefined, undefined, undefined]);
    const r = labelRect(spot, big);
    expect(boxes.some((b) => overlap(r, b))).toBe(false);
    // The nearest such spot: its middle at most 126 units and half a label's height from the link's.
    expect(Math.hypot((r.x0 + r.x1) / 2 - 32, (r.y0 + r.y1) / 2 - 100)).toBeLessThanOrEqual(126 + 11 + 4);
    expect(spot.short).toBeUndefined();
  });

  it("where its short form fits beside its link, says that by its link rather than its full text far off (retry-storm's api->web: '34/s' above its lock, not '34 req/s' 94 units below)", () => {
    // retry-storm in presenter mode: api->web runs 64 units, its boxes' drawings 56 apart, a lock
    // at its middle, 12 sampled points (none at the exact middle); above and below the boxes is free.
    const link = { points: Array.from({ length: 12 }, (_, i) => ({ x: 266.8 + (i * 64) / 11, y: 0 })), lock: true };
    const boxes: Rect[] = [
      { x0: 113, y0: -55, x1: 271, y1: 78 },
      { x0: 327, y0: -55, x1: 467, y1: 78 },
    ];
    const big = { w: 105, h: 22 };
    const [spot] = placeEdgeLabels([link], boxes, { x0: -60, y0: -220, x1: 765, y1: 290 }, big);
    expect(spot.short).toBe(true);
    const r = labelRect(spot, { w: Math.ceil(big.w * SHORT_LABEL_SHARE), h: big.h });
    expect(boxes.some((b) => overlap(r, b))).toBe(false);
    // Clear of the lock (13 units each way of the middle), its middle 35 units above the line.
    expect(r.y1).toBeLessThanOrEqual(-13);
    expect((r.x0 + r.x1) / 2).toBeCloseTo(298.8, 6);
    expect((r.y0 + r.y1) / 2).toBe(-35);
  });
});

describe('a presenter-size label with no room for its full text', () => {
  // Two tall boxes 65 units apart, as tall as the view (l4-vs-l7's etl-job and postgres in
  // presenter mode at 13 s, no free spot above or below them), a 105 x 22 label.
  const link = { points: Array.from({ length: 14 }, (_, i) => ({ x: i * 5, y: 100 })), lock: false };
  const boxes: Rect[] = [
    { x0: -200, y0: -20, x1: 0, y1: 220 },
    { x0: 65, y0: -20, x1: 265, y1: 220 },
  ];
  const view = { x0: -300, y0: -20, x1: 400, y1: 220 };

  it('is placed for its short form ("68/s", half as wide) beside its link, clear of both boxes, rather than left out', () => {
    const big = { w: 105, h: 22 };
    const [spot] = placeEdgeLabels([link], boxes, view, big);
    expect([spot.short, spot.overNode, spot.overName, spot.acrossLink]).toEqual([true, undefined, undefined, undefined]);
    const r = labelRect(spot, { w: Math.ceil(big.w * SHORT_LABEL_SHARE), h: big.h });
    expect(boxes.some((b) => overlap(r, b))).toBe(false);
    // Beside its link: the middle within a quiet label's reach of the link's middle.
    expect(Math.hypot((r.x0 + r.x1) / 2 - 32.5, (r.y0 + r.y1) / 2 - 100)).toBeLessThanOrEqual(46 + 11);
  });

  it('at the single view\'s size is left out over a box as before, never shortened', () => {
    const [spot] = placeEdgeLabels([{ ...link, points: link.points.map((p) => ({ x: p.x * 0.6, y: p.y })) }], [boxes[0], { ...boxes[1], x0: 39 }], view, LABEL_BOX);
    expect(spot.short).toBeUndefined();
    expect(spot.overNode).toBe(true);
  });

  it("is not placed short where the short form would sit nearer another link's line than its own", () => {
    // A second link 30 units below, alongside it; the view's edge 20 units above. The only spots
    // free for the short form lie below the second line, nearer it: left out, as before.
    const other = { points: link.points.map((p) => ({ x: p.x, y: p.y + 30 })), lock: false };
    const [spot] = placeEdgeLabels([link, other], boxes, { ...view, y0: 80 }, { w: 105, h: 22 });
    expect(spot.short).toBeUndefined();
    expect(spot.overNode === true || spot.acrossLink === true).toBe(true);
  });
});
