// A scenario the validator accepts whose clock still stops: ten closed-loop users with no think
// time, and a fault that kills their service, so every request fails at once and is sent again
// at the same instant. The engine's guard stops it; the host says so as a problem. Since ae3a1d1 a
// killed pod stays in its Service until Kubernetes drops it (kubernetes.endpointsDelay and
// kube-proxy's sync), so each request is refused on its connection (users -> api) and sent again:
// half the loop's events are the client's, half its connection's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost, START_BUDGET_MS, START_STALL_SAMPLE } from '../../src/workers/SimHost';
import { LoadStage, NODE_STRIDE, RUN_STOPPED, runStopOf } from '../../src/workers/protocol';

const helloText = readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8');

/** Ten users with no think time; their service is killed at `killAt` for a second. */
const killedLoop = (killAt: string) =>
  JSON.stringify({
    name: 'killed-loop',
    title: 'A loop with nothing to wait for',
    duration: '10s',
    clients: [{ name: 'users', type: 'closed', users: 10, thinkTime: '0ms', target: 'api' }],
    services: [{ name: 'api', serviceTime: '1s' }],
    faults: [{ type: 'kill-service', service: 'api', at: killAt, for: '1s' }],
  });

/** A wall clock that moves `perRead` ms each time it is read, so budgets are deterministic. */
function fakeClock(perRead: number) {
  let t = 0;
  return () => (t += perRead);
}

describe('SimHost and a clock that cannot advance', () => {
  it('refuses at load a scenario stalled at t = 0 after the guard\'s million events, at the field of the client that loops, and keeps the previous one; with the same message on a loaded machine: the guard counts events, not wall time', () => {
    // The one run to the real guard here. Reads of the clock 2 ms apart: the events run 128 to a
    // wall ms, about 50,000 a second at load 12-27 (session 19). The old 5 s budget ran out after
    // 640,000 events, before the guard; START_BUDGET_MS now outlasts the million (7.8 s of this clock).
    const host = new SimHost(fakeClock(2));
    expect(host.load(helloText).ok).toBe(true);
    expect(host.advance(1000, 1e9).simTime).toBe(1000);
    const r = host.load(killedLoop('0s'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.title).toBe('A loop with nothing to wait for');
    expect(r.problems).toEqual([{ path: 'clients.0', message: expect.stringMatching(/^the simulated clock stopped at t = 0 ms: 1,000,000 events in a row .* for (users -> api \(50%\), users \(50%\)|users \(50%\), users -> api \(50%\))/) }]);
    // hello-mesh goes on where it was.
    const f = host.advance(1000, 1e9);
    expect(f.simTime).toBe(2000);
    expect(f.nodes.length / NODE_STRIDE).toBe(5);
  });

  it('refuses at load with the limit the host was given (stallLimit), counted as the guard counts', () => {
    const host = new SimHost(fakeClock(1e-6));
    host.stallLimit = 20_000;
    const r = host.load(killedLoop('0s'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ path: 'clients.0', message: expect.stringMatching(/^the simulated clock stopped at t = 0 ms: 20,000 events in a row .* for (users -> api \(50%\), users \(50%\)|users \(50%\), users -> api \(50%\))/) }]);
  });

  it('names what loops at t = 0 when the wall budget runs out before the guard, at the field of the looping client', () => {
    // Each read of this clock is a second: the budget runs out after 60 reads of 256 events,
    // long before the guard's million; the guard then samples the next 4,096 and says whose.
    const host = new SimHost(fakeClock(1000));
    const r = host.load(killedLoop('0s'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const ran = (START_BUDGET_MS / 1000) * 256;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].path).toBe('clients.0');
    expect(r.problems[0].message).toMatch(
      new RegExp(`^the simulated clock stopped at t = 0 ms: ${(ran + START_STALL_SAMPLE).toLocaleString('en-US')} events in a row .* The last 4,096 were for (users -> api \\(50%\\), users \\(50%\\)|users \\(50%\\), users -> api \\(50%\\))`),
    );
    expect(() => host.advance(10, 10)).toThrow(/no scenario loaded/);
  });

  it('stops advance with a RunStopped error naming the field and the time when the clock stalls later', () => {
    // The guard at 20,000 rather than the world's million: the same stop, after 2% of the events.
    const host = new SimHost(fakeClock(1e-6));
    host.stallLimit = 20_000;
    expect(host.load(killedLoop('5s')).ok).toBe(true);
    expect(host.advance(4999, 1e9).simTime).toBe(4999);
    let thrown: unknown = null;
    try {
      host.advance(1000, 1e9);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe(RUN_STOPPED);
    const stop = runStopOf(thrown);
    expect(stop?.atMs).toBe(5000);
    // By name, as people write it (session 52, F3 2; it read clients.0).
    expect(stop?.problem.path).toBe('clients.users');
    expect(stop?.problem.message).toMatch(/^the simulated clock stopped at t = 5 s: 20,000 events in a row .* for (users -> api \(50%\), users \(50%\)|users \(50%\), users -> api \(50%\))/);
    // Another error is not a stop.
    expect(runStopOf(new Error('boom'))).toBeNull();
  });

  it('tells each stage of a load as it begins, in order', () => {
    const stages: string[] = [];
    const host = new SimHost(fakeClock(1e-6));
    expect(host.load(helloText, undefined, 'hello-mesh.json', (s) => stages.push(s)).ok).toBe(true);
    expect(stages).toEqual([LoadStage.parsing, LoadStage.validating, LoadStage.building, LoadStage.starting]);
    stages.length = 0;
    expect(host.load('{"name": "x", "clients": []}', undefined, 'x.json', (s) => stages.push(s)).ok).toBe(false);
    expect(stages).toEqual([LoadStage.parsing, LoadStage.validating]);
  });
});
