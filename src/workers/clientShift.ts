// What the proxies add to a latency quantile when the run's clients run in more than one place
// (session 45, C5 3): each place's clients' quantile against their own in the twin without
// proxies, weighted by their ok requests (plainTwin.ts clientLatencies groups them).
// A run-wide quantile mixes clients on different paths and moves with the mix:
// partial-adoption-fixed's run-wide p50 read +17.8 ms (43.6 vs 25.8 ms, a median between the
// internal clients' ~20 ms and the internet shoppers' ~100 ms, the twin losing 310 requests the
// mesh retries), where each client's p50 moved 3.5-6.0 ms. Types only: the UI imports this.
import type { ClientLatencyPair } from './plainTwin';

/** One client's shift of a quantile, ms, and the ok requests of the run it weighs. */
export interface ClientShift {
  client: string;
  added: number;
  count: number;
}

/**
 * The request-weighted mean of each client's quantile `q` less its twin's (clients with ok requests
 * measured in both), and each client's shift in the order given; null when no client has both. Pure.
 */
export function addedByClient(pairs: readonly ClientLatencyPair[], q: 'p50' | 'p90'): { value: number; shifts: ClientShift[] } | null {
  const shifts: ClientShift[] = [];
  for (const p of pairs) {
    if (p.count === 0 || p.plainCount === 0) continue;
    shifts.push({ client: p.client, added: q === 'p50' ? p.p50 - p.plainP50 : p.p90 - p.plainP90, count: p.count });
  }
  const n = shifts.reduce((t, s) => t + s.count, 0);
  if (n === 0) return null;
  return { value: shifts.reduce((t, s) => t + s.added * s.count, 0) / n, shifts };
}
