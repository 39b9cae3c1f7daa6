// A windowed figure's cells in a compare table: A's and B's measured values (their notes in the titles) and B/A,
// marked where the runs are more than 10% apart; a share's B - A in points instead, marked a point or more apart. The stories' windows (StoryWindowFigures) and the picked window
// (CompareWindowFigures) draw their rows with it.
import type { MeasuredFigure } from '../../workers/figures';
import { pointsApart, pointsText } from '../../workers/compareDifference';

/**
 * The A, B and B/A cells of one row; `ratio` null reads "—". `share`: the values are shares
 * (fractions), and the last cell reads B - A in points ("-33.6 pts", trial N17, 5), its ratio kept
 * in `data-value` and the title.
 * `difference`: B - A where given ("+2.65 ms", the latency rows), after B/A as the CLI prints it.
 */
export function WindowCells({ a, b, ratio, share = false, difference }: { a: MeasuredFigure; b: MeasuredFigure; ratio: number | null; difference?: string | null; share?: boolean }) {
  const points = share ? pointsText(a.value, b.value) : null;
  if (points !== null)
    return (
      <>
        <td data-side="A" data-value={a.value} title={a.note}>
          {a.text}
        </td>
        <td data-side="B" data-value={b.value} title={b.note}>
          {b.text}
        </td>
        <td data-side="ratio" data-value={ratio ?? ''} data-points={points} className={pointsApart(a.value, b.value) ? 'diff-apart' : ''} title={`B - A in percentage points${ratio === null ? '' : `; B/A ${ratio.toFixed(2)}x`}`}>
          {points}
        </td>
      </>
    );
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
