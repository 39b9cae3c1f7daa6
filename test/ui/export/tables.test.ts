import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../../src/scenario';
import { SimHost } from '../../../src/workers/SimHost';
import type { SeriesBucket } from '../../../src/workers/series';
import { csvField, figureRows, figuresCsv, runExport, seriesColumns, seriesCsv, type FigureTotals } from '../../../src/ui/export/tables';
import { runWithSeries } from '../../../src/cli/csv';
import { runScenario } from '../../../src/models';

const bucket = (t: number, over: Partial<SeriesBucket>): SeriesBucket => ({ t, sent: 0, ok: 0, failed: 0, causes: {}, latencyCount: 0, latencySum: 0, p50: 0, p90: 0, p99: 0, clients: {}, tries: {}, ...over });

const totals: FigureTotals = {
  simTime: 20_000,
  sent: 1000,
  ok: 950,
  failed: 40,
  inFlight: 10,
  mean: 12.5,
  p50: 10,
  p90: 20,
  p99: 80.25,
  events: 123_456,
  proxyCpuMs: 300,
  proxyPasses: 2000,
  proxies: 4,
  failures: { timeout: 30, 'http-5xx': 10 },
  traceHash: '0123456789abcdef',
};

describe('export tables', () => {
  it('the series CSV has units in its header, a column per cause sorted by name, rates per second and empty latency where no request ended ok', () => {
    const buckets = [
      bucket(0, { sent: 10, ok: 8, latencyCount: 8, latencySum: 100, p50: 11, p90: 14.5, p99: 20 }),
      bucket(2000, { sent: 4, failed: 3, causes: { timeout: 2, 'http-5xx': 1 } }),
    ];
    // Two-second buckets (a very long run's): counts become rates.
    expect(seriesCsv(buckets, 2000)).toBe(
      't_start_s,t_end_s,sent_req_per_s,ok_req_per_s,failed_req_per_s,latency_count_req,latency_mean_ms,latency_p50_ms,latency_p90_ms,latency_p99_ms,failed_http-5xx_req_per_s,failed_timeout_req_per_s\n' +
        '0,2,5,4,0,8,12.5,11,14.5,20,0,0\n' +
        '2,4,2,0,1.5,0,,,,,0.5,1\n',
    );
    expect(seriesCsv([], 1000)).toBe(seriesColumns([]).join(',') + '\n');
  });

  it('the figures table gives each counter with its unit, proxy CPU as vCPU per 1000 req/s per proxy, and the trace hash', () => {
    const rows = Object.fromEntries(figureRows(totals).map((r) => [r.figure, [r.value, r.unit]]));
    expect(rows.sim_time).toEqual([20, 's']);
    expect(rows.failed_share).toEqual([4, '%']);
    expect(rows['failed_http-5xx']).toEqual([10, 'req']);
    expect(rows.requests_per_s).toEqual([49.5, 'req/s']);
    expect(rows.latency_p99).toEqual([80.25, 'ms']);
    // Two passes a request: 2 * 300 ms / 2000 passes = 0.3 ms a request = 0.3 vCPU per 1000 req/s.
    expect(rows.proxy_cpu_per_1000_rps_per_proxy).toEqual([0.3, 'vCPU']);
    expect(rows.proxy_cpu_total).toEqual([0.015, 'vCPU']);
    expect(rows.trace_hash).toEqual(['0123456789abcdef', '']);
    const csv = figuresCsv(totals).split('\n');
    expect(csv[0]).toBe('figure,value,unit');
    expect(csv).toContain('latency_p99,80.25,ms');
    // No latency rows before an ok request (an empty histogram reads 0), no proxy rows without sidecars.
    const none = figureRows({ ...totals, ok: 0, mean: 0, p50: 0, p90: 0, p99: 0, proxies: 0 }).map((r) => r.figure);
    expect(none).not.toContain('latency_p50');
    expect(none).not.toContain('proxies');
  });

  it('latency rows by counts: none for the zeros of an empty histogram, yes for requests of 0 ms a closed second measured', () => {
    const unmeasured = { ...totals, mean: 0, p50: 0, p90: 0, p99: 0 };
    const figures = (t: FigureTotals, buckets: SeriesBucket[]) => figureRows(t, { buckets, bucketMs: 1000 }).map((r) => r.figure);
    // ok > 0 but every one sent in the warm-up: no latency row, in the table or its CSV.
    expect(figures(unmeasured, [bucket(0, { ok: 500 })])).not.toContain('latency_p50');
    expect(figuresCsv(unmeasured)).not.toContain('latency_');
    // Requests that all took 0 ms, counted in a second closed by the export's moment.
    expect(figures(unmeasured, [bucket(0, { ok: 500 }), bucket(1000, { ok: 500, latencyCount: 500 })])).toContain('latency_p50');
    // That second ends after the moment (buckets kept from before a seek back): not yet.
    expect(figures({ ...unmeasured, simTime: 1500 }, [bucket(0, { ok: 500 }), bucket(1000, { ok: 500, latencyCount: 500 })])).not.toContain('latency_p50');
  });

  it('a CSV field with a comma, quote or line break is quoted', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('the JSON export holds the same columns and rows as the CSVs', () => {
    const buckets = [bucket(0, { sent: 3, ok: 2, failed: 1, causes: { timeout: 1 }, latencyCount: 2, latencySum: 30, p50: 14, p90: 16, p99: 16 })];
    const j = JSON.parse(JSON.stringify(runExport({ scenario: 'x', title: 'X', seed: 7, link: null }, totals, buckets, 1000)));
    expect(j.format).toBe('meshsim-run/1');
    expect(j.series.columns).toEqual(seriesCsv(buckets, 1000).split('\n')[0].split(','));
    expect(j.series.rows).toEqual([[0, 1, 3, 2, 1, 2, 15, 14, 16, 16, 1]]);
    expect(j.figures).toEqual(figureRows(totals));
  });

  it("the CLI's series is the app worker's, row for row, and recording it leaves the trace hash as it was", () => {
    const text = readFileSync(fileURLToPath(new URL('../../../scenarios/retry-storm.json', import.meta.url)), 'utf8');
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error('retry-storm did not parse');
    const cli = runWithSeries(parsed.scenario, { durationMs: 30_000 });
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    const r = host.load(text);
    if (!r.ok) throw new Error('retry-storm did not load');
    let f = host.advance(0, 1);
    while (f.simTime < 30_000) f = host.advance(Math.min(30_000 - f.simTime, 4_321), 60_000);
    const app = host.seriesSince(-1, 0);
    expect(cli.csv).toBe(seriesCsv(app.buckets.slice(0, 30), app.bucketMs));
    expect(cli.csv.split('\n')[0]).toContain('failed_http-5xx_req_per_s');
    expect(cli.csv.trim().split('\n')).toHaveLength(31);
    expect(cli.summary.traceHash).toBe(f.traceHash);
    expect(cli.summary.traceHash).toBe(runScenario(parsed.scenario, { durationMs: 30_000 }).summary.traceHash);
  });
});
