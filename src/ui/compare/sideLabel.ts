// What each side of a pair is called on screen.
import type { CompareState } from './compareStore';

/**
 * What a side is called on screen: "A · as run" and "B · with timeout 5ms on payments at
 * 15.0 s" in a branch ("… · no effect" when B's change reaches no request), else
 * "A · retry-storm". Pure.
 */
export function sideLabel(s: Pick<CompareState, 'labels' | 'pair'> & Partial<Pick<CompareState, 'branchNoEffect'>>, i: 0 | 1): string {
  return `${'AB'[i]} · ${s.labels ? s.labels[i] : (s.pair?.[i] ?? '')}${s.labels && i === 1 && s.branchNoEffect ? ' · no effect' : ''}`;
}
