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

/**
 * What a pane's title says after its side's label: " — Gateway only: policy at the edge (gateway-only)",
 * each of the scenario's title and its id once, left out where the label or the title already says
 * it (case aside). An opened file's title is its name, so "A · my-shop-gw-retry — my-shop-gw-retry
 * (my-shop-gw-retry)" is "A · my-shop-gw-retry" (trial T5, 9). '' when nothing is left. Pure.
 */
export function paneTitleTail(label: string, title: string, id: string): string {
  const said = (text: string, words: string) => words !== '' && text.toLowerCase().includes(words.toLowerCase());
  const head = said(label, title) ? '' : title;
  const tail = said(label, id) || said(head, id) ? '' : id;
  const parts = [head && `— ${head}`, tail && (head ? `(${tail})` : `— ${tail}`)].filter(Boolean);
  return parts.length ? ` ${parts.join(' ')}` : '';
}
