// A link label keeps off the arrowheads drawn at the links' ends, as off a lock: retry-storm's
// '828 req/s' stood 5-7 px from a lock and an arrowhead at 1280x720 and 1024x768 (N20, session 50).
import { describe, expect, it } from 'vitest';
import { overlap } from '../../src/ui/topology/labelGeometry';
import { labelRect, placeEdgeLabels, type LabelLink } from '../../src/ui/topology/edgeLabelPlace';

const seg = (a: { x: number; y: number }, b: { x: number; y: number }, arrow: boolean): LabelLink => ({ points: Array.from({ length: 21 }, (_, k) => ({ x: a.x + ((b.x - a.x) * k) / 20, y: a.y + ((b.y - a.y) * k) / 20 })), lock: false, arrow });

describe('link labels and arrowheads', () => {
  it("a label moves off another link's arrowhead that ends by its first spot, and stays there where no arrowhead is drawn", () => {
    // a -> b runs along y = 0; c -> d comes up from below and ends (its arrowhead's tip) at
    // (84, 36), 4 units under the box of a -> b's first spot (below its middle: y 16 to 32).
    const place = (arrow: boolean) => placeEdgeLabels([seg({ x: 0, y: 0 }, { x: 100, y: 0 }, arrow), seg({ x: 84, y: 110 }, { x: 84, y: 36 }, arrow)], [], { x0: -100, y0: -150, x1: 300, y1: 300 })[0];
    expect(labelRect(place(false))).toEqual({ x0: 12, y0: 16, x1: 88, y1: 32 });
    const moved = labelRect(place(true));
    // Above its line instead, clear of the arrowhead (its 11-unit marker, tip at the end, with air).
    expect(moved).toEqual({ x0: 12, y0: -40, x1: 88, y1: -24 });
    expect(overlap(moved, { x0: 76, y0: 28, x1: 92, y1: 54 })).toBe(false);
  });
});
