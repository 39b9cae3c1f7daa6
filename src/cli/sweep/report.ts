import { describePoint, formatValue, gridPoints, type Axis } from './grid';
import { metricDef } from './metrics';
import { confidenceInterval, METRICS, type Interval, type Metric, type RunMetrics } from './stats';
import { figureCell, foldedTable, shortPaths } from './cells';
import { OK_ONLY_MARK, OK_ONLY_METRICS, okOnlyMarks, okOnlyNote } from './okOnly';
import { aboutLines, INTERVAL_READING, type SweepAbout } from './about';
import { anyApart, anyOverlap, apartFromFirst, APART_NOTE, OVERLAP_NOTE, overlapsBefore } from './overlap';
import { windowLine, type SweepWindow } from './window';

/** What a sweep is, enough to list its jobs again: every job output carries it, and --merge checks they agree. */
export interface SweepSpec {
  /** The scenario file as given on the command line. */
  file: string;
  /** The scenario's name. */
  scenario: string;
  grid: Axis[];
  seeds: number;
  seedBase: number;
  /** --duration in ms, or null for the scenario's own. */
  durationMs: number | null;
  /** The metrics --metric chose, in their order; absent: METRICS (a report without --metric reads as it always did). */
  metrics?: string[];
  /** The swept paths and the scenario's faults in words (about.ts), read from the scenario when the sweep was planned; absent in older outputs. */
  about?: SweepAbout;
  /** --from/--to: every metric is over this window of each run (sweep/window.ts); absent: over the whole run. */
  window?: SweepWindow;
}

/** The metrics a sweep reports: its --metric choice, else METRICS. */
export function metricsOf(spec: SweepSpec): readonly string[] {
  return spec.metrics ?? METRICS;
}

/** One job's run: which point and seed, and its figures. */
export interface SweepRun {
  /** 0-based: point × seeds + (seed − seedBase). */
  job: number;
  point: number;
  seed: number;
  traceHash: string;
  sent: number;
  ok: number;
  failed: number;
  events: number;
  metrics: RunMetrics;
}

/** One grid point: its values, the runs it has, and each metric's mean and 95% interval. */
export interface PointSummary {
  set: Record<string, unknown>;
  runs: number;
  metrics: Record<Metric, Interval>;
}

/** A sweep's report: what --json prints and --out writes, and what --merge reads back. */
export interface SweepReport {
  sweep: SweepSpec;
  points: PointSummary[];
  /** Every run, by job. */
  runs: SweepRun[];
}

/** Jobs in the sweep: points × seeds. */
export function jobCount(spec: SweepSpec): number {
  return gridPoints(spec.grid).length * spec.seeds;
}

/** Job `job`'s point index and seed. */
export function jobAt(spec: SweepSpec, job: number): { point: number; seed: number } {
  return { point: Math.floor(job / spec.seeds), seed: spec.seedBase + (job % spec.seeds) };
}

/**
 * Builds the report from any subset of a sweep's runs (all of them locally, or those of the
 * job files --merge read), in job order; a point's intervals use the runs it has. Pure.
 */
export function buildReport(spec: SweepSpec, runs: readonly SweepRun[]): SweepReport {
  const sorted = [...runs].sort((a, b) => a.job - b.job);
  const points = gridPoints(spec.grid).map((values, p) => {
    const mine = sorted.filter((r) => r.point === p);
    const metrics = {} as Record<Metric, Interval>;
    for (const m of metricsOf(spec)) metrics[m] = confidenceInterval(mine.map((r) => r.metrics[m] ?? null).filter((v): v is number => v !== null), 0.95, metricDef(m).range);
    const set: Record<string, unknown> = {};
    spec.grid.forEach((a, i) => (set[a.path] = values[i]));
    return { set, runs: mine.length, metrics };
  });
  return { sweep: spec, points, runs: sorted };
}

/**
 * ` (n of N)` after a figure that only n of its point's N runs have (a run with no ok request
 * has no latency): without it one run's figure read as a mean with no spread. Empty when all do.
 */
export function runsOf(n: number, runs: number): string {
  return n < runs ? ` (${n} of ${runs})` : '';
}

/** Whether some figure of the report is over fewer runs than its point has. */
export function partial(r: SweepReport): boolean {
  return r.points.some((p) => metricsOf(r.sweep).some((m) => p.metrics[m].mean !== null && p.metrics[m].n < p.runs));
}

