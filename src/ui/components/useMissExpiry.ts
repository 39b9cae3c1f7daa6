// Find's miss ("no node named …; did you mean svc-500?") goes on its own (trial N12, 6b: it stayed
// over the picture's svc 900–999 tiles for a whole 3-minute play, until dismissed by its x).
import { useEffect, useRef } from 'react';

/**
 * How long a miss stays when nothing is done, ms: long enough to read it and reach its suggestion
 * (two short sentences at a slow reading pace), short against a play of minutes.
 */
export const MISS_NOTE_MS = 8000;

/**
 * While `miss` is not null (the missed search's answer shown; a new answer object starts the wait
 * again), calls `clear` after MISS_NOTE_MS, or at once
 * on Escape anywhere (the event goes on to its other listeners: presenter mode's Escape still
 * leaves). The wait starts again on every hold's end: `hold(true)` while the pointer is over the
 * answer or focus is in it (the suggestion a person is reaching for is not taken away under them).
 * Typing and a click on the picture are the caller's (they know their own handlers). Returns `hold`.
 */
export function useMissExpiry(miss: object | null, clear: () => void): (held: boolean) => void {
  const clearRef = useRef(clear);
  clearRef.current = clear;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const held = useRef(false);
  const missRef = useRef(miss);
  missRef.current = miss;
  const stop = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  const start = () => {
    stop();
    if (missRef.current !== null && !held.current) timer.current = setTimeout(() => clearRef.current(), MISS_NOTE_MS);
  };
  useEffect(() => {
    if (!miss) {
      stop();
      held.current = false;
      return;
    }
    start();
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') clearRef.current();
    };
    document.addEventListener('keydown', key);
    return () => {
      stop();
      document.removeEventListener('keydown', key);
    };
  }, [miss]);
  return (h: boolean) => {
    held.current = h;
    if (h) stop();
    else start();
  };
}
