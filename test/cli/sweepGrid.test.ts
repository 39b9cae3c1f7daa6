import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSweep } from '../../src/cli/sweep/plan';
import { formatValue, gridPoints, parseSet, resolvePath, setAt } from '../../src/cli/sweep/grid';
import { METRIC_RANGE, confidenceInterval } from '../../src/cli/sweep/stats';
import { formatReport, reportCsv } from '../../src/cli/sweep/report';
import { reportHtml } from '../../src/cli/sweep/html';
import { Progress, clock } from '../../src/cli/sweep/progress';

const data = {
  name: 'shop',
  services: [
    { name: 'web', serviceTime: '1ms' },
    { name: 'payments', policy: { retries: { attempts: 2 } }, calls: [{ service: 'web' }] },
  ],
};

describe('sweep grid', () => {
  it('reads a --set as JSON values where they read as JSON and text otherwise, split at top-level commas', () => {
    expect(parseSet('services.payments.policy.retries.attempts=0,1,2,3')).toEqual({ ok: true, axis: { path: 'services.payments.policy.retries.attempts', values: [0, 1, 2, 3] } });
    expect(parseSet('services.web.serviceTime=5ms, {"type":"exponential","mean":"1ms"},true')).toEqual({
      ok: true,
      axis: { path: 'services.web.serviceTime', values: ['5ms', { type: 'exponential', mean: '1ms' }, true] },
    });
    expect(parseSet('warmup=1s,1s')).toEqual({ ok: false, problem: '--set warmup: "1s" is given twice (each value is one point of the grid)' });
    expect(parseSet('services..replicas=1')).toEqual({ ok: false, problem: '--set services..replicas: a field path has no empty parts (e.g. services.payments.replicas)' });
  });

  // Helper B, session 26: an unclosed or shell-stripped JSON value was read as text and judged as
  // the field's type ('"{\"type\":\"exponential\"" is not a duration').
  it('refuses a value that opens as JSON and is not JSON, saying how to quote it for the shell', () => {
    // The parser's words in the brackets are V8's ("Expected property name or '}' in JSON at position 1" on Node 20).
    const r = parseSet('services.web.serviceTime={type:exponential}') as { ok: false; problem: string };
    expect(r.ok).toBe(false);
    expect(r.problem.startsWith('--set services.web.serviceTime={type:exponential}: not valid JSON (')).toBe(true);
    expect(r.problem.endsWith(`); a value starting with { or [ is read as JSON; in single quotes, so the shell keeps JSON's double quotes: --set 'services.web.serviceTime={"field":"value"}'`)).toBe(true);
    expect(parseSet('services.web.serviceTime=5ms,{"type":"exponential"')).toMatchObject({ ok: false, problem: expect.stringMatching(/^--set services\.web\.serviceTime=\{"type":"exponential": not valid JSON \(/) });
  });

  it('is every combination of the axes, the first axis slowest', () => {
    expect(gridPoints([{ path: 'a', values: [1, 2] }, { path: 'b', values: ['x', 'y', 'z'] }])).toEqual([[1, 'x'], [1, 'y'], [1, 'z'], [2, 'x'], [2, 'y'], [2, 'z']]);
    expect(gridPoints([])).toEqual([[]]);
  });

  it('resolves a part by name or index to the index path the scenario messages use, creating missing objects; a bad step is said in the words typed (services.payments.calls, not services.1.calls)', () => {
    expect(resolvePath(data, 'services.payments.policy.retries.attempts')).toEqual({ ok: true, indexPath: ['services', '1', 'policy', 'retries', 'attempts'] });
    expect(resolvePath(data, 'services.0.policy.timeout')).toEqual({ ok: true, indexPath: ['services', '0', 'policy', 'timeout'] });
    expect(resolvePath(data, 'services.pay.policy')).toEqual({ ok: false, problem: '--set services.pay.policy: unknown service "pay" (services are web, payments)' });
    expect(resolvePath(data, 'services.payments.calls.3.service')).toEqual({ ok: false, problem: '--set services.payments.calls.3.service: unknown call "3" (services.payments.calls has 1: index 0)' });
    expect(resolvePath(data, 'services.web.serviceTime.mean')).toEqual({ ok: false, problem: '--set services.web.serviceTime.mean: services.web.serviceTime is "1ms", not an object or a list, so it has no "mean"' });
    // Where the file's list is reached by index, the message keeps the index typed.
    expect(resolvePath(data, 'services.0.serviceTime.mean')).toEqual({ ok: false, problem: '--set services.0.serviceTime.mean: services.0.serviceTime is "1ms", not an object or a list, so it has no "mean"' });
    const copy = structuredClone(data);
    setAt(copy, ['services', '0', 'policy', 'retries', 'attempts'], 3);
    expect(copy.services[0]).toEqual({ name: 'web', serviceTime: '1ms', policy: { retries: { attempts: 3 } } });
    expect(data.services[0]).not.toHaveProperty('policy');
  });

  it("refuses an index into a list the file does not have, at the path typed: services.web has no calls, so no calls.0 (before, it made calls an object and the schema said 'services.0.calls: expected array')", () => {
    expect(resolvePath(data, 'services.web.calls.0.timeout')).toEqual({ ok: false, problem: '--set services.web.calls.0.timeout: services.web has no calls, so no calls.0 (a --set changes what the file has; it cannot add items to a list)' });
    expect(resolvePath(data, 'meshes.0.name')).toEqual({ ok: false, problem: '--set meshes.0.name: (scenario) has no meshes, so no meshes.0 (a --set changes what the file has; it cannot add items to a list)' });
    // A missing object on the way is still made.
    expect(resolvePath(data, 'services.web.policy.retries.attempts')).toEqual({ ok: true, indexPath: ['services', '0', 'policy', 'retries', 'attempts'] });
  });

  it("says a problem at a field a --set made on its way as that --set's: '--set foo.bar=1: foo: unknown field (fields here: ...)', not the file's; and lists the fields at a path naming none", () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-plan-'));
    const file = join(dir, 'mm.json');
    writeFileSync(file, JSON.stringify({ name: 'mm', clients: [{ name: 'load', type: 'open', rate: 10, target: 'server' }], services: [{ name: 'server', serviceTime: '1ms' }] }));
    // The fields the scenario and a route policy have: an unknown one's message lists them.
    const TOP = '$schema, name, title, description, seed, duration, warmup, network, clients, services, gateways, meshes, kubernetes, faults, changes, layout, narrative, lesson';
    const POLICY = 'timeout, retries, loadBalancer, circuitBreaker, outlierDetection, healthyPanicThreshold, localityLbSetting, fault, connectTimeout, maxConnectionDuration, idleTimeout, protocol, h2UpgradePolicy, maxRequestsPerConnection, maxConcurrentStreams';
    try {
      expect(planSweep(file, [{ path: 'foo.bar', values: [1, 2] }], undefined)).toEqual({ ok: false, lines: [`--set foo.bar=1,2: foo: unknown field (fields here: ${TOP})`] });
      // An unknown field is said once for all the values it was set to, not once a value (N-report 9).
      expect(planSweep(file, [{ path: 'services.server.policy.timout', values: ['1s', '2s'] }], undefined)).toEqual({ ok: false, lines: [`--set services.server.policy.timout=1s,2s: unknown field; did you mean timeout? (fields here: ${POLICY})`] });
      // A problem only some values have stays the values' own.
      expect(planSweep(file, [{ path: 'clients.load.target', values: ['nowhere', 'server'] }], undefined)).toEqual({ ok: false, lines: [expect.stringMatching(/^--set clients\.load\.target=nowhere: unknown service "nowhere"/)] });
      expect(planSweep(file, [{ path: 'services.server.policy.bogus.x', values: [1] }], undefined)).toEqual({ ok: false, lines: [`--set services.server.policy.bogus.x=1: services.server.policy.bogus: unknown field (fields here: ${POLICY})`] });
      // A --set path naming no field says the fields that level has, and the near miss meant.
      expect(planSweep(file, [{ path: 'nopath', values: [1] }], undefined)).toEqual({ ok: false, lines: [`--set nopath=1: unknown field (fields here: ${TOP})`] });
      expect(planSweep(file, [{ path: 'services.server.policy.timout', values: ['1s'] }], undefined)).toEqual({ ok: false, lines: [`--set services.server.policy.timout=1s: unknown field; did you mean timeout? (fields here: ${POLICY})`] });
      // A problem the point causes elsewhere still names the file and the point.
      const other = planSweep(file, [{ path: 'clients.load.target', values: ['nowhere'] }], undefined);
      expect(other).toEqual({ ok: false, lines: [expect.stringMatching(/^--set clients\.load\.target=nowhere: unknown service "nowhere"/)] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("blames a point that sends too many requests for --duration on its --set, where the file alone runs: '--set clients.load.rate=1000000000000: with it ... would send about'", () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-plan-'));
    const file = join(dir, 'mm.json');
    writeFileSync(file, JSON.stringify({ name: 'mm', clients: [{ name: 'load', type: 'open', rate: 10, target: 'server' }], services: [{ name: 'server', serviceTime: '1ms' }] }));
    try {
      // 1e12 requests/s for 10 s, 1e13 requests; 5/s runs. Before: '--duration: ... give a shorter --duration (with clients.load.rate=1000000000000)'.
      expect(planSweep(file, [{ path: 'clients.load.rate', values: [1e12, 5] }], 10_000)).toEqual({
        ok: false,
        lines: [`--set clients.load.rate=1000000000000: with it ${file} would send about 10,000,000,000,000 requests in 10.00 s, more than 50,000,000 (a run of many minutes); give a smaller value or a shorter --duration`],
      });
      // The file alone too long at this --duration (10/s for 5,000 h, 180M): still --duration's.
      expect(planSweep(file, [{ path: 'clients.load.rate', values: [5] }], 5000 * 3_600_000)).toEqual({ ok: false, lines: [expect.stringMatching(/^--duration: .* would send about 90,000,000 requests in .*; give a shorter --duration \(with clients\.load\.rate=5\)$/)] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes a value back as it would be typed, quoting text that would read as something else', () => {
    expect([3, '5ms', 'true', '7', 'a,b', { x: 1 }].map(formatValue)).toEqual(['3', '5ms', '"true"', '"7"', '"a,b"', '{"x":1}']);
  });
});

describe('sweep statistics', () => {
  it('gives the Student-t 95% interval: 1..5 is 3 ± 2.776 × 1.581 / √5', () => {
    const c = confidenceInterval([1, 2, 3, 4, 5]);
    expect(c.n).toBe(5);
    expect(c.mean).toBe(3);
    expect(c.sd).toBeCloseTo(1.5811388, 6);
    // t(0.975, 4) = 2.7764451 (tables of Student's t).
    expect(c.lo).toBeCloseTo(3 - 1.9632432, 6);
    expect(c.hi).toBeCloseTo(3 + 1.9632432, 6);
    // 2 values: t(0.975, 1) = 12.706.
    expect(confidenceInterval([0, 2]).hi).toBeCloseTo(1 + 12.7062047, 5);
    expect(confidenceInterval([4])).toEqual({ n: 1, mean: 4, sd: null, lo: null, hi: null });
    expect(confidenceInterval([])).toEqual({ n: 0, mean: null, sd: null, lo: null, hi: null });
  });

  it('cuts an interval to the values its figure can take: an error share to 100%, a latency to 0 ms, tries to 1 (platform engineer, session 21: a share of 99.96% read up to 100.13%)', () => {
    const share = confidenceInterval([0.9992, 1, 1, 0.9992, 1], 0.95, METRIC_RANGE.errorShare);
    expect(share.mean).toBeCloseTo(0.99968, 8);
    expect(share.lo).toBeCloseTo(0.999136, 6);
    expect(share.hi).toBe(1);
    expect(confidenceInterval([0.9992, 1, 1, 0.9992, 1]).hi).toBeGreaterThan(1.0002);
    const latency = confidenceInterval([0.1, 10], 0.95, METRIC_RANGE.p99Ms);
    expect(latency.lo).toBe(0);
    expect(latency.hi).toBeCloseTo(5.05 + 12.7062047 * (9.9 / Math.SQRT2 / Math.SQRT2), 4);
    expect(confidenceInterval([1, 1.4], 0.95, METRIC_RANGE.attemptsPerCall).lo).toBe(1);
  });
});

describe('sweep progress', () => {
  it('prints a line at every tenth of the jobs off a terminal, with the time left', () => {
    let out = '';
    let now = 0;
    const p = new Progress(20, { write: (s: string) => (out += s) }, () => now);
    for (let i = 0; i < 20; i++) {
      now += 500;
      p.tick();
    }
    const lines = out.trim().split('\n');
    // The first job, every second one after it (a tenth of 20), and the last.
    expect(lines.map((l) => Number(/ (\d+)\/20 /.exec(l)![1]))).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 20]);
    expect(lines[0]).toBe('sweep: 1/20 jobs done in 0.5 s, about 10 s left');
    expect(lines[10]).toBe('sweep: 20/20 jobs done in 10.0 s');
  });

  it('redraws one bar in place on a terminal, with an ETA', () => {
    let out = '';
    let now = 0;
    const p = new Progress(4, { write: (s: string) => (out += s), isTTY: true, columns: 80 }, () => now);
    now = 61_000;
    p.tick();
    expect(out).toBe('\rsweep [========>                     ] 1/4 jobs  1:01 elapsed  ETA 3:03 ');
    expect(clock(3725)).toBe('1:02:05');
  });
});

describe('sweep report for a person', () => {
  const iv = (mean: number, half: number) => ({ n: 5, mean, sd: half, lo: mean - half, hi: mean + half });
  const report = {
    sweep: { file: 'scenarios/retry-storm.json', scenario: 'retry-storm', grid: [{ path: 'services.payments.policy.retries.attempts', values: [0, 2] }], seeds: 5, seedBase: 1, durationMs: null },
    points: [0, 2].map((attempts, i) => ({
      set: { 'services.payments.policy.retries.attempts': attempts },
      runs: 5,
      metrics: { p50Ms: iv(12.5, 0.5), p90Ms: iv(30, 1), p99Ms: iv(80, 4), meanMs: iv(15, 0.6), errorShare: iv(i === 0 ? 0.49 : 0.031, 0.02), attemptsPerCall: iv(1 + i, 0.1), proxyCpuVcpu: iv(0.35, 0.01) },
    })),
    runs: [],
  };

  it('says the error share in % in the table and the HTML report, as the app does, while --json and --csv keep the 0..1 share', () => {
    // Wide enough for one block (folding has its own test, sweepCells.test.ts).
    const table = formatReport(report as never, 300);
    expect(table).toContain('failed, % of ended');
    const rows = table.split('\n').filter((l) => /^[02]\s/.test(l));
    expect(rows).toHaveLength(2);
    // With a % sign, the mean at its interval's decimals (trial T3 of session 52, 3: "0.174" and "1.5 [1.29, 1.7]").
    expect(rows[0]).toContain('49.0% ±2.0');
    expect(rows[1]).toContain('3.1% ±2.0');
    expect(rows[0]).toContain('12.50 ±0.50');
    const html = reportHtml(report as never);
    expect(html).toContain('49.0% <span class="ci">[47.0, 51.0]</span>');
    expect(html).toContain('failed, % of ended');
    const csv = reportCsv(report as never).split('\n');
    expect(csv[1].split(',')).toContain('0.49');
  });

  it('marks a figure that only some of a point\'s runs have: one run of 3 with an ok request reads 245.1 (1 of 3), no interval (it read a bare 245.1, and the chart\'s tip [245, 245])', () => {
    const one = { n: 1, mean: 245.0695, sd: null, lo: null, hi: null };
    const two = { n: 2, mean: 100, sd: 1, lo: 91, hi: 109 };
    const partialReport = {
      ...report,
      points: [{ set: { 'services.payments.policy.retries.attempts': 0 }, runs: 3, metrics: { p50Ms: one, p90Ms: one, p99Ms: one, meanMs: two, errorShare: { ...iv(0.9996, 0.0017), n: 3 }, attemptsPerCall: { ...iv(1.573, 0.001), n: 3 }, proxyCpuVcpu: { ...iv(0.716, 0.026), n: 3 } } }],
    };
    const table = formatReport(partialReport as never, 300);
    const row = table.split('\n').find((l) => /^0\s/.test(l))!;
    expect(row).toContain('245.1 (1 of 3)');
    expect(row).toContain('100.0 ±9.0 (2 of 3)');
    expect(row).toContain('99.96% ±0.17');
    expect(row).not.toContain('99.96% ±0.17 (');
    expect(table).toContain('(n of N): over the n runs of N that have the figure');
    const html = reportHtml(partialReport as never);
    expect(html).toContain('<td>245.1 (1 of 3)</td>');
    expect(html).toContain('<title>0: 245.1 (1 of 3), no interval</title>');
    expect(html).not.toContain('[245, 245]');
    expect(html).toContain('100.0 <span class="ci">[91.0, 109.0]</span> (2 of 3)');
    // Every run has the figure: no mark, as before.
    expect(formatReport(report as never)).not.toContain(' of 5)');
    expect(formatReport(report as never)).not.toContain('(n of N)');
  });

  it("--csv gives each metric's n beside its mean, lo and hi, as --json does: 1, 2 and 3 of a point's 3 runs, 0 where no run has the figure (a CSV row said 3 runs and no n)", () => {
    const one = { n: 1, mean: 245.0695, sd: null, lo: null, hi: null };
    const none = { n: 0, mean: null, sd: null, lo: null, hi: null };
    const csvReport = {
      ...report,
      points: [{ set: { 'services.payments.policy.retries.attempts': 0 }, runs: 3, metrics: { p50Ms: one, p90Ms: one, p99Ms: one, meanMs: { n: 2, mean: 100, sd: 1, lo: 91, hi: 109 }, errorShare: { ...iv(0.9996, 0.0017), n: 3 }, attemptsPerCall: { ...iv(1.573, 0.001), n: 3 }, proxyCpuVcpu: none } }],
    };
    const [head, row] = reportCsv(csvReport as never).trim().split('\n').map((l) => l.split(','));
    expect(head.slice(0, 6)).toEqual(['services.payments.policy.retries.attempts', 'runs', 'p50Ms_mean', 'p50Ms_lo', 'p50Ms_hi', 'p50Ms_n']);
    expect(head).toHaveLength(2 + 7 * 4);
    const at = (col: string) => row[head.indexOf(col)];
    expect([at('runs'), at('p50Ms_n'), at('meanMs_n'), at('errorShare_n'), at('proxyCpuVcpu_n')]).toEqual(['3', '1', '2', '3', '0']);
    expect([at('p50Ms_mean'), at('p50Ms_lo'), at('meanMs_lo'), at('meanMs_hi'), at('proxyCpuVcpu_mean')]).toEqual(['245.0695', '', '91', '109', '']);
  });
});

describe('sweep HTML report axes', () => {
  const iv = (mean: number) => ({ n: 3, mean, sd: 1, lo: mean - 5, hi: mean + 5 });
  const metrics = (p50: number) => ({ p50Ms: iv(p50), p90Ms: iv(2 * p50), p99Ms: iv(3 * p50), meanMs: iv(p50), errorShare: { n: 3, mean: 0.2, sd: 0.01, lo: 0.19, hi: 0.21 }, attemptsPerCall: iv(1), proxyCpuVcpu: iv(0.1) });
  const reportOf = (path: string, values: unknown[]) => ({
    sweep: { file: 'third-party-service', scenario: 'third-party-service', grid: [{ path, values }], seeds: 3, seedBase: 1, durationMs: 10000 },
    points: values.map((v, i) => ({ set: { [path]: v }, runs: 3, metrics: metrics(100 + 30 * i) })),
    runs: [],
  });
  /** The p50 chart's point centres (x px) and x tick labels. */
  const p50Chart = (html: string) => {
    const svg = html.split('<figure>')[1];
    return { cx: [...svg.matchAll(/<circle cx="([\d.]+)"/g)].map((m) => Math.round(Number(m[1]))), ticks: [...svg.matchAll(/text-anchor="middle">([^<]*)<\/text>/g)].map((m) => m[1]) };
  };

  // Helper B, session 26: a timeout sweep of 100ms, 300ms, 1s drew 300ms halfway between the
  // other two, as names; a duration is now placed by its length, on an axis in ms.
  it('places durations by their length in ms, the axis saying (ms)', () => {
    const { cx, ticks } = p50Chart(reportHtml(reportOf('gateways.egress.routes.0.policy.timeout', ['100ms', '300ms', '1s']) as never));
    // 380 px wide inside, 12 px kept clear at each end: 12 + 356 x (ms - 100) / 900.
    expect(cx).toEqual([12, 91, 368]);
    expect(ticks).toEqual(['100', '300', '1,000', 'gateways.egress.routes.0.policy.timeout (ms)']);
  });

  it('keeps the y axis inside what the metric can take: an error share of 0 at every point reads from 0, never a negative share', () => {
    const zero = { n: 3, mean: 0, sd: 0, lo: 0, hi: 0 };
    const r = reportOf('services.payments.policy.retries.attempts', [0, 1, 2]);
    for (const p of r.points) (p.metrics as Record<string, unknown>).errorShare = zero;
    const svg = reportHtml(r as never).split('<figure>').find((f) => f.startsWith('<figcaption>failed, % of ended'))!;
    const ticks = [...svg.matchAll(/text-anchor="end">([^<]*)<\/text>/g)].map((m) => Number(m[1].replace(/[%,]/g, '')));
    expect(ticks.length).toBeGreaterThan(1);
    expect(Math.min(...ticks)).toBe(0);
  });

  it('labels each swept number while the ticks stand apart, else the scale\'s round ticks (0, 1, 2 and 100 wrote 0, 1 and 2 over each other)', () => {
    expect(p50Chart(reportHtml(reportOf('services.payments.policy.retries.attempts', [0, 1, 2]) as never)).ticks).toEqual(['0', '1', '2', 'services.payments.policy.retries.attempts']);
    expect(p50Chart(reportHtml(reportOf('services.payments.policy.retries.attempts', [0, 1, 2, 100]) as never)).ticks).toEqual(['0', '20', '40', '60', '80', '100', 'services.payments.policy.retries.attempts']);
    // Names (STRICT, PERMISSIVE) stay evenly spaced, as typed.
    expect(p50Chart(reportHtml(reportOf('services.web.mtls', ['STRICT', 'PERMISSIVE']) as never)).ticks).toEqual(['STRICT', 'PERMISSIVE', 'services.web.mtls']);
  });
});
