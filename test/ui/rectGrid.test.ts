// RectGrid (rectGrid.ts) counts the boxes a query box overlaps exactly as a scan of all of them does.
import { describe, expect, it } from 'vitest';
import { overlap, type Rect } from '../../src/ui/topology/labelGeometry';
import { PlacedLabels, RectGrid } from '../../src/ui/topology/rectGrid';

const box = (x0: number, y0: number, w: number, h: number): Rect => ({ x0, y0, x1: x0 + w, y1: y0 + h });

describe('RectGrid', () => {
  it('counts each box a query meets once, a box over several cells too, and not one that only touches its edge', () => {
    const g = new RectGrid([box(0, 0, 200, 10), box(210, 0, 10, 10), box(-100, -100, 40, 40)]);
    expect(g.weigh(box(100, 5, 120, 10))).toBe(2);
    expect(g.weigh(box(200, 0, 10, 10))).toBe(0);
    expect(g.weigh(box(-70, -70, 5, 5))).toBe(1);
    expect(g.meets(box(500, 500, 10, 10))).toBe(false);
  });

  it("sums weights (a soft box counts 0.5), keeps a huge box aside, and forgets a removed one", () => {
    const g = new RectGrid([box(0, 0, 20, 20)], 0.5);
    g.add(box(0, 0, 20, 20), 0.5);
    const huge = g.add({ x0: -1e9, y0: -1e9, x1: 1e9, y1: 1e9 });
    expect(g.weigh(box(5, 5, 5, 5))).toBe(2);
    g.remove(huge);
    expect(g.weigh(box(5, 5, 5, 5))).toBe(1);
    expect(g.weigh(box(1000, 1000, 5, 5))).toBe(0);
  });

  it('matches a scan of 500 seeded boxes for 500 seeded queries', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rects = Array.from({ length: 500 }, () => box(rnd() * 2000 - 500, rnd() * 2000 - 500, rnd() * 150, rnd() * 60));
    const g = new RectGrid(rects);
    let met = 0;
    for (let i = 0; i < 500; i++) {
      const q = box(rnd() * 2000 - 500, rnd() * 2000 - 500, 76, 16);
      const scan = rects.filter((r) => overlap(q, r)).length;
      expect(g.weigh(q)).toBe(scan);
      met += scan;
    }
    expect(met).toBeGreaterThan(50);
  });

  it('PlacedLabels takes a label box out by itself, and leaves others in', () => {
    const p = new PlacedLabels();
    const a = box(0, 0, 76, 16);
    const b = box(10, 4, 76, 16);
    p.push(a);
    p.push(b);
    expect(p.weigh(box(20, 5, 5, 5))).toBe(2);
    p.remove(a);
    expect(p.weigh(box(20, 5, 5, 5))).toBe(1);
    expect(p.meets(box(0, 0, 5, 3))).toBe(false);
  });
});
