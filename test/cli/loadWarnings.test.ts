import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDurationOverride, loadScenarioFile } from '../../src/cli/load';
import { validateScenario } from '../../src/scenario';

const stormText = readFileSync(fileURLToPath(new URL('../../scenarios/retry-storm.json', import.meta.url)), 'utf8');

describe('the warnings a run of a scenario file prints before it runs', () => {
  it("warns of a change whose bare timeout is shorter than the callee answers (5 is 5 ms), naming the field, and still runs it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-load-'));
    const file = join(dir, 'storm.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(stormText), changes: [{ type: 'policy', service: 'orders', at: '1s', policy: { timeout: 5 } }] }));
    try {
      const r = loadScenarioFile(file);
      expect(r.ok && r.warnings).toEqual([
        `warning: ${file}: changes.0.policy.timeout: 5.00 ms is shorter than the 5.42 ms orders takes to answer on average with nothing failing (network and queues add more): many calls would time out (a bare number is milliseconds: 5 means 5.00 ms; "5s" is 5 seconds)`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('warns of nothing for the shipped retry-storm', () => {
    const r = loadScenarioFile(fileURLToPath(new URL('../../scenarios/retry-storm.json', import.meta.url)));
    expect(r.ok && r.warnings).toEqual([]);
  });
});

describe('a --duration whose run would send too many requests', () => {
  // Read as the CLI reads it beside a --duration (the request bound is then checkDurationOverride's).
  const mm1 = (rate: number) => {
    const r = validateScenario({ name: 'mm', clients: [{ name: 'load', type: 'open', rate, target: 'server' }], services: [{ name: 'server', serviceTime: '1ms' }] }, { durationMs: 6000 });
    if (!r.ok) throw new Error('expected the scenario to read');
    return r.scenario;
  };

  it('blames --duration where a second of the run is within the bound, and the rates where it is not, never "about ∞ requests"', () => {
    expect(checkDurationOverride(mm1(500), 'mm.json', 1000 * 3_600_000)).toBe('--duration: mm.json would send about 1,800,000,000 requests in 41d 16h, more than 50,000,000 (a run of many minutes); give a shorter --duration');
    expect(checkDurationOverride(mm1(1e8), 'mm.json', 6000)).toBe("mm.json would send about 100,000,000 requests in 1.00 s, more than 50,000,000 (a run of many minutes); lower the clients' rates or users");
    expect(checkDurationOverride(mm1(1e308), 'mm.json', 6000)).toBe("mm.json would send more requests in 1.00 s than a number can hold, past 50,000,000 (a run of many minutes); lower the clients' rates or users");
    expect(validateScenario({ name: 'mm', duration: '10s', clients: [{ name: 'load', type: 'open', rate: 1e308, target: 'server' }], services: [{ name: 'server', serviceTime: '1ms' }] })).toMatchObject({
      ok: false,
      problems: [{ path: 'clients', message: 'would send more requests over the duration than a number can hold, past 50,000,000 (a run of many minutes); most from clients.0 ("load": 1e+308 requests/s); lower a rate or the users, or shorten the duration' }],
    });
  });
});
