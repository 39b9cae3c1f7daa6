import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, parseSweepArgs, type SweepReport, type SweepRun } from '../../src/cli/sweep';
import { jobFileProblems } from '../../src/cli/sweep/jobFile';
import { simHere } from './spawnSim';

// A platform engineer (session 26) fed --merge job files cut short or edited by hand: a grid
// axis without values and a run with "metrics": null crashed with a stack trace; a run with no
// job, job 99 of a 9-job sweep, a run moved to point 7, or "seeds": "3" gave a report that
// quietly counted them wrong (seeds "1..12"). And 100,000 seeds at 11 points started 1.1 million
// jobs, the first done after 36 s.

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-merge-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A job output of a 2-point × 2-seed mm1 sweep holding job 3 (point 1, seed 2), as sweep --out writes it. */
function jobFile(): SweepReport {
  const spec = { file: 'scenarios/mm1.json', scenario: 'mm1', grid: [{ path: 'services.server.replicas', values: [1, 2] }], seeds: 2, seedBase: 1, durationMs: 8000 };
  const run: SweepRun = { job: 3, point: 1, seed: 2, traceHash: '0123456789abcdef', sent: 4000, ok: 4000, failed: 0, events: 16000, metrics: { p50Ms: 1.4, p90Ms: 4.6, p99Ms: 9, meanMs: 2, errorShare: 0, attemptsPerCall: 1, proxyCpuVcpu: null } };
  return JSON.parse(JSON.stringify(buildReport(spec, [run]))) as SweepReport;
}

/** jobFile() with `edit` applied. */
function edited(edit: (r: any) => void): unknown {
  const r = jobFile();
  edit(r);
  return r;
}

describe('sweep --merge checks each job file before it counts it', () => {
  it('a job output as sweep --out writes it has no problems', () => {
    expect(jobFileProblems(jobFile())).toEqual([]);
  });

  it('names the field and the problem for a spec or run that does not fit the sweep', () => {
    expect(jobFileProblems(edited((r) => delete r.sweep.grid[0].values))).toEqual(['sweep.grid.0.values: expected a list of one or more values, got nothing']);
    expect(jobFileProblems(edited((r) => (r.sweep.seeds = '2')))).toEqual(['sweep.seeds: expected a whole number of 1 or more, got "2"']);
    expect(jobFileProblems(edited((r) => (r.runs[0].metrics = null)))).toEqual(["runs.0.metrics: expected the run's figures, got null"]);
    expect(jobFileProblems(edited((r) => (r.runs[0].metrics.p99Ms = 'slow')))).toEqual(['runs.0.metrics.p99Ms: expected a number or null, got "slow"']);
    expect(jobFileProblems(edited((r) => (r.runs = [{}])))).toEqual(['runs.0.job: expected a job of this sweep, 0 to 3, got nothing']);
    expect(jobFileProblems(edited((r) => (r.runs[0].job = 99)))).toEqual(['runs.0.job: expected a job of this sweep, 0 to 3, got 99']);
    expect(jobFileProblems(edited((r) => (r.runs[0].point = 0)))).toEqual(['runs.0.point: job 3 is at point 1, got 0']);
    expect(jobFileProblems(edited((r) => (r.runs[0].seed = 1)))).toEqual(['runs.0.seed: job 3 runs seed 2, got 1']);
    expect(jobFileProblems([])).toEqual(['not a sweep\'s output (no "sweep" and "runs"; a job output is what sweep --out writes)']);
  });

  it('a file cut short, an empty one and an edited one exit 2 with one line each, no stack trace and no report', async () => {
    const text = JSON.stringify(jobFile());
    const cut = join(tmp, 'job-3.json');
    const empty = join(tmp, 'job-2.json');
    const bad = join(tmp, 'job-1.json');
    writeFileSync(cut, text.slice(0, 300));
    writeFileSync(empty, '');
    writeFileSync(bad, JSON.stringify(edited((r) => (r.runs[0].metrics = null))));
    const r = await simHere(['sweep', '--merge', cut, empty, bad]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.trim().split('\n')).toEqual([
      `--merge ${cut}: not JSON (it ends at byte 300 before the JSON does: cut short, or still being written?; a job output is what sweep --out writes)`,
      `--merge ${empty}: not JSON (it is empty; a job output is what sweep --out writes)`,
      `--merge ${bad}: runs.0.metrics: expected the run's figures, got null`,
    ]);
  });
});

describe('sweep refuses a grid it cannot run before any job', () => {
  const problems = (argv: string[]) => {
    const r = parseSweepArgs(argv);
    return r.ok ? [] : r.problems;
  };

  it('more than 1,000,000 jobs (seeds × points) is refused, naming the count', () => {
    const values = Array.from({ length: 11 }, (_, i) => i + 1).join(',');
    expect(problems(['mm1', '--seeds', '100000', '--set', `services.server.replicas=${values}`])).toEqual([
      '--seeds: 100,000 seeds × 11 points is 1,100,000 jobs, more than the 1,000,000 one sweep lists; split the grid into several sweeps, or give fewer seeds',
    ]);
    expect(problems(['mm1', '--seeds', '100000', '--set', 'services.server.replicas=1,2,3,4,5,6,7,8,9,10'])).toEqual([]);
  });

  it('a last seed past 2^53 − 1 is refused, with the largest base that fits', () => {
    // 2^53 − 1 + 2 − 1 rounds back to 2^53 − 1 in doubles: the check must not add first.
    expect(problems(['mm1', '--seeds', '2', '--seed-base', '9007199254740991'])).toEqual([
      '--seed-base: the seeds run from 9007199254740991 to base + 1, past 9007199254740991 (2^53 − 1, the largest seed); give a base of at most 9007199254740990',
    ]);
    expect(problems(['mm1', '--seeds', '2', '--seed-base', '9007199254740990'])).toEqual([]);
  });

  // Both ran, and printed points that all came out the same, without a word.
  it('an axis that cannot change a run is refused: seed (each job has its own) and duration under --duration', () => {
    expect(problems(['mm1', '--seeds', '2', '--set', 'seed=1,2'])).toEqual([
      '--set seed: each run takes its seed from the sweep (--seeds N runs seeds --seed-base to base + N − 1 at every point), so a seed axis would change nothing; give --seeds and --seed-base instead',
    ]);
    expect(problems(['mm1', '--seeds', '2', '--duration', '6s', '--set', 'duration=7s,8s'])).toEqual([
      "--set duration: --duration 6s sets every run's duration, so this axis would change nothing; leave one of them out",
    ]);
    expect(problems(['mm1', '--seeds', '2', '--set', 'duration=7s,8s'])).toEqual([]);
  });

  it('two outputs to one file are refused (the HTML was written over the CSV), for --merge too', () => {
    expect(problems(['mm1', '--seeds', '2', '--csv', 'out/r', '--html', 'out/../out/r', '--out', 'r.json'])).toEqual(["--html: out/../out/r is also --csv's file; give each output its own"]);
    expect(problems(['--merge', 'job-0.json', '--html', 'r.json', '--out', 'r.json'])).toEqual(["--out: r.json is also --html's file; give each output its own"]);
  });
});
