// Session 52, F3 3: a sweep's stopped run says the stalled client's field by name, as `run` and the app say it
// (it gave the engine's message alone; `run` said clients.0 until 90b287b).
import { describe, expect, it } from 'vitest';
import { RunStoppedError } from '../../src/sim-engine';
import { parseScenarioText } from '../../src/scenario';
import { runJob } from '../../src/cli/sweep/worker';
import { stopLine } from '../../src/cli/stopLine';

/** A closed loop with no think time whose calls are refused at once from 5 s (api killed): the clock stalls there. */
function stallLater() {
  const r = parseScenarioText(
    JSON.stringify({ name: 'stall-later', duration: '10s', clients: [{ name: 'users', type: 'closed', users: 10, thinkTime: '0ms', target: 'api' }], services: [{ name: 'api', serviceTime: '1ms' }], faults: [{ type: 'kill-service', service: 'api', at: '5s' }] }),
  );
  if (!r.ok) throw new Error('refused');
  return r.scenario;
}

describe("a stopped run's line", () => {
  it('a sweep job that stalls names the client by name, then the engine\'s words', () => {
    const out = runJob({ scenario: stallLater(), seed: 1 });
    expect('stopped' in out).toBe(true);
    expect((out as { stopped: string }).stopped).toMatch(/^clients\.users: the simulated clock stopped at t = 5 s: [\d,]+ events in a row/);
  });

  it('a stop that names no actor (an overload guard) is its message alone', () => {
    expect(stopLine(stallLater(), new RunStoppedError('the run was stopped at t = 3 s: too many requests in flight', 3000))).toBe('the run was stopped at t = 3 s: too many requests in flight');
  });
});
