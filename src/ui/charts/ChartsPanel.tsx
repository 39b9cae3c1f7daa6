// Three charts over the run's time: latency quantiles, throughput, failures by cause. Thin
// components: geometry.ts computes, drawCharts.ts draws, ChartFigure.tsx frames, and a click
// seeks there.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useAppStore, useController } from '../state/useAppStore';
import { seriesStore } from './seriesStore';
import { failuresGeometry, latencyGeometry, throughputGeometry, timeAt } from './geometry';
import { useChartSize } from './useChartSize';
import { ChartFigure } from './ChartFigure';
import { CAUSE_COLORS, LINE_COLORS, drawLines, drawStack, type ChartMarker } from './drawCharts';
import type { SeriesBucket } from '../../workers/protocol';
import { formatSimTime, possessive } from '../format';
import { seriesClients } from './latencyPoint';
import { faultName } from '../faults/faultName';

const NO_STEPS: never[] = [];

/** The narrative steps and faults of the run, as chart markers. */
function useMarkers(): ChartMarker[] {
  const steps = useAppStore((s) => s.info?.narrative ?? NO_STEPS);
  const faults = useAppStore((s) => s.faults);
  return useMemo(
    () => [
      ...steps.map((s, i) => ({ kind: 'step' as const, ms: s.at, label: `step ${i + 1}: ${s.title}` })),
      ...faults.map((f) => ({ kind: 'fault' as const, ms: f.startMs, endMs: f.pending ? null : f.endMs, label: `${faultName(f.type)} on ${f.target}${f.pending ? ' (to come)' : ''}` })),
    ],
    [steps, faults],
  );
}

type Kind = 'latency' | 'throughput' | 'failures';

function Chart({ kind, testId, title, buckets, bucketMs, client = null, control }: { kind: Kind; testId: string; title: string; buckets: SeriesBucket[]; bucketMs: number; client?: string | null; control?: ReactNode }) {
  const controller = useController();
  const svg = useRef<SVGSVGElement>(null);
  const [box, size] = useChartSize({ width: 300, height: 120 });
  const duration = useAppStore((s) => s.info?.durationMs ?? 1);
  const now = useAppStore((s) => s.stats.simTime);
  const marks = useMarkers();
  const geometry = useMemo(() => {
    if (kind === 'latency') return latencyGeometry(buckets, bucketMs, duration, size, client);
    if (kind === 'throughput') return throughputGeometry(buckets, bucketMs, duration, size);
    return failuresGeometry(buckets, bucketMs, duration, size);
  }, [kind, buckets, bucketMs, duration, size, client]);
  useEffect(() => {
    if (!svg.current) return;
    if ('layers' in geometry) drawStack(svg.current, size, geometry, marks, now);
    else drawLines(svg.current, size, geometry, marks, now);
  }, [geometry, marks, now, size]);
  const legend = 'layers' in geometry ? geometry.layers.map((l, i) => ({ key: l.cause, color: CAUSE_COLORS[i % CAUSE_COLORS.length], text: `${l.cause} ${l.total}` })) : geometry.series.map((s) => ({ key: s.key, color: LINE_COLORS[s.key], text: s.key }));
  // The totals count the closed seconds only: at 6.99 s 'http-5xx 29' (to 6 s) beside the counter's
  // 31 (to now) read as a contradiction (N-report 5). The title says to when they count.
  const closed = buckets.length ? buckets[buckets.length - 1].t + bucketMs : 0;
  const counted = kind === 'failures' && legend.length > 0 && closed < now ? `${title}, to ${formatSimTime(closed)}` : title;
  return (
    <ChartFigure testId={testId} title={counted} legend={legend} boxRef={box} svgRef={svg} onSeek={(x) => void controller.seek(timeAt(x, duration, size))} control={control}>
      <title>{`Click to go to that moment (now ${formatSimTime(now)})`}</title>
    </ChartFigure>
  );
}

/**
 * Whose latency the latency chart draws, where the run has more than one client: every client's or
 * one's (the compare view's "figures for" does the same for its charts). gateway-and-mesh's
 * shoppers' p99 sits under the run's, which bulk-export's and old-app's requests set.
 */
function ClientChoice({ clients, client, onPick }: { clients: readonly string[]; client: string | null; onPick: (c: string | null) => void }) {
  return (
    <select className="chart-client" data-testid="chart-latency-client" aria-label="Latency of whose requests" value={client ?? ''} onChange={(e) => onPick(e.target.value === '' ? null : e.target.value)}>
      <option value="">all clients</option>
      {clients.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </select>
  );
}

/** The charts tab: every closed second of the run so far; a click on any chart seeks there. */
export function ChartsPanel() {
  const { buckets, bucketMs } = useStore(seriesStore);
  const per = bucketMs === 1000 ? 'per second' : `per ${bucketMs / 1000} s`;
  const clients = seriesClients(buckets);
  const [picked, setPicked] = useState<string | null>(null);
  // A client the run (a new scenario) no longer has reads as every client's.
  const client = picked !== null && clients.includes(picked) ? picked : null;
  const choice = clients.length > 1 ? <ClientChoice clients={clients} client={client} onPick={setPicked} /> : undefined;
  return (
    <div className="charts" aria-label="Charts over time">
      <Chart kind="latency" testId="chart-latency" title={client === null ? `Latency of ok requests (${per})` : `Latency of ${possessive(client)} ok requests (${per})`} buckets={buckets} bucketMs={bucketMs} client={client} control={choice} />
      <Chart kind="throughput" testId="chart-throughput" title="Throughput: ended ok and failed" buckets={buckets} bucketMs={bucketMs} />
      <Chart kind="failures" testId="chart-failures" title="Failures by cause" buckets={buckets} bucketMs={bucketMs} />
    </div>
  );
}
