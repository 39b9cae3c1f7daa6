// The run report's charts as SVG text: the same geometry as the app's charts (charts/geometry.ts),
// written out with their axes, markers and colours inline so the report needs no script or
// style sheet to show them. Pure: strings from numbers, no DOM.
import type { SeriesBucket } from '../../workers/series';
import { failuresGeometry, latencyGeometry, MARGIN, throughputGeometry, type Size } from '../charts/geometry';
import { CAUSE_COLORS, LINE_COLORS, type ChartMarker } from '../charts/drawCharts';
import type { ScaleLinear } from 'd3';

/** Escapes text for HTML and SVG (element content and quoted attributes). Pure. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const INK = '#1f2933';
const MUTED = '#6b7280';
const GRID = '#d5dae1';

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Axes, unit, markers: the frame every chart shares, as SVG elements. */
function frame(size: Size, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, unit: string, marks: readonly ChartMarker[]): string {
  const bottom = size.height - MARGIN.bottom;
  const parts: string[] = [];
  for (const v of y.ticks(3)) {
    const py = r1(y(v));
    parts.push(`<line x1="${MARGIN.left}" x2="${size.width - MARGIN.right}" y1="${py}" y2="${py}" stroke="${GRID}" stroke-width="0.5"/>`);
    parts.push(`<text x="${MARGIN.left - 4}" y="${py + 3}" text-anchor="end" font-size="9" fill="${MUTED}">${v}</text>`);
  }
  const ticks = Math.max(2, Math.floor(size.width / 90));
  for (const v of x.ticks(ticks)) {
    const px = r1(x(v));
    parts.push(`<text x="${px}" y="${bottom + 12}" text-anchor="middle" font-size="9" fill="${MUTED}">${r1(v / 1000)} s</text>`);
  }
  parts.push(`<line x1="${MARGIN.left}" x2="${size.width - MARGIN.right}" y1="${bottom}" y2="${bottom}" stroke="${INK}" stroke-width="0.8"/>`);
  parts.push(`<text x="4" y="9" font-size="9" fill="${MUTED}">${escapeHtml(unit)}</text>`);
  for (const m of marks) {
    const px = r1(x(m.ms));
    if (m.kind === 'fault' && m.endMs != null) parts.push(`<rect x="${px}" y="${MARGIN.top}" width="${r1(Math.max(1, x(m.endMs) - x(m.ms)))}" height="${bottom - MARGIN.top}" fill="#d55e00" fill-opacity="0.08"/>`);
    const dash = m.kind === 'step' ? ' stroke-dasharray="3 3"' : '';
    parts.push(`<line x1="${px}" x2="${px}" y1="${MARGIN.top}" y2="${bottom}" stroke="${m.kind === 'fault' ? '#d55e00' : MUTED}" stroke-width="0.8"${dash}><title>${escapeHtml(m.label)}</title></line>`);
  }
  return parts.join('');
}

const open = (size: Size, label: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${size.width} ${size.height}" role="img" aria-label="${escapeHtml(label)}" font-family="system-ui, sans-serif">`;

/** The chart's legend items (key and colour), for the report to list under it. */
export interface LegendItem {
  key: string;
  color: string;
  text: string;
}

/** A chart as SVG text, with what its legend shows. */
export interface ChartSvg {
  svg: string;
  legend: LegendItem[];
}

/** Latency of ok requests (p50, p90, p99 per second, ms) as SVG text. Pure. */
export function latencyChartSvg(buckets: readonly SeriesBucket[], bucketMs: number, durationMs: number, size: Size, marks: readonly ChartMarker[]): ChartSvg {
  const g = latencyGeometry(buckets, bucketMs, durationMs, size);
  const lines = g.series.map((s) => `<path d="${s.path}" fill="none" stroke="${LINE_COLORS[s.key]}" stroke-width="1.5" data-series="${s.key}"/>`).join('');
  return { svg: open(size, 'Latency of ok requests, p50, p90 and p99, ms') + frame(size, g.x, g.y, g.unit, marks) + lines + '</svg>', legend: g.series.map((s) => ({ key: s.key, color: LINE_COLORS[s.key], text: s.key })) };
}

/** Requests ended ok and failed per second as SVG text. Pure. */
export function throughputChartSvg(buckets: readonly SeriesBucket[], bucketMs: number, durationMs: number, size: Size, marks: readonly ChartMarker[]): ChartSvg {
  const g = throughputGeometry(buckets, bucketMs, durationMs, size);
  const lines = g.series.map((s) => `<path d="${s.path}" fill="none" stroke="${LINE_COLORS[s.key]}" stroke-width="1.5" data-series="${s.key}"/>`).join('');
  return { svg: open(size, 'Requests ended ok and failed per second') + frame(size, g.x, g.y, g.unit, marks) + lines + '</svg>', legend: g.series.map((s) => ({ key: s.key, color: LINE_COLORS[s.key], text: s.key })) };
}

/** Failures per second stacked by cause as SVG text. Pure. */
export function failuresChartSvg(buckets: readonly SeriesBucket[], bucketMs: number, durationMs: number, size: Size, marks: readonly ChartMarker[]): ChartSvg {
  const g = failuresGeometry(buckets, bucketMs, durationMs, size);
  const color = (i: number) => CAUSE_COLORS[i % CAUSE_COLORS.length];
  const areas = g.layers.map((l, i) => `<path d="${l.path}" fill="${color(i)}" data-cause="${escapeHtml(l.cause)}"><title>${escapeHtml(l.cause)}</title></path>`).join('');
  return { svg: open(size, 'Failures per second by cause') + frame(size, g.x, g.y, 'failed/s', marks) + areas + '</svg>', legend: g.layers.map((l, i) => ({ key: l.cause, color: color(i), text: `${l.cause} ${l.total}` })) };
}
