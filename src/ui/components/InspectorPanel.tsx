// The inspector's panel (Inspector.tsx is its shell: the Inspect button and the stage's clicks):
// a node (replicas, proxies, certificates, ejections, breakers), a link (rate, latency, failures,
// tries, connections), or one request as a waterfall of its spans, and the list of requests to
// follow. State and worker calls live in inspectorStore; the waterfall's geometry comes from
// layoutWaterfall. Loaded as a chunk of its own (React.lazy), so not in the first page's JS.
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { closeInspector, followOnly, followRequests, inspectorStore, openInspector, refreshInspector, unfoldRequestList, type InspectTarget } from '../inspector/inspectorStore';
import { formatMs } from '../inspector/waterfall';
import { pickerGroups } from '../inspector/picker';
import { useAppStore } from '../state/useAppStore';
import { formatNumber } from '../format';
import { EdgeView, NodeView } from './InspectorFigures';
import { DotRequestView, Waterfall } from './RequestWaterfall';
import { useRowsBelow, useSelectedRowInView } from '../inspector/listInView';
import { fateFlag } from '../inspector/spanFlags';
import { retriedTitle } from '../inspector/retriedWords';
import { EnvoyFlag } from './EnvoyFlag';
import { faultOfOnly, faultOnlyLabel, faultOnlyValue } from '../faults/faultEffect';

/** How often an open panel asks the worker again while the run moves. */
const REFRESH_MS = 500;

/** The panel; `about`, when it is docked away from its picture, says whose run it asks about. */
export default function InspectorPanel({ about }: { about?: ReactNode }) {
  const target = useStore(inspectorStore, (s) => s.target);
  const message = useStore(inspectorStore, (s) => s.message);
  const node = useStore(inspectorStore, (s) => s.node);
  const edge = useStore(inspectorStore, (s) => s.edge);
  const trace = useStore(inspectorStore, (s) => s.trace);
  const dot = useStore(inspectorStore, (s) => s.dot);
  const simTime = useAppStore((s) => s.stats.simTime);
  const status = useAppStore((s) => s.status);
  const info = useAppStore((s) => s.info);
  // Another scenario: the list is of the new run.
  useEffect(() => void followRequests(), [info]);
  // Ask again while the run plays; a finished request's spans do not change.
  useEffect(() => {
    if (!target || status !== 'playing') return;
    if (target.kind === 'request' && trace && trace.id === target.id && !Number.isNaN(trace.end)) return;
    const t = setInterval(() => void refreshInspector(), REFRESH_MS);
    return () => clearInterval(t);
  }, [target, trace, status]);
  // Standing still, once after each frame (a seek, a step, a change): a paused run does not move,
  // and every call to the worker puts its idle snapshot fill off (sim.worker.ts).
  const seq = useAppStore((s) => s.stats.seq);
  useEffect(() => {
    if (target && status !== 'playing') void refreshInspector();
  }, [target, seq, status]);
  // The request list too: after a seek it named requests of the moment it was asked at (at 40 s,
  // none after 14 s; back at 12 s, some not yet sent). While playing it stays put under the
  // pointer until asked again.
  useEffect(() => {
    if (status !== 'playing') void followRequests();
  }, [seq, status]);
  return (
    <aside className={`inspector${about ? ' inspector-docked' : ''}`} data-testid="inspector" aria-label="Inspector">
      <header className="inspector-head">
        <h2>Inspector</h2>
        <Picker target={target} />
        <button type="button" className="button inspector-close" data-testid="inspector-close" aria-label="Close the inspector" onClick={closeInspector}>
          ×
        </button>
        {about && (
          <div className="inspector-about" data-testid="inspector-about">
            {about}
          </div>
        )}
      </header>
      <RequestList />
      <div className="inspector-body">
        {message && <p className="inspector-message" data-testid="inspector-message">{message}</p>}
        {target?.kind === 'node' && node && <NodeView node={node} />}
        {target?.kind === 'edge' && edge && <EdgeView edge={edge} edgeId={target.id} />}
        {target?.kind === 'request' && trace && <Waterfall trace={trace} now={simTime} />}
        {target?.kind === 'request' && !trace && dot && dot.id === target.id && <DotRequestView dot={dot} />}
      </div>
    </aside>
  );
}

/**
 * Choose a node or a link to inspect, by the name the picture gives it, grouped by kind (a
 * native select: typing a name's first letters finds it).
 */
