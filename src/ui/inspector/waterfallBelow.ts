// Where a long waterfall goes on below the panel's fold. A 27-try request of retry-storm has 367
// rows (12,000 px at 1600x1000; 95 rows calls and tries only): no panel shows it whole, so its
// foot says how many rows remain and which comes next (trial N18, item 9: followed only by
// scrolling, with nothing to say where it went on).
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** What lies below the fold: how many rows, and the name of the first of them (null when none). */
export interface RowsBelow {
  below: number;
  next: string | null;
}

/** The nearest ancestor of `el` that scrolls vertically and has more than it shows, or null. */
function scrollerOf(el: HTMLElement): HTMLElement | null {
  for (let s = el.parentElement; s; s = s.parentElement) {
    const y = getComputedStyle(s).overflowY;
    if ((y === 'auto' || y === 'scroll') && s.scrollHeight > s.clientHeight + 1) return s;
  }
  return null;
}

/**
 * Counts the `.waterfall-row`s under `box` that end below the fold of whatever scrolls them (the
 * inspector panel, as a whole), less the height of the hint `.waterfall-more` standing at that
 * fold, and names the first. Measured again on a scroll of that scroller, a resize of the box, and
 * when `rows` changes. `more` scrolls on by the scroller's height less two rows. Reads the DOM only.
 */
export function useWaterfallBelow(box: RefObject<HTMLElement | null>, rows: number): RowsBelow & { more: () => void } {
  const [state, setState] = useState<RowsBelow>({ below: 0, next: null });
  const scroller = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    let watched: HTMLElement | null = null;
    const count = () => {
      const s = scrollerOf(el);
      if (s !== watched) {
        watched?.removeEventListener('scroll', count);
        s?.addEventListener('scroll', count, { passive: true });
        watched = s;
      }
      scroller.current = s;
      if (!s) return setState((o) => (o.below === 0 ? o : { below: 0, next: null }));
      const hint = el.querySelector<HTMLElement>('.waterfall-more');
      const fold = s.getBoundingClientRect().bottom - (hint?.offsetHeight ?? 0);
      let below = 0;
      let next: string | null = null;
      for (const r of el.querySelectorAll<HTMLElement>('.waterfall-row')) {
        if (r.getBoundingClientRect().bottom > fold + 1) {
          below++;
          next ??= r.querySelector('.waterfall-label')?.textContent ?? null;
        }
      }
      setState((o) => (o.below === below && o.next === next ? o : { below, next }));
    };
    count();
    const ro = new ResizeObserver(count);
    ro.observe(el);
    const panel = el.closest<HTMLElement>('[data-testid="inspector"]');
    if (panel) ro.observe(panel);
    return () => {
      ro.disconnect();
      watched?.removeEventListener('scroll', count);
    };
  }, [box, rows]);
  const more = () => {
    const s = scroller.current;
    const row = box.current?.querySelector<HTMLElement>('.waterfall-row');
    if (s) s.scrollBy({ top: Math.max(row?.offsetHeight ?? 0, s.clientHeight - 2 * (row?.offsetHeight ?? 18)) });
  };
  return { ...state, more };
}
