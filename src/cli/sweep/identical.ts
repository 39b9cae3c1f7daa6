// Points of a sweep that ran the same runs: a swept value the model never reaches (one retry
// always lands on a good replica, so 1 and 3 attempts run alike) gives figures equal to the last
// digit, and a reader doubted the sweep (trial T5, 9). Said under the table and in the HTML.
import { pointLabel, type SweepReport } from './report';

/**
 * Groups of point indices (each of 2 or more, in point order) whose runs are identical: the same
 * seeds, and at every seed the same trace hash. Points with no runs are never grouped. Pure.
 */
export function identicalPoints(r: Pick<SweepReport, 'runs' | 'points'>): number[][] {
  const byPoint = new Map<number, string>();
  r.points.forEach((_, p) => {
    const mine = r.runs.filter((x) => x.point === p).sort((a, b) => a.seed - b.seed);
    if (mine.length) byPoint.set(p, mine.map((x) => `${x.seed}:${x.traceHash}`).join(' '));
  });
  const groups = new Map<string, number[]>();
  for (const [p, key] of byPoint) groups.set(key, [...(groups.get(key) ?? []), p]);
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * One line for each group of identical points, each point by its swept values:
 * `ran identically: attempts=1 and attempts=3 (every seed's trace hash equal, 3 seeds; seed 1:
 * 31309a54fc266ff4): their figures are the same runs, not seeds that agree`. Pure.
 */
export function identicalLines(r: SweepReport): string[] {
  return identicalPoints(r).map((g) => {
    const labels = g.map((p) => pointLabel(r.sweep, p));
    const names = labels.length === 2 ? labels.join(' and ') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
    const runs = r.runs.filter((x) => x.point === g[0]).sort((a, b) => a.seed - b.seed);
    return `ran identically: ${names} (every seed's trace hash equal, ${runs.length} seed${runs.length === 1 ? '' : 's'}; seed ${runs[0].seed}: ${runs[0].traceHash}): their figures are the same runs, not seeds that agree`;
  });
}
