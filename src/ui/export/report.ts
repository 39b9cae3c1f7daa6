// The one-page run report: a self-contained HTML file (no script, no link to anything but the
// run's own share link) with the picture, the charts as inline SVG, the figures, the story and
// its measured lesson figures, the faults, and how to get the same run again (link, seed, trace
// hash). Printable on one A4 or Letter page for a handout. Pure: a string from plain data.
import type { FigureRow } from './tables';
import { escapeHtml, type ChartSvg } from './reportCharts';
import { faultName } from '../faults/faultName';

/** A narrative step as the report tells it, with its lesson figure measured at export time. */
export interface ReportStep {
  /** Simulated ms the step begins at. */
  at: number;
  title: string;
  text: string;
  figure?: { label: string; text: string; over: string; expect?: string };
}

/** A fault of the run: what, on which node, from when to when (simulated ms). */
export interface ReportFault {
  type: string;
  target: string;
  /** How much it does ('+100 ms'; '' for a kill): src/models/report.ts faultAmount. */
  amount: string;
  startMs: number;
  /** When it ended; null while it lasts or before it starts. */
  endMs: number | null;
  /** When its duration (`for`) runs out; null for one that lasts until cleared (or the run's end). */
  untilMs: number | null;
  pending: boolean;
}

/**
 * A fault's span as the report says it, simulated seconds: `10 s → 25 s` once over, with
 * `(still on)` while it lasts and `(still to come)` before it starts; a fault with no duration
 * that has not been cleared runs `→ the end`; a one-shot fault reads `at 20 s`. Pure.
 */
export function faultSpan(f: ReportFault): string {
  // A one-shot fault (a kill) ends as it starts.
  if (f.endMs !== null && f.endMs === f.startMs) return `at ${s(f.startMs)}`;
  const end = f.endMs ?? f.untilMs;
  const state = f.pending ? ' (still to come)' : f.endMs === null ? ' (still on)' : '';
  return `${s(f.startMs)} → ${end === null ? 'the end' : s(end)}${state}`;
}

/** Everything the report shows, as plain data. */
export interface ReportData {
  title: string;
  /** The scenario's name (file or shipped id). */
  name: string;
  description: string;
  lesson: string;
  seed: number;
  /** Simulated time the report was taken at, and the run's whole duration, ms. */
  simTimeMs: number;
  durationMs: number;
  traceHash: string;
  /** The share link reopening this run at this moment; null when the run has none (a file too large). */
  link: string | null;
  /** When it was exported, as the person's clock reads (text). */
  exportedAt: string;
  figures: FigureRow[];
  steps: ReportStep[];
  faults: ReportFault[];
  charts: { latency: ChartSvg; throughput: ChartSvg; failures: ChartSvg };
  /** The topology: an SVG element's text, or a PNG data URL (the canvas view). Null: none drawn. */
  picture: { svg: string } | { png: string } | null;
}

