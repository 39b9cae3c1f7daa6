// Where the traffic canvas lies on the stage: only over the lanes, not the whole stage. Every
// frame of play draws the canvas anew, and the browser copies and composites all of its pixels
// each time (session 46, R3: the canvas hidden from compositing cut CPU a frame 15-26 -> 10-24 ms);
// a small topology's lanes cover a third or so of the stage, so the canvas is cut to them.
import { IDENTITY_CAMERA, type Camera } from '../topology/camera';
import type { EdgeLanes } from '../topology/lanes';
import type { TrafficView } from './drawTraffic';

/** A rectangle of device pixels on the stage: the traffic canvas's backing store and where it sits. */
export interface TrafficBox {
  /** Device pixels from the stage's left and top edges; whole numbers. */
  x: number;
  y: number;
  /** Device pixels wide and high; at least 1. */
  width: number;
  height: number;
}

/**
 * Room round the lanes, design units: the largest dot's radius (RADIUS.failed, 7.5) and the
 * widest pulse's half width (drawPulses' 4 / 2), with a margin.
 */
const PAD_DESIGN = 10;
/**
 * Room round the lanes, CSS pixels: a sampled dot's ring (RING_GAP_PX 2 + RING_WIDTH_PX 1.25), a
 * dot drawn at minDotPx, the many-dots raster's squares rounded to whole pixels.
 */
const PAD_CSS = 6;

/** Each lane pair's own extent, design units [x0, y0, x1, y1]: lanes are replaced, never mutated, when a node moves. */
const extents = new WeakMap<EdgeLanes, Float64Array>();

function extentOf(lanes: EdgeLanes): Float64Array {
  let e = extents.get(lanes);
  if (e) return e;
  e = new Float64Array([Infinity, Infinity, -Infinity, -Infinity]);
  for (const lane of [lanes.request, lanes.response]) {
    for (let i = 0; i + 1 < lane.length; i += 2) {
      if (lane[i] < e[0]) e[0] = lane[i];
      if (lane[i] > e[2]) e[2] = lane[i];
      if (lane[i + 1] < e[1]) e[1] = lane[i + 1];
      if (lane[i + 1] > e[3]) e[3] = lane[i + 1];
    }
  }
  extents.set(lanes, e);
  return e;
}

/**
 * The part of a `width` x `height` CSS-pixel stage that `view`'s dots, rings and pulses can ink
 * through `camera`, at `dpr` device pixels per CSS pixel: the lanes' extent padded by the largest
 * mark, clipped to the stage, in whole device pixels. The whole stage for a large topology (its
 * group pulses run between tiles, off the lanes; its lanes span the stage anyway) and for no view;
 * a 1 x 1 box at the origin when no lane is on the stage. Pure.
 */
export function trafficBox(view: TrafficView | null, width: number, height: number, dpr: number, camera: Camera = IDENTITY_CAMERA): TrafficBox {
  const W = Math.max(1, Math.round(width * dpr));
  const H = Math.max(1, Math.round(height * dpr));
  const whole = { x: 0, y: 0, width: W, height: H };
  if (!view || view.straight || view.groupPulses) return whole;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const lanes of view.lanes) {
    if (!lanes) continue;
    const e = extentOf(lanes);
    x0 = Math.min(x0, e[0]);
    y0 = Math.min(y0, e[1]);
    x1 = Math.max(x1, e[2]);
    y1 = Math.max(y1, e[3]);
  }
  if (!(x1 >= x0 && y1 >= y0)) return { x: 0, y: 0, width: 1, height: 1 };
  // CSS pixels per design unit and where design (0, 0) lands, as drawTraffic maps them.
  const { scale, tx, ty } = view.base;
  const k = camera.k * scale;
  const ox = camera.x + camera.k * tx;
  const oy = camera.y + camera.k * ty;
  const pad = PAD_DESIGN * k * Math.max(1, view.dotScale ?? 1) + PAD_CSS;
  const left = Math.max(0, Math.floor((ox + x0 * k - pad) * dpr));
  const top = Math.max(0, Math.floor((oy + y0 * k - pad) * dpr));
  const right = Math.min(W, Math.ceil((ox + x1 * k + pad) * dpr));
  const bottom = Math.min(H, Math.ceil((oy + y1 * k + pad) * dpr));
  if (right <= left || bottom <= top) return { x: 0, y: 0, width: 1, height: 1 };
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Lays the traffic canvas over `box` of the stage (device pixels at `dpr`): its backing store
 * `box`'s size, its CSS box where `box` lies. Mutates the canvas only when the box changed
 * (resizing clears it).
 */
export function placeTrafficCanvas(canvas: HTMLCanvasElement, box: TrafficBox, dpr: number): void {
  if (canvas.width !== box.width || canvas.height !== box.height) {
    canvas.width = box.width;
    canvas.height = box.height;
  }
  const s = canvas.style;
  const [left, top, width, height] = [`${box.x / dpr}px`, `${box.y / dpr}px`, `${box.width / dpr}px`, `${box.height / dpr}px`];
  if (s.left !== left) s.left = left;
  if (s.top !== top) s.top = top;
  if (s.width !== width) s.width = width;
  if (s.height !== height) s.height = height;
}

/**
 * Where the traffic canvas lies on its stage, CSS pixels (placeTrafficCanvas's inline style; the
 * whole stage when it has none): for drawing its pixels over a picture of the whole stage.
 */
export function trafficCanvasRect(canvas: HTMLCanvasElement, stageWidth: number, stageHeight: number): { x: number; y: number; width: number; height: number } {
  const n = (v: string, d: number) => (v.endsWith('px') ? parseFloat(v) : d);
  const s = canvas.style;
  return { x: n(s.left, 0), y: n(s.top, 0), width: n(s.width, stageWidth), height: n(s.height, stageHeight) };
}
