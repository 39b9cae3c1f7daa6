// The frame every chart sits in (the single view's three, the compare view's two): a title with
// a legend, a box the chart fills, and an SVG that the chart's effect draws into and that seeks
// to the moment under a click. A thin component: drawing is drawCharts.ts's.
import type { ReactNode, RefObject } from 'react';

/** One entry of a chart's legend: a swatch of `color` and `text`. */
export interface LegendEntry {
  key: string;
  color: string;
  text: string;
}

/**
 * A chart's figure. `onSeek` gets the click's x from the SVG's left edge, px. An empty legend
 * reads "none yet"; an entry too long for the chart's width ends in "…", its whole text in its
 * title (charts.css `.chart-legend-text`: a branch's long name, trial N16, 4). `children` go
 * inside the SVG before anything drawn (a `<title>`); `control` after the title (the latency
 * chart's client choice).
 */
export function ChartFigure({ testId, className = 'chart', title, legend, boxRef, svgRef, onSeek, children, control }: { testId: string; className?: string; title: string; legend: readonly LegendEntry[]; boxRef: RefObject<HTMLDivElement | null>; svgRef: RefObject<SVGSVGElement | null>; onSeek: (x: number) => void; children?: ReactNode; control?: ReactNode }) {
  return (
    <figure className={className} data-testid={testId}>
      <figcaption className="chart-title">
        {title}
        {control}
        <span className="chart-legend">
          {legend.length === 0 ? (
            <span className="chart-legend-none">none yet</span>
          ) : (
            legend.map((l) => (
              <span key={l.key} className="chart-legend-item" data-testid="chart-legend-item" title={l.text}>
                <span className="chart-swatch" style={{ background: l.color }} />
                <span className="chart-legend-text">{l.text}</span>
              </span>
            ))
          )}
        </span>
      </figcaption>
      <div className="chart-box" ref={boxRef}>
        <svg
          ref={svgRef}
          className="chart-svg"
          role="img"
          aria-label={`${title}; click to go to that moment`}
          onClick={(e) => onSeek(e.clientX - e.currentTarget.getBoundingClientRect().left)}
        >
          {children}
        </svg>
      </div>
    </figure>
  );
}
