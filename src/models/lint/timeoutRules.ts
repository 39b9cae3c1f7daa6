// MS012: a route whose calls mostly time out while nothing fails: its timeout is shorter than
// the calls take. The usual cause is a bare number read as milliseconds (`timeout: 2` is 2 ms;
// `2s` is two seconds: src/scenario/duration.ts), which the schema cannot tell from a deliberate
// 2 ms. Measured on the lint's healthy run (simulate.ts), so the calls' real times decide.
import type { RunSummary } from '../report';
import type { Locator } from './locate';
import { fieldOf, type Route } from './routes';
import { actorRef, finding, ms } from './findings';
import type { Finding } from './types';

/** Share of a route's calls that time out in the healthy run from which MS012 speaks. */
export const HEALTHY_TIMEOUT_SHARE = 0.5;
/** Calls a route needs in the healthy run before its share is judged. */
const MIN_CALLS = 20;

/**
 * MS012 over the healthy run's edges: for each route with at least MIN_CALLS calls of which
 * HEALTHY_TIMEOUT_SHARE or more ended in `timeout`, a finding at the timeout that binds first
 * (the client's own deadline, the per-try timeout or the route timeout, whichever is shortest).
 * Pure.
 */
export function healthyTimeoutFindings(routes: readonly Route[], healthy: RunSummary, durationMs: number, locate: Locator): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const r of routes) {
    const link = `${r.from.name}->${r.to.name}`;
    const e = healthy.edges[link];
    if (seen.has(link) || !e || e.requests < MIN_CALLS) continue;
    const timedOut = e.failures['timeout'] ?? 0;
    const share = timedOut / e.requests;
    if (share < HEALTHY_TIMEOUT_SHARE) continue;
    const wait = Math.min(r.appTimeoutMs, r.perTryMs, r.timeoutMs);
    if (wait === Infinity) continue;
    seen.add(link);
    const field = wait === r.appTimeoutMs ? `${r.from.path}.timeout` : wait === r.perTryMs ? `${fieldOf(r, 'retries')}.perTryTimeout` : fieldOf(r, 'timeout');
    const owner = field.startsWith(`${r.to.path}.`) ? r.to : r.from;
    const bare = wait < 100 ? ` (a bare number is milliseconds: ${wait} means ${ms(wait)}; ${wait}s is ${wait} seconds)` : '';
    out.push(
      finding(
        'MS012',
        actorRef(owner, field, locate),
        field,
        `with nothing failing, ${(100 * share).toFixed(0)}% of the calls ${r.from.name} -> ${r.to.name} time out: its ${ms(wait)} timeout is shorter than the calls take${bare}`,
        {
          text: `${timedOut} of ${e.requests} calls ${r.from.name} -> ${r.to.name} timed out in ${ms(durationMs)} simulated with no fault`,
          values: { caller: r.from.name, callee: r.to.name, calls: e.requests, timedOut, timedOutShare: Math.round(share * 1000) / 1000, timeoutMs: wait, durationMs },
        },
        `Give ${field} the time the calls need, with a unit (e.g. 2s): the calls' p99 when they succeed is the least it should be`,
        { simulated: true },
      ),
    );
  }
  return out;
}
