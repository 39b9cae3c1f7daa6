import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { withCheckedRest } from '../../src/ui/faults/faultForm';

const text = readFileSync(fileURLToPath(new URL('../../scenarios/retry-storm.json', import.meta.url)), 'utf8');

/** A host with retry-storm (seed 7) loaded and run to 2 s of its 40. */
function at2s(): SimHost {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  expect(host.load(text, 7).ok).toBe(true);
  host.advance(2000, 1e9);
  return host;
}

describe('checking a live fault without injecting it (SimHost.checkFault)', () => {
  it('names every problem of a fault at once and changes neither the faults nor the recipe nor the run', () => {
    const host = at2s();
    const before = host.advance(0, 1e9).traceHash;
    const faults = host.faults().length;
    expect(host.checkFault({ type: 'http-abort', service: 'payments', percent: -1, status: 0.0001, for: -5 })).toEqual([
      { path: 'fault.percent', message: 'must be between 0 and 100, got -1' },
      { path: 'fault.status', message: 'must be an HTTP error status from 400 to 599, got 0.0001' },
      { path: 'fault.for', message: 'must not be negative, got -5' },
    ]);
    // A word where a status goes says what a status may be, not zod's "expected number" (N9, session 39).
    expect(host.checkFault({ type: 'http-abort', service: 'payments', percent: 50, status: 'abc', for: 5000 })).toEqual([{ path: 'fault.status', message: 'must be an HTTP error status from 400 to 599, got "abc"' }]);
    // A fault it would take: no problem, and still nothing injected.
    expect(host.checkFault({ type: 'http-abort', service: 'payments', percent: 50, status: 503, for: 5000 })).toEqual([]);
    expect(host.faults()).toHaveLength(faults);
    expect(host.liveActions()).toEqual([]);
    expect(host.advance(0, 1e9).traceHash).toBe(before);
    // A start after the run's end is refused as injectFault refuses it (40 s run, now 2 s).
    expect(host.checkFault({ type: 'kill-service', service: 'payments', at: 39_000 })).toEqual([
      { path: 'fault.at', message: 'starts at 41.00 s, when the run is over (duration 40.00 s)' },
    ]);
  });
});

describe('absurd live faults and changes (the fault form shows these messages)', () => {
  it('refuses a slow factor of 1e12, a fault for 1us and a delay of 0.0001ms at their fields, with the reason', () => {
    const host = at2s();
    expect(host.checkFault({ type: 'slow-replica', service: 'payments', factor: 1e12 })).toEqual([
      { path: 'fault.factor', message: 'must be at most 100,000 (a 1 ms request would already take 100 s; a replica that is gone is kill-replica), got 1000000000000' },
    ]);
    expect(host.checkFault({ type: 'kill-service', service: 'payments', for: '1us' })).toEqual([
      { path: 'fault.for', message: 'must be at least 1 ms (a shorter fault acts on next to no request), got 1 µs' },
    ]);
    expect(host.checkFault({ type: 'latency', service: 'payments', delay: '0.0001ms' })).toEqual([
      { path: 'fault.delay', message: 'must be 0 or at least 1 µs (1us, 0.001ms: the finest time meshsim shows; a shorter one would read "0 µs"), got "0.0001ms"' },
    ]);
    expect(host.checkFault({ type: 'slow-replica', service: 'payments', factor: 500, for: '1ms' })).toEqual([]);
  });

  it('takes a live change whose bare timeout is shorter than the callee answers, with a note saying so (lint MS012 by simulation)', () => {
    const host = at2s();
    const r = host.applyChange({ type: 'policy', service: 'orders', policy: { timeout: 5 } });
    expect(r.ok && r.notes).toEqual([
      { path: 'change.policy.timeout', message: '5.00 ms is shorter than the 5.42 ms orders takes to answer on average with nothing failing (network and queues add more): many calls would time out (a bare number is milliseconds: 5 means 5.00 ms; "5s" is 5 seconds)' },
    ]);
    const fine = host.applyChange({ type: 'policy', service: 'orders', policy: { timeout: '5s' } });
    expect(fine.ok && fine.notes).toEqual([]);
  });
});

describe("the fault form's problems with the worker's (withCheckedRest)", () => {
  it("lists the form's own and the worker's at other paths in the form's field order, dropping the worker's words for a field the form already named", () => {
    const local = [{ path: 'fault.for', message: 'must be more than 0, got "-5s" (leave it empty to last until cleared)' }];
    const checked = [
      { path: 'fault.factor', message: 'must be at least 1, got -1' },
      { path: 'fault.for', message: 'must not be negative, got "-5s"' },
    ];
    expect(withCheckedRest(local, checked)).toEqual([checked[0], local[0]]);
    expect(withCheckedRest(local, [])).toEqual(local);
  });

  it('reads down an HTTP errors form: %, status, for (trial N10 saw %, for, status)', () => {
    const local = [
      { path: 'fault.percent', message: 'must be between 0 and 100 (a percent), got 150' },
      { path: 'fault.for', message: 'must be more than 0, got "-3s"' },
    ];
    const checked = [{ path: 'fault.status', message: 'must be an HTTP error status from 400 to 599, got 200' }];
    expect(withCheckedRest(local, checked).map((p) => p.path)).toEqual(['fault.percent', 'fault.status', 'fault.for']);
  });
});
