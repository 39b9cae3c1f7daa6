import { describe, expect, it } from 'vitest';
import { DOT_STRIDE, type Frame } from '../../src/workers/protocol';
import { LANE_SAMPLES, type EdgeLanes } from '../../src/ui/topology/lanes';
import { drawTraffic, type TrafficView } from '../../src/ui/traffic/drawTraffic';

/** A straight lane from (x0, y) to (x1, y). */
function lane(x0: number, x1: number, y: number): Float32Array {
  const a = new Float32Array(2 * (LANE_SAMPLES + 1));
  for (let i = 0; i <= LANE_SAMPLES; i++) [a[2 * i], a[2 * i + 1]] = [x0 + ((x1 - x0) * i) / LANE_SAMPLES, y];
  return a;
}

/** A 2D context stand-in that records what is drawn, in order. */
function recorder() {
  const calls: string[] = [];
  const ctx = {
    canvas: { width: 400, height: 300 },
    lineWidth: 1,
    strokeStyle: '',
    fillStyle: '',
    setTransform: () => {},
    clearRect: (x: number, y: number, w: number, h: number) => calls.push(`clear ${x},${y},${w},${h}`),
    beginPath: () => {},
    moveTo: () => {},
    arc: () => {},
    fill: () => calls.push('fill'),
    stroke: () => calls.push('stroke'),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

describe('the traffic canvas over the link labels', () => {
  it('clears each label box (and 2 units round it) after drawing the dots, so a dot passes under a figure, not over it', () => {
    const lanes: EdgeLanes[] = [{ request: lane(0, 200, 95), response: lane(200, 0, 105) } as EdgeLanes];
    // A request half-way along edge 0, at (100, 95), under a label at (80-130, 88-100).
    const dots = new Float32Array(DOT_STRIDE);
    dots.set([0, 0.5, 0, 0, 0, 0]);
    const frame = { dots } as unknown as Frame;
    const scene: TrafficView = { lanes, base: { scale: 1, tx: 0, ty: 0 }, holes: () => [{ x0: 80, y0: 88, x1: 130, y1: 100 }] };
    const { ctx, calls } = recorder();
    drawTraffic(ctx, scene, frame, null, 1, 0);
    expect(calls[0]).toBe('clear 0,0,400,300');
    expect(calls.at(-1)).toBe('clear 78,86,54,16');
    expect(calls.indexOf('fill')).toBeLessThan(calls.length - 1);
    // Without holes (the canvas scene of a large topology), nothing more is cleared.
    const bare = recorder();
    drawTraffic(bare.ctx, { lanes, base: { scale: 1, tx: 0, ty: 0 } }, frame, null, 1, 0);
    expect(bare.calls.filter((c) => c.startsWith('clear'))).toEqual(['clear 0,0,400,300']);
  });
});
