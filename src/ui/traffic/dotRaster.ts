// Thousands of dots as pixels: the squares are written into a bitmap of their own, which the
// canvas then draws in one operation. A canvas 2D operation costs a few microseconds whatever
// it covers (Chromium records each one and replays it when the frame is drawn), so 4,000 squares
// drawn one by one, or as one path of 4,000 rectangles, took 15-25 ms of the main thread a frame
// (session 25, headless Chromium, 10 services with 20,000 requests in flight: the traced
// `LayerTreeHost::DoUpdateLayers`, where the canvas is rasterised; 4,000 squares of 1 px cost as
// much as 4,000 of 9 px), and the 1,000 rings round sampled requests' dots among them, stroked
// as circles, as much again. Writing their pixels costs about a nanosecond each.

/** A colour as the bitmap stores it: one little-endian RGBA word, opaque. */
export type PixelColour = number;

/**
 * `#rrggbb` as an opaque pixel of an ImageData's Uint32Array view (bytes R, G, B, A in memory,
 * so 0xAABBGGRR on the little-endian machines every browser runs on); null for anything else.
 */
export function parsePixelColour(hex: string): PixelColour | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16));
  return ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** parsePixelColour for the palette's own colours: throws on anything but `#rrggbb`. */
export function pixelColour(hex: string): PixelColour {
  const c = parsePixelColour(hex);
  if (c === null) throw new Error(`pixelColour: "${hex}" is not #rrggbb`);
  return c;
}

/** The part of a bitmap written since it was last cleared, in pixels; empty when `x1 <= x0`. */
export interface DirtyBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const emptyBox = (): DirtyBox => ({ x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity });

/**
 * Fills the square of `side` pixels centred on (`cx`, `cy`) (device pixels, rounded to the grid)
 * in the `width` x `height` bitmap `px`, clipped to it, and grows `box` by what it wrote. Pure
 * but for `px` and `box`; a square wholly outside writes nothing.
 */
export function fillSquare(px: Uint32Array, width: number, height: number, cx: number, cy: number, side: number, colour: PixelColour, box: DirtyBox): void {
  fillRect(px, width, height, Math.round(cx - side / 2), Math.round(cy - side / 2), side, side, colour, box);
}

/**
 * The outline, `thickness` pixels wide, of the square of `side` pixels centred on (`cx`, `cy`):
 * the many-dots view's ring round a sampled request's dot. Clipped like fillSquare.
 */
export function frameSquare(px: Uint32Array, width: number, height: number, cx: number, cy: number, side: number, thickness: number, colour: PixelColour, box: DirtyBox): void {
  const left = Math.round(cx - side / 2);
  const top = Math.round(cy - side / 2);
  const t = Math.min(thickness, Math.ceil(side / 2));
  const half = (x: number, y: number, w: number, h: number) => fillRect(px, width, height, x, y, w, h, colour, box);
  half(left, top, side, t);
  half(left, top + side - t, side, t);
  half(left, top + t, t, side - 2 * t);
  half(left + side - t, top + t, t, side - 2 * t);
}

/** Fills the rectangle at (`x`, `y`) of `w` x `h` pixels, clipped, growing `box`. */
function fillRect(px: Uint32Array, width: number, height: number, x: number, y: number, w: number, h: number, colour: PixelColour, box: DirtyBox): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(width, x + w);
  const y1 = Math.min(height, y + h);
  if (x1 <= x0 || y1 <= y0) return;
  for (let yy = y0; yy < y1; yy++) px.fill(colour, yy * width + x0, yy * width + x1);
  if (x0 < box.x0) box.x0 = x0;
  if (y0 < box.y0) box.y0 = y0;
  if (x1 > box.x1) box.x1 = x1;
  if (y1 > box.y1) box.y1 = y1;
}

/** Clears what `box` says was written (to transparent) and empties `box`. */
export function clearBox(px: Uint32Array, width: number, box: DirtyBox): void {
  if (box.x1 > box.x0) for (let y = box.y0; y < box.y1; y++) px.fill(0, y * width + box.x0, y * width + box.x1);
  box.x0 = box.y0 = Infinity;
  box.x1 = box.y1 = -Infinity;
}

/** A bitmap the size of a canvas, and the layer that carries it onto the canvas. */
export interface DotLayer {
  readonly width: number;
  readonly height: number;
  readonly image: ImageData;
  readonly px: Uint32Array;
  readonly canvas: OffscreenCanvas | HTMLCanvasElement;
  readonly ctx: OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
  readonly box: DirtyBox;
}

const layers = new WeakMap<HTMLCanvasElement | OffscreenCanvas, DotLayer>();

/**
 * The dot layer for `target` (made, or made again when the canvas changed size), cleared: its
 * bitmap is transparent. Null where the browser has no 2D context for it.
 */
export function dotLayerFor(target: HTMLCanvasElement | OffscreenCanvas): DotLayer | null {
  const { width, height } = target;
  let layer = layers.get(target);
  if (!layer || layer.width !== width || layer.height !== height) {
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
    if (!ctx) return null;
    const image = ctx.createImageData(width, height);
    layer = { width, height, image, px: new Uint32Array(image.data.buffer), canvas, ctx, box: emptyBox() };
    layers.set(target, layer);
  } else clearBox(layer.px, width, layer.box);
  return layer;
}

/**
 * Draws what was written into `layer` onto `ctx` (in device pixels, whatever its transform) in
 * two operations over the written box only: the bitmap onto the layer's canvas (every pixel of
 * the box replaced), the layer onto `ctx` over what it holds. Does nothing for an empty box.
 */
export function compositeDots(ctx: CanvasRenderingContext2D, layer: DotLayer): void {
  const { x0, y0, x1, y1 } = layer.box;
  if (x1 <= x0 || y1 <= y0) return;
  layer.ctx.putImageData(layer.image, 0, 0, x0, y0, x1 - x0, y1 - y0);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(layer.canvas, x0, y0, x1 - x0, y1 - y0, x0, y0, x1 - x0, y1 - y0);
  ctx.restore();
}
