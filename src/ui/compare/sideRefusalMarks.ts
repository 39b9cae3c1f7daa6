// The shared timeline's first-refusal ticks of both runs (CompareRefusalMarks.tsx), as plain data: a moment both
// runs have is one tick, else each its side's. A .ts module of its own so unit tests import it without JSX.
import type { RefusalMark } from '../components/expiredHandshakesWords';

/** One tick: its moment, whose it is ('A', 'B' or both), and its words. */
export interface SideRefusalMark {
  ms: number;
  sides: 'A' | 'B' | 'AB';
  label: string;
}

/**
 * A's marks and B's (refusalMarks of each run) as ticks: a moment in both is one tick 'AB' with A's words,
 * else each its side's, said "in A only" / "in B only"; earliest first, A before B at one time. Pure.
 */
export function sideRefusalMarks(a: readonly RefusalMark[], b: readonly RefusalMark[]): SideRefusalMark[] {
  const inB = new Map(b.map((m) => [m.ms, m]));
  const inA = new Set(a.map((m) => m.ms));
  const out: SideRefusalMark[] = [
    ...a.map((m) => (inB.has(m.ms) ? { ms: m.ms, sides: 'AB' as const, label: `${m.label} (in both runs)` } : { ms: m.ms, sides: 'A' as const, label: `${m.label} (in A only)` })),
    ...b.filter((m) => !inA.has(m.ms)).map((m) => ({ ms: m.ms, sides: 'B' as const, label: `${m.label} (in B only)` })),
  ];
  return out.sort((x, y) => x.ms - y.ms || x.sides.localeCompare(y.sides));
}
