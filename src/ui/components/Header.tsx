// The top bar: the product name, the scenario picker, the run controls and the share link;
// under it, what was wrong with the link the app was opened from.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDismiss } from './useDismiss';
import '../recipe/recipe.css';
import { RunStatus } from '../state/store';
import { useAppStore, useController, useServices } from '../state/useAppStore';
import { SPEEDS, SPEED_SHORT_QUERY } from '../sim/speeds';
import { useMatchMedia } from './useMatchMedia';
import { ExportMenu } from '../export/ExportMenu';
import { useDropToOpen, useOpenFiles } from './ImportedManifests';
import { SeekingStatus } from './SeekingStatus';
import { seekingShareNote, whenSeekLands } from '../sim/shareAfterSeek';
import { usePace } from './PaceNote';
import { loadBuiltinTexts } from '../scenarios/catalog';
import { onceForDoubleClick } from './singleClick';
import { LinkProblemList } from './LinkProblemList';

const STATUS_TEXT: Record<RunStatus, string> = {
  loading: 'loading…',
  ready: 'ready',
  playing: 'running',
  paused: 'paused',
  done: 'finished',
  crashed: 'stopped',
};

export function Header() {
  return (
    <header className="header">
      <div className="brand" aria-label="meshsim">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M5 12 L18 5 M5 12 L18 19" />
          <circle cx="5" cy="12" r="3.2" />
          <circle cx="18" cy="5" r="3.2" />
          <circle cx="18" cy="19" r="3.2" />
        </svg>
        <span className="brand-name">meshsim</span>
      </div>
      <ScenarioPicker />
      <RunControls />
      <ShareLink />
      <ExportMenu />
      <PresenterToggle />
      <ThemeToggle />
      <LinkProblems />
    </header>
  );
}

/**
 * Copies a link to this run at this moment. When the clipboard is refused (no permission, an
 * insecure origin), the link shows in a field to copy by hand.
 */
