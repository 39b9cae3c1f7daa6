// The verdict line in the compare timeline: the figures table's head rows where the table is
// below the fold (compare-fit windows, compare.css), with a button down to the table; led by the
// stories' window where both stories measure the failed share over one (verdict.ts).
import { useMemo } from 'react';
import { formatSimTime } from '../format';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';
import { diffRows } from './diff';
import { scopeInUse } from './MetricsDiff';
import { storyWindowRows } from './storyWindows';
import { clientsShort, storyVerdictWindow, verdictParts } from './verdict';

/**
 * "A vs B at 60.0 s: failed 33.4% vs 0.0% (-33.4 pts) over the stories' 21 s – 58 s · whole run
 * 22.1% vs 0.0% (-22.1 pts) · p99 … · Figures ↓", or without a shared window "A vs B at 60.0 s:
 * failed 22.1% vs 0.0% (-22.1 pts) · …"; with a client in scope and clients only one run has,
 * "A vs B at 58.0 s: B has 3 clients A has not · shoppers: failed 21.6% vs 0.0% …" (verdictParts);
 * nothing before both runs' first figures.
 */
export function CompareVerdict({ controller, s }: { controller: CompareController; s: CompareState }) {
  const scope = scopeInUse(s);
  const panes = controller.panes;
  const window = useMemo(
    () =>
      panes.length === 2 && s.figures
        ? storyVerdictWindow(storyWindowRows([panes[0].info.narrative ?? [], panes[1].info.narrative ?? []], [s.series[0], s.series[1]], s.paneTimes, [panes[0].info.durationMs, panes[1].info.durationMs]))
        : null,
    [panes, s.figures, s.series, s.paneTimes],
  );
  // Whose requests each figure counts, as the table says (trial T3, 1).
  const parts = useMemo(
    () => (s.figures ? verdictParts(diffRows(s.figures[0], s.figures[1], scope), window, { scope, clients: clientsShort(s.figures[0].summary, s.figures[1].summary) }) : []),
    [s.figures, scope, window],
  );
  if (parts.length === 0) return null;
  // The answer: the first figure after the clients' note. Where the line has one row's room (presenter mode, a wide
  // window 740 px tall or less) it stands alone in the first difference's place, the rest in the title (compare.css).
  const head = s.figures && clientsShort(s.figures[0].summary, s.figures[1].summary) ? 1 : 0;
  const whole = `A vs B at ${formatSimTime(s.figuresAt)}: ${parts.join(' · ')}`;
  return (
    <span className="compare-verdict" data-testid="compare-verdict" data-window={window?.window ?? ''}>
      <span className="compare-verdict-text" title={window ? `${whole}. ${window.label}: of user requests that ended ${window.window}, as each pane's story step counts them (the table's "Over the stories' windows"); whole run: from the runs' start to ${formatSimTime(s.figuresAt)}` : whole}>
        A vs B<span className="compare-verdict-when"> at {formatSimTime(s.figuresAt)}</span>:{' '}
        {parts.map((p, i) => (
          <span key={i} className={i === Math.min(head, parts.length - 1) ? 'compare-verdict-head' : 'compare-verdict-part'}>
            {i > 0 && <span className="compare-verdict-sep"> · </span>}
            {p}
          </span>
        ))}
      </span>{' '}
      {scope !== null && (
        // Whose requests, said where the answer is, and every client's a click away (trial T4, 1).
        <span className="compare-verdict-scope" data-testid="compare-verdict-scope">
          <span className="compare-verdict-scope-words">{scope === s.lessonClient ? `${scope} only, the lesson's clients` : `${scope} only`} </span>
          <button type="button" className="button button-quiet compare-verdict-more" data-testid="compare-scope-all" onClick={() => controller.store.setState((d) => void (d.scope = null))}>
            every client
          </button>
        </span>
      )}
      <button type="button" className="button button-quiet compare-verdict-more" onClick={() => document.querySelector('.compare-figures')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}>
        Figures ↓
      </button>
    </span>
  );
}
