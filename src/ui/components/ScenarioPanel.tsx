// The left panel: what the scenario is about, and what went wrong loading one.
import { formatSimTime } from '../format';
import { FaultsPanel } from './FaultsPanel';
import { ChangePanel } from '../changes/ChangePanel';
import { NarrativePanel } from './NarrativePanel';
import { OpenProgress, problemLine, RunFailureNotice } from './RunNotices';
import { useAppStore, useController, useServices } from '../state/useAppStore';
import { DEFAULT_SCENARIO_ID } from '../scenarios/catalog';
import { RunStatus } from '../state/store';
import { lazy, Suspense, useState } from 'react';
import { READY_PAIRS, pairHref } from '../compare/pairs';

/** Lint's errors on an opened file (trial N18, 1), in a chunk of its own. */
const OpenLintNotice = lazy(() => import('./OpenLintNotice'));
/** Any two shipped scenarios (trial N15, 8), in a chunk of its own. */
const PickPair = lazy(() => import('../compare/PickPair'));
import { ownVsShippedLink } from '../scenarios/scenarioPair';
import { EditorButton } from '../editor';
import { ImportWarnings } from './ImportedManifests';
import { KeepUnits } from '../narrative/KeepUnits';
import { OwnFaultsNote } from '../faults/OwnFaultsNote';
import { DEFAULT_SPEED_ID, speedById } from '../sim/speeds';

export function ScenarioPanel() {
  // While the page's first scenario loads, the panel holds its progress alone: the edit button and
  // the pairs under the progress card moved up 105 px and out of view when the scenario's title
  // took the card's place (a layout shift of 0.06 at 1024x768). They come with the scenario.
  const firstLoad = useAppStore((s) => s.info === null && s.status === RunStatus.loading);
  return (
    <aside className="panel" aria-label="Scenario">
      <OpenProgress />
      <LoadProblems />
      <ImportWarnings />
      <OpenLint />
      <RunFailureNotice />
      <RunError />
      <About />
      {!firstLoad && <EditorButton />}
      <NarrativePanel />
      <FaultsPanel />
      <ChangePanel />
      {!firstLoad && <ComparePairs />}
      <Details />
    </aside>
  );
}

/** Loads OpenLintNotice only when the file on screen has lint errors. */
function OpenLint() {
  const shown = useAppStore((s) => s.openLint !== null && s.openLint.forId === s.selectedId);
  return shown ? (
    <Suspense fallback={null}>
      <OpenLintNotice />
    </Suspense>
  ) : null;
}

function About() {
  const info = useAppStore((s) => s.info);
  if (!info) return null;
  return (
    <section className="about">
      <p className="eyebrow">Scenario · {info.name}</p>
      {/* The picker's name for it, its jargon explained ("503 UC", trial T4, 6): KeepUnits marks the glossary's terms. */}
      <h1 data-testid="scenario-title">
        <KeepUnits text={info.title} />
      </h1>
      {/* The person's injected faults, said above the fold (trial N12, 5: a link's fault was seen only far below). */}
      <OwnFaultsNote />
      {/* With a narrative to follow, the story comes first and the description after it. */}
      {info.description && info.narrative.length === 0 && <Description text={info.description} />}
    </section>
  );
}

function Description({ text }: { text: string }) {
  return (
    <p className="description" data-testid="scenario-description">
      <KeepUnits text={text} />
    </p>
  );
}

function Details() {
  const info = useAppStore((s) => s.info);
  if (!info) return null;
  const count = (kind: string) => info.topology.nodes.filter((n) => n.kind === kind).length;
  const parts = [
    plural(count('client'), 'client'),
    count('gateway') > 0 ? plural(count('gateway'), 'gateway') : '',
    plural(info.topology.nodes.filter((n) => n.kind !== 'client' && n.kind !== 'gateway' && n.kind !== 'control-plane').length, 'service'),
    count('control-plane') > 0 ? plural(count('control-plane'), 'control plane') : '',
    plural(info.topology.edges.length, 'link'),
  ].filter(Boolean);
  return (
    <section className="details">
      {info.description && info.narrative.length > 0 && (
        <>
          <h2 className="section-title">About this scenario</h2>
          <Description text={info.description} />
        </>
      )}
      <dl className="facts">
        <div>
          <dt>Runs for</dt>
          <dd>{formatSimTime(info.durationMs).replace(/\.0+ s$/, ' s')} simulated</dd>
        </div>
        <div>
          <dt>Topology</dt>
          <dd>{parts.join(', ')}</dd>
        </div>
        <div>
          <dt>Seed</dt>
          <dd>{info.seed}</dd>
        </div>
      </dl>
      <section className="howto">
        <h2>Reading the picture</h2>
        <p>
          Requests leave the client on the left and follow the arrows; each answer comes back on the same link, in the
          lighter lane. Dots move at simulated speed scaled by the speed setting. A hop too quick to see at this speed
          lights its lane with moving dashes instead.
        </p>
        <p>
          A shaded region is a service mesh: its control plane and CA sit inside it, wired to every sidecar proxy (a
          hexagon per replica; amber with stale config, red with none). A padlock marks a mutual-TLS link; a cloud, a
          third party outside every mesh. Hover a link for its failures and retries. Keys: Space play/pause, . step,
          n/p or PageDown/PageUp through the story, f presenter mode.
        </p>
      </section>
    </section>
  );
}

