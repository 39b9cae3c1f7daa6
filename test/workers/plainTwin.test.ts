import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../src/models';
import { validateScenario, type LessonFigure } from '../../src/scenario';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, type Frame } from '../../src/workers/protocol';
import { measureFigure, type RunTotals } from '../../src/workers/figures';

/*
 * The lesson figures that compare a run with the same recipe without sidecars (latency-p50-added,
 * latency-p90-added) against the CLI: the worker's twin (src/workers/plainTwin.ts) must give the
 * numbers a Node run of both recipes gives, the plain one built here on its own, as
 * test/scenarios/lessons.test.ts builds it.
 */

const raw = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8')) as Record<string, unknown>;

/** `input` with every service and client's sidecar, mtls and mesh taken out (lessons.test's twin). */
function stripped(input: Record<string, unknown>): Record<string, unknown> {
  const strip = (x: Record<string, unknown>) => {
    const { sidecar: _s, mtls: _m, mesh: _mesh, ...rest } = x;
    return rest;
  };
  const i = input as { services: Record<string, unknown>[]; clients: Record<string, unknown>[] };
  return { ...input, name: `${String(input.name)}-plain`, services: i.services.map(strip), clients: i.clients.map(strip) };
}

/** A CLI run of `input` on `seed` to its end (`npm run sim -- run`'s summary). */
function cliRun(input: Record<string, unknown>, seed: number, untilMs?: number) {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const w = new World(r.scenario, seed);
  w.runUntil(untilMs);
  return { w, summary: summarize(w, 0) };
}

const totalsOf = (f: Frame): RunTotals => {
  const c = f.counters;
  return { simTime: f.simTime, ok: c[Counter.ok], failed: c[Counter.failed], mean: c[Counter.mean], p50: c[Counter.p50], p90: c[Counter.p90], p99: c[Counter.p99], proxyCpuMs: c[Counter.proxyCpuMs], proxyPasses: c[Counter.proxyPasses], plain: f.plain };
};

function host(input: Record<string, unknown>) {
  let t = 0;
  const h = new SimHost(() => (t += 1e-6));
  const r = h.load(JSON.stringify(input));
  if (!r.ok) throw new Error('did not load');
  return { h, info: r.info };
}

const figureOf = (info: { narrative: { figure?: LessonFigure }[] }, measure: string) => info.narrative.find((s) => s.figure?.measure === measure)!.figure!;

