// A windowed figure's cells in a compare table: A's and B's measured values (their notes in the titles) and B/A,
// marked where the runs are more than 10% apart. The stories' windows (StoryWindowFigures) and the picked window
// (CompareWindowFigures) draw their rows with it.
import type { MeasuredFigure } from '../../workers/figures';

/** The A, B and B/A cells of one row; `ratio` null reads "—". * `difference`: B - A where given ("+2.65 ms", the latency rows), after B/A as the CLI prints it.
 */
export function WindowCells({ a, b, ratio, difference }: { a: MeasuredFigure; b: MeasuredFigure; ratio: number | null; difference?: string | null }) {
  return (
    <>
      <td data-side="A" data-value={Number.isFinite(a.value) ? a.value : ''} title={a.note}>
        {a.text}
      </td>
      <td data-side="B" data-value={Number.isFinite(b.value) ? b.value : ''} title={b.note}>
        {b.text}
      </td>
      <td data-side="ratio" data-value={ratio ?? ''} className={ratio !== null && Math.abs(ratio - 1) > 0.1 ? 'diff-apart' : ''}>
        {ratio === null ? '—' : `${ratio.toFixed(2)}x`}
        {difference ? <span className="diff-delta" data-testid="diff-delta">{difference}</span> : null}
      </td>
    </>
  );
}
