import { okSetsNote } from '../workers/okSets';
import { formatDuration } from '../scenario';
import { differenceOf, differenceText, hasDifference } from '../workers/compareDifference';
import type { RunSummary as ModelSummary } from '../models';
import { diffRows, paneFigures, type DiffRow } from '../workers/compareRows';
import { formatDiffValue } from '../ui/compare/diff';
import { possessive } from '../ui/format';
import type { JsonSummary } from './jsonSummary';
import { table } from './table';
import { gatewayRetries, shareText, type GatewayRetries } from './gatewayRetries';

/** A run as compare reads it: `--json`'s summary, whose latencies are null where none was measured. */
type RunSummary = JsonSummary;

/**
 * What a side's scoped figures read: the requests, failures by cause and latency of one client's requests
 * (`RunSummary.clients`, as the app's "figures for" reads them: workers/clientScope.ts), or of the whole run; null on a
 * side without that client (its cells read "-", as the app's "—").
 */
interface Books {
  requests: RunSummary['requests'];
  failures: Record<string, number>;
  latencyMs: RunSummary['latencyMs'];
}

/** One run as the figures read it: its summary and the books of the client in scope (the run's own with none). */
interface Side {
  s: RunSummary;
  books: Books | null;
}

/**
 * The books of client `client` in run `s` (the run's when null): its sent, ok, failed and in flight (sent less the
 * ended), failures by cause, and latency of its ok requests after the warm-up, null where none was measured (the run
 * measured none, or the client's histogram is empty: max 0, as scopedBooks reads it). Null when the run has no such
 * client. Pure.
 */
function booksOf(s: RunSummary, client: string | null): Books | null {
  if (client === null) return { requests: s.requests, failures: s.failures, latencyMs: s.latencyMs };
  const c = s.clients?.[client];
  if (!c) return null;
  return { requests: { sent: c.sent, ok: c.ok, failed: c.failed, inFlight: c.sent - c.ok - c.failed }, failures: c.failures, latencyMs: s.latencyMs !== null && c.latencyMs.max > 0 ? c.latencyMs : null };
}

const sentOf = (b: Books | null) => b?.requests.sent ?? null;
const shareOf = (f: (r: RunSummary['requests']) => number) => (x: Side) => (x.books ? share(f(x.books.requests), x.books.requests.sent) : null);
const latencyOf = (q: 'p50' | 'p90' | 'p99' | 'mean') => (x: Side) => x.books?.latencyMs?.[q] ?? null;

/** The figures `compare` sets side by side, and how to read each from a run; the first eight count the client in scope's requests. */
const FIGURES = {
  sent: (x: Side) => sentOf(x.books),
  okShare: shareOf((r) => r.ok),
  failedShare: shareOf((r) => r.failed),
  /** Sent but not ended when the run stopped: with ok and failed, 100% of sent (as the run summary's line). */
  inFlightShare: shareOf((r) => r.inFlight),
  p50: latencyOf('p50'),
  p90: latencyOf('p90'),
  p99: latencyOf('p99'),
  mean: latencyOf('mean'),
  events: (x: Side) => x.s.events,
  retries: (x: Side) => Object.values(x.s.edges).reduce((n, e) => n + e.retries, 0),
} as const;

/** The figures that count every client's requests whatever the scope (the app's rows under "the whole run"). */
const WHOLE_RUN: readonly Figure[] = ['events', 'retries'];

export type Figure = keyof typeof FIGURES;

/**
 * Two runs and, per figure, B / A (null when A is zero, or either side measured no latency, so
 * there is no ratio); `services` has
 * the ratio of requests each service received, for the services both runs have.
 */
export interface Comparison {
  a: RunSummary;
  b: RunSummary;
  /**
   * The client whose requests `sent` to `mean`, the failures by cause and the `links` row count (`--client`, the app's
   * "figures for"); null: every client's. The other figures count every client's requests either way.
   */
  client: string | null;
  ratios: Record<Figure, number | null> & { services: Record<string, number | null> };
  /**
   * The app's compare table, row for row (workers/compareRows.ts diffRows, the function the app
   * uses): `{key, label, unit, format, a, b, ratio, section}`, units as `unit` says (ms, req/s,
   * shares 0-1, vCPU). Among them what the rows above lack: retries and attempts per user request, all hops (key `tries`),
   * the links with calls, gateway CPU in all (`gatewayCpu`) and per 1000 req/s through it
   * (`gatewayCpu1000`), sidecar CPU in all (`proxyCpu`) and per 1000 req/s per proxy
   * (`proxyCpu1000`), and each shared service's utilisation (`util:NAME`).
   */
  figures: DiffRow[];
}

/** The rows of `figures` the table prints under its own (the rest it already has in its words). */
const APP_ROWS = ['retryOverflows', 'retriesPer', 'links', 'tries', 'gatewayCpu', 'gatewayCpu1000', 'proxyCpu', 'proxyCpu1000'];

