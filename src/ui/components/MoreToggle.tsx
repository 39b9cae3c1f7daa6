// A "more" / "less" for a text a box cuts (a line clamp, or one line with an ellipsis): whether it
// is cut, and the button, shown only while it is cut or opened.
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

/**
 * "more" while `cut` (the text is cut: useCutText), "less" while `open`; nothing when neither.
 * `className` and `testId` as the place wants them; a press flips `open` through `onToggle`.
 */
export function MoreToggle({ cut, open, onToggle, className, testId }: { cut: boolean; open: boolean; onToggle: (open: boolean) => void; className: string; testId: string }) {
  if (!cut && !open) return null;
  return (
    <button type="button" className={className} data-testid={testId} aria-expanded={open} onClick={() => onToggle(!open)}>
      {open ? 'less' : 'more'}
    </button>
  );
}
