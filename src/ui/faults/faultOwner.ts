// Whose a fault is: the scenario's own (written in its file) or the person's (injected live).
// Trial N10, 7b: the why called the file's fault "an injected fault", and the fault list gave it
// a clear button beside "Clear injected faults (1)", which counted only the person's. Pure.
import type { FaultStatus, LiveAction } from '../../workers/protocol';

/**
 * How many of the run's listed faults are the scenario's own: the worker numbers the scenario's
 * faults first (0 ..) and then each injection replayed by now (liveActions.ts), and lists every
 * one of both; so all of `faults` less the injections taken at or before `nowMs`. Never below 0
 * (a list older than the actions). Pure.
 */
export function scenarioFaultCount(faults: readonly Pick<FaultStatus, 'id'>[], actions: readonly LiveAction[], nowMs: number): number {
  const injected = actions.reduce((n, a) => n + (a.kind === 'inject' && a.ms <= nowMs ? 1 : 0), 0);
  return Math.max(0, faults.length - injected);
}

/** 'scenario' for a fault numbered below `scenarioFaults` (scenarioFaultCount), else 'yours'. Pure. */
export const faultOwner = (id: number, scenarioFaults: number): 'scenario' | 'yours' => (id < scenarioFaults ? 'scenario' : 'yours');

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
