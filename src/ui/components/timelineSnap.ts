// Where a click or drag on the timeline lands: the pointer's share of the track times the
// duration gave moments like 6,999.998 ms for a click at 7 s (N-report 8), so the clock read
// "6.99 s" and the share link "t=6999.998ms". The moment is rounded to a round step no coarser
// than one pixel of the track, so the click means what the person pointed at and the recipe
// (the link) holds that round time, which is what a reopened link replays.

/**
 * `ms` rounded to the power of ten of ms (…, 0.1, 1, 10, 100, …) at or under `msPerPx`, the
 * track's simulated ms per CSS pixel, so the result stays within half a pixel of `ms`: a 30 s
 * run on a 1,000 px track (30 ms a pixel) rounds to 10 ms, 6,999.998 -> 7,000. Written without
 * float noise (0.1 steps give 123.4, not 123.40000000000001). A step that is not a finite positive
 * number leaves `ms` as it is. Pure.
 */
export function snapToPixel(ms: number, msPerPx: number): number {
  if (!(msPerPx > 0) || !Number.isFinite(msPerPx) || !Number.isFinite(ms)) return ms;
  const exp = Math.floor(Math.log10(msPerPx));
  const step = 10 ** exp;
  const snapped = Math.round(ms / step) * step;
  return exp < 0 ? Number(snapped.toFixed(-exp)) : snapped;
}
