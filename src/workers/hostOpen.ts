// Opening a scenario in a SimHost: its text read and validated (as the CLI reads a file), the
// world's events at t = 0 run under a wall-time backstop so a clock that cannot leave zero is
// refused with the engine's own words, and an engine error said as a problem against the
// scenario. Functions of their arguments; SimHost owns the state they are given.
import { StalledClockError, type WallClock } from '../sim-engine';
import type { World } from '../models';
import { countBeforeReading, formatDuration, notAScenario, notAScenarioInApp, pathOfActor, readScenarioText, scenarioFormat, validateScenario, type Problem, type Scenario } from '../scenario';
import { LoadStage, type LoadResult } from './protocol';
import { zonesOf } from './zones';

/**
 * Wall time a new scenario may spend on its events at t = 0: a backstop, not the test. A clock
 * stuck at zero is found by the engine's own guard, counted in events (`stallLimit`: a million in
 * a row for a small scenario), so the same file gets the same message, with the same count, on a
 * quiet or a loaded machine. Before (session 19), a 5 s budget here was the test: at load 12-27 it
 * ran out after 250-640k events, before the guard, and the message depended on the machine. The
 * backstop is for files whose guard counts hundreds of millions (a million users: 128 million);
 * it too names what loops (runTimeZero). No shipped scenario takes a millisecond at t = 0; the
 * opening shows its stage and a Cancel all the while, in a worker of its own.
 */
export const START_BUDGET_MS = 60_000;

/** Events sampled at t = 0, once the start budget is spent, to name what loops (as the engine's guard samples its last 4,096). */
export const START_STALL_SAMPLE = 4096;

/**
 * Parses and validates scenario text, hearing each stage as it begins (`onStage`: parsing, then
 * validating). `fileName` decides JSON or YAML as in the CLI (`scenarioFormat`); without one, the
 * text does. Problems come back as data, with the title when the text named one; never throws.
 */
export function readForHost(
  text: string,
  fileName: string | undefined,
  onStage?: (stage: LoadStage) => void,
): { ok: true; data: Record<string, unknown>; scenario: Scenario; title: string | undefined } | { ok: false; problems: Problem[]; title?: string } {
  onStage?.(LoadStage.parsing);
  // As the CLI's parseScenarioText: a large JSON text's nodes are counted before it is read.
  const format = scenarioFormat(fileName, text);
  const tooMany = countBeforeReading(text, format);
  if (tooMany.length) return { ok: false, problems: tooMany };
  // As parseScenarioText: a manifest or a share link in a scenario's place says what it is.
  const other = notAScenario(text);
  if (other) return { ok: false, problems: [{ path: '(file)', message: notAScenarioInApp(other) }] };
  const read = readScenarioText(text, format);
  if (!read.ok) return read;
  const data = read.data as Record<string, unknown>;
  const title = typeof data?.title === 'string' && data.title.trim() ? data.title.trim() : undefined;
  onStage?.(LoadStage.validating);
  const r = validateScenario(read.data);
  if (!r.ok) return { ...r, title };
  return { ok: true, data, scenario: r.scenario, title };
}

/** `zones` for ScenarioInfo: present only when the scenario places hosts apart. */
function zoneField(w: World): { zones?: Record<string, string[]> } {
  const zones = zonesOf(w);
  return zones ? { zones } : {};
}

/** What the app is told of a scenario loaded and started: its names, texts, seed, times, topology, narrative and layout. */
export function loadedInfo(s: Scenario, w: World): LoadResult & { ok: true } {
  return {
    ok: true,
    info: {
      name: s.name,
      title: s.title ?? s.name,
      description: s.description ?? '',
      seed: w.seed,
      durationMs: s.duration,
      warmupMs: s.warmup,
      topology: w.topology,
      narrative: s.narrative,
      lesson: s.lesson ?? '',
      layout: s.layout ?? {},
      ...zoneField(w),
    },
  };
}

/**
 * Runs the events at t = 0 of a freshly built world. A problem when the engine throws (its guard
 * against many events at one time, say: the problem names the busiest actor's field); null when
 * the clock can move on. When START_BUDGET_MS of wall time run out first, the guard is brought
 * down to the events run so far plus START_STALL_SAMPLE, so the refusal is still the guard's,
 * naming what loops (its count then the events run in the budget); the guard is put back if the
 * clock moves on after all. Mutates `w` (it runs).
 */
export function runTimeZero(w: World, scenario: Scenario | null, wallClock: WallClock): Problem | null {
  try {
    if (w.runFor(START_BUDGET_MS, 0, wallClock)) return null;
    const limit = w.sim.sameTimeLimit;
    // Every event so far was at t = 0, so the guard's run of events at one time is all of them.
    w.sim.sameTimeLimit = w.sim.events + START_STALL_SAMPLE;
    if (w.runFor(Number.POSITIVE_INFINITY, 0, wallClock)) {
      w.sim.sameTimeLimit = limit;
      return null;
    }
  } catch (e) {
    return runProblem(e, scenario, w);
  }
  return {
    path: '(run)',
    message: `stopped at t = 0 ms: ${w.sim.events.toLocaleString('en-US')} events in ${START_BUDGET_MS / 1000} s of wall time and the clock never moved; something loops without taking time (zero think time with zero service time, or failures that take none)`,
  };
}

/**
 * An error from the running engine as a problem against the scenario: a stalled clock (the
 * engine's guard) at the field of the busiest actor it names, anything else at `(run)`.
 */
export function runProblem(e: unknown, scenario: Scenario | null, w: World | null): Problem {
  if (e instanceof StalledClockError) return { path: (scenario && pathOfActor(scenario, e.actors)) ?? '(run)', message: e.message };
  const at = formatDuration(w?.sim.now ?? 0);
  return { path: '(run)', message: `the simulation failed at t = ${at}: ${e instanceof Error ? e.message : String(e)}` };
}
