import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { latencyCounts } from '../../src/cli/latencyCounts';
import { formatSummary } from '../../src/cli/table';
import { jsonSummary } from '../../src/cli/jsonSummary';
import { compareRuns, formatComparison } from '../../src/cli/compare';

// A service whose ok requests were all sent in the warm-up has an ok count but no measured
// latency (latencies count requests sent after the warm-up only): its row used to read "0 µs".
const text = JSON.stringify({
  name: 'warm-only',
  duration: '4s',
  warmup: '2s',
  clients: [{ name: 'users', type: 'open', rate: 20, target: 'api' }],
  services: [{ name: 'api', serviceTime: '5ms', concurrency: 4 }],
  // From 2 s on, api is gone: no request sent after the warm-up ends ok.
  faults: [{ type: 'kill-service', service: 'api', at: '2s' }],
});

function run() {
  const p = parseScenarioText(text, 'json');
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return runScenario(p.scenario);
}

describe('latencies of services with only warm-up traffic', () => {
  it('counts no latency for api, whose ok requests were all sent in the warm-up', () => {
    const { world, summary } = run();
    const counts = latencyCounts(world);
    expect(summary.services.api.ok).toBeGreaterThan(20);
    expect(counts.services.api).toBe(0);
    expect(counts.requests).toBe(0);
    expect(counts.edges['users->api']).toBe(0);
  });

  it('prints "-" for their latencies, not 0 µs, and says why under the tables', () => {
    const { world, summary } = run();
    const out = formatSummary(summary, latencyCounts(world));
    const row = out.split('\n').find((l) => l.startsWith('api '))!;
    expect(row).toMatch(/^api\s+\d+\s+\d+\s+\d+\s+-\s+-\s+-\s+/);
    expect(out).not.toContain('µs');
    expect(out).toMatch(/^latency   mean -   p50 -   p90 -   p99 -   max -   \(ok requests\)$/m);
    expect(out).toContain('latency -: no latency measured where every ok request was sent in the warm-up (latencies count only requests sent after it)');
    // Without the counts the table can only go by the ok counts: the misleading zero.
    expect(formatSummary(summary)).toContain('0 µs');
  });

  it('--json gives null, not 0, for a latency no request after the warm-up measured, and keeps the measured ones', () => {
    const { world, summary } = run();
    const j = jsonSummary(summary, latencyCounts(world));
    expect(summary.latencyMs.p50).toBe(0);
    expect(j.latencyMs).toBeNull();
    expect(j.services.api).toMatchObject({ ok: summary.services.api.ok, latencyMs: null });
    expect(j.edges['users->api'].latencyMs).toBeNull();
    expect(j.requests).toEqual(summary.requests);
    // The same scenario without its fault measures api after the warm-up: figures kept as they are.
    const p = parseScenarioText(text.replace(/,"faults":\[[^\]]*\]/, ''), 'json');
    if (!p.ok) throw new Error(JSON.stringify(p.problems));
    const ok = runScenario(p.scenario);
    const k = jsonSummary(ok.summary, latencyCounts(ok.world));
    expect(k.services.api.latencyMs).toEqual(ok.summary.services.api.latencyMs);
    expect(k.latencyMs!.p50).toBeGreaterThan(4);
  });

  it('compare shows "-" and no ratio for a side whose latencies were all in the warm-up, not 0 µs and 0.00x', () => {
    const warm = run();
    const p = parseScenarioText(text.replace(/,"faults":\[[^\]]*\]/, ''), 'json');
    if (!p.ok) throw new Error(JSON.stringify(p.problems));
    const ok = runScenario(p.scenario);
    const c = compareRuns(jsonSummary(ok.summary, latencyCounts(ok.world)), jsonSummary(warm.summary, latencyCounts(warm.world)));
    expect(c.ratios.p50).toBeNull();
    expect(c.ratios.mean).toBeNull();
    const out = formatComparison(c);
    // ‡: the warm-up run's faults fail a share of its requests the other does not (okSets.ts).
    expect(out).toMatch(/^latency p50(?: ‡)?\s+\d+(\.\d+)? ms\s+-\s+-$/m);
    expect(out).not.toContain('0 µs');
  });
});

