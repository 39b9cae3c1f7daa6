// Whether a box cuts its text (a line clamp, or one line with an ellipsis), for a "more" that shows
// only while something is cut.
import { useLayoutEffect, useState, type DependencyList, type RefObject } from 'react';

/**
 * True while `ref`'s element cuts its content: taller (a line clamp) or wider (white-space: nowrap
 * with an ellipsis) than the box shows, by more than 1 CSS px (sub-pixel layout). Measured before
 * the paint, on each change of `deps` (the text, whether it is opened) and each resize of the box.
 * False while the element is absent. Used by the inspector's why (WhyText) and a compare pane's
 * step text (PaneStory).
 */
export function useCutText(ref: RefObject<HTMLElement | null>, deps: DependencyList): boolean {
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = () => setCut(el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    read();
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return cut;
}
