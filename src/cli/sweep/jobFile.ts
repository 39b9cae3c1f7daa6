import { isMetricName } from './metrics';
import { jobAt, jobCount, metricsOf, type SweepReport } from './report';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const whole = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Most problems listed for one file: a file wrong throughout says so in a few lines, not thousands. */
const MAX_PROBLEMS = 10;

/**
 * The problems of one parsed job output (what `sweep --out` or `--json` writes), as
 * `field.path: message` lines; none when --merge can use it. A file edited by hand, cut short by
 * a full disk, or from another program otherwise reached the report as a stack trace or, worse,
 * as a report that quietly counted a run at the wrong point. Checks the spec's shape, then every
 * run against it: its job within the sweep, its point and seed the job's, its figures numbers.
 * Pure.
 */
export function jobFileProblems(r: unknown): string[] {
  const out: string[] = [];
  if (!isObject(r) || !isObject(r.sweep) || !Array.isArray(r.runs)) return ['not a sweep\'s output (no "sweep" and "runs"; a job output is what sweep --out writes)'];
  const s = r.sweep;
  if (typeof s.file !== 'string') out.push(`sweep.file: expected the scenario file's name, got ${shown(s.file)}`);
  if (typeof s.scenario !== 'string') out.push(`sweep.scenario: expected the scenario's name, got ${shown(s.scenario)}`);
  if (!whole(s.seeds, 1)) out.push(`sweep.seeds: expected a whole number of 1 or more, got ${shown(s.seeds)}`);
  if (!whole(s.seedBase, -Number.MAX_SAFE_INTEGER)) out.push(`sweep.seedBase: expected a whole number, got ${shown(s.seedBase)}`);
  if (s.durationMs !== null && !(typeof s.durationMs === 'number' && s.durationMs > 0)) out.push(`sweep.durationMs: expected a positive number of ms or null, got ${shown(s.durationMs)}`);
  if (!Array.isArray(s.grid)) out.push(`sweep.grid: expected a list of {path, values}, got ${shown(s.grid)}`);
  else
    s.grid.forEach((a: unknown, i) => {
      if (!isObject(a) || typeof a.path !== 'string') out.push(`sweep.grid.${i}.path: expected a field path, got ${shown(isObject(a) ? a.path : a)}`);
      else if (!Array.isArray(a.values) || a.values.length === 0) out.push(`sweep.grid.${i}.values: expected a list of one or more values, got ${shown(a.values)}`);
    });
  if (s.metrics !== undefined && !(Array.isArray(s.metrics) && s.metrics.length > 0 && s.metrics.every((m) => typeof m === 'string' && isMetricName(m))))
    out.push(`sweep.metrics: expected a list of metric names (as --metric takes), got ${shown(s.metrics)}`);
  if (s.window !== undefined && !(isObject(s.window) && whole(s.window.fromMs, 0) && whole(s.window.toMs, 1) && s.window.fromMs < s.window.toMs))
    out.push(`sweep.window: expected {fromMs, toMs}, whole ms with fromMs before toMs (--from/--to), got ${shown(s.window)}`);
  if (out.length) return out;
  const spec = r.sweep as unknown as SweepReport['sweep'];
  const total = jobCount(spec);
  r.runs.forEach((run: unknown, i) => {
    if (out.length >= MAX_PROBLEMS) return;
    const at = `runs.${i}`;
    if (!isObject(run)) return out.push(`${at}: expected a run's figures, got ${shown(run)}`);
    if (!whole(run.job, 0) || run.job >= total) return out.push(`${at}.job: expected a job of this sweep, 0 to ${total - 1}, got ${shown(run.job)}`);
    const want = jobAt(spec, run.job);
    if (run.point !== want.point) out.push(`${at}.point: job ${run.job} is at point ${want.point}, got ${shown(run.point)}`);
    if (run.seed !== want.seed) out.push(`${at}.seed: job ${run.job} runs seed ${want.seed}, got ${shown(run.seed)}`);
    if (typeof run.traceHash !== 'string') out.push(`${at}.traceHash: expected the run's trace hash, got ${shown(run.traceHash)}`);
    for (const k of ['sent', 'ok', 'failed', 'events'] as const) if (!whole(run[k], 0)) out.push(`${at}.${k}: expected a count, got ${shown(run[k])}`);
    const m = run.metrics;
    if (!isObject(m)) return out.push(`${at}.metrics: expected the run's figures, got ${shown(m)}`);
    for (const k of metricsOf(spec)) if (m[k] !== null && !(typeof m[k] === 'number' && Number.isFinite(m[k]))) out.push(`${at}.metrics.${k}: expected a number or null, got ${shown(m[k])}`);
  });
  if (out.length > MAX_PROBLEMS) out.splice(MAX_PROBLEMS, out.length - MAX_PROBLEMS, '(more problems not listed)');
  return out;
}
