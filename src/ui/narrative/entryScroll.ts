// Where the story column stands when presenter mode opens (or opens another scenario in it): from
// the scenario's title, with the step's head and its first line under it. Bringing the step into
// view alone (head to text, then its question) scrolled the title partly off at 1024x768
// (gateway-and-mesh's eyebrow and first line cut, retry-storm's title wholly gone at 165 px) and
// at 1600x1000 (retry-storm's first line of title cut by 33 px, control-plane-outage's by 7 px).

/**
 * The column's scrollTop on entering presenter mode, px, given `now` (where bringing the step into
 * view left it) and places in the column, px from the top of its scrolled content: the scenario
 * title's top `titleTop`, the bottom of the step's first line of text `lineBottom`, the bottom of
 * what the step wants shown `wantBottom` (its question asked ahead, else its text), the column's
 * visible height `height` and the room `foot` kept at its foot for the question cue. 0 when all
 * the step wants shown fits from the column's top (eyebrow and title included); else the title's
 * top (floored to a whole pixel), the eyebrow wholly out of view rather than cut, when the step's first line still shows
 * above the foot (the rest of the step below, a question's cue at the foot); else `now`, the
 * step's head at the top and the title wholly above. Never leaves the title or the eyebrow
 * partly cut. Positional: an object's field names cost the initial JS 0.05 KB more. Pure.
 */
export function entryScroll(now: number, titleTop: number, lineBottom: number, wantBottom: number, height: number, foot: number): number {
  if (lineBottom + foot > titleTop + height) return now;
  if (wantBottom <= height) return 0;
  // A scrollTop is whole pixels: rounded, a title at 58.7 px lost its top 0.3 px.
  return Math.floor(titleTop);
}

/** Room at the column's foot for the question cue (styles.css .question-cue: about 36 px), px. */
const CUE_PX = 40;

/**
 * Scrolls `column` to entryScroll's place for the scenario title `title`, the step's `text` and
 * what the step wants shown down to `want` (its question asked ahead, else the text). Reads
 * layout; mutates only the column's scrollTop. Returns the scrollTop set.
 */
export function scrollToEntry(column: HTMLElement, title: HTMLElement, text: HTMLElement, want: HTMLElement): number {
  const base = column.getBoundingClientRect().top + column.clientTop - column.scrollTop;
  const range = document.createRange();
  range.selectNodeContents(text);
  const first = range.getClientRects()[0] ?? text.getBoundingClientRect();
  column.scrollTop = entryScroll(column.scrollTop, title.getBoundingClientRect().top - base, first.bottom - base, want.getBoundingClientRect().bottom - base, column.clientHeight, CUE_PX);
  return column.scrollTop;
}

/**
 * The column's scrollTop after a story move brought its step into view (`now`), such that the
 * scenario title is never cut mid-line at the column's top (N3's trial, 6e: presenter mode at
 * 1024x768, zone-failover's step 3 left "over, come back" of the title showing). Places are px
 * from the top of the column's scrolled content: the title's top and bottom, the step's top
 * `stepTop`, the bottom of what the step wants shown `wantBottom`, and the column's visible
 * `height`. `now` unchanged when the title shows whole or lies wholly above the view; else the
 * title's top when the title and all the step wants fit under it; else the step's top (the
 * title wholly above, the step's head at the column's top). Positional, as entryScroll. Pure.
 */
export function uncutTitle(now: number, titleTop: number, titleBottom: number, stepTop: number, wantBottom: number, height: number): number {
  if (now <= titleTop + 0.5 || now >= titleBottom - 0.5) return now;
  if (wantBottom - titleTop <= height) return Math.floor(titleTop);
  return Math.ceil(stepTop);
}

/**
 * Moves `column` off a scroll that cuts the scenario title `title` (uncutTitle), given the step's
 * section `step` and what it wants shown down to `want`. Reads layout; mutates only the column's
 * scrollTop. Returns the scrollTop set.
 */
export function keepTitleWhole(column: HTMLElement, title: HTMLElement, step: HTMLElement, want: HTMLElement): number {
  const base = column.getBoundingClientRect().top + column.clientTop - column.scrollTop;
  const t = title.getBoundingClientRect();
  const to = uncutTitle(column.scrollTop, t.top - base, t.bottom - base, step.getBoundingClientRect().top - base, want.getBoundingClientRect().bottom - base, column.clientHeight);
  if (to !== column.scrollTop) column.scrollTop = to;
  return column.scrollTop;
}
