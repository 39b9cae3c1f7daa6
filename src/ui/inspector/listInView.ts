// The request list keeps its picked row in view. In a short panel the list gives a request's
// waterfall room once it opens (inspector.css: three rows and a half at 1024x768 with Charts
// open), so a row picked low in the five shown would go out of view under the list's fold.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

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

/**
 * How many of the list's rows (`.request-row` under `box`) lie below the fold of whichever
 * scrolls them (the list itself in a short panel, else the whole box; inspector.css), wholly or
 * in part, or under the hint (`.request-list-more`) that says so: 0 when every row shows. Measured
 * again on a scroll and on a resize of the box or the list, and when `rows` changes. `more`
 * scrolls that scroller down by its height less a row's, so the last row shown stays in view.
 * (People did not see that the list scrolls: five rows showed at 1024x768, 200 kept.)
 */
export function useRowsBelow(box: RefObject<HTMLElement | null>, rows: number): { below: number; more: () => void } {
  const [below, setBelow] = useState(0);
  const scroller = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const count = () => {
      const list = el.querySelector<HTMLElement>('.request-list');
      const s = [list, el].find((x): x is HTMLElement => x !== null && x.scrollHeight > x.clientHeight + 1) ?? null;
      scroller.current = s;
      if (!list || !s) return setBelow(0);
      const hint = el.querySelector<HTMLElement>('.request-list-more');
      const fold = s.getBoundingClientRect().bottom - (hint && s === el ? hint.offsetHeight : 0);
      let n = 0;
      for (const r of list.querySelectorAll('.request-row')) if (r.getBoundingClientRect().bottom > fold + 1) n++;
      setBelow(n);
    };
    count();
    const ro = new ResizeObserver(count);
    ro.observe(el);
    const list = el.querySelector('.request-list');
    if (list) ro.observe(list);
    // A scroll does not bubble: caught on its way down, from the box or the list.
    el.addEventListener('scroll', count, { passive: true, capture: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', count, { capture: true });
    };
  }, [box, rows]);
  const more = () => {
    const s = scroller.current;
    const row = s?.querySelector<HTMLElement>('.request-row');
    if (s) s.scrollBy({ top: Math.max(row?.offsetHeight ?? 0, s.clientHeight - 2 * (row?.offsetHeight ?? 0)) });
  };
  return { below, more };
}
