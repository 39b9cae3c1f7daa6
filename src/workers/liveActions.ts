// What a person did to a run while it played: faults injected and faults cleared, each at the
// exact point of the event sequence where it happened. Replaying them at those points makes a
// run that was seeked back, reset or reopened from a link repeat bit for bit. Pure functions.

/**
 * A point of a run: the simulated time, ms, and the number of events processed when it was
 * reached. The count pins the point down where many events share one time (the clock alone
 * cannot say how many of them had run). `ev` -1 is a point not pinned yet: after every event
 * up to `ms`; it is pinned when the run first reaches it (counts from another run do not hold
 * once the actions before them changed).
 */
export interface RunPoint {
  ms: number;
  ev: number;
}

/** `ev` of a point known only by its time (see RunPoint). */
export const UNPINNED = -1;

/**
 * One thing a person did live. `inject` carries the fault as it was given (its `at` and `for`
 * count from the point); `clear` names the fault by its number in the run: the scenario's own
 * faults first, then the injections in the order they are replayed.
 */
export type LiveAction =
  | (RunPoint & { kind: 'inject'; fault: Record<string, unknown> })
  | (RunPoint & { kind: 'clear'; id: number })
  /** A config change made live (issue 12.2), as given: its `at` counts from the point. */
  | (RunPoint & { kind: 'change'; change: Record<string, unknown> });

/** True when `a` comes before `b` in a run. Pure. */
export function pointBefore(a: RunPoint, b: RunPoint): boolean {
  if (a.ev === UNPINNED || b.ev === UNPINNED) return a.ms < b.ms;
  return a.ev < b.ev || (a.ev === b.ev && a.ms < b.ms);
}

/**
 * `actions` with `action` inserted at `index` (where the run is now), as a new list. The actions
 * after it are unpinned (kept at their times): the new one adds events, so the counts they had
 * no longer hold. An injection placed before later injections takes the fault number they had,
 * so later clears of those are renumbered: each clear after `index` naming a fault numbered
 * `newId` or more names the next one. `newId` is the number the new fault gets in the run (the
 * faults it has so far). Pure.
 */
export function insertAction(actions: readonly LiveAction[], index: number, action: LiveAction, newId: number): LiveAction[] {
  const later = actions.slice(index).map((a): LiveAction => {
    const renumber = action.kind === 'inject' && a.kind === 'clear' && a.id >= newId;
    return renumber ? { ...a, id: (a as { id: number }).id + 1, ev: UNPINNED } : { ...a, ev: UNPINNED };
  });
  return [...actions.slice(0, index), action, ...later];
}

/**
 * The actions without the injections, and without the clears of injected faults (numbered
 * `scenarioFaults` or more): what "Clear injected faults" leaves. Clears of the scenario's own
 * faults and live config changes stay, at their times but unpinned: the event counts they had were of a run with the
 * injections. Pure.
 */
export function withoutInjected(actions: readonly LiveAction[], scenarioFaults: number): LiveAction[] {
  // Live config changes are not faults: they stay.
  const kept = actions.filter((a) => (a.kind === 'clear' && a.id < scenarioFaults) || a.kind === 'change');
  return kept.length === actions.length ? [...actions] : kept.map((a) => ({ ...a, ev: UNPINNED }));
}

/** The largest double below `x` (x > 0), so running to it runs every event before `x`. Pure. */
export function justBefore(x: number): number {
  if (!(x > 0)) return 0;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}
