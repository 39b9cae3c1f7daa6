// A meshed service's peer-authentication mode on its box (Istio PeerAuthentication): a chip on
// the box's top edge, left of its sidecar hexagons, with a closed lock and STRICT, or an open lock
// and PERMISSIVE; nothing on a box without sidecars (nothing there checks callers). Drawn once
// per layout by svgNodeShapes.drawService.
import { NodeSize, type PlacedNode } from './layoutTypes';
import type { G } from './marks';
import './nodeMarks.css';

/** Where a chip starts, design units from the box's left edge. */
const MARK_X = 8;
/** A chip's height, design units, centred on the box's top edge (the queue's lowest bar ends 12 units above it). */
const MARK_H = 14;
/** The lock's room at the chip's left, design units. */
const LOCK_W = 16;
/** A character of the chip's word (10 px bold capitals, styles.css `.topo-mtls text`), design units, a little over. */
const WORD_CHAR_W = 6.9;

/** The chip's title: what the mode does to callers (the inspector's chip says the same). */
export const MTLS_MARK_TITLE = {
  STRICT: 'mTLS STRICT (PeerAuthentication): its sidecars accept mutual TLS only; a caller without a sidecar is refused (tls-plaintext-rejected)',
  PERMISSIVE: 'mTLS PERMISSIVE (PeerAuthentication): its sidecars accept mutual TLS and plaintext; callers without a sidecar get through in plaintext',
} as const;

/**
 * The chip's width and whether it says its word, design units: the word where the chip fits left
 * of the hexagon row (`hexes` of them, right-aligned as marks.drawHexes puts them) with 4 units to
 * spare, else the lock alone; 0 when even that has no room (a compare pane's narrow box). Pure.
 */
export function mtlsMarkWidth(mode: 'STRICT' | 'PERMISSIVE', boxW: number, hexes: number): { w: number; word: boolean } {
  const rowLeft = hexes > 0 ? boxW - 22 - (hexes - 1) * NodeSize.hexStep - NodeSize.hexR : boxW;
  const full = LOCK_W + mode.length * WORD_CHAR_W + 6;
  if (MARK_X + full + 4 <= rowLeft) return { w: full, word: true };
  if (MARK_X + LOCK_W + 4 <= rowLeft) return { w: LOCK_W, word: false };
  return { w: 0, word: false };
}

/**
 * Draws the chip for `p`'s mode into `g` (nothing where `p.node.mtls` is null or there is no
 * room); returns the units it takes from the box's left edge (0 when none), for the '+N' badge to
 * keep off. The word is measured as drawn (wordFits): a compare pane's text is 18 units (compare.css)
 * and 'STRICT' ran under frontend's and catalog's hexagons there, read 'STRIC' (session 53, N1b);
 * where it does not fit, the lock alone, its title and the legend saying the mode. Mutates the SVG.
 */
export function drawMtlsMark(g: G, p: PlacedNode, hexes: number): number {
  const mode = p.node.mtls;
  if (!mode) return 0;
  const { w, word } = mtlsMarkWidth(mode, p.w, hexes);
  if (w === 0) return 0;
  const m = g.append('g').attr('class', `topo-mtls topo-mtls-${mode.toLowerCase()}`).attr('transform', `translate(${MARK_X},0)`);
  m.append('title').text(MTLS_MARK_TITLE[mode]);
  const chip = m.append('rect').attr('class', 'topo-mtls-chip').attr('y', -MARK_H / 2).attr('width', w).attr('height', MARK_H).attr('rx', MARK_H / 2);
  const lock = m.append('g').attr('transform', `translate(${LOCK_W / 2 + 1},1)`);
  lock.append('path').attr('class', 'topo-mtls-shackle').attr('d', mtlsShackle(mode));
  lock.append('rect').attr('class', 'topo-mtls-body').attr('x', -4).attr('y', -1.5).attr('width', 8).attr('height', 6).attr('rx', 1);
  if (!word) return MARK_X + w;
  const text = m.append('text').attr('class', 'topo-mtls-word').attr('x', LOCK_W).attr('y', 3.6).text(mode);
  if (wordFits(text.node()!, w)) return MARK_X + w;
  text.remove();
  chip.attr('width', LOCK_W);
  return MARK_X + LOCK_W;
}

/**
 * Whether the chip's drawn word fits its chip of `w` design units: its length (getComputedTextLength,
 * in the text's user units, i.e. design units, whatever the CSS made its size) within `w - LOCK_W`,
 * and its font no taller than the chip less 2 units. True where nothing can be measured (a detached
 * SVG, jsdom): then mtlsMarkWidth's estimate stands. Reads layout.
 */
export function wordFits(text: SVGTextElement, w: number): boolean {
  if (typeof text.getComputedTextLength !== 'function' || !text.isConnected) return true;
  const size = parseFloat(getComputedStyle(text).fontSize);
  if (Number.isFinite(size) && size > MARK_H - 2) return false;
  const len = text.getComputedTextLength();
  return !(len > w - LOCK_W - 2);
}

/** The lock's shackle, about its body's top centre: closed for STRICT, swung open (its left leg out) for PERMISSIVE. Pure. */
export function mtlsShackle(mode: 'STRICT' | 'PERMISSIVE'): string {
  return mode === 'STRICT' ? 'M-2.6,-1.5 V-3.6 A2.6,2.6 0 0 1 2.6,-3.6 V-1.5' : 'M2.6,-1.5 V-3.6 A2.6,2.6 0 0 0 -2.6,-3.6 V-4.2';
}
