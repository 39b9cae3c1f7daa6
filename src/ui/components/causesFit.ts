// How many failure-cause chips the counter strip draws: as many as fit on its one line, each with
// its count, and '+n' only for the causes left over (CounterStrip's FailureCauses). It drew the
// first alone ('rate-limited 1,096 +2'), so gateway-and-mesh hid the 401 and 410 its lesson is
// about, and partial-adoption the http-5xx of its step 4 (N4-report 3).
import { useLayoutEffect, type RefObject } from 'react';

/**
 * How many of the chips, in order, fit in `room` px: chip widths `widths` (px, as drawn), `gap` px
 * between two items, and when some are left over a '+n' of `plusWidth` px after the last one shown.
 * At least one whenever there is a chip (the first gives way to an ellipsis, styles.css .causes);
 * 0 for none. Negative or NaN room reads as none. Pure.
 */
export function causesThatFit(widths: readonly number[], gap: number, plusWidth: number, room: number): number {
  if (widths.length === 0) return 0;
  const space = Number.isFinite(room) ? room : 0;
  let used = 0;
  for (let k = 1; k <= widths.length; k++) {
    used += widths[k - 1] + (k > 1 ? gap : 0);
    const plus = k < widths.length ? gap + plusWidth : 0;
    // Half a pixel of slack: widths are fractional and a chip exactly as wide as the room fits.
    if (used + plus > space + 0.5) return Math.max(1, k - 1);
  }
  return widths.length;
}

/**
 * Lays out the cause list `ul` after each change of `key` (its text) and of its width: shows the
 * chips (li.cause) that fit, hides the rest (display none, so nothing clipped is left to overlap),
 * writes '+n' into li.causes-more's `data-more` (drawn by styles.css ::after, so the list's text is
 * its causes whatever the width: recipe.spec compares two pages' counters by it), hidden when none
 * is left. The list must take no width from its
 * chips (styles.css .causes: contain), or hiding one would resize it and call this again. Mutates
 * only those elements' style and text; React renders neither.
 */
export function useCausesFit(ul: RefObject<HTMLUListElement | null>, key: string): void {
  useLayoutEffect(() => {
    const list = ul.current;
    if (!list) return;
    const fit = () => {
      const chips = Array.from(list.querySelectorAll<HTMLElement>('li.cause'));
      const more = list.querySelector<HTMLElement>('li.causes-more');
      // Each at its own width while measured: the first may be squeezed to an ellipsis in place.
      for (const c of chips) {
        c.style.display = '';
        c.style.flexShrink = '0';
      }
      if (more) {
        more.style.display = '';
        more.dataset.more = `+${Math.max(1, chips.length - 1)}`;
      }
      const widths = chips.map((c) => c.getBoundingClientRect().width);
      for (const c of chips) c.style.flexShrink = '';
      const gap = parseFloat(getComputedStyle(list).columnGap) || 0;
      const plusWidth = more ? more.getBoundingClientRect().width : 0;
      const k = causesThatFit(widths, gap, plusWidth, list.clientWidth);
      chips.forEach((c, i) => (c.style.display = i < k ? '' : 'none'));
      if (more) {
        more.dataset.more = `+${chips.length - k}`;
        more.style.display = chips.length > k ? '' : 'none';
        // Its button (CounterStrip: it opens every cause) names how many are left out.
        more.querySelector('button')?.setAttribute('aria-label', `${chips.length - k} more cause${chips.length - k === 1 ? '' : 's'}: show every cause`);
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(list);
    return () => observer.disconnect();
  }, [ul, key]);
}
