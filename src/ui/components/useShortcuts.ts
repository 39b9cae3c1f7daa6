// Keys for a presenter at the front of a room: Space plays or pauses, "." steps one event.
import { useEffect } from 'react';
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
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, controller]);
}
