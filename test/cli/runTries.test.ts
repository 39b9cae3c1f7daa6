import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario';
import { runScenario } from '../../src/models';
import { formatSummary, TRIES_LINE } from '../../src/cli/table';

// Session 45 (C5, 2): run's services table counted a service's tries under "requests", beside the
// line of user requests above it; it now says "tries received", the app's words (calls against
// tries, 67ef04d), and a line under it says what they are.

const text = readFileSync(fileURLToPath(new URL('../../scenarios/retry-storm.json', import.meta.url)), 'utf8');

describe("run's services table", () => {
  it("heads a service's arrivals 'tries received': retry-storm's payments received 10,433 at 20 s, its caller's 3,739 calls and their 6,689 retries (5 in flight), against 799 user requests", () => {
    const p = parseScenarioText(text);
    if (!p.ok) throw new Error('retry-storm is invalid');
    const s = runScenario(p.scenario, { durationMs: 20_000 }).summary;
    const out = formatSummary(s).split('\n');
    const head = out.findIndex((l) => l.startsWith('service '));
    expect(out[head].split(/\s{2,}/)).toEqual(['service', 'attempts received', 'ok', 'failed', 'p50', 'p90', 'p99', 'utilization']);
    const row = (name: string) => out.slice(head + 1).find((l) => l.startsWith(`${name} `))!.trim().split(/\s+/);
    expect(row('payments').slice(0, 4)).toEqual(['payments', '10433', '410', '10020']);
    expect(row('web').slice(0, 2)).toEqual(['web', '1536']);
    const e = s.edges['orders->payments'];
    expect([e.requests, e.retries]).toEqual([3739, 6689]);
    expect(s.requests.sent).toBe(799);
    // The line under the table follows its last row.
    expect(out[head + 4]).toBe(TRIES_LINE);
    expect(out.some((l) => /^service\s+requests\b/.test(l))).toBe(false);
  });
});
