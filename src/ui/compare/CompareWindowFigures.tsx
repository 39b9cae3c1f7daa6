// "Figures over a window": a person picks from and to (seconds, as `npm run sim -- compare A B --from
// 11s --to 24s` takes them) and reads both runs' figures over it with B/A, in the stories' windows'
// table (DiffHead, the metrics-diff rows), the CLI's rows and numbers (pairWindow.ts): every service,
// or past 12 the 11 with the most attempts and one row folding the rest (foldServices). A bad value is
// said at its field and keeps the window shown; the window goes into the link (from=, to=).
import { useEffect, useState, type FormEvent } from 'react';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';
import { formatCount } from '../format';
import { DiffHead } from './DiffHead';
import { WindowCells } from './WindowCells';
import { foldServices, pairWindowProblem, pairWindowRows, parseWindowSeconds, windowSecs, type WindowFieldProblem } from './pairWindow';

/** A window end as the picker shows it: "11" (seconds). */
const typed = (ms: number | null) => (ms === null ? '' : String(+(ms / 1000).toFixed(3)));

/** The picker and, once a window is picked, its table; nothing before both panes open. */
export function CompareWindowFigures({ controller, s }: { controller: CompareController; s: CompareState }) {
  const panes = controller.panes;
  const [from, setFrom] = useState(typed(s.window?.fromMs ?? null));
  const [to, setTo] = useState(typed(s.window?.toMs ?? null));
  const [problem, setProblem] = useState<WindowFieldProblem | null>(null);
  // A window set elsewhere (the link) shows in the fields.
  useEffect(() => {
    setFrom(typed(s.window?.fromMs ?? null));
    setTo(typed(s.window?.toMs ?? null));
  }, [s.window]);
  if (panes.length < 2) return null;
  const durations: [number, number] = [panes[0].info.durationMs, panes[1].info.durationMs];
  const end = Math.min(...durations);
  const bucketMs = Math.max(s.series[0].bucketMs, s.series[1].bucketMs);
  const pick = (e: FormEvent) => {
    e.preventDefault();
    const f = parseWindowSeconds(from, 'from', 0);
    const t = parseWindowSeconds(to, 'to', null);
    const bad = !f.ok ? f.problem : !t.ok ? t.problem : pairWindowProblem({ fromMs: f.ms ?? 0, toMs: t.ms }, durations, bucketMs);
    setProblem(bad);
    if (bad || !f.ok || !t.ok) return;
    controller.store.setState((d) => void (d.window = { fromMs: f.ms ?? 0, toMs: t.ms }));
  };
  const clear = () => {
    setProblem(null);
    controller.store.setState((d) => void (d.window = null));
  };
  const w = s.window;
  const toMs = w ? (w.toMs ?? end) : end;
  const all = w && s.figures ? pairWindowRows(w, [s.series[0], s.series[1]], s.paneTimes, durations) : [];
  const services = foldServices(all);
  const rows = [...all.filter((r) => r.measure !== 'attempts-per-request'), ...services.shown];
  const folded = services.folded;
  const soFar = w !== null && s.simTime < toMs;
  const cli = `npm run sim -- compare ${s.pair?.[0] ?? 'A'} ${s.pair?.[1] ?? 'B'} --from ${w ? w.fromMs / 1000 : 11}s --to ${toMs / 1000}s`;
  const invalid = (field: 'from' | 'to') => (problem?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'compare-window-problem' } : {});
  return (
    <section className="compare-diff compare-window" aria-label="Figures over a window" data-testid="compare-window">
      <form className="compare-window-pick" onSubmit={pick}>
        <span className="compare-window-title">Figures over a window</span>
        <label>
          from{' '}
          <input data-testid="window-from" name="from" inputMode="decimal" size={4} placeholder="0" value={from} onChange={(e) => setFrom(e.target.value)} {...invalid('from')} /> s
        </label>
        <label>
          to{' '}
          <input data-testid="window-to" name="to" inputMode="decimal" size={4} placeholder={typed(end)} value={to} onChange={(e) => setTo(e.target.value)} title={`Empty: the shorter run's end (${windowSecs(end)})`} {...invalid('to')} /> s
        </label>
        <button type="submit" className="button" data-testid="window-show">
          Show
        </button>
        {w && (
          <button type="button" className="button button-quiet" data-testid="window-clear" onClick={clear}>
            Clear
          </button>
        )}
      </form>
      {problem && (
        <p className="compare-window-problem" role="alert" id="compare-window-problem" data-testid="window-problem" data-field={problem.field}>
          <code>{problem.field}</code>: {problem.message}
        </p>
      )}
      {w && rows.length > 0 && (
        <table className="metrics-diff" data-testid="window-figures" data-from-ms={w.fromMs} data-to-ms={toMs}>
          <caption title={`The CLI gives these: ${cli}`}>
            Over <span data-testid="window-span">{windowSecs(w.fromMs)} – {windowSecs(toMs)}</span>
            {soFar ? ', so far' : ''}, the same on both sides: user requests that ended in it, the latency of the ok ones (sent after the warm-up), and the tries made for them however long before
          </caption>
          <DiffHead s={s} short shares />
          <tbody>
            {rows.map((r) => (
              <tr key={r.label} data-measure={r.measure} data-service={r.service}>
                <th scope="row" title={`A: ${r.a.note}. B: ${r.b.note}.`}>
                  {r.label}
                </th>
                <WindowCells a={r.a} b={r.b} ratio={r.ratio} difference={r.difference} share={r.measure === 'failed-share'} />
              </tr>
            ))}
            {folded.count > 0 && (
              <tr data-testid="window-folded" data-count={folded.count}>
                <th scope="row" colSpan={4} className="compare-window-folded" title={`Every service's row: ${cli}`}>
                  and {formatCount(folded.count)} more services
                  {folded.most === null ? '' : `, each at most ${folded.most.toFixed(1)} attempts per user request on either side`}
                </th>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
