import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { withCheckedRest } from '../../src/ui/faults/faultForm';

const text = readFileSync(fileURLToPath(new URL('../../scenarios/retry-storm.json', import.meta.url)), 'utf8');

describe('checking a live fault without injecting it (SimHost.checkFault)', () => {
  it('names every problem of a fault at once and changes neither the faults nor the recipe nor the run', () => {
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    expect(host.load(text, 7).ok).toBe(true);
    host.advance(2000, 1e9);
    const before = host.advance(0, 1e9).traceHash;
    const faults = host.faults().length;
    expect(host.checkFault({ type: 'http-abort', service: 'payments', percent: -1, status: 0.0001, for: -5 })).toEqual([
      { path: 'fault.percent', message: 'must be between 0 and 100, got -1' },
      { path: 'fault.status', message: 'must be a whole number, got 0.0001' },
      { path: 'fault.for', message: 'must not be negative, got -5' },
    ]);
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

describe("the fault form's problems with the worker's (withCheckedRest)", () => {
  it("lists the form's own first, then the worker's at other paths, dropping the worker's words for a field the form already named", () => {
    const local = [{ path: 'fault.for', message: 'must be more than 0, got "-5s" (leave it empty to last until cleared)' }];
    const checked = [
      { path: 'fault.factor', message: 'must be at least 1, got -1' },
      { path: 'fault.for', message: 'must not be negative, got "-5s"' },
    ];
    expect(withCheckedRest(local, checked)).toEqual([local[0], checked[0]]);
    expect(withCheckedRest(local, [])).toEqual(local);
  });
});
