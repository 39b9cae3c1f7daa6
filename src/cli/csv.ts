import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { WallClock } from '../sim-engine';
import { summarize, Tracer, World, type RunSummary, type TracerOptions } from '../models';
import type { Scenario } from '../scenario';
import { SeriesRecorder } from '../workers/series';
import { seriesCsv } from '../ui/export/tables';

/**
 * Says why a file cannot be written at `file`, as `FLAG: message` (`--csv`, `--traces`), or null
 * when it can: its folder must exist and it must not be a folder itself. Checked before the run,
 * so a bad path costs no simulated time.
 */
export function checkOutputPath(flag: string, file: string, example: string): string | null {
  const dir = dirname(resolve(file));
  const isDir = (p: string): boolean | null => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return null;
    }
  };
  if (isDir(dir) !== true) return `${flag}: cannot write ${file}: its folder ${dir} does not exist`;
  if (isDir(file) === true) return `${flag}: ${file} is a folder; give a file name, e.g. ${file.replace(/\/$/, '')}/${example}`;
  return null;
}

/**
 * Says that `file` (an output, given with `flag`) is one of the files the command reads,
 * `inputs`, as `FLAG: message`, or null: writing it would overwrite that input before (or while)
 * it is read, as `--csv scenario.json` once replaced the scenario with its own series. Paths are
 * compared resolved from the working folder. Reads nothing.
 */
export function overwritesInput(flag: string, file: string, inputs: readonly string[]): string | null {
  const out = resolve(file);
  const hit = inputs.find((f) => resolve(f) === out);
  return hit === undefined ? null : `${flag}: ${file} is ${hit === file ? 'a file' : `${hit}, a file`} this command reads; writing it would overwrite it: give another name`;
}

/** What `runWithSeries` gives: the world, its summary and the per-second series as CSV. */
export interface SeriesRun {
  world: World;
  summary: RunSummary;
  /** The app's per-second CSV (src/ui/export/tables.ts `seriesCsv`): the same columns and rows. */
  csv: string;
}

/**
 * Runs a validated scenario to its end as `runScenario` does, recording the per-second series as
 * the app's worker does (a `SeriesRecorder` on the world's observer hooks). The recorder only
 * reads, so the events, figures and trace hash are those of a run without it.
 */
export function runWithSeries(scenario: Scenario, options: { seed?: number; durationMs?: number; wallClock?: WallClock; traces?: TracerOptions }): SeriesRun {
  const s = options.durationMs !== undefined ? { ...scenario, duration: options.durationMs } : scenario;
  const clock = options.wallClock ?? (() => 0);
  const t0 = clock();
  const world = new World(s, options.seed ?? s.seed);
  if (options.traces) world.tracer = new Tracer(world, options.traces);
  const series = new SeriesRecorder(0, world.duration, world.warmup, world.sentPerSecond);
  world.observer = {
    transmit: () => {},
    requestEnded: (client, cause, latencyMs) => series.requestEnded(world.sim.now, client, cause, latencyMs),
  };
  world.runUntil();
  series.advanceTo(world.sim.now);
  const summary = summarize(world, clock() - t0);
  const batch = series.since(0);
  return { world, summary, csv: seriesCsv(batch.buckets, batch.bucketMs) };
}

/** Writes `text` to `file`; a `--csv: message` when it cannot. */
export function writeCsv(file: string, text: string): string | null {
  try {
    writeFileSync(file, text);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `--csv: cannot write ${file} (${code ?? String(e)})`;
  }
}
