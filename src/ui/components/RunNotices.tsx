// What the left panel says about opening a scenario and about a run that stopped for good:
// progress with a Cancel button while a file opens in its own worker, and, when the engine
// refuses to go on or the worker stops answering, the problem against the scenario that
// caused it with a way back.
import { openingName } from './openingWords';
import { useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { formatClock } from '../format';
import { slowWorkerStore, stopSlowWorker } from '../sim/slowWorker';
import type { OpenStage, Problem } from '../state/store';
import { OPEN_STAGES } from './openStages';
import { useAppStore, useController } from '../state/useAppStore';

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
  if (!opening) return null;
  return (
    <OpeningNotice
      title={
        <>
          Opening {openingName(opening.label).lead}
          <span className="opening-name">{openingName(opening.label).name}</span>
        </>
      }
      opening={opening}
      testId="opening"
      note={<p className="muted small" data-testid="opening-note">{opening.playOnOpen ? 'Play pressed: it starts playing once loaded.' : 'The current scenario keeps running until this one has loaded.'}</p>}
      onCancel={() => controller.cancelOpen()}
    />
  );
}

/**
 * The notice while a scenario opens, in the single view (OpenProgress) and the compare view
 * (CompareOpening): `title`, the stage as a person reads it (OPEN_STAGES) with its step, the
 * file's size and the seconds so far, which tick on their own (stages of a large file, or events
 * at t = 0, can each take a while), a bar, an optional `note`, and a Cancel. Its stage line is
 * `${testId}-stage`.
 */
export function OpeningNotice({ title, opening, testId, className = '', note, onCancel }: { title: ReactNode; opening: { stage: OpenStage; bytes: number; startedAt: number }; testId: string; className?: string; note?: ReactNode; onCancel: () => void }) {
  const [, setNow] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setNow(performance.now()), 500);
    return () => window.clearInterval(id);
  }, []);
  const i = Math.max(0, OPEN_STAGES.findIndex((s) => s.stage === opening.stage));
  const seconds = Math.floor((performance.now() - opening.startedAt) / 1000);
  return (
    <section className={`notice opening ${className}`.trim()} role="status" aria-live="polite" data-testid={testId}>
      <h2>{title}</h2>
      <p className="opening-stage" data-testid={`${testId}-stage`}>
        {OPEN_STAGES[i].text}… <span className="muted">
          step {i + 1} of {OPEN_STAGES.length} · {formatBytes(opening.bytes)}
          {seconds > 0 ? ` · ${seconds} s` : ''}
        </span>
      </p>
      <div className="stage-bar" aria-hidden="true">
        <div className="stage-bar-fill" style={{ width: `${((i + 0.5) / OPEN_STAGES.length) * 100}%` }} />
      </div>
      {note}
      <button type="button" className="button button-quiet" data-testid="cancel-open" onClick={onCancel}>
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
        {failure.title} {HEADINGS[failure.kind]} at t = {formatClock(failure.atMs)}
      </h2>
      <p>
        {failure.kind === 'hung'
          ? 'The clock is stopped. Open it again (on a busy machine, give it time: close other work), or go on with another one.'
          : 'The clock is stopped. Fix the scenario and open it again, or go on with another one.'}
      </p>
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

/**
 * The worker is late to answer (sim/slowWorker.ts): how long it has waited, ticking, why that
 * may be, and a way to stop the run. The run goes on by itself when the answer comes.
 */
export function SlowWorkerNotice() {
  const sinceMs = useStore(slowWorkerStore, (s) => s.sinceMs);
  const answeredAfterMs = useStore(slowWorkerStore, (s) => s.answeredAfterMs);
  const [, setNow] = useState(0);
  useEffect(() => {
    if (sinceMs === null) return;
    const id = window.setInterval(() => setNow(performance.now()), 500);
    return () => window.clearInterval(id);
  }, [sinceMs]);
  if (sinceMs === null && answeredAfterMs !== null) {
    // A moment more on screen, so a late answer reads as such instead of a flash.
    return (
      <section className="notice slow-worker" role="status" aria-live="polite" data-testid="slow-worker-answered">
        <h2>The simulation answered after {(answeredAfterMs / 1000).toFixed(1)} s; the run goes on</h2>
      </section>
    );
  }
  if (sinceMs === null) return null;
  const seconds = Math.floor((performance.now() - sinceMs) / 1000);
  return (
    <section className="notice slow-worker" role="status" aria-live="polite" data-testid="slow-worker">
      <h2>The simulation has not answered for {seconds} s</h2>
      <p className="small">
        A large scenario on a busy machine can take this long; the run goes on when it answers. If it stays stuck, stop it.
      </p>
      <button type="button" className="button button-quiet" data-testid="stop-slow-worker" onClick={stopSlowWorker}>
        Stop the run
      </button>
    </section>
  );
}

/**
 * `path: message`, as the CLI prints it. The path may break only after a separator ('.' or '/'),
 * never inside a field's name: at 1024x768 'services.0.serviceTime' broke as 'services.0.serviceT'
 * / 'ime' (styles.css `.problems li` had overflow-wrap: anywhere).
 */
export function problemLine(p: Problem) {
  return (
    <>
      <code>{p.path ? pathWithBreaks(p.path) : '(scenario)'}</code>: {p.message}
    </>
  );
}

/** `path` with a line-break opportunity (wbr) after each '.' and '/'; the text reads unchanged. */
export function pathWithBreaks(path: string): ReactNode[] {
  return path.split(/(?<=[./])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]));
}
