import { scaleLinear, scalePoint } from 'd3-scale';
import { area, line } from 'd3-shape';
import { parseDuration } from '../../scenario/duration';
import { formatValue } from './grid';
import { metricDef } from './metrics';
import type { Interval, Metric } from './stats';
import { aboutLines, INTERVAL_READING } from './about';
import { figureText } from './cells';
import { OK_ONLY_MARK, OK_ONLY_METRICS, okOnlyMarks, okOnlyNote } from './okOnly';
import { clampNote, metricNotes, metricsOf, partial, runsOf, type SweepReport } from './report';
import { apartFromFirst, overlapsBefore } from './overlap';
import { windowLine } from './window';
import { identicalLines } from './identical';

const W = 460;
const H = 260;
const M = { top: 16, right: 16, bottom: 44, left: 64 };
/** Pixels between the y axis (or the right edge) and the first (last) point on a numeric x axis. */
const XPAD = 12;
/** Fewest pixels between two x ticks labelled with swept values. */
const MIN_TICK_GAP = 36;
/** d3's schemeCategory10, written out: this file must not pull d3-scale-chromatic into Node for ten colours. */
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(3))));

/**
 * The sweep as one self-contained HTML page: a chart per metric of its mean against the first
 * swept field (one line per combination of the other fields), with the 95% interval as a band
 * and a bar at each point, then the table. Inline SVG drawn here with d3-scale and d3-shape; no
 * script, no fetched file, so it opens anywhere and prints. Pure.
 */
export function reportHtml(r: SweepReport): string {
  const s = r.sweep;
  const names = metricsOf(s);
  const charts = names.map((m) => chart(r, m)).join('\n');
  const head = [...s.grid.map((a) => a.path), 'runs', ...names.map((m) => metricDef(m).label)];
  const okOnly = okOnlyMarks(r);
  const okNote = okOnlyNote(r, names);
  const rows = r.points.map((p, i) => [
    ...s.grid.map((a) => esc(formatValue(p.set[a.path]))),
    String(p.runs),
    ...names.map((m) => {
      const c = p.metrics[m];
      if (c.mean === null) return '-';
      // Mean and interval at the same decimals, a share in % (cells.ts). The interval never breaks inside ("[102," over "107]" at 1024 px); it may go under its mean.
      const t = figureText(m, c, true);
      const mark = okOnly[i] && OK_ONLY_METRICS.includes(m) ? `<sup class="okonly">${OK_ONLY_MARK}</sup>` : '';
      return (t.lo === null ? esc(t.mean) : `${esc(t.mean)} <span class="ci">[${esc(t.lo)}, ${esc(t.hi!)}]</span>`) + esc(runsOf(c.n, p.runs)) + mark;
    }),
  ]);
  const tableHtml = `<div class="table"><table><thead><tr>${head.map((h) => `<th>${esc(h).replace(/\./g, '.<wbr>')}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>${okNote ? `<p class="note okonly">${esc(okNote)}</p>` : ''}${identicalLines(r).map((l) => `<p class="note identical">${esc(l)}</p>`).join('')}`;
  const title = `Sweep of ${s.scenario}`;
  const what = `${r.points.length} point${r.points.length === 1 ? '' : 's'} × ${s.seeds} seed${s.seeds === 1 ? '' : 's'} (${s.seedBase} to ${s.seedBase + s.seeds - 1}), ${r.runs.length} runs${s.durationMs === null ? '' : `, ${s.durationMs / 1000} s simulated each`}; file ${s.file}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px}
