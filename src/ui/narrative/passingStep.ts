// The story while a seek passes through steps on its way to another (trial N10, 7): a share link
// at 30 s took seconds to get there, and meanwhile the column showed step 2 and under it step 3's
// question, "pick an answer", which the landing then revealed answered. While a seek is on its way
// to another step, the column shows that step's title and text instead, its figure and question
// held until the run gets there.
import { useEffect, useState } from 'react';

/**
 * Wall ms a seek must run before the story shows its target step instead of the clock's: a seek
 * of a key press or a click on the timeline lands within a frame or two, and the column would
 * flash the target and back.
 */
export const PASSING_DELAY_MS = 250;

/**
 * The step a seek is on its way to when it is another step than the clock's: `going` the seek's
 * target step (null: no seek runs; -1: before the first step), `index` the clock's step. -1 when
 * the story shows the clock's step. Pure.
 */
export function passingTarget(going: number | null, index: number): number {
  return going !== null && going >= 0 && going !== index ? going : -1;
}

/**
 * passingTarget, once the seek has been on its way to that step for PASSING_DELAY_MS wall ms
 * (`delayMs`); -1 before then and once it lands.
 */
export function usePassingStep(going: number | null, index: number, delayMs = PASSING_DELAY_MS): number {
  const target = passingTarget(going, index);
  const [ready, setReady] = useState(-1);
  useEffect(() => {
    if (target < 0) return setReady(-1);
    const t = setTimeout(() => setReady(target), delayMs);
    return () => clearTimeout(t);
  }, [target, delayMs]);
  return target >= 0 && ready === target ? target : -1;
}