/**
 * A `--json` summary as the app's table reads a run (paneFigures): its latencies count where
 * some were measured; an unmeasured one (null) is read as not measured, never as 0.
 */
function figuresOf(s: RunSummary) {
  const zero = { p50: 0, p90: 0, p99: 0, mean: 0 };
  // diffRows reads the run's latency only when measured, and the per-hop figures not at all.
  return paneFigures({ ...s, latencyMs: s.latencyMs ?? zero } as unknown as ModelSummary, s.latencyMs !== null);
}

function share(n: number, of: number): number {
  return of === 0 ? 0 : n / of;
}

const ratio = (a: number | null, b: number | null) => (a === null || b === null || a === 0 ? null : b / a);

/** Services present in both runs, in A's order. */
const shared = (a: RunSummary, b: RunSummary) => Object.keys(a.services).filter((n) => n in b.services);

/**
 * Puts two runs side by side with the ratio B / A of each key figure; with `client`, the figures of that client's
 * requests where the app's "figures for" splits them (`figures` is diffRows with that scope, the app's rows), the
 * whole run's elsewhere. A client neither run has reads as absent on both sides: main.ts refuses it first
 * (`unknownClient`).
 */
export function compareRuns(a: RunSummary, b: RunSummary, client: string | null = null): Comparison {
  const ratios = { services: {} } as Comparison['ratios'];
  const [xa, xb] = [a, b].map((s) => ({ s, books: booksOf(s, client) }));
  for (const [name, read] of Object.entries(FIGURES) as [Figure, (x: Side) => number | null][]) ratios[name] = ratio(read(xa), read(xb));
  for (const n of shared(a, b)) ratios.services[n] = ratio(a.services[n].requests, b.services[n].requests);
  return { a, b, client, ratios, figures: diffRows(figuresOf(a), figuresOf(b), client) };
}

/**
 * The problem with `--client NAME` when neither run's file has a client of that name (`namesA`, `namesB`: the
 * clients of A's and B's scenario), or null: `--client: no client "x" in A or B (clients: shoppers, old-app)`, the
 * names in A's order then B's. Pure.
 */
export function unknownClient(name: string, namesA: readonly string[], namesB: readonly string[]): string | null {
  if (namesA.includes(name) || namesB.includes(name)) return null;
  return `--client: no client "${name}" in A or B (clients: ${[...new Set([...namesA, ...namesB])].join(', ')})`;
}

/**
 * The comparison as a table for a terminal. `durationHint`: when the runs lasted differently, the closing note names
 * `--duration` (compare's flag; replay, which has none, passes false).
 */
