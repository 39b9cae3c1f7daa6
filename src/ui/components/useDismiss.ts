// A popover's way out: a press anywhere outside it, or Escape, closes it, as a menu closes.
import { useEffect, type RefObject } from 'react';

/**
 * While `open`, closes the popover in `box` (its button included, so a press on the button is
 * left to the button) on a pointer press outside it or on Escape. The share link's field stayed
 * over the charts drawer, a person's press on the drawer's tab leaving it where it was.
 */
export function useDismiss(box: RefObject<HTMLElement | null>, open: boolean, close: () => void): void {
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!box.current?.contains(e.target as Node)) close();
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