const s = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** A figure's value as the table shows it: up to 3 significant decimals, thousands separated. */
function value(r: FigureRow): string {
  if (typeof r.value === 'string') return escapeHtml(r.value);
  if (!Number.isFinite(r.value)) return '—';
  const abs = Math.abs(r.value);
  const digits = Number.isInteger(r.value) ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return r.value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function chart(title: string, c: ChartSvg, testId: string): string {
  const legend = c.legend.length ? c.legend.map((l) => `<span><i style="background:${l.color}"></i>${escapeHtml(l.text)}</span>`).join(' ') : '<span>none</span>';
  return `<figure class="chart" data-chart="${testId}"><figcaption>${escapeHtml(title)} <small>${legend}</small></figcaption>${c.svg}</figure>`;
}

/** The printable style: one column on screen, fitted to one page in print. */
const STYLE = `
*{box-sizing:border-box}
body{font:11px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;margin:0 auto;padding:16px;max-width:820px;background:#fff}
h1{font-size:18px;margin:0 0 2px}
h2{font-size:12px;margin:10px 0 4px;text-transform:uppercase;letter-spacing:.04em;color:#52606d}
p{margin:2px 0 6px}
.meta{color:#52606d}
.meta code,.recipe code{font:10px ui-monospace,Menlo,monospace}
.picture{text-align:center}
.picture>svg,.picture>img{max-width:100%;max-height:300px;width:auto;height:auto;border:1px solid #d5dae1;border-radius:4px}
.mid{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,6fr);gap:16px;align-items:start}
table{border-collapse:collapse;width:100%}
td,th{padding:1px 4px;border-bottom:1px solid #e4e7eb;text-align:left;font-weight:normal}
td.v{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
td.u{color:#52606d}
.charts{display:grid;gap:4px}
.chart{margin:0}
.chart svg{width:100%;height:auto}
.chart figcaption{font-weight:600;font-size:10.5px}
.chart small{font-weight:normal;color:#52606d}
.chart small i{display:inline-block;width:8px;height:8px;margin:0 3px 0 4px;border-radius:2px}
ol.steps,ul{margin:0;padding-left:18px}
ol.steps li{margin-bottom:3px}
.fig{color:#0b6e4f;font-weight:600}
.recipe a{word-break:break-all}
@page{size:auto;margin:10mm}
@media print{body{padding:0;max-width:none;font-size:9.5px}.chart figcaption{font-size:9.5px}h1{font-size:15px}a{color:inherit}.picture>svg,.picture>img{max-height:220px}}
`;

/**
 * The report as the text of one HTML file. Every text from the scenario or the link is escaped,
 * so a scenario's words never run as markup. Pure.
 */
export function reportHtml(d: ReportData): string {
  const e = escapeHtml;
  const figures = d.figures
    .filter((r) => r.figure !== 'trace_hash')
    .map((r) => `<tr data-figure="${e(r.figure)}"><th>${e(r.figure.replace(/_/g, ' '))}</th><td class="v">${value(r)}</td><td class="u">${e(r.unit)}</td></tr>`)
    .join('');
  const steps = d.steps
    .map((st) => {
      const fig = st.figure ? ` <span class="fig">${e(st.figure.label)}: ${e(st.figure.text)}</span> <span class="meta">(${e(st.figure.over)}${st.figure.expect ? `; lesson: ${e(st.figure.expect)}` : ''})</span>` : '';
      return `<li><strong>${s(st.at)} · ${e(st.title)}</strong> ${e(st.text)}${fig}</li>`;
    })
    .join('');
  const faults = d.faults.length
    ? `<h2>Faults</h2><ul>${d.faults.map((f) => `<li>${e(faultName(f.type))}${f.amount ? ` ${e(f.amount)}` : ''} on <strong>${e(f.target)}</strong>, ${e(faultSpan(f))}</li>`).join('')}</ul>`
    : '';
  const picture = d.picture === null ? '' : 'svg' in d.picture ? d.picture.svg.replace(/^<\?xml[^>]*>\s*/, '') : `<img alt="Topology of ${e(d.title)}" src="${e(d.picture.png)}">`;
  const link = d.link ? `<a href="${e(d.link)}">${e(d.link)}</a>` : 'none (the scenario is too large for a link: keep its file)';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(d.title)}: meshsim run report</title>
<style>${STYLE}</style></head>
<body>
<header><h1>${e(d.title)}</h1>
<p class="meta">meshsim run report · scenario <code>${e(d.name)}</code> · seed <code>${d.seed}</code> · at ${s(d.simTimeMs)} of ${s(d.durationMs)} · trace hash <code data-testid="report-trace-hash">${e(d.traceHash)}</code> · exported ${e(d.exportedAt)}</p>
<p>${e(d.description)}</p></header>
${picture ? `<div class="picture">${picture}</div>` : ''}
<section class="mid"><div><h2>Figures at ${s(d.simTimeMs)}</h2><table class="figures">${figures}</table></div>
<div><h2>Per second</h2><div class="charts">${chart('Latency of ok requests', d.charts.latency, 'latency')}${chart('Requests per second', d.charts.throughput, 'throughput')}${chart('Failures per second', d.charts.failures, 'failures')}</div></div></section>
${steps ? `<h2>The story</h2><ol class="steps">${steps}</ol>` : ''}
${d.lesson ? `<h2>The lesson</h2><p>${e(d.lesson)}</p>` : ''}
${faults}
<h2>The same run again</h2>
<p class="recipe">Open ${link}: the same scenario, seed, injected faults and moment, which reaches trace hash <code>${e(d.traceHash)}</code> at ${s(d.simTimeMs)} in any browser.</p>
</body></html>
`;
}