function Picker({ target }: { target: InspectTarget | null }) {
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const groups = useMemo(() => (topology ? pickerGroups(topology) : []), [topology]);
  if (!topology) return null;
  const value = target && target.kind !== 'request' ? `${target.kind}:${target.id}` : '';
  return (
    <select
      className="inspector-picker"
      data-testid="inspector-picker"
      aria-label="What to inspect"
      value={value}
      onChange={(e) => {
        const [kind, id] = e.target.value.split(':');
        if (kind === 'node' || kind === 'edge') void openInspector({ kind, id: Number(id) });
      }}
    >
      <option value="">inspect…</option>
      {groups.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/**
 * What the request list holds, counted over the rows it lists (`listed`, the newest kept, at most 30;
 * `failed` of them failed): "2 of the 30 listed failed", or in a narrow panel "2/30 failed"; ticked
 * (every row failed) "Failed, newest first" or "newest 30" ("30 failed" read as the run's count beside
 * the counters' 307, trial N14). The panel's width picks the form
 * (inspector.css), the other hidden from screen readers as from the eye; the sampling rule is in
 * the title (U15's whole sentence did not fit the bar even at 1600x1000: cut after 30 characters).
 */
function RequestListNote({ failedOnly, only, listed, failed }: { failedOnly: boolean; only: string | null; listed: number; failed: number }) {
  const fault = faultOfOnly(only);
  const faultLabel = useAppStore((s) => (fault < 0 ? '' : faultOnlyLabel(s.faults.find((f) => f.id === fault), fault)));
  if (fault >= 0) {
    return (
      <span className="inspector-hint request-list-note" data-testid="request-list-note" title={`Kept requests a try of which this fault (${faultLabel}) failed, newest first, whatever their fate: ${failed} of the ${listed} listed failed. The app keeps the last 150 failed requests (the commonest cause gives way first) and the last 50 retried ones that ended ok.`}>
        <span className="request-list-note-wide">{`${faultLabel}: ${failed} of ${listed} failed`}</span>
        <span className="request-list-note-narrow">{`${failed}/${listed} failed`}</span>
      </span>
    );
  }
  const [wide, narrow] =
    only === 'retried'
      ? ['Retried, newest first', `${listed}`]
      : only !== null
        ? [`${only}, newest first`, `${listed}`]
        : failedOnly
          ? ['Failed, newest first', `newest ${listed}`]
          : [`${failed} of the ${listed} listed failed`, `${failed}/${listed} failed`];
  const title =
    only === 'retried'
      ? 'Requests with a try 2 or later at some hop, newest first: the app keeps the last 50 retried ones that still ended ok, besides the failed ones and the 1 in 20.'
      : only !== null
        ? `Requests that failed with ${only}, newest first: when its 150 kept failures are full the app drops the oldest of the commonest cause, so a rare cause stays listed.`
        : failedOnly
          ? 'Failed requests, newest first: the app keeps the last 150 failed requests (the commonest cause gives way first).'
          : `${failed} of the ${listed} requests listed here failed. One request in 20 is kept when it is sent, whatever its fate, so the failures here are the run’s share; the list shows the newest 30 kept.`;
  return (
    <span className="inspector-hint request-list-note" data-testid="request-list-note" title={title}>
      <span className="request-list-note-wide">{wide}</span>
      <span className="request-list-note-narrow">{narrow}</span>
    </span>
  );
}

/**
 * Which requests the list holds beyond "failed only": all, the retried ones, or those failed with
 * one cause (the run's causes so far, as the failed figure's chips list them; a chip's click
 * picks its cause here). Keyboard: a select.
 */
function OnlyPicker({ only }: { only: string | null }) {
  const failures = useAppStore((s) => s.stats.failures);
  const faults = useAppStore((s) => s.faults);
  const causes = Object.keys(failures).sort((a, b) => failures[b] - failures[a] || a.localeCompare(b));
  // The faults whose effect is counted and did something (FaultStatus.effect): each its own choice, named (faultEffect.ts).
  const marked = faults.filter((f) => (f.effect?.failed ?? 0) > 0).map((f) => ({ value: faultOnlyValue(f.id), label: faultOnlyLabel(f, f.id) }));
  const fault = faultOfOnly(only);
  if (fault >= 0 && !marked.some((m) => m.value === only)) marked.push({ value: only!, label: faultOnlyLabel(faults.find((f) => f.id === fault), fault) });
  if (only !== null && only !== 'retried' && fault < 0 && !causes.includes(only)) causes.push(only);
  return (
    <select
      className="request-only"
      data-testid="request-only"
      aria-label="Show only"
      title="Show only the retried requests, or those failed with one cause"
      value={only ?? ''}
      onChange={(e) => void followOnly(e.target.value || null)}
    >
      <option value="">all</option>
      <option value="retried">retried</option>
      {causes.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
      {marked.map((m) => (
        <option key={m.value} value={m.value}>
          {m.label}
        </option>
      ))}
    </select>
  );
}

/**
 * "Follow a request": the recent kept requests, failed ones by default. Once a request is picked
 * the list folds to its row and an "all N" button (the store's listFolded), so the waterfall under
 * it gets the panel's room; the button, a filter or "Follow a request" unfold it.
 */
function RequestList() {
  const requests = useStore(inspectorStore, (s) => s.requests);
  const failedOnly = useStore(inspectorStore, (s) => s.failedOnly);
  const only = useStore(inspectorStore, (s) => s.only);
  const listing = useStore(inspectorStore, (s) => s.listing);
  const target = useStore(inspectorStore, (s) => s.target);
  const folded = useStore(inspectorStore, (s) => s.listFolded) && target?.kind === 'request' && requests.length > 0;
  const box = useRef<HTMLElement>(null);
  useSelectedRowInView(box, target?.kind === 'request' ? target.id : null);
  const { below, more } = useRowsBelow(box, requests.length);
  // Unfolded by its button, the keyboard goes on from the picked row (or the list's first).
  const unfold = () => {
    unfoldRequestList();
    requestAnimationFrame(() => box.current?.querySelector<HTMLElement>('.request-row.selected, .request-row')?.focus());
  };
  return (
    <section className={`inspector-requests${folded ? ' requests-folded' : ''}`} aria-busy={listing} data-testid="follow-requests" ref={box}>
      <div className="inspector-requests-bar">
        <button
          type="button"
          className="button"
          data-testid="follow-request"
          onClick={() => {
            unfoldRequestList();
            void followRequests();
          }}
        >
          Follow a request
        </button>
        <label>
          <input
            type="checkbox"
            checked={failedOnly}
            data-testid="failed-only"
            onChange={(e) => {
              unfoldRequestList();
              void followRequests(e.target.checked, e.target.checked && only === 'retried' ? null : only);
            }}
          />{' '}
          failed only
        </label>
        <OnlyPicker only={only} />
        {/* What the list holds, in the bar's room left, or under the bar when that room is too small (inspector.css), the whole rule in its title.
            A narrow panel (1024x768: 318 px) shows the short form (inspector.css), count first. */}
        {/* Folded to the picked row, the note's place holds the way back to the whole list, its size said. */}
        {folded ? (
          <button
            type="button"
            className="button button-small request-list-unfold"
            data-testid="request-list-unfold"
            aria-expanded="false"
            aria-controls="inspector-request-list"
            title="Show the whole list again (the waterfall stays below it)"
            onClick={unfold}
          >
            ‹ all {requests.length}
          </button>
        ) : (
          requests.length > 0 && <RequestListNote failedOnly={failedOnly} only={only} listed={requests.length} failed={requests.filter((r) => r.cause).length} />
        )}
      </div>
      {requests.length > 0 ? (
        <>
          {/* What the list is of: unticked it is the 1-in-20 sample alone, so its failures are the run's share. */}
          <ol className="request-list" id="inspector-request-list" data-testid="request-list">
            {requests.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  data-request-id={r.id}
                  className={`request-row${r.cause ? ' failed' : ''}${target?.kind === 'request' && target.id === r.id ? ' selected' : ''}`}
                  onClick={() => void openInspector({ kind: 'request', id: r.id })}
                >
                  <span className="request-id">#{r.id}</span>
                  {/* The fate alone in .request-fate (what the specs and the failed colour read), the retried mark beside it in the same column. */}
                  <span className="request-fate-cell">
                    <span className="request-fate">{r.fate}</span>
                    {r.cause && fateFlag(r.fate) !== '' && (
                      <>
                        {' '}
                        <EnvoyFlag flags={fateFlag(r.fate)} />
                      </>
                    )}
                    {r.retries > 0 && (
                      <span className="request-retried" title={retriedTitle(r.retries)}>
                        {' '}↻{r.retries}
                      </span>
                    )}
                  </span>
                  <span className="request-when">{formatNumber(r.start / 1000, 2)} s</span>
                  <span className="request-dur">{Number.isNaN(r.durationMs) ? '…' : formatMs(r.durationMs)}</span>
                </button>
              </li>
            ))}
          </ol>
          {/* Rows below the fold, said where the list is cut (people did not see that it scrolls). */}
          {!folded && below > 0 && (
            <button type="button" className="request-list-more" data-testid="request-list-more" onClick={more}>
              {below} more ↓
            </button>
          )}
        </>
      ) : (
        <p className="inspector-hint" data-testid="request-list-empty">
          {only !== null ? `No ${only} request kept yet. ` : failedOnly ? 'No failed request kept yet. ' : 'No request kept yet. '}One request in 20, the last 150 failed and the last 50 retried ones are kept; press again as the run goes.
        </p>
      )}
    </section>
  );
}

