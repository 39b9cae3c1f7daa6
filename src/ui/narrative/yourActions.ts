// What a person changed in the run themselves, said beside a lesson's number: a teacher who
// injected a fault reads "lesson: at least 99%" against 67.6% and must see why (helper N2, session 26).
import type { LiveAction } from '../../workers/protocol';

/**
 * A note that the run holds the person's own live actions by `nowMs` (simulated ms): "your fault
 * is in this run", "your 2 faults and config change are in this run", or null when none was
 * taken at or before it (injections and changes; a clear only ends one). The lesson's number is
 * the scenario's as written, so a figure measured with them may differ from it. Pure.
 */
export function yourActionsNote(actions: readonly LiveAction[], nowMs: number): string | null {
  let faults = 0;
  let changes = 0;
  for (const a of actions) {
    if (a.ms > nowMs) continue;
    if (a.kind === 'inject') faults++;
    else if (a.kind === 'change') changes++;
  }
  const parts: string[] = [];
  if (faults > 0) parts.push(faults === 1 ? 'fault' : `${faults} faults`);
  if (changes > 0) parts.push(changes === 1 ? 'config change' : `${changes} config changes`);
  if (parts.length === 0) return null;
  const plural = faults + changes > 1;
  return `your ${parts.join(' and ')} ${plural ? 'are' : 'is'} in this run`;
}
