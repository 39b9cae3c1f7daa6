// Points whose runs were the same runs (every seed's trace hash equal) are said under the table and
// in the HTML (trial T5, 9: attempts 1 and 3 gave identical figures, unremarked).
import { describe, expect, it } from 'vitest';
import { buildReport, type SweepRun, type SweepSpec } from '../../src/cli/sweep/report';
import { identicalLines, identicalPoints } from '../../src/cli/sweep/identical';
import { reportHtml } from '../../src/cli/sweep/html';

const A = 'services.orders.calls.0.policy.retries.attempts';
const spec: SweepSpec = { file: 'my.yaml', scenario: 'my', grid: [{ path: A, values: [0, 1, 3] }], seeds: 2, seedBase: 1, durationMs: null, metrics: ['errorShare'] };
const run = (point: number, seed: number, traceHash: string, failed: number): SweepRun => ({ job: point * 2 + seed - 1, point, seed, traceHash, sent: 100, ok: 100 - failed, failed, events: 1, metrics: { errorShare: failed / 100 } });

describe('identical points of a sweep', () => {
  it('groups points whose every seed has the same trace hash, and says so by their values', () => {
    const r = buildReport(spec, [run(0, 1, 'aaaa', 5), run(0, 2, 'bbbb', 6), run(1, 1, '3130', 0), run(1, 2, 'cccc', 0), run(2, 1, '3130', 0), run(2, 2, 'cccc', 0)]);
    expect(identicalPoints(r)).toEqual([[1, 2]]);
    expect(identicalLines(r)).toEqual([`ran identically: ${A}=1 and ${A}=3 (every seed's trace hash equal, 2 seeds; seed 1: 3130): their figures are the same runs, not seeds that agree`]);
    expect(reportHtml(r)).toContain(`<p class="note identical">ran identically: ${A}=1 and ${A}=3`);
  });

  it('does not group points that differ at one seed, or that ran different seeds', () => {
    const r = buildReport(spec, [run(0, 1, 'x', 0), run(0, 2, 'y', 0), run(1, 1, 'x', 0), run(1, 2, 'z', 0), run(2, 1, 'x', 0)]);
    expect(identicalPoints(r)).toEqual([]);
    expect(identicalLines(r)).toEqual([]);
    expect(reportHtml(r)).not.toContain('class="note identical"');
  });
});
