// Which moving dot is under the pointer: a hit test against the latest frame's dots, placed as
// drawTraffic places them, so a click on a dot can open its request in the inspector.
import { DOT_STRIDE, DotField, dotRequest, dotSampled, type Frame } from '../../workers/protocol';
import type { Camera } from '../topology/camera';
import { pointOnLane } from '../topology/lanes';
import { RADIUS, type TrafficView } from './drawTraffic';

/** CSS pixels past a dot's drawn edge that still count as a click on it. */
export const DOT_HIT_SLOP_PX = 4;

/** The dot a point lands on: its request, where it is, and what it is so far. */
export interface DotHit {
  /** `Request.number`: the inspector's request id. */
  request: number;
  /** The tracer keeps this request for sure (the dot is ringed): its spans can be asked for. */
  sampled: boolean;
  /** Topology edge id the message travels on. */
  edge: number;
  response: boolean;
  /** `DotFate`: 0 on its way, 1 failed, 2 a retry. */
  fate: number;
  /** The dot's centre, CSS pixels in the stage, and the distance from the point to it. */
  x: number;
  y: number;
  distance: number;
}

const at = { x: 0, y: 0 };

/**
 * The dot of `frame` under the stage point (`x`, `y`) (CSS pixels from the stage's top left)
 * when the picture is drawn with `view` through `camera`, or null. A dot is hit within its drawn
 * radius plus DOT_HIT_SLOP_PX; of several, a sampled one (ringed: its waterfall can be shown) wins
 * over a nearer unsampled one, then the nearest. Dots on hidden edges and messages of no request
 * (number 0) are never hit. Pure.
 */
export function dotAt(frame: Frame | null, view: TrafficView | null, camera: Camera, x: number, y: number): DotHit | null {
  if (!frame || !view) return null;
  const { scale, tx, ty } = view.base;
  const k = camera.k * scale;
  const dots = frame.dots;
  let best: DotHit | null = null;
  for (let j = 0; j + DOT_STRIDE <= dots.length; j += DOT_STRIDE) {
    const edge = dots[j + DotField.edge];
    const lanes = view.lanes[edge];
    if (!lanes || view.hiddenEdges?.[edge]) continue;
    const request = dotRequest(dots, j);
    if (request <= 0) continue;
    const response = dots[j + DotField.response] === 1;
    const fate = dots[j + DotField.fate];
    pointOnLane(response ? lanes.response : lanes.request, dots[j + DotField.progress], at);
    const sx = camera.x + camera.k * tx + k * at.x;
    const sy = camera.y + camera.k * ty + k * at.y;
    const design = fate === 1 ? RADIUS.failed : response ? RADIUS.response : RADIUS.request;
    const radius = Math.max(design * (view.dotScale ?? 1) * k, view.minDotPx ?? 0);
    const distance = Math.hypot(sx - x, sy - y);
    if (distance > radius + DOT_HIT_SLOP_PX) continue;
    const sampled = dotSampled(dots, j);
    if (best && (best.sampled && !sampled || (best.sampled === sampled && best.distance <= distance))) continue;
    best = { request, sampled, edge, response, fate, x: sx, y: sy, distance };
  }
  return best;
}

/**
 * Where the first `max` ringed (sampled) dots of `frame` are on the stage, as "request:x,y"
 * words in CSS pixels, rounded: the traffic canvas carries it as `data-ringed` so a test (or a
 * person with devtools) can find a dot to click. With `failedUnsampled`, the failed dots that are
 * not ringed instead (`data-failed`). Pure.
 */
export function ringedDots(frame: Frame | null, view: TrafficView | null, camera: Camera, max = 20, failedUnsampled = false): string {
  if (!frame || !view) return '';
  const { scale, tx, ty } = view.base;
  const k = camera.k * scale;
  const dots = frame.dots;
  const out: string[] = [];
  for (let j = 0; j + DOT_STRIDE <= dots.length && out.length < max; j += DOT_STRIDE) {
    if (failedUnsampled ? dotSampled(dots, j) || dots[j + DotField.fate] !== 1 || dotRequest(dots, j) <= 0 : !dotSampled(dots, j)) continue;
    const edge = dots[j + DotField.edge];
    const lanes = view.lanes[edge];
    if (!lanes || view.hiddenEdges?.[edge]) continue;
    pointOnLane(dots[j + DotField.response] === 1 ? lanes.response : lanes.request, dots[j + DotField.progress], at);
    out.push(`${dotRequest(dots, j)}:${Math.round(camera.x + camera.k * tx + k * at.x)},${Math.round(camera.y + camera.k * ty + k * at.y)}`);
  }
  return out.join(' ');
}
