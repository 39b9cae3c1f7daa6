// Where a scrolling column's edges cut its lines, so a cover can hide a cut line whole (ColumnCue.tsx).

/** A line of text or an atomic box (a button, a field, an icon) as drawn, CSS px from the window's top. */
export interface LineBox {
  top: number;
  bottom: number;
}

/**
 * The top of a cover over a column's foot that leaves only whole lines above it: starts `min` px above `foot`
 * and rises to the top of every line it would cross, until it crosses none. Returns `foot - min` where no line
 * crosses it; `foot - max` is the highest it goes (a block taller than `max` is cut as before rather than hidden).
 * A line counts as crossed when it reaches more than 0.5 px either side. Pure; px in, px out.
 */
export function footCoverTop(lines: readonly LineBox[], foot: number, min: number, max: number): number {
  let y = foot - min;
  for (let moved = true; moved; ) {
    moved = false;
    for (const l of lines) {
      if (l.top < y - 0.5 && l.bottom > y + 0.5 && l.top >= foot - max) {
        y = l.top;
        moved = true;
      }
    }
  }
  return y;
}

/**
 * The bottom of a cover over a column's head that leaves only whole lines under it: the lowest bottom of the lines
 * crossing `head`, repeated for the lines crossing that, or `head` where none does (no cover). Lines longer than
 * `max` px below `head` are left cut. Pure; px in, px out.
 */
export function headCoverBottom(lines: readonly LineBox[], head: number, max: number): number {
  let y = head;
  for (let moved = true; moved; ) {
    moved = false;
    for (const l of lines) {
      if (l.top < y - 0.5 && l.bottom > y + 0.5 && l.bottom <= head + max) {
        y = l.bottom;
        moved = true;
      }
    }
  }
  return y;
}

/** Elements drawn as one box: cut, they read as cut whatever their text. */
const ATOMIC = new Set(['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'IMG', 'svg', 'CANVAS']);

/**
 * The lines of text and atomic boxes in `root` that reach into the band [from, to] (CSS px from the window's top), as
 * drawn: one box a line of each text run (Range.getClientRects), whole boxes for buttons, fields and icons. Subtrees
 * wholly outside the band are skipped, so it costs the band's lines, not the column's. Reads layout.
 */
export function linesInBand(root: Element, from: number, to: number): LineBox[] {
  const out: LineBox[] = [];
  const range = document.createRange();
  const walk = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      const r = (node as Element).getBoundingClientRect();
      // display: contents and the like draw no box of their own: look inside.
      if (r.width === 0 && r.height === 0) return NodeFilter.FILTER_SKIP;
      if (r.bottom < from || r.top > to) return NodeFilter.FILTER_REJECT;
      return ATOMIC.has((node as Element).tagName) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      range.selectNodeContents(n);
      for (const r of Array.from(range.getClientRects())) if (r.height > 0 && r.width > 0 && r.bottom > from && r.top < to) out.push({ top: r.top, bottom: r.bottom });
    } else {
      const r = (n as Element).getBoundingClientRect();
      out.push({ top: r.top, bottom: r.bottom });
    }
  }
  return out;
}
