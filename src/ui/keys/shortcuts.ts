// Every key the app answers, in one list: the `?` dialog shows it (KeysDialog), and README.md's key table says the same
// (test/ui/shortcuts.test.ts checks the two agree). Session 37's trial N6 (F11): `?` did nothing, and the only list in
// the app (hello-mesh's "Reading the picture") left out b, 1-4, Shift+arrows, Home/End and Escape.

/** One row of the key table: the keys as a person reads them, and what they do. Plain data. */
export interface Shortcut {
  keys: string;
  does: string;
}

/**
 * The keys of the single view (components/useShortcuts.ts, narrative/QuestionView.tsx, changes/ChangePanel.tsx) and of
 * the compare view (compare/useCompareKeys.ts: Space, `.`, the story's keys, Shift+arrows, Home, End and `f` act on
 * both runs). Keys are not taken while typing in a field.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Space', does: 'play or pause' },
  { keys: '.', does: 'one event' },
  { keys: 'n, PageDown, → / p, PageUp, ←', does: "the story's next / previous step" },
  { keys: 'Shift+→ / Shift+←', does: 'one second on / back' },
  { keys: 'Home / End', does: 'to the start / the end' },
  { keys: 'f', does: 'presenter mode (Escape leaves it)' },
  { keys: '1 to 4', does: "answer the step's question" },
  { keys: 'b', does: 'Branch: the compare view, with the change in the Config change form made now; right after injecting a fault, the run without that fault beside the run with it' },
  { keys: '?', does: 'this list, in the app (Escape closes it)' },
];
