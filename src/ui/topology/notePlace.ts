// Where the kept picture's note ("◀ 2 off to the left: api, shoppers", TopologyTools.tsx) stands
// over the stage: under the tools' row at the right, unless that covers a node or a label. At
// 1024x768 beside the inspector, retry-storm's note lay on the shop control plane's name and its
// mesh's label (session 53, G6). Pure geometry; the thin hook in TopologyTools measures.

/** A box on the page, CSS px from the viewport's top left. */
export interface NoteBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The note's places, in the order tried: its own first (under Find and Fit), then the stage's corners. */
export const NOTE_PLACES = ['top-right', 'bottom-left', 'bottom-right', 'top-left'] as const;
export type NotePlace = (typeof NOTE_PLACES)[number];

/** The gap kept between the note and the stage's edge at a corner, and around what it must not cover, CSS px. */
const EDGE_PX = 8;
const CLEAR_PX = 2;

/** The px² of `a` and `b` that overlap, `b` grown by CLEAR_PX on each side. */
function overlap(a: NoteBox, b: NoteBox): number {
  const w = Math.min(a.right, b.right + CLEAR_PX) - Math.max(a.left, b.left - CLEAR_PX);
  const h = Math.min(a.bottom, b.bottom + CLEAR_PX) - Math.max(a.top, b.top - CLEAR_PX);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The note's box at `place`, given its box `at` in its own place (top right, under the tools) and
 * the stage's box `stage`: same size, at the stage's corner EDGE_PX in, or at its own top. Pure.
 */
export function noteBoxAt(place: NotePlace, at: NoteBox, stage: NoteBox): NoteBox {
  const w = at.right - at.left;
  const h = at.bottom - at.top;
  const left = place === 'bottom-left' || place === 'top-left' ? stage.left + EDGE_PX : place === 'bottom-right' ? stage.right - EDGE_PX - w : at.left;
  const top = place === 'top-right' || place === 'top-left' ? at.top : stage.bottom - EDGE_PX - h;
  return { left, top, right: left + w, bottom: top + h };
}

/**
 * The first of NOTE_PLACES where the note (`at`, measured in its own place) covers none of
 * `drawn` (the boxes of the nodes' shapes and names and the mesh labels, clipped by nothing),
 * else the one that covers the least of them. Pure.
 */
export function notePlace(at: NoteBox, stage: NoteBox, drawn: readonly NoteBox[]): NotePlace {
  let best: NotePlace = NOTE_PLACES[0];
  let least = Number.POSITIVE_INFINITY;
  for (const place of NOTE_PLACES) {
    const box = noteBoxAt(place, at, stage);
    const covered = drawn.reduce((sum, d) => sum + overlap(box, d), 0);
    if (covered === 0) return place;
    if (covered < least) [best, least] = [place, covered];
  }
  return best;
}
