// Keys for a presenter at the front of a room: Space plays or pauses, "." steps one event, and
// the narrative moves on with n / PageDown / → and back with p / PageUp / ← (what a clicker sends),
// Shift+← / Shift+→ seek 1 s back or forward, Home and End seek to the start and the end (as in
// the compare view), f enters or leaves presenter mode (Escape leaves it). They work whatever was
// clicked last (a focused button does not take Space, but Open file… does; a focused select, such as the scenario
// picker, keeps its plain arrows but not Shift+arrows, Home or End), except while typing in a field.
import { useEffect } from 'react';
import { stepAt } from '../narrative/steps';
import { createOpeningKeys } from './openingKeys';
import { storyMoveTo } from '../narrative/stepLanding';
import { RunStatus } from '../state/store';
import { useServices } from '../state/useAppStore';

/** Input types that take no typing: a key pressed on them is a shortcut. */
const NOT_TYPED = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'range', 'color', 'image']);

/** True while a person types in a field (text inputs, text areas, editable text), where keys are theirs. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPED.has(target.type) && !target.readOnly;
}

/** A focused select keeps the plain arrow keys, which change its choice (Shift+arrows seek). */
function keepsArrows(target: EventTarget | null): boolean {
  return target instanceof HTMLSelectElement;
}

/**
 * A focused control marked `data-own-space` keeps Space, which presses it: Open file… (a person
 * tabbing to it expects Space to open the chooser, as on any button; trial S50), not Play.
 */
function keepsSpace(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[data-own-space]') !== null;
}

/** How far Shift+← / Shift+→ seek, simulated ms. */
export const SHIFT_SEEK_MS = 1000;

export function useShortcuts(): void {
  const { store, controller } = useServices();
  useEffect(() => {
    // Moving keys pressed while the run opens (loading, or on its way to a link's moment) wait for it.
    const gate = createOpeningKeys(store, (s) => s.status === RunStatus.loading, (s) => s.seekingTo === null);
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const arrow = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
      if (arrow && !e.shiftKey && keepsArrows(e.target)) return;
      if (e.key === ' ' && keepsSpace(e.target)) return;
      gate.pass(e, movesTheRun, act);
    };
    const act = (e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'preventDefault'>) => {
      const status = store.getState().status;
      const arrow = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
      if (e.key === 'Home' || e.key === 'End') {
        const s = store.getState();
        if (!s.info || status === RunStatus.loading || status === RunStatus.crashed) return;
        // NOTE: also on a focused select, whose Home/End would otherwise pick another scenario.
        e.preventDefault();
        void controller.seek(e.key === 'Home' ? 0 : s.info.durationMs);
      } else if (arrow && e.shiftKey) {
        const s = store.getState();
        if (!s.info || status === RunStatus.loading || status === RunStatus.crashed) return;
        e.preventDefault();
        // From where the last seek is going, so held keys add up.
        const from = s.seekingTo ?? s.stats.simTime;
        void controller.seek(Math.max(0, Math.min(s.info.durationMs, from + (e.key === 'ArrowRight' ? SHIFT_SEEK_MS : -SHIFT_SEEK_MS))));
      } else if (e.key === ' ') {
        // NOTE: also on a focused button, which would otherwise be clicked by this Space.
        e.preventDefault();
        if (status === RunStatus.playing || store.getState().opening?.playOnOpen) controller.pause();
        else controller.play();
      } else if (e.key === '.') {
        void controller.step();
      } else if (e.key === 'f' || (e.key === 'Escape' && store.getState().presenter)) {
        store.setState((d) => void (d.presenter = e.key === 'f' ? !d.presenter : false));
      } else if (['n', 'PageDown', 'ArrowRight', 'p', 'PageUp', 'ArrowLeft'].includes(e.key)) {
        const s = store.getState();
        const steps = s.info?.narrative ?? [];
        if (steps.length === 0 || status === RunStatus.loading || status === RunStatus.crashed) return;
        e.preventDefault();
        // From the step the last seek is going to, so presses made while it runs queue up (the
        // panel says "going to step 4"): from the clock's step, a press at 23 s on the way to step 4
        // at 25 s asked for step 4 again, and the panel, clock and header disagreed (N-report 3).
        const forward = ['n', 'PageDown', 'ArrowRight'].includes(e.key);
        // In presenter mode a forward move first brings the room's question into view when it lies
        // below the story column: the next step answers it (trial N17, 2: at 1280x720 `n` showed
        // retry-storm's answer, 27, before the room saw the question).
        if (forward && s.presenter && s.seekingTo === null && showQuestionFirst()) return;
        const target = stepAt(steps, s.seekingTo ?? s.stats.simTime) + (forward ? 1 : -1);
        if (target >= 0 && target < steps.length) {
          store.setState((d) => void d.storyMoves++);
          void controller.seek(storyMoveTo(s, target));
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      gate.dispose();
    };
  }, [store, controller]);
}

/** The keys that move a run through time (seek, step, story steps): those a run still opening holds. */
export function movesTheRun(key: string): boolean {
  return ['Home', 'End', 'ArrowLeft', 'ArrowRight', '.', 'n', 'PageDown', 'p', 'PageUp'].includes(key);
}

/**
 * Scrolls the story column so the question still to be answered (its prompt and every choice)
 * shows, when its choices end below the column's foot; true when it scrolled, false when there is
 * no such question or it is already in view. Reads and scrolls the DOM (the story panel's
 * `[data-testid="question"][data-state="ahead"]` in its `.panel` column).
 */
export function showQuestionFirst(): boolean {
  const q = document.querySelector<HTMLElement>('[data-testid="question"][data-state="ahead"]');
  const choices = q?.querySelector<HTMLElement>('.question-choices');
  const column = q?.closest<HTMLElement>('.panel');
  if (!q || !choices || !column) return false;
  const foot = column.getBoundingClientRect().top + column.clientTop + column.clientHeight;
  if (choices.getBoundingClientRect().bottom <= foot + 0.5) return false;
  q.scrollIntoView({ block: 'end', behavior: 'instant' });
  return true;
}