export function formatComparison(c: Comparison, durationHint = true): string {
  const { a, b } = c;
  const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
  const show: Record<Figure, (v: number) => string> = {
    sent: String,
    okShare: pct,
    failedShare: pct,
    inFlightShare: pct,
    p50: formatDuration,
    p90: formatDuration,
    p99: formatDuration,
    mean: formatDuration,
    events: (v) => v.toLocaleString('en-US'),
    retries: String,
  };
  const label: Record<Figure, string> = {
    sent: 'sent',
    okShare: 'ok',
    failedShare: 'failed',
    inFlightShare: 'in flight',
    p50: 'latency p50',
    p90: 'latency p90',
    p99: 'latency p99',
    mean: 'latency mean',
    events: 'events',
    retries: 'retries (all edges)',
  };
  const x = (r: number | null) => (r === null ? '-' : `${r.toFixed(2)}x`);
  // Latency and CPU also as B - A, beside the ratio (trial N16, 6: Istio quotes "+2.65 ms" at p90).
  const withDiff = (ratioText: string, unit: string, va: number | null, vb: number | null) => {
    const d = differenceText({ unit }, differenceOf(va, vb));
    return d === null ? ratioText : `${ratioText}  ${d}`;
  };
  const rows = [['', `A ${a.scenario}`, `B ${b.scenario}`, 'B/A, B-A']];
  const [xa, xb] = [a, b].map((s) => ({ s, books: booksOf(s, c.client) }));
  // A latency no ok request after the warm-up measured is "-", never "0 µs"; so is a figure of a client a run lacks.
  const cell = (name: Figure, side: Side) => {
    const v = FIGURES[name](side);
    return v === null ? '-' : show[name](v);
  };
  const latencyFigure = (name: Figure) => name === 'p50' || name === 'p90' || name === 'p99' || name === 'mean';
  // Latency over different ok requests (trial N18, 3): a failed call drops out of its run's latency; its rows marked ‡.
  const mixed = okSetsNote(FIGURES.failedShare(xa), FIGURES.failedShare(xb), c.client === null ? "--client NAME compares one client's requests, like with like." : `Both are ${possessive(c.client)} requests: the failed ones differ.`);
  const figureRow = (name: Figure) =>
    rows.push([mixed && latencyFigure(name) ? `${label[name]} ‡` : label[name], cell(name, xa), cell(name, xb), latencyFigure(name) ? withDiff(x(c.ratios[name]), 'ms', FIGURES[name](xa), FIGURES[name](xb)) : x(c.ratios[name])]);
  const scoped = (Object.keys(FIGURES) as Figure[]).filter((n) => !WHOLE_RUN.includes(n));
  if (c.client !== null) rows.push([`${possessive(c.client)} requests`, '', '', '']);
  scoped.forEach(figureRow);
  if (c.client === null) WHOLE_RUN.forEach(figureRow);
  const fa = xa.books?.failures ?? {};
  const fb = xb.books?.failures ?? {};
  const causes = [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort();
  if (causes.length) rows.push(['failures by cause', '', '', '']);
  const count = (books: Books | null, cause: string) => (books ? String(books.failures[cause] ?? 0) : '-');
  for (const cause of causes) rows.push([`  ${cause}`, count(xa.books, cause), count(xb.books, cause), '']);
  // The rest count every client's requests (the app's "Below: the whole run"), but the hops row.
  if (c.client !== null) {
    rows.push(["the whole run, every client's requests", '', '', '']);
    WHOLE_RUN.forEach(figureRow);
  }
  const services = shared(a, b);
  // Every try its callers sent each service, retries included (the app's "<svc>: tries received (retries incl.)").
  if (services.length) rows.push(['attempts received (retries incl.)', '', '', '']);
  for (const n of services) rows.push([`  ${n}`, String(a.services[n].requests), String(b.services[n].requests), x(c.ratios.services[n])]);
  // Each gateway's retries, as run's gateway table has them (session 42), for gateways that retried or refused a
  // retry in either run; a gateway one run lacks reads "-".
  const retried = (s: RunSummary, n: string) => ((r) => r !== undefined && r.retries + r.refused > 0)(gatewayRetries(s, n));
  const gateways = [...new Set([...Object.keys(a.gateways), ...Object.keys(b.gateways)])].filter((n) => retried(a, n) || retried(b, n));
  if (gateways.length) rows.push(['gateway retries', '', '', '']);
  for (const n of gateways) {
    const [ga, gb] = [gatewayRetries(a, n), gatewayRetries(b, n)];
    const pick = <T>(g: GatewayRetries | undefined, f: (g: GatewayRetries) => T) => (g === undefined ? null : f(g));
    const count = (f: (g: GatewayRetries) => number) => {
      const [va, vb] = [pick(ga, f), pick(gb, f)];
      return [va === null ? '-' : String(va), vb === null ? '-' : String(vb), x(ratio(va, vb))];
    };
    rows.push([`  ${n}: retries made`, ...count((g) => g.retries)]);
    rows.push([`  ${n}: retries refused`, ...count((g) => g.refused)]);
    const [sa, sb] = [pick(ga, (g) => g.retryShare), pick(gb, (g) => g.retryShare)];
    rows.push([`  ${n}: retry share of its cpu`, shareText(sa), shareText(sb), x(ratio(sa, sb))]);
  }
  // The app's compare table's own rows, from the same function and in its words and units.
  const app = [...APP_ROWS.map((k) => c.figures.find((r) => r.key === k)), ...c.figures.filter((r) => r.key.startsWith('util:'))].filter((r) => r !== undefined);
  if (app.length) rows.push(['as the app counts them', '', '', '']);
  const cellOf = (r: DiffRow, v: number | null) => (v === null ? '-' : formatDiffValue(r, v));
  // With a client, the hops row is that client's path (the app's rows that are not `allClients`).
  const whose = (r: DiffRow) => (c.client !== null && !r.allClients ? ` (${possessive(c.client)})` : '');
  for (const r of app) rows.push([`  ${r.label.trim()}${whose(r)}`, cellOf(r, r.a), cellOf(r, r.b), hasDifference(r) ? withDiff(x(r.ratio), r.unit, r.a, r.b) : x(r.ratio)]);
  const head = (tag: string, s: RunSummary) =>
    `${tag}  ${s.scenario}   seed ${s.seed}   simulated ${formatDuration(s.simulatedMs)}   ${s.wallMs.toFixed(0)} ms wall   trace ${s.traceHash}`;
  const lines = [head('A', a), head('B', b), '', ...table(rows), '', 'latency over ok requests after the warmup; ok, failed and in flight (not ended when the run stopped) as shares of sent'];
  if (mixed) lines.push(mixed);
  // Each side ran its own file's duration: counts over different spans, whose ratio says little.
  if (a.simulatedMs !== b.simulatedMs) {
    lines.push(`A ran ${formatDuration(a.simulatedMs)} and B ${formatDuration(b.simulatedMs)} (each its file's duration): sent, events, retries and attempts received at each service count over different times${durationHint ? '; give --duration to run both as long' : ''}`);
  }
  return lines.map((l) => l.trimEnd()).join('\n');
}
