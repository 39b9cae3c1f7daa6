// One sweep job in a worker thread (piscina's task function): runs a validated scenario with a
// seed and returns its figures. No I/O: the main thread reads files and writes reports.
import { RunStoppedError } from '../../sim-engine';
import { runScenario } from '../../models';
import type { Scenario } from '../../scenario';
import { runMetrics, type RunMetrics } from './stats';
import { runWithWindow, windowFigures } from '../window';
import { windowRunMetrics, type SweepWindow } from './window';
import { stopLine } from '../stopLine';

/** What the main thread sends for one job: plain data (structured clone). */
export interface JobTask {
  scenario: Scenario;
  seed: number;
  durationMs?: number;
  /** The metrics to read (names metricProblem accepted); absent: the default ones (stats.ts METRICS). */
  metrics?: readonly string[];
  /** --from/--to: the metrics are read over this window of each run (sweep/window.ts). */
  window?: SweepWindow;
}

/** One job's result: its figures and what identifies the run (the trace hash). */
export interface JobOutput {
  traceHash: string;
  sent: number;
  ok: number;
  failed: number;
  events: number;
  metrics: RunMetrics;
}

/**
 * Runs one job exactly as `npm run sim -- FILE --seed S --duration D` would (with a window, as
 * `--from T --to T` reads it). A run the engine
 * stops (a stalled clock) comes back as `{ stopped: message }`, not as a thrown error: it is
 * the scenario's fault, said to the person, never a stack trace.
 */
export function runJob(task: JobTask): JobOutput | { stopped: string } {
  let summary;
  let metrics: RunMetrics;
  try {
    if (task.window) {
      // The series recorder only reads: the same events and trace hash as runScenario's (window.ts).
      const r = runWithWindow(task.scenario, { seed: task.seed, durationMs: task.durationMs });
      summary = r.summary;
      metrics = windowRunMetrics(windowFigures(r.buckets, r.bucketMs, task.window, summary.simulatedMs), task.metrics ?? []);
    } else {
      summary = runScenario(task.scenario, { seed: task.seed, durationMs: task.durationMs }).summary;
      metrics = runMetrics(summary, task.metrics);
    }
  } catch (e) {
    // At the stalled client's field by name, as `run` says it (stopLine.ts).
    if (e instanceof RunStoppedError) return { stopped: stopLine(task.scenario, e) };
    throw e;
  }
  return { traceHash: summary.traceHash, sent: summary.requests.sent, ok: summary.requests.ok, failed: summary.requests.failed, events: summary.events, metrics };
}

export default runJob;
