// A change put in the Config change form from elsewhere (session 45, U1: the expiry note's lever was a hint to type
// by hand): the fault form's button fills the form, the person still presses Apply, so the change joins the run's
// recipe (share link, rewind) as one made by hand does.
import { createStore } from 'zustand/vanilla';

/** The last change asked for (`change`: a scenario `changes` entry without `at`), numbered so the same one twice fills twice. */
export interface ChangeFill {
  n: number;
  change: Record<string, unknown> | null;
}

/** Read by ChangePanel, which fills its fields (changeForm.ts alternativeForm) and scrolls to them. */
export const changeFillStore = createStore<ChangeFill>(() => ({ n: 0, change: null }));

/** Asks the Config change form to show `change` (type, its target field, the rest as details). Nothing is applied. */
export function fillChangeForm(change: Record<string, unknown>): void {
  changeFillStore.setState((s) => ({ n: s.n + 1, change }));
}
