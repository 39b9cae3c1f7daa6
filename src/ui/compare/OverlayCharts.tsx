// The compare view's charts: both runs' latency and failures over one time axis, A and B in
// their colours. Thin components: overlay.ts computes, drawCharts.ts draws (the single view's
// drawLines), ChartFigure.tsx frames, and a click seeks both runs there.
import { useEffect, useMemo, useRef } from 'react';
import { drawLines } from '../charts/drawCharts';
import { ChartFigure } from '../charts/ChartFigure';
import { MARGIN, timeAt } from '../charts/geometry';
import { useChartSize } from '../charts/useChartSize';
import type { SeriesBucket } from '../../workers/protocol';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';
import { overlayGeometry, type OverlayPick } from './overlay';
import { sideLabel } from './sideLabel';
import { keepUnits } from '../format';
import { PANE_COLORS } from './paneColors';
import { possessive, scopeInUse } from './MetricsDiff';
import { latencyPoint } from '../charts/latencyPoint';

function OverlayChart({ controller, s, testId, title, pick, unit }: { controller: CompareController; s: CompareState; testId: string; title: string; pick: readonly OverlayPick[]; unit: string }) {
  const svg = useRef<SVGSVGElement>(null);
  const [box, size] = useChartSize({ width: 300, height: 110 });
  const geometry = useMemo(() => overlayGeometry([s.series[0].buckets, s.series[1].buckets], s.series[0].bucketMs, s.durationMs, size, pick, unit), [s.series, s.durationMs, size, pick, unit]);
  useEffect(() => {
    if (!svg.current) return;
    const marks = [
      ...s.faults.map((f) => ({ kind: 'fault' as const, ms: f.atMs, label: f.label })),
      ...(s.divergence ? [{ kind: 'step' as const, ms: s.divergence.ms, label: `first differ: ${s.divergence.text}` }] : []),
    ];
    // Colour by pane (A blue, B orange); the quantile or fate by dash.
    drawLines(svg.current, size, geometry, marks, s.simTime, (key) => {
      const [side, figure] = key.split('-');
      return { stroke: PANE_COLORS[side === 'A' ? 0 : 1], dash: pick.find((p) => p.key === figure)?.dash, pane: side };
    });
  }, [geometry, size, s.simTime, s.faults, s.divergence, pick]);
  const legend = ([0, 1] as const).map((i) => ({ key: String(i), color: PANE_COLORS[i], text: keepUnits(sideLabel(s, i)) }));
  return <ChartFigure testId={testId} className="chart compare-chart" title={title} legend={legend} boxRef={box} svgRef={svg} onSeek={(x) => void controller.seek(timeAt(x, s.durationMs, size))} />;
}

/** p99 (solid) and p50 (dashed) of every client's ok requests, or of `client`'s (latencyPoint: a gap where it measured none). */
const latencyOf = (client: string | null): readonly OverlayPick[] => [
  { key: 'p99', value: (b: SeriesBucket) => latencyPoint(b, client, 'p99') },
  { key: 'p50', value: (b: SeriesBucket) => latencyPoint(b, client, 'p50'), dash: '4 3' },
];
const LATENCY_PICK = latencyOf(null);
const FAILED_PICK: readonly OverlayPick[] = [{ key: 'failed', value: (b: SeriesBucket) => b.failed }];
/** One client's failures a bucket (the series counts every client apart: seriesFor), 0 where the run has no such client. */
const failedOf = (client: string): readonly OverlayPick[] => [{ key: 'failed', value: (b: SeriesBucket) => b.clients[client]?.failed ?? 0 }];

/** Latency (p99 solid, p50 dashed) and failures of both runs, per series bucket; a click seeks both. */
export function OverlayCharts({ controller, s }: { controller: CompareController; s: CompareState }) {
  const per = s.series[0].bucketMs === 1000 ? 'per second' : `per ${s.series[0].bucketMs / 1000} s`;
  const scope = scopeInUse(s);
  const failedPick = useMemo(() => (scope === null ? FAILED_PICK : failedOf(scope)), [scope]);
  const latencyPick = useMemo(() => (scope === null ? LATENCY_PICK : latencyOf(scope)), [scope]);
  return (
    <div className="compare-charts" style={{ ['--chart-margin' as string]: `${MARGIN.left}px` }}>
      <OverlayChart controller={controller} s={s} testId="compare-chart-latency" title={`Latency of ${scope === null ? '' : `${possessive(scope)} `}ok requests, p99 (solid) and p50 (dashed), ${per}`} pick={latencyPick} unit="ms" />
      <OverlayChart controller={controller} s={s} testId="compare-chart-failures" title={scope === null ? `Requests failed, ${per}` : `${possessive(scope)} requests failed, ${per}`} pick={failedPick} unit="failed/s" />
    </div>
  );
}
