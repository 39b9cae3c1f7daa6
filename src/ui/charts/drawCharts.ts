// Draws a chart's geometry (geometry.ts) into an SVG with D3: axes, lines or stacked areas, the
// narrative and fault markers, and the current time. Impure: it replaces the SVG's content.
import { axisBottom, axisLeft, select, type ScaleLinear } from 'd3';
import type { ChartGeometry, Size, StackGeometry } from './geometry';
import { MARGIN, valueTicks } from './geometry';
import { formatNumber } from '../format';
import { OkabeIto } from '../theme/palette';

/** A moment marked on every chart: a narrative step or a fault's start (and end). */
export interface ChartMarker {
  kind: 'step' | 'fault';
  ms: number;
  /** A fault's end, ms (null: still active or none). */
  endMs?: number | null;
  label: string;
}

/** Line colours by series key; causes take CAUSE_COLORS in order. Colour-blind safe (Okabe-Ito). */
export const LINE_COLORS: Record<string, string> = {
  p50: OkabeIto.blue,
  p90: OkabeIto.orange,
  p99: OkabeIto.vermillion,
  ok: OkabeIto.bluishGreen,
  failed: OkabeIto.vermillion,
};
export const CAUSE_COLORS = [OkabeIto.vermillion, OkabeIto.orange, OkabeIto.reddishPurple, OkabeIto.blue, OkabeIto.skyBlue, OkabeIto.yellow, OkabeIto.bluishGreen, '#7f7f7f'];

function frame(svg: SVGSVGElement, size: Size, x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, unit: string) {
  const root = select(svg).attr('width', size.width).attr('height', size.height).attr('viewBox', `0 0 ${size.width} ${size.height}`);
  root.selectAll('*').remove();
  const ticks = Math.max(2, Math.floor(size.width / 90));
  root
    .append('g')
    .attr('class', 'chart-axis chart-axis-x')
    .attr('transform', `translate(0,${size.height - MARGIN.bottom})`)
    .call(axisBottom(x).ticks(ticks).tickSizeOuter(0).tickFormat((v) => `${formatNumber(Number(v) / 1000, Number(v) % 1000 === 0 ? 0 : 1)} s`));
  root
    .append('g')
    .attr('class', 'chart-axis chart-axis-y')
    .attr('transform', `translate(${MARGIN.left},0)`)
    .call(axisLeft(y).tickValues(valueTicks(y)).tickSizeOuter(0));
  root.append('text').attr('class', 'chart-unit').attr('x', 4).attr('y', 9).text(unit);
  return root;
}

function markers(root: ReturnType<typeof frame>, size: Size, x: ScaleLinear<number, number>, marks: readonly ChartMarker[], nowMs: number) {
  const top = MARGIN.top;
  const bottom = size.height - MARGIN.bottom;
  const g = root.append('g').attr('class', 'chart-markers');
  for (const m of marks) {
    if (m.kind === 'fault' && m.endMs != null) {
      g.append('rect')
        .attr('class', 'chart-fault-span')
        .attr('x', x(m.ms))
        .attr('y', top)
        .attr('width', Math.max(1, x(m.endMs) - x(m.ms)))
        .attr('height', bottom - top);
    }
    g.append('line')
      .attr('class', m.kind === 'fault' ? 'chart-marker chart-marker-fault' : 'chart-marker chart-marker-step')
      .attr('data-marker', m.kind)
      .attr('x1', x(m.ms))
      .attr('x2', x(m.ms))
      .attr('y1', top)
      .attr('y2', bottom)
      .append('title')
      .text(m.label);
    // A fault flag over the plot, so its line is not taken for a series running off the top.
    if (m.kind === 'fault') g.append('text').attr('class', 'chart-fault-flag').attr('x', x(m.ms)).attr('y', top - 3).attr('text-anchor', 'middle').text('⚡').append('title').text(m.label);
  }
  g.append('line').attr('class', 'chart-now').attr('x1', x(nowMs)).attr('x2', x(nowMs)).attr('y1', top).attr('y2', bottom);
}

/**
 * How one line looks when its colour is not its key's (LINE_COLORS): the compare view colours
 * by run and dashes by figure, and marks each path with its run (`data-pane`).
 */
export interface LineStyle {
  stroke: string;
  /** SVG dash pattern; none when absent. */
  dash?: string;
  /** The run the line is of ('A' or 'B'), as the path's `data-pane`. */
  pane?: string;
}

/**
 * Draws lines (latency or throughput) with markers and the current time; each line coloured by
 * its key (LINE_COLORS), or as `style` says for its key. Impure: replaces the SVG's content.
 */
export function drawLines(svg: SVGSVGElement, size: Size, g: ChartGeometry, marks: readonly ChartMarker[], nowMs: number, style?: (key: string) => LineStyle): void {
  const root = frame(svg, size, g.x, g.y, g.unit);
  markers(root, size, g.x, marks, nowMs);
  const lines = root.append('g').attr('class', 'chart-lines');
  for (const s of g.series) {
    const look = style?.(s.key);
    const path = lines.append('path').attr('class', `chart-line chart-line-${s.key}`).attr('data-series', s.key).attr('d', s.path).attr('fill', 'none').attr('stroke', look?.stroke ?? LINE_COLORS[s.key] ?? OkabeIto.blue);
    if (look?.dash) path.attr('stroke-dasharray', look.dash);
    if (look?.pane) path.attr('data-pane', look.pane);
    // The line's last value drawn, for a reader to check against the CLI (run --client --from --to).
    path.attr('data-last', s.last);
  }
}

/** Draws stacked areas (failures by cause) with markers and the current time. Impure: replaces the SVG's content. */
export function drawStack(svg: SVGSVGElement, size: Size, g: StackGeometry, marks: readonly ChartMarker[], nowMs: number): void {
  const root = frame(svg, size, g.x, g.y, 'failed/s');
  const areas = root.append('g').attr('class', 'chart-areas');
  g.layers.forEach((l, i) => {
    areas.append('path').attr('class', 'chart-area').attr('data-cause', l.cause).attr('d', l.path).attr('fill', CAUSE_COLORS[i % CAUSE_COLORS.length]).append('title').text(l.cause);
  });
  markers(root, size, g.x, marks, nowMs);
}
