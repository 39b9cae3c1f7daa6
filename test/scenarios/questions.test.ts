import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, type Frame, type SeriesBucket } from '../../src/workers/protocol';
import { measureFigure, type RunTotals } from '../../src/workers/figures';
import { parseScenarioText } from '../../src/scenario';

/*
 * Every question a shipped scenario asks (issue 12 item 4) must have a true answer: each file is
 * run on its own seed, the question's figure is measured as the app measures it (the worker's
 * per-second series, whose rows are the CLI's --csv rows row for row: test/cli/csv.test.ts), and
 * the choice that figure makes true must be the file's `answer`.
 */

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const text = (name: string) => readFileSync(`${dir}${name}`, 'utf8');

const totalsOf = (f: Frame): RunTotals => {
  const c = f.counters;
  return { simTime: f.simTime, ok: c[Counter.ok], failed: c[Counter.failed], mean: c[Counter.mean], p50: c[Counter.p50], p90: c[Counter.p90], p99: c[Counter.p99], proxyCpuMs: c[Counter.proxyCpuMs], proxyPasses: c[Counter.proxyPasses] };
};

/**
 * The worker's host with no spans, event log or snapshots: a figure reads none of them, and the
 * run is the same without them (its trace hash: spansSame.test, snapshot.test), so they were
 * only this file's time (stepFigures.test's appRun does the same).
 */
function bareHost(): SimHost {
  let t = 0;
  const h = new SimHost(() => (t += 1e-6));
  h.setTracing(null);
  h.setEventLog(false);
  h.setSnapshotPolicy(null);
  return h;
}

/** Runs a shipped scenario to `ms` in the worker's host, collecting its per-second series. */
function runTo(name: string, ms: number) {
  const h = bareHost();
  const r = h.load(text(name));
  if (!r.ok) throw new Error(`${name} did not load`);
  const buckets: SeriesBucket[] = [];
  let frame = h.advance(0, 1e9);
  // NOTE: asked with the series' own epoch, as the app asks it: a stale one (0) returns every
  // bucket from the start each time, and the slices then counted each second several times.
  let epoch = h.seriesSince(-1, 0).epoch;
  while (frame.simTime < ms && !frame.done) {
    frame = h.advance(Math.min(5000, ms - frame.simTime), 1e9);
    const b = h.seriesSince(epoch, buckets.length);
    if (b.epoch !== epoch) throw new Error('the series started again');
    epoch = b.epoch;
    buckets.push(...b.buckets);
  }
  return { info: r.info, buckets, frame };
}

/**
 * Which choice a measured figure makes true, per question: the reading of each choice's words as
 * a range. A choice a figure lands on outside every range is a failing test, not a guess.
 */
const TRUTH: Record<string, { step: number; choiceFor: (v: number) => number; value: (v: number) => void }> = {
  // "3", "7", "9", "27" attempts at payments per user request.
  'retry-storm.json': { step: 1, choiceFor: (v) => [3, 7, 9, 27].findIndex((n) => Math.abs(v - n) / n < 0.1), value: (v) => expect(v).toBeGreaterThan(25) },
  // all fail / about a third / almost all succeed (under 1%).
  'control-plane-outage.json': { step: 1, choiceFor: (v) => (v > 0.9 ? 0 : v > 0.25 && v < 0.45 ? 1 : v < 0.01 ? 2 : -1), value: (v) => expect(v).toBeLessThan(0.005) },
  // about a third / about one in ten / under 1%.
  'mesh-only.json': { step: 2, choiceFor: (v) => (v > 0.25 && v < 0.45 ? 0 : v > 0.05 && v < 0.2 ? 1 : v < 0.01 ? 2 : -1), value: (v) => expect(v).toBeLessThan(0.005) },
  // almost none / about a third / all.
  'gateway-only.json': { step: 2, choiceFor: (v) => (v < 0.01 ? 0 : v > 0.25 && v < 0.45 ? 1 : v > 0.99 ? 2 : -1), value: (v) => expect(Math.abs(v - 1 / 3)).toBeLessThan(0.05) },
};

describe('shipped questions', () => {
  const asking = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .filter((f) => (JSON.parse(text(f)).narrative ?? []).some((s: { question?: unknown }) => s.question));

  it('are asked in retry-storm, control-plane-outage, mesh-only and gateway-only, and each has its check here', () => {
    expect(asking.sort()).toEqual(['control-plane-outage.json', 'gateway-only.json', 'mesh-only.json', 'retry-storm.json']);
    for (const f of asking) {
      const steps = JSON.parse(text(f)).narrative as { question?: unknown }[];
      expect(steps.flatMap((s, i) => (s.question ? [i] : []))).toEqual([TRUTH[f].step]);
    }
  });

  for (const [file, truth] of Object.entries(TRUTH)) {
    it(`${file}: the answer is the choice the run's own figure makes true`, () => {
      const parsed = parseScenarioText(text(file));
      if (!parsed.ok) throw new Error(`${file} is invalid`);
      const q = parsed.scenario.narrative[truth.step].question!;
      const figure = q.figure ?? parsed.scenario.narrative[truth.step].figure!;
      expect(figure.to).toBeDefined();
      const { info, buckets, frame } = runTo(file, figure.to!);
      const m = measureFigure(figure, buckets, 1000, totalsOf(frame), info.durationMs);
      expect(m.complete).toBe(true);
      truth.value(m.value);
      expect(truth.choiceFor(m.value)).toBe(q.answer);
    });
  }
});

describe('a question figure', () => {
  it("counts the tries of the service only it names: retry-storm without its step figure still measures 27 attempts at payments", () => {
    const input = JSON.parse(text('retry-storm.json'));
    delete input.narrative[2].figure;
    const h = bareHost();
    const r = h.load(JSON.stringify(input));
    if (!r.ok) throw new Error('did not load');
    const buckets: SeriesBucket[] = [];
    let frame = h.advance(0, 1e9);
    const epoch = h.seriesSince(-1, 0).epoch;
    while (frame.simTime < 24_000) {
      frame = h.advance(Math.min(5000, 24_000 - frame.simTime), 1e9);
      buckets.push(...h.seriesSince(epoch, buckets.length).buckets);
    }
    // Each second once: the buckets' starts are 0, 1000, 2000, ...
    expect(buckets.map((b) => b.t)).toEqual(buckets.map((_, i) => i * 1000));
    const m = measureFigure(r.info.narrative[1].question!.figure!, buckets, 1000, totalsOf(frame), r.info.durationMs);
    expect(Math.abs(m.value - 27) / 27).toBeLessThan(0.05);
  });
});
