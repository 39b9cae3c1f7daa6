import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/cli/load';

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
