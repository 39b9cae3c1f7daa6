// Whose a fault is: the scenario's own (written in its file) or the person's (injected live).
// Trial N10, 7b: the why called the file's fault "an injected fault", and the fault list gave it
// a clear button beside "Clear injected faults (1)", which counted only the person's. Pure.
// Trial N11, 3: the count was guessed here from the clock (the listed faults less the injections
// at or before now), so after a seek back an injection still to come read "the scenario's"; the
// worker now tags each listed fault with its owner (FaultStatus.owner), the one source.
import type { FaultStatus } from '../../workers/protocol';

/**
 * Whose a listed fault is: its `owner` as the worker tagged it (recipe.ts faultStatuses); a fault
 * without one (a hand-made list) is the person's. Pure.
 */
export const faultOwner = (f: Pick<FaultStatus, 'owner'>): 'scenario' | 'yours' => f.owner ?? 'yours';

/** How many of `faults` are the scenario's own (faultOwner); 0 for an empty list. Pure. */
export const scenarioFaultCount = (faults: readonly Pick<FaultStatus, 'owner'>[]): number => faults.reduce((n, f) => n + (faultOwner(f) === 'scenario' ? 1 : 0), 0);

/**
 * "The scenario's fault was", "Your 2 faults were", … : the start of a sentence naming faults
 * of one owner, `verb` its singular ("was", "acts"; plural "were", "act"). Pure.
 */
export function faultsOf(owner: 'scenario' | 'yours', count: number, verb: 'was' | 'acts'): string {
  const whose = owner === 'scenario' ? "The scenario's" : 'Your';
  const noun = count === 1 ? 'fault' : `${count} faults`;
  const v = count === 1 ? verb : verb === 'was' ? 'were' : 'act';
  return `${whose} ${noun} ${v}`;
}
