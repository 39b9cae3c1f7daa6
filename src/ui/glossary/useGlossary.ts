// The glossary's terms (glossary.ts) in a chunk of their own, loaded once by the first text that
// marks terms: the first page draws its text plain for a moment, then marked (the dotted underline
// does not move a line). Kept out of the initial JS (pre.md's budget).
import { useSyncExternalStore } from 'react';
import type { GlossaryTerm } from './glossaryMatch';

const NONE: readonly GlossaryTerm[] = [];
let terms: readonly GlossaryTerm[] = NONE;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

/**
 * Loads glossary.ts's terms (once; later calls return the same promise). A failed load (a chunk
 * lost in a redeploy) leaves the texts plain and is tried again by the next caller.
 */
export function loadGlossary(): Promise<void> {
  loading ??= import('./glossary').then(
    (m) => {
      terms = m.GLOSSARY;
      for (const l of listeners) l();
    },
    () => {
      loading = null;
    },
  );
  return loading;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  void loadGlossary();
  return () => listeners.delete(l);
}

/** The glossary's terms once loaded, none before (a text drawn meanwhile is plain, then redrawn marked). */
export function useGlossary(): readonly GlossaryTerm[] {
  return useSyncExternalStore(subscribe, () => terms);
}
