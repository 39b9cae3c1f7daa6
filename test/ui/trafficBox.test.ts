import { describe, expect, it } from 'vitest';
import { LANE_SAMPLES, pointOnLane, type EdgeLanes } from '../../src/ui/topology/lanes';
import { RADIUS, type TrafficView } from '../../src/ui/traffic/drawTraffic';
import { trafficBox, trafficCanvasRect } from '../../src/ui/traffic/trafficBox';

/** A straight lane from (x0, y0) to (x1, y1), LANE_SAMPLES + 1 points. */
function lane(x0: number, y0: number, x1: number, y1: number): Float32Array {
  const a = new Float32Array(2 * (LANE_SAMPLES + 1));
  for (let i = 0; i <= LANE_SAMPLES; i++) {
    a[2 * i] = x0 + ((x1 - x0) * i) / LANE_SAMPLES;
    a[2 * i + 1] = y0 + ((y1 - y0) * i) / LANE_SAMPLES;
  }
  return a;
}

// Edge 0 runs from (0, 100) to (200, 100): requests 5 units above, responses 5 below.
const lanes: (EdgeLanes | undefined)[] = [{ request: lane(0, 95, 200, 95), response: lane(200, 105, 0, 105) }, undefined];
// Two CSS pixels per design unit, design (0, 0) at (10, 20), on a 1000 x 600 stage.
const view: TrafficView = { lanes, base: { scale: 2, tx: 10, ty: 20 } };

describe('trafficBox: the traffic canvas covers the lanes, not the stage', () => {
  it('is the lanes padded by 10 design units and 6 CSS px, clipped at the stage edge: (0, 184) 436 x 72 of a 1000 x 600 stage', () => {
    // Lanes at x 10..410, y 210..230 CSS px; pad 10 * 2 + 6 = 26 px.
    expect(trafficBox(view, 1000, 600, 1)).toEqual({ x: 0, y: 184, width: 436, height: 72 });
  });

  it('is in device pixels: twice each figure at a pixel ratio of 2', () => {
    expect(trafficBox(view, 1000, 600, 2)).toEqual({ x: 0, y: 368, width: 872, height: 144 });
  });

  it('follows the camera: zoomed 2x and panned (-100, -200), the lanes lie at x -80..720, y 220..260', () => {
    // CSS x = camera.x + k * (tx + scale * X): -100 + 2 * (10 + 2 * X); pad 10 * 4 + 6 = 46.
    expect(trafficBox(view, 1000, 600, 1, { k: 2, x: -100, y: -200 })).toEqual({ x: 0, y: 174, width: 766, height: 132 });
  });

  it('holds every dot drawn on a lane with its ring: a failed dot (the largest) at both ends and the middle', () => {
    const box = trafficBox(view, 1000, 600, 1);
    const at = { x: 0, y: 0 };
    for (const progress of [0, 0.5, 1]) {
      for (const l of [lanes[0]!.request, lanes[0]!.response]) {
        pointOnLane(l, progress, at);
        const [cx, cy] = [10 + 2 * at.x, 20 + 2 * at.y];
        // drawTraffic's radius in CSS px, its ring 2 px off it and 1.25 px wide.
        const reach = RADIUS.failed * 2 + 2 + 1.25;
        if (cx - reach >= 0) expect(cx - reach).toBeGreaterThanOrEqual(box.x);
        expect(cx + reach).toBeLessThanOrEqual(box.x + box.width);
        expect(cy - reach).toBeGreaterThanOrEqual(box.y);
        expect(cy + reach).toBeLessThanOrEqual(box.y + box.height);
      }
    }
  });

  it('follows a lane replaced when its node is dragged (lanes are replaced, not mutated)', () => {
    const moving: (EdgeLanes | undefined)[] = [{ request: lane(0, 95, 200, 95), response: lane(200, 105, 0, 105) }];
    const v: TrafficView = { lanes: moving, base: { scale: 1, tx: 0, ty: 0 } };
    expect(trafficBox(v, 1000, 600, 1).height).toBe(10 + 2 * 16);
    moving[0] = { request: lane(0, 95, 200, 295), response: lane(200, 305, 0, 105) };
    expect(trafficBox(v, 1000, 600, 1)).toEqual({ x: 0, y: 79, width: 216, height: 242 });
  });

  it('is the whole stage for a large topology (straight lanes, group pulses between tiles off the lanes)', () => {
    expect(trafficBox({ ...view, straight: true }, 1000, 600, 1)).toEqual({ x: 0, y: 0, width: 1000, height: 600 });
    expect(trafficBox({ ...view, groupPulses: () => null }, 1000, 600, 1.5)).toEqual({ x: 0, y: 0, width: 1500, height: 900 });
    expect(trafficBox(null, 1000, 600, 1)).toEqual({ x: 0, y: 0, width: 1000, height: 600 });
  });

  it('is one pixel at the origin when no lane is on the stage, or there are no lanes', () => {
    expect(trafficBox(view, 1000, 600, 1, { k: 1, x: 5000, y: 0 })).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    expect(trafficBox({ lanes: [], base: view.base }, 1000, 600, 1)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });
});

describe('trafficCanvasRect', () => {
  it('reads where the canvas was laid (its inline style, CSS px), or the whole stage when it was not', () => {
    const laid = { style: { left: '12px', top: '184px', width: '436px', height: '72px' } } as unknown as HTMLCanvasElement;
    expect(trafficCanvasRect(laid, 1000, 600)).toEqual({ x: 12, y: 184, width: 436, height: 72 });
    const bare = { style: { left: '', top: '', width: '', height: '' } } as unknown as HTMLCanvasElement;
    expect(trafficCanvasRect(bare, 1000, 600)).toEqual({ x: 0, y: 0, width: 1000, height: 600 });
  });
});
