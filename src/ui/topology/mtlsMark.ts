// A meshed service's peer-authentication mode on its box (Istio PeerAuthentication): a chip on
// the box's top edge, left of its sidecar hexagons, with a closed lock and STRICT, or an open lock
// and PERMISSIVE; nothing on a box without sidecars (nothing there checks callers). Drawn once
// per layout by svgNodeShapes.drawService, then redrawn by showMtls when a frame says the mode in
// force changed (a timed or live `mtls` change reaching its sidecars; MIXED while it spreads).
import { NodeSize, type PlacedNode } from './layoutTypes';
import type { G } from './marks';
import './nodeMarks.css';

/** Where a chip starts, design units from the box's left edge. */
const MARK_X = 8;
/** A chip's height, design units, centred on the box's top edge (the queue's lowest bar ends 12 units above it). */
const MARK_H = 14;
/** The lock's room at the chip's left, design units. */
const LOCK_W = 16;
/** The least on-screen size, CSS px, the chip's word is drawn at; smaller, the lock alone (its title says the mode). */
const MIN_WORD_PX = 9;
/** A character of the chip's word (11 px bold capitals, nodeMarks.css `.topo-mtls-word`), design units, a little over. */
const WORD_CHAR_W = 7.2;

/** The mode a chip shows: the scenario's, or while a change of mode spreads, some sidecars in each ('mixed', as the inspector says). */
export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'mixed';

/** The chip's title: what the mode does to callers (the inspector's chip says the same). */
export const MTLS_MARK_TITLE = {
  STRICT: 'mTLS STRICT (PeerAuthentication): its sidecars accept mutual TLS only; a caller without a sidecar is refused (tls-plaintext-rejected)',
  PERMISSIVE: 'mTLS PERMISSIVE (PeerAuthentication): its sidecars accept mutual TLS and plaintext; callers without a sidecar get through in plaintext',
  mixed: 'mTLS mixed: some of its sidecars hold STRICT and some PERMISSIVE; a change of mode is reaching them',
} as const;

/**
 * The chip's width and whether it says its word, design units: the word where the chip fits left
 * of the hexagon row (`hexes` of them, right-aligned as marks.drawHexes puts them) with 4 units to
 * spare, else the lock alone; 0 when even that has no room (a compare pane's narrow box). Pure.
 */
export function mtlsMarkWidth(mode: MtlsMode, boxW: number, hexes: number): { w: number; word: boolean } {
  const rowLeft = hexes > 0 ? boxW - 22 - (hexes - 1) * NodeSize.hexStep - NodeSize.hexR : boxW;
  const full = LOCK_W + mode.length * WORD_CHAR_W + 5;
  if (MARK_X + full + 4 <= rowLeft) return { w: full, word: true };
  if (MARK_X + LOCK_W + 4 <= rowLeft) return { w: LOCK_W, word: false };
  return { w: 0, word: false };
}

/**
 * Draws the chip for `p`'s mode into `g` (nothing where `p.node.mtls` is null or there is no
 * room); returns the units it takes from the box's left edge (0 when none), for the '+N' badge to
 * keep off. The word is measured as drawn (wordFits): a compare pane's text is 18 units (compare.css)
 * and 'STRICT' ran under frontend's and catalog's hexagons there, read 'STRIC' (session 53, N1b);
 * where it does not fit, the lock alone, its title and the legend saying the mode. `mode`: the
 * mode to draw (the scenario's at the start); `room`: the most units from the box's left it may
 * take (a redraw keeps within the first chip's, which the badge was placed clear of). Mutates the SVG.
 */
