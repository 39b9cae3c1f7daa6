import { describe, expect, it } from 'vitest';
import type { SeriesBucket } from '../../../src/workers/series';
import { faultSpan, reportHtml, type ReportData } from '../../../src/ui/export/report';
import { escapeHtml, failuresChartSvg, latencyChartSvg, throughputChartSvg } from '../../../src/ui/export/reportCharts';

const bucket = (t: number, over: Partial<SeriesBucket>): SeriesBucket => ({ t, sent: 0, ok: 0, failed: 0, causes: {}, latencyCount: 0, latencySum: 0, p50: 0, p90: 0, p99: 0, clients: {}, tries: {}, ...over });
const buckets = [bucket(0, { ok: 10, latencyCount: 10, latencySum: 100, p50: 9, p90: 12, p99: 30 }), bucket(1000, { ok: 5, failed: 5, causes: { timeout: 5 }, latencyCount: 5, latencySum: 60, p50: 11, p90: 14, p99: 40 })];
const size = { width: 260, height: 120 };
const marks = [{ kind: 'fault' as const, ms: 1000, endMs: 1500, label: 'kill <b>' }];

function data(over: Partial<ReportData> = {}): ReportData {
  return {
    title: 'A <script>alert(1)</script> title',
    name: 'x',
    description: 'Ampersands & "quotes"',
    lesson: 'It teaches.',
    seed: 7,
    simTimeMs: 2000,
    durationMs: 10_000,
    traceHash: '0123456789abcdef',
    link: 'https://h/p/?scenario=x&t=2s"><script>',
    exportedAt: 'now',
    figures: [{ figure: 'latency_p99', value: 40, unit: 'ms' }, { figure: 'trace_hash', value: '0123456789abcdef', unit: '' }],
    steps: [{ at: 0, title: 'Step <one>', text: 'text', figure: { label: 'p99', text: '40 ms', over: 'the whole run so far', expect: '< 50 ms' } }],
    faults: [{ type: 'kill', target: 'api', amount: '', startMs: 1000, endMs: null, untilMs: null, pending: false }],
    charts: { latency: latencyChartSvg(buckets, 1000, 10_000, size, marks), throughput: throughputChartSvg(buckets, 1000, 10_000, size, marks), failures: failuresChartSvg(buckets, 1000, 10_000, size, marks) },
    picture: { svg: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>' },
    ...over,
  };
}

describe('run report', () => {
  it("escapes every text from the scenario and the link, so a scenario's words never run as markup", () => {
    const html = reportHtml(data());
    expect(html).not.toContain('<script');
    expect(html).toContain('A &lt;script&gt;alert(1)&lt;/script&gt; title');
    expect(html).toContain('Ampersands &amp; &quot;quotes&quot;');
    expect(html).toContain('href="https://h/p/?scenario=x&amp;t=2s&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('Step &lt;one&gt;');
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
  });

  it('holds the picture (without its XML prologue), three charts, each figure with its unit, the story with its measured figure, the faults and the hash', () => {
    const html = reportHtml(data());
    expect(html).not.toContain('<?xml');
    // The picture and three charts.
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
    expect(html).toContain('<tr data-figure="latency_p99"><th>latency p99</th><td class="v">40</td><td class="u">ms</td></tr>');
    expect(html).not.toContain('data-figure="trace_hash"');
    expect(html).toContain('<span class="fig">p99: 40 ms</span> <span class="meta">(the whole run so far; lesson: &lt; 50 ms)</span>');
    expect(html).toContain('kill on <strong>api</strong>, 1 s → the end (still on)');
    // A fault with a size says it, as the app's fault list does: 100 ms and 2 s read apart.
    const sized = reportHtml(data({ faults: [{ type: 'latency', target: 'web', amount: '+2.00 s', startMs: 12_000, endMs: null, untilMs: 17_000, pending: false }] }));
    expect(sized).toContain('add latency +2.00 s on <strong>web</strong>, 12 s → 17 s (still on)');
    expect(html.split('0123456789abcdef').length - 1).toBe(2);
    // A canvas picture comes as an image; no picture, nothing.
    expect(reportHtml(data({ picture: { png: 'data:image/png;base64,AAAA' } }))).toContain('<img alt="Topology of A &lt;script&gt;alert(1)&lt;/script&gt; title" src="data:image/png;base64,AAAA">');
    expect(reportHtml(data({ picture: null, link: null }))).toContain('none (the scenario is too large for a link: keep its file)');
  });

  it("says a fault's planned end while it lasts (retry-storm's abort at 15 s: 10 s → 25 s, still on; it said '→ the end'), its end once over, and a fault with no duration runs to the end", () => {
    const f = { type: 'http-abort', target: 'payments', amount: '100% → 503', startMs: 10_000, endMs: null, untilMs: 25_000, pending: false };
    expect(faultSpan(f)).toBe('10 s → 25 s (still on)');
    expect(faultSpan({ ...f, endMs: 25_000 })).toBe('10 s → 25 s');
    expect(faultSpan({ ...f, pending: true })).toBe('10 s → 25 s (still to come)');
    expect(faultSpan({ ...f, untilMs: null })).toBe('10 s → the end (still on)');
    expect(faultSpan({ ...f, startMs: 20_000, endMs: 20_000, untilMs: null })).toBe('at 20 s');
  });

  it('charts draw each series and cause from the series, with the fault marked and its label escaped', () => {
    const lat = latencyChartSvg(buckets, 1000, 10_000, size, marks);
    expect(lat.svg.match(/data-series="p\d\d"/g)).toEqual(['data-series="p50"', 'data-series="p90"', 'data-series="p99"']);
    expect(lat.svg).toContain('<title>kill &lt;b&gt;</title>');
    const fail = failuresChartSvg(buckets, 1000, 10_000, size, marks);
    expect(fail.legend).toEqual([{ key: 'timeout', color: expect.any(String), text: 'timeout 5' }]);
    expect(fail.svg).toContain('data-cause="timeout"');
    expect(throughputChartSvg([], 1000, 10_000, size, []).svg).toContain('req/s');
  });
});
