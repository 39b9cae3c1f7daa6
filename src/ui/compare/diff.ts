// The figures table of the compare view (`metrics-diff`): the same figures of two runs with
// the ratio B / A, as `npm run sim -- compare` prints them (src/cli/compare.ts), plus the ones
// a person reaches for on screen: error share by cause, tries per request, proxy CPU, load.
// Pure functions of each run's summary and counters, taken at one simulated moment. The rows
// themselves live in workers/compareRows.ts, which the CLI's compare prints too.
export { diffRows, gatewayCpuMs, paneFigures, ratioOf, type DiffRow, type PaneFigures, type RowFormat } from '../../workers/compareRows';
import type { RunSummary } from '../../workers/protocol';
import type { DiffRow } from '../../workers/compareRows';
import { formatCount, formatLatency, formatNumber, formatPercent, formatRate } from '../format';

/**
 * When the runs' requests cross different numbers of links (the `links` row), the sentence under
 * the table that says so and which row compares retries ("Requests cross 4 links in gateway-only
 * and 3 in mesh-only (a gateway is a link more), so tries per user request differ by the hops as
 * well: retries per user request compare the retries."); else null. `names` are A's and B's
 * labels. Pure.
 */
export function hopsNote(rows: readonly DiffRow[], names: readonly [string, string]): string | null {
  const l = rows.find((r) => r.key === 'links');
  if (!l || l.a === null || l.b === null || l.a === l.b || l.a === 0 || l.b === 0) return null;
  return `Requests cross ${formatCount(l.a)} links in ${names[0]} and ${formatCount(l.b)} in ${names[1]}, so tries per user request differ by the hops as well: retries per user request compare the retries.`;
}

/** The note under the table on what its latency and shares count, when no hop differs. */
export const LATENCY_NOTE = 'Latency over ok requests after the warm-up; shares of requests sent; as `npm run sim -- compare` counts them.';

/**
 * The note under the table on what its latency rows count. When the runs' requests cross
 * different numbers of links (the `links` row, as `hopsNote`), it says that latency is end to end
 * over those links, so latency B/A holds the extra hops' time (a gateway's edge hop, its queue and
 * CPU) as well as each layer's cost, and points to the CPU rows for each layer alone ("† Latency is
 * end to end: requests cross 4 links in A (gateway-only) and 3 in B (mesh-only), so latency B/A
 * counts 1 hop more in A as well as each layer's cost; the gateway and sidecar CPU rows give each
 * layer's cost. …"); `hops` true then. Else LATENCY_NOTE. `names` are A's and B's labels. Pure.
 */
export function latencyNote(rows: readonly DiffRow[], names: readonly [string, string]): { text: string; hops: boolean } {
  const l = rows.find((r) => r.key === 'links');
  if (!l || l.a === null || l.b === null || l.a === l.b || l.a === 0 || l.b === 0) return { text: LATENCY_NOTE, hops: false };
  const more = Math.abs(l.a - l.b);
  const inWhich = l.a > l.b ? 'A' : 'B';
  return {
    text: `† Latency is end to end: requests cross ${formatCount(l.a)} links in ${names[0]} and ${formatCount(l.b)} in ${names[1]}, so latency B/A counts ${more === 1 ? '1 hop' : `${formatCount(more)} hops`} more in ${inWhich} as well as each layer's cost; the gateway and sidecar CPU rows give each layer's cost. ${LATENCY_NOTE}`,
    hops: true,
  };
}

/** Names of the services only one run has, so the table can say they are left out. Pure. */
export function unsharedServices(a: RunSummary, b: RunSummary): { onlyA: string[]; onlyB: string[] } {
  return { onlyA: Object.keys(a.services).filter((n) => !(n in b.services)), onlyB: Object.keys(b.services).filter((n) => !(n in a.services)) };
}

/**
 * One value of the figures table as it reads on screen: durations, shares, counts and rates through
 * src/ui/format.ts; plain numbers with one precision per row (from the row's larger value: one
 * decimal from 10 up, else three), so A and B read alike. '—' for a figure the run does not have. Pure.
 */
export function formatDiffValue(r: DiffRow, v: number | null): string {
  if (v === null) return '—';
  switch (r.format) {
    case 'ms':
      return formatLatency(v, true);
    case 'share':
      return formatPercent(v);
    case 'count':
      return formatCount(v);
    case 'rate':
      return `${formatRate(v)} req/s`;
    case 'number':
      // One precision per row, from its larger value, so A and B read alike ("5.1" beside "23.9", not "5.081").
      return `${formatNumber(v, Math.max(Math.abs(r.a ?? 0), Math.abs(r.b ?? 0)) >= 10 ? 1 : 3)}${r.unit === 'vCPU' ? ' vCPU' : ''}`;
  }
}