/** The ready-made pairs of the compare view: two scenarios side by side on one clock (each opens `?compare=a,b`). */
function ComparePairs() {
  const selectedId = useAppStore((s) => s.selectedId);
  // Every way into a compare keeps the speed you chose (pairHref); said here when it is not the default.
  const speedId = useAppStore((s) => s.speedId);
  return (
    <section className="compare-pairs-panel" aria-label="Compare two scenarios">
      <h2 className="section-title">Compare side by side</h2>
      <ul className="pair-list" data-testid="compare-pairs">
        {READY_PAIRS.map((p) => (
          <li key={`${p.a},${p.b}`}>
            <a href={pairHref(p.a, p.b, speedId, p.scope)} data-testid="compare-pair" className={selectedId === p.a || selectedId === p.b ? 'pair-current' : undefined} title={`${p.a} and ${p.b} on one seed and one clock${p.about ? `: ${p.about}` : ''}`}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
      <Suspense fallback={null}>
        <PickPair />
      </Suspense>
      <OwnFilePair />
      {speedId !== DEFAULT_SPEED_ID && (
        <p className="form-note" data-testid="compare-speed-note">
          A compare opens at your speed, {speedById(speedId).label}.
        </p>
      )}
    </section>
  );
}

/**
 * Your own files in the compare view (trial N11, 4: the pairs were the shipped ones only): while an
 * opened file runs, "Your file vs" a shipped scenario; and always, how to compare two of your own.
 */
function OwnFilePair() {
  const recipe = useAppStore((s) => (s.recipe?.scenario.kind === 'inline' ? s.recipe : null));
  const builtin = useAppStore((s) => s.entries).filter((e) => e.source === 'builtin');
  const speedId = useAppStore((s) => s.speedId);
  const [other, setOther] = useState(DEFAULT_SCENARIO_ID);
  const [problem, setProblem] = useState<string | null>(null);
  const compare = () => {
    if (!recipe) return;
    const r = ownVsShippedLink(recipe, other, speedId);
    if (r.ok) location.assign(`${location.pathname}${r.search}`);
    else setProblem(r.reason);
  };
  return (
    <>
      {recipe && (
        <div className="own-pair" data-testid="own-pair">
          <label className="own-pair-label">
            Your file vs{' '}
            <select data-testid="own-pair-other" value={other} onChange={(e) => setOther(e.target.value)}>
              {builtin.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.label}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" className="button button-quiet button-small" data-testid="own-pair-open" onClick={compare}>
            Compare
          </button>
          {problem && <p className="form-note">{problem}</p>}
        </div>
      )}
      <p className="form-note" data-testid="own-pair-how">
        Two of your own files: choose both together in Open file… (A the first, B the second).
      </p>
    </>
  );
}

function LoadProblems() {
  const problems = useAppStore((s) => s.loadProblems);
  // Trial N11, 7: a file refused before the page's first scenario had loaded (the open replaced
  // that load) left an empty app whose box said "the scenario that was running goes on".
  const nothingRuns = useAppStore((s) => s.info === null);
  const { store } = useServices();
  const controller = useController();
  if (!problems) return null;
  const n = problems.problems.length;
  return (
    <section className="alert" role="alert" data-testid="load-problems">
      <h2>Could not load {problems.source}</h2>
      {nothingRuns ? (
        <p data-testid="load-problems-idle">
          {n} problem{n === 1 ? '' : 's'} to fix in the file. Nothing is running yet: pick a scenario in the Scenario picker above, open {DEFAULT_SCENARIO_ID}, or
          open the file again once it is fixed.
        </p>
      ) : (
        <p>
          {n} problem{n === 1 ? '' : 's'} to fix in the file; the scenario that was running goes on.
        </p>
      )}
      <ul className="problems" data-testid="problems">
        {problems.problems.map((p, i) => (
          <li key={i}>{problemLine(p)}</li>
        ))}
      </ul>
      {nothingRuns && (
        <button type="button" className="button button-primary" data-testid="load-problems-default" onClick={() => void controller.selectScenario(DEFAULT_SCENARIO_ID)}>
          Open {DEFAULT_SCENARIO_ID}
        </button>
      )}{' '}
      <button type="button" className="button button-quiet" onClick={() => store.setState((d) => void (d.loadProblems = null))}>
        Dismiss
      </button>
    </section>
  );
}

function RunError() {
  const error = useAppStore((s) => s.error);
  if (!error) return null;
  return (
    <section className="alert" role="alert" data-testid="run-error">
      <p>{error}</p>
    </section>
  );
}

/** `path: message`, as the CLI prints it. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
