// The request list keeps its picked row in view. In a short panel the list gives a request's
// waterfall room once it opens (inspector.css: three rows and a half at 1024x768 with Charts
// open), so a row picked low in the five shown would go out of view under the list's fold.
import { useLayoutEffect, type RefObject } from 'react';

/**
 * Scrolls inside the list box `box` (its own scrolls, never the panel's or the page's) so that
 * its `.request-row.selected` is whole in view, when the pick changes and whenever the box's size
 * does (the waterfall opening shrinks it). Does nothing while no row is picked.
 */
export function useSelectedRowInView(box: RefObject<HTMLElement | null>, picked: number | null): void {
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || picked === null) return;
    const keep = () => {
      const row = el.querySelector<HTMLElement>('.request-row.selected');
      // Whichever scrolls, the rows' list or the whole box (inspector.css), up to the box only:
      // never the panel or the page.
      for (let s = row?.parentElement ?? null; row && s; s = s === el ? null : s.parentElement) {
        if (s.scrollHeight <= s.clientHeight + 1) continue;
        const b = s.getBoundingClientRect();
        const r = row.getBoundingClientRect();
        if (r.top < b.top) s.scrollTop -= b.top - r.top + 2;
        else if (r.bottom > b.bottom) s.scrollTop += r.bottom - b.bottom + 2;
      }
    };
    keep();
    const ro = new ResizeObserver(keep);
    ro.observe(el);
    return () => ro.disconnect();
  }, [box, picked]);
}
