// Where the config change form's change reaches, asked of the reach worker (reach.ts, through
// reachClient.ts) as the form is typed, and what the run would refuse in it: ChangePanel's check
// of the form before Apply or a branch, kept apart from the form itself.
import { useEffect, useState } from 'react';
import type { Problem } from '../state/store';
import type { Recipe } from '../recipe/types';
import { useServices } from '../state/useAppStore';
import type { buildChange } from './changeForm';
import type { FormReach } from './reach';
import { reachWorker, sourceOf } from './reachClient';

/** What the form's check found, each answer kept with the form (`formKey`) it was found for. */
export interface FormReachState {
  /** Where the form's change reaches, for the form as it is now; null while unknown, refused or not a change. */
  reach: FormReach | null;
  /**
   * What the run would refuse in the form's change (reach.ts changeProblems), or details that are
   * not a JSON object (details.ts), for the form as it was when checked (`key`): said under the
   * form as it is typed, before Apply or a branch would drop it.
   */
  refused: { key: string; problems: Problem[] } | null;
  /** Sets `refused` (a branch's own check of the change, for a b pressed before this check ran). */
  setRefused: (r: { key: string; problems: Problem[] }) => void;
}

/**
 * Checks the form's change 150 ms after the form (`formKey`, which stands for what `build`
 * reads) last changed: details that are not JSON are refused at once; a change the run refuses
 * is said; else where it reaches is asked of the reach worker now and each second after (the
 * design changes as the run passes its timed changes), one question at a time. No scenario
 * (`scenarioRef` undefined) gives no reach. A reach found for another form is never returned.
 */
export function useFormReach(formKey: string, scenarioRef: Recipe['scenario'] | undefined, actions: Recipe['actions'] | undefined, build: () => ReturnType<typeof buildChange>): FormReachState {
  const { store, frames } = useServices();
  // Kept with the form (formKey) it was found for: a form that has moved on since (the default
  // service arriving after the first check) never shows another service's reach.
  const [reachOf, setReachOf] = useState<{ key: string; reach: FormReach | null }>({ key: '', reach: null });
  const [refused, setRefused] = useState<{ key: string; problems: Problem[] } | null>(null);
  useEffect(() => {
    const b = scenarioRef ? build() : null;
    const key = formKey;
    const setReach = (r: FormReach | null) => setReachOf({ key, reach: r });
    if (!b || !scenarioRef) return void setReach(null);
    if (!b.ok) {
      // Details that are not a JSON object are said as typed too, after the same pause.
      setReach(null);
      const timer = setTimeout(() => setRefused({ key, problems: b.problems }), 150);
      return () => clearTimeout(timer);
    }
    let live = true;
    let interval: ReturnType<typeof setInterval> | undefined;
    const timer = setTimeout(() => {
      const api = reachWorker();
      const src = sourceOf(scenarioRef);
      void api.changeProblems(src, b.change).then((bad) => {
        if (!live) return;
        setRefused({ key, problems: bad });
        if (bad.length) return void setReach(null);
        let said = '';
        let asking = false;
        let askedAt = Number.NaN;
        const check = () => {
          // One question at a time: a worker still busy with the last (a large scenario on a busy
          // machine) is not asked again meanwhile. Nor at the moment it was last asked at: the
          // answer is the same while the run stands still (paused, it asked the reach worker each
          // second; session 40).
          const at = frames.latest?.simTime ?? store.getState().stats.simTime;
          if (asking || at === askedAt) return;
          asking = true;
          askedAt = at;
          void api.formReachOf(src, actions ?? [], at, b.change).then((r) => {
            asking = false;
            if (!live) return;
            const seen = JSON.stringify(r);
            if (seen !== said) setReach(r);
            said = seen;
          });
        };
        check();
        // The design changes as the run passes its timed changes: asked again each second.
        interval = setInterval(check, 1000);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
      clearInterval(interval);
    };
    // NOTE: build() reads the form; formKey stands for it.
  }, [formKey, scenarioRef, actions]); // eslint-disable-line react-hooks/exhaustive-deps
  return { reach: reachOf.key === formKey ? reachOf.reach : null, refused, setRefused };
}
