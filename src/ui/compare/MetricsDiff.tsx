// The figures table: both runs' figures at one moment, with B/A.
import { differenceText, hasDifference, pointsApart, pointsText } from '../../workers/compareDifference';
import { okOnlyWords } from '../../workers/okSets';
import { useMemo } from 'react';
import { formatSimTime, possessive } from '../format';
import { scopeInUse, type CompareState } from './compareStore';
import { clientSets, clientsLine, diffRows, formatDiffValue, hopsNote, latencyNote, unsharedServices } from './diff';
import { DiffHead } from './DiffHead';

/** "shoppers'" / "old-app's": a client's name as the owner of its requests (format.ts). */
export { possessive };

/** The scope the figures are read for (compareStore.ts). */
export { scopeInUse };

/** "Figures for: all clients | <client> …": the clients both runs have first, then those only one has. */
function ScopePicker({ s, scope, onScope }: { s: CompareState; scope: string | null; onScope: (scope: string | null) => void }) {
  const sets = clientSets(s.figures![0].summary, s.figures![1].summary);
  const names = [...sets.both, ...sets.onlyA, ...sets.onlyB];
  if (names.length < 2) return null;
  return (
    <label className="compare-scope">
      figures for{' '}
      <select data-testid="compare-scope" value={scope ?? ''} onChange={(e) => onScope(e.target.value === '' ? null : e.target.value)}>
        <option value="">all clients</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
            {sets.both.includes(n) ? '' : sets.onlyA.includes(n) ? ' (only A)' : ' (only B)'}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Both runs' figures at the last refresh, with their ratio, for every client or the one in scope; the services only one run has. */
export function MetricsDiff({ s, onScope }: { s: CompareState; onScope: (scope: string | null) => void }) {
  const scope = scopeInUse(s);
  const rows = useMemo(() => {
    const all = s.figures ? diffRows(s.figures[0], s.figures[1], scope) : [];
    // With a scope, the client's rows first, then the whole run's under a line that says so.
    return [...all.filter((r) => !r.allClients), ...all.filter((r) => r.allClients)];
  }, [s.figures, scope]);
  const firstAll = rows.find((r) => r.allClients)?.key;
  const only = s.figures ? unsharedServices(s.figures[0].summary, s.figures[1].summary) : null;
  // A seek under way: the figures stay those of the last moment both runs stood at, and say so.
  const seeking = s.seekingTo !== null && s.status !== 'loading' && s.status !== 'failed';
  if (!s.figures || !s.pair)
    return (
      <section className="compare-diff" data-testid="metrics-diff">
        {seeking && s.pair && (
          <p className="muted compare-note" data-testid="metrics-diff-seeking">
            Seeking both runs to {formatSimTime(s.seekingTo!)}: their figures show here once both stand there.
          </p>
        )}
      </section>
    );
  const side = (i: 0 | 1) => `${'AB'[i]} (${s.labels ? s.labels[i] : s.pair![i]})`;
  const hops = hopsNote(rows, [side(0), side(1)]);
  const latency = latencyNote(rows, [side(0), side(1)], scope);
  const clients = clientsLine(s.figures[0].summary, s.figures[1].summary, scope);
  // Beside the p99 in words, where the ‡ note is below the table (trial T3, 2).
  const failed = rows.find((r) => r.key === 'failed');
  const leftOut = okOnlyWords(failed?.a ?? null, failed?.b ?? null);
  return (
    <section className="compare-diff" aria-label="Figures of both runs">
      <div className="compare-scope-bar">
        <ScopePicker s={s} scope={scope} onScope={onScope} />
        {clients && (
          <span className="compare-clients-line" data-testid="compare-clients-line">
            {clients}
          </span>
        )}
      </div>
      <table className="metrics-diff" data-testid="metrics-diff" data-at={s.figuresAt} data-stale={seeking || undefined}>
        <caption>
          Both runs at {formatSimTime(s.figuresAt)}, <span data-testid="metrics-diff-since">counted since 0 s</span> · seed {s.figures[0].summary.seed}
          {scope !== null && ` · ${possessive(scope)} requests`}
          {seeking && <span data-testid="metrics-diff-seeking"> · seeking to {formatSimTime(s.seekingTo!)}: these figures stay until both stand there</span>}
        </caption>
        <DiffHead s={s} testIds />
        <tbody>
          {rows.map((r) => [
            r.key === firstAll && (
              <tr key="all-clients" className="diff-all-clients" data-testid="diff-all-clients">
                <th scope="rowgroup" colSpan={4}>
                  Below: the whole run, every client's requests (not split by client)
                </th>
              </tr>
            ),
            <tr key={r.key} data-key={r.key} className={`diff-${r.section}`}>
              <th scope="row" title={r.note ? `in ${r.unit}: ${r.note}` : `in ${r.unit}`}>
                {r.label}
                {hops && r.key === 'tries' && ' *'}
                {latency.hops && r.section === 'latency' && ' †'}
                {latency.mixed && r.section === 'latency' && <span data-testid="diff-mixed-mark"> ‡</span>}
                {r.sub && (
                  <span className="diff-sub" data-testid="diff-sub">
                    {r.sub}
                    {r.key === 'failed' && (
                      // Its window named where the number is, on the row's sub-line (a line of its own made the name two
                      // lines, storywindows.spec): the stories' figures read 33.4% over 21 s – 58 s beside it (trial T4, 5).
                      <span data-testid="diff-failed-window">; whole run, 0 s – {formatSimTime(s.figuresAt)}</span>
                    )}
                  </span>
                )}
                {r.key === 'p99' && leftOut && (
                  <span className="diff-sub" data-testid="diff-ok-only">
                    of ok requests: {leftOut}
                  </span>
                )}
              </th>
              <td data-side="A" data-value={r.a ?? ''}>
                {r.texts?.[0] ?? formatDiffValue(r, r.a)}
              </td>
              <td data-side="B" data-value={r.b ?? ''}>
                {r.texts?.[1] ?? formatDiffValue(r, r.b)}
              </td>
              {r.format === 'share' && pointsText(r.a, r.b) !== null ? (
                // A share's B - A in points, not B/A: 33.6% against 0% read "0.00x" (trial N17, 5).
                <td data-side="ratio" data-value={r.ratio ?? ''} data-points={pointsText(r.a, r.b)} className={pointsApart(r.a, r.b) ? 'diff-apart' : ''} title={`B - A in percentage points${r.ratio === null ? '' : `; B/A ${r.ratio.toFixed(2)}x`}`}>
                  {pointsText(r.a, r.b)}
                </td>
              ) : (
              // Not in bold when the latencies are over different requests (‡, trial N18, 3).
              <td data-side="ratio" data-value={r.ratio ?? ''} className={r.ratio !== null && Math.abs(r.ratio - 1) > 0.1 && !(latency.mixed && r.section === 'latency') ? 'diff-apart' : ''}>
                {r.ratio === null ? '—' : `${r.ratio.toFixed(2)}x`}
                {/* B - A beside it for latency and CPU, as Istio quotes a sidecar's cost (trial N16, 6). */}
                {hasDifference(r) && differenceText(r, r.difference ?? null) !== null && (
                  <span className="diff-delta" data-testid="diff-delta">
                    {differenceText(r, r.difference ?? null)}
                  </span>
                )}
              </td>
              )}
            </tr>,
          ])}
        </tbody>
      </table>
      {only && (only.onlyA.length > 0 || only.onlyB.length > 0) && (
        <p className="muted compare-note">
          {only.onlyA.length > 0 && `Only in A: ${only.onlyA.join(', ')}. `}
          {only.onlyB.length > 0 && `Only in B: ${only.onlyB.join(', ')}.`}
        </p>
      )}
      {hops && (
        <p className="muted compare-note" data-testid="diff-hops-note">
          * {hops}
        </p>
      )}
      {latency.mixed && (
        <p className="compare-note" data-testid="diff-mixed-note">
          {latency.mixed}
        </p>
      )}
      <p className="muted compare-note" data-testid="diff-latency-note">
        {latency.text}
      </p>
    </section>
  );
}
