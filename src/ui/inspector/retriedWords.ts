// The request list's "↻N" mark in words (trial T2, item 8: "retried 8 times (a try 9 at some hop)" read as one hop's
// ninth try, where checkout retried 2 and the bridge hop 3 × 2, and no hop made a 9th).
import { formatCount } from '../format';

/**
 * The title of a kept request's retried mark: its `retries` (TraceSummary.retries, the tries after the first its
 * calls made, summed over every hop) said as a sum over hops, not one hop's try number: "8 retries over all hops
 * (a hop's own are in its waterfall)"; one retry "1 retry, at one hop". '' for 0, a negative or a non-finite count
 * (no mark is drawn then). Pure.
 */
export function retriedTitle(retries: number): string {
  if (!Number.isFinite(retries) || retries <= 0) return '';
  if (retries === 1) return '1 retry, at one hop (its waterfall shows where)';
  return `${formatCount(retries)} retries over all hops, added up (each hop's own are in the waterfall: a retry at an outer hop makes new first tries below it)`;
}