/**
 * What a report says of intervals cut at their figure's bound (Interval.clamped), or null when
 * none was: 'Student t, 3 seeds; lower bound clamped at 0 (error share (%))'. A t interval is
 * symmetric, so with few seeds a share near 0 reached below it ("0.8526 ±1.4"); the report shows
 * such an interval as [lo, hi] and says why it is lopsided. Bounds are in the figure's display
 * unit (a share's 1 reads 100). Pure.
 */
export function clampNote(r: SweepReport): string | null {
  const said: string[] = [];
  for (const m of metricsOf(r.sweep)) {
    const d = metricDef(m);
    for (const side of ['lo', 'hi'] as const) {
      if (!r.points.some((p) => p.metrics[m].clamped?.includes(side))) continue;
      const bound = d.scale * d.range[side === 'lo' ? 0 : 1];
      said.push(`${side === 'lo' ? 'lower' : 'upper'} bound clamped at ${bound} (${d.label})`);
    }
  }
  if (!said.length) return null;
  return `Student t, ${r.sweep.seeds} seed${r.sweep.seeds === 1 ? '' : 's'}; ${said.join('; ')}: the figure cannot go past it`;
}

/** Notes on the figures a report shows, for the table's and the HTML's foot: each metric's unit and what it counts. */
export function metricNotes(names: readonly string[]): string[] {
  const has = (p: (n: string) => boolean) => names.some(p);
  return [
    has((n) => /^p\d+Ms$|^meanMs$/.test(n)) ? 'latency of ok requests after the warmup' : '',
    has((n) => n === 'errorShare') ? "failed, % of ended: failed / (ok + failed) user requests, those in flight at the end left out (0..1 in --json and --csv; each run's sent, ok and failed are in --json). The app's failed counter divides by ended too; compare's figures table by sent: --metric failedOfSent" : '',
    has((n) => n === 'failedOfSent' || n === 'inFlightShare') ? "failed and in flight, % of sent: as compare's figures table and the app's in-flight counter divide, in flight counted in sent (0..1 in --json and --csv)" : '',
    has((n) => n.endsWith('.triesPerUserRequest')) ? "attempts at a service per user request: the attempts (first attempts + retries) made at it for the user requests that ended in the window, however long before, over those requests (a story step's figure)" : '',
    has((n) => n === 'attemptsPerCall' || n === 'attemptsPerRequest') ? "attempts per call, all hops: every hop's attempts (first attempts + retries) over its calls, not per user request (compare's attempts per user request, all hops)" : '',
    has((n) => n === 'proxyCpuVcpu') ? 'proxy CPU in vCPU (all sidecars)' : '',
    has((n) => n === 'gatewayCpuVcpu') ? 'gateway CPU in vCPU (all gateways)' : '',
    has((n) => n.startsWith('edge:')) ? "an edge's figures as its caller's router saw them (run --json's edges), attempts per call, one hop = (calls + retries) / calls (--metric key .tries)" : '',
    has((n) => n.startsWith('gateway:')) ? "a gateway's CPU in vCPU over all its replicas" : '',
    has((n) => /\.(utilization|errorShare)$/.test(n)) ? 'utilisation, and failed % of ended calls (an edge) or attempts (a service), in % (0..1 in --json and --csv)' : '',
  ].filter((t) => t !== '');
}

/** The terminal width a sweep's table is folded to when none is given (80 to 120 is what is asked of it). */
export const TABLE_WIDTH = 100;

/**
 * The report as a table for a terminal, folded to `width` columns (trial T3 of session 52, 4: one
 * line of ~330): a row per point, the swept values by their short names (the "swept:" lines above
 * give each whole path and its values), and as many metrics a block as fit, each as mean ±
 * half-width at the same decimals, a share in % (cells.ts), or as mean [lo, hi] where its interval
 * was cut at the figure's bound (clampNote says so below). Marks after a cell: ≠ apart from its
 * line's first point, ≈ overlapping the point before it, ‡ a p99 that leaves out more failures than
 * another point's (okOnly.ts); a legend line under the table says so. Pure.
 */
