// The canvas view's text fonts, resolved once while the page is idle rather than in the first
// draw of a large topology.

/** Weights and sizes (CSS px) the canvas view's text is measured and drawn at (canvasLabels.ts: titles 10-12 px, names 12, presenter 14). */
const WARM: readonly string[] = ['500 12px', '500 11px', '500 10px', '600 12px', '500 14px', '600 14px'];

let warmed = false;

/**
 * Has the canvas resolve the page's font (CSS `--font`) at each of WARM's weights and sizes, one
 * in each idle moment; once a page, later calls do nothing. NOTE: a canvas's first text with a
 * font costs headless Chromium 1-15 ms (finding the family in the list, 'Inter' and the rest
 * not installed), most of the 36 ms of measureText in the first draw of 1,000 services' tiles,
 * in the task that opened the scenario (bench:ui openLongestTaskMs). Impure: draws nothing.
 */
export function warmCanvasFonts(): void {
  if (warmed || typeof document === 'undefined') return;
  warmed = true;
  const family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  const idle = (f: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(f, 50));
  const next = (i: number) => {
    if (i >= WARM.length) return;
    ctx.font = `${WARM[i]} ${family}`;
    ctx.measureText('svc 000–099 · 100 …');
    idle(() => next(i + 1));
  };
  idle(() => next(0));
}
