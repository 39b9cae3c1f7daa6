// The text table marks what the seeds cannot tell apart with ≈, as the HTML does (trial N15, 2; brief T3 3).
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/cli/sweep/report';
import { reportHtml } from '../../src/cli/sweep/html';
import { apartFromFirst, APART_NOTE, overlapsBefore, OVERLAP_NOTE } from '../../src/cli/sweep/overlap';

const iv = (mean: number, half: number) => ({ n: 3, mean, sd: half, lo: mean - half, hi: mean + half });
// Two axes: attempts (the chart's x) 0,1,2 and replicas 1,2 (one line each). Error shares (0..1):
// replicas 1: 0.48±0.02, 0.47±0.02 (overlaps 0.48's), 0.30±0.01 (apart); replicas 2: 0.20±0.05, 0.26±0.005 (0.21..0.25 vs 0.255..0.265: apart), 0.262±0.01 (overlaps).
const shares: Record<string, [number, number]> = { '0,1': [0.48, 0.02], '0,2': [0.2, 0.05], '1,1': [0.47, 0.02], '1,2': [0.26, 0.005], '2,1': [0.3, 0.01], '2,2': [0.262, 0.01] };
const report = {
  sweep: { file: 'x.json', scenario: 'x', grid: [{ path: 'services.a.policy.retries.attempts', values: [0, 1, 2] }, { path: 'services.a.replicas', values: [1, 2] }], seeds: 3, seedBase: 1, durationMs: null, metrics: ['errorShare'] },
  points: [0, 1, 2].flatMap((a) => [1, 2].map((rep) => ({ set: { 'services.a.policy.retries.attempts': a, 'services.a.replicas': rep }, runs: 3, metrics: { errorShare: iv(...shares[`${a},${rep}`]) } }))),
  runs: [],
};

describe('≈ in the sweep table', () => {
  it('marks a point whose interval overlaps the one before it along the first path, the other paths alike (not the row above)', () => {
    expect(overlapsBefore(report as never, 'errorShare')).toEqual([false, false, true, false, false, true]);
    const rows = formatReport(report as never).split('\n').filter((l) => /^\d\s/.test(l));
    expect(rows.map((r) => r.endsWith('≈'))).toEqual([false, false, true, false, false, true]);
    expect(rows[2]).toMatch(/^1\s+1\s+3\s+47\.0% ±2\.0 ≈$/);
    // ≠: apart from the line's first point (replicas 2: 0.20±0.05 against 0.26±0.005), though not marked ≈ (trial N18, 6).
    expect(rows[3]).toMatch(/26\.00% ±0\.50 ≠$/);
    expect(rows[4]).toMatch(/30\.0% ±1\.0 ≠$/);
    // Its mean at its half-width's decimals (trial T3 of session 52, 3); both marks after one space.
    expect(rows[5]).toMatch(/26\.2% ±1\.0 ≠≈$/);
    expect(apartFromFirst(report as never, 'errorShare')).toEqual([false, false, false, true, true, true]);
    expect(formatReport(report as never)).toContain(APART_NOTE);
  });

  it('says what ≠ means in a whole sentence, not one cut off mid-clause (trial T1, 5)', () => {
    const line = formatReport(report as never).split('\n').find((l) => l.startsWith('≠:'));
    expect(line).toBe(APART_NOTE);
    expect(line).toMatch(/even where no single step along the line is large enough for them to tell apart$/);
  });

  it('says what ≈ means once, only when a cell has one, and the HTML marks the same points', () => {
    const text = formatReport(report as never);
    expect(text.split(OVERLAP_NOTE)).toHaveLength(2);
    const apart = { ...report, points: report.points.map((p, i) => ({ ...p, metrics: { errorShare: iv(0.1 * i, 0.01) } })) };
    expect(formatReport(apart as never)).not.toContain('≈');
    expect(reportHtml(report as never).match(/class="same"/g)).toHaveLength(2);
    expect(reportHtml(apart as never)).not.toContain('class="same"');
  });
});
