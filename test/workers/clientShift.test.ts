import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Counter } from '../../src/workers/protocol';
import { measureFigure } from '../../src/workers/figures';
import { addedByClient } from '../../src/workers/clientShift';
import { hostSeries } from './hostSeries';

// Session 45 (C5, 3): partial-adoption-fixed's "latency added by the proxies" read +17.8 ms at the
// median: the run-wide p50 (43.6 ms) against the twin's without sidecars (25.8 ms). Both medians sit
// between the internal clients' ~20 ms and the internet shoppers' ~100 ms, and the twin, with no
// retries, loses 310 requests the mesh keeps, so the mix moves; each client's own p50 moved
// 3.5-6.0 ms. Where clients run in more than one place (the internet's round trip or not), the figure
// now weighs each place's shift by its ok requests.

const raw = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/partial-adoption-fixed.json', import.meta.url)), 'utf8'));
const added = { measure: 'latency-p50-added', label: 'latency the sidecars add at the median' } as const;
raw.narrative.push({ at: '59s', title: 'What the proxies add', text: 'The median, each client against its own.', figure: added });

describe("what the proxies add to the median of a run of several clients", () => {
  it("partial-adoption-fixed: each place's clients' p50 shift weighed by their ok requests (internet shoppers +6.0 ms, the internal two ~3.8), +4.9 ms, not the run-wide medians' +17.8 ms", () => {
    const run = hostSeries(JSON.stringify(raw), 'partial-adoption-fixed + added');
    const f = run.frame;
    const c = f.counters;
    expect(f.plain?.ok).toBe(true);
    if (!f.plain?.ok) return;
    const pairs = f.plain.clients!;
    // Grouped by where they run: shoppers on the internet, analysts and searchers inside.
    expect(pairs.map((p) => p.client)).toEqual(['shoppers', 'analysts and 1 more']);
    // The run-wide medians, as before: 43.6 vs 25.8 ms.
    expect(c[Counter.p50] - f.plain.p50).toBeCloseTo(17.8, 1);
    const shifts = Object.fromEntries(addedByClient(pairs, 'p50')!.shifts.map((s) => [s.client, s.added]));
    expect(shifts.shoppers).toBeCloseTo(6.0, 1);
    expect(shifts['analysts and 1 more']).toBeGreaterThan(3.4);
    expect(shifts['analysts and 1 more']).toBeLessThan(4.1);
    const totals = { simTime: f.simTime, ok: c[Counter.ok], failed: c[Counter.failed], mean: c[Counter.mean], p50: c[Counter.p50], p90: c[Counter.p90], p99: c[Counter.p99], proxyCpuMs: c[Counter.proxyCpuMs], proxyPasses: c[Counter.proxyPasses], plain: f.plain };
    const m = measureFigure(added, run.buckets, 1000, totals, run.info.durationMs);
    expect(m.value).toBeCloseTo(4.9, 1);
    expect(m.text).toBe('+4.91 ms');
    expect(m.note).toMatch(/^each client's p50 against its own without proxies, weighted by its ok requests \(shoppers \+6\.\d+ ms, analysts and 1 more \+3\.\d+ ms\); every client's p50 together 43\.6 ms vs 25\.8 ms, a mix of their paths; the whole run$/);
  }, 120_000);

  it('leaves out a client with no ok request measured on either side, and gives null when none is left', () => {
    const pair = (client: string, count: number, p50: number, plainCount: number, plainP50: number) => ({ client, count, p50, p90: 0, plainCount, plainP50, plainP90: 0 });
    expect(addedByClient([pair('a', 3, 10, 5, 8), pair('b', 1, 30, 1, 26), pair('c', 0, 0, 4, 9)], 'p50')).toEqual({ value: (3 * 2 + 1 * 4) / 4, shifts: [{ client: 'a', added: 2, count: 3 }, { client: 'b', added: 4, count: 1 }] });
    expect(addedByClient([pair('c', 0, 0, 4, 9)], 'p50')).toBeNull();
  });
});
