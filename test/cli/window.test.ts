import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText, type Scenario } from '../../src/scenario';
import { Counter } from '../../src/workers/protocol';
import { hostSeries } from '../workers/hostSeries';
import { measureFigure } from '../../src/workers/figures';
import { runWithWindow, windowFigures, windowProblem, formatWindow } from '../../src/cli/window';
import { simHere } from './spawnSim';

// `run FILE --from T --to T` (trial N14, 3): the CLI's figure over a window must be the one the
// story step shows for it, measured the same way, so a student can check the 27 from a terminal.

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8');
const parsed = (name: string): Scenario => {
  const r = parseScenarioText(text(name));
  if (!r.ok) throw new Error(`${name} is invalid`);
  return r.scenario;
};

/** The app's story-step figure of narrative step `step` (the worker's host and series, run to the end: hostSeries). */
function storyFigure(name: string, step: number) {
  const { info, buckets, frame } = hostSeries(text(name), name);
  const c = frame.counters;
  const totals = { simTime: frame.simTime, ok: c[Counter.ok], failed: c[Counter.failed], mean: c[Counter.mean], p50: c[Counter.p50], p90: c[Counter.p90], p99: c[Counter.p99], proxyCpuMs: c[Counter.proxyCpuMs], proxyPasses: c[Counter.proxyPasses] };
  return measureFigure(parsed(name).narrative[step].figure!, buckets, 1000, totals, info.durationMs);
}

describe('run --from --to', () => {
  it("gives retry-storm's and retry-storm-fixed's attempts at payments per user request over 11-24 s exactly as their story steps show them (27.0 and 2.9)", () => {
    for (const [name, shown] of [['retry-storm.json', '27.0'], ['retry-storm-fixed.json', '2.9']] as const) {
      const step = storyFigure(name, 2);
      const run = runWithWindow(parsed(name), {});
      const w = windowFigures(run.buckets, run.bucketMs, { fromMs: 11_000, toMs: 24_000 }, run.summary.simulatedMs);
      const payments = w.services.find((s) => s.service === 'payments')!;
      expect(step.text).toBe(shown);
      expect(payments.perRequest).toBe(step.value);
      expect(payments.perRequest.toFixed(1)).toBe(shown);
      // The requests it is over are the step's ("over the 518 user requests ended 11 s – 24 s").
      expect(step.note).toContain(`over the ${w.ended.toLocaleString('en-US')} user requests ended 11 s – 24 s`);
      expect(formatWindow(w)).toMatch(new RegExp(`^payments +${shown} +${payments.tries} +${payments.sentInWindow}$`, 'm'));
    }
  }, 120_000);

  it("prints the window's failed share of the user requests that ended, as gateway-only's story step shows it (33.4% of 3,711, 21-58 s; trial N15, 11)", () => {
    const name = 'gateway-only.json';
    const step = storyFigure(name, parsed(name).narrative.findIndex((n) => n.figure?.measure === 'failed-share'));
    const run = runWithWindow(parsed(name), {});
    const w = windowFigures(run.buckets, run.bucketMs, { fromMs: 21_000, toMs: 58_000 }, run.summary.simulatedMs);
    expect([w.ended, w.ok, w.failed]).toEqual([3711, 2470, 1241]);
    expect(step.text).toBe('33.4%');
    expect(formatWindow(w).split('\n')[0]).toMatch(/^window 21 s – 58 s: 3,711 user requests ended in it \(ok 2,470, failed 1,241: 33\.4% of ended failed\); /);
  }, 120_000);

  it("over the whole run, the window's latency is the summary's: hello-mesh's 20 s, p50/p90/p99 within the histogram's 0.39% and the mean exact", () => {
    const run = runWithWindow(parsed('hello-mesh.json'), { durationMs: 20_000 });
    const w = windowFigures(run.buckets, run.bucketMs, { fromMs: 0, toMs: 20_000 }, run.summary.simulatedMs);
    const s = run.summary.latencyMs;
    expect(w.latencyCount).toBeGreaterThan(500);
    expect(w.latencyCount).toBeLessThanOrEqual(w.ok);
    for (const q of ['p50', 'p90', 'p99'] as const) expect(Math.abs(w.latencyMs![q] - s[q]) / s[q]).toBeLessThan(0.0039);
    expect(w.latencyMs!.mean).toBeCloseTo(s.mean, 6);
    // A later window of the same run reads its own requests only: fewer, and the line says how many.
    const late = windowFigures(run.buckets, run.bucketMs, { fromMs: 10_000, toMs: 20_000 }, run.summary.simulatedMs);
    expect(late.latencyCount).toBeLessThan(w.latencyCount);
    expect(formatWindow(late).split('\n')[1]).toMatch(new RegExp(`^latency of the ok ones: mean [0-9.]+ ms   p50 [0-9.]+ ms   p90 [0-9.]+ ms   p99 [0-9.]+ ms   \\(${late.latencyCount.toLocaleString('en-US')} measured: sent after the warm-up; `));
  }, 120_000);

  it('a window where every request failed has no latency, and says none was measured (retry-storm 11-24 s)', () => {
    const run = runWithWindow(parsed('retry-storm.json'), { durationMs: 24_000 });
    const w = windowFigures(run.buckets, run.bucketMs, { fromMs: 11_000, toMs: 24_000 }, run.summary.simulatedMs);
    expect([w.ok, w.latencyCount, w.latencyMs]).toEqual([0, 0, null]);
    expect(formatWindow(w).split('\n')[1]).toBe('latency of the ok ones: - (none measured: no ok request sent after the warm-up ended in the window)');
  }, 120_000);

  it('a window the run cannot read is named by its flag: past the end, not on a whole second, empty', () => {
    expect(windowProblem({ fromMs: 11_000, toMs: 24_000 }, 40_000)).toBeNull();
    expect(windowProblem({ fromMs: 0 }, 40_000)).toBeNull();
    expect(windowProblem({ fromMs: 11_500, toMs: 24_000 }, 40_000)).toBe('--from: 11.5 s is not a whole second (the series counts requests second by second), e.g. --from 11s');
    expect(windowProblem({ fromMs: 0, toMs: 50_000 }, 40_000)).toBe("--to: 50 s is past the run's end (40 s; --duration sets a longer run)");
    expect(windowProblem({ fromMs: 30_000, toMs: 20_000 }, 40_000)).toBe('--from: 30 s must be before --to (20 s)');
    expect(windowProblem({ fromMs: 40_000 }, 40_000)).toBe("--from: 40 s must be before --to (40 s, the run's end)");
  });

  it('bad window input exits 2 with a --from: line and no run', async () => {
    const past = await simHere(['scenarios/hello-mesh.json', '--from', '5s', '--to', '10m']);
    expect(past.code).toBe(2);
    expect(past.stdout).toBe('');
    expect(past.stderr.trim()).toMatch(/^--to: 600 s is past the run's end \(\d+ s; --duration sets a longer run\)$/);
    const unitless = await simHere(['scenarios/hello-mesh.json', '--from', '11']);
    expect(unitless.code).toBe(2);
    expect(unitless.stderr.split('\n')[0]).toMatch(/^--from: "11" needs a unit/);
  });
});