describe('the median latency the proxies add, on screen and in the CLI', () => {
  it("mesh-only's last step shows +3.5 ms: its p50 less that of the same recipe without sidecars, as two CLI runs give it, and 3 to 4 ms as its lesson says", () => {
    const input = raw('mesh-only.json');
    const { h, info } = host(input);
    const figure = figureOf(info, 'latency-p50-added');
    expect(info.narrative.at(-1)!.figure).toBe(figure);
    let frame = h.advance(0, 1e9);
    while (!frame.done) frame = h.advance(7000, 1e9);
    const m = measureFigure(figure, [], 1000, totalsOf(frame), info.durationMs);
    const mesh = cliRun(input, info.seed).summary.latencyMs;
    const plain = cliRun(stripped(input), info.seed).summary.latencyMs;
    expect(frame.counters[Counter.p50]).toBe(mesh.p50);
    expect(frame.plain).toMatchObject({ ok: true, atMs: 60_000, p50: plain.p50, p90: plain.p90, p99: plain.p99 });
    expect(m.value).toBe(mesh.p50 - plain.p50);
    expect(m.value).toBeGreaterThanOrEqual(3);
    expect(m.value).toBeLessThanOrEqual(4);
    expect(m).toEqual({ value: 3.5, text: '+3.50 ms', over: 'p50 99.3 ms vs 95.8 ms without proxies, the whole run', note: 'p50 99.3 ms vs 95.8 ms without proxies, the whole run; lesson: 3 to 4 ms', complete: true });
  });

  it("reads the twin at the frame's own moment as the run goes forward: istio-load-test at 1.8 s against the plain run to 1.8 s (it read the 1 s reading, a second behind the clock)", () => {
    const input = raw('istio-load-test.json');
    const { h, info } = host(input);
    for (const t of [1_020, 1_800, 2_345]) {
      const f = h.seekTo(t, 1e9);
      const plain = cliRun(stripped(input), info.seed, t).w.latency;
      expect(f.plain, `at ${t} ms`).toEqual({ ok: true, atMs: t, count: plain.count, p50: plain.quantile(0.5), p90: plain.quantile(0.9), p99: plain.quantile(0.99) });
      const m = measureFigure(figureOf(info, 'latency-p90-added'), [], 1000, totalsOf(f), info.durationMs);
      // No lag to name: both runs read at the moment on screen.
      expect(m.over, `at ${t} ms`).not.toMatch(/without proxies to/);
    }
  });

  it('a seek back reads the twin at the kept reading before it (every 100 ms), the plain run to that moment, and the figure says when', () => {
    const input = raw('mesh-only.json');
    const { h, info } = host(input);
    h.seekTo(40_000, 1e9);
    const back = h.seekTo(20_550, 1e9);
    const plain = cliRun(stripped(input), info.seed, 20_500).w.latency;
    expect(back.plain).toEqual({ ok: true, atMs: 20_500, count: plain.count, p50: plain.quantile(0.5), p90: plain.quantile(0.9), p99: plain.quantile(0.99) });
    const m = measureFigure(figureOf(info, 'latency-p50-added'), [], 1000, totalsOf(back), info.durationMs);
    expect(m.over).toBe(`p50 ${back.counters[Counter.p50].toFixed(1)} ms vs ${plain.quantile(0.5).toFixed(1)} ms without proxies, the whole run so far (without proxies to 20.5 s)`);
    expect(m.complete).toBe(false);
    // On a kept moment, the reading is that moment's.
    expect(h.seekTo(12_300, 1e9).plain).toMatchObject({ atMs: 12_300 });
  });

  it('replays a fault injected live in the twin too, as the CLI runs it from the file; one the plain shop refuses reads as that problem, not a number', () => {
    const input = raw('mesh-only.json');
    const { h, info } = host(input);
    h.seekTo(30_000, 1e9);
    expect(h.injectFault({ type: 'slow-replica', service: 'catalog', replica: 1, factor: 20, for: '10s' }).ok).toBe(true);
    const end = h.seekTo(60_000, 1e9);
    const withFault = { ...input, faults: [...(input.faults as unknown[]), { type: 'slow-replica', service: 'catalog', replica: 1, factor: 20, at: '30s', for: '10s' }] };
    const plain = cliRun(stripped(withFault), info.seed).summary.latencyMs;
    expect(end.plain).toMatchObject({ ok: true, p50: plain.p50, p90: plain.p90 });
    // The fault shows: catalog answers a third of the frontend's calls 20 times slower for 10 s.
    expect(plain.p90).toBeGreaterThan(cliRun(stripped(input), info.seed).summary.latencyMs.p90);

    const outage = host(input);
    outage.h.seekTo(10_000, 1e9);
    expect(outage.h.injectFault({ type: 'control-plane-outage' }).ok).toBe(true);
    const f = outage.h.seekTo(12_000, 1e9);
    expect(f.plain?.ok).toBe(false);
    const m = measureFigure(figureOf(info, 'latency-p50-added'), [], 1000, totalsOf(f), info.durationMs);
    expect(m.text).toBe('—');
    expect(m.over).toMatch(/^the recipe without sidecars stopped: a replayed fault was refused: /);
  });

  it('costs nothing where no figure asks: hello-mesh frames carry no twin', () => {
    const { h } = host(raw('hello-mesh.json'));
    expect(h.advance(2000, 1e9).plain).toBeUndefined();
  });
});
