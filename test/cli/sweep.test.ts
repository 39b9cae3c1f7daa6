import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confidenceInterval, runMetrics, sweepMain, type SweepReport } from '../../src/cli/sweep';
import { root, simAsync, simHere, type Result } from './spawnSim';

// Each CLI spawn costs one or two seconds of CPU (Node's start, then worker threads), so the
// sweeps here are small and shared between cases; the local sweep, the merge and the 1,000-run
// sweep go through a spawned CLI, and the single runs and bad inputs they are compared with run
// the same command in this process (simHere).

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-sweep-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The local sweep every case compares with: mm1 at 1 and 2 replicas, seeds 4..6, 8 s each (3 s after the warmup). */
const SWEEP = ['sweep', 'scenarios/mm1.json', '--seeds', '3', '--seed-base', '4', '--set', 'services.server.replicas=1,2', '--duration', '8s', '--jobs', '2'];
let local: SweepReport;
let localOut: Result;

beforeAll(async () => {
  localOut = await simAsync([...SWEEP, '--json', '--csv', join(tmp, 'sweep.csv'), '--html', join(tmp, 'sweep.html')]);
  expect(localOut.stderr).not.toMatch(/^\s+at /m);
  expect(localOut.stderr + localOut.code).toMatch(/0$/);
  local = JSON.parse(localOut.stdout);
}, 60_000);

/** Splits a printed command (POSIX words, single quotes) into its words. */
function words(command: string): string[] {
  return [...command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]));
}

