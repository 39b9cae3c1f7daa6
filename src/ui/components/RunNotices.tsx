// What the left panel says about opening a scenario and about a run that stopped for good:
// progress with a Cancel button while a file opens in its own worker, and, when the engine
// refuses to go on or the worker stops answering, the problem against the scenario that
// caused it with a way back.
import { useEffect, useState } from 'react';
import { formatSimTime } from '../format';
import type { Problem } from '../state/store';
import { OPEN_STAGES } from './openStages';
import { useAppStore, useController } from '../state/useAppStore';

/** The stages of opening a scenario, in order, as a person reads them. */
const STAGES = OPEN_STAGES;

/** Bytes as a person reads them: 512 B, 14 kB, 9.8 MB. Pure. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1e6) return `${Math.round(n / 1000)} kB`;
  return `${(n / 1e6).toFixed(1)} MB`;
}

/** Progress while a scenario opens; the run that was going on goes on meanwhile. */
export function OpenProgress() {
  const opening = useAppStore((s) => s.opening);
  const controller = useController();
  const [, setNow] = useState(0);
  // The elapsed seconds tick on their own: stages of a large file can each take a while.
  useEffect(() => {
    if (!opening) return;
    const id = window.setInterval(() => setNow(performance.now()), 500);
    return () => window.clearInterval(id);
  }, [opening]);
  if (!opening) return null;
  const i = Math.max(0, STAGES.findIndex((s) => s.stage === opening.stage));
  const seconds = Math.floor((performance.now() - opening.startedAt) / 1000);
  return (
    <section className="notice opening" role="status" aria-live="polite" data-testid="opening">
      <h2>
        Opening <span className="opening-name">{opening.label}</span>
      </h2>
      <p className="opening-stage" data-testid="opening-stage">
        {STAGES[i].text}… <span className="muted">
          step {i + 1} of {STAGES.length} · {formatBytes(opening.bytes)}
          {seconds > 0 ? ` · ${seconds} s` : ''}
        </span>
      </p>
      <div className="stage-bar" aria-hidden="true">
        <div className="stage-bar-fill" style={{ width: `${((i + 0.5) / STAGES.length) * 100}%` }} />
      </div>
      <p className="muted small">The current scenario keeps running until this one has loaded.</p>
      <button type="button" className="button button-quiet" data-testid="cancel-open" onClick={() => controller.cancelOpen()}>
        Cancel
      </button>
    </section>
  );
}

const HEADINGS = {
  stopped: 'stopped',
  hung: 'stopped answering',
  crashed: 'crashed',
} as const;

/** A run that cannot go on, named by its scenario, with the problem and where to go next. */
export function RunFailureNotice() {
  const failure = useAppStore((s) => s.runFailure);
  const controller = useController();
  if (!failure) return null;
  return (
    <section className="alert" role="alert" data-testid="run-failure">
      <h2>
        {failure.title} {HEADINGS[failure.kind]} at t = {formatSimTime(failure.atMs)}
      </h2>
      <p>The clock is stopped. Fix the scenario and open it again, or go on with another one.</p>
      <div className="alert-actions">
        {failure.reload.map((c) => (
          <button key={c.id} type="button" className="button" data-testid="reload" onClick={() => void controller.selectScenario(c.id)}>
            {c.verb} {c.label}
          </button>
        ))}
      </div>
      <ul className="problems" data-testid="run-problem">
        <li>{problemLine(failure.problem)}</li>
      </ul>
    </section>
  );
}

/** `path: message`, as the CLI prints it. */
export function problemLine(p: Problem) {
  return (
    <>
      <code>{p.path || '(scenario)'}</code>: {p.message}
    </>
  );
}
