// Injections sent to the single view's worker and not yet answered. Key b branches on the fault
// just injected (faultBranch.ts) only once it is the recipe's last action: pressed within a moment
// of Inject, before the worker took the fault, it read the recipe without it and branched on the
// change form instead (N3's trial, session 33, item 8). The branch waits for these first.

const pending = new Set<Promise<unknown>>();

/** Notes `injection` (a call that puts a fault into the run) until it settles; returns it. Impure. */
export function trackInject<T>(injection: Promise<T>): Promise<T> {
  pending.add(injection);
  const done = () => void pending.delete(injection);
  injection.then(done, done);
  return injection;
}

/** Whether an injection is on its way to the worker now. */
export function injectPending(): boolean {
  return pending.size > 0;
}

/** Resolves once every injection sent so far (and any sent meanwhile) has settled, taken or refused. */
export async function injectsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
