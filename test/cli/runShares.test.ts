// run's shares say their denominator (trial N15, 11): "failed 1567 (16.94%)" was of the requests
// sent, in flight included, as compare's figures table, while a story step and (since session 54) the app's failed
// counter say "17.0% of the 9,237 requests that ended" (trial T1, 4; T4, 5).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endedLine, formatSummary } from '../../src/cli/table';
import { runScenario } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';

describe("run's request shares", () => {
  it("gateway-and-mesh over its 60 s: shares of the 9,250 sent, compare table's denominator, and 17.0% of the 9,237 that ended, a story step's and the app's failed counter's (trial T4, 5)", () => {
    const p = parseScenarioText(readFileSync('scenarios/gateway-and-mesh.json', 'utf8'), 'json');
    if (!p.ok) throw new Error(JSON.stringify(p.problems));
    const s = runScenario(p.scenario, {}).summary;
    expect([s.requests.sent, s.requests.ok, s.requests.failed, s.requests.inFlight]).toEqual([9250, 7670, 1567, 13]);
    const lines = formatSummary(s).split('\n');
    expect(lines[2]).toBe('requests  sent 9250   ok 7670 (82.92%)   failed 1567 (16.94%)   in flight 13 (0.14%)   (shares of the requests sent, as compare\'s figures table)');
    expect(lines[3]).toBe("ended     9,237: failed 17.0% of them (of the requests that ended, as a story step's figure and the app's failed counter)");
  }, 120_000);

  it('none ended gives no share', () => {
    expect(endedLine(0, 0)).toBe("ended     0: failed - of them (of the requests that ended, as a story step's figure and the app's failed counter)");
  });
});
