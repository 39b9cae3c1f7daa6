// Draws the messages in flight as dots on a canvas laid exactly over the topology SVG.
// Plain functions over the latest frame; the canvas is cleared and redrawn each time.
import { DOT_STRIDE, PASSED_STRIDE, type Frame } from '../../workers/protocol';
import { Meaning } from '../theme/palette';
import type { TopologyScene } from '../topology/renderTopology';
import { LANE_SAMPLES, pointOnLane } from '../topology/lanes';
import { pulseStrength, type Pulses } from './pulses';

/** Dot radii in design units: failures larger, so they read at a glance. */
const RADIUS = { request: 6, response: 5.5, failed: 7.5 } as const;
/** Lane colour per PASSED_STRIDE slot. */
const PULSE_COLOURS = [Meaning.request, Meaning.response, Meaning.failed] as const;
/** Wall ms for a dash of a pulse to march one dash period. */
const MARCH_MS = 300;

/**
 * Sizes the canvas backing store to its CSS size times the device pixel ratio. Returns the
 * ratio used. Mutates the canvas only when the size changed (resizing clears it).
 */
export function fitCanvas(canvas: HTMLCanvasElement, cssWidth: number, cssHeight: number): number {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(cssWidth * dpr));
  const h = Math.max(1, Math.round(cssHeight * dpr));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    // Exactly the SVG's size, so each design unit lands on the same pixel in both layers.
    canvas.style.width = `${cssWidth}px`;
    canvas.style.height = `${cssHeight}px`;
  }
  return dpr;
}

const at = { x: 0, y: 0 };

/**
 * Clears the canvas, lights the lanes that fast traffic went through, and draws every dot of
 * `frame` on its edge's lane: responses first, then requests, failures last so they stay on
 * top. Impure: draws on `ctx`.
 */
export function drawTraffic(
  ctx: CanvasRenderingContext2D,
  scene: TopologyScene | null,
  frame: Frame | null,
  pulses: Pulses | null,
  dpr: number,
  now: number,
  outline = '#ffffff',
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  if (!scene || !frame) return;
  const { scale, tx, ty } = scene.layout;
  const k = dpr * scale;
  ctx.setTransform(k, 0, 0, k, dpr * tx, dpr * ty);
  if (pulses) drawPulses(ctx, scene, pulses, now);
  ctx.lineWidth = 1.25;
  ctx.strokeStyle = outline;
  drawPass(ctx, scene, frame.dots, 1, 0, RADIUS.response, Meaning.response);
  drawPass(ctx, scene, frame.dots, 0, 0, RADIUS.request, Meaning.request);
  drawPass(ctx, scene, frame.dots, -1, 2, RADIUS.request, Meaning.retry);
  ctx.lineWidth = 1.5;
  drawPass(ctx, scene, frame.dots, -1, 1, RADIUS.failed, Meaning.failed);
}

/**
 * One colour's dots as a single path. `response`: 1 responses, 0 requests, -1 either;
 * `failed`: the dot's fate field: 1 failed, 2 a retry that has not failed, 0 neither.
 */
function drawPass(
  ctx: CanvasRenderingContext2D,
  scene: TopologyScene,
  dots: Float32Array,
  response: number,
  failed: number,
  radius: number,
  colour: string,
): void {
  ctx.beginPath();
  let any = false;
  // NOTE: hot loop over up to thousands of dots; no allocation, one path per colour.
  for (let j = 0; j + DOT_STRIDE <= dots.length; j += DOT_STRIDE) {
    if (dots[j + 3] !== failed) continue;
    if (response !== -1 && dots[j + 2] !== response) continue;
    const lanes = scene.lanes[dots[j]];
    if (!lanes) continue;
    pointOnLane(dots[j + 2] === 1 ? lanes.response : lanes.request, dots[j + 1], at);
    ctx.moveTo(at.x + radius, at.y);
    ctx.arc(at.x, at.y, radius, 0, 2 * Math.PI);
    any = true;
  }
  if (!any) return;
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.stroke();
}

function drawPulses(ctx: CanvasRenderingContext2D, scene: TopologyScene, pulses: Pulses, now: number): void {
  ctx.save();
  ctx.lineWidth = 4;
  ctx.lineCap = 'round';
  ctx.setLineDash([7, 9]);
  ctx.lineDashOffset = -((now / MARCH_MS) % 1) * 16;
  for (let e = 0; e < scene.lanes.length; e++) {
    const lanes = scene.lanes[e];
    if (!lanes) continue;
    for (let slot = 0; slot < PASSED_STRIDE; slot++) {
      const strength = pulseStrength(pulses, e * PASSED_STRIDE + slot, now);
      if (strength === 0) continue;
      // Failed messages travel back as responses, on the response lane.
      const lane = slot === 0 ? lanes.request : lanes.response;
      ctx.globalAlpha = 0.25 + 0.75 * strength;
      ctx.strokeStyle = PULSE_COLOURS[slot];
      ctx.beginPath();
      ctx.moveTo(lane[0], lane[1]);
      for (let i = 1; i <= LANE_SAMPLES; i++) ctx.lineTo(lane[2 * i], lane[2 * i + 1]);
      ctx.stroke();
    }
  }
  ctx.restore();
}
