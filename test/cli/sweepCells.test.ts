// The sweep report a design review can paste (trial T3 of session 52, 2-4): figures at their
// interval's decimals with a % sign, a table folded to a terminal, every swept field named, y ticks
// that tell themselves apart, and a p99 of ok requests marked where failures drop out of it.
import { describe, expect, it } from 'vitest';
import { figureCell, figureText, foldedTable, shortPaths, wrapWords } from '../../src/cli/sweep/cells';
import { failedShares, okOnlyMarks, okOnlyNote } from '../../src/cli/sweep/okOnly';
import { aboutLines } from '../../src/cli/sweep/about';
import { formatReport, reportCsv } from '../../src/cli/sweep/report';
import { reportHtml } from '../../src/cli/sweep/html';
import { tableWidth } from '../../src/cli/sweep';

const iv = (mean: number, half: number, n = 5) => ({ n, mean, sd: half, lo: mean - half, hi: mean + half });
const ATT = 'services.inventory.policy.retries.attempts';
const PTT = 'services.inventory.policy.retries.perTryTimeout';
// T3's sweep (slow-one-in-ten, 5 seeds), its figures rounded: with 0 retries failures drop out of the p99.
const figures: [number, string, number, number, number][] = [
  // attempts, perTryTimeout, p99 ±, failed share (0..1), attempts per call
  [0, '100ms', 185.5, 0.001742, 1],
  [0, '250ms', 287.8, 0.015, 1],
  [1, '100ms', 189.5, 0, 1.00062],
  [1, '250ms', 344.2, 0, 1.0046],
  [2, '100ms', 189.5, 0, 1.00062],
  [2, '250ms', 344.2, 0, 1.0046],
];
const report = {
  sweep: {
    file: 'slow10.json',
    scenario: 'slow-one-in-ten',
    grid: [
      { path: ATT, values: [0, 1, 2] },
      { path: PTT, values: ['100ms', '250ms'] },
    ],
    seeds: 5,
    seedBase: 1,
    durationMs: 30000,
    about: { paths: { [ATT]: "retries of calls to inventory (made by frontend's sidecar)" }, faults: ["slow-replica inventory 0 s – 30 s of the run's 30 s"] },
  },
  points: figures.map(([a, t, p99, share, tries]) => ({
    set: { [ATT]: a, [PTT]: t },
    runs: 5,
    metrics: { p50Ms: iv(98.45, 0.71), p90Ms: iv(137.9, 0.68), p99Ms: iv(p99, 8.6), meanMs: iv(102.7, 0.44), errorShare: iv(share, share ? share / 7 : 0), attemptsPerCall: iv(tries, tries === 1 ? 0 : 0.00013), proxyCpuVcpu: iv(0.1751, 0.0035) },
  })),
  runs: [],
};

