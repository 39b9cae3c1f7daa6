// `?` opens the key list (KeysDialog) and Escape or `?` closes it, over either view, except while typing in a field.
// While it is open it is modal for keys too: they go to it (Tab, Enter on its button), not to the run behind it.
import { useEffect, useRef, useState } from 'react';
import { isTyping } from '../components/useShortcuts';

/** Whether the key list is open, and how to close it; `?` toggles it, Escape closes it. */
export function useKeysDialog(): { open: boolean; close: () => void } {
  const [open, setOpen] = useState(false);
  const isOpen = useRef(false);
  isOpen.current = open;
  useEffect(() => {
    // In the capture phase at the window, before the views' own key listeners there (useShortcuts, useCompareKeys),
    // so Escape closes the list without also leaving presenter mode, and Space does not play the run behind it.
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '?' || (isOpen.current && e.key === 'Escape')) {
        e.preventDefault();
        e.stopPropagation();
        setOpen((o) => (e.key === 'Escape' ? false : !o));
      } else if (isOpen.current && e.key !== 'Tab') e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return { open, close: () => setOpen(false) };
}
