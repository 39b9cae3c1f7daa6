// A run the engine stopped, in the CLI's words: where (by name, as people write a field) and why.
import { StalledClockError, type RunStoppedError } from '../sim-engine';
import { namedPath, pathOfActor, type Scenario } from '../scenario';

/**
 * A stopped run's line for people: a stalled clock at the field of the busiest actor its guard names, by name
 * (`clients.users: the simulated clock stopped at t = 5 s: …`, not `clients.0`: namedPath, as the problem lists write
 * it), any other stop (an overload guard) its message alone. `run`, `sweep` and `replay` say a stop alike. Pure.
 */
export function stopLine(s: Scenario, e: RunStoppedError): string {
  const found = e instanceof StalledClockError ? pathOfActor(s, e.actors) : null;
  return found === null ? e.message : `${namedPath(s, found)}: ${e.message}`;
}
