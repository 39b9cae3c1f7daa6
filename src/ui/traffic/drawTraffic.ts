// Draws the messages in flight as dots on a canvas laid exactly over the topology SVG.
// Plain functions over the latest frame; the canvas is cleared and redrawn each time.
import { DOT_STRIDE, DotField, PASSED_STRIDE, type Frame } from '../../workers/protocol';
import { Meaning } from '../theme/palette';
import { LANE_SAMPLES, pointOnLane, type EdgeLanes } from '../topology/lanes';
import { lanePieces } from '../topology/laneSpans';
import { IDENTITY_CAMERA, type Camera } from '../topology/camera';
import { pulseStrength, type Pulses } from './pulses';
import { groupPulseStrength, type GroupPulseLines } from './groupPulses';
import { compositeDots, dotLayerFor, fillSquare, frameSquare, parsePixelColour, pixelColour, type DotLayer } from './dotRaster';

/** Dot radii in design units: failures larger, so they read at a glance. */
export const RADIUS = { request: 6, response: 5.5, failed: 7.5 } as const;
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
 * Past this many dots in a frame, each is a square of the same area without an outline, written
 * as pixels into a bitmap drawn over the lanes in one operation (dotRaster.ts): a
 * software-rasterised canvas (headless Chromium, many projectors' laptops) spent 15-25 ms a frame
 * on 4,000 squares drawn as canvas operations, and at that density the dots overlap anyway.
 */
export const MANY_DOTS = 1500;

/** The dot colours as bitmap pixels, for the many-dots raster. */
const PIXEL = {
  request: pixelColour(Meaning.request),
  response: pixelColour(Meaning.response),
  retry: pixelColour(Meaning.retry),
  failed: pixelColour(Meaning.failed),
} as const;

/** Where design units land in device pixels: x * k + ox, y * k + oy. */
interface DeviceMap {
  readonly k: number;
  readonly ox: number;
  readonly oy: number;
}

/** What the traffic is drawn over: the lanes of each edge and where the picture sits. */
export interface TrafficView {
  /** Lanes by edge id, design units. */
  readonly lanes: readonly (EdgeLanes | undefined)[];
  /** CSS pixels per design unit, and where design (0, 0) lands, with the camera at rest. */
  readonly base: { readonly scale: number; readonly tx: number; readonly ty: number };
  /** Dot radii are multiplied by this (small marks on a large topology); default 1. */
  readonly dotScale?: number;
  /** Fewest CSS pixels a dot's radius shrinks to when zoomed out; default 0. */
  readonly minDotPx?: number;
  /** 1 for edges not drawn (their group is hidden). */
  readonly hiddenEdges?: Uint8Array;
  /** Every lane is straight: a pulse is drawn as one segment, without dashes. */
  readonly straight?: boolean;
  /**
   * With `straight`: the stretch of each edge's lanes a pulse lights, two floats per edge id,
   * [t0, t1] from its caller's end (laneSpans.ts: between the tiles of its ends, so a lit lane
   * runs over no tile it only leaves or enters); NaN for none. Without it, each lane whole.
   */
  readonly spans?: Float32Array;
  /**
   * With `spans`: where each edge's stretch crosses a tile other than its ends' ([g0, g1] from its
   * caller's end, NaN for none; laneSpans.ts laneGaps). No pulse or dot is drawn there, as no
   * lane is: the tile's squares and names stay clear.
   */
  readonly gaps?: Float32Array;
  /**
   * Zoomed out (at the camera's zoom `k`), pulses light the scene's group edges instead of
   * each edge; null zoomed in, or for a topology drawn edge by edge.
   */
  readonly groupPulses?: (k: number) => GroupPulseLines | null;
  /**
   * Boxes the canvas keeps clear, design units: the link labels on show (the SVG under the canvas
   * draws them), so dots and pulses pass under a figure rather than over it.
   */
  readonly holes?: () => readonly { x0: number; y0: number; x1: number; y1: number }[];
}

/** Room kept round a label's box, design units: its halo (styles.css .topo-edge-label's 4-6 px stroke, half outside). */
const HOLE_PAD = 2;

/** Gap between a sampled dot and its ring, and the ring's width, in CSS pixels. */
const RING_GAP_PX = 2;
const RING_WIDTH_PX = 1.25;

/**
 * Clears the canvas, lights the lanes that fast traffic went through, and draws every dot of
 * `frame` on its edge's lane: responses first, then requests, failures last so they stay on
 * top; a dot whose request the tracer keeps for sure gets a thin ring in `ring` (a click on it
 * opens its waterfall); last clears the scene's holes (the link labels). Impure: draws on `ctx`.
 */
export function drawTraffic(
  ctx: CanvasRenderingContext2D,
  scene: TrafficView | null,
  frame: Frame | null,
  pulses: Pulses | null,
  dpr: number,
  now: number,
  outline = '#ffffff',
  camera: Camera = IDENTITY_CAMERA,
  ring = '#0f172a',
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  if (!scene || !frame) return;
  const { scale, tx, ty } = scene.base;
  const k = dpr * camera.k * scale;
  const device: DeviceMap = { k, ox: dpr * (camera.x + camera.k * tx), oy: dpr * (camera.y + camera.k * ty) };
  ctx.setTransform(k, 0, 0, k, device.ox, device.oy);
  const grouped = pulses && scene.groupPulses ? scene.groupPulses(camera.k) : null;
  if (pulses && grouped) drawGroupPulses(ctx, scene, grouped, pulses, now);
  else if (pulses) (scene.straight ? drawStraightPulses : drawPulses)(ctx, scene, pulses, now);
  // Radii in design units, at least minDotPx on screen.
  const r = (design: number) => Math.max(design * (scene.dotScale ?? 1), ((scene.minDotPx ?? 0) * dpr) / k);
  // Small marks get a hairline outline (in CSS pixels); the boxes' dots keep theirs.
  const outlineWidth = (w: number) => (scene.dotScale === undefined ? w : (0.75 * dpr) / k);
  ctx.lineWidth = outlineWidth(1.25);
  ctx.strokeStyle = outline;
  const layer = frame.dots.length / DOT_STRIDE > MANY_DOTS ? dotLayerFor(ctx.canvas) : null;
  if (layer) {
    rasterPass(layer, device, scene, frame.dots, 1, 0, r(RADIUS.response), PIXEL.response);
    rasterPass(layer, device, scene, frame.dots, 0, 0, r(RADIUS.request), PIXEL.request);
    rasterPass(layer, device, scene, frame.dots, -1, 2, r(RADIUS.request), PIXEL.retry);
    rasterPass(layer, device, scene, frame.dots, -1, 1, r(RADIUS.failed), PIXEL.failed);
    const ringPixel = parsePixelColour(ring);
    if (ringPixel !== null) rasterRings(layer, device, scene, frame.dots, r, dpr, ringPixel);
    compositeDots(ctx, layer);
    if (ringPixel === null) drawRings(ctx, scene, frame.dots, r, dpr / k, ring);
  } else {
    drawPass(ctx, scene, frame.dots, 1, 0, r(RADIUS.response), Meaning.response);
    drawPass(ctx, scene, frame.dots, 0, 0, r(RADIUS.request), Meaning.request);
    drawPass(ctx, scene, frame.dots, -1, 2, r(RADIUS.request), Meaning.retry);
    ctx.lineWidth = outlineWidth(1.5);
    drawPass(ctx, scene, frame.dots, -1, 1, r(RADIUS.failed), Meaning.failed);
    drawRings(ctx, scene, frame.dots, r, dpr / k, ring);
  }
  // The link labels read over the traffic: gateway-and-mesh's '43 req/s', in the fan of links
  // into its gateway, had the partner's dots over its figure in presenter mode at 1024x768.
  for (const h of scene.holes?.() ?? []) ctx.clearRect(h.x0 - HOLE_PAD, h.y0 - HOLE_PAD, h.x1 - h.x0 + 2 * HOLE_PAD, h.y1 - h.y0 + 2 * HOLE_PAD);
}

/**
 * Puts dot `j` of `dots` where it is drawn (into `at`, design units): on its edge's response or
 * request lane at its progress. False for a dot whose edge has no lanes or whose group is hidden.
 */
function placeDot(scene: TrafficView, dots: Float32Array, j: number): boolean {
  const lanes = scene.lanes[dots[j]];
  if (!lanes || scene.hiddenEdges?.[dots[j]]) return false;
  const response = dots[j + DotField.response] === 1;
  const progress = dots[j + DotField.progress];
  if (scene.gaps) {
    // Over a tile the lane only crosses, the dot is not drawn (a response runs callee to caller).
    const t = response ? 1 - progress : progress;
    if (t > scene.gaps[2 * dots[j]] && t < scene.gaps[2 * dots[j] + 1]) return false;
  }
  pointOnLane(response ? lanes.response : lanes.request, progress, at);
  return true;
}

/** Whether dot `j` is drawn in a pass: `response` 1 responses, 0 requests, -1 either; `failed` its fate (DotFate). */
const inPass = (dots: Float32Array, j: number, response: number, failed: number) => dots[j + DotField.fate] === failed && (response === -1 || dots[j + DotField.response] === response);

/** Whether dot `j` is a request the tracer keeps for sure (ringed). */
const ringed = (dots: Float32Array, j: number) => dots[j + DotField.flags] % 2 === 1;

/** Dot `j`'s radius in design units, as its pass draws it. */
const dotRadius = (dots: Float32Array, j: number, r: (design: number) => number) => r(dots[j + DotField.fate] === 1 ? RADIUS.failed : dots[j + DotField.response] === 1 ? RADIUS.response : RADIUS.request);

/**
 * The many-dots view's rings: a square outline round each sampled dot's square, RING_GAP_PX off
 * it and a device pixel (two on a 2x screen) wide, written into the bitmap after every dot.
 */
function rasterRings(layer: DotLayer, device: DeviceMap, scene: TrafficView, dots: Float32Array, r: (design: number) => number, dpr: number, colour: number): void {
  const { px, width, height, box } = layer;
  const thickness = Math.max(1, Math.round(dpr));
  const gap = Math.round(RING_GAP_PX * dpr);
  for (let j = 0; j + DOT_STRIDE <= dots.length; j += DOT_STRIDE) {
    if (!ringed(dots, j) || !placeDot(scene, dots, j)) continue;
    const side = Math.max(1, Math.round(2 * dotRadius(dots, j, r) * 0.886 * device.k)) + 2 * (gap + thickness);
    frameSquare(px, width, height, at.x * device.k + device.ox, at.y * device.k + device.oy, side, thickness, colour, box);
  }
}

/** A thin ring around each sampled dot, one path. `px`: design units per CSS pixel. */
function drawRings(ctx: CanvasRenderingContext2D, scene: TrafficView, dots: Float32Array, r: (design: number) => number, px: number, colour: string): void {
  ctx.beginPath();
  let any = false;
  for (let j = 0; j + DOT_STRIDE <= dots.length; j += DOT_STRIDE) {
    if (!ringed(dots, j) || !placeDot(scene, dots, j)) continue;
    const radius = dotRadius(dots, j, r) + RING_GAP_PX * px;
    ctx.moveTo(at.x + radius, at.y);
    ctx.arc(at.x, at.y, radius, 0, 2 * Math.PI);
    any = true;
  }
  if (!any) return;
  ctx.lineWidth = RING_WIDTH_PX * px;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/** One colour's dots (inPass) as a single path of outlined circles. */
function drawPass(ctx: CanvasRenderingContext2D, scene: TrafficView, dots: Float32Array, response: number, failed: number, radius: number, colour: string): void {
  ctx.beginPath();
  let any = false;
  // NOTE: hot loop over up to thousands of dots; no allocation, one path per colour.
  for (let j = 0; j + DOT_STRIDE <= dots.length; j += DOT_STRIDE) {
    if (!inPass(dots, j, response, failed) || !placeDot(scene, dots, j)) continue;
    ctx.moveTo(at.x + radius, at.y);
    ctx.arc(at.x, at.y, radius, 0, 2 * Math.PI);
    any = true;
  }
  if (!any) return;
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.stroke();
}

/**
 * One colour's dots (inPass) as squares of the circle's area (side 2r x 0.886, at least a device
 * pixel) written into the many-dots bitmap, in the same order as drawPass.
 */
function rasterPass(layer: DotLayer, device: DeviceMap, scene: TrafficView, dots: Float32Array, response: number, failed: number, radius: number, colour: number): void {
  const side = Math.max(1, Math.round(2 * radius * 0.886 * device.k));
  const { px, width, height, box } = layer;
  // NOTE: hot loop over thousands of dots; no allocation.
  for (let j = 0; j + DOT_STRIDE <= dots.length; j += DOT_STRIDE) {
    if (!inPass(dots, j, response, failed) || !placeDot(scene, dots, j)) continue;
    fillSquare(px, width, height, at.x * device.k + device.ox, at.y * device.k + device.oy, side, colour, box);
  }
}

/** A lane lit whole, from its start to its end. */
const WHOLE: readonly [number, number][] = [[0, 1]];

/**
 * Pulses on straight lanes, for large topologies: one segment per lit lane (its `spans` stretch),
 * batched into one path per colour and strength step, so a thousand lit links cost a dozen strokes.
 */
function drawStraightPulses(ctx: CanvasRenderingContext2D, scene: TrafficView, pulses: Pulses, now: number): void {
  const STEPS = 4;
  const spans = scene.spans;
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineWidth = 2.5;
  for (let slot = 0; slot < PASSED_STRIDE; slot++) {
    for (let step = 1; step <= STEPS; step++) {
      ctx.beginPath();
      let any = false;
      for (let e = 0; e < scene.lanes.length; e++) {
        const lanes = scene.lanes[e];
        if (!lanes || scene.hiddenEdges?.[e]) continue;
        const strength = pulseStrength(pulses, e * PASSED_STRIDE + slot, now);
        if (strength === 0 || Math.ceil(strength * STEPS) !== step) continue;
        const lane = slot === 0 ? lanes.request : lanes.response;
        // Its last point: a straight lane may hold its two ends only (groupLayout's straightLanes).
        const end = lane.length - 2;
        // The stretch lit, from this lane's start: a response lane runs callee to caller.
        const dx = lane[end] - lane[0];
        const dy = lane[end + 1] - lane[1];
        // Each piece drawn of it (less where it crosses a third tile, laneGaps).
        for (const [a, b] of spans ? lanePieces(spans, scene.gaps, e) : WHOLE) {
          const t0 = slot === 0 ? a : 1 - b;
          const t1 = slot === 0 ? b : 1 - a;
          ctx.moveTo(lane[0] + t0 * dx, lane[1] + t0 * dy);
          ctx.lineTo(lane[0] + t1 * dx, lane[1] + t1 * dy);
          any = true;
        }
      }
      if (!any) continue;
      ctx.globalAlpha = 0.25 + (0.75 * step) / STEPS;
      ctx.strokeStyle = PULSE_COLOURS[slot];
      ctx.stroke();
    }
  }
  ctx.restore();
}

/** Pulses on the scene's group edges, batched into one path per colour and strength step. */
function drawGroupPulses(ctx: CanvasRenderingContext2D, scene: TrafficView, lines: GroupPulseLines, pulses: Pulses, now: number): void {
  const STEPS = 4;
  const n = lines.members.length;
  const steps = new Uint8Array(n);
  ctx.save();
  ctx.lineCap = 'round';
  ctx.lineWidth = 3.5;
  for (let slot = 0; slot < PASSED_STRIDE; slot++) {
    for (let i = 0; i < n; i++) steps[i] = lines.skip[i] ? 0 : Math.ceil(groupPulseStrength(lines, i, slot, pulses, now, scene.hiddenEdges) * STEPS);
    for (let step = 1; step <= STEPS; step++) {
      ctx.beginPath();
      let any = false;
      for (let i = 0; i < n; i++) {
        if (steps[i] !== step) continue;
        ctx.moveTo(lines.ends[4 * i], lines.ends[4 * i + 1]);
        ctx.lineTo(lines.ends[4 * i + 2], lines.ends[4 * i + 3]);
        any = true;
      }
      if (!any) continue;
      ctx.globalAlpha = 0.25 + (0.75 * step) / STEPS;
      ctx.strokeStyle = PULSE_COLOURS[slot];
      ctx.stroke();
    }
  }
  ctx.restore();
}

function drawPulses(ctx: CanvasRenderingContext2D, scene: TrafficView, pulses: Pulses, now: number): void {
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
