import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { latencyCounts } from '../../src/cli/latencyCounts';
import { formatSummary } from '../../src/cli/table';

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
});
