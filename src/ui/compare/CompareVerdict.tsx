// The verdict line in the compare timeline: the figures table's head rows where the table is
// below the fold (compare-fit windows, compare.css), with a button down to the table.
import { useMemo } from 'react';
import { formatSimTime } from '../format';
import type { CompareState } from './compareStore';
import { diffRows } from './diff';
import { scopeInUse } from './MetricsDiff';
import { verdictParts } from './verdict';

/** "At 60.0 s: failed 22.1% vs 0.0% (-22.1 pts) · p99 … · Figures ↓"; nothing before both runs' first figures. */
export function CompareVerdict({ s }: { s: CompareState }) {
  const scope = scopeInUse(s);
  const parts = useMemo(() => (s.figures ? verdictParts(diffRows(s.figures[0], s.figures[1], scope)) : []), [s.figures, scope]);
  if (parts.length === 0) return null;
  return (
    <span className="compare-verdict" data-testid="compare-verdict">
      <span className="compare-verdict-text">
        A vs B at {formatSimTime(s.figuresAt)}: {parts.join(' · ')}
      </span>{' '}
      <button type="button" className="button button-quiet compare-verdict-more" onClick={() => document.querySelector('.compare-figures')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}>
        Figures ↓
      </button>
    </span>
  );
}
