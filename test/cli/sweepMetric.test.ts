import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeJobFiles, sweepMain, type SweepReport } from '../../src/cli/sweep';
import { metricProblem } from '../../src/cli/sweep/metrics';
import { buildReport, clampNote, formatReport, reportCsv } from '../../src/cli/sweep/report';
import { reportHtml } from '../../src/cli/sweep/html';

// Trial N11 (session 41), finding 6: a sweep of the egress gateway's retries reported only
// "proxy CPU, all sidecars" and "attempts per call over every hop" (1.03 at 2 retries, where the
// partner's edge got 1.12 tries a call), and an error share of 3 seeds read "0.8526 ±1.4".

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-sweep-metric-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const METRICS = ['--metric', 'errorShare', '--metric', 'gatewayCpuVcpu', '--metric', 'gateway:edge.cpu', '--metric', 'edge:edge->frontend.tries', '--metric', 'service:catalog.utilization'];
const SWEEP = ['scenarios/gateway-only.json', '--seeds', '2', '--set', 'services.catalog.replicas=1,2', '--duration', '3s', ...METRICS];

/** Runs sweepMain in this process; what it printed and its exit code. */
async function sweep(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await sweepMain(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

let local: SweepReport;
beforeAll(async () => {
  const r = await sweep([...SWEEP, '--jobs', '2', '--json']);
  expect(r.code).toBe(0);
  local = JSON.parse(r.stdout);
}, 90_000);

describe('sweep --metric', () => {
  it('reports the chosen figures, in order, per gateway, edge and service as run --json names them', () => {
    expect(local.sweep.metrics).toEqual(['errorShare', 'gatewayCpuVcpu', 'gateway:edge.cpu', 'edge:edge->frontend.tries', 'service:catalog.utilization']);
    expect(Object.keys(local.runs[0].metrics)).toEqual(local.sweep.metrics);
    const p0 = local.points[0].metrics;
    // One gateway: the gateways' CPU in all is that gateway's; a gateway retries only when told, so 1 try a call.
    expect(p0['gatewayCpuVcpu'].mean).toBeGreaterThan(0);
    expect(p0['gatewayCpuVcpu'].mean).toBeCloseTo(p0['gateway:edge.cpu'].mean!, 12);
    expect(p0['edge:edge->frontend.tries'].mean).toBe(1);
    // catalog at 2 replicas is less busy than at 1.
    expect(local.points[1].metrics['service:catalog.utilization'].mean!).toBeLessThan(p0['service:catalog.utilization'].mean!);
    const table = formatReport(local, 400);
    expect(table).toContain('gateway edge CPU (vCPU)');
    expect(table).toContain('edge->frontend attempts per call, one hop');
    expect(table).toContain('service catalog utilisation (%)');
    expect(table).not.toContain('proxy CPU');
    expect(reportCsv(local).split('\n')[0]).toBe(
      'services.catalog.replicas,runs,errorShare_mean,errorShare_lo,errorShare_hi,errorShare_n,gatewayCpuVcpu_mean,gatewayCpuVcpu_lo,gatewayCpuVcpu_hi,gatewayCpuVcpu_n,gateway:edge.cpu_mean,gateway:edge.cpu_lo,gateway:edge.cpu_hi,gateway:edge.cpu_n,edge:edge->frontend.tries_mean,edge:edge->frontend.tries_lo,edge:edge->frontend.tries_hi,edge:edge->frontend.tries_n,service:catalog.utilization_mean,service:catalog.utilization_lo,service:catalog.utilization_hi,service:catalog.utilization_n',
    );
    const html = reportHtml(local);
    expect(html).toContain('<figcaption>edge-&gt;frontend attempts per call, one hop</figcaption>');
    expect(html.match(/<figure>/g)).toHaveLength(5);
  });

  it('--print-jobs carries the --metric choices, and --merge of the jobs equals the local sweep', async () => {
    const dir = join(tmp, 'jobs');
    mkdirSync(dir);
    const printed = await sweep([...SWEEP, '--print-jobs', dir]);
    expect(printed.code).toBe(0);
    const commands = printed.stdout.trim().split('\n');
    expect(commands).toHaveLength(4);
    expect(commands[0]).toContain(`--metric errorShare --metric gatewayCpuVcpu --metric gateway:edge.cpu --metric 'edge:edge->frontend.tries' --metric service:catalog.utilization`);
    for (let j = 0; j < 4; j++) expect((await sweep([...SWEEP, '--jobs', '1', '--job', String(j), '--out', join(dir, `job-${j}.json`)])).code).toBe(0);
    const merged = mergeJobFiles([0, 1, 2, 3].map((j) => join(dir, `job-${j}.json`)));
    expect(merged.ok).toBe(true);
    if (merged.ok) expect(JSON.parse(JSON.stringify(merged.report))).toEqual(local);
    expect(JSON.parse(readFileSync(join(dir, 'job-0.json'), 'utf8')).sweep.metrics).toEqual(local.sweep.metrics);
    // --merge takes the jobs' metrics; one given beside it is refused.
    const again = await sweep(['--merge', join(dir, 'job-0.json'), '--metric', 'errorShare']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--metric: --merge reads finished jobs');
  }, 90_000);

  it('a bad name exits 2 with "unknown ... did you mean" before any job', async () => {
    const r = await sweep(['scenarios/gateway-only.json', '--seeds', '2', '--metric', 'edge:edge->frontnd.tries', '--metric', 'errorshare', '--metric', 'gateway:edge.cpus', '--metric', 'edge:edge-']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('jobs done');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('--metric edge:edge->frontnd.tries: unknown edge "edge->frontnd"; did you mean edge:edge->frontend.tries? (edges: shoppers->edge, frontend->catalog, frontend->inventory, edge->frontend)');
    expect(lines[1]).toMatch(/^--metric errorshare: unknown metric; did you mean errorShare\? \(metrics: p50Ms, /);
    expect(lines[2]).toBe('--metric gateway:edge.cpus: unknown gateway figure "cpus"; did you mean gateway:edge.cpu? (figures: cpu, utilization, requests, forwarded, rejected)');
    expect(lines[3]).toContain(`an edge is named FROM->TO, in quotes: the shell took ">" as a redirect, e.g. --metric 'edge:edge->frontend.tries'`);
    expect(metricProblem('service:nope.p99Ms', { gateway: [], edge: [], service: ['checkout'] })).toBe('--metric service:nope.p99Ms: unknown service "nope" (services: checkout)');
  });

  it('--help lists the metric forms', async () => {
    const r = await sweep(['--help']);
    expect(r.stdout).toContain('--metric NAME');
    expect(r.stdout).toContain('gatewayCpuVcpu');
    expect(r.stdout).toContain('gateway:NAME.{cpu,utilization,requests,forwarded,rejected}');
    expect(r.stdout).toContain("'edge:FROM->TO.{tries,retries,requests,failed,errorShare,p50Ms,p99Ms}'");
  });
});

describe('an interval cut at its figure bound says so (N11: "0.8526 ±1.4" for an error share of 3 seeds)', () => {
  // Three seeds' error shares with N11's mean (0.8526%): 0%, 0.0979% and 2.4599%; the t
  // interval (t(0.975, 2) = 4.303) is 0.8526 ± 3.46, reaching -2.61%.
  const shares = [0, 0.000979, 0.024599];
  const spec = { file: 'x.yaml', scenario: 'x', grid: [], seeds: 3, seedBase: 1, durationMs: null };
  const runs = shares.map((e, j) => ({ job: j, point: 0, seed: j + 1, traceHash: String(j), sent: 1, ok: 1, failed: 0, events: 1, metrics: { p50Ms: 1, p90Ms: 2, p99Ms: 3, meanMs: 1, errorShare: e, attemptsPerCall: 1, proxyCpuVcpu: null } }));
  const report = buildReport(spec, runs);

  it('shows [lo, hi] with lo at 0 in the table, CSV and HTML, and names the clamp', () => {
    const c = report.points[0].metrics.errorShare;
    expect(c.mean).toBeCloseTo(0.008526, 6);
    expect(c.lo).toBe(0);
    expect(c.hi!).toBeCloseTo(0.008526 + 4.302653 * (Math.sqrt(((0 - 0.008526) ** 2 + (0.000979 - 0.008526) ** 2 + (0.024599 - 0.008526) ** 2) / 2) / Math.sqrt(3)), 6);
    expect(c.clamped).toEqual(['lo']);
    expect(clampNote(report)).toBe("Student t, 3 seeds; lower bound clamped at 0 (failed, % of ended (as the app's counter)): the figure cannot go past it");
    const table = formatReport(report);
    // Mean and bounds at the decimals of the half-width, 2.156 (trial T3 of session 52, 3).
    expect(table).toMatch(/0\.9% \[0\.0, 4\.3\]/);
    expect(table).not.toContain('0.9% ±');
    expect(table).toContain("[lo, hi]: the interval cut at its figure's bound: Student t, 3 seeds; lower bound clamped at 0 (failed, % of ended (as the app's counter))");
    const csv = reportCsv(report).split('\n');
    const row = Object.fromEntries(csv[0].split(',').map((h, i) => [h, csv[1].split(',')[i]]));
    expect(row['errorShare_lo']).toBe('0');
    expect(Number(row['errorShare_hi'])).toBeCloseTo(c.hi!, 12);
    expect(reportHtml(report)).toContain("Student t, 3 seeds; lower bound clamped at 0 (failed, % of ended (as the app's counter))");
    expect(reportHtml(report)).toContain('0.9% <span class="ci">[0.0, 4.3]</span>');
  });

  it('an interval inside its range is ± and says nothing of a clamp', () => {
    const wide = buildReport(spec, runs.map((r, j) => ({ ...r, metrics: { ...r.metrics, errorShare: 0.5 + j * 0.01 } })));
    expect(wide.points[0].metrics.errorShare.clamped).toBeUndefined();
    expect(clampNote(wide)).toBeNull();
    expect(formatReport(wide)).toMatch(/51\.0% ±2\.5/);
  });
});
