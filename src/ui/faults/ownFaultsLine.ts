// The person's own faults in one line under the scenario's title (trial N12, 5): a participant
// opening a teacher's link at 1024x768 saw "failed 58 · http-5xx" and no sign of the injected fault
// that made them above the fold, its only trace a mark on the timeline and the fault list far
// below the story. Pure.
import type { FaultStatus, LiveAction } from '../../workers/protocol';
import { faultOwner } from './faultOwner';
import { changeSummary } from '../changes/summary';
import { actionSpan } from '../narrative/yourActions';
import { faultName, faultWhere } from './faultName';
import { formatClock } from '../format';

/** How many faults the line names one by one; the rest are counted ("and 2 more"). */
export const NAMED_FAULTS = 2;

/**
 * Seconds as the fault list writes them (formatClock, faultState.ts: cut down to the clock's last
 * digit, so the two agree), without the unit and trailing zeros: 4000 → "4", 10000 → "10", 4500 →
 * "4.5", 1999.998 → "1.99" (a moment a link wrote as 1999.998 ms), 11999.998 → "11.9".
 */
function seconds(ms: number): string {
  return formatClock(ms)
    .replace(/ s$/, '')
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/**
 * One fault as the line names it: "HTTP errors on cart 40% → 500, 4–10 s"; one still lasting
 * with no end set, "…, from 4 s"; a one-shot (its end is its start), "…, at 4 s". The window is
 * when it acted or will (its end if ended, else when its `for` runs out). Pure.
 */
export function ownFaultWords(f: Pick<FaultStatus, 'type' | 'target' | 'amount' | 'startMs' | 'endMs' | 'untilMs'>): string {
  const what = `${faultName(f.type)} ${faultWhere(f.type, f.target)}${f.amount ? ` ${f.amount}` : ''}`;
  const end = f.endMs ?? f.untilMs;
  const when = end === null ? `from ${seconds(f.startMs)} s` : end <= f.startMs ? `at ${seconds(f.startMs)} s` : `${seconds(f.startMs)}–${seconds(end)} s`;
  return `${what}, ${when}`;
}

/**
 * One config change the person made as the line names it: "maxConnectionDuration 1s on ledger, from
 * 12 s" (changeSummary's words; a change persists from when it acts, its point plus its `at`). Pure.
 */
export function ownChangeWords(a: LiveAction & { kind: 'change' }): string {
  const { at: _at, ...change } = a.change;
  return `${changeSummary(change)}, from ${seconds(actionSpan(a)?.fromMs ?? a.ms)} s`;
}

/**
 * The line for the run's faults the person injected (faultOwner 'yours', the worker's tag; the
 * scenario's own are its story, not said here) and the config changes they made (`actions`' of kind
 * 'change', the recipe's live actions): "This run includes 1 injected fault: HTTP errors on cart
 * 40% → 500, 4–10 s", "This run includes 1 injected fault and 1 config change: expire certificates
 * on payments-bridge, at 10 s; maxConnectionDuration 1s on ledger, from 12 s" (session 51's T2
 * trial, 11: a link carrying both said only the fault), naming the first NAMED_FAULTS, faults in run
 * order then changes in theirs, and counting the rest ("…; and 2 more"). null when there are none.
 * Pure; its inputs are not changed.
 */
export function ownFaultsLine(faults: readonly FaultStatus[], actions: readonly LiveAction[] = []): string | null {
  const own = faults.filter((f) => faultOwner(f) === 'yours').sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  const changes = actions.filter((a): a is LiveAction & { kind: 'change' } => a.kind === 'change');
  if (own.length + changes.length === 0) return null;
  const words = [...own.map(ownFaultWords), ...changes.map(ownChangeWords)];
  const named = words.slice(0, NAMED_FAULTS);
  const rest = words.length - named.length;
  const nouns = [own.length === 0 ? '' : own.length === 1 ? '1 injected fault' : `${own.length} injected faults`, changes.length === 0 ? '' : changes.length === 1 ? '1 config change' : `${changes.length} config changes`].filter(Boolean);
  return `This run includes ${nouns.join(' and ')}: ${named.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}`;
}
