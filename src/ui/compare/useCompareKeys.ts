// The compare view's keyboard: the single view's keys, acting on both runs.
import { useEffect } from 'react';
import { createOpeningKeys } from '../components/openingKeys';
import { isTyping, movesTheRun } from '../components/useShortcuts';
import { noPair } from './pairs';
import type { CompareController, ComparePane } from './compareController';
import { stepAt } from '../narrative/steps';

/**
 * The steps of both runs' stories, merged by time (a branch's two are one story): what n/p and
 * ←/→ move through. Each step's `at` in simulated ms. Pure.
 */
export function storyTimes(panes: readonly Pick<ComparePane, 'info'>[]): number[] {
  return storySteps(panes).map((x) => x.at);
}

/** A moment of the merged story (storySteps): its time, simulated ms, its title, and each side's own step there. */
export interface StoryStep {
  at: number;
  /** A's step's title where A has one at this time, else B's. */
  title: string;
  /** The step's index in A's and in B's own story at this time; null where that side has none then. */
  own: [number | null, number | null];
}

/**
 * The story steps n/p move through (storyTimes), each with the title the timeline's marker shows: A's step where both
 * runs have one at that time (a branch's two are one story), else B's; and each side's own step index
 * there, by which a marker is numbered as the panes number their steps. `at` in simulated ms. Pure.
 */
export function storySteps(panes: readonly Pick<ComparePane, 'info'>[]): StoryStep[] {
  const byTime = new Map<number, StoryStep>();
  panes.forEach((p, i) => {
    (p.info.narrative ?? []).forEach((x, k) => {
      const at = byTime.get(x.at) ?? { at: x.at, title: x.title, own: [null, null] };
      at.own[i === 0 ? 0 : 1] ??= k;
      byTime.set(x.at, at);
    });
  });
  return [...byTime.values()].sort((x, y) => x.at - y.at);
}

/**
 * What a merged step's marker reads, by the panes' own numbering: "4" where both sides are at their step 4 there (or
 * only one pane has a story: `bothTold` false), "A4" or "B5" where one side alone has a step then, "A4 B5" where A's
 * 4 and B's 5 fall together, each named by its side: "4|5" read as two markers drawn one over the other (N13's
 * trial, gateway-only vs gateway-and-mesh at 40 s). Pure.
 */
export function storyMarkerText(own: StoryStep['own'], bothTold: boolean): string {
  const [a, b] = own;
  if (!bothTold || a === b) return String((a ?? b ?? 0) + 1);
  if (a === null) return `B${b! + 1}`;
  if (b === null) return `A${a + 1}`;
  return `A${a + 1} B${b + 1}`;
}

/**
 * Each run's current step at `simTime` (ms), by its own story (stepAt): "A · Step 5 of 5 · What would help" and
 * "B · Step 5 of 6 · What it costs in CPU"; one line with no side where both name the same step of one story (a
 * branch, or one scenario on both sides), and a side with no story or before its first step left out. Pure.
 */
export function ownStepHeads(panes: readonly Pick<ComparePane, 'side' | 'info'>[], simTime: number): { side: 'A' | 'B' | null; text: string }[] {
  const heads = panes.flatMap((p) => {
    const list = p.info.narrative ?? [];
    const i = stepAt(list, simTime);
    return i < 0 ? [] : [{ side: p.side, text: `Step ${i + 1} of ${list.length} · ${list[i].title}` }];
  });
  if (heads.length === 2 && heads[0].text === heads[1].text) return [{ side: null, text: heads[0].text }];
  return heads.map((h) => ({ side: h.side, text: panes.length === 2 ? `${h.side} · ${h.text}` : h.text }));
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
