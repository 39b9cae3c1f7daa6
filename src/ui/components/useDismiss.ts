// A popover's way out: a press anywhere outside it, or Escape, closes it, as a menu closes.
import { useEffect, type RefObject } from 'react';

/**
 * While `open`, closes the popover in `box` (its button included, so a press on the button is
 * left to the button) on a pointer press outside it or on Escape. The share link's field stayed
 * over the charts drawer, a person's press on the drawer's tab leaving it where it was. `box` may
 * be several elements (the compare view's Share button and its link's row under the header): a
 * press inside any of them keeps it open. Pass a stable array (a module constant or useMemo).
 */
export function useDismiss(box: RefObject<HTMLElement | null> | readonly RefObject<HTMLElement | null>[], open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const boxes = Array.isArray(box) ? box : [box as RefObject<HTMLElement | null>];
    const away = (e: PointerEvent) => {
      if (!boxes.some((b) => b.current?.contains(e.target as Node))) close();
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('pointerdown', away);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('pointerdown', away);
      document.removeEventListener('keydown', key);
    };
  }, [box, open, close]);
}
