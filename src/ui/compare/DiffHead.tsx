// The head of a compare table of figures: "figure", each run's name in its pane's colour, "B/A".
// The figures table (MetricsDiff) and the stories' windows above it (StoryWindowFigures) share it.
import type { CompareState } from './compareStore';
import { PANE_COLORS } from './paneColors';
import { sideLabel } from './sideLabel';
import { keepUnits } from '../format';

/** The table's `<thead>`. `testIds`: the run heads carry `diff-head-A` / `diff-head-B` (the figures table's only, so each names one element). */
export function DiffHead({ s, testIds = false }: { s: CompareState; testIds?: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col">figure</th>
        <th scope="col" data-testid={testIds ? 'diff-head-A' : undefined}>
          <span className="compare-swatch" style={{ background: PANE_COLORS[0] }} />
          {keepUnits(sideLabel(s, 0))}
        </th>
        <th scope="col" data-testid={testIds ? 'diff-head-B' : undefined} className="diff-head-label">
          <span className="compare-swatch" style={{ background: PANE_COLORS[1] }} />
          {keepUnits(sideLabel(s, 1))}
        </th>
        <th scope="col" title="B / A; for latency and CPU also B - A, in the row's unit">
          B/A, B−A
        </th>
      </tr>
    </thead>
  );
}