describe('npm run sim -- sweep', () => {
  it('3 seeds x 2 points give the same numbers as the 6 single runs', async () => {
    expect(local.points.map((p) => p.set)).toEqual([{ 'services.server.replicas': 1 }, { 'services.server.replicas': 2 }]);
    expect(local.runs.map((r) => [r.job, r.point, r.seed])).toEqual([[0, 0, 4], [1, 0, 5], [2, 0, 6], [3, 1, 4], [4, 1, 5], [5, 1, 6]]);
    const mm1 = JSON.parse(readFileSync(join(root, 'scenarios/mm1.json'), 'utf8'));
    const files = [1, 2].map((replicas) => {
      const f = join(tmp, `mm1-r${replicas}.json`);
      writeFileSync(f, JSON.stringify({ ...mm1, services: [{ ...mm1.services[0], replicas }] }));
      return f;
    });
    const singles: Result[] = [];
    for (let k = 0; k < 6; k++) singles.push(await simHere([files[Math.floor(k / 3)], '--seed', String(4 + (k % 3)), '--duration', '8s', '--json']));
    singles.forEach((s, j) => {
      expect(s.code).toBe(0);
      const summary = JSON.parse(s.stdout);
      expect(local.runs[j].traceHash).toBe(summary.traceHash);
      expect(local.runs[j].sent).toBe(summary.requests.sent);
      expect(local.runs[j].metrics).toEqual(runMetrics(summary));
    });
    // The point's interval is that of its three single runs' figures.
    const means = singles.slice(0, 3).map((s) => JSON.parse(s.stdout).latencyMs.mean as number);
    expect(local.points[0].metrics.meanMs).toEqual(confidenceInterval(means));
    // M/M/1 at rho = 0.5 has a 2 ms mean; two servers (M/M/2 at rho = 0.25) about 1.07 ms.
    expect(local.points[0].metrics.meanMs.mean).toBeGreaterThan(1.7);
    expect(local.points[0].metrics.meanMs.mean).toBeLessThan(2.3);
    expect(local.points[1].metrics.meanMs.mean).toBeLessThan(1.3);
    expect(local.points[0].metrics.attemptsPerCall.mean).toBe(1);
    expect(local.points[0].metrics.proxyCpuVcpu.n).toBe(0);
    // CSV and HTML say the same figures.
    const csv = readFileSync(join(tmp, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv[0].split(',').slice(0, 5)).toEqual(['services.server.replicas', 'runs', 'p50Ms_mean', 'p50Ms_lo', 'p50Ms_hi']);
    expect(csv[1].split(',').slice(0, 3)).toEqual(['1', '3', String(local.points[0].metrics.p50Ms.mean)]);
    // Each metric's n as --json has it: 3 seeds with latency, none with a sidecar (mm1 has none).
    const col = (name: string) => csv[1].split(',')[csv[0].split(',').indexOf(name)];
    expect([col('p50Ms_n'), col('proxyCpuVcpu_n')]).toEqual([String(local.points[0].metrics.p50Ms.n), '0']);
    expect(local.points[0].metrics.p50Ms.n).toBe(3);
    const html = readFileSync(join(tmp, 'sweep.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<svg /g)).toHaveLength(7);
    expect(html).toContain('latency p99 (ms)');
    // A band (area path, closed) per chart with figures.
    expect(html.match(/fill-opacity="0.18"/g)!.length).toBe(6);
  }, 60_000);

  it("--merge of jobs run separately from --print-jobs gives the local sweep's report", async () => {
    const dir = join(tmp, 'results');
    // In this process: printing the commands is argument handling and text (the local sweep and
    // the merge keep the spawned CLI's path).
    const printed = await simHere([...SWEEP, '--print-jobs', dir]);
    expect(printed.code).toBe(0);
    const commands = printed.stdout.trim().split('\n');
    expect(commands).toHaveLength(6);
    expect(commands[5]).toBe(`npm run -s sim -- sweep scenarios/mm1.json --seeds 3 --seed-base 4 --set services.server.replicas=1,2 --duration 8s --jobs 1 --job 5 --out ${dir}/job-5.json`);
    // Each command run on its own (as GNU parallel or a Kubernetes Indexed Job would), out of
    // order; in this process, through the CLI's sweep entry with the command's own words (a
    // spawn each would cost this file 15 s more; the worker's bundle is built once for all six,
    // sweep/index.ts workerModule).
    mkdirSync(dir);
    for (const j of [5, 0, 3, 1, 2, 4]) {
      const w = words(commands[j]);
      expect(w.slice(0, 6)).toEqual(['npm', 'run', '-s', 'sim', '--', 'sweep']);
      let stdout = '';
      const code = await sweepMain(w.slice(6), { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } });
      expect([code, stdout]).toEqual([0, '']);
    }
    const merged = await simAsync(['sweep', '--merge', ...[0, 1, 2, 3, 4, 5].map((j) => join(dir, `job-${j}.json`)), '--json']);
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.stdout)).toEqual(local);
    // A missing job is said, and its point reports the runs it has.
    const partial = await simHere(['sweep', '--merge', ...[0, 1, 3, 4, 5].map((j) => join(dir, `job-${j}.json`)), '--json']);
    expect(partial.stderr).toContain('warning: --merge: 1 of 6 jobs missing (2)');
    expect(JSON.parse(partial.stdout).points[0].runs).toBe(2);
  }, 60_000);

  it('95% intervals over 5 seeds cover the M/M/1 theoretical mean of 2 ms in about 95% of 200 replications', async () => {
    // 1,000 short runs (0.1 s warmup, 1 s measured: about 500 requests each), cut into 200
    // replications of 5 seeds; each interval is built by the sweep's own confidenceInterval.
    const r = await simAsync(['sweep', 'scenarios/mm1.json', '--seeds', '1000', '--set', 'warmup=100ms', '--duration', '1100ms', '--json']);
    expect(r.code).toBe(0);
    const report: SweepReport = JSON.parse(r.stdout);
    const means = report.runs.map((run) => run.metrics.meanMs!);
    let covered = 0;
    for (let b = 0; b < 200; b++) {
      const c = confidenceInterval(means.slice(5 * b, 5 * b + 5));
      if (c.lo! <= 2 && 2 <= c.hi!) covered++;
    }
    // Binomial(200, 0.95): mean 190, sd 3.08; 181..199 is within 3 sd (these seeds give 187).
    expect(covered).toBeGreaterThanOrEqual(181);
    expect(covered).toBeLessThanOrEqual(199);
    // The interval over all 1,000 runs is tight around 2 ms.
    const all = report.points[0].metrics.meanMs;
    expect(all.hi! - all.lo!).toBeLessThan(0.05);
    expect(Math.abs(all.mean! - 2)).toBeLessThan(0.05);
  }, 60_000);

  it('bad paths and values exit 2 with path: message before any job starts', async () => {
    const unknownService = await simHere(['sweep', 'scenarios/retry-storm.json', '--seeds', '2', '--set', 'services.pay.policy.retries.attempts=1,2']);
    const badValue = await simHere(['sweep', 'scenarios/mm1.json', '--seeds', '2', '--set', 'services.server.replicas=1,0,-1', '--set', 'warmup=1s,500ms']);
    const badSyntax = await simHere(['sweep', 'scenarios/mm1.json', '--set', 'services.server.replicas', '--set', 'seed=1,,2']);
    const merge = await simHere(['sweep', '--merge', 'scenarios/mm1.json', join(tmp, 'nothing.json'), tmp]);
    const inValue = await simHere(['sweep', 'scenarios/retry-storm.json', '--seeds', '2', '--set', 'services.web.serviceTime={"type":"bogus"}', '--set', 'services.web.policy.retries={"attempts":"two"}']);
    for (const r of [unknownService, badValue, badSyntax, merge, inValue]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/^\s+at /m);
      // No job ran: no progress line.
      expect(r.stderr).not.toContain('jobs done');
    }
    expect(unknownService.stderr).toContain('--set services.pay.policy.retries.attempts: unknown service "pay" (services are web, orders, payments)');
    const lines = badValue.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^--set services\.server\.replicas=0: /);
    expect(lines[1]).toMatch(/^--set services\.server\.replicas=-1: /);
    // Said once, not once per point of the other axis.
    expect(lines).toHaveLength(2);
    expect(badSyntax.stderr).toContain('--set: expected path=v1,v2,... e.g. --set services.payments.policy.retries.attempts=0,1,2,3, got "services.server.replicas"');
    expect(badSyntax.stderr).toContain('--set seed: empty value in "1,,2" (give each value, separated by commas)');
    expect(badSyntax.stderr).toContain('--seeds: give the replications per point, e.g. --seeds 10');
    expect(merge.stderr).toContain(`--merge scenarios/mm1.json: not a sweep's output`);
    expect(merge.stderr).toContain(`--merge ${join(tmp, 'nothing.json')}: no such file`);
    // A problem inside a --set's JSON value is that --set's, at the field within it (it was the
    // file's: 'scenarios/retry-storm.json with ...: services.0.serviceTime.type: ...').
    expect(inValue.stderr.trim().split('\n')).toEqual([
      '--set services.web.serviceTime={"type":"bogus"}: type: must be one of "constant", "uniform", "exponential", "normal", "lognormal", "pareto"; got "bogus"',
      '--set services.web.policy.retries={"attempts":"two"}: attempts: must be a whole number, 0 or more, got "two"',
    ]);
    // A folder (the --print-jobs DIR itself) is named as one, not as 'cannot read (EISDIR)'.
    expect(merge.stderr).toContain(`--merge ${tmp}: a folder: give the job outputs in it, e.g. --merge ${join(tmp, '*.json')}`);
  }, 60_000);
});
