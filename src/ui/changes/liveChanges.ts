// A run's live config changes, as the ownership view and the change form's reach both read them.
import type { MadeChange } from '../../models/madeChanges';
import { changeSchema } from '../../scenario';
import type { LiveAction } from '../../workers/protocol';

/**
 * A run's live config changes (its recipe's `change` actions) with when each is made: the moment
 * it was made plus its own `at`. One the engine would refuse is left out. Pure.
 */
export function liveChanges(actions: readonly LiveAction[]): MadeChange[] {
  const out: MadeChange[] = [];
  for (const a of actions) {
    if (a.kind !== 'change') continue;
    const c = changeSchema.safeParse(a.change);
    if (c.success) out.push({ atMs: a.ms + c.data.at, change: c.data });
  }
  return out;
}
