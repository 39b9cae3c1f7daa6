// sweep --from T --to T (brief T3 1): every run's figures over a window, as run --from/--to and a
// story step read them. retry-storm's outage, 11 s – 24 s: payments gets 9 tries per user request
// with its callers' retries at 0 and 27 with 2 (the lesson's 27.0), the runs unchanged by the window.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simHere } from './spawnSim';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-sweepwindow-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const SWEEP = ['sweep', 'scenarios/retry-storm.json', '--seeds', '1', '--duration', '30s', '--set', 'services.payments.policy.retries.attempts=0,2'];

describe('sweep over a window of simulated time', () => {
  it("retry-storm 11 s – 24 s: attempts at payments per user request 9 and 27, carried through --json, --csv, --html; the runs' trace hashes are the whole-run sweep's", async () => {
    const [csv, html, out] = ['s.csv', 's.html', 's.json'].map((f) => join(tmp, f));
    const r = await simHere([...SWEEP, '--from', '11s', '--to', '24s', '--csv', csv, '--html', html, '--out', out, '--jobs', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('window 11 s – 24 s: each run\'s user requests that ended in it');
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.sweep.window).toEqual({ fromMs: 11_000, toMs: 24_000 });
    expect(report.sweep.metrics).toEqual(['p50Ms', 'p90Ms', 'p99Ms', 'meanMs', 'endedRequests', 'errorShare', 'service:web.triesPerUserRequest', 'service:orders.triesPerUserRequest', 'service:payments.triesPerUserRequest']);
    expect(report.runs.map((x: { metrics: Record<string, number> }) => [x.metrics['service:payments.triesPerUserRequest'], x.metrics['service:orders.triesPerUserRequest'], x.metrics.errorShare])).toEqual([
      [9, 9, 1],
      [27, 9, 1],
    ]);
    // Every request in the outage failed: no latency measured, null rather than 0.
    expect(report.runs.map((x: { metrics: Record<string, number | null> }) => x.metrics.p90Ms)).toEqual([null, null]);
    // 516 user requests ended in the window at seed 1 with no retries at payments (run --from 11s --to 24s counts the same).
    expect(report.runs[0].metrics.endedRequests).toBe(516);
    const head = readFileSync(csv, 'utf8').split('\n')[0];
    expect(head).toContain('service:payments.triesPerUserRequest_mean');
    expect(readFileSync(html, 'utf8')).toContain('<figcaption>attempts at payments per user request');
    expect(readFileSync(html, 'utf8')).toContain('window 11 s – 24 s:');
    // The window only reads: job 0 run over the whole run has the same trace hash.
    const whole = await simHere([...SWEEP, '--job', '0', '--json']);
    expect(JSON.parse(whole.stdout).runs[0].traceHash).toBe(report.runs[0].traceHash);
    // --merge refuses a job measured over another window, by name.
    const other = { ...report, sweep: { ...report.sweep, window: { fromMs: 0, toMs: 24_000 } }, runs: [report.runs[1]], points: [] };
    const first = { ...report, runs: [report.runs[0]] };
    writeFileSync(join(tmp, 'a.json'), JSON.stringify(first));
    writeFileSync(join(tmp, 'b.json'), JSON.stringify(other));
    const merged = await simHere(['sweep', '--merge', join(tmp, 'a.json'), join(tmp, 'b.json')]);
    expect(merged.code).toBe(2);
    expect(merged.stderr.trim()).toBe(`--merge ${join(tmp, 'b.json')}: measured over 0 s – 24 s of each run, but ${join(tmp, 'a.json')} over 11 s – 24 s of each run; a report reads one window: merge the jobs of one --from/--to`);
  }, 240_000);

  it("a window before the outage (5 s – 11 s) gives each run's latency: the job at the file's own retries reads what run --from/--to reads for that seed", async () => {
    const job = await simHere([...SWEEP, '--from', '5s', '--to', '11s', '--job', '1', '--json']);
    expect(job.code).toBe(0);
    const m = JSON.parse(job.stdout).runs[0].metrics;
    const single = await simHere(['scenarios/retry-storm.json', '--seed', '1', '--duration', '30s', '--from', '5s', '--to', '11s', '--json']);
    const w = JSON.parse(single.stdout).window;
    expect(w.latencyCount).toBeGreaterThan(100);
    expect([m.p50Ms, m.p90Ms, m.p99Ms, m.meanMs]).toEqual([w.latencyMs.p50, w.latencyMs.p90, w.latencyMs.p99, w.latencyMs.mean]);
    // Calls of ~100 ms through the chain: a real latency, not a 0 where none was measured.
    expect(m.p50Ms).toBeGreaterThan(50);
    expect(m.endedRequests).toBe(w.ended);
  }, 120_000);

  it('--print-jobs passes the window on to each job, as typed', async () => {
    const r = await simHere([...SWEEP, '--from', '11s', '--to', '24s', '--print-jobs', tmp]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stdout.split('\n')[0]).toContain('--duration 30s --from 11s --to 24s --jobs 1 --job 0');
  });

  it('bad windows and figures no window measures exit 2 with one line before any job', async () => {
    const cases: [string[], string][] = [
      [['--from', '11s', '--to', '99s'], "--to: 99 s is past the run's end (30 s; --duration sets a longer run)"],
      [['--from', '24s', '--to', '11s'], '--from: 24 s must be before --to (11 s)'],
      [['--from', '11.5s'], '--from: 11.5 s is not a whole second (the series counts requests second by second), e.g. --from 11s'],
      [['--from', '11s', '--metric', 'proxyCpuVcpu'], '--metric proxyCpuVcpu: not measured over a window (--from/--to); a window gives p50Ms, p90Ms, p99Ms, meanMs, endedRequests, errorShare and service:NAME.triesPerUserRequest'],
      [['--metric', 'service:payments.triesPerUserRequest'], "--metric service:payments.triesPerUserRequest: a window's figure (a story step's attempts per user request); give --from and --to"],
    ];
    for (const [extra, line] of cases) {
      const r = await simHere([...SWEEP, ...extra]);
      expect([r.code, r.stdout, r.stderr.trim()]).toEqual([2, '', line]);
    }
    const unitless = await simHere([...SWEEP, '--from', '11']);
    expect(unitless.code).toBe(2);
    expect(unitless.stderr.split('\n')[0]).toMatch(/^--from: "11" needs a unit/);
  }, 120_000);
});