describe('a figure as a person reads it', () => {
  it('writes a share in % with its mean and interval at the half-width\'s decimals (T3: "0.174" and "1.5 [1.29, 1.7]")', () => {
    expect(figureCell('errorShare', iv(0.001742, 0.00023))).toBe('0.174% ±0.023');
    expect(figureCell('errorShare', iv(0.015, 0.0021))).toBe('1.50% ±0.21');
    expect(figureText('errorShare', iv(0.015, 0.0021), true)).toEqual({ mean: '1.50%', half: null, lo: '1.29', hi: '1.71' });
    expect(figureCell('errorShare', iv(0, 0))).toBe('0% ±0');
    expect(figureCell('p99Ms', iv(344.2, 35))).toBe('344 ±35');
    expect(figureCell('p99Ms', iv(185.5, 8.6))).toBe('185.5 ±8.6');
    // A zero width keeps the mean's 4 digits; no interval, the same.
    expect(figureCell('attemptsPerCall', iv(1.0012, 0))).toBe('1.001 ±0');
    expect(figureCell('p99Ms', { n: 1, mean: 245.0695, sd: null, lo: null, hi: null })).toBe('245.1');
    expect(figureCell('p99Ms', iv(12345.6, 120))).toBe('12,346 ±120');
  });

  it('names swept paths by their shortest tail no other path ends with', () => {
    expect(shortPaths([ATT, PTT])).toEqual(['attempts', 'perTryTimeout']);
    expect(shortPaths(['services.a.replicas', 'services.b.replicas'])).toEqual(['a.replicas', 'b.replicas']);
    expect(shortPaths(['seed'])).toEqual(['seed']);
  });

  it('wraps a head at word boundaries, a longer word on its own line', () => {
    expect(wrapWords("failed, % of ended (app's counter: % of sent)", 14)).toEqual(['failed, % of', "ended (app's", 'counter: % of', 'sent)']);
    expect(wrapWords('edge->frontend.attempts x', 5)).toEqual(['edge->frontend.attempts', 'x']);
  });

  it('folds columns into blocks that fit, repeating the left ones, and keeps a table that fits as it is', () => {
    const left = [{ head: 'attempts', cells: ['0', '1'] }];
    const right = ['latency p50 (ms)', 'latency p90 (ms)', 'latency p99 (ms)'].map((head) => ({ head, cells: ['98.45 ±0.71', '100.05 ±0.94 ≈'] }));
    const wide = foldedTable(left, right, 200);
    expect(wide).toHaveLength(3);
    expect(wide[0]).toMatch(/^attempts\s+latency p50 \(ms\)\s+latency p90 \(ms\)\s+latency p99 \(ms\)$/);
    const narrow = foldedTable(left, right, 40);
    expect(Math.max(...narrow.map((l) => l.length))).toBeLessThanOrEqual(40);
    // Two blocks (2 metrics, then 1), each with the attempts column and its rows, an empty line between.
    expect(narrow.filter((l) => l === '')).toHaveLength(1);
    expect(narrow.filter((l) => /^1\s/.test(l))).toHaveLength(2);
  });
});

