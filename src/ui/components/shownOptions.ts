// A long list of a select's options (1,000 targets in Istio's full load test) rendered after the
// rest of a newly opened scenario's panels, in React's deferred render, not in the one task that
// renders them all.
import { startTransition, useDeferredValue, useEffect, useState } from 'react';
import { nextTask } from '../sim/nextTask';

/**
 * Lists longer than this are rendered whole only in a deferred render. NOTE: two lists of 1,000
 * `<option>`s (the fault form's and the change form's targets) were 2,000 of the 2,400 elements
 * created in the task that rendered the opened scenario (bench:ui openLongestTaskMs, limit 50 ms).
 */
export const DEFERRED_OPTIONS = 100;

/**
 * The options a select renders now: `options` itself when it holds at most DEFERRED_OPTIONS, or
 * once React's deferred render (useDeferredValue, time-sliced, committed in a task of its own)
 * has caught up with it; until then only the chosen one (whose value is `chosen`), so the select
 * shows its value from the first paint. `valueOf` gives an option's value. Pure but for the hook;
 * a list that changes (another scenario, another kind of target) is deferred again. With `later`,
 * a long list is rendered whole one render after the deferred one (the change form's targets after
 * the fault form's).
 */
export function useShownOptions<T>(options: readonly T[], valueOf: (o: T) => string, chosen: string, later = false): readonly T[] {
  // A string, compared by value: the caller's array may be a new one on each render.
  const key = options.length > DEFERRED_OPTIONS ? `${options.length}\n${options.map(valueOf).join('\n')}` : '';
  const caughtUp = useDeferredValue(key, '');
  // `later`: a render of its own after that one's commit (a transition begun in a task after it),
  // so two long lists are laid out in two tasks, not one (2,000 options: 40-55 CPU ms, session 35).
  const [afterward, setAfterward] = useState('');
  useEffect(() => {
    if (!later || caughtUp !== key || afterward === key) return;
    let live = true;
    void nextTask().then(() => live && startTransition(() => setAfterward(key)));
    return () => void (live = false);
  }, [later, caughtUp, key, afterward]);
  const shown = later ? (key === '' ? '' : afterward) : caughtUp;
  return shown === key ? options : options.filter((o) => valueOf(o) === chosen);
}
