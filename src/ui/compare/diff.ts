// The figures table of the compare view (`metrics-diff`): the same figures of two runs with
// the ratio B / A, as `npm run sim -- compare` prints them (src/cli/compare.ts), plus the ones
// a person reaches for on screen: error share by cause, tries per request, proxy CPU, load.
// Pure functions of each run's summary and counters, taken at one simulated moment. The rows
// themselves live in workers/compareRows.ts, which the CLI's compare prints too.
export { clientsLine, clientSets } from '../../workers/clientScope';
export { diffRows, gatewayCpuMs, paneFigures, ratioOf, type DiffRow, type PaneFigures, type RowFormat } from '../../workers/compareRows';
import type { RunSummary } from '../../workers/protocol';
import type { DiffRow } from '../../workers/compareRows';
import { formatCount, formatLatency, formatNumber, formatPercent, formatRate, possessive } from '../format';
import { okSetsNote } from '../../workers/okSets';

/** How the `links` row's side `i` reads in a sentence: "3", or "2-3" when clients' paths differ. */
const hopsOf = (l: DiffRow, i: 0 | 1) => l.texts?.[i] ?? formatCount((i === 0 ? l.a : l.b)!);

/** The `links` row when both runs' paths are known and differ in length (their longest), else null. */
function differingHops(rows: readonly DiffRow[]): DiffRow | null {
  const l = rows.find((r) => r.key === 'links');
  return !l || l.a === null || l.b === null || l.a === l.b || l.a === 0 || l.b === 0 ? null : l;
}

/**
 * When a request's path is longer in one run (the `links` row: hops on the longest path, workers/
 * clientScope.ts), the sentence under the table that says so and which row compares retries ("A
 * request's path is 3 hops in gateway-only and 2 in mesh-only (a gateway is a hop more), so tries
 * per user request differ by the hops as well: retries per user request compare the retries.");
 * else null (gateway-only against gateway-and-mesh: 3 and 3). `names` are A's and B's labels. Pure.
 */
export function hopsNote(rows: readonly DiffRow[], names: readonly [string, string]): string | null {
  const l = differingHops(rows);
  if (!l) return null;
  return `A request's path is ${hopsOf(l, 0)} hops in ${names[0]} and ${hopsOf(l, 1)} in ${names[1]}, so attempts per user request differ by the hops as well: retries per user request compare the retries.`;
}

/** The note under the table on what its latency and shares count, when no hop differs and no client is in scope. */
export const LATENCY_NOTE = 'Latency over ok requests after the warm-up; shares of requests sent; as `npm run sim -- compare` counts them.';

/**
 * LATENCY_NOTE for the figures of client `scope`, naming the CLI's flag that prints them: "… as `npm run sim --
 * compare A B --client shoppers` counts them."; LATENCY_NOTE when null. Pure.
 */
export function latencyNoteFor(scope: string | null): string {
  return scope === null ? LATENCY_NOTE : LATENCY_NOTE.replace('compare`', `compare A B --client ${scope}\``);
}

/**
 * The note under the table on what its latency rows count. When a request's path is longer in
 * one run (the `links` row, as `hopsNote`), it says that latency is end to end over the path, so
 * latency B/A holds the extra hops' time (a gateway's edge hop, its queue and CPU) as well as each
 * layer's cost, and points to the CPU rows for each layer alone ("† Latency is end to end: a
 * request's path is 3 hops in A (gateway-only) and 2 in B (mesh-only), so latency B/A counts 1 hop
 * more in A as well as each layer's cost; the gateway and sidecar CPU rows give each layer's cost.
 * …"); `hops` true then. Else LATENCY_NOTE. `names` are A's and B's labels; `scope`, the client in scope, is named in
 * the CLI command the note ends with (latencyNoteFor). `mixed`: okSetsNote's "‡ Latency counts ok requests only …"
 * when the runs' failed shares are more than 5 points apart (trial N18, 3), else null. Pure.
 */
export function latencyNote(rows: readonly DiffRow[], names: readonly [string, string], scope: string | null = null): { text: string; hops: boolean; mixed: string | null } {
  const l = differingHops(rows);
  const counts = latencyNoteFor(scope);
  const failed = rows.find((r) => r.key === 'failed');
  const mixed = okSetsNote(failed?.a ?? null, failed?.b ?? null, scope === null ? 'Figures for one client (above) compare like with like.' : `Both are ${possessive(scope)} requests: the failed ones differ.`);
  if (!l) return { text: counts, hops: false, mixed };
  const more = Math.abs(l.a! - l.b!);
  const inWhich = l.a! > l.b! ? 'A' : 'B';
  return {
    text: `† Latency is end to end: a request's path is ${hopsOf(l, 0)} hops in ${names[0]} and ${hopsOf(l, 1)} in ${names[1]}, so latency B/A counts ${more === 1 ? '1 hop' : `${formatCount(more)} hops`} more in ${inWhich} as well as each layer's cost; the gateway and sidecar CPU rows give each layer's cost. ${counts}`,
    hops: true,
    mixed,
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
