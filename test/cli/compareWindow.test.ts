// `compare A B --from T --to T` (brief T3 2): both runs over one window, as `run --from/--to` and a
// story step measure it. retry-storm against its fix over the outage (11 s – 24 s): the lesson's
// 27.0 attempts at payments per user request against 2.9.
import { describe, expect, it } from 'vitest';
import { compareWindow, formatCompareWindow } from '../../src/cli/compareWindow';
import type { WindowFigures } from '../../src/cli/window';
import { simHere } from './spawnSim';

describe('compare over a window', () => {
  it('retry-storm against retry-storm-fixed over 11 s – 24 s: 27.0 against 2.9 attempts at payments per user request, all failed on both', async () => {
    const r = await simHere(['compare', 'retry-storm', 'retry-storm-fixed', '--from', '11s', '--to', '24s']);
    expect(r.code).toBe(0);
    const at = r.stdout.indexOf('window 11 s – 24 s, the same on both sides');
    expect(at).toBeGreaterThan(0);
    const lines = r.stdout.slice(at).split('\n');
    expect(lines).toContain('user requests ended                       518     527     1.02x');
    expect(lines).toContain('failed, % of ended                     100.0%  100.0%     1.00x');
    expect(lines).toContain('attempts at payments per user request    27.0     2.9     0.11x');
    expect(lines).toContain('attempts at orders per user request       9.0     1.0     0.11x');
    // Every request in the window failed on both sides: no latency rows (none measured).
    expect(lines.some((l) => l.startsWith('latency'))).toBe(false);
    const json = await simHere(['compare', 'retry-storm', 'retry-storm-fixed', '--from', '11s', '--to', '24s', '--json']);
    const w = JSON.parse(json.stdout).window;
    expect([w.fromMs, w.toMs, w.window]).toEqual([11_000, 24_000, '11 s – 24 s']);
    const payments = w.rows.find((x: { service?: string }) => x.service === 'payments');
    expect(payments).toMatchObject({ measure: 'attempts-per-request', label: 'attempts at payments per user request' });
    expect([+payments.a.toFixed(1), +payments.b.toFixed(1)]).toEqual([27, 2.9]);
    // Each side as `run --from 11s --to 24s --json` gives its window: A's 518 ended, all failed.
    expect([w.a.ended, w.a.failed, w.b.ended]).toEqual([518, 518, 527]);
  }, 240_000);

  it('a window past either run, or off the second, exits 2 with --to:/--from: before any run', async () => {
    const past = await simHere(['compare', 'retry-storm', 'retry-storm-fixed', '--from', '11s', '--to', '99s']);
    expect([past.code, past.stdout]).toEqual([2, '']);
    expect(past.stderr.trim()).toBe("--to: 99 s is past the run's end (40 s; --duration sets a longer run)");
    const half = await simHere(['compare', 'retry-storm', 'retry-storm-fixed', '--from', '11.5s']);
    expect(half.code).toBe(2);
    expect(half.stderr.trim()).toBe('--from: 11.5 s is not a whole second (the series counts requests second by second), e.g. --from 11s');
    const order = await simHere(['compare', 'retry-storm', 'retry-storm-fixed', '--from', '20s', '--to', '10s']);
    expect(order.stderr.trim()).toBe('--from: 20 s must be before --to (10 s)');
  }, 120_000);

  it('a service one side lacks reads "-" with no ratio, as does a ratio over an A of 0', () => {
    const side = (ended: number, failed: number, services: [string, number][]): WindowFigures => ({ fromMs: 0, toMs: 10_000, ended, ok: ended - failed, failed, latencyCount: 0, latencyMs: null, services: services.map(([service, perRequest]) => ({ service, tries: 0, perRequest, sentInWindow: 0 })) });
    const c = compareWindow(side(100, 0, [['web', 1.5]]), side(80, 20, [['web', 3], ['cache', 1]]));
    expect(c.rows.map((r) => [r.label, r.a, r.b, r.ratio])).toEqual([
      ['user requests ended', 100, 80, 0.8],
      ['failed, % of ended', 0, 0.25, null],
      ['attempts at web per user request', 1.5, 3, 2],
      ['attempts at cache per user request', null, 1, null],
    ]);
    expect(formatCompareWindow(c).split('\n').slice(2)).toEqual([
      'user requests ended                  100     80     0.80x',
      'failed, % of ended                  0.0%  25.0%         -',
      'attempts at web per user request     1.5    3.0     2.00x',
      'attempts at cache per user request     -    1.0         -',
    ]);
  });

  it("istio-load-test-baseline against istio-load-test over 1 s – 4 s: p90 +2.65 ms with B - A beside B/A, Istio's published cost of a sidecar pair within 10%", async () => {
    const r = await simHere(['compare', 'istio-load-test-baseline', 'istio-load-test', '--from', '1s', '--to', '4s', '--json']);
    expect(r.code).toBe(0);
    const w = JSON.parse(r.stdout).window;
    const p90 = w.rows.find((x: { measure: string }) => x.measure === 'latency-p90');
    expect(p90.label).toBe('latency p90 of the ok ones');
    expect(p90.difference).toBeCloseTo(p90.b - p90.a, 9);
    expect(Math.abs(p90.difference - 2.65) / 2.65).toBeLessThan(0.1);
    // Each side's count is of its ok requests sent after the warm-up that ended in the window.
    expect(w.a.latencyCount).toBeGreaterThan(0);
    expect(w.a.latencyCount).toBeLessThanOrEqual(w.a.ok);
    const text = await simHere(['compare', 'istio-load-test-baseline', 'istio-load-test', '--from', '1s', '--to', '4s']);
    expect(text.stdout).toMatch(new RegExp(`^latency p90 of the ok ones +${p90.a.toFixed(2)} ms +${p90.b.toFixed(2)} ms +${(p90.b / p90.a).toFixed(2)}x  \\+${p90.difference.toFixed(2)} ms$`, 'm'));
  }, 240_000);
});
