import { describe, expect, it } from 'vitest';
import { DOT_STRIDE, DotFate, dotRequest, dotSampled, packDotRequest, type Frame } from '../../src/workers/protocol';
import { LANE_SAMPLES, type EdgeLanes } from '../../src/ui/topology/lanes';
import { DOT_HIT_SLOP_PX, dotAt, ringedDots } from '../../src/ui/traffic/dotAt';
import type { TrafficView } from '../../src/ui/traffic/drawTraffic';

/** A straight lane from (x0, y) to (x1, y), LANE_SAMPLES + 1 points. */
function lane(x0: number, x1: number, y: number): Float32Array {
  const a = new Float32Array(2 * (LANE_SAMPLES + 1));
  for (let i = 0; i <= LANE_SAMPLES; i++) {
    a[2 * i] = x0 + ((x1 - x0) * i) / LANE_SAMPLES;
    a[2 * i + 1] = y;
  }
  return a;
}

// Edge 0 runs from (0, 100) to (200, 100): requests 5 units above, responses 5 below.
const lanes: EdgeLanes[] = [{ request: lane(0, 200, 95), response: lane(200, 0, 105) }];
// Two CSS pixels per design unit, design (0, 0) at (10, 20).
const view: TrafficView = { lanes, base: { scale: 2, tx: 10, ty: 20 } };
const camera = { k: 1, x: 0, y: 0 };

type Dot = { edge?: number; progress: number; response?: boolean; fate?: number; request: number; sampled?: boolean };
function frameOf(dots: Dot[]): Frame {
  const a = new Float32Array(dots.length * DOT_STRIDE);
  dots.forEach((d, i) => {
    const j = i * DOT_STRIDE;
    a[j] = d.edge ?? 0;
    a[j + 1] = d.progress;
    a[j + 2] = d.response ? 1 : 0;
    a[j + 3] = d.fate ?? DotFate.onItsWay;
    packDotRequest(a, j, d.request, d.sampled ?? false);
  });
  return { dots: a } as unknown as Frame;
}

describe('dotAt', () => {
  it('finds the request whose dot is under the point, through the base transform and the camera', () => {
    // A request half way: design (100, 95), on screen (10 + 200, 20 + 190) = (210, 210).
    const f = frameOf([{ progress: 0.5, request: 41 }]);
    expect(dotAt(f, view, camera, 210, 210)).toMatchObject({ request: 41, edge: 0, response: false, sampled: false, x: 210, y: 210, distance: 0 });
    // Zoomed 3x and panned by (-100, -50): (100, 95) lands at (3 * 210 - 100, 3 * 210 - 50).
    expect(dotAt(f, view, { k: 3, x: -100, y: -50 }, 530, 580)?.request).toBe(41);
    expect(dotAt(f, view, { k: 3, x: -100, y: -50 }, 210, 210)).toBeNull();
  });

  it('hits within the drawn radius plus a few pixels and misses past it', () => {
    const f = frameOf([{ progress: 0.5, request: 7 }]);
    // A request dot is 6 design units, 12 px here: 16 px away still hits, 17 px does not.
    expect(dotAt(f, view, camera, 210 + 12 + DOT_HIT_SLOP_PX, 210)?.request).toBe(7);
    expect(dotAt(f, view, camera, 210 + 12 + DOT_HIT_SLOP_PX + 1, 210)).toBeNull();
  });

  it('places answers on the response lane, callee to caller', () => {
    // An answer a quarter of the way back: design (150, 105), on screen (310, 230).
    const f = frameOf([{ progress: 0.25, response: true, fate: DotFate.failed, request: 9 }]);
    expect(dotAt(f, view, camera, 310, 230)).toMatchObject({ request: 9, response: true, fate: DotFate.failed, distance: 0 });
  });

  it('prefers a sampled dot within reach over a nearer unsampled one, else the nearest', () => {
    const f = frameOf([
      { progress: 0.5, request: 1 },
      { progress: 0.52, request: 2 },
      { progress: 0.55, request: 21, sampled: true },
    ]);
    // 0.52 of 200 units is 104: on screen 218; 0.55 is 110: 230.
    expect(dotAt(f, view, camera, 219, 210)?.request).toBe(21);
    const plain = frameOf([
      { progress: 0.5, request: 1 },
      { progress: 0.52, request: 2 },
    ]);
    expect(dotAt(plain, view, camera, 219, 210)?.request).toBe(2);
    expect(dotAt(plain, view, camera, 209, 210)?.request).toBe(1);
  });

  it('never hits a dot on a hidden edge, on an edge without lanes, or of no request', () => {
    expect(dotAt(frameOf([{ progress: 0.5, request: 3 }]), { ...view, hiddenEdges: Uint8Array.of(1) }, camera, 210, 210)).toBeNull();
    expect(dotAt(frameOf([{ edge: 4, progress: 0.5, request: 3 }]), view, camera, 210, 210)).toBeNull();
    expect(dotAt(frameOf([{ progress: 0.5, request: 0 }]), view, camera, 210, 210)).toBeNull();
    expect(dotAt(null, view, camera, 210, 210)).toBeNull();
  });
});

describe('ringedDots', () => {
  it('lists only sampled dots, with their request and stage position, at most max of them', () => {
    const f = frameOf([
      { progress: 0.5, request: 1, sampled: true },
      { progress: 0.25, request: 2 },
      { progress: 0.25, response: true, request: 21, sampled: true },
      { progress: 0.75, request: 41, sampled: true },
    ]);
    expect(ringedDots(f, view, camera)).toBe('1:210,210 21:310,230 41:310,210');
    expect(ringedDots(f, view, camera, 1)).toBe('1:210,210');
  });
});

describe('a dot\'s request number', () => {
  it('survives Float32 packing past 2^24 with its sampled flag', () => {
    const a = new Float32Array(DOT_STRIDE * 3);
    packDotRequest(a, 0, 16_777_217, true);
    packDotRequest(a, DOT_STRIDE, 123_456_789_012, false);
    packDotRequest(a, 2 * DOT_STRIDE, 20, true);
    expect([dotRequest(a, 0), dotSampled(a, 0)]).toEqual([16_777_217, true]);
    expect([dotRequest(a, DOT_STRIDE), dotSampled(a, DOT_STRIDE)]).toEqual([123_456_789_012, false]);
    expect([dotRequest(a, 2 * DOT_STRIDE), dotSampled(a, 2 * DOT_STRIDE)]).toEqual([20, true]);
  });
});