export function drawMtlsMark(g: G, p: PlacedNode, hexes: number, mode: MtlsMode | null = p.node.mtls, room = Number.POSITIVE_INFINITY): number {
  if (!mode) return 0;
  const fit = mtlsMarkWidth(mode, p.w, hexes);
  const word = fit.word && MARK_X + fit.w <= room;
  const w = word ? fit.w : fit.w > 0 && MARK_X + LOCK_W <= room ? LOCK_W : 0;
  if (w === 0) return 0;
  const m = g.append('g').attr('class', `topo-mtls topo-mtls-${mode.toLowerCase()}`).attr('data-mtls', mode).attr('transform', `translate(${MARK_X},0)`);
  m.append('title').text(MTLS_MARK_TITLE[mode]);
  const chip = m.append('rect').attr('class', 'topo-mtls-chip').attr('y', -MARK_H / 2).attr('width', w).attr('height', MARK_H).attr('rx', MARK_H / 2);
  const lock = m.append('g').attr('transform', `translate(${LOCK_W / 2 + 1},1)`);
  lock.append('path').attr('class', 'topo-mtls-shackle').attr('d', mtlsShackle(mode));
  lock.append('rect').attr('class', 'topo-mtls-body').attr('x', -4).attr('y', -1.5).attr('width', 8).attr('height', 6).attr('rx', 1);
  if (!word) return MARK_X + w;
  const text = m.append('text').attr('class', 'topo-mtls-word').attr('x', LOCK_W).attr('y', 3.9).text(mode.toUpperCase());
  if (wordFits(text.node()!, w)) return MARK_X + w;
  text.remove();
  chip.attr('width', LOCK_W);
  return MARK_X + LOCK_W;
}

/**
 * Whether the chip's drawn word fits its chip of `w` design units: its length (getComputedTextLength,
 * in the text's user units, i.e. design units, whatever the CSS made its size) within `w - LOCK_W`,
 * its font no taller than the chip less 2 units, and at least MIN_WORD_PX on screen (getScreenCTM, camera
 * included, as drawn). True where nothing can be measured (a detached SVG, jsdom): then mtlsMarkWidth's
 * estimate stands. Reads layout.
 */
export function wordFits(text: SVGTextElement, w: number): boolean {
  if (typeof text.getComputedTextLength !== 'function' || !text.isConnected) return true;
  const size = parseFloat(getComputedStyle(text).fontSize);
  if (Number.isFinite(size) && size > MARK_H - 2) return false;
  // Too small to read on screen (session 54: 'STRICT' at about 6 px in the single view at 1024x768).
  const ctm = typeof text.getScreenCTM === 'function' ? text.getScreenCTM() : null;
  if (ctm && Number.isFinite(size) && size * Math.hypot(ctm.a, ctm.b) < MIN_WORD_PX) return false;
  const len = text.getComputedTextLength();
  return !(len > w - LOCK_W - 2);
}

/** The lock's shackle, about its body's top centre: closed for STRICT, swung open (its left leg out) for PERMISSIVE and mixed. Pure. */
export function mtlsShackle(mode: MtlsMode): string {
  return mode === 'STRICT' ? 'M-2.6,-1.5 V-3.6 A2.6,2.6 0 0 1 2.6,-3.6 V-1.5' : 'M2.6,-1.5 V-3.6 A2.6,2.6 0 0 0 -2.6,-3.6 V-4.2';
}

/** A box's chip as drawn, for showMtls: where it is drawn, the mode it shows and the room it may take. */
export interface MtlsView {
  g: G;
  p: PlacedNode;
  hexes: number;
  /** Units from the box's left the first chip took: a redraw keeps within them (the '+N' badge lies clear of them). */
  room: number;
  mode: MtlsMode;
}

/**
 * The mode in force at a service's sidecars from a frame's counts (NodeField.meshed, .strict):
 * STRICT when all hold it, PERMISSIVE when none does, mixed between (as inspect.ts says it); null
 * with no sidecar counted (no frame yet: the drawing keeps the scenario's). Pure.
 */
export function mtlsModeOf(meshed: number, strict: number): MtlsMode | null {
  if (!(meshed > 0)) return null;
  return strict >= meshed ? 'STRICT' : strict <= 0 ? 'PERMISSIVE' : 'mixed';
}

/** Redraws `v`'s chip where the mode in force (`mode`, mtlsModeOf) differs from the one drawn; null leaves it. Mutates the SVG. */
export function showMtls(v: MtlsView, mode: MtlsMode | null): void {
  if (mode === null || mode === v.mode) return;
  v.mode = mode;
  v.g.select(':scope > .topo-mtls').remove();
  drawMtlsMark(v.g, v.p, v.hexes, mode, v.room);
}