.charts{display:flex;flex-wrap:wrap;gap:16px;margin:16px 0}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg text{font:11px system-ui,sans-serif;fill:#444}
table{border-collapse:collapse}.ci{white-space:nowrap}th,td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}
.note{color:#555;max-width:70em}
.table{overflow-x:auto;max-width:100%}
.legend span{margin-right:16px;white-space:nowrap}
sup.okonly{color:#b45309;font-weight:700}
</style></head><body>
<h1>${esc(title)}</h1>
${[...aboutLines(s.about, s.grid), ...windowLine(s.window)].map((l) => `<p class="note about">${esc(l)}</p>`).join('\n')}
<p class="note">${esc(what)}. Each chart shows a metric's mean over the seeds at each value of ${esc(s.grid[0]?.path ?? 'the scenario')}${s.grid.length > 1 ? `, one line for each value of ${esc(s.grid.slice(1).map((a) => a.path).join(' and '))} (the key above the charts)` : ''}, with its 95% Student-t confidence interval as a band and bars. ${esc(INTERVAL_READING)} A ≈ above a point marks an interval that overlaps that of the point before it on its line; a ≠, one apart from the line's first point (the baseline).${okNote ? ` A ${OK_ONLY_MARK} in the table marks a p99 of ok requests that leaves out more failures than another point's (below the table).` : ''} Figures are written as mean [95% interval] at the same decimals, shares in %. ${esc(metricNotes(names).map((t) => t[0].toUpperCase() + t.slice(1)).join('. '))}.${(() => {
    const c = clampNote(r);
    return c ? ` Bands and [lo, hi] are cut at the figure's bound where the t interval reached past it: ${esc(c)}.` : '';
  })()}${partial(r) ? ' (n of N) after a figure: it is over the n runs of N that have it (no ok request after the warmup, or no sidecar, in the others); one run gives no interval.' : ''}</p>
${legendHtml(r)}
<div class="charts">
${charts}
</div>
${tableHtml}
</body></html>
`;
}

/** A point's figure for its tooltip, as the table writes it: "1.50% [1.29, 1.71]". */
function figureLabel(m: Metric, c: Interval): string {
  const t = figureText(m, c, true);
  return t.lo === null ? t.mean : `${t.mean} [${t.lo}, ${t.hi}]`;
}

/** The lines every chart draws: one per combination of the axes after the first, in grid order ('' for one line). */
function seriesKeys(r: SweepReport): string[] {
  const keys = r.points.map((p) => r.sweep.grid.slice(1).map((a) => `${a.path}=${formatValue(p.set[a.path])}`).join(' '));
  return [...new Set(keys)];
}

/** The colour key shared by all charts, when there is more than one line. */
function legendHtml(r: SweepReport): string {
  const keys = seriesKeys(r);
  if (keys.length < 2) return '';
  return `<p class="legend">${keys.map((k, i) => `<span><span style="color:${COLOURS[i % COLOURS.length]}">■</span> ${esc(k)}</span>`).join(' ')}</p>`;
}

/**
 * The unit written after each y tick of metric `m`'s chart: '%' for a share (a metric drawn at
 * scale 100, its 0..1 read as 0..100%, as cells.ts writes its figures), '' for every other metric,
 * whose label names its unit. Pure.
 */
export function yUnit(m: Metric): string {
  return metricDef(m).scale === 100 ? '%' : '';
}

/** One metric's chart as an inline SVG figure. */
function chart(r: SweepReport, m: Metric): string {
  const grid = r.sweep.grid;
  const xAxis = grid[0];
  const typed = xAxis ? xAxis.values : ['(scenario)'];
  // Durations (100ms, 300ms, 1s) are placed by their length in ms, not evenly as names would be:
  // 300ms sat halfway between 100ms and 1s.
  const inMs = typed.length > 0 && typed.every((v) => typeof v === 'string' && /\d\s*(us|µs|ms|s|m|h)\s*$/.test(v) && parseDuration(v).ok);
  const xNumber = (v: unknown): number => (inMs ? (parseDuration(v) as { ms: number }).ms : (v as number));
  const xs = typed;
  const numeric = inMs || xs.every((v) => typeof v === 'number');
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  // XPAD keeps the first and last points' interval bars off the y axis and the chart's edge.
  const xLin = scaleLinear().domain(numeric ? [Math.min(...xs.map(xNumber)), Math.max(...xs.map(xNumber))] : [0, 1]).range([XPAD, iw - XPAD]);
  if (numeric && xs.length === 1) xLin.domain([xNumber(xs[0]) - 1, xNumber(xs[0]) + 1]);
  const xPt = scalePoint<string>().domain(xs.map((v) => formatValue(v))).range([0, iw]).padding(0.5);
  const xOf = (v: unknown) => (numeric ? xLin(xNumber(v)) : (xPt(formatValue(v)) ?? 0));
  // Series: one per combination of the other axes, in grid order.
  const series = new Map<string, { x: unknown; mean: number; lo: number; hi: number; interval: boolean; of: string; same: boolean; apart: boolean; text: string }[]>();
  const overlaps = overlapsBefore(r, m);
  const aparts = apartFromFirst(r, m);
  for (const [i, p] of r.points.entries()) {
    const c = p.metrics[m];
    if (c.mean === null) continue;
    const key = grid.slice(1).map((a) => `${a.path}=${formatValue(p.set[a.path])}`).join(' ');
    if (!series.has(key)) series.set(key, []);
    const k = metricDef(m).scale;
    series.get(key)!.push({ x: xAxis ? p.set[xAxis.path] : '(scenario)', mean: k * c.mean, lo: k * (c.lo ?? c.mean), hi: k * (c.hi ?? c.mean), interval: c.lo !== null && c.hi !== null, of: runsOf(c.n, p.runs), same: overlaps[i], apart: aparts[i], text: figureLabel(m, c) });
  }
  const all = [...series.values()].flat();
  const caption0 = `<figcaption>${esc(metricDef(m).label)}</figcaption>`;
  if (all.length === 0) return `<figure>${caption0}<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img"><text x="${W / 2}" y="${H / 2}" text-anchor="middle">no run has this figure</text></svg></figure>`;
  const lo = Math.min(...all.map((d) => d.lo));
  const hi = Math.max(...all.map((d) => d.hi));
  // A flat metric (all points equal) gets 10% of its value either side, so its line is drawn mid-chart.
  const pad = lo === hi ? Math.abs(lo) * 0.1 || 1 : (hi - lo) * 0.05;
  // Never past what the metric can take (METRIC_RANGE): an error share of 0 at every point drew an axis from -1% to 1%.
  const def = metricDef(m);
  const [least, most] = def.range.map((b) => def.scale * b);
  const y = scaleLinear().domain([Math.max(least, lo - pad), Math.min(most, hi + pad)]).nice().range([ih, 0]);
  const parts: string[] = [];
  // A zoomed axis says so (trial N15, 2: an error share drawn from 46 to 49% made 48.5 -> 47.0 look like a trend).
  const floor = y.domain()[0];
  // A share's ticks carry its unit, %, as its figures do (trial T5, 9: a failed share of 0 at every
  // point drew an axis 0.0 to 1.0 beside text in %, read as 0 to 100%).
  const unit = yUnit(m);
  const zoomed = floor > least ? ` (axis from ${y.tickFormat(5)(floor)}${unit}, not ${fmt(least)}${unit})` : '';
  // Axes: ticks of the linear scales, or each swept value on a point scale.
  const yFormat = y.tickFormat(5);
  for (const t of y.ticks(5)) parts.push(`<line x1="0" x2="${iw}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/><text x="-6" y="${y(t)}" dy="0.32em" text-anchor="end">${esc(yFormat(t) + unit)}</text>`);
  // A tick at each swept value while they are few and apart; else the scale's own round ticks
  // (0,1,2,100 put 0, 1 and 2 within 8 px of each other, their labels written over each other).
  const at = numeric ? [...new Set(xs.map(xNumber))].sort((a, b) => a - b) : [];
  const apart = at.every((v, i) => i === 0 || xLin(v) - xLin(at[i - 1]) >= MIN_TICK_GAP);
  const xticks: [number, string][] = numeric ? (at.length <= 8 && apart ? at.map((v) => [xLin(v), fmt(v)]) : xLin.ticks(6).map((t) => [xLin(t), xLin.tickFormat(6)(t)])) : xs.map((v) => [xPt(formatValue(v)) ?? 0, formatValue(v)]);
  for (const [px, label] of xticks) parts.push(`<line x1="${px}" x2="${px}" y1="${ih}" y2="${ih + 4}" stroke="#888"/><text x="${px}" y="${ih + 16}" text-anchor="middle">${esc(label)}</text>`);
  parts.push(`<line x1="0" x2="${iw}" y1="${ih}" y2="${ih}" stroke="#888"/><line x1="0" x2="0" y1="0" y2="${ih}" stroke="#888"/>`);
  parts.push(`<text x="${iw / 2}" y="${ih + 34}" text-anchor="middle">${esc(xAxis ? xAxis.path + (inMs ? ' (ms)' : '') : '')}</text>`);
  for (const [key, pts] of series) {
    const colour = COLOURS[seriesKeys(r).indexOf(key) % COLOURS.length];
    const band = area<(typeof pts)[number]>().x((d) => xOf(d.x)).y0((d) => y(d.lo)).y1((d) => y(d.hi));
    const mid = line<(typeof pts)[number]>().x((d) => xOf(d.x)).y((d) => y(d.mean));
    parts.push(`<path d="${band(pts)}" fill="${colour}" fill-opacity="0.18" stroke="none"/>`);
    parts.push(`<path d="${mid(pts)}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    pts.forEach((d) => {
      const px = xOf(d.x);
      // ≈ above a point whose interval overlaps the one before it on its line: the seeds cannot tell them apart (overlap.ts).
      const same = d.same;
      // 18 px bold in the line's colour, in style: the sheet's `svg text{font:11px}` beat the font-size attribute (trial N18, 6: the mark read ~8 px, grey); ≠ apart from the line's first point.
      const marks = `${d.apart ? '≠' : ''}${same ? '≈' : ''}`;
      // Left of a point near the chart's right edge, where "≠≈" ran past the picture.
      const atEnd = px > iw - 30;
      if (marks) parts.push(`<text class="${same ? 'same' : 'apart'}" x="${atEnd ? px - 6 : px + 6}" y="${y(d.hi) - 4}"${atEnd ? ' text-anchor="end"' : ''} style="font:700 18px system-ui,sans-serif;fill:${colour}">${marks}</text>`);
      parts.push(`<line x1="${px}" x2="${px}" y1="${y(d.lo)}" y2="${y(d.hi)}" stroke="${colour}"/><circle cx="${px}" cy="${y(d.mean)}" r="3" fill="${colour}"><title>${esc(`${key ? key + ' ' : ''}${formatValue(d.x)}: ${d.text}${d.interval ? d.of : `${d.of}, no interval`}${same ? ', overlapping the point before' : ''}${d.apart ? ', apart from the first point' : ''}`)}</title></circle>`);
    });
  }
  const caption = `<figcaption>${esc(metricDef(m).label + zoomed)}</figcaption>`;
  return `<figure>${caption}<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(metricDef(m).label)} against ${esc(xAxis?.path ?? 'the scenario')}"><g transform="translate(${M.left},${M.top})">${parts.join('')}</g></svg></figure>`;
}
