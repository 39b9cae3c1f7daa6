import { describe, expect, it } from 'vitest';
import type { DiffRow } from '../../src/ui/compare/diff';
import type { StoryWindowRow } from '../../src/ui/compare/storyWindows';
import { storyVerdictWindow, verdictParts } from '../../src/ui/compare/verdict';

const fig = (value: number, note: string) => ({ value, text: `${(100 * value).toFixed(1)}%`, note, over: note, complete: !note.includes('so far') });
const win = (a: number, b: number, over: Partial<StoryWindowRow> = {}, note = 'of requests ended 21 s – 58 s'): StoryWindowRow => ({
  key: 'k', measure: 'failed-share', ofAll: true, label: 'user requests failing while the replica hangs', window: '21 s – 58 s', fromMs: 21000, toMs: 58000,
  a: fig(a, note), b: fig(b, note), ratio: null, share: true, ...over,
});

const row = (key: string, format: DiffRow['format'], a: number | null, b: number | null, unit = ''): DiffRow => ({ key, label: key, unit, format, section: 'load', a, b, ratio: null });

describe('the compare verdict line', () => {
  it("gives the failed share with B - A in points, p99 and attempts per request, as the table formats them (gateway-only vs mesh-only at 60 s)", () => {
    const rows = [row('p50', 'ms', 99.3, 95.8, 'ms'), row('p99', 'ms', 183, 189, 'ms'), row('failed', 'share', 0.221, 0), row('tries', 'number', 3.992, 2.998)];
    const parts = verdictParts(rows);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe('failed 22.1% vs 0.0% (-22.1 pts)');
    // Over different requests: A's 22.1% failed drop out of A's p99, said beside it (trial T3, 2).
    expect(parts[1]).toMatch(/^p99 of ok requests 183 ?ms vs 189 ?ms \(A's 22\.1% failed are left out, not like for like ‡\)$/);
    expect(parts[2]).toBe('attempts per user request, all hops, whole run 4.0 vs 3.0');
  });

  it('leaves out a row neither run has, and gives nothing before the figures', () => {
    expect(verdictParts([row('failed', 'share', 0.5, 0.25), row('p99', 'ms', null, null, 'ms')])).toEqual(['failed 50.0% vs 25.0% (-25.0 pts)']);
    expect(verdictParts([])).toEqual([]);
  });

  it("leads with the stories' window where both stories measure the failed share over one, naming it, and labels the whole run's (trial T2, 4)", () => {
    const rows = [row('p99', 'ms', 183, 189, 'ms'), row('failed', 'share', 0.221, 0), row('tries', 'number', 3.992, 2.998)];
    const parts = verdictParts(rows, win(0.334, 0));
    expect(parts[0]).toBe("failed 33.4% vs 0.0% (-33.4 pts) over the stories' 21 s – 58 s");
    expect(parts[1]).toBe('whole run 22.1% vs 0.0% (-22.1 pts)');
    expect(parts).toHaveLength(4);
    expect(verdictParts(rows, win(0.3, 0, {}, 'of requests ended 21 s – 58 s, so far'))[0]).toMatch(/21 s – 58 s, so far$/);
  });

  it("takes a window only for the failed share of all user requests, with a number on both sides", () => {
    expect(storyVerdictWindow([win(0.3, 0)])?.window).toBe('21 s – 58 s');
    expect(storyVerdictWindow([win(0.3, 0, { ofAll: false })])).toBeNull();
    expect(storyVerdictWindow([win(0.3, 0, { measure: 'attempts-per-request', share: false })])).toBeNull();
    expect(storyVerdictWindow([win(NaN, 0)])).toBeNull();
    expect(storyVerdictWindow([])).toBeNull();
  });
});

describe('triesText', () => {
  it('one decimal, as the step figures; two where one would make different values read alike', async () => {
    const { triesText } = await import('../../src/ui/compare/verdict');
    expect(triesText(20.64, 4.91)).toEqual(['20.6', '4.9']);
    expect(triesText(6.089, 2.998)).toEqual(['6.1', '3.0']);
    expect(triesText(1.04, 0.996)).toEqual(['1.04', '1.00']);
    expect(triesText(null, 2)).toEqual(['—', '2.0']);
  });
});