function ShareLink() {
  const controller = useController();
  const { store } = useServices();
  const recipe = useAppStore((s) => s.recipe);
  const [shown, setShown] = useState<{ url: string; copied: boolean } | null>(null);
  // Share pressed during a seek: "seeking: the link will hold 60.0 s" until it lands (trial N16, 2).
  const [waiting, setWaiting] = useState<string | null>(null);
  const press = useRef(0);
  const field = useRef<HTMLInputElement>(null);
  // A popover: a press elsewhere (the charts drawer's tab, the picture) or Escape closes it; it
  // stayed over whatever lay under it until its own Close.
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => {
    press.current++;
    setShown(null);
    setWaiting(null);
  }, []);
  useDismiss(box, shown !== null || waiting !== null, close);
  useEffect(() => {
    if (shown && !shown.copied) field.current?.select();
  }, [shown]);
  useEffect(() => {
    if (!shown?.copied) return;
    const t = setTimeout(() => setShown(null), 2500);
    return () => clearTimeout(t);
  }, [shown]);
  const tooLarge = recipe?.scenario.kind === 'inline' && shown !== null && !shown.url.includes('data=');
  return (
    <div className="share" ref={box}>
      <button
        type="button"
        className="button button-quiet"
        data-testid="share-link"
        disabled={!recipe}
        title="Copy a link that opens this run at this moment: scenario, seed, injected faults, time and speed"
        onClick={async () => {
          const mine = ++press.current;
          const target = store.getState().seekingTo;
          if (target !== null) {
            // The link holds the moment the seek lands on, made once the screen shows it.
            setShown(null);
            setWaiting(seekingShareNote(target));
            await whenSeekLands(store);
            if (mine !== press.current) return;
            setWaiting(null);
          }
          const url = controller.shareLink();
          if (!url) return;
          try {
            await navigator.clipboard.writeText(url);
            setShown({ url, copied: true });
          } catch {
            setShown({ url, copied: false });
          }
        }}
      >
        Share
      </button>
      {waiting && (
        <div className="share-pop" role="status" data-testid="share-pop">
          <span data-testid="share-waiting">{waiting}</span>
        </div>
      )}
      {shown && (
        <div className={shown.copied && !tooLarge ? 'share-pop share-pop-copied' : 'share-pop'} role="status" data-testid="share-pop">
          {shown.copied ? <span data-testid="share-copied">Link copied.</span> : <span>The clipboard was refused; copy the link:</span>}
          {!shown.copied && (
            <input ref={field} className="share-field" data-testid="share-link-text" readOnly value={shown.url} aria-label="Link to this run" onFocus={(e) => e.currentTarget.select()} />
          )}
          {tooLarge && <span className="share-note">This scenario is more than 256 KB compressed, too large for a link: the link opens the default scenario.</span>}
          {!shown.copied && (
            <button type="button" className="button button-quiet button-small" onClick={() => setShown(null)}>
              Close
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The link the page was opened from, read when this module loads (before the app rewrites the address bar without a
 * bad part, such as `faults=`): shown under a bad link's problems so it can still be copied and sent (N19, item 10).
 */
const OPENED_LINK = typeof location === 'undefined' ? '' : location.href;

/** What was wrong with the link the app was opened from, as `param: message` lines (text only), and that link as opened. */
function LinkProblems() {
  const { store } = useServices();
  const problems = useAppStore((s) => s.linkProblems);
  if (!problems || problems.length === 0) return null;
  return (
    <section className="alert link-problems" role="alert" data-testid="link-problems">
      <h2>The link had {problems.length === 1 ? 'a problem' : `${problems.length} problems`}</h2>
      <LinkProblemList problems={problems} />
      <label className="link-opened">
        The link as opened (the address bar now holds it without the parts above):{' '}
        <input className="share-field" data-testid="link-opened" readOnly value={OPENED_LINK} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" className="button button-quiet" onClick={() => store.setState((d) => void (d.linkProblems = null))}>
        Dismiss
      </button>
    </section>
  );
}

function ScenarioPicker() {
  const controller = useController();
  const entries = useAppStore((s) => s.entries);
  const selectedId = useAppStore((s) => s.selectedId);
  const loading = useAppStore((s) => s.status === RunStatus.loading);
  const fileRef = useRef<HTMLInputElement>(null);
  const openFiles = useOpenFiles();
  useDropToOpen();
  const builtin = entries.filter((e) => e.source === 'builtin');
  const own = entries.filter((e) => e.source === 'file');
  return (
    <div className="picker">
      <label className="field">
        <span className="field-label">Scenario</span>
        <select
          data-testid="scenario-select"
          // The whole name on hover: the picker's width cuts long ones ("Control-plane reach: a line of busi…", N-report 9).
          title={entries.find((e) => e.id === selectedId)?.label}
          value={selectedId ?? ''}
          disabled={loading}
          // Reaching for the picker with the pointer warms a worker for the scenario about to be
          // picked. Not on focus: the keyboard's shortcuts are used with the picker focused
          // (all-scenarios.spec seeks so), and a worker warmed then is CPU taken from the seek.
          onPointerEnter={() => {
            controller.warmSpare?.();
            void loadBuiltinTexts().catch(() => undefined);
          }}
          onChange={(e) => void controller.selectScenario(e.target.value)}
        >
          {selectedId === null && <option value="">—</option>}
          {builtin.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
          {own.length > 0 && (
            <optgroup label="Your files">
              {own.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      {/* A real button (trial S50: a label with a hidden input was no control to a keyboard or a screen reader):
          Tab stops on it, Enter and Space open the file chooser through the input, which takes no Tab stop. */}
      <button
        type="button"
        className="button button-quiet file-button"
        data-testid="scenario-file-open"
        data-own-space
        title="Open a scenario file (JSON or YAML) from your computer"
        onClick={() => fileRef.current?.click()}
      >
        <svg className="button-glyph" viewBox="0 0 20 20" aria-hidden="true">
          <path d="M2.5 5.5 V15.5 H17.5 V7.5 H9.5 L7.5 5.5 Z" />
        </svg>
        <span className="button-text">Open file…</span>
      </button>
      <input
        ref={fileRef}
        data-testid="scenario-file"
        className="file-input"
        type="file"
        tabIndex={-1}
        aria-hidden="true"
        accept=".json,.yaml,.yml,application/json,application/yaml"
        multiple
        onChange={(e) => {
          // Several files (or one Kubernetes manifest) are imported as manifests (issue 15).
          void openFiles([...(e.target.files ?? [])]);
          // Let the same file be chosen again after an edit.
          if (fileRef.current) fileRef.current.value = '';
        }}
      />
    </div>
  );
}

function RunControls() {
  const controller = useController();
  const status = useAppStore((s) => s.status);
  const speedId = useAppStore((s) => s.speedId);
  const pace = usePace();
  const short = useMatchMedia(SPEED_SHORT_QUERY);
  const hasScenario = useAppStore((s) => s.info !== null);
  // A seek under way is what the run is doing, whatever its status (paused meanwhile).
  const seekingTo = useAppStore((s) => (s.status === RunStatus.loading || s.status === RunStatus.crashed ? null : s.seekingTo));
  const settling = useAppStore((s) => s.settling);
  const busy = status === RunStatus.loading || status === RunStatus.crashed || !hasScenario;
  // Play pressed while another scenario opens means that one (trial N16, 3): Pause takes it back.
  // A double click on Play plays: its second click lands on Pause and is ignored (singleClick.ts); it
  // was play then pause, so nothing seemed to happen (T4's trial, 9).
  const playOnOpen = useAppStore((s) => s.opening?.playOnOpen === true);
  const playing = status === RunStatus.playing || playOnOpen;
  return (
    <div className="controls">
      {playing ? (
        <button type="button" className="button button-primary" data-testid="pause" title={playOnOpen && status !== RunStatus.playing ? 'It plays once opened; press to keep it paused (Space)' : 'Pause (Space)'} onClick={onceForDoubleClick(() => controller.pause())}>
          <span aria-hidden="true" className="icon">❚❚</span> Pause
        </button>
      ) : (
        <button type="button" className="button button-primary" data-testid="play" title="Play (Space)" disabled={busy} onClick={() => controller.play()}>
          {/* "again" is a word the narrow header drops (as Step's and Reset's): "Play again" is 60 px
              wider than "Play", and at 1024 px that pushed the theme button onto a second row. */}
          <span aria-hidden="true" className="icon">▶</span>{' '}
          <span>
            Play{status === RunStatus.done && <span className="button-text"> again</span>}
          </span>
        </button>
      )}
      <button
        type="button"
        className="button"
        data-testid="step"
        disabled={busy || status === RunStatus.done}
        title="Process exactly one simulation event (.)"
        aria-label="Step"
        onClick={() => void controller.step()}
      >
        <span aria-hidden="true" className="icon">▶|</span> <span className="button-text">Step</span>
      </button>
      <button
        type="button"
        className="button"
        data-testid="reset"
        disabled={busy}
        title="Start the run again from time zero"
        aria-label="Reset"
        onClick={() => void controller.reset()}
      >
        <span aria-hidden="true" className="icon">↺</span> <span className="button-text">Reset</span>
      </button>
      <label className="field">
        <span className="field-label">Speed</span>
        <select
          data-testid="speed"
          value={speedId}
          onChange={(e) => controller.setSpeed(e.target.value)}
          style={pace ? { color: 'var(--queued-ink)' } : undefined}
          data-achieved={pace?.achieved}
          title={pace?.title}
        >
          {SPEEDS.map((s) => (
            <option key={s.id} value={s.id}>
              {/* No wider than the widest label ('0.05× slow motion'): a wider one widened the control and wrapped the
                  header onto two rows at 1600x1000 and 1024x768. */}
              {pace && s.id === speedId ? `${pace.keep} → at ${pace.at}` : short ? s.short : s.label}
            </option>
          ))}
        </select>
      </label>
      {/* Behind its speed, the pill says the speed kept under "running" (N19's trial, 5: inside the speed control it went
          unseen). Drawn from data-pace (styles.css `.status-behind::after`) so the pill's text stays "running" for those
          who read it, in its own width: nothing beside it moves. */}
      <span
        className={`status status-${seekingTo === null ? status : 'seeking'}${seekingTo === null && pace ? ' status-behind' : ''}`}
        data-testid="run-status"
        data-seeking-to={seekingTo ?? undefined}
        data-settling={settling ?? undefined}
        data-pace={seekingTo === null && pace ? `at ${pace.at}` : undefined}
        title={seekingTo === null ? pace?.title : undefined}
        role="status"
      >
        {seekingTo === null ? STATUS_TEXT[status] : <SeekingStatus toMs={seekingTo} />}
      </span>
    </div>
  );
}

function ThemeToggle() {
  const { store } = useServices();
  const theme = useAppStore((s) => s.theme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="button button-quiet theme-toggle"
      data-testid="theme-toggle"
      aria-pressed={theme === 'dark'}
      title={`Switch to the ${next} theme`}
      aria-label={`${next} theme`}
      onClick={() => store.setState((d) => void (d.theme = next))}
    >
      <span aria-hidden="true">◐</span>
    </button>
  );
}

function PresenterToggle() {
  const { store } = useServices();
  const presenter = useAppStore((s) => s.presenter);
  return (
    <button
      type="button"
      className="button button-quiet"
      data-testid="presenter-toggle"
      aria-pressed={presenter}
      title={presenter ? 'Leave presenter mode (f)' : 'Presenter mode: the picture, the story, the counters and the timeline, in large type (f)'}
      onClick={() => store.setState((d) => void (d.presenter = !d.presenter))}
    >
      {presenter ? 'Exit presenter' : 'Present'}
    </button>
  );
}
