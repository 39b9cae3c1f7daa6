// The compare view's keyboard: the single view's keys, acting on both runs.
import { useEffect } from 'react';
import { createOpeningKeys } from '../components/openingKeys';
import { isTyping, movesTheRun } from '../components/useShortcuts';
import { noPair } from './pairs';
import type { CompareController, ComparePane } from './compareController';

/**
 * The steps of both runs' stories, merged by time (a branch's two are one story): what n/p and
 * ←/→ move through. Each step's `at` in simulated ms. Pure.
 */
export function storyTimes(panes: readonly Pick<ComparePane, 'info'>[]): number[] {
  return storySteps(panes).map((x) => x.at);
}

/**
 * The story steps n/p move through (storyTimes), each with the title the timeline and its step head show: A's step
 * where both runs have one at that time (a branch's two are one story), else B's, named as B's. `at` in simulated ms. Pure.
 */
export function storySteps(panes: readonly Pick<ComparePane, 'info'>[]): { at: number; title: string }[] {
  const byTime = new Map<number, string>();
  // B's own step says so ("B: Recovery") where A's story has none at its time.
  panes.forEach((p, i) => {
    for (const x of p.info.narrative ?? []) if (!byTime.has(x.at)) byTime.set(x.at, i === 0 ? x.title : `B: ${x.title}`);
  });
  return [...byTime].map(([at, title]) => ({ at, title })).sort((x, y) => x.at - y.at);
}

/**
 * The single view's keys (useShortcuts), acting on both runs: Space plays or pauses, `.` steps,
 * n / p (also → / ←, PageDown / PageUp) go to the next or previous narrative step, Shift+← / →
 * seek a second, Home and End to the start and the end, `f` presenter mode (Escape leaves it).
 * Not while typing in a field; a focused select keeps its arrows.
 */
export function useCompareKeys(controller: CompareController) {
  useEffect(() => {
    // Moving keys pressed while the pair opens (both loading, or on their way to the link's moment)
    // wait for it: Shift+→ then moved to 1 s, and the link's 5 s overtook it (N7's trial, finding 4).
    const gate = createOpeningKeys(controller.store, (s) => s.status === 'loading', (s) => s.seekingTo === null);
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const arrow = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
      if (arrow && !e.shiftKey && e.target instanceof HTMLSelectElement) return;
      gate.pass(e, movesTheRun, act);
    };
    const act = (e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'preventDefault'>) => {
      const s = controller.store.getState();
      const arrow = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
      if (e.key === ' ') {
        e.preventDefault();
        if (s.status === 'playing') void controller.pause();
        else controller.play();
      } else if (e.key === '.') void controller.step();
      else if (e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        void controller.seek(e.key === 'Home' ? 0 : s.durationMs);
      } else if (arrow && e.shiftKey) {
        e.preventDefault();
        void controller.seek((s.seekingTo ?? s.simTime) + (e.key === 'ArrowLeft' ? -1000 : 1000));
      } else if ((e.key === 'f' && !noPair(controller.panes, s)) || (e.key === 'Escape' && s.presenter)) {
        controller.setPresenter(e.key === 'f' ? !s.presenter : false);
      } else if (['n', 'PageDown', 'ArrowRight', 'p', 'PageUp', 'ArrowLeft'].includes(e.key)) {
        const times = storyTimes(controller.panes);
        if (times.length === 0 || s.status === 'loading' || s.status === 'failed') return;
        e.preventDefault();
        const now = s.seekingTo ?? s.simTime;
        const target = times.filter((at) => at <= now).length - 1 + (['n', 'PageDown', 'ArrowRight'].includes(e.key) ? 1 : -1);
        if (target >= 0 && target < times.length) void controller.seek(times[target]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      gate.dispose();
    };
  }, [controller]);
}
