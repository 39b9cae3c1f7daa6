// The compare view's overlaid charts as geometry: both runs' lines on one time axis and one
// value scale, so A's and B's can be read against each other. Pure; drawCharts.ts draws it.
import type { SeriesBucket } from '../../workers/protocol';
import { gappedPath, timeScale, valueScale, type ChartGeometry, type Size } from '../charts/geometry';

/** A line to draw for each run: its key and its value in a bucket (null leaves a gap; a lone bucket is a tick). */
export interface OverlayPick {
  key: string;
  value: (b: SeriesBucket) => number | null;
  /** SVG dash pattern, to tell two lines of one run apart. */
  dash?: string;
}

/**
 * Lines of A (`A-<key>`) and B (`B-<key>`) on one time axis (the longer run's duration, ms) and
 * one value scale from 0 to the largest value of either, for `pick`'s figures. Pure.
 */
export function overlayGeometry(series: readonly [readonly SeriesBucket[], readonly SeriesBucket[]], bucketMs: number, durationMs: number, size: Size, pick: readonly OverlayPick[], unit: string): ChartGeometry {
  const x = timeScale(durationMs, size);
  let max = 0;
  for (const list of series) for (const b of list) for (const p of pick) max = Math.max(max, p.value(b) ?? 0);
  const y = valueScale(max, size, 1);
  const out: ChartGeometry['series'] = [];
  series.forEach((list, i) => {
    for (const p of pick) {
      // The last value drawn (a gap's bucket skipped), as the single view's lines keep it.
      let last = 0;
      for (let k = list.length - 1; k >= 0; k--) {
        const v = p.value(list[k]);
        if (v !== null) {
          last = v;
          break;
        }
      }
      out.push({ key: `${i === 0 ? 'A' : 'B'}-${p.key}`, path: gappedPath(list, bucketMs, x, y, p.value), last });
    }
  });
  return { x, y, series: out, unit };
}

