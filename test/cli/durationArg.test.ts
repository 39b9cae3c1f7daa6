import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { parseSweepArgs } from '../../src/cli/sweep/args';
import { parseSet } from '../../src/cli/sweep/grid';
import { planSweep } from '../../src/cli/sweep/plan';

// A duration typed on a command line takes its unit, whichever option carries it: run's and
// sweep's --duration, and a sweep's --set of a duration field (which took 2 as 2 ms while
// --duration 2 was refused). The README's rule: a bare number is milliseconds in a file only.

const UNITLESS = (n: string) => `"${n}" needs a unit, e.g. ${n}s or ${n}ms (a bare number is milliseconds in a scenario file, but on the command line it is ambiguous)`;
const runProblems = (...argv: string[]) => {
  const r = parseArgs(argv);
  return r.ok ? [] : r.problems;
};
const sweepProblems = (...argv: string[]) => {
  const r = parseSweepArgs(argv);
  return r.ok ? [] : r.problems;
};
const plan = (...sets: string[]) =>
  planSweep(
    'scenarios/mm1.json',
    sets.map((t) => {
      const r = parseSet(t);
      if (!r.ok) throw new Error(r.problem);
      return r.axis;
    }),
    10_000,
  );

describe('a duration on the command line needs its unit', () => {
  it('run and sweep say the same of --duration 30: "30" needs a unit, e.g. 30s or 30ms', () => {
    expect(runProblems('s.json', '--duration', '30')).toEqual([`--duration: ${UNITLESS('30')}`]);
    expect(sweepProblems('s.json', '--seeds', '2', '--duration', '30')).toEqual([`--duration: ${UNITLESS('30')}`]);
    expect(sweepProblems('s.json', '--seeds', '2', '--duration', '2.5')).toEqual([`--duration: ${UNITLESS('2.5')}`]);
  });

  it('sweep --set warmup=2 is refused with the same words (it ran a 2 ms warmup), while warmup=2ms, 2s and 0 run', () => {
    const bare = plan('warmup=100ms,2');
    expect(bare).toEqual({ ok: false, lines: [`--set warmup=2: ${UNITLESS('2')}`] });
    const ok = plan('warmup=2ms,2s,0');
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.scenarios.map((s) => s.warmup)).toEqual([2, 2000, 0]);
  });

  it('a bare number inside a --set JSON value is named at its field: serviceTime {"mean":2}, a policy timeout and a bare distribution', () => {
    expect(plan('services.server.serviceTime={"type":"exponential","mean":2},{"type":"exponential","mean":"2ms"}')).toEqual({
      ok: false,
      lines: [`--set services.server.serviceTime={"type":"exponential","mean":2}: mean: ${UNITLESS('2')}`],
    });
    expect(plan('services.server.policy={"timeout":1500,"retries":{"attempts":2}}')).toEqual({
      ok: false,
      lines: [`--set services.server.policy={"timeout":1500,"retries":{"attempts":2}}: timeout: ${UNITLESS('1500')}`],
    });
    expect(plan('services.server.serviceTime=3')).toEqual({ ok: false, lines: [`--set services.server.serviceTime=3: ${UNITLESS('3')}`] });
  });

  it('numbers that are not durations stay numbers: replicas=2, retries attempts 2, a lognormal sigma of 0.5', () => {
    const r = plan('services.server.replicas=2', 'services.server.serviceTime={"type":"lognormal","median":"1ms","sigma":0.5}');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenarios[0].services[0].replicas).toBe(2);
  });

  it('--duration 0 is refused as zero, not for its unit: 0 is 0 in every unit', () => {
    expect(runProblems('s.json', '--duration', '0')).toEqual(['--duration: must be greater than zero']);
  });
});
