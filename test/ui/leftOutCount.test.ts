// A node counts the link labels left out round it for lack of room ("+2 rates on hover"): round s
// in fan-in-calls at 1024x768 two clients' labels were left out and nothing said so (Q2, session 50).
import { describe, expect, it } from 'vitest';
import { labelRect, overlap, type LabelLink, type Rect } from '../../src/ui/topology/labelGeometry';
import { placeEdgeLabels } from '../../src/ui/topology/edgeLabelPlace';
import { leftOutGroups, leftOutSpot, leftOutWords, wordsBox } from '../../src/ui/topology/leftOutCount';

/** A straight link from `a` to `b`, a point every few units. */
const line = (a: { x: number; y: number }, b: { x: number; y: number }): LabelLink => ({ points: Array.from({ length: 31 }, (_, k) => ({ x: a.x + ((b.x - a.x) * k) / 30, y: a.y + ((b.y - a.y) * k) / 30 })), lock: false });

describe('the count of left-out labels by a node', () => {
  it('counts each left-out label once, at the end it shares with the most, only where two or more are', () => {
    const fan = [...Array.from({ length: 8 }, (_, i) => [`c${i}`, 's'] as const), ['s', 't'] as const];
    const out = fan.map((_, i) => i === 0 || i === 7);
    expect(leftOutGroups(fan, out)).toEqual([{ node: 's', links: [0, 7] }]);
    // One left out: no count (its bare link says so).
    expect(leftOutGroups(fan, fan.map((_, i) => i === 3))).toEqual([]);
    // s -> t and c2 -> s share s with c5 -> s; a -> b's two labels count at a (the first named of a tie).
    const mixed = [...fan, ['a', 'b'] as const, ['a', 'b'] as const];
    expect(leftOutGroups(mixed, mixed.map((_, i) => i === 2 || i === 5 || i === 8 || i >= 9))).toEqual([
      { node: 's', links: [2, 5, 8] },
      { node: 'a', links: [9, 10] },
    ]);
    expect(() => leftOutGroups(fan, [true])).toThrow(/9 ends for 1 labels/);
  });

  it('says how many and where to read them, never a bare "+2" (a box\'s replica badge)', () => {
    expect(leftOutWords(2)).toBe('+2 rates on hover');
    expect(leftOutWords(1)).toBe('+1 rate on hover');
    expect(leftOutWords(12, true)).toBe('+12 rates');
    // As wide as a quiet label of as many characters ("1,234 req/s" in 76 units).
    expect(wordsBox('1,234 req/s')).toEqual({ w: 80, h: 16 });
    expect(wordsBox('+2 rates', 16.5 / 12).h).toBe(22);
  });

  it('goes above its node where that is free, else below, beside it, and in the short words where only they fit', () => {
    const s: Rect = { x0: 100, y0: 100, x1: 160, y1: 160 };
    const sizes = { long: wordsBox(leftOutWords(2)), short: wordsBox(leftOutWords(2, true)) };
    const view: Rect = { x0: 0, y0: 0, x1: 400, y1: 400 };
    const room = { nodes: [s], labels: [], links: [], view };
    const free = leftOutSpot(s, sizes, room);
    expect(free).toMatchObject({ short: false, hits: 0, spot: { x: 100, anchor: 'start' } });
    expect(labelRect(free.spot, sizes.long).y1).toBeLessThanOrEqual(s.y0);
    // A label over the node's top: below it.
    const top: Rect = { x0: 40, y0: 60, x1: 220, y1: 99 };
    const below = leftOutSpot(s, sizes, { ...room, labels: [top] });
    expect(below.hits).toBe(0);
    expect(labelRect(below.spot, sizes.long).y0).toBeGreaterThanOrEqual(s.y1);
    // Above and below taken, the right side cut by the view, the left crossed by a line: the short words at the right.
    const bottom: Rect = { x0: 40, y0: 161, x1: 220, y1: 200 };
    const narrow = { ...room, labels: [top, bottom], view: { x0: 0, y0: 0, x1: 230, y1: 400 }, links: [line({ x: 20, y: 120 }, { x: 95, y: 140 })] };
    const short = leftOutSpot(s, sizes, narrow);
    expect(short).toMatchObject({ short: true, hits: 0, spot: { anchor: 'start' } });
    expect(labelRect(short.spot, sizes.short).x0).toBeGreaterThanOrEqual(s.x1);
  });

  it('counts the two labels a fan of eight clients into one box leaves out, at the box, in a free spot', () => {
    // Eight clients 40 units apart, each linked to s 100 units to their right.
    const clients = Array.from({ length: 8 }, (_, i) => ({ x: 20, y: i * 40 }));
    const hub = { x: 120, y: 140 };
    const links = clients.map((c) => line(c, hub));
    const nodes: Rect[] = [...clients.map((c) => ({ x0: 0, y0: c.y - 14, x1: 20, y1: c.y + 14 })), { x0: 120, y0: 120, x1: 180, y1: 160 }];
    const view: Rect = { x0: -50, y0: -50, x1: 400, y1: 370 };
    const spots = placeEdgeLabels(links, nodes, view);
    const out = spots.map((s) => s.overName === true || s.overNode === true || s.acrossLink === true || s.overLabel === true);
    expect(out.filter(Boolean)).toHaveLength(2);
    const groups = leftOutGroups(clients.map((_, i) => [`c${i}`, 's'] as const), out);
    expect(groups).toHaveLength(1);
    expect(groups[0].node).toBe('s');
    expect(groups[0].links).toEqual(out.flatMap((o, i) => (o ? [i] : [])));
    const shown = spots.filter((_, i) => !out[i]).map((s) => labelRect(s));
    const sizes = { long: wordsBox(leftOutWords(2)), short: wordsBox(leftOutWords(2, true)) };
    const at = leftOutSpot(nodes[8], sizes, { nodes, labels: shown, links, view });
    expect(at.hits).toBe(0);
    const r = labelRect(at.spot, at.short ? sizes.short : sizes.long);
    for (const b of [...nodes, ...shown]) expect(overlap(r, b)).toBe(false);
  });
});
