// Stands the kept picture's note where it covers no node or label (notePlace.ts): measured after
// each render that changes what it says, and on a resize. Thin: reads layout, sets the note's
// data-place and moves it there by a transform.
import { useLayoutEffect, type RefObject } from 'react';
import { noteBoxAt, notePlace, type NoteBox } from '../topology/notePlace';

/** The boxes of what the picture draws that the note must leave clear: each node (shape, name, caption) and each mesh's label. */
function drawnBoxes(stage: Element): NoteBox[] {
  return Array.from(stage.querySelectorAll('[data-testid="topology"] [data-node], [data-testid="topology"] .topo-mesh-label'))
    .map((e) => e.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0);
}

/** Places `note` (the kept note's button, null while none shows) on each change of `words`. */
export function useNotePlace(note: RefObject<HTMLElement | null>, words: string): void {
  useLayoutEffect(() => {
    const el = note.current;
    const stage = el?.closest('.topology')?.querySelector('.topology-stage');
    if (!el || !stage) return;
    const place = () => {
      el.style.cssText = '';
      const at = el.getBoundingClientRect();
      const s = stage.getBoundingClientRect();
      const to = notePlace(at, s, drawnBoxes(stage));
      el.dataset.place = to;
      if (to === 'top-right') return;
      // Moved by the px between its own place and the corner's (its containing block stays).
      const box = noteBoxAt(to, at, s);
      el.style.transform = `translate(${Math.round(box.left - at.left)}px, ${Math.round(box.top - at.top)}px)`;
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [note, words]);
}
