// The figures both stories measure over one window, side by side with B/A (storyWindows.ts), above
// the figures table, whose figures count from the run's start: so the lesson's number (retry-storm's
// 27.0 against its fix's 2.9 over 11 s – 24 s) reads in compare as in each pane's story step.
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';
import { storyWindowRows } from './storyWindows';
import { DiffHead } from './DiffHead';
import { WindowCells } from './WindowCells';

/** The stories' windowed figures of both runs, or nothing when the two stories share none. */
export function StoryWindowFigures({ controller, s }: { controller: CompareController; s: CompareState }) {
  const panes = controller.panes;
  if (panes.length < 2 || !s.figures) return null;
  const rows = storyWindowRows(
    [panes[0].info.narrative, panes[1].info.narrative],
    [s.series[0], s.series[1]],
    s.paneTimes,
    [panes[0].info.durationMs, panes[1].info.durationMs],
  );
  if (rows.length === 0) return null;
  return (
    <section className="compare-diff story-windows" aria-label="Figures over the stories' windows">
      <table className="metrics-diff" data-testid="story-windows">
        <caption>Over the stories&rsquo; windows: user requests that ended in each window, as each pane&rsquo;s story step counts them</caption>
        <DiffHead s={s} short shares={rows.some((r) => r.share)} />
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row" title={`A: ${r.a.note}. B: ${r.b.note}.`}>
                {r.label}
                <span className="diff-sub" data-testid="story-window-span">
                  over {r.window}
                </span>
              </th>
              <WindowCells a={r.a} b={r.b} ratio={r.ratio} share={r.share} />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
