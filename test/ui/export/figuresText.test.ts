// "Copy figures" (trial T1, 10): the run's figures as a markdown table for a doc, with the numbers the CLI prints.
// gateway-and-mesh, seed 11 at 30 s: sent 4,665, ok 3,944, failed 704, in flight 17, p50/p90/p99/mean 103/142/195/107 ms,
// trace aeddd401d4b97954 (`npm run sim -- run gateway-and-mesh --seed 11 --duration 30s`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/workers/SimHost';
import { EDGE_STRIDE, EdgeField, type Frame } from '../../../src/workers/protocol';
import { statsOf } from '../../../src/ui/sim/frameStats';
import { attemptsPerRequest, compareFiguresText, runFiguresText, type FiguresSide } from '../../../src/ui/export/figuresText';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/** `name` run with `seed` to `ms` as a link's seek would: the frame and the run's summary. */
function runTo(name: string, seed: number, ms: number) {
  let t = 0;
  const h = new SimHost(() => (t += 1e-6));
  if (!h.load(text(name), seed).ok) throw new Error(`${name} did not load`);
  let f: Frame = h.seekTo(ms, 1e9, false);
  while (f.simTime < ms && !f.done) f = h.seekTo(ms, 1e9, false);
  return { frame: f, summary: h.summary() };
}

function side(label: string, r: ReturnType<typeof runTo>): FiguresSide {
  const stats = statsOf(r.frame);
  return { label, stats, series: { buckets: [], bucketMs: 1000 }, attemptsPerRequest: attemptsPerRequest(r.frame.edges, EDGE_STRIDE, EdgeField.attempts, stats.sent) };
}

describe('Copy figures: the figures as a markdown table', () => {
  const gm = runTo('gateway-and-mesh', 11, 30_000);
  it("one run: head line with scenario, seed, time and trace hash, then the counters the CLI prints and attempts per user request", () => {
    const tries = Object.values(gm.summary.edges).reduce((n, e) => n + e.requests + e.retries, 0) / gm.summary.requests.sent;
    const mine = side('gateway-and-mesh', gm);
    // The frame's attempts count calls that ended; the CLI's compare adds retries started: the same to 0.005 (3.539).
    expect(tries).toBeCloseTo(16_510 / 4_665, 6);
    expect(mine.attemptsPerRequest!).toBeCloseTo(tries, 2);
    const lines = runFiguresText(mine, { seed: 11, durationMs: 60_000, link: 'http://x/?scenario=gateway-and-mesh&seed=11&t=30s' }).split('\n');
    expect(lines.slice(0, 13)).toEqual([
      '**gateway-and-mesh** · seed 11 · 30.0 s of 60.0 s simulated · trace aeddd401d4b97954',
      '',
      '| figure | value |',
      '| --- | ---: |',
      '| requests sent | 4,665 |',
      '| ok | 3,944 |',
      '| failed | 704 |',
      '| failed, % of sent | 15.1% |',
      '| in flight | 17 |',
      '| latency p50 | 103 ms |',
      '| latency p90 | 142 ms |',
      '| latency p99 | 195 ms |',
      '| latency mean | 107 ms |',
    ]);
    expect(lines[13]).toBe(`| attempts per user request, all hops | ${mine.attemptsPerRequest!.toFixed(3)} |`);
    expect(lines.at(-2)).toBe('Link: http://x/?scenario=gateway-and-mesh&seed=11&t=30s');
  });

  it('compare: both sides and B − A, points for the failed share, "—" for a figure one side lacks', () => {
    const a = side('A · gateway-and-mesh', gm);
    const b = side('B · gateway-and-mesh seed 12', runTo('gateway-and-mesh', 12, 30_000));
    const out = compareFiguresText([a, { ...b, attemptsPerRequest: null }], { seed: 11, simTimeMs: 30_000, link: null }).split('\n');
    expect(out[0]).toBe(`**A · gateway-and-mesh** vs **B · gateway-and-mesh seed 12** · seed 11 · at 30.0 s simulated · trace A aeddd401d4b97954, B ${b.stats.traceHash}`);
    expect(out[2]).toBe('| figure | A · gateway-and-mesh | B · gateway-and-mesh seed 12 | B − A |');
    const sent = b.stats.sent - 4665;
    expect(out[4]).toBe(`| requests sent | 4,665 | ${b.stats.sent.toLocaleString('en-US')} | ${sent > 0 ? '+' : sent < 0 ? '−' : '±'}${Math.abs(sent).toLocaleString('en-US')} |`);
    const pts = (100 * b.stats.failed) / b.stats.sent - (100 * 704) / 4665;
    expect(out[7]).toBe(`| failed, % of sent | 15.1% | ${((100 * b.stats.failed) / b.stats.sent).toFixed(1)}% | ${pts > 0 ? '+' : '−'}${Math.abs(pts).toFixed(1)} pts |`);
    expect(out[13]).toBe(`| attempts per user request, all hops | ${a.attemptsPerRequest!.toFixed(3)} | — | — |`);
    expect(out.some((l) => l.startsWith('Link:'))).toBe(false);
  });

  it('a run with nothing sent yet reads "—" for shares, latency and attempts, never 0% or NaN', () => {
    const zero = runTo('gateway-and-mesh', 11, 0);
    const out = runFiguresText(side('gateway-and-mesh', zero), { seed: 11, durationMs: 60_000, link: null });
    expect(out).toContain('| failed, % of sent | — |');
    expect(out).toContain('| latency p99 | — |');
    expect(out).toContain('| attempts per user request, all hops | — |');
    expect(out).not.toMatch(/NaN|Infinity/);
  });
});
