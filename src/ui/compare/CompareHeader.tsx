// The compare view's header: the pair picker, play / pause / step and speed for both runs, the
// shared clock, presenter mode, Share (its link on a row under the header), export and the way
// back to the single view.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useDismiss } from '../components/useDismiss';
import { SPEEDS, SPEED_SHORT_QUERY } from '../sim/speeds';
import { useMatchMedia } from '../components/useMatchMedia';
import { formatClock } from '../format';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';
import { READY_PAIRS, noPair } from './pairs';
import { CompareExportMenu } from './CompareExportMenu';
import { SeekingStatus } from '../components/SeekingStatus';
import { seekingShareNote, whenSeekLands } from '../sim/shareAfterSeek';
import { pairSeekLine } from './seekProgress';
import { pairReadyAt } from './readyMark';

const STATUS_TEXT: Record<CompareState['status'], string> = { loading: 'opening both…', ready: 'ready', playing: 'playing', paused: 'paused', done: 'finished', failed: 'stopped' };

/** The header over both panes. */
export function CompareHeader({ controller, s }: { controller: CompareController; s: CompareState }) {
  const busy = s.status === 'loading' || s.status === 'failed' || controller.panes.length < 2;
  // No pair will open (a link naming an unknown scenario, a side that failed): the pairs are
  // offered instead, and there is nothing to present or share.
  const none = noPair(controller.panes, s);
  const current = s.pair ? `${s.pair[0]},${s.pair[1]}` : '';
  const single = singleView(controller, s);
  // Both runs on their way to one moment (a link's, a timeline click): said so until they stand there.
  const seeking = s.seekingTo !== null && !s.settling && s.status !== 'loading' && s.status !== 'failed';
  const share = useShare(controller, s.shared);
  const short = useMatchMedia(SPEED_SHORT_QUERY);
  return (
    <>
    <header className="header compare-header">
      <span className="brand">meshsim</span>
      <label className="field compare-pick">
        <span className="field-label">Compare</span>
        <select data-testid="compare-select" title={pairName(s)} value={current} onChange={(e) => e.target.value && location.assign(`?compare=${e.target.value}`)}>
          {!READY_PAIRS.some((p) => `${p.a},${p.b}` === current) && <option value={current}>{pairName(s)}</option>}
          {READY_PAIRS.map((p) => (
            <option key={`${p.a},${p.b}`} value={`${p.a},${p.b}`}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {/* Busy while a seek runs: Play waits for it, and each pane's picture says how far its run has got (PaneSeeking). */}
      <div className="controls" aria-busy={seeking} data-busy={seeking || undefined}>
        {s.status === 'playing' ? (
          <button type="button" className="button button-primary" data-testid="pause" title="Pause both (Space)" onClick={() => void controller.pause()}>
            <span aria-hidden="true" className="icon">❚❚</span> Pause
          </button>
        ) : (
          <button type="button" className="button button-primary" data-testid="play" title={seeking ? `Play both once they stand at ${formatClock(s.seekingTo!)} (Space)` : 'Play both (Space)'} disabled={busy} onClick={() => controller.play()}>
            <span aria-hidden="true" className="icon">▶</span> {s.status === 'done' ? 'Play again' : 'Play'}
          </button>
        )}
        <button type="button" className="button" data-testid="step" disabled={busy || s.status === 'done'} title="One event in each run; the one behind then runs up to the other (.)" onClick={() => void controller.step()}>
          <span aria-hidden="true" className="icon">▶|</span> <span className="button-text">Step</span>
        </button>
        <label className="field">
          <span className="field-label">Speed</span>
          {/* Below 1280 px each speed's factor alone (Speed.short): the room goes to the pair's name. */}
          <select data-testid="speed" value={s.speedId} onChange={(e) => controller.setSpeed(e.target.value)}>
            {SPEEDS.map((x) => (
              <option key={x.id} value={x.id}>
                {short ? x.short : x.label}
              </option>
            ))}
          </select>
        </label>
        {/* data-ready: the moment both runs stand at with its figures (readyMark.ts), the "done" a script waits for. */}
        <span className={`status status-${seeking ? 'seeking' : s.status}`} data-testid="run-status" data-settling={s.settling ?? undefined} data-seeking-to={seeking ? s.seekingTo! : undefined} data-ready={pairReadyAt(s) ?? undefined} role="status">
          {s.settling ? `${s.settling}…` : seeking ? <SeekingStatus toMs={s.seekingTo!} /> : STATUS_TEXT[s.status]}
        </span>
      </div>
      <CompareClock controller={controller} s={s} seeking={seeking} />
      <button
        type="button"
        className="button button-quiet"
        data-testid="presenter-toggle"
        aria-pressed={s.presenter}
        disabled={none}
        title={none ? 'No pair to present: pick a pair below' : 'Presenter mode for a room: both pictures in the window, larger text, thinner chrome (f; Escape leaves it)'}
        onClick={() => controller.setPresenter(!s.presenter)}
      >
        {s.presenter ? 'Leave presenter' : 'Present'}
      </button>
      <ShareButton share={share} none={none} />
      <CompareExportMenu controller={controller} />
      <a className="button button-quiet" data-testid="single-view" href={single.href} title={single.title} aria-label="Single view">
        <svg className="button-glyph" viewBox="0 0 20 20" aria-hidden="true">
          <rect x="3.5" y="4.5" width="13" height="11" rx="1.5" />
        </svg>
        <span className="button-text">Single view</span>
      </a>
    </header>
    <ShareRow share={share} shared={s.shared} />
    </>
  );
}

/**
 * The shared clock; while both runs seek, in its place and width, the pane further from the target and how far it
 * got ("seeking A to" over "30.0 s · 40%", pairSeekLine), as the single view's clock says its seek (SimClock.tsx). The
 * time keeps its box meanwhile, unseen (compare.css), so nothing beside it moves; its exact ms is in data-value, as
 * the single view's clock has it.
 */
function CompareClock({ controller, s, seeking }: { controller: CompareController; s: CompareState; seeking: boolean }) {
  const ends = [0, 1].map((i) => controller.panes[i]?.info.durationMs ?? s.durationMs) as [number, number];
  const line = seeking ? pairSeekLine(s.seekReached, s.seekingTo!, ends) : null;
  return (
    <span className="compare-clock-box">
      <span className="compare-clock" data-testid="sim-time" data-value={s.simTime} data-a={s.paneTimes[0]} data-b={s.paneTimes[1]} title="The shared clock: the run behind sets the pace" data-held={line !== null || undefined}>
        {formatClock(s.simTime)}
      </span>
      {line && (
        <span className="compare-clock-seeking" data-testid="clock-seeking" aria-label={line.text}>
          <span>{line.lines[0]}</span> <span>{line.lines[1]}</span>
        </span>
      )}
    </span>
  );
}

/** What the picker calls a pair it does not list: "a vs b", or one scenario's title when both sides run it (a branch). Pure. */
function pairName(s: Pick<CompareState, 'pair' | 'titles'>): string {
  if (!s.pair) return '—';
  return s.pair[0] === s.pair[1] ? `${s.titles[0] || s.pair[0]}: two runs` : `${s.pair[0]} vs ${s.pair[1]}`;
}

/**
 * Where "Single view" leads: A at this moment with its faults; before a pair opens (a link
 * naming one unknown scenario), the side the link named rightly; with neither, the default.
 */
function singleView(controller: CompareController, s: CompareState): { href: string; title: string } {
  const a = controller.singleViewLink('A');
  if (a) return { href: a, title: 'Leave the compare view: A alone, at this moment, with its faults' };
  if (s.knownSide) return { href: `?scenario=${encodeURIComponent(s.knownSide)}`, title: `Leave the compare view: ${s.knownSide} alone, the side of the link that names a scenario` };
  return { href: '?', title: 'Leave the compare view for the single view' };
}

/**
 * Share's state: the link made (the store's `shared`) or the refusal, the two elements a press
 * inside keeps it open (the button, the row under the header), and the way to close it (a press
 * elsewhere, Escape, the row's Close), which hands the focus back to Share when it was in the row.
 */
function useShare(controller: CompareController, shared: string | null) {
  const [refused, setRefused] = useState<string | null>(null);
  // Share pressed during a seek: "seeking: the link will hold 60.0 s" until it lands (trial N16, 2).
  const [waiting, setWaiting] = useState<string | null>(null);
  const press = useRef(0);
  const button = useRef<HTMLButtonElement>(null);
  const row = useRef<HTMLDivElement>(null);
  const boxes = useMemo(() => [button, row] as const, []);
  const close = useCallback(() => {
    const hadFocus = row.current?.contains(document.activeElement) ?? false;
    press.current++;
    setRefused(null);
    setWaiting(null);
    controller.store.setState((d) => void (d.shared = null));
    if (hadFocus) button.current?.focus();
  }, [controller]);
  useDismiss(boxes, shared !== null || refused !== null || waiting !== null, close);
  const share = async () => {
    const mine = ++press.current;
    const target = controller.store.getState().seekingTo;
    if (target !== null && controller.shareRefusal() === null) {
      // The link holds the moment the seek lands on, made once the screen shows it.
      setRefused(null);
      controller.store.setState((d) => void (d.shared = null));
      setWaiting(seekingShareNote(target));
      await whenSeekLands(controller.store);
      if (mine !== press.current) return;
      setWaiting(null);
    }
    const url = controller.shareLink();
    setRefused(url === null ? (controller.shareRefusal() ?? 'No link yet') : null);
    if (!url) return;
    controller.store.setState((d) => void (d.shared = url));
    void navigator.clipboard?.writeText(url).catch(() => {});
  };
  return { refused, waiting, button, row, close, share };
}

type Share = ReturnType<typeof useShare>;

function ShareButton({ share, none }: { share: Share; none: boolean }) {
  return (
    <button
      ref={share.button}
      type="button"
      className="button button-quiet"
      data-testid="share"
      disabled={none}
      title={none ? 'No pair to share: pick a pair below' : 'Copy a link to this pair at this moment and speed, with the faults injected into each'}
      onClick={() => void share.share()}
    >
      Share
    </button>
  );
}

/**
 * The link made, or the refusal, on a row of its own under the header: the panes move down while
 * it shows, so it covers neither pane's title (it opened over the page under the button and hid
 * "B · with HTTP errors on payments…" at 1024x768, what B is at the moment a person shares it).
 * The field takes the focus, its text selected; Escape or Close shuts the row.
 */
function ShareRow({ share, shared }: { share: Share; shared: string | null }) {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (shared && !share.refused) field.current?.focus();
  }, [shared, share.refused]);
  if (!share.refused && !shared && !share.waiting) return null;
  return (
    <div className="compare-share-row" ref={share.row} data-testid="share-row">
      {share.waiting ? (
        <span className="compare-note" role="status" data-testid="share-waiting">
          {share.waiting}
        </span>
      ) : share.refused ? (
        <span className="compare-note" role="status" data-testid="share-refused">
          {share.refused}: no link made.
        </span>
      ) : (
        <>
          <label className="compare-share-label" htmlFor="compare-share-link">
            Link to this moment{navigator.clipboard ? ', copied' : ''}
          </label>
          <input id="compare-share-link" ref={field} className="compare-share-link" data-testid="share-link" readOnly value={shared!} onFocus={(e) => e.currentTarget.select()} />
        </>
      )}
      <button type="button" className="button button-quiet" data-testid="share-close" title="Close (Escape)" onClick={share.close}>
        Close
      </button>
    </div>
  );
}
