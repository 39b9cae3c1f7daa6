// Keys for a presenter at the front of a room: Space plays or pauses, "." steps one event, and
// the narrative moves on with n / PageDown / → and back with p / PageUp / ← (what a clicker sends),
// f enters or leaves presenter mode (Escape leaves it).
import { useEffect } from 'react';
import { stepAt } from '../narrative/steps';
import { RunStatus } from '../state/store';
import { useServices } from '../state/useAppStore';

/** Ignore keys typed into controls, which handle Space themselves. */
function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('input, select, textarea, button, [contenteditable="true"]') !== null;
}

export function useShortcuts(): void {
  const { store, controller } = useServices();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isControl(e.target)) return;
      const status = store.getState().status;
      if (e.key === ' ') {
        e.preventDefault();
        if (status === RunStatus.playing) controller.pause();
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
        const target = stepAt(steps, s.stats.simTime) + (['n', 'PageDown', 'ArrowRight'].includes(e.key) ? 1 : -1);
        if (target >= 0 && target < steps.length) void controller.seek(steps[target].at);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, controller]);
}
