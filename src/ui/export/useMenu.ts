// What the header's menus share (the single view's Export menu, the compare view's): open and
// shut, shut by a press outside or Escape, and one job at a time whose outcome the menu says.
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useDismiss } from '../components/useDismiss';

/** A menu's state: whether it is open, the job under way (its name), and what the last one said. */
export interface Menu {
  box: RefObject<HTMLDivElement | null>;
  open: boolean;
  setOpen: (f: (open: boolean) => boolean) => void;
  busy: string | null;
  setBusy: (what: string | null) => void;
  said: { text: string; bad: boolean } | null;
  /**
   * Runs `job` (which loads the exporters itself) and says "`verb` NAME." ("Saved retry-storm-30s.csv.", "Copied the
   * figures as a table.") or the Error's message.
   */
  run: (what: string, job: () => Promise<string>, verb?: string) => Promise<void>;
}

/** A menu under a button inside `box`: a press outside it or Escape shuts it. */
export function useMenu(): Menu {
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [said, setSaid] = useState<{ text: string; bad: boolean } | null>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(box, open, close);
  const run = async (what: string, job: () => Promise<string>, verb = 'Saved') => {
    setBusy(what);
    setSaid(null);
    try {
      setSaid({ text: `${verb} ${await job()}.`, bad: false });
    } catch (e) {
      setSaid({ text: e instanceof Error ? e.message : String(e), bad: true });
    } finally {
      setBusy(null);
    }
  };
  return { box, open, setOpen, busy, setBusy, said, run };
}
