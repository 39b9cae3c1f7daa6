// The head of a compare table of figures: "figure", each run's name in its pane's colour, "B/A".
// The figures table (MetricsDiff) and the stories' windows above it (StoryWindowFigures) share it.
import type { CompareState } from './compareStore';
import { PANE_COLORS } from './paneColors';
import { sideLabel } from './sideLabel';
import { keepUnits } from '../format';

/** The table's `<thead>`. `testIds`: the run heads carry `diff-head-A` / `diff-head-B` (the figures table's only, so each names one element). */
export function DiffHead({ s, testIds = false, short = false, shares = false }: { s: CompareState; testIds?: boolean; short?: boolean; shares?: boolean }) {
  // `shares`: a short table with a share among its rows, whose last cell is B - A in points.
  // `short`: each run's head is its letter, its whole name in the title (the stories' windows:
  // "B · with retries.attempts 2, retries.retryOn [...] on edge route 0 at 25.0 s" set the value
  // columns' widths and squeezed the figure names to a word a line, trial N16, 4).
  const head = (i: 0 | 1) => (short ? 'AB'[i] : keepUnits(sideLabel(s, i)));
  return (
    <thead>
      <tr>
        <th scope="col">figure</th>
        <th scope="col" data-testid={testIds ? 'diff-head-A' : undefined} title={short ? sideLabel(s, 0) : undefined}>
          <span className="compare-swatch" style={{ background: PANE_COLORS[0] }} />
          {head(0)}
        </th>
        <th scope="col" data-testid={testIds ? 'diff-head-B' : undefined} className="diff-head-label" title={short ? sideLabel(s, 1) : undefined}>
          <span className="compare-swatch" style={{ background: PANE_COLORS[1] }} />
          {head(1)}
        </th>
        <th scope="col" title="B / A; for latency and CPU also B - A, in the row's unit; for a share, B - A in percentage points (pts)">
          {short && !shares ? 'B/A' : 'B/A, B−A'}
        </th>
      </tr>
    </thead>
  );
}
