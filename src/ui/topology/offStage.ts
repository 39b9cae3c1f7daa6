// What of the picture lies past the stage's edges, and the words that say so (trial T2, item 6:
// beside the inspector at 1024x768 shoppers and storefront were off to the left, flagged only by a
// "cut off" chip whose meaning was not said). Pure geometry and text, no DOM.
import type { Camera } from './camera';
import type { Layout } from './layoutTypes';

/** A side of the stage a node lies past. */
export type OffSide = 'left' | 'right' | 'above' | 'below';

/** The nodes past each side of the stage, by name in drawing order; empty sides left out. */
export type OffStage = Partial<Record<OffSide, string[]>>;

/** Sides in the order the words name them. */
const SIDES: readonly OffSide[] = ['left', 'right', 'above', 'below'];

/** How a side is said, with its arrow. */
const SIDE_WORDS: Record<OffSide, string> = { left: '◀ {n} off to the left', right: '▶ {n} off to the right', above: '▲ {n} off the top', below: '▼ {n} off the bottom' };

/** Names a side's list gives before "+N more". */
const NAMES_SHOWN = 3;

/**
 * The nodes of `layout` (its CSS px geometry, seen through `camera`: screen = k × layout px +
 * (x, y)) a person cannot see on the `layout.width` x `layout.height` stage: their shape's (card,
 * client's circle, control plane's icon) centre past an edge, so more than half of it, each under
 * the side it reaches furthest past; a control plane is named "<mesh> control plane". Null when none. A shape cut by a
 * few px is seen: beside the inspector at 1024x768 retry-storm's control plane, its icon drawn
 * whole 1 px inside the left edge (its square box 2 px past), was named off (session 53, G6).
 * Pure.
 */
export function offStage(layout: Layout, camera: Camera): OffStage | null {
  const out: OffStage = {};
  for (const p of layout.nodes) {
    if (centreSeen(layout, camera, p)) continue;
    const [side] = furthestPast(layout, camera, p);
    const name = p.node.kind === 'control-plane' ? `${p.node.mesh ?? p.node.name} control plane` : p.node.name;
    (out[side] ??= []).push(name);
  }
  return SIDES.some((s) => out[s]) ? out : null;
}

/** Whether every node of `layout` with an id in `ids` lies whole inside its stage through `camera` (0.5 px slack): stricter than offStage, for the node a person picked. Pure. */
export function inView(layout: Layout, camera: Camera, ids: readonly number[]): boolean {
  return layout.nodes.every((p) => !ids.includes(p.node.id) || furthestPast(layout, camera, p)[1] <= 0.5);
}

/** Whether a placed node's shape has its centre on the stage (edges included): less than half of it past any edge. */
function centreSeen(layout: Layout, camera: Camera, p: Layout['nodes'][number]): boolean {
  const x = camera.x + camera.k * (layout.tx + layout.scale * p.x);
  const y = camera.y + camera.k * (layout.ty + layout.scale * p.y);
  return x >= 0 && x <= layout.width && y >= 0 && y <= layout.height;
}

/** The side a placed node reaches furthest past, and by how many screen px (0 or less: inside). */
function furthestPast(layout: Layout, camera: Camera, p: Layout['nodes'][number]): [OffSide, number] {
  const { width, height, scale, tx, ty } = layout;
  const k = camera.k;
  const x0 = camera.x + k * (tx + scale * (p.x - p.w / 2));
  const x1 = camera.x + k * (tx + scale * (p.x + p.w / 2));
  const y0 = camera.y + k * (ty + scale * (p.y - p.h / 2));
  const y1 = camera.y + k * (ty + scale * (p.y + p.h / 2));
  const past: [OffSide, number][] = [
    ['left', -x0],
    ['right', x1 - width],
    ['above', -y0],
    ['below', y1 - height],
  ];
  return past.reduce((a, b) => (b[1] > a[1] ? b : a));
}

/** Each side's count and names ("◀ 2 off to the left: shoppers, storefront"), "; " between sides; "" for none. Pure. */
export function offStageWords(off: OffStage | null): string {
  if (!off) return '';
  return SIDES.flatMap((s) => {
    const names = off[s];
    if (!names || names.length === 0) return [];
    const shown = names.slice(0, NAMES_SHOWN).join(', ');
    const more = names.length > NAMES_SHOWN ? ` +${names.length - NAMES_SHOWN} more` : '';
    return [`${SIDE_WORDS[s].replace('{n}', String(names.length))}: ${shown}${more}`];
  }).join('; ');
}

/** Whether two answers of offStage name the same nodes on the same sides. Pure. */
export function sameOffStage(a: OffStage | null, b: OffStage | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
