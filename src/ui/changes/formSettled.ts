// When the change form stands still: the service it starts on and a gateway's route are filled in
// by the reach worker's answers, and Apply and Branch wait for them, so that the change they make
// is the one the form shows from then on (N19's item 1, session 49).
import type { ScenarioRef } from '../recipe/types';

/** What the form asks the reach worker for its starting service: the scenario and the policy targets, one string ('' when nothing to ask). Pure. */
export function defaultQuestion(ref: ScenarioRef | undefined, policyTargets: string): string {
  if (!ref || !policyTargets) return '';
  return `${ref.kind === 'inline' ? `inline\n${ref.fileName ?? ''}\n${ref.text}` : `builtin\n${ref.id}`}\n${policyTargets}`;
}

/**
 * Whether the form's target still waits for the reach worker's answer: a question is asked
 * (`asked`, defaultQuestion) that is not the one last answered (`answered`, null before any), and
 * the person has not picked a target of their own among `targets` (`target`). Until the answer the
 * form stands on the first service and then moves to the one whose default change acts: a branch
 * pressed in between went to that first service (retry-storm's web) while the form then showed the
 * answer (orders), and the link carried web (N19's item 1). Pure.
 */
export function targetPending(asked: string, answered: string | null, targets: readonly string[], target: string): boolean {
  return asked !== '' && asked !== answered && !targets.includes(target);
}

/**
 * A gate that Apply and Branch pass once the form stands still: `wait()` resolves at once when
 * `pending()` is false, else at the first `check()` (called after each commit of the form) that
 * finds it false. Resolves in any case after `maxMs` (a reach worker that never answers leaves the
 * form as it stands, as the person sees it).
 */
export function settleGate(pending: () => boolean, maxMs = 30_000): { wait(): Promise<void>; check(): void } {
  let waiting: (() => void)[] = [];
  const release = () => {
    const w = waiting;
    waiting = [];
    for (const f of w) f();
  };
  return {
    wait: () =>
      pending()
        ? new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, maxMs);
            waiting.push(() => {
              clearTimeout(timer);
              resolve();
            });
          })
        : Promise.resolve(),
    check: () => void (!pending() && release()),
  };
}
