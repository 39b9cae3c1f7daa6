// Replaying the recipe's live actions on a world: bringing the run to an action's point exactly
// (its time and its count of events), and doing there what a person did.
import type { WallClock } from '../sim-engine';
import type { World } from '../models';
import { UNPINNED, justBefore, type LiveAction, type RunPoint } from './liveActions';
import { checkChange, checkFault } from './recipe';

/**
 * Brings `w` to `p`: every event before `p.ms`, then the events at `p.ms` one by one until
 * `p.ev` have run, then the clock to `p.ms` (an UNPINNED point: the clock to `p.ms`, as runFor
 * goes). False when `budgetMs` of wall time (read on `clock`) ran out first. Throws when the run
 * does not pass through `p`, which a deterministic run always does. Mutates the world (runs it).
 */
export function reachPoint(w: World, p: RunPoint, budgetMs: number, clock: WallClock): boolean {
  if (p.ev === UNPINNED) return w.runFor(budgetMs, p.ms, clock);
  if (w.sim.events < p.ev && w.sim.now < justBefore(p.ms)) {
    if (!w.runFor(budgetMs, justBefore(p.ms), clock)) return false;
  }
  while (w.sim.events < p.ev && w.sim.peek() <= p.ms) w.sim.step();
  if (w.sim.now < p.ms && w.sim.peek() > p.ms) w.sim.runUntil(p.ms);
  if (w.sim.events !== p.ev || w.sim.now !== p.ms) {
    throw new Error(`a replayed fault was injected at t = ${p.ms} ms after ${p.ev} events, but the run is at t = ${w.sim.now} ms after ${w.sim.events}`);
  }
  return true;
}

/**
 * Does what a person did at this point: clears the fault, or makes the change or injects the
 * fault (checked against the scenario as written, `rawScenario`, `at` counting from now). Throws
 * when the scenario refuses it now, a bug: it was checked when it joined the recipe. Mutates the world.
 */
export function applyAction(w: World, rawScenario: Record<string, unknown>, a: LiveAction): void {
  if (a.kind === 'clear') return w.faults.clear(a.id);
  if (a.kind === 'change') {
    const c = checkChange(rawScenario, w.duration, a.change, w.sim.now);
    if (!c.ok) throw new Error(`a replayed change was refused: ${c.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    return void w.configChanges.addLive(c.change);
  }
  const r = checkFault(rawScenario, w.duration, a.fault, w.sim.now);
  // setActions checked it against this scenario; a refusal now is a bug.
  if (!r.ok) throw new Error(`a replayed fault was refused: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  w.faults.add(r.fault);
}
