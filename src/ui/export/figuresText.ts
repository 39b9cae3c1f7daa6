// "Copy figures": the run's figures (or both runs' with their difference) as a plain-text table in
// markdown, to paste into a design doc (trial T1, 10: Export offered files only, the compare table
// could be quoted only by selecting the page). Pure: no DOM; the menus load it on first use.
import { formatNumber, formatSimTime } from '../format';
import { runLatencyMeasured } from '../measuredLatency';
import type { FigureTotals, SeriesCounts } from './tables';

/** What one run's text is made from: its name and moment, its counters, and its attempts per user request. */
export interface FiguresSide {
  /** The scenario's name ("gateway-and-mesh"), or a compare side's label ("A · retry-storm"). */
  label: string;
  stats: FigureTotals;
  /** The series the latency rows' "measured" test reads (runLatencyMeasured). */
  series: SeriesCounts;
  /** Attempts on every hop over user requests sent (first attempts plus retries), or null when none was sent. */
  attemptsPerRequest: number | null;
}

/** One line of the table: its words, the value as a number (null: the run has none) and how it reads. */
interface Line {
  label: string;
  value: (s: FiguresSide) => number | null;
  text: (v: number) => string;
  /** How a difference reads: points for a share, else the unit's text. */
  diff: (d: number) => string;
}

const count = (v: number) => formatNumber(v, 0);
const signed = (d: number, text: string) => `${d > 0 ? '+' : d < 0 ? '−' : '±'}${text}`;
const ms = (v: number) => `${formatNumber(v, v >= 100 ? 0 : 1)} ms`;
const latency = (q: 'p50' | 'p90' | 'p99' | 'mean') => (s: FiguresSide) => (runLatencyMeasured(s.stats.mean, s.series, s.stats.simTime) ? s.stats[q] : null);

const LINES: Line[] = [
  { label: 'requests sent', value: (s) => s.stats.sent, text: count, diff: (d) => signed(d, count(Math.abs(d))) },
  { label: 'ok', value: (s) => s.stats.ok, text: count, diff: (d) => signed(d, count(Math.abs(d))) },
  { label: 'failed', value: (s) => s.stats.failed, text: count, diff: (d) => signed(d, count(Math.abs(d))) },
  { label: 'failed, % of sent', value: (s) => (s.stats.sent > 0 ? (100 * s.stats.failed) / s.stats.sent : null), text: (v) => `${formatNumber(v, 1)}%`, diff: (d) => signed(d, `${formatNumber(Math.abs(d), 1)} pts`) },
  { label: 'in flight', value: (s) => s.stats.inFlight, text: count, diff: (d) => signed(d, count(Math.abs(d))) },
  ...(['p50', 'p90', 'p99', 'mean'] as const).map((q): Line => ({ label: q === 'mean' ? 'latency mean' : `latency ${q}`, value: latency(q), text: ms, diff: (d) => signed(d, ms(Math.abs(d))) })),
  { label: 'attempts per user request, all hops', value: (s) => s.attemptsPerRequest, text: (v) => formatNumber(v, 3), diff: (d) => signed(d, formatNumber(Math.abs(d), 3)) },
];

/** A markdown table's row; a `|` in a cell is escaped so the columns hold. */
const row = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

const LATENCY_NOTE = 'Latency of ok requests sent after the warm-up; attempts count every hop, retries included.';

/**
 * One run's figures as markdown: a head line (scenario, seed, simulated time of the run's length,
 * trace hash), a two-column table (requests sent, ok, failed, failed % of sent, in flight, latency
 * p50/p90/p99/mean in ms, attempts per user request), a note on what they count, and the share
 * link when there is one. A figure the run does not have yet (no latency measured in the warm-up,
 * no request sent) reads "—". Pure.
 */
export function runFiguresText(side: FiguresSide, meta: { seed: number; durationMs: number; link: string | null }): string {
  const t = side.stats;
  const head = `**${side.label}** · seed ${meta.seed} · ${formatSimTime(t.simTime)} of ${formatSimTime(meta.durationMs)} simulated · trace ${t.traceHash || '—'}`;
  const lines = [head, '', row(['figure', 'value']), row(['---', '---:'])];
  for (const l of LINES) {
    const v = l.value(side);
    lines.push(row([l.label, v === null ? '—' : l.text(v)]));
  }
  lines.push('', LATENCY_NOTE);
  if (meta.link) lines.push(`Link: ${meta.link}`);
  return lines.join('\n') + '\n';
}

/**
 * Both runs' figures as markdown: a head line (the pair, seed, the shared simulated time, each
 * trace hash), a table with A, B and the difference B − A (points for the failed share, "—" where
 * either side has no value), the note, and the pair's link when there is one. Pure.
 */
export function compareFiguresText(sides: readonly [FiguresSide, FiguresSide], meta: { seed: number; simTimeMs: number; link: string | null }): string {
  const [a, b] = sides;
  const head = `**${a.label}** vs **${b.label}** · seed ${meta.seed} · at ${formatSimTime(meta.simTimeMs)} simulated · trace A ${a.stats.traceHash || '—'}, B ${b.stats.traceHash || '—'}`;
  const lines = [head, '', row(['figure', a.label, b.label, 'B − A']), row(['---', '---:', '---:', '---:'])];
  for (const l of LINES) {
    const va = l.value(a);
    const vb = l.value(b);
    const d = va === null || vb === null ? '—' : l.diff(vb - va);
    lines.push(row([l.label, va === null ? '—' : l.text(va), vb === null ? '—' : l.text(vb), d]));
  }
  lines.push('', LATENCY_NOTE);
  if (meta.link) lines.push(`Link: ${meta.link}`);
  return lines.join('\n') + '\n';
}

/**
 * Attempts per user request over every hop from a frame's per-edge counts (`edges`, `stride`
 * floats an edge, the attempts at `attemptsAt`: workers/protocol.ts EDGE_STRIDE, EdgeField):
 * the attempts of the calls ended on every edge over requests sent; null when none was sent. Pure.
 */
export function attemptsPerRequest(edges: ArrayLike<number>, stride: number, attemptsAt: number, sent: number): number | null {
  if (!(sent > 0)) return null;
  let n = 0;
  for (let o = attemptsAt; o < edges.length; o += stride) n += edges[o];
  return n / sent;
}
