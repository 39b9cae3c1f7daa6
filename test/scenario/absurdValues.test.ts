import { describe, expect, it } from 'vitest';
import { parseDuration, shortTimeoutNotes, validateScenario, type Problem } from '../../src/scenario';
import { shopScenario } from './shop';

/** A small valid scenario (db's work exponential, 8 ms on average) with `patch` laid over it. */
function scenario(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return shopScenario({ type: 'exponential', mean: '8ms' }, patch);
}

function problemsOf(data: unknown): Problem[] {
  const r = validateScenario(data);
  return r.ok ? [] : r.problems;
}

describe('absurd values are refused at their field, with the reason', () => {
  it('refuses a slow-replica factor past 100,000 (1e12 would take 30 years a request), and takes 100,000', () => {
    expect(problemsOf(scenario({ faults: [{ type: 'slow-replica', service: 'db', factor: 1e12 }] }))).toEqual([
      { path: 'faults.0.factor', message: 'must be at most 100,000 (a 1 ms request would already take 100 s; a replica that is gone is kill-replica), got 1000000000000' },
    ]);
    expect(problemsOf(scenario({ faults: [{ type: 'slow-replica', service: 'db', factor: 100_000 }] }))).toEqual([]);
  });

  it('refuses a fault that lasts under 1 ms ("for": "1us" read "0.000 s to 0.000 s"), and takes 1ms', () => {
    expect(problemsOf(scenario({ faults: [{ type: 'kill-service', service: 'db', for: '1us' }] }))).toEqual([
      { path: 'faults.0.for', message: 'must be at least 1 ms (a shorter fault acts on next to no request), got 1 µs' },
    ]);
    expect(problemsOf(scenario({ faults: [{ type: 'kill-service', service: 'db', for: 0 }] }))).toEqual([{ path: 'faults.0.for', message: 'must be greater than zero' }]);
    expect(problemsOf(scenario({ faults: [{ type: 'kill-service', service: 'db', for: '1ms' }] }))).toEqual([]);
  });

  it('refuses a duration between 0 and 1 µs anywhere ("0.0001ms" showed as "+0 µs"), written or bare, and takes 0 and 1us', () => {
    const why = 'must be 0 or at least 1 µs (1us, 0.001ms: the finest time meshsim shows; a shorter one would read "0 µs")';
    expect(parseDuration('0.0001ms')).toEqual({ ok: false, message: `${why}, got "0.0001ms"` });
    expect(parseDuration(0.0005)).toEqual({ ok: false, message: `${why}, got 0.0005` });
    expect(parseDuration('0.5us')).toEqual({ ok: false, message: `${why}, got "0.5us"` });
    expect(parseDuration('1us')).toEqual({ ok: true, ms: 0.001 });
    expect(parseDuration(0)).toEqual({ ok: true, ms: 0 });
    expect(problemsOf(scenario({ faults: [{ type: 'latency', service: 'db', delay: '0.0001ms' }] }))).toEqual([{ path: 'faults.0.delay', message: `${why}, got "0.0001ms"` }]);
  });
});

describe('a duration written with an exponent says the real reason, where "is not a duration" hid it', () => {
  it('past the limit: the limit ("1e12" typed in the fault form, "1e400s" on the command line); under it: write it out', () => {
    expect(parseDuration('1e12')).toEqual({ ok: false, message: 'must be at most 8760h (one year of simulated time), got "1e12"' });
    expect(parseDuration('1e400s')).toEqual({ ok: false, message: 'must be at most 8760h (one year of simulated time), got "1e400s"' });
    expect(parseDuration('1e3ms')).toEqual({ ok: false, message: '"1e3ms" is written with an exponent; write the number out with its unit, e.g. "1000ms"' });
    expect(parseDuration('2.5e-1s')).toEqual({ ok: false, message: '"2.5e-1s" is written with an exponent; write the number out with its unit, e.g. "0.25s"' });
    expect(problemsOf(scenario({ faults: [{ type: 'kill-service', service: 'db', for: '1e12' }] }))).toEqual([{ path: 'faults.0.for', message: 'must be at most 8760h (one year of simulated time), got "1e12"' }]);
  });
});

describe('a change whose timeout is shorter than the callee takes to answer is noted, not refused', () => {
  const s = () => {
    const r = validateScenario(scenario({ changes: [{ type: 'policy', service: 'api', at: '1s', policy: { timeout: 5, retries: { attempts: 1, perTryTimeout: '20ms' } } }] }));
    if (!r.ok) throw new Error('expected the scenario to read');
    return r.scenario;
  };

  it('names the field, the typical answer (api 2 ms + db 8 ms) and, for a bare number, that it is milliseconds', () => {
    const sc = s();
    expect(shortTimeoutNotes(sc, sc.changes[0], 'changes.0', { policy: { timeout: 5 } })).toEqual([
      { path: 'changes.0.policy.timeout', message: '5.00 ms is shorter than the 10.0 ms api takes to answer on average with nothing failing (network and queues add more): many calls would time out (a bare number is milliseconds: 5 means 5.00 ms; "5s" is 5 seconds)' },
    ]);
    // Written with its unit: the same note without the hint; a per-try timeout longer than the answer: none.
    expect(shortTimeoutNotes(sc, sc.changes[0], 'change', { policy: { timeout: '5ms' } }).map((p) => p.message)).toEqual([
      '5.00 ms is shorter than the 10.0 ms api takes to answer on average with nothing failing (network and queues add more): many calls would time out',
    ]);
  });

  it('notes nothing for a timeout longer than the answer, a timeout of 0 (off), or another kind of change', () => {
    const r = validateScenario(scenario({ changes: [{ type: 'policy', service: 'db', policy: { timeout: '5s' } }, { type: 'policy', service: 'db', policy: { timeout: 0 } }, { type: 'gateway-route', gateway: 'edge', policy: { timeout: '1ms' } }], gateways: [{ name: 'edge', routes: [{ service: 'db' }] }] }));
    if (!r.ok) throw new Error(`expected the scenario to read: ${JSON.stringify(r.problems)}`);
    expect(r.scenario.changes.flatMap((c, i) => shortTimeoutNotes(r.scenario, c, `changes.${i}`))).toEqual([]);
  });
});
