// The top bar: the product name, the scenario picker, and the run controls.
import { useRef } from 'react';
import { RunStatus } from '../state/store';
import { useAppStore, useController, useServices } from '../state/useAppStore';
import { SPEEDS } from '../sim/speeds';

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
        meshsim
      </div>
      <ScenarioPicker />
      <RunControls />
      <PresenterToggle />
      <ThemeToggle />
    </header>
  );
}

function ScenarioPicker() {
  const controller = useController();
  const entries = useAppStore((s) => s.entries);
  const selectedId = useAppStore((s) => s.selectedId);
  const loading = useAppStore((s) => s.status === RunStatus.loading);
  const fileRef = useRef<HTMLInputElement>(null);
  const builtin = entries.filter((e) => e.source === 'builtin');
  const own = entries.filter((e) => e.source === 'file');
  return (
    <div className="picker">
      <label className="field">
        <span className="field-label">Scenario</span>
        <select
          data-testid="scenario-select"
          value={selectedId ?? ''}
          disabled={loading}
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
      <label className="button button-quiet file-button" title="Open a scenario file (JSON or YAML) from your computer">
        Open file…
        <input
          ref={fileRef}
          data-testid="scenario-file"
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void controller.openFile(file);
            // Let the same file be chosen again after an edit.
            if (fileRef.current) fileRef.current.value = '';
          }}
        />
      </label>
    </div>
  );
}

function RunControls() {
  const controller = useController();
  const status = useAppStore((s) => s.status);
  const speedId = useAppStore((s) => s.speedId);
  const hasScenario = useAppStore((s) => s.info !== null);
  const busy = status === RunStatus.loading || status === RunStatus.crashed || !hasScenario;
  const playing = status === RunStatus.playing;
  return (
    <div className="controls">
      {playing ? (
        <button type="button" className="button button-primary" data-testid="pause" title="Pause (Space)" onClick={() => controller.pause()}>
          <span aria-hidden="true" className="icon">❚❚</span> Pause
        </button>
      ) : (
        <button type="button" className="button button-primary" data-testid="play" title="Play (Space)" disabled={busy} onClick={() => controller.play()}>
          <span aria-hidden="true" className="icon">▶</span> {status === RunStatus.done ? 'Play again' : 'Play'}
        </button>
      )}
      <button
        type="button"
        className="button"
        data-testid="step"
        disabled={busy || status === RunStatus.done}
        title="Process exactly one simulation event (.)"
        onClick={() => void controller.step()}
      >
        <span aria-hidden="true" className="icon">▶|</span> Step
      </button>
      <button
        type="button"
        className="button"
        data-testid="reset"
        disabled={busy}
        title="Start the run again from time zero"
        onClick={() => void controller.reset()}
      >
        <span aria-hidden="true" className="icon">↺</span> Reset
      </button>
      <label className="field">
        <span className="field-label">Speed</span>
        <select data-testid="speed" value={speedId} onChange={(e) => controller.setSpeed(e.target.value)}>
          {SPEEDS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <span className={`status status-${status}`} data-testid="run-status" role="status">
        {STATUS_TEXT[status]}
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
      title={presenter ? 'Leave presenter mode (f)' : 'Presenter mode: the picture and the story only, large type (f)'}
      onClick={() => store.setState((d) => void (d.presenter = !d.presenter))}
    >
      {presenter ? 'Exit presenter' : 'Present'}
    </button>
  );
}