describe('the sweep table for a terminal', () => {
  const text = formatReport(report as never);
  const lines = text.split('\n');

  it('names every swept field with its values, and the words where it has them (T3, 4: perTryTimeout was only in a legend)', () => {
    expect(lines.slice(1, 4)).toEqual([
      `swept: ${ATT} = 0, 1, 2: retries of calls to inventory (made by frontend's sidecar)`,
      `swept: ${PTT} = 100ms, 250ms`,
      "faults: slow-replica inventory 0 s – 30 s of the run's 30 s",
    ]);
    expect(aboutLines(undefined, report.sweep.grid)).toEqual([`swept: ${ATT} = 0, 1, 2`, `swept: ${PTT} = 100ms, 250ms`]);
  });

  it('fits 100 columns (T3: ~330) and says what its marks mean in a legend line', () => {
    const table = lines.slice(lines.indexOf('') + 1, lines.findIndex((l) => l.startsWith('marks: ')) - 1);
    expect(table.filter((l) => /^[0-2]\s/.test(l))).toHaveLength(12);
    expect(Math.max(...table.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^marks: ≠ apart from its line's first point; ≈ overlaps the point before it .*; ‡ a p99 of ok requests/m);
    expect(formatReport(report as never, 80).split('\n').filter((l) => /^[0-2]\s/.test(l)).every((l) => l.length <= 80)).toBe(true);
  });

  it('marks the p99 of the points whose failures drop out of it, and says how many', () => {
    expect(failedShares(report as never)).toEqual(figures.map((f) => f[3]));
    expect(okOnlyMarks(report as never)).toEqual([true, true, false, false, false, false]);
    const p99Rows = lines.filter((l) => /^[0-2]\s/.test(l) && /‡/.test(l));
    expect(p99Rows).toHaveLength(2);
    expect(p99Rows[0]).toMatch(/185\.5 ±8\.6 ‡/);
    expect(okOnlyNote(report as never, ['p99Ms'])).toBe(
      '‡ p99 of ok requests; N% of ended failed and are not in it (attempts=0 perTryTimeout=100ms: 0.17%, attempts=0 perTryTimeout=250ms: 1.5%; the others about 0%): a failed request leaves the p99, so the point that fails more can read faster',
    );
    // Without a p99 column, or with shares alike, no mark.
    expect(okOnlyNote(report as never, ['p50Ms'])).toBeNull();
    const alike = { ...report, points: report.points.map((p) => ({ ...p, metrics: { ...p.metrics, errorShare: iv(0.02, 0.001) } })) };
    expect(okOnlyMarks(alike as never).some(Boolean)).toBe(false);
    expect(formatReport(alike as never)).not.toContain('‡');
  });

  it('reads a failed share from the runs when the sweep did not report errorShare', () => {
    const runs = [0, 1].flatMap((point) => [0, 1].map((j) => ({ job: point * 2 + j, point, seed: j + 1, traceHash: '', sent: 100, ok: point ? 100 : 98, failed: point ? 0 : 2, events: 1, metrics: {} })));
    const r = { sweep: { ...report.sweep, grid: [{ path: ATT, values: [0, 1] }], seeds: 2, metrics: ['p99Ms'] }, points: [0, 1].map((a) => ({ set: { [ATT]: a }, runs: 2, metrics: { p99Ms: iv(200, 5, 2) } })), runs };
    expect(failedShares(r as never)).toEqual([0.02, 0]);
    expect(okOnlyMarks(r as never)).toEqual([true, false]);
  });
});

describe('the sweep HTML and CSV', () => {
  const html = reportHtml(report as never);

  it('labels y ticks apart (T3: "1.01, 1, 1, 1, 1, 1, 1" on attempts per call)', () => {
    const fig = html.split('<figure>').find((f) => f.includes('<figcaption>attempts per call'))!;
    const ticks = [...fig.matchAll(/text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(2);
    expect(new Set(ticks).size).toBe(ticks.length);
    expect(ticks[0]).toBe('1.000');
  });

  it('writes shares in % at their interval\'s decimals, marks the p99 and names every swept field', () => {
    expect(html).toContain('1.50% <span class="ci">[1.29, 1.71]</span>');
    expect(html).toContain('0.174% <span class="ci">[0.149, 0.199]</span>');
    expect(html.match(/<sup class="okonly">‡<\/sup>/g)).toHaveLength(2);
    expect(html).toContain('<p class="note okonly">‡ p99 of ok requests; N% of ended failed');
    expect(html).toContain(`<p class="note about">swept: ${PTT} = 100ms, 250ms</p>`);
    expect(html).toContain(`one line for each value of ${PTT}`);
  });

  it("writes a share's y ticks in % as its figures are, and no other metric's (trial T5, 9: 0.0 to 1.0 beside text in %)", () => {
    const ticksOf = (caption: string) => {
      const fig = html.split('<figure>').find((f) => f.includes(`<figcaption>${caption}`))!;
      return [...fig.matchAll(/text-anchor="end">([^<]+)<\/text>/g)].map((m) => m[1]);
    };
    const share = ticksOf('failed, %');
    expect(share.length).toBeGreaterThan(2);
    expect(share.every((t) => /^\d+(\.\d+)?%$/.test(t))).toBe(true);
    expect(ticksOf('latency p99').some((t) => t.includes('%'))).toBe(false);
    expect(ticksOf('attempts per call').some((t) => t.includes('%'))).toBe(false);
  });

  it('keeps a share\'s CSV heads the stable names scripts read (errorShare_mean, no unit text)', () => {
    const head = reportCsv(report as never).split('\n')[0].split(',');
    expect(head).toContain('errorShare_mean');
    expect(head).toContain('errorShare_n');
    expect(head).toContain('p99Ms_mean');
  });
});

describe('the width the table is folded to', () => {
  it('is a terminal\'s own within 80..120 columns, and 100 off a terminal', () => {
    expect(tableWidth({ isTTY: true, columns: 90 })).toBe(90);
    expect(tableWidth({ isTTY: true, columns: 60 })).toBe(80);
    expect(tableWidth({ isTTY: true, columns: 250 })).toBe(120);
    expect(tableWidth({ columns: 90 })).toBe(100);
    expect(tableWidth({})).toBe(100);
  });
});
