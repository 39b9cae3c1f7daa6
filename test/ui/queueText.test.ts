import { describe, expect, it } from 'vitest';
import { queueText } from '../../src/ui/topology/svgNodeState';
import { queueGlyphRect } from '../../src/ui/topology/svgNodeShapes';

// A service box's queue count starts 62 design units in (its bars' right) and may run to 4 short
// of the box's right edge: room = width - 66 (svgNodeShapes.ts).
const room = (boxWidth: number) => boxWidth - 66;

describe('queueText: the queue count beside a box\'s lowest queue bar', () => {
  it("says '88 queued' in a normal box at 13-unit text (152 units: 86 of room)", () => {
    expect(queueText(88, room(152), 13)).toBe('88 queued');
  });
  it("shortens to '88 q' in a compare pane's 120-unit box at presenter size (18 units), where '88 queued' ran past the box", () => {
    expect(queueText(88, room(120), 18)).toBe('88 q');
  });
  it("shortens at presenter size in a wide box too when the words would not fit ('1,234 q' at 140 units)", () => {
    expect(queueText(1234, room(140), 18)).toBe('1,234 q');
    expect(queueText(4, room(220), 18)).toBe('4 queued');
  });
  it('says nothing with no queue', () => {
    expect(queueText(0, room(152), 13)).toBe('');
  });
});

describe("queueGlyphRect: where link labels keep off a box's queue glyph", () => {
  it('takes in all eight bars (54.5 units over the box) and the count to 4 units short of its right edge, with the gap round it', () => {
    // A service box at (100, 200), 152 units wide, 18-unit count text, a 4-unit gap.
    expect(queueGlyphRect('service', 100, 200, 152, 18, 4)).toEqual({ x0: 110, y0: 200 - 54.5 - 4, x1: 252, y1: 200 - 13 + 4.5 + 4 });
  });
  it("starts further in on a gateway (its rounder corners) and is none for a client or a control plane", () => {
    expect(queueGlyphRect('gateway', 0, 0, 152, 13, 0)!.x0).toBe(24);
    expect(queueGlyphRect('client', 0, 0, 152, 13, 0)).toBeNull();
    expect(queueGlyphRect('control-plane', 0, 0, 152, 13, 0)).toBeNull();
  });
});