export function formatReport(r: SweepReport, width = TABLE_WIDTH): string {
  const { sweep: s } = r;
  const names = metricsOf(s);
  const same = Object.fromEntries(names.map((m) => [m, overlapsBefore(r, m)]));
  const apart = Object.fromEntries(names.map((m) => [m, apartFromFirst(r, m)]));
  const okOnly = okOnlyMarks(r);
  const short = shortPaths(s.grid.map((a) => a.path));
  const left = [
    ...s.grid.map((a, i) => ({ head: short[i], cells: r.points.map((p) => formatValue(p.set[a.path])) })),
    { head: 'runs', cells: r.points.map((p) => String(p.runs)) },
  ];
  const right = names.map((m) => ({
    head: metricDef(m).label,
    cells: r.points.map((p, i) => {
      const c = p.metrics[m];
      if (c.mean === null) return '-';
      const marks = `${apart[m][i] ? '≠' : ''}${same[m][i] ? '≈' : ''}${okOnly[i] && OK_ONLY_METRICS.includes(m) ? OK_ONLY_MARK : ''}`;
      return `${figureCell(m, c)}${runsOf(c.n, p.runs)}${marks ? ` ${marks}` : ''}`;
    }),
  }));
  const clamp = clampNote(r);
  const okNote = okOnlyNote(r, names);
  const marked = { '≠': anyApart(r, names), '≈': anyOverlap(r, names) };
  const legend = [
    marked['≠'] ? "≠ apart from its line's first point" : '',
    marked['≈'] ? '≈ overlaps the point before it (the seeds cannot tell them apart)' : '',
    okNote ? `${OK_ONLY_MARK} a p99 of ok requests that leaves out more failures than another point's` : '',
  ].filter((t) => t !== '');
  const lines = [
    `sweep ${s.scenario}${s.file === s.scenario ? '' : ` (${s.file})`}   ${r.points.length} point${r.points.length === 1 ? '' : 's'} × ${s.seeds} seed${s.seeds === 1 ? '' : 's'} (${s.seedBase}..${s.seedBase + s.seeds - 1})   ${r.runs.length} runs${s.durationMs === null ? '' : `   ${s.durationMs} ms simulated each`}`,
    ...aboutLines(s.about, s.grid),
    ...windowLine(s.window),
    '',
    ...foldedTable(left, right, width),
    '',
    ...(legend.length ? [`marks: ${legend.join('; ')}; a line is the first swept path's values, the others alike`] : []),
    'mean ±half-width of the 95% Student-t interval over the seeds, at the half-width\'s decimals; shares in %;',
    INTERVAL_READING,
    ...(marked['≈'] ? [OVERLAP_NOTE] : []),
    ...(marked['≠'] ? [APART_NOTE] : []),
    ...(okNote ? [okNote] : []),
    metricNotes(names).join('; '),
    ...(clamp ? [`[lo, hi]: the interval cut at its figure's bound: ${clamp}`] : []),
    ...(partial(r) ? ['(n of N): over the n runs of N that have the figure (no ok request after the warmup, or no sidecar, in the others); one run gives no interval'] : []),
  ];
  return lines.map((l) => l.trimEnd()).join('\n');
}

/**
 * The report as CSV: a row per point, the grid's values, runs, then of each metric its mean, lo,
 * hi and n, the runs behind them (as --json's `n`: fewer than `runs` where some runs lack the
 * figure, 0 where none has it; under 2 gives no interval).
 */
export function reportCsv(r: SweepReport): string {
  const cell = (v: unknown) => {
    const t = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : formatValue(v);
    return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  // The heads are a stable contract for scripts (`errorShare_mean`, no unit text in them): a share's
  // values are 0..1 as in --json, which docs/cli.md says beside the heads.
  const head = [...r.sweep.grid.map((a) => a.path), 'runs', ...metricsOf(r.sweep).flatMap((m) => [`${m}_mean`, `${m}_lo`, `${m}_hi`, `${m}_n`])];
  const rows = r.points.map((p) => [...r.sweep.grid.map((a) => p.set[a.path]), p.runs, ...metricsOf(r.sweep).flatMap((m) => [p.metrics[m].mean, p.metrics[m].lo, p.metrics[m].hi, p.metrics[m].n])]);
  return [head, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

/** A point as `path=value ...`, for messages. */
export function pointLabel(spec: SweepSpec, point: number): string {
  return spec.grid.length ? describePoint(spec.grid, gridPoints(spec.grid)[point]) : '(the scenario as it is)';
}
