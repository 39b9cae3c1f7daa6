// Where a laid-out drawing sits in its stage: the scale that fits it and, along each axis, the
// offset that centres it (or, beside the inspector, what is inspected), with the story's halos
// kept inside the stage's edge. Pure arithmetic, design units to CSS pixels.

/** A box, design units. */
export interface Extent2 {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

/** How near the stage's edge a halo may come, CSS px. */
export const HALO_EDGE = 2;

/**
 * The scale that fits `box` (what the drawing draws) inside the stage less `margin` on each side,
 * and `halo` (the box with the story's halos round every node, nodeExtent's addHaloExtent) inside
 * the stage less HALO_EDGE: a halo may use the margin, never pass the edge. Pure.
 */
export function fitScale(box: Extent2, halo: Extent2, width: number, height: number, margin: number): number {
  const span = (lo: number, hi: number) => Math.max(1, hi - lo);
  const content = Math.min((width - 2 * margin) / span(box.minX, box.maxX), (height - 2 * margin) / span(box.minY, box.maxY));
  const halos = Math.min((width - 2 * HALO_EDGE) / span(halo.minX, halo.maxX), (height - 2 * HALO_EDGE) / span(halo.minY, halo.maxY));
  return Math.min(content, halos);
}

/**
 * The offset along one axis (screen = offset + scale × design, CSS px) of a drawing spanning `lo`
 * to `hi` (its halos `haloLo` to `haloHi`) in a stage `size` long with `margin` kept: centred;
 * or, where it is longer than the room and `focus` is given (the inspected nodes' middle, beside
 * the inspector), that middle centred, but never so far that the drawing leaves empty room past
 * the margin at one end while the other is cut (retry-storm's failed request at 1024x768 centred
 * payments and cut the control plane's name at the top, 200 px of stage empty below). Then
 * halos are kept inside the edge where they fit. Pure.
 */
export function offsetAlong(lo: number, hi: number, haloLo: number, haloHi: number, focus: number | null, scale: number, size: number, margin: number): number {
  const span = (hi - lo) * scale;
  let t = (size - span) / 2 - lo * scale;
  if (focus !== null && span > size - 2 * margin) t = Math.min(margin - lo * scale, Math.max(size - margin - hi * scale, size / 2 - focus * scale));
  const least = HALO_EDGE - haloLo * scale;
  const most = size - HALO_EDGE - haloHi * scale;
  if (least <= most) return Math.min(most, Math.max(least, t));
  // Fitted by its halos, the two bounds meet, a rounding apart.
  return least - most < 1 ? (least + most) / 2 : t;
}
